// One orchestration episode (spec §5.6): OrchestratorStarted + the new events, the implicit retry decision,
// the replay (invoke the orchestrator with the whole history), then the translation of the new suffix of
// actions into history events and outgoing work, by an exhaustive map keyed by ActionType.
import {
  type Action, ActionType, type ActionOf, type OrchestratorState,
  parseOrchestrationFailure, parseOrchestratorState,
} from '../protocol/actions.js';
import { type DurableHttpRequest, HTTP_ACTIVITY_NAME, nextPoll, parseDurableHttpRequest } from '../protocol/durableHttp.js';
import { parseSchedulerId, schedulerId, toWireRequest, type EntityMessage } from '../protocol/entityMessages.js';
import { type HistoryEvent, HistoryEventType, historyEvents, OrchestrationStatusCode } from '../protocol/historyEvents.js';
import { orchestrationInputText } from '../protocol/orchestrationInput.js';
import type { Outgoing } from '../work.js';
import { describeAction, findNonDeterminism } from './determinism.js';
import type { EngineState } from './engineState.js';
import { retryDelayMs, validRetryOptions } from './retry.js';

export interface EpisodeInstance {
  id: string;
  name: string;
  executionId: string;
  inputText: string | null;
  /** stored history of this execution (JSON texts) */
  history: readonly string[];
}

export type InvokeResult = { ok: true; value: unknown } | { ok: false; message: string };

export interface EpisodeDeps {
  invokeOrchestrator(functionName: string, inputText: string): Promise<InvokeResult>;
  /** registered name of an activity function (case-insensitive lookup), undefined if none */
  activityName(name: string): string | undefined;
  /** registered name of an orchestrator function, undefined if none */
  orchestratorName(name: string): string | undefined;
  entityExists(lowerCaseName: string): boolean;
  newId(): string;
}

export type EpisodeOutcome =
  | { status: 'Running' }
  | { status: 'Completed'; output: string | null }
  | { status: 'Failed'; output: string }
  | { status: 'ContinuedAsNew'; input: string | null };

export interface EpisodeResult {
  /** history texts to append (IsPlayed true, as the next episode must see them) */
  appended: string[];
  outgoing: Outgoing[];
  outcome: EpisodeOutcome;
  /** new custom status JSON text, undefined when unchanged (the extension keeps the last non-null value) */
  customStatus?: string;
}

/** defaultHttpAsyncRequestSleepTimeMillseconds given to the library (protocol/orchestrationInput.ts) */
const DEFAULT_HTTP_POLL_MS = 30_000;

export const notSupported = (feature: string) => `not supported by the local host: ${feature}`;

/** True if delivering this event makes the library allocate a sequence id (spec §5.7): it must go alone. */
export function isRetryStep(engine: EngineState, e: HistoryEvent): boolean {
  // a callHttp answer may be a 202 the library then polls for: it allocates a timer id and a call id (CallHttpWithPollingTask.js)
  if (e.EventType === HistoryEventType.TaskCompleted && engine.httpTasks && String(e.TaskScheduledId) in engine.httpTasks) return true;
  if (e.EventType === HistoryEventType.TaskFailed || e.EventType === HistoryEventType.SubOrchestrationInstanceFailed)
    return String(e.TaskScheduledId) in engine.retryTasks;
  if (e.EventType === HistoryEventType.TimerFired) return String(e.TimerId) in engine.retryTimers;
  return false;
}

