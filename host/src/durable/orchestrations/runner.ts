// Runs orchestration instances (spec §5.6): takes the next events from an instance's inbox (one retry step
// alone, control messages without replay), replays the orchestrator for them, and applies the outcome:
// history, status, dispatched work, and the end of an execution (locks released, timers cancelled, parent
// of a sub-orchestration told, continue-as-new).
import { randomUUID } from 'node:crypto';
import type { StoreOp } from '../../store/store.js';
import type { GroupCommit } from '../groupCommit.js';
import { type HistoryEvent, historyEvents, OrchestrationStatusCode } from '../protocol/historyEvents.js';
import { parseStoredJson } from '../protocol/status.js';
import type { OrchestrationMessage, Outgoing } from '../work.js';
import { newEngineState } from './engineState.js';
import { type EpisodeDeps, isRetryStep, runEpisode } from './episode.js';
import type { InboxItem, OrchestrationInstance } from './instance.js';

/** Events delivered to one orchestration episode at most (they are replayed together). */
const MAX_EVENTS_PER_EPISODE = 64;

export interface RunnerHost {
  readonly commit: GroupCommit;
  /** store ids and insert operations for outgoing messages, their delivery, and what must wait for the commit (activities) */
  prepareSend(out: readonly Outgoing[]): { ops: StoreOp[]; deliver: () => void; committed: () => void };
  /** runs what a commit makes visible to clients after the engine profile's checkpoint lag (at once locally) */
  afterVisibilityLag(fn: () => void): void;
  readonly episodeDeps: EpisodeDeps;
  /** the instance reached a terminal state */
  retire(inst: OrchestrationInstance): void;
  log(level: 'warn' | 'error', message: string): void;
}

interface Effects {
  /** hand the step's messages on (runs right after staging) */
  deliver: (() => void)[];
  /** make the step visible to clients and start its activities (runs after the commit) */
  committed: (() => void)[];
}

export class OrchestrationRunner {
  constructor(private readonly host: RunnerHost) {}

  /** Run one round of an instance's inbox; true if it consumed anything. */
  async run(inst: OrchestrationInstance): Promise<boolean> {
    if (inst.running || this.host.commit.stopped || inst.inbox.length === 0) return false;
    inst.running = true;
    let progressed = false;
    try {
      const consumed: number[] = [];
      const ops: StoreOp[] = [];
      const effects: Effects = { deliver: [], committed: [] };
      // control messages act at once and need no replay; stale events are dropped
      const events: HistoryEvent[] = [];
      const keep: InboxItem[] = [];
      let stop = false;
      for (const item of inst.inbox) {
        const m = item.msg;
        if (stop || inst.isTerminal) {
          if (inst.isTerminal) consumed.push(item.msgId);
          else keep.push(item);
          continue;
        }
        if (m.type === 'start') {
          consumed.push(item.msgId); // never queued (routeToInstance creates the child); defensive
          continue;
        }
        if (m.type !== 'event') {
          if (events.length > 0) {
            // a terminate/suspend after events already taken waits until their episode is done
            keep.push(item);
            stop = true;
            continue;
          }
          consumed.push(item.msgId);
          const wasSuspended = inst.status === 'Suspended';
          this.control(inst, m, ops, effects);
          // events kept while suspended go first after a resume: keep the rest in order too
          if (wasSuspended && inst.status !== 'Suspended' && keep.length > 0) stop = true;
          continue;
        }
        if (inst.status === 'Suspended' || (m.executionId !== null && m.executionId !== inst.executionId)) {
          if (inst.status === 'Suspended') keep.push(item);
          else consumed.push(item.msgId);
          continue;
        }
        // an event that makes the library allocate an id (retries, spec §5.7) goes in an episode of its own
        const retry = isRetryStep(inst.engine, m.event);
        if (events.length >= MAX_EVENTS_PER_EPISODE || (retry && events.length > 0)) {
          keep.push(item);
          stop = true;
          continue;
        }
        events.push(m.event);
        consumed.push(item.msgId);
        if (retry) stop = true;
      }
      inst.inbox = keep;
      progressed = consumed.length > 0;
      if (events.length > 0) {
        if (inst.status === 'Pending') inst.status = 'Running';
        await this.episode(inst, events, ops, effects);
      }
      if (this.host.commit.stopped) return false;
      for (const id of consumed) ops.push({ op: 'deleteMessage', id });
      if (ops.length > 0) this.host.commit.step(ops, () => effects.deliver.forEach((f) => f()), () => effects.committed.forEach((f) => f()));
    } catch (error) {
      this.host.log('error', `orchestration ${inst.id}: ${(error as Error).stack ?? String(error)}`);
    } finally {
      inst.running = false;
    }
    return progressed;
  }

