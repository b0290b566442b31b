// The orchestration and entity features of conformance.test.ts, run in-process on the same fixture
// (fixtures/durable-basic) against src/: the hub, the replay driver and the entity scheduler, without the
// HTTP layer. Mutation testing (stryker.config.mjs) runs these; the end-to-end suite never sees a mutant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskHub } from '../../src/durable/hub.js';
import { HistoryEventType, historyEvents } from '../../src/durable/protocol/historyEvents.js';
import { FakeApp } from './support/fakeApp.js';
import { fixtureApp } from './support/fixtureApp.js';
import { startHub, waitFor, waitForDone } from './support/hubHarness.js';

let hub: TaskHub;
beforeAll(() => {
  hub = startHub(fixtureApp('durable-basic'));
});
afterAll(async () => {
  await hub.stop();
});

let n = 0;
const uid = (prefix: string) => `${prefix}-${++n}`;
const json = (text: string | null | undefined) => (text === null || text === undefined ? text : JSON.parse(text));

async function run(name: string, input: unknown, id = uid(name)) {
  await hub.startInstance(id, name, input === undefined ? null : JSON.stringify(input));
  const r = await waitForDone(hub, id);
  return { id, status: r.status, output: json(r.output), input: json(r.input), customStatus: json(r.customStatus) };
}
const state = (key: string) => json(hub.peekEntity('counter', key)?.state);
const signal = (key: string, op: string, input?: unknown) =>
  hub.sendToEntity(`@counter@${key}`, { type: 'op', op, id: uid('sig'), signal: true, ...(input !== undefined ? { input: JSON.stringify(input) } : {}) });
const raise = (id: string, name: string, value: unknown) =>
  hub.sendToInstance(id, { type: 'event', executionId: null, event: historyEvents.eventRaised(Date.now(), name, JSON.stringify(value)) });
const unlocked = (key: string) => (hub.store.getEntity(`@counter@${key}`)?.lockedBy ?? null) === null;

