// Group commit: compaction must leave the store exactly as the uncompacted batch would; the turn budget
// holds back only the engine's chained work, never a client's messages.
import { describe, expect, it } from 'vitest';
import { compact, GroupCommit } from '../../src/durable/groupCommit.js';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.js';
import type { StoreOp, TaskHubStore } from '../../src/store/store.js';

const inst = (id: string, status: 'Running' | 'Completed') =>
  ({ op: 'putInstance', record: { id, name: 'O', executionId: 'e', status, input: null, output: null, customStatus: null, createdAt: 1, updatedAt: 2, engine: '{}' } }) as const;
const msg = (id: number) => ({ op: 'insertMessage', record: { id, kind: 'entity', target: '@e@1', due: null, body: '{}' } }) as const;

function dump(ops: StoreOp[]) {
  const s = new SqliteStore({ path: ':memory:' });
  s.commit([msg(1)]);
  s.commit(ops);
  const loaded = s.load();
  const out = { instances: s.queryInstances({}).map((r) => [r.id, r.status]), entities: loaded.entities, messages: loaded.messages.map((m) => m.id) };
  s.close();
  return out;
}

describe('compact', () => {
  it('drops messages inserted and consumed in the same batch and all but the last put of a key', () => {
    const ops: StoreOp[] = [
      inst('a', 'Running'), msg(2), msg(3),
      { op: 'putEntity', record: { id: '@e@1', exists: true, state: '1', lockedBy: null } },
      { op: 'deleteMessage', id: 2 }, { op: 'deleteMessage', id: 1 },
      inst('a', 'Completed'),
      { op: 'putEntity', record: { id: '@e@1', exists: true, state: '2', lockedBy: null } },
      { op: 'deleteEntity', id: '@e@1' },
      { op: 'putEntity', record: { id: '@e@1', exists: true, state: '3', lockedBy: 'x' } },
    ];
    const compacted = compact(ops);
    expect(compacted.map((o) => o.op)).toEqual(['insertMessage', 'deleteMessage', 'putInstance', 'putEntity', 'deleteEntity', 'putEntity']);
    expect(dump(compacted)).toEqual(dump(ops));
    expect(dump(ops)).toEqual({ instances: [['a', 'Completed']], entities: [{ id: '@e@1', exists: true, state: '3', lockedBy: 'x' }], messages: [3] });
  });
});

describe('GroupCommit.step and commitStep', () => {
  /** a store that records what each commit held */
  const recordingStore = () => {
    const commits: StoreOp[][] = [];
    return { commits, store: { commit: (ops: StoreOp[]) => void commits.push(ops) } as unknown as TaskHubStore };
  };
  const busyFor = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };

  it('holds an engine step\'s messages for the commit once the turn budget is spent, but hands a client\'s on at once', async () => {
    const { commits, store } = recordingStore();
    const commit = new GroupCommit(store, (e) => { throw e; }, () => {});
    const delivered: string[] = [];
    commit.step([msg(1)], () => delivered.push('engine, early'));
    busyFor(5); // past the default 1 ms budget (the test assumes DURABLE_TURN_BUDGET_MS is not set higher)
    commit.step([msg(2)], () => delivered.push('engine, late'));
    const answered = commit.commitStep([msg(3)], () => delivered.push('client'));
    expect(delivered).toEqual(['engine, early', 'client']);
    await answered;
    expect(commits.map((ops) => ops.map((o) => (o.op === 'insertMessage' ? o.record.id : o.op)))).toEqual([[1, 2, 3]]);
    expect(delivered).toEqual(['engine, early', 'client', 'engine, late']);
  });
});
