// Contention (README "Durable task hub"): many orchestrations lock overlapping entity sets and increment each counter while
// clients signal the same entities. Sorted acquisition must avoid deadlock and every increment must land once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startHost, type RunningHost } from '../support/spawnHost.js';
import { bridge, type Bridge } from './support/durableHost.js';

let host: RunningHost;
let b: Bridge;
const API = '/runtime/webhooks/durabletask';

beforeAll(async () => {
  host = await startHost(fixture('durable-basic'));
  b = bridge(host.url);
});
afterAll(async () => {
  await host?.stop();
});

describe('lock contention', () => {
  it('N orchestrations locking overlapping sets in different orders: no deadlock, totals exact', async () => {
    const prefix = `c${Date.now().toString(36)}`;
    const keys = Array.from({ length: 6 }, (_, i) => `${prefix}-${i}`);
    const expected = new Map(keys.map((k) => [k, 0]));
    const starts: Promise<unknown>[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      // a pseudo-random subset of 2-4 keys, listed in a shuffled order (the library sorts them)
      const subset = keys.filter((_, k) => ((i * 7 + k * 3) % 5) < 2 || k === i % 6).slice(0, 4).reverse();
      subset.forEach((k) => expected.set(k, expected.get(k)! + 1));
      const id = `${prefix}-o${i}`;
      ids.push(id);
      starts.push(b.raw('POST', `${API}/orchestrators/Contend/${id}`, JSON.stringify({ keys: subset }), { 'content-type': 'application/json' }));
    }
    // client signals interleave with the locks: they must wait for releases, never be lost
    for (let i = 0; i < 60; i++) {
      const k = keys[i % keys.length]!;
      expected.set(k, expected.get(k)! + 1);
      starts.push(b.raw('POST', `${API}/entities/Counter/${k}?op=add`, '1', { 'content-type': 'application/json' }));
    }
    const answers = (await Promise.all(starts)) as { status: number }[];
    expect(answers.every((a) => a.status === 202)).toBe(true);
    for (const id of ids) expect((await b.waitForStatus(id, ['Completed', 'Failed'], 30_000)).runtimeStatus).toBe('Completed');
    for (const k of keys) {
      await expect.poll(async () => (await b.client('readEntityState', 'Counter', k)).entityState, { timeout: 10_000 }).toBe(expected.get(k));
    }
  });
});
