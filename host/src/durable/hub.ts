// The task hub: the one place that runs the work loops (entity batches, orchestration episodes, activities),
// the durable timers and the group commit. Hot state lives in memory and is written through to the store:
// every step stages its store operations and its effects; all steps staged in one event-loop turn commit in
// ONE transaction (each step stays atomic), and only after the commit are messages dispatched and clients
// answered (README "How work flows and what is durable"). Work starts when it is committed, never by polling.
import { randomUUID } from 'node:crypto';
import type { FunctionRegistry, Invoker } from '../contracts.js';
import { type InstanceRecord, type MessageRecord, type StoreOp, type TaskHubStore, TERMINAL_STATUSES } from '../store/store.js';
import { applyBatchResult, type BatchDeps } from './entities/applyBatchResult.js';
import { EntityScheduler } from './entities/entityScheduler.js';
import { type EntityMessage, parseSchedulerId, schedulerId } from './protocol/entityMessages.js';
import { historyEvents } from './protocol/historyEvents.js';
import type { EpisodeDeps } from './orchestrations/episode.js';
import { OrchestrationRunner } from './orchestrations/runner.js';
import { OrchestrationInstance } from './orchestrations/instance.js';
import { TimerQueue } from './util/timerQueue.js';
import { GroupCommit, HubStoppingError } from './groupCommit.js';
import { invokeActivity, invokeEntityBatch, invokeOrchestrator } from './functionCalls.js';
import { runHttpCallTask } from './httpCalls.js';
import { HTTP_ACTIVITY_NAME } from './protocol/durableHttp.js';
import { HubCounters } from './counters.js';
import type { ActivityTask, OrchestrationMessage, Outgoing, ParentLink } from './work.js';
import { type EngineProfile, createProfile } from './profiles/profile.js';
import { checkEntityOutput, checkActivityEvent } from './profiles/limits.js';

export interface HubOptions {
  store: TaskHubStore;
  registry: FunctionRegistry;
  invoker: Invoker;
  /** operations per entity invocation (host.json extensions.durableTask.maxEntityOperationBatchSize) */
  maxEntityBatchSize: number;
  log?: (level: 'warn' | 'error', message: string) => void;
  /** idle entities kept in memory at most (README "Entity cache"); busy ones stay whatever the number */
  entityCacheSize?: number;
  /** a store commit failed: state in memory is ahead of the store, the process must not go on */
  onFatal?: (error: unknown) => void;
  /** latencies, consistency and limits of an Azure backend (README "Engine profiles"); default local */
  profile?: EngineProfile;
  /** the clock durable timers are due by (epoch ms; default Date.now): tests move it instead of waiting */
  now?: () => number;
}

/** idle entities kept in memory by default (DURABLE_ENTITY_CACHE_SIZE) */
export const DEFAULT_ENTITY_CACHE_SIZE = 10_000;
/** entities looked at per eviction pass: keeps a pass O(1) when the oldest ones are busy */
const EVICTION_SCAN = 32;

/** terminal instances kept in memory for fast status reads (older ones are read from the store) */
const TERMINAL_CACHE_SIZE = 10_000;

export class TaskHub {
  readonly store: TaskHubStore;
  private readonly runner: OrchestrationRunner;
  private readonly registry: FunctionRegistry;
  private readonly invoker: Invoker;
  private readonly maxBatch: number;
  private readonly log: NonNullable<HubOptions['log']>;
  private readonly onFatal: NonNullable<HubOptions['onFatal']>;
  readonly profile: EngineProfile;
  /** what the hub did, as Azure bills it (README "Cost per request") */
  readonly counters = new HubCounters();
  private readonly now: () => number;

