// Durability under kill -9 (README "How work flows and what is durable"): the host runs in a child process on a SQLite file, takes load, is
// killed with SIGKILL mid-way, restarts on the same file; every acknowledged signal and every acknowledged
// orchestration start must then be applied exactly once, and nothing may be applied twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, startHost, type RunningHost } from '../support/spawnHost.js';

const API = '/runtime/webhooks/durabletask';
const KEYS = ['k0', 'k1', 'k2', 'k3', 'k4'];
const dir = mkdtempSync(path.join(tmpdir(), 'durable-crash-'));
const hosts: RunningHost[] = [];

afterAll(async () => {
  for (const h of hosts) await h.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function boot(dataFile: string, profile: string): Promise<RunningHost> {
  const h = await startHost(fixture('durable-crash'), { defaults: false, args: ['--port', '0', '--data', dataFile, '--engine-profile', profile] });
  hosts.push(h);
  return h;
}

interface Sent {
  signals: Map<string, string>; // id → key
  transfers: Map<string, string[]>; // id → keys
}

/** Fire signals and transfer starts from `workers` concurrent loops until `stop()`; record what was acknowledged. */
function load(url: string, prefix: string, acked: Sent, attempted: Sent, workers = 6) {
  let running = true;
  let n = 0;
  const loop = async () => {
    while (running) {
      const i = n++;
      try {
        if (i % 3 === 2) {
          const id = `${prefix}-t${i}`;
          const keys = KEYS.filter((_, k) => (i >> k) % 2 === 1 || k === i % KEYS.length);
          attempted.transfers.set(id, keys);
          const res = await fetch(`${url}${API}/orchestrators/Transfer/${id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, keys }) });
          if (res.status === 202) acked.transfers.set(id, keys);
        } else {
          const id = `${prefix}-s${i}`;
          const key = KEYS[i % KEYS.length]!;
          attempted.signals.set(id, key);
          const res = await fetch(`${url}${API}/entities/Ledger/${key}?op=append`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(id) });
          if (res.status === 202) acked.signals.set(id, key);
        }
      } catch {
        // connection reset by the kill: not acknowledged
      }
    }
  };
  const done = Promise.all(Array.from({ length: workers }, loop));
  return { stop: async () => ((running = false), await done) };
}

async function ledgers(url: string): Promise<Map<string, unknown[]>> {
  const out = new Map<string, unknown[]>();
  for (const key of KEYS) {
    const res = await fetch(`${url}${API}/entities/Ledger/${key}`);
    out.set(key, res.status === 200 ? ((await res.json()) as unknown[]) : []);
  }
  return out;
}

async function waitCompleted(url: string, ids: Iterable<string>, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (const id of ids) {
    for (;;) {
      const res = await fetch(`${url}${API}/instances/${id}`);
      const body = res.status === 404 ? undefined : ((await res.json()) as { runtimeStatus: string });
      if (body?.runtimeStatus === 'Completed') break;
      if (body?.runtimeStatus === 'Failed') throw new Error(`transfer ${id} failed: ${JSON.stringify(body)}`);
      if (Date.now() > until) throw new Error(`transfer ${id} did not complete after restart (status ${res.status} ${JSON.stringify(body)})`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

async function waitUntil(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`${what} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// the azure-storage profile delays deliveries and what clients see, never the commit before an acknowledgement
describe.each(['local', 'azure-storage'])('kill -9 under load, engine profile %s', (profile) => {
  const dataFile = path.join(dir, `${profile}.sqlite`);
  it('keeps every acknowledged signal and start exactly once across two crashes', async () => {
    const acked: Sent = { signals: new Map(), transfers: new Map() };
    const attempted: Sent = { signals: new Map(), transfers: new Map() };

    for (const round of ['a', 'b']) {
      const h = await boot(dataFile, profile);
      const before = { signals: acked.signals.size, transfers: acked.transfers.size };
      const l = load(h.url, round, acked, attempted);
      // let work pile up (queued signals, held locks, activities and timers in flight) until this round has
      // enough acknowledgements: counted, not a fixed time, so a slow machine (or the profile's queue hops)
      // only takes longer
      await waitUntil(() => acked.signals.size - before.signals >= 15 && acked.transfers.size - before.transfers >= 4, 60_000, `round ${round}: too few acknowledgements`);
      h.child.kill('SIGKILL');
      await h.stop('SIGKILL');
      await l.stop();
    }
    expect(acked.signals.size).toBeGreaterThanOrEqual(30);
    expect(acked.transfers.size).toBeGreaterThanOrEqual(8);

    const h = await boot(dataFile, profile);
    await waitCompleted(h.url, acked.transfers.keys());
    // quiesce: unacknowledged-but-committed work may still be running; wait until the ledgers stop changing
    let before = '';
    for (;;) {
      const now = JSON.stringify([...(await ledgers(h.url)).entries()]);
      if (now === before) break;
      before = now;
      await new Promise((r) => setTimeout(r, 300));
    }
    const state = await ledgers(h.url);
    const counts = new Map<string, number>();
    for (const [key, ids] of state) for (const id of ids) counts.set(`${key}:${id}`, (counts.get(`${key}:${id}`) ?? 0) + 1);

    // nothing applied twice
    const doubled = [...counts].filter(([, c]) => c > 1);
    expect(doubled).toEqual([]);
    // every acknowledged effect present
    const missing: string[] = [];
    for (const [id, key] of acked.signals) if (!counts.has(`${key}:${id}`)) missing.push(`${key}:${id}`);
    for (const [id, keys] of acked.transfers) for (const key of keys) if (!counts.has(`${key}:${id}`)) missing.push(`${key}:${id}`);
    expect(missing).toEqual([]);
    // and nothing that was never sent
    for (const entry of counts.keys()) {
      const [key, id] = entry.split(':') as [string, string];
      const known = attempted.signals.get(id) === key || (attempted.transfers.get(id) ?? []).includes(key);
      expect(known, entry).toBe(true);
    }
  }, 240_000);
});
