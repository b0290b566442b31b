// host.json extensions.durableTask.maxEntityOperationBatchSize (2 in fixtures/durable-batch) bounds the
// operations of one entity invocation; the fixture's entity records the operations of each invocation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startHost, type RunningHost } from '../support/spawnHost.js';
import { bridge, type Bridge } from './support/durableHost.js';

const API = '/runtime/webhooks/durabletask';
let host: RunningHost;
let b: Bridge;

beforeAll(async () => {
  host = await startHost(fixture('durable-batch'));
  b = bridge(host.url);
});
afterAll(async () => {
  await host?.stop();
});

async function batchesOf(key: string, total: number): Promise<unknown[][]> {
  let ops: unknown[][] = [];
  await expect
    .poll(async () => {
      const r = await b.raw('GET', `${API}/entities/Recorder/${key}`);
      ops = r.status === 200 ? (r.json.batches as { ops: unknown[] }[]).map((x) => x.ops) : [];
      return ops.flat().length;
    }, { timeout: 15_000 })
    .toBe(total);
  return ops;
}

describe('maxEntityOperationBatchSize from host.json', () => {
  it('10 signals queued at once (one orchestration episode) run in 5 invocations of 2, in order', async () => {
    const key = `orch-${Date.now()}`;
    const start = await b.raw('POST', `${API}/orchestrators/SignalMany/${key}`, JSON.stringify({ key, n: 10 }), { 'content-type': 'application/json' });
    expect(start.status).toBe(202);
    expect(await batchesOf(key, 10)).toEqual([[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]);
  });

  it('10 concurrent client signals run in invocations of at most 2', async () => {
    const key = `client-${Date.now()}`;
    const replies = await Promise.all(
      [...Array(10).keys()].map((i) => b.raw('POST', `${API}/entities/Recorder/${key}?op=record`, String(i), { 'content-type': 'application/json' })),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(202));
    const batches = await batchesOf(key, 10);
    expect(batches.every((ops) => ops.length >= 1 && ops.length <= 2)).toBe(true);
    expect(batches.flat().sort((x, y) => Number(x) - Number(y))).toEqual([...Array(10).keys()]);
  });
});
