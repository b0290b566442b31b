// The store: the app on the local Functions host, in a child process, with a fresh file-backed store (the
// host's default durable settings). BENCH_HOST_NODE_ARGS adds Node flags, e.g. "--cpu-prof --cpu-prof-dir=DIR".
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usageError } from '../harness/cli.ts';
import { startService } from '../harness/process.ts';
import { durableSignalAddStock, type SystemUnderTest } from './system.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HOST_CLI = join(ROOT, 'host/dist/cli/main.js');
const APP_DIR = join(ROOT, 'app');
/** the built storefront, served as `npm start` does (the storefront scenario loads it) */
const WEB_DIST = join(ROOT, 'web/dist');

/** Which build to run: the repository's by default; `--app` and `npm run compare` pass other builds of the app or the host. */
export interface StoreBuild {
  /** an app folder (package.json, host.json, the built files its main names) */
  appDir?: string;
  /** the host's cli/main.js */
  hostCli?: string;
}

/** Why the store cannot run yet (host or app not built), or undefined when it can. */
export function storeUnavailable(build: StoreBuild = {}): string | undefined {
  const hostCli = build.hostCli ?? HOST_CLI;
  if (!existsSync(hostCli)) return `the host is not built (${hostCli} is missing; run npm run build)`;
  if (!build.appDir && !existsSync(join(APP_DIR, 'dist'))) return 'the app is not built (app/dist is missing; run npm run build)';
  return undefined;
}

/**
 * `APP_DIR[,HOST_CLI]` from a command line, paths as the user typed them (npm runs the bench's scripts in
 * bench/; INIT_CWD is where npm was started). A folder without package.json or a missing HOST_CLI is a usage error.
 */
export function storeBuildArgument(usage: string, text: string): StoreBuild {
  const [appDir, hostCli] = text.split(',').map((p) => resolve(process.env.INIT_CWD ?? process.cwd(), p));
  if (!existsSync(join(appDir!, 'package.json'))) usageError(usage, `${appDir} is not a built app (no package.json)`);
  if (hostCli && !existsSync(hostCli)) usageError(usage, `${hostCli} does not exist`);
  return { appDir, ...(hostCli ? { hostCli } : {}) };
}

/** Writes data straight into the host's SQLite file before the host starts (scenarios that need a big store). */
export type StoreSeed = (dataPath: string) => Promise<void>;

export interface StoreStart {
  /** data written into the SQLite file before the host starts */
  seeds?: readonly StoreSeed[];
  /** the host's durable engine profile (host README "Engine profiles"): Azure's latencies and consistency */
  engineProfile?: 'local' | 'azure-storage' | 'dts';
  /** how long the host may take to print its ready line (default 60 s; a big store loads longer) */
  readyTimeoutMs?: number;
}

export async function startStore(build: StoreBuild = {}, { seeds = [], engineProfile, readyTimeoutMs = 60_000 }: StoreStart = {}): Promise<SystemUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
  for (const seed of seeds) await seed(join(dir, 'store.sqlite'));
  const nodeArgs = (process.env.BENCH_HOST_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const service = await startService({
    name: 'store host',
    command: process.execPath,
    args: [...nodeArgs, build.hostCli ?? HOST_CLI, '--app', build.appDir ?? APP_DIR, '--port', '0', '--data', join(dir, 'store.sqlite'), ...(!build.hostCli && existsSync(WEB_DIST) ? ['--static', WEB_DIST] : [])],
    cwd: ROOT,
    // the bench creates its own catalog, the same on every system
    env: { ...process.env, STORE_SEED_SAMPLE_CATALOG: 'false', ...(engineProfile ? { DURABLE_ENGINE_PROFILE: engineProfile } : {}) },
    readyLine: /Host listening on (http:\/\/\S+)/,
    timeoutMs: readyTimeoutMs,
  });
  const origin = service.ready[1]!.replace(/\/$/, '');
  return {
    name: 'store',
    origin,
    ...(service.child.pid !== undefined ? { pid: service.child.pid } : {}),
    signalAddStock: durableSignalAddStock,
    async counters() {
      const response = await fetch(`${origin}/admin/host/durable/counters`);
      // a host without the counters (another build, bench/floor's own host) has no figures to give
      if (response.status === 404) return {};
      if (!response.ok) throw new Error(`GET /admin/host/durable/counters answered ${response.status}`);
      return (await response.json()) as Record<string, number>;
    },
    async stop() {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