export async function runEpisode(inst: EpisodeInstance, engine: EngineState, newEvents: readonly HistoryEvent[], now: number, deps: EpisodeDeps): Promise<EpisodeResult> {
  // Replay-safe clock (§5.2): never backwards, and never before a timer that fired in this episode, so a
  // long timer (> maximumShortTimerDuration) completes in one TimerFired (lib: task/LongTimerTask.js).
  let ts = Math.max(now, engine.lastTimestamp);
  for (const e of newEvents) if (e.EventType === HistoryEventType.TimerFired) ts = Math.max(ts, Date.parse(String(e.FireAt)) || 0);
  engine.lastTimestamp = ts;

  const episode: HistoryEvent[] = [historyEvents.orchestratorStarted(ts), ...newEvents];
  const decisions: HistoryEvent[] = [];
  const outgoing: Outgoing[] = [];
  const t = new Translator(inst, engine, ts, decisions, outgoing, deps);

  for (const e of newEvents) t.retryStep(e);

  const input = orchestrationInputText({
    historyTexts: [...inst.history, ...episode.map((e) => JSON.stringify(e))],
    inputText: inst.inputText,
    instanceId: inst.id,
    isReplaying: inst.history.length > 0,
    parentInstanceId: engine.parent?.instanceId ?? null,
  });
  const result = await deps.invokeOrchestrator(inst.name, input);

  let state: OrchestratorState | undefined;
  let failure: string | undefined;
  if (result.ok) {
    try {
      state = parseOrchestratorState(result.value);
    } catch (error) {
      failure = (error as Error).message;
    }
  } else {
    const parsed = parseOrchestrationFailure(result.message);
    state = parsed.state;
    failure = parsed.error;
  }

  if (state) {
    const actions = state.actions[0] ?? [];
    const drift = findNonDeterminism(engine.signatures, actions);
    if (drift) {
      failure = drift;
    } else {
      // spec §5.8: the actions carried by a failure are processed first, so a release() in finally counts
      for (const a of actions.slice(engine.actionsDone)) {
        if (t.failure) break;
        t.apply(a);
        engine.signatures.push(describeAction(a));
      }
      engine.actionsDone = engine.signatures.length;
    }
  }
  failure ??= t.failure;

  let outcome: EpisodeOutcome = { status: 'Running' };
  if (failure !== undefined) {
    const message = `Orchestrator function '${inst.name}' failed: ${failure}`;
    decisions.push(historyEvents.executionCompleted(ts, engine.nextEventId++, OrchestrationStatusCode.Failed, JSON.stringify(message)));
    outcome = { status: 'Failed', output: JSON.stringify(message) };
  } else if (state?.isDone) {
    if (t.continueAsNewInput !== undefined) {
      decisions.push(historyEvents.executionCompleted(ts, engine.nextEventId++, OrchestrationStatusCode.ContinuedAsNew, t.continueAsNewInput));
      outcome = { status: 'ContinuedAsNew', input: t.continueAsNewInput };
    } else {
      const output = state.output === undefined ? null : JSON.stringify(state.output);
      decisions.push(historyEvents.executionCompleted(ts, engine.nextEventId++, OrchestrationStatusCode.Completed, output));
      outcome = { status: 'Completed', output };
    }
  }
  episode.push(...decisions, historyEvents.orchestratorCompleted(ts));
  const appended = episode.map((e, i) => JSON.stringify(i === 0 ? e : { ...e, IsPlayed: true }));
  const customStatus = state && state.customStatus !== undefined && state.customStatus !== null ? JSON.stringify(state.customStatus) : undefined;
  return { appended, outgoing, outcome, ...(customStatus !== undefined ? { customStatus } : {}) };
}

/** Translates actions into decision events and outgoing work (spec §5.5); the first failure stops it. */
class Translator {
  failure: string | undefined;
  continueAsNewInput: string | null | undefined;

  constructor(
    private readonly inst: EpisodeInstance,
    private readonly engine: EngineState,
    private readonly ts: number,
    private readonly decisions: HistoryEvent[],
    private readonly outgoing: Outgoing[],
    private readonly deps: EpisodeDeps,
  ) {}

  private fail(message: string): void {
    this.failure ??= message;
  }

  private nextId(): number {
    return this.engine.nextEventId++;
  }

