// One orchestration episode with a scripted orchestrator (runEpisode, spec §5.5–§5.8): the actions it
// returns are translated into history and outgoing work, or fail the orchestration with a message naming
// what is wrong. Also the pure retry timing and the action descriptions of the determinism check.
import { describe, expect, it } from 'vitest';
import { describeAction, findNonDeterminism } from '../../src/durable/orchestrations/determinism.js';
import { newEngineState, parseEngineState } from '../../src/durable/orchestrations/engineState.js';
import { type EpisodeDeps, isRetryStep, runEpisode } from '../../src/durable/orchestrations/episode.js';
import { retryDelayMs, validRetryOptions } from '../../src/durable/orchestrations/retry.js';
import { type Action, ActionType } from '../../src/durable/protocol/actions.js';
import { HistoryEventType, historyEvents } from '../../src/durable/protocol/historyEvents.js';

const NOW = Date.parse('2026-01-01T00:00:00.000Z');
const inst = { id: 'i', name: 'Orch', executionId: 'x1', inputText: null, history: [] as string[] };

/** deps whose orchestrator returns `state` (or fails with `failure`) */
function deps(state: unknown, options: { failure?: string; entities?: string[] } = {}): EpisodeDeps & { inputs: string[] } {
  const inputs: string[] = [];
  return {
    inputs,
    invokeOrchestrator: async (_name, input) => (inputs.push(input), options.failure !== undefined ? { ok: false, message: options.failure } : { ok: true, value: state }),
    activityName: (n) => (n.toLowerCase() === 'act' ? 'Act' : undefined),
    orchestratorName: (n) => (n.toLowerCase() === 'child' ? 'Child' : undefined),
    entityExists: (n) => (options.entities ?? ['counter']).includes(n),
    newId: () => 'gen-id',
  };
}
const episode = (actions: Action[], extra: Record<string, unknown> = {}, engine = newEngineState(), events = [historyEvents.executionStarted(NOW, 'Orch', null, 'i', 'x1')]) =>
  runEpisode(inst, engine, events, NOW, deps({ isDone: false, actions: [actions], ...extra }));
const types = (appended: string[]) => appended.map((e) => JSON.parse(e).EventType as number);

