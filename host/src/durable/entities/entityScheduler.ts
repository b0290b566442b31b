// Per-entity scheduler state (spec §4.4, §6; ext: EntityScheduler/SchedulerState.cs, TaskEntityShim.cs):
// one batch at a time, FIFO queue, lock-owner messages ahead of the rest, batch cut at a lock request.
import type { EntityMessage } from '../protocol/entityMessages.js';
import { Deque } from '../util/deque.js';

export interface QueuedMessage {
  /** store message id (deleted in the transaction of the batch that consumes it) */
  msgId: number;
  msg: EntityMessage;
}

export interface Batch {
  /** operations to run in one invocation, in order */
  ops: (QueuedMessage & { msg: Extract<EntityMessage, { type: 'op' }> })[];
  /** a lock request that ends the batch; processed after the operations (§4.4 item 3) */
  lock?: QueuedMessage & { msg: Extract<EntityMessage, { type: 'lock' }> };
  /** every message this batch consumes (ops, lock, releases) */
  consumed: number[];
}

export class EntityScheduler {
  exists: boolean;
  state: string | null;
  lockedBy: string | null;
  /** messages of everyone but the lock owner, in arrival order */
  private readonly main = new Deque<QueuedMessage>();
  /** the lock owner's messages, processed before `main` while locked (§4.4 item 2, §6.4) */
  private owner: QueuedMessage[] = [];
  /** true while a batch is being invoked */
  running = false;
  /** the group commit in which this entity's last batch started (TaskHub.kickEntity: one per group) */
  batchGroup = -1;
  /** a kick is waiting for the current group to commit */
  kickAfterCommit = false;
  /** state as last committed: what readEntityState returns */
  committed: { exists: boolean; state: string | null };
  /** store writes of this entity staged and not yet committed (and visible): it must stay in memory until 0 */
  pendingWrites = 0;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly key: string,
    init: { exists: boolean; state: string | null; lockedBy: string | null },
  ) {
    this.exists = init.exists;
    this.state = init.state;
    this.lockedBy = init.lockedBy;
    this.committed = { exists: init.exists, state: init.state };
  }

  get queueLength(): number {
    return this.main.length + this.owner.length;
  }

  enqueue(item: QueuedMessage): void {
    if (this.lockedBy !== null && item.msg.parent === this.lockedBy) this.owner.push(item);
    else this.main.push(item);
  }

  /**
   * Nothing in memory differs from the store: no batch running or waiting, nothing queued, no lock, every
   * write committed and visible. Only such an entity may leave the hub's cache (README "Entity cache").
   */
  get isEvictable(): boolean {
    return !this.running && !this.kickAfterCommit && this.pendingWrites === 0 && this.lockedBy === null && this.queueLength === 0;
  }

  /** Idle, nothing queued, not locked, no state: the provider deletes it (§4.4 item 6). */
  get isDeletable(): boolean {
    return !this.running && !this.exists && this.lockedBy === null && this.queueLength === 0;
  }

  /**
   * Take the next batch (§4.4 item 3): while the queue is non-empty and the head may run (unlocked, or the
   * head's sender is the lock owner), up to `max` operations; a lock request ends the batch; a release by the
   * owner unlocks the entity on the spot (it needs no invocation). Returns undefined when nothing can run.
   */
  takeBatch(max: number): Batch | undefined {
    const batch: Batch = { ops: [], consumed: [] };
    while (batch.ops.length < max) {
      const item = this.nextRunnable();
      if (!item) break;
      batch.consumed.push(item.msgId);
      const m = item.msg;
      if (m.type === 'op') {
        batch.ops.push(item as Batch['ops'][number]);
      } else if (m.type === 'release') {
        if (this.lockedBy !== null && m.parent === this.lockedBy) this.unlock();
        // a release from anyone else is ignored (§4.4 item 2)
      } else {
        batch.lock = item as NonNullable<Batch['lock']>;
        break;
      }
    }
    return batch.consumed.length > 0 ? batch : undefined;
  }

  private nextRunnable(): QueuedMessage | undefined {
    if (this.lockedBy !== null) return this.owner.shift();
    return this.main.shift();
  }

  /** Lock for `owner`; its later messages jump the queue (§6.2 step 2). */
  lock(owner: string): void {
    this.lockedBy = owner;
  }

  private unlock(): void {
    this.lockedBy = null;
    // owner messages still queued (calls racing a release) keep their place ahead of the rest
    this.main.unshiftAll(this.owner);
    this.owner = [];
  }

  /** Unlock without a release message (the owner was purged or recovery found it gone). */
  forceUnlock(): void {
    if (this.lockedBy !== null) this.unlock();
  }
}