  /** The implicit decisions of a retrying activity or sub-orchestration (spec §5.7), taken before any new action's id. */
  retryStep(e: HistoryEvent): void {
    const engine = this.engine;
    this.httpPollStep(e);
    if (e.EventType === HistoryEventType.TaskCompleted || e.EventType === HistoryEventType.SubOrchestrationInstanceCompleted) {
      delete engine.retryTasks[String(e.TaskScheduledId)];
    } else if (e.EventType === HistoryEventType.TaskFailed || e.EventType === HistoryEventType.SubOrchestrationInstanceFailed) {
      const rs = engine.retryTasks[String(e.TaskScheduledId)];
      if (!rs) return;
      delete engine.retryTasks[String(e.TaskScheduledId)];
      const timerId = this.nextId();
      const fireAt = new Date(this.ts + retryDelayMs(rs.options, rs.attempt)).toISOString();
      this.decisions.push(historyEvents.timerCreated(this.ts, timerId, fireAt));
      this.timer(timerId, fireAt);
      engine.retryTimers[String(timerId)] = rs;
    } else if (e.EventType === HistoryEventType.TimerFired) {
      const rs = engine.retryTimers[String(e.TimerId)];
      if (!rs) return;
      delete engine.retryTimers[String(e.TimerId)];
      if (rs.attempt >= rs.options.maxNumberOfAttempts) return; // the library now fails the task
      const id = this.nextId();
      if (rs.kind === 'sub') this.startSub(id, rs.name, rs.subInstanceId, rs.input);
      else this.scheduleActivity(id, rs.name, rs.input);
      engine.retryTasks[String(id)] = { ...rs, attempt: rs.attempt + 1 };
    }
  }

  /**
   * callHttp's 202 polling (spec §5.5 CallHttp; ext: DurableOrchestrationContext.cs CallHttpAsync). On a 202 with a
   * Location the library reserves two ids — a timer, then the next call (lib: task/CallHttpWithPollingTask.js) —
   * without emitting actions for them: the host creates that timer and, when it fires, schedules the GET of the Location.
   */
  private httpPollStep(e: HistoryEvent): void {
    const engine = this.engine;
    const key = String(e.TaskScheduledId);
    if ((e.EventType === HistoryEventType.TaskCompleted || e.EventType === HistoryEventType.TaskFailed) && engine.httpTasks?.[key]) {
      const request = engine.httpTasks[key]!;
      delete engine.httpTasks[key];
      const poll = e.EventType === HistoryEventType.TaskCompleted ? nextPoll(request, (e.Result as string | null) ?? null, DEFAULT_HTTP_POLL_MS) : undefined;
      if (!poll) return;
      const timerId = this.nextId();
      const pollId = this.nextId();
      const fireAt = new Date(this.ts + poll.delayMs).toISOString();
      this.decisions.push(historyEvents.timerCreated(this.ts, timerId, fireAt));
      this.timer(timerId, fireAt);
      (engine.httpPollTimers ??= {})[String(timerId)] = { pollId, request: poll.request };
    } else if (e.EventType === HistoryEventType.TimerFired && engine.httpPollTimers?.[String(e.TimerId)]) {
      const { pollId, request } = engine.httpPollTimers[String(e.TimerId)]!;
      delete engine.httpPollTimers[String(e.TimerId)];
      this.scheduleHttp(pollId, request);
    }
  }

  private scheduleHttp(id: number, request: DurableHttpRequest): void {
    const input = JSON.stringify(request);
    this.decisions.push(historyEvents.taskScheduled(this.ts, id, HTTP_ACTIVITY_NAME, input));
    this.outgoing.push({ kind: 'activity', target: this.inst.id, task: { executionId: this.inst.executionId, scheduledId: id, name: HTTP_ACTIVITY_NAME, input } });
    if (request.asynchronousPatternEnabled) (this.engine.httpTasks ??= {})[String(id)] = request;
  }

  apply(a: Action): void {
    (this.handlers[a.actionType] as (a: Action) => void)(a);
  }