  /**
   * Entities in memory, least recently used first (Map order; a use moves one to the end): every entity
   * with work, and idle ones up to entityCacheSize. The others live in the store only and are read on
   * demand (README "Entity cache").
   */
  private readonly entities = new Map<string, EntityScheduler>();
  private readonly entityCacheSize: number;
  private readonly active = new Map<string, OrchestrationInstance>();
  /** recently finished instances, oldest first (Map insertion order) */
  private readonly terminal = new Map<string, OrchestrationInstance>();
  private readonly timers: TimerQueue<{ msgId: number; target: string; msg: OrchestrationMessage }>;
  private entityNames = new Set<string>();
  private readonly warned = new Set<string>();

  private nextMsgId = 1;
  private readonly commit: GroupCommit;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(options: HubOptions) {
    this.store = options.store;
    this.registry = options.registry;
    this.invoker = options.invoker;
    this.maxBatch = Math.max(1, options.maxEntityBatchSize);
    this.entityCacheSize = Math.max(1, options.entityCacheSize ?? DEFAULT_ENTITY_CACHE_SIZE);
    this.profile = options.profile ?? createProfile('local', { maxQueuePollingIntervalMs: 0, partitionCount: 1 });
    this.log = options.log ?? ((level, message) => console[level](`[durable] ${message}`));
    this.onFatal = options.onFatal ?? ((error) => {
      console.error('[durable] store commit failed, exiting:', error);
      process.exit(1);
    });
    this.now = options.now ?? Date.now;
    this.timers = new TimerQueue((t) => this.timerFired(t.msgId, t.target, t.msg), this.now);
    const counted = {
      commit: (ops: readonly StoreOp[]) => {
        this.store.commit(ops);
        this.counters.committed(ops);
      },
    };
    this.commit = new GroupCommit(counted, this.onFatal, this.log);
    this.runner = new OrchestrationRunner({
      commit: this.commit,
      prepareSend: (out) => this.prepareSend(out),
      afterVisibilityLag: (fn) => this.afterVisibilityLag(fn),
      episodeDeps: this.episodeDeps,
      retire: (inst) => this.retire(inst),
      log: (level, message) => this.log(level, message),
    });
  }

  // ---------------------------------------------------------------- start / stop / recovery

  /** Load the store and resume everything that was pending (crash recovery). */
  start(): void {
    this.entityNames = new Set(this.registry.byTriggerType('entityTrigger').map((f) => f.name.toLowerCase()));
    // idle entities stay in the store: read when a message or a client read needs them
    const loaded = this.store.load({ idleEntities: false });
    this.nextMsgId = loaded.maxMessageId + 1;
    for (const { record, history } of loaded.activeInstances) this.active.set(record.id, OrchestrationInstance.fromRecord(record, history));
    for (const e of loaded.entities) {
      const ref = parseSchedulerId(e.id);
      if (ref) this.entities.set(e.id, new EntityScheduler(e.id, ref.name, ref.key, e));
    }
    const stale: StoreOp[] = [];
    const unlocked: EntityScheduler[] = [];
    const activities: MessageRecord[] = [];
    for (const m of loaded.messages) {
      if (m.kind === 'entity') this.entityFor(m.target)?.enqueue({ msgId: m.id, msg: JSON.parse(m.body) as EntityMessage });
      else if (m.kind === 'orchestration') {
        if (!this.routeToInstance(m.id, m.target, JSON.parse(m.body) as OrchestrationMessage, m.due)) stale.push({ op: 'deleteMessage', id: m.id });
      } else activities.push(m);
    }
    // entities locked by an instance that no longer runs can never be released: unlock them
    for (const e of this.entities.values()) {
      if (e.lockedBy !== null && !this.active.has(e.lockedBy)) {
        this.log('warn', `entity ${e.id} was locked by finished instance ${e.lockedBy}; unlocked`);
        e.forceUnlock();
        e.pendingWrites++;
        unlocked.push(e);
        stale.push({ op: 'putEntity', record: { id: e.id, exists: e.exists, state: e.state, lockedBy: null } });
      }
    }
    if (stale.length) this.commit.stage(stale, () => unlocked.forEach((e) => e.pendingWrites--));
    if (loaded.activeInstances.length > 0 || loaded.messages.length > 0)
      console.log(`[durable] resumed ${loaded.activeInstances.length} running instance(s) and ${loaded.messages.length} pending message(s) from the store`);
    for (const e of this.entities.values()) this.kickEntity(e);
    for (const inst of this.active.values()) this.kickInstance(inst);
    for (const m of activities) this.dispatchActivity(m.id, m.target, JSON.parse(m.body) as ActivityTask);
  }

