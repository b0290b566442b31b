// What a finished entity batch sends (spec §4.4 item 5, §6.2): responses to calling orchestrations in
// operation order, then the signals the operations emitted, then the lock request's forward or response.
// The new state is taken as returned: no rollback of operations that threw (quirk Q2, §4.6).
import type { EntityBatchOutput } from '../protocol/entityBatch.js';
import { entityResponseInput, LOCK_ACQUIRED_RESPONSE, schedulerId } from '../protocol/entityMessages.js';
import { historyEvents } from '../protocol/historyEvents.js';
import type { Outgoing } from '../work.js';
import type { Batch, EntityScheduler } from './entityScheduler.js';

export interface BatchDeps {
  now(): number;
  newId(): string;
  /** is an entity function with this (lower-cased) name registered? */
  entityExists(name: string): boolean;
  /** false when the lock's owner no longer wants it (terminated/finished/released meanwhile) */
  isLockWanted(parent: string, lockId: string): boolean;
  warn(message: string): void;
}

/**
 * Apply a batch's output to the scheduler state and return the messages it sends.
 * `output` is a failure string when the invocation itself failed: every operation then fails with that
 * message and the state is kept (documented choice, §4.4 item 7).
 */
export function applyBatchResult(entity: EntityScheduler, batch: Batch, output: EntityBatchOutput | { failure: string }, deps: BatchDeps): Outgoing[] {
  const out: Outgoing[] = [];
  const now = deps.now();
  const failure = 'failure' in output ? output.failure : undefined;
  if (!('failure' in output)) {
    entity.exists = output.entityExists;
    entity.state = output.entityState ?? null;
  }
  batch.ops.forEach(({ msg }, i) => {
    if (msg.signal || msg.parent === undefined) return;
    const r = 'failure' in output ? { isError: true, result: JSON.stringify(failure) } : output.results[i];
    const event = historyEvents.eventRaised(now, msg.id, entityResponseInput(r?.result, r?.isError ?? false));
    out.push({ kind: 'orchestration', target: msg.parent, msg: { type: 'event', executionId: msg.parentExecution ?? null, event } });
  });
  if (!('failure' in output)) {
    for (const s of output.signals) {
      // Q4: the library keeps the caller's casing; we address the lower-cased entity like the client API does
      const name = s.target.name.toLowerCase();
      if (!deps.entityExists(name)) {
        deps.warn(`entity ${entity.name} signalled unknown entity '${s.target.name}'; signal dropped`);
        continue;
      }
      if (name !== s.target.name) deps.warn(`entity ${entity.name} signals '${s.target.name}': lower-cased to '${name}' (spec §4.6 Q4)`);
      out.push({
        kind: 'entity',
        target: schedulerId(name, s.target.key),
        msg: { type: 'op', op: s.name, signal: true, id: deps.newId(), parent: entity.id, ...(s.input ? { input: s.input } : {}) },
      });
    }
  }
  if (batch.lock) {
    const lock = batch.lock.msg;
    if (!deps.isLockWanted(lock.parent, lock.id)) return out; // owner gone: drop, never lock for nobody
    entity.lock(lock.parent);
    const pos = lock.pos + 1;
    const next = lock.lockset[pos];
    if (next) {
      out.push({ kind: 'entity', target: schedulerId(next.name, next.key), msg: { ...lock, pos } });
    } else {
      const event = historyEvents.eventRaised(now, lock.id, LOCK_ACQUIRED_RESPONSE);
      out.push({ kind: 'orchestration', target: lock.parent, msg: { type: 'event', executionId: lock.parentExecution, event } });
    }
  }
  return out;
}