  private readonly handlers: { [K in ActionType]: (a: ActionOf<K>) => void } = {
    [ActionType.CallActivity]: (a) => {
      const name = this.activity(a.functionName);
      if (name) this.scheduleActivity(this.nextId(), name, activityInput(a.input));
    },
    [ActionType.CallActivityWithRetry]: (a) => {
      const name = this.activity(a.functionName);
      if (!name) return;
      if (!validRetryOptions(a.retryOptions)) return this.fail(`invalid retryOptions for activity '${a.functionName}'`);
      const id = this.nextId();
      const input = activityInput(a.input);
      this.scheduleActivity(id, name, input);
      this.engine.retryTasks[String(id)] = { name, input, attempt: 1, options: a.retryOptions };
    },
    [ActionType.CallSubOrchestrator]: (a) => {
      const name = this.orchestrator(a.functionName);
      if (name) this.startSub(this.nextId(), name, a.instanceId, a.input === undefined ? null : JSON.stringify(a.input));
    },
    [ActionType.CallSubOrchestratorWithRetry]: (a) => {
      const name = this.orchestrator(a.functionName);
      if (!name) return;
      if (!validRetryOptions(a.retryOptions)) return this.fail(`invalid retryOptions for sub-orchestration '${a.functionName}'`);
      const id = this.nextId();
      const input = a.input === undefined ? null : JSON.stringify(a.input);
      this.startSub(id, name, a.instanceId, input);
      this.engine.retryTasks[String(id)] = { kind: 'sub', ...(a.instanceId ? { subInstanceId: a.instanceId } : {}), name, input, attempt: 1, options: a.retryOptions };
    },
    [ActionType.ContinueAsNew]: (a) => {
      // the library JSON-encodes string inputs only (Utils.processInput); other values are raw
      this.continueAsNewInput = a.input === undefined ? null : typeof a.input === 'string' ? a.input : JSON.stringify(a.input);
    },
    [ActionType.CreateTimer]: (a) => {
      const fireAt = Date.parse(a.fireAt);
      if (!Number.isFinite(fireAt)) return this.fail(`CreateTimer with an invalid fireAt ${JSON.stringify(a.fireAt)}`);
      const id = this.nextId();
      this.decisions.push(historyEvents.timerCreated(this.ts, id, a.fireAt));
      this.timer(id, a.fireAt);
    },
    [ActionType.WaitForExternalEvent]: () => {
      // no id, no history: the EventRaised is matched by name (spec §5.5)
    },
    [ActionType.CallEntity]: (a) => this.entityOp(a.instanceId, a.operation, a.input, false),
    [ActionType.CallHttp]: (a) => {
      const request = parseDurableHttpRequest(a.httpRequest);
      if (typeof request === 'string') return this.fail(request);
      this.scheduleHttp(this.nextId(), request);
    },
    [ActionType.SignalEntity]: (a) => this.entityOp(a.instanceId, a.operation, a.input, true),
    [ActionType.ScheduledSignalEntity]: () => this.fail(notSupported('scheduled entity signals')),
    [ActionType.WhenAny]: (a) => a.compoundActions.forEach((c) => !this.failure && this.apply(c)),
    [ActionType.WhenAll]: (a) => a.compoundActions.forEach((c) => !this.failure && this.apply(c)),
    [ActionType.LockEntities]: (a) => {
      // §6.2: sorted by scheduler id, de-duplicated (the library did it already), names lower-cased
      const refs = [...new Map(a.lockSet.map((e) => [schedulerId(String(e.name), String(e.key)), { name: String(e.name).toLowerCase(), key: String(e.key) }])).entries()]
        .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
      const unknown = refs.find(([, r]) => !this.deps.entityExists(r.name));
      if (unknown) return this.fail(unknownFunction(unknown[1].name, 'entity'));
      if (refs.length === 0) return this.fail('LockEntities with an empty lock set');
      const id = this.nextId();
      const msg: EntityMessage = { type: 'lock', id: a.lockRequestId, parent: this.inst.id, parentExecution: this.inst.executionId, lockset: refs.map(([, r]) => r), pos: 0 };
      this.send(id, 'op', refs[0]![0], msg);
      this.engine.lock = { id: a.lockRequestId, entities: refs.map(([sid]) => sid) };
    },
    [ActionType.ReleaseEntities]: () => {
      const held = this.engine.lock;
      if (!held) return this.fail('ReleaseEntities without a held lock');
      // one release per locked entity, one id each (lib: DurableOrchestrationContext.js:239-244, spec §6.3)
      for (const target of held.entities) this.send(this.nextId(), 'release', target, { type: 'release', id: held.id, parent: this.inst.id });
      this.engine.lock = null;
    },
  };