describe('orchestrations in-process (fixtures/durable-basic)', () => {
  it('activities: input and output as JSON, a string stays a string', async () => {
    expect(await run('Hello', 'x')).toMatchObject({ status: 'Completed', output: { echoed: 'x', type: 'string' } });
    expect((await run('Hello', 2)).output).toEqual({ echoed: 2, type: 'number' });
  });

  it('lock → call → call → release → activity: right values, both entities unlocked', async () => {
    const user = uid('u');
    expect(await run('LockFlow', { user, amount: 2 })).toMatchObject({ status: 'Completed', output: 4 });
    expect([state(`a-${user}`), state(`b-${user}`)]).toEqual([2, 2]);
    expect(unlocked(`a-${user}`) && unlocked(`b-${user}`)).toBe(true);
  });

  it('entity errors: Error → "[object Object]", string throw → message, no rollback, lower-cased self', async () => {
    const key = uid('err');
    expect((await run('EntityErrors', key)).output).toEqual({
      thrownError: '[object Object]',
      thrownString: 'plain string failure',
      stateAfter: 41,
      self: { name: 'counter', key, isNew: false },
    });
  });

  it('orchestrator throw → Failed with the message; an activity failure reaches the orchestrator as an Error', async () => {
    expect(await run('Fails', null)).toMatchObject({ status: 'Failed', output: "Orchestrator function 'Fails' failed: orchestrator failed on purpose" });
    const caught = await run('ActivityFails', null);
    expect(caught.status).toBe('Completed');
    expect(caught.output).toMatch(/^Activity function 'Fail' failed: {2}activity failed with "x" \n /);
  });

  it('activities with retry succeed after failures, or fail after maxNumberOfAttempts and the orchestration goes on', async () => {
    expect((await run('Retry', { key: uid('r'), failures: 2, attempts: 3 })).output).toEqual({ result: 3, after: 'after' });
    expect((await run('Retry', { key: uid('r'), failures: 9, attempts: 2 })).output).toEqual({ result: "failed: Activity function 'Flaky' failed:  attempt 2 fails ", after: 'after' });
  });

  it('a durable timer fires at its time, not before; Task.any of an event and a timer', async () => {
    const started = Date.now();
    expect((await run('Timer', 100)).output).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect((await run('WaitEvent', 30)).output).toBe('timed out');
    const id = uid('approve');
    await hub.startInstance(id, 'WaitEvent', '60000');
    await waitFor(() => hub.store.getHistory(id).length > 0);
    await raise(id, 'approve', 'yes');
    expect((await waitForDone(hub, id)).output).toBe('{"approved":"yes"}');
    // the cancelled timer's message is gone with the instance
    expect(hub.store.load().messages.filter((m) => m.target === id)).toEqual([]);
  });

  it('Task.all fan-out of activities and an entity call, then a signal', async () => {
    const key = uid('fan');
    expect((await run('FanOut', { n: 4, key })).output).toBe(0 + 1 + 2 + 3 + 1);
    expect(state(key)).toBe(1);
    await waitFor(() => state(`${key}-signal`) === 2);
  });

  it('custom status is visible while running and after completion', async () => {
    const id = uid('cs');
    await hub.startInstance(id, 'CustomStatus', null);
    await waitFor(() => hub.visibleInstance(id)?.customStatus === '{"stage":"waiting"}');
    await raise(id, 'go', 1);
    expect((await waitForDone(hub, id)).customStatus).toBe('{"stage":"done"}');
  });

  it('continueAsNew restarts with the new input until it finishes, with a fresh history', async () => {
    const done = await run('Continue', 0);
    expect(done).toMatchObject({ status: 'Completed', output: 'finished at 3', input: 3 });
    const types = hub.store.getHistory(done.id).map((e) => JSON.parse(e).EventType);
    expect(types.filter((t) => t === HistoryEventType.ExecutionStarted)).toHaveLength(1);
    expect(types).not.toContain(HistoryEventType.TaskScheduled); // the last execution calls no activity
  });

  it('sub-orchestrations return their output or fail the parent task with the child failure', async () => {
    const id = uid('parent');
    const done = await run('SubOrch', null, id);
    expect(done.status).toBe('Completed');
    expect(done.output.hello).toEqual({ echoed: 'x', type: 'string' });
    expect(done.output.failed).toMatch(/^Orchestrator function 'Fails' failed: orchestrator failed on purpose \n $/);
    expect(hub.store.getInstance(`${id}-child`)).toMatchObject({ name: 'Fails', status: 'Failed' });
  });

  it('sub-orchestrations with retry start a new child per attempt', async () => {
    expect((await run('SubOrchRetry', { key: uid('sr'), failures: 1, attempts: 3 })).output).toBe(2);
    expect((await run('SubOrchRetry', { key: uid('sr'), failures: 5, attempts: 2 })).output).toMatch(/^failed: Orchestrator function 'FlakyChild' failed: Activity function 'Flaky' failed: {2}attempt 2 fails/);
  });

  it('a sub-orchestration whose id is running fails the parent task', async () => {
    const id = uid('busy-parent');
    // SubOrch's second child has the id `${id}-child`: make it a running instance first
    await hub.startInstance(`${id}-child`, 'CustomStatus', null);
    const done = await run('SubOrch', null, id);
    expect(done.output.failed).toMatch(new RegExp(`An Orchestration instance with the instance ID '${id}-child' already exists and is (Pending|Running)`));
    expect(hub.store.getInstance(`${id}-child`)?.name).toBe('CustomStatus');
  });

  it('a terminated sub-orchestration fails its parent task with the reason', async () => {
    const own = startHub(
      new FakeApp()
        .orchestration('Waiter', function* (ctx) {
          return yield ctx.df.waitForExternalEvent('never');
        })
        .orchestration('Parent', function* (ctx) {
          try {
            return yield ctx.df.callSubOrchestrator('Waiter', null, `${ctx.df.instanceId}-w`);
          } catch (e) {
            return `caught: ${(e as Error).message}`;
          }
        }),
    );
    try {
      await own.startInstance('tp', 'Parent', null);
      await waitFor(() => own.visibleInstance('tp-w')?.status === 'Running');
      await own.sendToInstance('tp-w', { type: 'terminate', reason: 'stop' });
      expect(json((await waitForDone(own, 'tp')).output)).toMatch(/^caught: Orchestration 'tp-w' was terminated: stop/);
    } finally {
      await own.stop();
    }
  });

  it('a callHttp that cannot connect and unknown activities fail the orchestration', async () => {
    // the fixture calls http://127.0.0.1:1/, where nothing listens (durable/httpCalls.ts: a connection failure fails the task)
    expect((await run('CallsHttp', null)).output).toMatch(/^Orchestrator function 'CallsHttp' failed: The HTTP request to http:\/\/127\.0\.0\.1:1\/ failed/);
    expect((await run('UnknownActivity', null)).output).toMatch(/^Orchestrator function 'UnknownActivity' failed: The function 'NoSuchActivity' doesn't exist, is disabled, or is not an activity function/);
  });

  it('a replay that disagrees with history fails with a non-determinism error naming the action', async () => {
    const done = await run('NonDeterministic', null);
    expect(done.status).toBe('Failed');
    expect(done.output).toContain("Non-deterministic workflow detected: action #0 was CallActivity('Echo') when first executed, but the replay produced CallActivity('TypeOf')");
  });

  it('releases locks still held when an orchestration completes or fails', async () => {
    for (const name of ['LockNoRelease', 'LockThenFail']) {
      const key = uid(name);
      const done = await run(name, key);
      expect(done.status).toBe(name === 'LockNoRelease' ? 'Completed' : 'Failed');
      await waitFor(() => unlocked(key));
      await signal(key, 'add', 5);
      await waitFor(() => state(key) === 6);
    }
  });

  it('a lock holder runs first; a signal to the locked entity waits until the release', async () => {
    const key = uid('held');
    await signal(key, 'add', 1);
    const id = uid('hold');
    await hub.startInstance(id, 'HoldLock', JSON.stringify(key));
    await waitFor(() => hub.store.getHistory(id).filter((e) => JSON.parse(e).EventType === HistoryEventType.EventRaised).length === 2); // lock + first call answered
    await signal(key, 'add', 100);
    expect(state(key)).toBe(1);
    await raise(id, 'go', true);
    expect(json((await waitForDone(hub, id)).output)).toEqual({ before: 1, after: 11 });
    await waitFor(() => state(key) === 111);
  });

  it('entities signal entities (target lower-cased); destructOnExit deletes the entity', async () => {
    const key = uid('fwd');
    await signal(uid('src'), 'forward', { key, amount: 3 });
    await waitFor(() => state(key) === 3);
    await signal(key, 'delete');
    await waitFor(() => hub.store.getEntity(`@counter@${key}`) === undefined);
    expect(hub.peekEntity('counter', key)?.exists ?? false).toBe(false); // gone (a cached entity shows exists: false)
  });

  it('suspend holds events until resume; terminate ends a running instance', async () => {
    const id = uid('susp');
    await hub.startInstance(id, 'CustomStatus', null);
    await waitFor(() => hub.visibleInstance(id)?.status === 'Running');
    await hub.sendToInstance(id, { type: 'suspend', reason: 'pause' });
    await waitFor(() => hub.visibleInstance(id)?.status === 'Suspended');
    await raise(id, 'go', 1);
    await hub.sendToInstance(id, { type: 'suspend', reason: 'again' }); // ignored: already suspended
    await new Promise((r) => setTimeout(r, 50));
    expect(hub.visibleInstance(id)?.status).toBe('Suspended');
    await hub.sendToInstance(id, { type: 'resume', reason: 'continue' });
    expect((await waitForDone(hub, id)).status).toBe('Completed');
    const types = hub.store.getHistory(id).map((e) => JSON.parse(e).EventType);
    expect(types.filter((t) => t === HistoryEventType.ExecutionSuspended)).toHaveLength(1);
    expect(types).toContain(HistoryEventType.ExecutionResumed);

    const t = uid('term');
    await hub.startInstance(t, 'WaitEvent', '60000');
    await hub.sendToInstance(t, { type: 'terminate', reason: 'enough' });
    expect(await waitForDone(hub, t)).toMatchObject({ status: 'Terminated', output: '"enough"' });
    expect(hub.store.load().messages.filter((m) => m.target === t)).toEqual([]); // its timer is cancelled
  });
});
