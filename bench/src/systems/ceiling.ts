import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startService } from '../harness/process.ts';
import { durableSignalAddStock, type SystemUnderTest } from './system.ts';

const SERVER = fileURLToPath(new URL('../ceiling/server.ts', import.meta.url));

/** Starts the ceiling server (ceiling/server.ts) in a child process on a fresh SQLite file. */
export async function startCeiling(): Promise<SystemUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ceiling-'));
  const service = await startService({
    name: 'ceiling',
    command: process.execPath,
    args: ['--experimental-strip-types', '--no-warnings', SERVER, '--data', join(dir, 'ceiling.sqlite')],
    readyLine: /Ceiling listening on (http:\/\/\S+)/,
    timeoutMs: 30_000,
  });
  return {
    name: 'ceiling',
    origin: service.ready[1]!,
    signalAddStock: durableSignalAddStock,
    async stop() {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
