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
  it('holds an engine step\'s messages for the commit once the turn budget is spent, but hands a client\'s on at once', async () => {
    const { commits, store } = recordingStore();
    let now = 1000; // the turn's clock, moved by hand: the machine's speed does not matter
    const commit = new GroupCommit(store, (e) => { throw e; }, () => {}, { budgetMs: 1, clock: () => now });
    const delivered: string[] = [];
    commit.step([msg(1)], () => delivered.push('engine, early'));
    now += 0.9; // still within the 1 ms budget
    commit.step([msg(2)], () => delivered.push('engine, within'));
    now += 0.1; // spent
    commit.step([msg(3)], () => delivered.push('engine, late'));
    const answered = commit.commitStep([msg(4)], () => delivered.push('client'));
    expect(delivered).toEqual(['engine, early', 'engine, within', 'client']);
    await answered;
    expect(commits.map((ops) => ops.map((o) => (o.op === 'insertMessage' ? o.record.id : o.op)))).toEqual([[1, 2, 3, 4]]);
    expect(delivered).toEqual(['engine, early', 'engine, within', 'client', 'engine, late']);
    // the next group commit starts a new turn: its first step is handed on at once again
    now += 50;
    commit.step([msg(5)], () => delivered.push('next turn'));
    expect(delivered.at(-1)).toBe('next turn');
  });

  it('holds an engine step\'s messages once a turn has staged 5000 operations, whatever the time', async () => {
    const { commits, store } = recordingStore();
    const commit = new GroupCommit(store, (e) => { throw e; }, () => {}, { budgetMs: 1, clock: () => 0 });
    const delivered: string[] = [];
    commit.step(Array.from({ length: 4999 }, (_, i) => msg(100 + i)), () => delivered.push('4999 staged'));
    commit.step([msg(1)], () => delivered.push('5000 staged'));
    commit.step([msg(2)], () => delivered.push('over'));
    expect(delivered).toEqual(['4999 staged']);
    await commit.commitStep([]);
    expect(commits).toHaveLength(1);
    expect(delivered).toEqual(['4999 staged', '5000 staged', 'over']);
  });

  it('logs a post-commit effect that throws and still runs the others', async () => {
    const { store } = recordingStore();
    const logs: string[] = [];
    const commit = new GroupCommit(store, (e) => { throw e; }, (level, message) => void logs.push(`${level}: ${message}`));
    const ran: string[] = [];
    commit.stage([msg(1)], () => {
      throw new Error('effect broke');
    });
    await commit.commitStep([msg(2)], undefined, () => void ran.push('after'));
    expect(ran).toEqual(['after']);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^error: post-commit effect failed: Error: effect broke\n\s+at /);
  });
});
