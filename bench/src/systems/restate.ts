// The peer engine: restate-server (from @restatedev/restate-server) on loopback ports with a temp base dir,
// plus the peer's Node process (service endpoint + HTTP front, peer/main.ts), registered via the admin API.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { call, expectStatus, waitFor } from '../harness/http.ts';
import { freePort } from '../harness/ports.ts';
import { startService, type Service } from '../harness/process.ts';
import type { SystemUnderTest } from './system.ts';

const require = createRequire(import.meta.url);
const PEER = fileURLToPath(new URL('../peer/main.ts', import.meta.url));

/** The platform binary the npm package's launcher would spawn (spawned directly so SIGTERM reaches it). */
function restateBinary(): string {
  return require.resolve(`@restatedev/restate-server-${process.platform}-${process.arch}/bin/restate-server`);
}

export async function startRestate(): Promise<SystemUnderTest & { ingress: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-restate-'));
  const [ingressPort, adminPort, fabricPort] = [await freePort(), await freePort(), await freePort()];
  const ingress = `http://127.0.0.1:${ingressPort}`;
  const admin = `http://127.0.0.1:${adminPort}`;
  const services: Service[] = [];
  const stop = async () => {
    for (const service of services.reverse()) await service.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    services.push(await startService({
      name: 'restate-server',
      command: restateBinary(),
      args: ['--no-logo', '--listen-mode', 'tcp', '--base-dir', join(dir, 'data'), '--log-format', 'compact', '--log-disable-ansi-codes', 'true'],
      env: {
        ...process.env,
        RESTATE_INGRESS__BIND_ADDRESS: `127.0.0.1:${ingressPort}`,
        RESTATE_ADMIN__BIND_ADDRESS: `127.0.0.1:${adminPort}`,
        RESTATE_BIND_ADDRESS: `127.0.0.1:${fabricPort}`,
        RESTATE_ADVERTISED_ADDRESS: `http://127.0.0.1:${fabricPort}/`,
        // no phoning home: telemetry off (DO_NOT_TRACK is honoured too); its release check (GitHub) has no
        // switch we could find, so any outbound HTTPS goes to a closed loopback port via the proxy settings
        RESTATE_DISABLE_TELEMETRY: 'true',
        DO_NOT_TRACK: '1',
        HTTPS_PROXY: 'http://127.0.0.1:9',
        HTTP_PROXY: 'http://127.0.0.1:9',
        NO_PROXY: '127.0.0.1,localhost',
        ...(process.env.BENCH_RESTATE_PARTITIONS ? { RESTATE_DEFAULT_NUM_PARTITIONS: process.env.BENCH_RESTATE_PARTITIONS } : {}),
      },
      readyLine: /Ingress HTTP listening/,
      timeoutMs: 60_000,
    }));
    await waitFor('the Restate admin API', 60_000, async () => ((await call(admin, 'GET', '/health').catch(() => undefined))?.status === 200 ? true : undefined));

    const peer = await startService({
      name: 'restate-peer',
      command: process.execPath,
      args: ['--experimental-strip-types', '--no-warnings', PEER, '--ingress', ingress],
      readyLine: /Peer endpoint (http:\/\/\S+) front (http:\/\/\S+)/,
      timeoutMs: 30_000,
    });
    services.push(peer);
    await expectStatus(admin, 'POST', '/deployments', { uri: peer.ready[1], force: true }, 200, 201);
    const front = peer.ready[2]!;
    // partitions become leaders a little after start: wait until a call goes through end to end
    await waitFor('the peer to answer through Restate', 60_000, async () => ((await call(front, 'GET', '/api/store').catch(() => undefined))?.status === 200 ? true : undefined), 250);

    return {
      name: 'restate',
      origin: front,
      ingress,
      signalAddStock: (itemId) => ({
        method: 'POST',
        path: '/runtime/webhooks/durabletask/entities/Inventory/store?op=addStock',
        body: { itemId, quantity: 1 },
      }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
