// The crash tests' view of the local host (test/support/host.ts): on a SQLite file kept across restarts,
// killed with SIGKILL (kill9 — no graceful shutdown, no flush), then started again on the same file and,
// when it is free, the same port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHost, type HostOptions, type RunningHost } from '../../support/host';

export type CrashableHostOptions = HostOptions & { data: string };

/** Restarts on the port of the previous process (clients keep their URL); another port if it is taken. */
export async function restartHostProcess(options: CrashableHostOptions, previous: RunningHost): Promise<RunningHost> {
  try {
    return await startHost({ ...options, port: previous.port });
  } catch (error) {
    if (!/EADDRINUSE/.test(String(error))) throw error;
    return startHost({ ...options, port: 0 });
  }
}

/** A fresh folder for one test's SQLite file; `remove()` deletes it (and the -wal/-shm files). */
export function tempDataDir(prefix: string) {
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  return { file: path.join(dir, 'store.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