  /** Stop taking work; commit what is staged; close the store. In-flight invocations are redone on restart. */
  async stop(graceMs = 2000): Promise<void> {
    if (this.commit.stopped) return;
    this.commit.draining = true;
    const idle = new Promise<void>((resolve) => (this.inFlight === 0 ? resolve() : this.idleWaiters.push(resolve)));
    await Promise.race([idle, new Promise((r) => setTimeout(r, graceMs).unref())]);
    this.timers.stop();
    for (const t of this.pendingTimers) clearTimeout(t);
    this.commit.close();
    this.store.close();
  }

  private get draining(): boolean {
    return this.commit.draining;
  }

  /** stopped: the store is closed, nothing can be read or written */
  get isStopped(): boolean {
    return this.commit.stopped;
  }

  /**
   * Give outgoing messages store ids; returns their insert operations, `deliver` (entity and orchestration
   * messages: may run before the commit, commit order protects them, GroupCommit.step) and `committed`
   * (activity invocations: external side effects, started only once the step that scheduled them committed).
   */
  prepareSend(out: readonly Outgoing[], fromClient = false): { ops: StoreOp[]; deliver: () => void; committed: () => void } {
    const ops: StoreOp[] = [];
    const routed: (() => void)[] = [];
    const activities: (() => void)[] = [];
    for (const o of out) {
      const id = this.nextMsgId++;
      if (o.kind === 'entity') {
        if (o.msg.type === 'op' && o.msg.signal) this.counters.signals++;
        ops.push({ op: 'insertMessage', record: { id, kind: 'entity', target: o.target, due: null, body: JSON.stringify(o.msg) } });
        routed.push(() => {
          const e = this.entityFor(o.target);
          if (!e) return;
          e.enqueue({ msgId: id, msg: o.msg });
          this.kickEntity(e);
        });
      } else if (o.kind === 'orchestration') {
        ops.push({ op: 'insertMessage', record: { id, kind: 'orchestration', target: o.target, due: o.due ?? null, body: JSON.stringify(o.msg) } });
        routed.push(() => {
          if (!this.routeToInstance(id, o.target, o.msg, o.due ?? null)) this.commit.stage([{ op: 'deleteMessage', id }]);
        });
      } else {
        ops.push({ op: 'insertMessage', record: { id, kind: 'activity', target: o.target, due: null, body: JSON.stringify(o.task) } });
        activities.push(() => this.dispatchActivity(id, o.target, o.task));
      }
    }
    const delay = this.profile.messageDelay;
    if (delay) {
      // a queue hop per message (engine profile): each reaches its consumer after its commit and its delay
      return {
        ops,
        deliver: () => {},
        committed: () => {
          let r = 0;
          let a = 0;
          for (const o of out) {
            const hop = delay(o.kind === 'activity' ? { kind: 'workItem' } : { kind: 'control', target: o.target }, fromClient);
            this.later(hop, o.kind === 'activity' ? activities[a++]! : routed[r++]!);
          }
        },
      };
    }
    return { ops, deliver: () => routed.forEach((r) => r()), committed: () => activities.forEach((r) => r()) };
  }

