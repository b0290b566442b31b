// The store: the app on the local Functions host, in a child process, with a fresh file-backed store (the
// host's default durable settings). BENCH_HOST_NODE_ARGS adds Node flags, e.g. "--cpu-prof --cpu-prof-dir=DIR".
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startService } from '../harness/process.ts';
import { durableSignalAddStock, type SystemUnderTest } from './system.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HOST_CLI = join(ROOT, 'host/dist/cli/main.js');
const APP_DIR = join(ROOT, 'app');

/** Why the store cannot run yet (host or app not built), or undefined when it can. */
export function storeUnavailable(): string | undefined {
  if (!existsSync(HOST_CLI)) return `the host is not built (${HOST_CLI} is missing; run npm run build)`;
  if (!existsSync(join(APP_DIR, 'dist'))) return 'the app is not built (app/dist is missing; run npm run build)';
  return undefined;
}

/** Which build to run: the repository's by default; `npm run compare` passes other builds of the app or the host. */
export interface StoreBuild {
  /** an app folder (package.json, host.json, the built files its main names) */
  appDir?: string;
  /** the host's cli/main.js */
  hostCli?: string;
}

export async function startStore(build: StoreBuild = {}): Promise<SystemUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
  const nodeArgs = (process.env.BENCH_HOST_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const service = await startService({
    name: 'store host',
    command: process.execPath,
    args: [...nodeArgs, build.hostCli ?? HOST_CLI, '--app', build.appDir ?? APP_DIR, '--port', '0', '--data', join(dir, 'store.sqlite')],
    cwd: ROOT,
    // the bench creates its own catalog, the same on every system
    env: { ...process.env, STORE_SEED_SAMPLE_CATALOG: 'false' },
    readyLine: /Host listening on (http:\/\/\S+)/,
    timeoutMs: 60_000,
  });
  return {
    name: 'store',
    origin: service.ready[1]!.replace(/\/$/, ''),
    signalAddStock: durableSignalAddStock,
    async stop() {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
