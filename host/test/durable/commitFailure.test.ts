// A store commit that fails in the real host (README "How work flows and what is durable"): the client is
// never told its signal was accepted, the host prints the error and exits with code 1, and after a restart
// the signal is not there. The failure is real: another connection holds SQLite's write lock, so the
// host's commit fails with "database is locked".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, startHost, type RunningHost } from '../support/spawnHost.js';

const API = '/runtime/webhooks/durabletask';
const dir = mkdtempSync(path.join(tmpdir(), 'durable-commit-failure-'));
const dataFile = path.join(dir, 'store.sqlite');
const hosts: RunningHost[] = [];

afterAll(async () => {
  for (const h of hosts) await h.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function boot(): Promise<RunningHost> {
  const h = await startHost(fixture('durable-crash'), { defaults: false, args: ['--port', '0', '--data', dataFile] });
  hosts.push(h);
  return h;
}

const append = (url: string, id: string) =>
  fetch(`${url}${API}/entities/Ledger/k?op=append`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(id) });

describe('a store commit that fails', () => {
  it('answers no success, exits with code 1 naming the error, and the signal is not stored', async () => {
    const h = await boot();
    expect((await append(h.url, 'before')).status).toBe(202);

    const blocker = new DatabaseSync(dataFile);
    blocker.exec('BEGIN IMMEDIATE'); // holds the write lock: the host's next commit fails
    let answered: number | string;
    try {
      answered = (await append(h.url, 'lost')).status;
    } catch (error) {
      answered = `no answer (${(error as Error).message})`;
    }
    // it exits on its own (given 15 s on a loaded machine; a host that went on is killed after that)
    const code = await new Promise<number | string | null>((resolve) => {
      const timer = setTimeout(() => resolve('still running'), 15_000);
      if (h.child.exitCode !== null) return resolve(h.child.exitCode);
      h.child.once('exit', (c) => (clearTimeout(timer), resolve(c)));
    });
    await h.stop('SIGKILL');
    blocker.exec('ROLLBACK');
    blocker.close();

    expect(answered).not.toBe(202);
    expect(code).toBe(1);
    expect(h.stderr()).toMatch(/store commit failed, exiting.*database is locked/s);

    const again = await boot();
    const ledger = await fetch(`${again.url}${API}/entities/Ledger/k`);
    expect(await ledger.json()).toEqual(['before']);
  });
});
