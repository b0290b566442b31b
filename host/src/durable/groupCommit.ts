// Group commit (README "How work flows and what is durable"): every step stages its store operations; all steps
// staged in one event-loop turn commit in ONE transaction (each step stays atomic), then the effects that
// must wait for durability run (client answers, visible state).
import type { StoreOp, TaskHubStore } from '../store/store.js';

/**
 * Work the engine chains in one event-loop turn before its messages wait for the commit: bounds a cascade
 * (orchestration → entity → orchestration …) in one transaction and the time the loop spends away from I/O
 * (HTTP requests), so client latency stays low under a backlog. Client steps are not chained work: they
 * come from I/O of this turn, so their messages are always handed on at once (a signalled entity then
 * applies the operation in the same transaction, and a read right after the signal sees it).
 */
const TURN_BUDGET_MS = Number(process.env.DURABLE_TURN_BUDGET_MS ?? 1);
const MAX_OPS_PER_TURN = 5000;

/** A client step refused because the hub is stopping: nothing of it was staged (the API answers 503). */
export class HubStoppingError extends Error {
  override name = 'HubStoppingError';
  constructor() {
    super('the task hub is stopping');
  }
}

export class GroupCommit {
  private ops: StoreOp[] = [];
  private after: (() => void)[] = [];
  /** client steps of the group being staged: told when its commit fails */
  private waiting: ((error: unknown) => void)[] = [];
  private flushScheduled = false;
  /** when the first step of the current group commit was staged */
  private turnStarted = 0;
  /** the number of the group commit now being staged (counts flushes) */
  group = 0;
  /** no new work may start; in-flight work may still commit */
  draining = false;
  /** closed: nothing more is staged */
  stopped = false;

  /** the turn budget (ms) and the clock it is measured by: tests set both instead of relying on the machine's speed */
  private readonly budgetMs: number;
  private readonly clock: () => number;

  constructor(
    private readonly store: Pick<TaskHubStore, 'commit'>,
    private readonly onFatal: (error: unknown) => void,
    private readonly log: (level: 'warn' | 'error', message: string) => void,
    turn: { budgetMs?: number; clock?: () => number } = {},
  ) {
    this.budgetMs = turn.budgetMs ?? TURN_BUDGET_MS;
    this.clock = turn.clock ?? (() => performance.now());
  }

  /** Stage one step: its store operations commit atomically, `effect` runs after the commit. */
  stage(ops: StoreOp[], effect?: () => void): void {
    if (this.stopped) return;
    for (const op of ops) this.ops.push(op);
    if (effect) this.after.push(effect);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      this.turnStarted = this.clock();
      setImmediate(() => this.flush());
    }
  }

  /**
   * Stage one step and hand its messages on at once: the consumer's step is staged after this one, and
   * transactions commit in staging order, so no consumer can commit without its producer (a crash loses
   * both or neither). What outsiders see or feel (`committed`: client answers, visible status/state,
   * activity invocations, which are external side effects) waits for the commit.
   */
  step(ops: StoreOp[], deliver?: () => void, committed?: () => void): void {
    this.stage(ops, committed);
    if (!deliver || this.stopped) return;
    if (this.ops.length < MAX_OPS_PER_TURN && this.clock() - this.turnStarted < this.budgetMs) deliver();
    else this.after.push(deliver);
  }

  /**
   * A client's step: its messages are handed on at once; resolves once it is committed (a client call is
   * answered only then), rejects with the store's error if that commit fails.
   */
  commitStep(ops: StoreOp[], deliver?: () => void, committed?: () => void): Promise<void> {
    if (this.draining) return Promise.reject(new HubStoppingError());
    return new Promise((resolve, reject) => {
      this.stage(ops, () => {
        committed?.();
        resolve();
      });
      this.waiting.push(reject);
      if (deliver) deliver();
    });
  }

  /** commit what is staged and stop */
  close(): void {
    if (this.stopped) return;
    this.flush();
    this.stopped = true;
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.stopped) return;
    this.group++;
    const ops = compact(this.ops);
    const after = this.after;
    const waiting = this.waiting;
    this.ops = [];
    this.after = [];
    this.waiting = [];
    try {
      this.store.commit(ops);
    } catch (error) {
      // memory is now ahead of the store: nothing of this group may be seen or dispatched, and nothing
      // staged after it may commit (a consumer without its producer); the host exits (README "Durable task hub")
      this.stopped = true;
      this.draining = true;
      for (const fail of waiting) fail(error);
      this.onFatal(error);
      return;
    }
    for (const effect of after) {
      try {
        effect();
      } catch (error) {
        this.log('error', `post-commit effect failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
  }
}

/**
 * Shrink a group commit without changing its result: a message inserted and consumed within the batch is
 * neither inserted nor deleted; of several puts of one instance or entity only the last is kept.
 */
export function compact(ops: StoreOp[]): StoreOp[] {
  const inserted = new Set<number>();
  for (const o of ops) if (o.op === 'insertMessage') inserted.add(o.record.id);
  const transient = new Set<number>();
  for (const o of ops) if (o.op === 'deleteMessage' && inserted.has(o.id)) transient.add(o.id);
  const next = new Map<string, 'put' | 'delete'>();
  const keep: boolean[] = new Array(ops.length);
  for (let i = ops.length - 1; i >= 0; i--) {
    const o = ops[i]!;
    let k = true;
    if (o.op === 'insertMessage') k = !transient.has(o.record.id);
    else if (o.op === 'deleteMessage') k = !transient.has(o.id);
    else if (o.op === 'putInstance' || o.op === 'putEntity') {
      const key = `${o.op === 'putInstance' ? 'i' : 'e'}:${o.record.id}`;
      k = next.get(key) !== 'put';
      next.set(key, 'put');
    } else if (o.op === 'deleteInstance' || o.op === 'deleteEntity') {
      next.set(`${o.op === 'deleteInstance' ? 'i' : 'e'}:${o.id}`, 'delete');
    }
    keep[i] = k;
  }
  return ops.filter((_, i) => keep[i]);
}

