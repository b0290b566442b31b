// Entity scheduler rules (spec §4.4, §6): FIFO, batch cap, lock request ends a batch, lock-owner priority,
// releases only by the owner, everyone else waits while locked.
import { describe, expect, it } from 'vitest';
import { EntityScheduler, type QueuedMessage } from '../../src/durable/entities/entityScheduler.js';
import { applyBatchResult, type BatchDeps } from '../../src/durable/entities/applyBatchResult.js';

let next = 1;
const op = (name: string, parent?: string): QueuedMessage => ({ msgId: next++, msg: { type: 'op', op: name, id: `id-${name}`, signal: parent === undefined, ...(parent ? { parent, parentExecution: 'x' } : {}) } });
const lock = (parent: string, pos = 0): QueuedMessage => ({ msgId: next++, msg: { type: 'lock', id: `L-${parent}`, parent, parentExecution: 'x', lockset: [{ name: 'e', key: '1' }, { name: 'f', key: '1' }], pos } });
const release = (parent: string): QueuedMessage => ({ msgId: next++, msg: { type: 'release', id: `L-${parent}`, parent } });
const names = (b: ReturnType<EntityScheduler['takeBatch']>) => b?.ops.map((o) => o.msg.op);
const fresh = () => new EntityScheduler('@e@1', 'e', '1', { exists: false, state: null, lockedBy: null });

const deps = (wanted = true): BatchDeps => ({ now: () => 0, newId: () => 'new', entityExists: () => true, isLockWanted: () => wanted, warn: () => {} });

describe('EntityScheduler', () => {
  it('takes operations in FIFO order up to the batch size', () => {
    const e = fresh();
    for (const n of ['a', 'b', 'c']) e.enqueue(op(n));
    expect(names(e.takeBatch(2))).toEqual(['a', 'b']);
    expect(names(e.takeBatch(2))).toEqual(['c']);
    expect(e.takeBatch(2)).toBeUndefined();
  });

  it('ends a batch at a lock request; while locked only the owner runs, ahead of others; release by the owner unlocks', () => {
    const e = fresh();
    e.enqueue(op('before'));
    e.enqueue(lock('o1'));
    e.enqueue(op('client-signal'));
    e.enqueue(lock('o2'));
    const b1 = e.takeBatch(100)!;
    expect(names(b1)).toEqual(['before']);
    expect(b1.lock?.msg.parent).toBe('o1');
    const out = applyBatchResult(e, b1, { results: [{ isError: false }], signals: [], entityExists: true, entityState: '1' }, deps());
    expect(e.lockedBy).toBe('o1');
    // lock forwarded to the next entity of the sorted set (pos 1)
    expect(out).toEqual([{ kind: 'entity', target: '@f@1', msg: expect.objectContaining({ type: 'lock', pos: 1 }) }]);
    expect(e.takeBatch(100)).toBeUndefined(); // the head belongs to someone else: it waits
    e.enqueue(op('owner-call', 'o1'));
    expect(names(e.takeBatch(100))).toEqual(['owner-call']);
    e.enqueue(release('o2')); // not the owner: ignored when reached
    e.enqueue(release('o1'));
    const b3 = e.takeBatch(100)!;
    expect(e.lockedBy).toBeNull();
    // after the release the batch continues with the waiting messages, up to the next lock request
    expect(names(b3)).toEqual(['client-signal']);
    expect(b3.lock?.msg.parent).toBe('o2');
  });

  it('answers the lock owner when the last entity of the set is locked, and drops a lock nobody wants', () => {
    const e = fresh();
    e.enqueue(lock('o1', 1));
    const out = applyBatchResult(e, e.takeBatch(10)!, { results: [], signals: [], entityExists: false }, deps());
    expect(out).toEqual([{ kind: 'orchestration', target: 'o1', msg: { type: 'event', executionId: 'x', event: expect.objectContaining({ EventType: 15, Name: 'L-o1', Input: '{"result":"Lock Acquisition Completed"}' }) } }]);
    const g = fresh();
    g.enqueue(lock('gone'));
    expect(applyBatchResult(g, g.takeBatch(10)!, { results: [], signals: [], entityExists: false }, deps(false))).toEqual([]);
    expect(g.lockedBy).toBeNull();
  });

  it('keeps state set before a throw and reports the error to the caller (no rollback, quirk Q2)', () => {
    const e = fresh();
    e.enqueue(op('set', 'orch'));
    const out = applyBatchResult(e, e.takeBatch(10)!, { results: [{ isError: true, result: '{}' }], signals: [], entityExists: true, entityState: '41' }, deps());
    expect(e.state).toBe('41');
    expect(out[0]).toMatchObject({ kind: 'orchestration', target: 'orch', msg: { event: { Name: 'id-set', Input: '{"result":"{}","exceptionType":"Error"}' } } });
  });

  it('fails every operation of a batch whose invocation failed, keeping the state', () => {
    const e = new EntityScheduler('@e@1', 'e', '1', { exists: true, state: '5', lockedBy: null });
    e.enqueue(op('a', 'orch'));
    e.enqueue(op('b', 'orch'));
    const out = applyBatchResult(e, e.takeBatch(10)!, { failure: 'invocation failed' }, deps());
    expect(e.state).toBe('5');
    expect(out.map((o) => (o.kind === 'orchestration' && o.msg.type === 'event' ? o.msg.event.Input : null))).toEqual([
      '{"result":"\\"invocation failed\\"","exceptionType":"Error"}',
      '{"result":"\\"invocation failed\\"","exceptionType":"Error"}',
    ]);
  });

  it('answers a call the invocation returned no result for as a plain success, and sends emitted signals as signals', () => {
    const e = fresh();
    e.enqueue(op('a', 'orch'));
    const out = applyBatchResult(e, e.takeBatch(10)!, { results: [], signals: [{ target: { name: 'f', key: '2' }, name: 'ping', input: '7' }], entityExists: true, entityState: '1' }, deps());
    expect(out).toEqual([
      { kind: 'orchestration', target: 'orch', msg: { type: 'event', executionId: 'x', event: expect.objectContaining({ EventType: 15, Name: 'id-a', Input: '{"result":null}' }) } },
      { kind: 'entity', target: '@f@2', msg: { type: 'op', op: 'ping', signal: true, id: 'new', parent: '@e@1', input: '7' } },
    ]);
  });
});