describe('runEpisode: failures of the translation', () => {
  const failsWith = async (actions: Action[], message: string | RegExp) => {
    const r = await episode(actions);
    expect(r.outcome.status).toBe('Failed');
    const output = JSON.parse((r.outcome as { output: string }).output) as string;
    if (typeof message === 'string') expect(output).toBe(`Orchestrator function 'Orch' failed: ${message}`);
    else expect(output).toMatch(message);
    return r;
  };

  it('names each unsupported or malformed action', async () => {
    await failsWith([{ actionType: ActionType.CallActivityWithRetry, functionName: 'Act', retryOptions: { firstRetryIntervalInMilliseconds: 0, maxNumberOfAttempts: 1 } }], "invalid retryOptions for activity 'Act'");
    await failsWith([{ actionType: ActionType.CallSubOrchestratorWithRetry, functionName: 'Child', retryOptions: { firstRetryIntervalInMilliseconds: 5, maxNumberOfAttempts: 0 } }], "invalid retryOptions for sub-orchestration 'Child'");
    await failsWith([{ actionType: ActionType.CreateTimer, fireAt: 'not a date' }], 'CreateTimer with an invalid fireAt "not a date"');
    await failsWith([{ actionType: ActionType.ScheduledSignalEntity, operation: 'op', instanceId: '@counter@k' }], 'not supported by the local host: scheduled entity signals');
    await failsWith([{ actionType: ActionType.CallEntity, operation: 'op', instanceId: 'no-at-signs' }], 'invalid entity id "no-at-signs"');
    await failsWith([{ actionType: ActionType.SignalEntity, operation: 'op', instanceId: '@nobody@k' }], /The function 'nobody' doesn't exist, is disabled, or is not an entity function/);
    await failsWith([{ actionType: ActionType.LockEntities, lockRequestId: 'L', lockSet: [] }], 'LockEntities with an empty lock set');
    await failsWith([{ actionType: ActionType.LockEntities, lockRequestId: 'L', lockSet: [{ name: 'Nobody', key: 'k' }] }], /The function 'nobody' doesn't exist/);
    await failsWith([{ actionType: ActionType.ReleaseEntities }], 'ReleaseEntities without a held lock');
    await failsWith([{ actionType: ActionType.CallSubOrchestrator, functionName: 'Nope' }], "The function 'Nope' doesn't exist, is disabled, or is not an orchestrator function.");
    await failsWith([{ actionType: ActionType.CallActivity, functionName: 'Nope' }], /^Orchestrator function 'Orch' failed: The function 'Nope' doesn't exist, is disabled, or is not an activity function. Additional info: the app registers no activity function with this name.$/);
  });

  it('stops at the first failure: later actions are not translated, also inside WhenAll and WhenAny', async () => {
    for (const compound of [ActionType.WhenAll, ActionType.WhenAny] as const) {
      const r = await failsWith(
        [{ actionType: compound, compoundActions: [{ actionType: ActionType.CallActivity, functionName: 'Nope' }, { actionType: ActionType.CallActivity, functionName: 'Act' }] }, { actionType: ActionType.CallActivity, functionName: 'Act' }],
        /The function 'Nope'/,
      );
      expect(r.outgoing).toEqual([]);
    }
  });

  it('an orchestrator failure carries its message; a result that is no OrchestratorState fails too', async () => {
    const failed = await runEpisode(inst, newEngineState(), [], NOW, deps(undefined, { failure: 'boom' }));
    expect(JSON.parse((failed.outcome as { output: string }).output)).toBe("Orchestrator function 'Orch' failed: boom");
    const garbage = await runEpisode(inst, newEngineState(), [], NOW, deps('not a state'));
    expect(JSON.parse((garbage.outcome as { output: string }).output)).toBe("Orchestrator function 'Orch' failed: orchestrator returned no OrchestratorState object");
  });
});

describe('runEpisode: translation', () => {
  it('a WhenAll of an activity (object and string input), a sub-orchestration and an entity call: ids in order, inputs as JSON text', async () => {
    const engine = newEngineState();
    const r = await episode(
      [
        { actionType: ActionType.WhenAll, compoundActions: [
          { actionType: ActionType.CallActivity, functionName: 'act', input: { a: 1 } },
          { actionType: ActionType.CallActivity, functionName: 'Act', input: '"s"' },
          { actionType: ActionType.CallActivity, functionName: 'Act' },
          { actionType: ActionType.CallSubOrchestrator, functionName: 'child', input: [1] },
          { actionType: ActionType.CallSubOrchestrator, functionName: 'Child', instanceId: 'named' },
          { actionType: ActionType.CallEntity, operation: 'add', instanceId: '@Counter@k', input: 2 },
          { actionType: ActionType.SignalEntity, operation: 'add', instanceId: '@counter@k' },
        ] },
      ],
      {},
      engine,
    );
    expect(r.outcome).toEqual({ status: 'Running' });
    expect(r.outgoing).toEqual([
      { kind: 'activity', target: 'i', task: { executionId: 'x1', scheduledId: 0, name: 'Act', input: '{"a":1}' } },
      { kind: 'activity', target: 'i', task: { executionId: 'x1', scheduledId: 1, name: 'Act', input: '"s"' } },
      { kind: 'activity', target: 'i', task: { executionId: 'x1', scheduledId: 2, name: 'Act', input: null } },
      { kind: 'orchestration', target: 'x1:3', msg: { type: 'start', name: 'Child', input: '[1]', parent: { instanceId: 'i', executionId: 'x1', taskScheduledId: 3 } } },
      { kind: 'orchestration', target: 'named', msg: { type: 'start', name: 'Child', input: null, parent: { instanceId: 'i', executionId: 'x1', taskScheduledId: 4 } } },
      { kind: 'entity', target: '@counter@k', msg: { type: 'op', op: 'add', id: 'gen-id', signal: false, parent: 'i', parentExecution: 'x1', input: '2' } },
      { kind: 'entity', target: '@counter@k', msg: { type: 'op', op: 'add', id: 'gen-id', signal: true, parent: 'i', parentExecution: 'x1' } },
    ]);
    expect(engine.nextEventId).toBe(7);
    expect(engine.signatures).toEqual([
      "WhenAll[CallActivity('act'), CallActivity('Act'), CallActivity('Act'), CallSubOrchestrator('child'), CallSubOrchestrator('Child'), CallEntity('@Counter@k', 'add'), SignalEntity('@counter@k', 'add')]",
    ]);
    // OrchestratorStarted, ExecutionStarted, 3 TaskScheduled, 2 SubOrchestrationInstanceCreated, 2 EventSent, OrchestratorCompleted
    expect(types(r.appended)).toEqual([12, 0, 4, 4, 4, 7, 7, 14, 14, 13]);
    expect(r.appended.slice(1).every((e) => JSON.parse(e).IsPlayed === true)).toBe(true);
    expect(JSON.parse(r.appended[0]!).IsPlayed).toBe(false);
  });

  it('a timer is stored with its due time; a lock goes to the first entity of the sorted set, then a release to each', async () => {
    const engine = newEngineState();
    const fireAt = new Date(NOW + 60_000).toISOString();
    const r = await episode([
      { actionType: ActionType.CreateTimer, fireAt },
      { actionType: ActionType.LockEntities, lockRequestId: 'L1', lockSet: [{ name: 'Counter', key: 'b' }, { name: 'counter', key: 'a' }, { name: 'Counter', key: 'b' }] },
    ], {}, engine);
    expect(r.outgoing[0]).toEqual({ kind: 'orchestration', target: 'i', msg: { type: 'event', executionId: 'x1', event: expect.objectContaining({ EventType: HistoryEventType.TimerFired, TimerId: 0, FireAt: fireAt }) }, due: NOW + 60_000 });
    expect(r.outgoing[1]).toEqual({ kind: 'entity', target: '@counter@a', msg: { type: 'lock', id: 'L1', parent: 'i', parentExecution: 'x1', lockset: [{ name: 'counter', key: 'a' }, { name: 'counter', key: 'b' }], pos: 0 } });
    expect(engine.lock).toEqual({ id: 'L1', entities: ['@counter@a', '@counter@b'] });
    const next = await episode([
      { actionType: ActionType.CreateTimer, fireAt },
      { actionType: ActionType.LockEntities, lockRequestId: 'L1', lockSet: [{ name: 'Counter', key: 'b' }, { name: 'counter', key: 'a' }, { name: 'Counter', key: 'b' }] },
      { actionType: ActionType.ReleaseEntities },
    ], {}, engine, []);
    expect(next.outgoing).toEqual([
      { kind: 'entity', target: '@counter@a', msg: { type: 'release', id: 'L1', parent: 'i' } },
      { kind: 'entity', target: '@counter@b', msg: { type: 'release', id: 'L1', parent: 'i' } },
    ]);
    expect(engine.lock).toBeNull();
    expect(engine.nextEventId).toBe(4);
  });

  it('completion: output as JSON (none → null), continue-as-new input (a string raw), custom status kept unless null', async () => {
    const done = await episode([], { isDone: true, output: { n: 1 }, customStatus: { s: 1 } });
    expect(done.outcome).toEqual({ status: 'Completed', output: '{"n":1}' });
    expect(done.customStatus).toBe('{"s":1}');
    expect(types(done.appended)).toEqual([12, 0, 1, 13]);
    expect((await episode([], { isDone: true })).outcome).toEqual({ status: 'Completed', output: null });
    expect((await episode([], { isDone: true, customStatus: null })).customStatus).toBeUndefined();
    expect((await episode([{ actionType: ActionType.ContinueAsNew, input: '"abc"' }], { isDone: true })).outcome).toEqual({ status: 'ContinuedAsNew', input: '"abc"' });
    expect((await episode([{ actionType: ActionType.ContinueAsNew, input: 3 }], { isDone: true })).outcome).toEqual({ status: 'ContinuedAsNew', input: '3' });
    expect((await episode([{ actionType: ActionType.ContinueAsNew }], { isDone: true })).outcome).toEqual({ status: 'ContinuedAsNew', input: null });
  });

  it('the clock never goes back, and an episode with a fired timer is stamped no earlier than the timer', async () => {
    const engine = { ...newEngineState(), lastTimestamp: NOW + 5_000 };
    const d = deps({ isDone: false, actions: [[]] });
    await runEpisode(inst, engine, [], NOW, d);
    expect(engine.lastTimestamp).toBe(NOW + 5_000);
    const fireAt = new Date(NOW + 9_000).toISOString();
    const r = await runEpisode(inst, engine, [historyEvents.timerFired(NOW, 0, fireAt)], NOW, d);
    expect(engine.lastTimestamp).toBe(NOW + 9_000);
    expect(JSON.parse(r.appended[0]!).Timestamp).toBe(fireAt);
    expect(JSON.parse(d.inputs[1]!)).toMatchObject({ isReplaying: false, instanceId: 'i' });
  });
});

describe('retries (spec §5.7)', () => {
  const options = { firstRetryIntervalInMilliseconds: 100, maxNumberOfAttempts: 4, backoffCoefficient: 2, maxRetryIntervalInMilliseconds: 300 };

  it('delays grow by the coefficient, are capped, and are 0 after the last attempt', () => {
    expect([1, 2, 3, 4].map((k) => retryDelayMs(options, k))).toEqual([100, 200, 300, 0]);
    expect(retryDelayMs({ firstRetryIntervalInMilliseconds: 100, maxNumberOfAttempts: 5 }, 3)).toBe(100); // coefficient 1
    expect(retryDelayMs({ firstRetryIntervalInMilliseconds: 100, maxNumberOfAttempts: 5, backoffCoefficient: 0 }, 3)).toBe(100);
    expect(retryDelayMs({ firstRetryIntervalInMilliseconds: 100, maxNumberOfAttempts: 5, backoffCoefficient: 3, maxRetryIntervalInMilliseconds: 0 }, 3)).toBe(900);
    expect(retryDelayMs({ firstRetryIntervalInMilliseconds: 1e308, maxNumberOfAttempts: 5, backoffCoefficient: 10 }, 3)).toBe(0); // not finite
    expect(retryDelayMs({ firstRetryIntervalInMilliseconds: -5, maxNumberOfAttempts: 5 }, 1)).toBe(0); // never negative
  });

  it('accepts options with a positive first interval and at least one attempt', () => {
    expect(validRetryOptions({ firstRetryIntervalInMilliseconds: 1, maxNumberOfAttempts: 1 })).toBe(true);
    for (const bad of [null, 'x', { firstRetryIntervalInMilliseconds: 0, maxNumberOfAttempts: 1 }, { firstRetryIntervalInMilliseconds: 1, maxNumberOfAttempts: 0 }, { firstRetryIntervalInMilliseconds: '1', maxNumberOfAttempts: 1 }, { firstRetryIntervalInMilliseconds: 1 }])
      expect(validRetryOptions(bad)).toBe(false);
  });

  it('a failed attempt creates a retry timer with the delay; the timer starts the next attempt; only those steps go alone', async () => {
    const engine = newEngineState();
    const retry = { firstRetryIntervalInMilliseconds: 1000, maxNumberOfAttempts: 2 };
    await episode([{ actionType: ActionType.CallActivityWithRetry, functionName: 'Act', input: 1, retryOptions: retry }], {}, engine);
    expect(engine.retryTasks).toEqual({ 0: { name: 'Act', input: '1', attempt: 1, options: retry } });
    const failed = historyEvents.taskFailed(NOW, 0, 'r', 'd');
    const completed = historyEvents.taskCompleted(NOW, 0, '1');
    expect([isRetryStep(engine, failed), isRetryStep(engine, completed), isRetryStep(engine, historyEvents.taskFailed(NOW, 9, 'r', 'd'))]).toEqual([true, false, false]);
    const r1 = await runEpisode(inst, engine, [failed], NOW, deps({ isDone: false, actions: [[{ actionType: ActionType.CallActivityWithRetry, functionName: 'Act', input: 1, retryOptions: retry }]] }));
    expect(r1.outgoing).toEqual([{ kind: 'orchestration', target: 'i', msg: { type: 'event', executionId: 'x1', event: expect.objectContaining({ TimerId: 1 }) }, due: NOW + 1000 }]);
    expect(isRetryStep(engine, historyEvents.timerFired(NOW, 1, new Date(NOW + 1000).toISOString()))).toBe(true);
    const r2 = await runEpisode(inst, engine, [historyEvents.timerFired(NOW, 1, new Date(NOW + 1000).toISOString())], NOW, deps({ isDone: false, actions: [[{ actionType: ActionType.CallActivityWithRetry, functionName: 'Act', input: 1, retryOptions: retry }]] }));
    expect(r2.outgoing).toEqual([{ kind: 'activity', target: 'i', task: { executionId: 'x1', scheduledId: 2, name: 'Act', input: '1' } }]);
    expect(engine.retryTasks).toEqual({ 2: { name: 'Act', input: '1', attempt: 2, options: retry } });
    // the last attempt fails: a timer firing at once, after which the library fails the task (no new attempt)
    await runEpisode(inst, engine, [historyEvents.taskFailed(NOW, 2, 'r', 'd')], NOW, deps({ isDone: false, actions: [[]] }));
    const last = await runEpisode(inst, engine, [historyEvents.timerFired(NOW, 3, new Date(NOW).toISOString())], NOW, deps({ isDone: false, actions: [[]] }));
    expect(last.outgoing).toEqual([]);
    expect(engine.retryTasks).toEqual({});
    expect(engine.retryTimers).toEqual({});
  });

  it('a completed attempt forgets its retry state', async () => {
    const engine = newEngineState();
    const retry = { firstRetryIntervalInMilliseconds: 1000, maxNumberOfAttempts: 2 };
    await episode([{ actionType: ActionType.CallSubOrchestratorWithRetry, functionName: 'Child', instanceId: 'kid', retryOptions: retry }], {}, engine);
    expect(engine.retryTasks).toEqual({ 0: { kind: 'sub', subInstanceId: 'kid', name: 'Child', input: null, attempt: 1, options: retry } });
    await runEpisode(inst, engine, [historyEvents.subOrchestrationCompleted(NOW, 0, '1')], NOW, deps({ isDone: false, actions: [[]] }));
    expect(engine.retryTasks).toEqual({});
  });
});

describe('determinism check', () => {
  it('describes every kind of action by type and target', () => {
    const lock: Action = { actionType: ActionType.LockEntities, lockRequestId: 'L', lockSet: [{ name: 'Counter', key: 'k' }] };
    expect([
      describeAction({ actionType: ActionType.CallActivityWithRetry, functionName: 'A', retryOptions: { firstRetryIntervalInMilliseconds: 1, maxNumberOfAttempts: 1 } }),
      describeAction({ actionType: ActionType.CallSubOrchestratorWithRetry, functionName: 'S', retryOptions: { firstRetryIntervalInMilliseconds: 1, maxNumberOfAttempts: 1 } }),
      describeAction({ actionType: ActionType.ScheduledSignalEntity, operation: 'o', instanceId: '@e@k' }),
      describeAction({ actionType: ActionType.WaitForExternalEvent, externalEventName: 'go' }),
      describeAction({ actionType: ActionType.WhenAny, compoundActions: [lock] }),
      describeAction({ actionType: ActionType.CreateTimer, fireAt: 'x' }),
      describeAction({ actionType: 99 } as unknown as Action),
    ]).toEqual([
      "CallActivityWithRetry('A')", "CallSubOrchestratorWithRetry('S')", "ScheduledSignalEntity('@e@k', 'o')", "WaitForExternalEvent('go')", 'WhenAny[LockEntities(@counter@k)]', 'CreateTimer', 'ActionType 99',
    ]);
  });

  it('names a recorded action missing on replay', () => {
    expect(findNonDeterminism(['CreateTimer', "CallActivity('A')"], [{ actionType: ActionType.CreateTimer, fireAt: 'x' }])).toBe(
      "Non-deterministic workflow detected: action #1 CallActivity('A') was scheduled by a previous execution of the orchestrator but is missing on replay.",
    );
    expect(findNonDeterminism(['CreateTimer'], [{ actionType: ActionType.CreateTimer, fireAt: 'x' }, { actionType: ActionType.CreateTimer, fireAt: 'y' }])).toBeUndefined();
  });

  it('restores engine state written by an older host with the fields it lacked', () => {
    expect(parseEngineState('{"nextEventId":3}')).toEqual({ ...newEngineState(), nextEventId: 3 });
  });
});
