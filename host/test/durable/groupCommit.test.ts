// Group commit compaction: the batch written must leave the store exactly as the uncompacted one would.
import { describe, expect, it } from 'vitest';
import { compact } from '../../src/durable/groupCommit.js';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.js';
import type { StoreOp } from '../../src/store/store.js';

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