  /** run `fn` after `ms` unless the hub has stopped by then (a delayed message stays stored: redelivered on restart) */
  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.pendingTimers.delete(t);
      if (!this.draining && !this.isStopped) fn();
    }, ms);
    this.pendingTimers.add(t);
  }

  private readonly pendingTimers = new Set<NodeJS.Timeout>();

  /** what a step makes visible to clients, after the profile's checkpoint lag (at once in the local profile) */
  private afterVisibilityLag(fn: () => void): void {
    if (this.profile.visibilityLagMs > 0) this.later(this.profile.visibilityLagMs, fn);
    else fn();
  }

  /** Stage one step that sends `out` (prepareSend); `after` runs after its commit, before its activities start. */
  private stepSending(ops: StoreOp[], out: readonly Outgoing[], after?: () => void): void {
    const send = this.prepareSend(out);
    const committed = after
      ? () => {
          after();
          send.committed();
        }
      : send.committed;
    this.commit.step([...ops, ...send.ops], send.deliver, committed);
  }

  /** A client's step that sends `out`: resolves once it is committed. */
  private commitSending(ops: StoreOp[], out: readonly Outgoing[]): Promise<void> {
    const send = this.prepareSend(out, true);
    return this.commit.commitStep([...ops, ...send.ops], send.deliver, send.committed);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight++;
    return work.finally(() => {
      if (--this.inFlight === 0) this.idleWaiters.splice(0).forEach((r) => r());
    });
  }

  // ---------------------------------------------------------------- entities (spec §4, §6)

  registryGet(name: string) {
    return this.registry.get(name);
  }

  hasEntityFunction(lowerCaseName: string): boolean {
    return this.entityNames.has(lowerCaseName);
  }

  /** The entity's scheduler: from memory (now the most recently used), else loaded from the store. */
  private entityFor(id: string): EntityScheduler | undefined {
    let e = this.entities.get(id);
    if (e) {
      this.entities.delete(id);
      this.entities.set(id, e);
      return e;
    }
    const ref = parseSchedulerId(id);
    if (!ref) return undefined;
    // not in memory means nothing of it is uncommitted (isEvictable): the store has its latest state
    const stored = this.store.getEntity(id);
    e = new EntityScheduler(id, ref.name, ref.key, stored ?? { exists: false, state: null, lockedBy: null });
    this.entities.set(id, e);
    this.evictIdleEntities();
    return e;
  }

  /** Drop idle entities, least recently used first, while more than entityCacheSize are in memory. */
  private evictIdleEntities(): void {
    if (this.entities.size <= this.entityCacheSize) return;
    let scanned = 0;
    for (const [id, e] of this.entities) {
      if (this.entities.size <= this.entityCacheSize || scanned++ >= EVICTION_SCAN) break;
      this.entities.delete(id);
      if (!e.isEvictable) this.entities.set(id, e); // busy: stays, behind the others
    }
  }

  /** entities in memory now (tests, README "Entity cache") */
  get entitiesInMemory(): number {
    return this.entities.size;
  }

  /** committed state of an entity, for readEntityState (spec §7.2): from memory, else from the store */
  peekEntity(name: string, key: string): { exists: boolean; state: string | null } | undefined {
    this.counters.entityStateReads++;
    const id = schedulerId(name, key);
    const e = this.entities.get(id);
    if (e) return e.committed;
    const stored = this.store.getEntity(id);
    return stored ? { exists: stored.exists, state: stored.state } : undefined;
  }

  /**
   * Start the entity's next batch. At most one batch per entity starts in each group commit: messages that
   * arrive after it wait for the commit and then run as one batch. An entity that gets one message per turn
   * (a customer's cart) applies it in the same transaction as the message, so a read right after a client's
   * acknowledged signal sees it; a hot entity (the singleton under a stream of signals) still gets big
   * batches instead of one invocation per message.
   */
  private kickEntity(e: EntityScheduler): void {
    if (e.running || this.draining) return;
    if (e.batchGroup === this.commit.group) {
      // (a failed commit drops its after-commit effects and leaves this flag set: the hub is fatal then)
      if (!e.kickAfterCommit) {
        e.kickAfterCommit = true;
        this.commit.stage([], () => {
          e.kickAfterCommit = false;
          this.kickEntity(e);
        });
      }
      return;
    }
    e.running = true; // claimed now, so concurrent deliveries don't start a second batch
    e.batchGroup = this.commit.group;
    queueMicrotask(() => void this.track(this.runEntityBatch(e)));
  }

  private readonly batchDeps: BatchDeps = {
    now: () => Date.now(),
    newId: () => randomUUID(),
    entityExists: (name) => this.entityNames.has(name),
    isLockWanted: (parent, lockId) => {
      const inst = this.active.get(parent);
      return inst !== undefined && !inst.isTerminal && inst.engine.lock?.id === lockId;
    },
    warn: (m) => {
      // once per distinct message: a hot entity would otherwise log on every batch
      if (this.warned.has(m) || this.warned.size > 1000) return;
      this.warned.add(m);
      this.log('warn', m);
    },
  };

  private async runEntityBatch(e: EntityScheduler): Promise<void> {
    const batch = e.takeBatch(this.maxBatch);
    if (!batch) {
      e.running = false;
      if (e.isDeletable) {
        // stays in memory (it reads as not existing) until the delete is committed; then it may be evicted
        e.pendingWrites++;
        this.commit.stage([{ op: 'deleteEntity', id: e.id }], () => e.pendingWrites--);
      }
      return;
    }
    if (batch.ops.length > 0) {
      this.counters.entityBatches++;
      this.counters.entityOperations += batch.ops.length;
    }
    const invoked = batch.ops.length > 0 ? await invokeEntityBatch(this.registry, this.invoker, e, batch) : { results: [], signals: [], entityExists: e.exists, ...(e.state !== null ? { entityState: e.state } : {}) };
    const output = checkEntityOutput(this.profile, invoked);
    if (this.isStopped) return;
    const out = applyBatchResult(e, batch, output, this.batchDeps);
    const ops: StoreOp[] = batch.consumed.map((id) => ({ op: 'deleteMessage', id }));
    ops.push({ op: 'putEntity', record: { id: e.id, exists: e.exists, state: e.state, lockedBy: e.lockedBy, ...(batch.ops.length > 0 ? { lastOperationAt: Date.now() } : {}) } });
    const committed = { exists: e.exists, state: e.state };
    e.pendingWrites++;
    this.stepSending(ops, out, () => {
      this.afterVisibilityLag(() => {
        e.committed = committed;
        e.pendingWrites--;
      });
    });
    // the next batch may start before this one commits: commits are ordered, effects wait for their commit
    e.running = false;
    if (e.queueLength > 0 || e.isDeletable) this.kickEntity(e);
  }

  // ---------------------------------------------------------------- orchestrations (spec §5)

  getInstance(id: string): OrchestrationInstance | undefined {
    return this.active.get(id) ?? this.terminal.get(id);
  }

  /**
   * Resolve once the instance's committed record is terminal, or after `ms` (the hold of status reads: a poller learns of completion at once and polls once).
   */
  waitForSettled(id: string, ms: number): Promise<void> {
    const inst = this.getInstance(id);
    if (!inst || ms <= 0 || settled(inst)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        inst!.watchers.delete(check);
        resolve();
      }
      function check() {
        if (settled(inst!)) done();
      }
      inst.watchers.add(check);
    });
  }

  /** the instance as last committed (what clients may see), from memory or the store */
  visibleInstance(id: string): InstanceRecord | undefined {
    return this.getInstance(id)?.visible ?? this.store.getInstance(id);
  }

  /** Route a committed orchestration message to its instance's inbox or timer; false if it is stale. */
  private routeToInstance(msgId: number, target: string, msg: OrchestrationMessage, due: number | null): boolean {
    if (msg.type === 'start') {
      this.startChild(msgId, target, msg);
      return true;
    }
    const inst = this.active.get(target);
    if (!inst) return false;
    if (msg.type === 'event' && msg.executionId !== null && msg.executionId !== inst.executionId) return false;
    if (due !== null && due > this.now()) {
      inst.timers.add(msgId);
      this.timers.add(due, { msgId, target, msg });
      return true;
    }
    inst.inbox.push({ msgId, msg });
    this.kickInstance(inst);
    return true;
  }

  private timerFired(msgId: number, target: string, msg: OrchestrationMessage): void {
    const inst = this.active.get(target);
    if (!inst || !inst.timers.delete(msgId)) return; // cancelled with its instance
    inst.inbox.push({ msgId, msg });
    this.kickInstance(inst);
  }

  private kickInstance(inst: OrchestrationInstance): void {
    if (inst.running || inst.scheduled || this.draining) return;
    inst.scheduled = true;
    queueMicrotask(() => {
      inst.scheduled = false;
      void this.track(this.runner.run(inst).then((progressed) => {
        // run again only after progress: a suspended instance's kept events wait for resume
        if (progressed && inst.inbox.length > 0 && !inst.isTerminal) this.kickInstance(inst);
      }));
    });
  }

  private readonly episodeDeps: EpisodeDeps = {
    invokeOrchestrator: (name, inputText) => {
      this.counters.orchestrationEpisodes++;
      return invokeOrchestrator(this.registry, this.invoker, name, inputText);
    },
    activityName: (name) => {
      const fn = this.registry.get(name);
      return fn && fn.trigger.type === 'activityTrigger' ? fn.name : undefined;
    },
    orchestratorName: (name) => {
      const fn = this.registry.get(name);
      return fn && fn.trigger.type === 'orchestrationTrigger' ? fn.name : undefined;
    },
    entityExists: (name) => this.entityNames.has(name),
    newId: () => randomUUID(),
  };

  /** Create a sub-orchestration (consuming its start message); a running id fails the parent's task instead. */
  private startChild(msgId: number, id: string, msg: Extract<OrchestrationMessage, { type: 'start' }>): void {
    const now = Date.now();
    const consume: StoreOp = { op: 'deleteMessage', id: msgId };
    const existing = this.active.get(id);
    if (existing) {
      const reason = `An Orchestration instance with the instance ID '${id}' already exists and is ${existing.status}.`;
      const event = historyEvents.subOrchestrationFailed(now, msg.parent.taskScheduledId, reason, '');
      this.stepSending([consume], [{ kind: 'orchestration', target: msg.parent.instanceId, msg: { type: 'event', executionId: msg.parent.executionId, event } }]);
      return;
    }
    const { record, started, publish } = this.newExecution(id, msg.name, msg.input, msg.parent, now);
    this.stepSending([consume, { op: 'deleteHistory', instanceId: id }, { op: 'putInstance', record }], [started], publish);
  }

  /**
   * A new execution of `id`, active in memory from now on (a finished one of that id is replaced): its
   * record, the message of its ExecutionStarted event, and `publish` for after the commit (an episode of the new execution
   * may have committed in the same transaction and be visible already).
   */
  private newExecution(id: string, name: string, input: string | null, parent: ParentLink | null, now: number) {
    const inst = new OrchestrationInstance(id, { name, executionId: randomUUID(), status: 'Pending', input, createdAt: now });
    this.counters.orchestrationsStarted++;
    inst.engine.parent = parent;
    this.terminal.delete(id);
    this.active.set(id, inst);
    const record = inst.toRecord();
    const event = historyEvents.executionStarted(now, name, input, id, inst.executionId);
    const started: Outgoing = { kind: 'orchestration', target: id, msg: { type: 'event', executionId: inst.executionId, event } };
    const publish = () => {
      if (inst.visible?.executionId !== inst.executionId) inst.publish(record);
    };
    return { inst, record, started, publish };
  }

  /** An instance reached a terminal state: out of the active set, into the cache of recent ones. */
  private retire(inst: OrchestrationInstance): void {
    this.active.delete(inst.id);
    inst.history = []; // history stays in the store only
    this.terminal.delete(inst.id);
    this.terminal.set(inst.id, inst);
    while (this.terminal.size > TERMINAL_CACHE_SIZE) {
      const oldest = this.terminal.keys().next().value as string;
      this.terminal.delete(oldest);
    }
  }

  // ---------------------------------------------------------------- activities (spec §5.5)

  private dispatchActivity(msgId: number, target: string, task: ActivityTask): void {
    if (this.draining) return; // stays stored: re-run after restart (activities are at-least-once)
    const inst = this.active.get(target);
    if (!inst || inst.executionId !== task.executionId) {
      this.commit.stage([{ op: 'deleteMessage', id: msgId }]);
      return;
    }
    void this.track(this.runActivity(msgId, target, task));
  }

  private async runActivity(msgId: number, target: string, task: ActivityTask): Promise<void> {
    this.counters.activityCalls++;
    // a callHttp call is the built-in HTTP activity (httpCalls.ts); anything else is the app's activity function
    const outcome = task.name === HTTP_ACTIVITY_NAME ? await runHttpCallTask(task) : await invokeActivity(this.registry, this.invoker, target, task);
    const event = checkActivityEvent(this.profile, task.name, outcome);
    if (this.isStopped) return;
    this.stepSending([{ op: 'deleteMessage', id: msgId }], [{ kind: 'orchestration', target, msg: { type: 'event', executionId: task.executionId, event } }]);
  }


  // ---------------------------------------------------------------- client operations (spec §3.3)

  /** make a new or overwritten instance (the caller checked it is not running) and stage its start */
  startInstance(id: string, name: string, input: string | null, isNewId = false): Promise<OrchestrationInstance> {
    // refused before the new execution replaces the instance in memory (a retry must not find it "Pending")
    if (this.draining) return Promise.reject(new HubStoppingError());
    const { inst, record, started, publish } = this.newExecution(id, name, input, null, Date.now());
    if (!isNewId) inst.visible = this.visibleInstance(id); // the old execution stays visible until the new one commits
    const ops: StoreOp[] = isNewId ? [] : [{ op: 'deleteHistory', instanceId: id }];
    return this.commitSending([...ops, { op: 'putInstance', record }], [started]).then(() => {
      publish();
      return inst;
    });
  }

  sendToInstance(id: string, msg: OrchestrationMessage): Promise<void> {
    return this.commitSending([], [{ kind: 'orchestration', target: id, msg }]);
  }

  sendToEntity(target: string, msg: EntityMessage): Promise<void> {
    return this.commitSending([], [{ kind: 'entity', target, msg }]);
  }

  /** ids whose purge is staged but not committed: a start of one of them is refused until then */
  private readonly purging = new Map<string, number>();

  isPurging(id: string): boolean {
    return this.purging.has(id);
  }

  /** delete a finished instance and its history */
  purge(ids: string[]): Promise<void> {
    for (const id of ids) {
      this.terminal.delete(id);
      this.purging.set(id, (this.purging.get(id) ?? 0) + 1);
    }
    const done = () => {
      for (const id of ids) {
        const n = this.purging.get(id)! - 1;
        if (n === 0) this.purging.delete(id);
        else this.purging.set(id, n);
      }
    };
    return this.commit.commitStep(ids.flatMap((id): StoreOp[] => [{ op: 'deleteInstance', id }, { op: 'deleteHistory', instanceId: id }])).then(done, (error: unknown) => {
      done();
      throw error;
    });
  }
}

/** the committed record is final: nothing more will change it (until a new start) */
function settled(inst: OrchestrationInstance): boolean {
  const v = inst.visible;
  return v !== undefined && TERMINAL_STATUSES.has(v.status);
}