  private async episode(inst: OrchestrationInstance, events: HistoryEvent[], ops: StoreOp[], effects: Effects): Promise<void> {
    const result = await runEpisode(
      { id: inst.id, name: inst.name, executionId: inst.executionId, inputText: inst.input, history: inst.history },
      inst.engine,
      events,
      Date.now(),
      this.host.episodeDeps,
    );
    if (this.host.commit.stopped) return;
    ops.push({ op: 'appendHistory', instanceId: inst.id, firstSeq: inst.history.length, events: result.appended });
    for (const h of result.appended) inst.history.push(h);
    if (result.customStatus !== undefined) inst.customStatus = result.customStatus;
    const out = [...result.outgoing];
    const o = result.outcome;
    if (o.status === 'Completed' || o.status === 'Failed') {
      inst.status = o.status;
      inst.output = o.output;
      this.finish(inst, out, ops);
    } else if (o.status === 'ContinuedAsNew') {
      this.continueAsNew(inst, o.input, out, ops);
    }
    inst.updatedAt = Date.now();
    this.stageChange(inst, out, ops, effects);
  }

  /** Stage the instance's new record and its outgoing messages; the record becomes visible after the commit. */
  private stageChange(inst: OrchestrationInstance, out: readonly Outgoing[], ops: StoreOp[], effects: Effects): void {
    const record = inst.toRecord();
    ops.push({ op: 'putInstance', record });
    const send = this.host.prepareSend(out);
    ops.push(...send.ops);
    effects.deliver.push(send.deliver);
    effects.committed.push(() => this.host.afterVisibilityLag(() => inst.publish(record)), send.committed);
  }

  /** A sub-orchestration finished: tell its parent (spec §5.5 type 2). */
  private notifyParent(inst: OrchestrationInstance, out: Outgoing[]): void {
    const parent = inst.engine.parent;
    if (!parent) return;
    const now = Date.now();
    let event: HistoryEvent;
    if (inst.status === 'Completed') {
      event = historyEvents.subOrchestrationCompleted(now, parent.taskScheduledId, inst.output);
    } else {
      const why = inst.status === 'Terminated' ? `Orchestration '${inst.id}' was terminated: ${String(parseStoredJson(inst.output) ?? '')}` : String(parseStoredJson(inst.output));
      event = historyEvents.subOrchestrationFailed(now, parent.taskScheduledId, why, '');
    }
    out.push({ kind: 'orchestration', target: parent.instanceId, msg: { type: 'event', executionId: parent.executionId, event } });
  }

  /** A finished execution: release held locks (also on failure: documented deviation, spec §5.8), cancel timers. */
  private finish(inst: OrchestrationInstance, out: Outgoing[], ops: StoreOp[]): void {
    this.notifyParent(inst, out);
    this.endExecution(inst, out, ops);
    for (const item of inst.inbox) ops.push({ op: 'deleteMessage', id: item.msgId });
    inst.inbox = [];
    this.host.retire(inst);
  }

  /** The end of an execution (finished or continued as new): release its held lock, cancel its timers. */
  private endExecution(inst: OrchestrationInstance, out: Outgoing[], ops: StoreOp[]): void {
    const lock = inst.engine.lock;
    if (lock) {
      for (const target of lock.entities) out.push({ kind: 'entity', target, msg: { type: 'release', id: lock.id, parent: inst.id } });
      inst.engine.lock = null;
    }
    for (const id of inst.timers) ops.push({ op: 'deleteMessage', id });
    inst.timers.clear();
  }

  private continueAsNew(inst: OrchestrationInstance, input: string | null, out: Outgoing[], ops: StoreOp[]): void {
    this.endExecution(inst, out, ops);
    ops.push({ op: 'deleteHistory', instanceId: inst.id });
    inst.history = [];
    const parent = inst.engine.parent;
    inst.engine = newEngineState();
    inst.engine.parent = parent;
    inst.executionId = randomUUID();
    inst.input = input;
    inst.status = 'Running';
    const started = historyEvents.executionStarted(Date.now(), inst.name, input, inst.id, inst.executionId);
    out.push({ kind: 'orchestration', target: inst.id, msg: { type: 'event', executionId: inst.executionId, event: started } });
  }

  /** terminate / suspend / resume (spec §3.3): recorded in history, no replay needed */
  private control(inst: OrchestrationInstance, m: Extract<OrchestrationMessage, { type: 'terminate' | 'suspend' | 'resume' }>, ops: StoreOp[], effects: Effects): void {
    const now = Date.now();
    let event: HistoryEvent;
    if (m.type === 'terminate') {
      event = historyEvents.executionTerminated(now, m.reason);
      inst.status = 'Terminated';
      inst.output = m.reason === null ? null : JSON.stringify(m.reason);
    } else if (m.type === 'suspend') {
      if (inst.status !== 'Running' && inst.status !== 'Pending') return;
      event = historyEvents.executionSuspended(now, m.reason);
      inst.status = 'Suspended';
    } else {
      if (inst.status !== 'Suspended') return;
      event = historyEvents.executionResumed(now, m.reason);
      inst.status = inst.history.length > 0 ? 'Running' : 'Pending';
    }
    const appended = [JSON.stringify({ ...event, IsPlayed: true })];
    if (m.type === 'terminate') {
      appended.push(JSON.stringify({ ...historyEvents.executionCompleted(now, inst.engine.nextEventId++, OrchestrationStatusCode.Terminated, inst.output), IsPlayed: true }));
    }
    ops.push({ op: 'appendHistory', instanceId: inst.id, firstSeq: inst.history.length, events: appended });
    inst.history.push(...appended);
    inst.updatedAt = now;
    const out: Outgoing[] = [];
    if (inst.isTerminal) this.finish(inst, out, ops);
    this.stageChange(inst, out, ops, effects);
  }
}