  private activity(functionName: string): string | undefined {
    const name = this.deps.activityName(functionName);
    if (!name) this.fail(unknownFunction(functionName, 'activity'));
    return name;
  }

  private orchestrator(functionName: string): string | undefined {
    const name = this.deps.orchestratorName(functionName);
    if (!name) this.fail(`The function '${functionName}' doesn't exist, is disabled, or is not an orchestrator function.`);
    return name;
  }

  /** start a child instance; DTFx names an unnamed child after the parent execution and the task id (spec §5.5, unverified) */
  private startSub(id: number, name: string, instanceId: string | undefined, input: string | null): void {
    const childId = typeof instanceId === 'string' && instanceId !== '' ? instanceId : `${this.inst.executionId}:${id}`;
    this.decisions.push(historyEvents.subOrchestrationCreated(this.ts, id, name, childId, input));
    const parent = { instanceId: this.inst.id, executionId: this.inst.executionId, taskScheduledId: id };
    this.outgoing.push({ kind: 'orchestration', target: childId, msg: { type: 'start', name, input, parent } });
  }

  private scheduleActivity(id: number, name: string, input: string | null): void {
    this.decisions.push(historyEvents.taskScheduled(this.ts, id, name, input));
    this.outgoing.push({ kind: 'activity', target: this.inst.id, task: { executionId: this.inst.executionId, scheduledId: id, name, input } });
  }

  private timer(id: number, fireAt: string): void {
    const event = historyEvents.timerFired(this.ts, id, fireAt);
    this.outgoing.push({ kind: 'orchestration', target: this.inst.id, msg: { type: 'event', executionId: this.inst.executionId, event }, due: Date.parse(fireAt) });
  }

  private entityOp(instanceId: string, op: string, input: unknown, signal: boolean): void {
    const ref = parseSchedulerId(String(instanceId));
    if (!ref) return this.fail(`invalid entity id ${JSON.stringify(instanceId)}`);
    if (!this.deps.entityExists(ref.name)) return this.fail(unknownFunction(ref.name, 'entity'));
    const text = input === undefined || input === null ? undefined : JSON.stringify(input);
    const msg: EntityMessage = {
      type: 'op', op: String(op), id: this.deps.newId(), signal, parent: this.inst.id, parentExecution: this.inst.executionId,
      ...(text !== undefined ? { input: text } : {}),
    };
    this.send(this.nextId(), 'op', schedulerId(ref.name, ref.key), msg);
  }

  private send(eventId: number, name: string, target: string, msg: EntityMessage): void {
    this.decisions.push(historyEvents.eventSent(this.ts, eventId, name, target, toWireRequest(msg)));
    this.outgoing.push({ kind: 'entity', target, msg });
  }
}

/** Activity input as JSON text (spec §5.5): strings arrive pre-encoded by the library; null/undefined → none. */
function activityInput(input: unknown): string | null {
  if (input === undefined || input === null) return null;
  return typeof input === 'string' ? input : JSON.stringify(input);
}

/** ext: DurableTaskExtension.cs:1325-1346 ThrowIfFunctionDoesNotExist */
function unknownFunction(name: string, kind: 'activity' | 'entity'): string {
  return `The function '${name}' doesn't exist, is disabled, or is not an ${kind} function. Additional info: the app registers no ${kind} function with this name.`;
}

