// Golden tests of the replay driver against the real durable-functions 3.5.0 executor: the event ids of the
// lock flow (spec §5.9) and of activity retries (spec §5.7) must be exactly the library's sequence numbers.
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskHub } from '../../src/durable/hub.js';
import { newEngineState } from '../../src/durable/orchestrations/engineState.js';
import { runEpisode, type EpisodeDeps } from '../../src/durable/orchestrations/episode.js';
import { historyEvents } from '../../src/durable/protocol/historyEvents.js';
import { df, FakeApp } from './support/fakeApp.js';
import { historyOf, startHub, waitFor, waitForDone } from './support/hubHarness.js';

const cart = () => new df.EntityId('Cart', 'u1');
const catalog = () => new df.EntityId('Catalog', 'main');

function lockFlowApp(): FakeApp {
  return new FakeApp()
    .entity('Cart', (ctx) => {
      const items = ctx.df.getState(() => []);
      items.push(ctx.df.getInput());
      ctx.df.setState(items);
      ctx.df.return(items.length);
    })
    .entity('Catalog', (ctx) => ctx.df.return(9.99))
    .orchestration('Checkout', function* (context) {
      const lock = yield context.df.lock(cart(), catalog()); // id 0
      let n;
      try {
        const price = yield context.df.callEntity(catalog(), 'reserve', { sku: 'A', qty: 1 }); // id 1
        n = yield context.df.callEntity(cart(), 'add', { sku: 'A', price }); // id 2
      } finally {
        lock.release(); // ids 3, 4
      }
      return n; // ExecutionCompleted id 5
    });
}

let hub: TaskHub | undefined;
afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

describe('spec §5.9 lock flow', () => {
  it('records the ids, targets and messages of lock → call → call → release → complete', async () => {
    const app = lockFlowApp();
    hub = startHub(app);
    await hub.startInstance('iid', 'Checkout', JSON.stringify({ user: 'u1' }));
    const done = await waitForDone(hub, 'iid');
    expect(done.status).toBe('Completed');
    expect(JSON.parse(done.output!)).toBe(1);

    const h = historyOf(hub, 'iid');
    const shape = h.map(({ type, id, name, target }) => [type, id, name ?? null, target ?? null]);
    expect(shape).toEqual([
      [12, -1, null, null], [0, -1, 'Checkout', null], [14, 0, 'op', '@cart@u1'], [13, -1, null, null],
      [12, -1, null, null], [15, -1, expect.any(String), null], [14, 1, 'op', '@catalog@main'], [13, -1, null, null],
      [12, -1, null, null], [15, -1, expect.any(String), null], [14, 2, 'op', '@cart@u1'], [13, -1, null, null],
      [12, -1, null, null], [15, -1, expect.any(String), null], [14, 3, 'release', '@cart@u1'], [14, 4, 'release', '@catalog@main'], [1, 5, null, null], [13, -1, null, null],
    ]);
    const lockRequest = h[2]!.input as Record<string, unknown>;
    expect(lockRequest).toMatchObject({ parent: 'iid', pos: 0, lockset: [{ name: 'cart', key: 'u1' }, { name: 'catalog', key: 'main' }] });
    // each response is named after the id in the EventSent input (the only link, spec §5.3)
    expect(h[5]!.name).toBe(lockRequest.id);
    expect(h[9]!.name).toBe((h[6]!.input as { id: string }).id);
    expect(h[13]!.name).toBe((h[10]!.input as { id: string }).id);
    expect(h[6]!.input).toMatchObject({ op: 'reserve', input: '{"sku":"A","qty":1}', parent: 'iid' });
    expect(h[14]!.input).toEqual({ parent: 'iid', id: lockRequest.id });
    // both entities unlocked after the releases (processed after the completion commits, possibly in a later
    // transaction when the machine is busy: DURABLE_TURN_BUDGET_MS)
    await waitFor(() => (hub!.store.getEntity('@cart@u1')?.lockedBy ?? null) === null && (hub!.store.getEntity('@catalog@main')?.lockedBy ?? null) === null);
  });

  it('replays a hand-built history (episodes 1-3) and emits the releases with ids 3 and 4, completion with id 5', async () => {
    const app = lockFlowApp();
    const t = Date.parse('2024-05-01T10:00:00Z');
    const played = (e: object) => JSON.stringify({ ...e, IsPlayed: true });
    const L = 'lock-1', R1 = 'req-1', R2 = 'req-2';
    const history = [
      JSON.stringify(historyEvents.orchestratorStarted(t)),
      played(historyEvents.executionStarted(t, 'Checkout', '{"user":"u1"}', 'iid', 'exec')),
      played(historyEvents.eventSent(t, 0, 'op', '@cart@u1', JSON.stringify({ id: L, parent: 'iid', lockset: [{ name: 'cart', key: 'u1' }, { name: 'catalog', key: 'main' }], pos: 0 }))),
      played(historyEvents.orchestratorCompleted(t)),
      JSON.stringify(historyEvents.orchestratorStarted(t + 1)),
      played(historyEvents.eventRaised(t + 1, L, '{"result":"Lock Acquisition Completed"}')),
      played(historyEvents.eventSent(t + 1, 1, 'op', '@catalog@main', JSON.stringify({ op: 'reserve', id: R1, parent: 'iid' }))),
      played(historyEvents.orchestratorCompleted(t + 1)),
      JSON.stringify(historyEvents.orchestratorStarted(t + 2)),
      played(historyEvents.eventRaised(t + 2, R1, '{"result":"9.99"}')),
      played(historyEvents.eventSent(t + 2, 2, 'op', '@cart@u1', JSON.stringify({ op: 'add', id: R2, parent: 'iid' }))),
      played(historyEvents.orchestratorCompleted(t + 2)),
    ];
    const engine = {
      ...newEngineState(),
      nextEventId: 3,
      actionsDone: 3,
      signatures: ["LockEntities(@cart@u1, @catalog@main)", "CallEntity('@catalog@main', 'reserve')", "CallEntity('@cart@u1', 'add')"],
      lock: { id: L, entities: ['@cart@u1', '@catalog@main'] },
      lastTimestamp: t + 2,
    };
    const result = await runEpisode(
      { id: 'iid', name: 'Checkout', executionId: 'exec', inputText: '{"user":"u1"}', history },
      engine,
      [historyEvents.eventRaised(t + 3, R2, '{"result":"1"}')],
      t + 3,
      depsFor(app),
    );
    expect(result.outcome).toEqual({ status: 'Completed', output: '1' });
    const appended = result.appended.map((s) => JSON.parse(s));
    expect(appended.map((e) => [e.EventType, e.EventId, e.Name ?? null])).toEqual([
      [12, -1, null], [15, -1, R2], [14, 3, 'release'], [14, 4, 'release'], [1, 5, null], [13, -1, null],
    ]);
    expect(result.outgoing.map((o) => [o.kind, o.target])).toEqual([['entity', '@cart@u1'], ['entity', '@catalog@main']]);
    expect(engine.lock).toBeNull();
  });
});

describe('spec §5.7 retries', () => {
  it('allocates one id per retry timer and per re-attempt; the next action gets id 4', async () => {
    let calls = 0;
    const app = new FakeApp()
      .activity('AlwaysFails', () => {
        calls++;
        throw new Error('nope');
      })
      .activity('Echo', (x) => x)
      .orchestration('Retry', function* (context) {
        let error = '';
        try {
          yield context.df.callActivityWithRetry('AlwaysFails', new df.RetryOptions(5, 2), 'x');
        } catch (e) {
          error = (e as Error).message;
        }
        const after = yield context.df.callActivity('Echo', 'after');
        return { error, after };
      });
    hub = startHub(app);
    await hub.startInstance('r', 'Retry', null);
    const done = await waitForDone(hub, 'r');
    expect(done.status).toBe('Completed');
    const output = JSON.parse(done.output!);
    expect(output.after).toBe('after');
    expect(output.error).toMatch(/^Activity function 'AlwaysFails' failed: {2}nope \n /);
    expect(calls).toBe(2);
    const decisions = historyOf(hub, 'r')
      .filter((e) => [4, 5, 6, 10, 11, 1].includes(e.type))
      .map((e) => [e.type, e.type === 6 || e.type === 5 ? e.scheduled : e.type === 11 ? e.timer : e.id]);
    expect(decisions).toEqual([
      [4, 0], [6, 0], [10, 1], [11, 1], [4, 2], [6, 2], [10, 3], [11, 3], [4, 4], [5, 4], [1, 5],
    ]);
  });
});

describe('determinism check', () => {
  it('fails the orchestration with an error naming the recorded and the replayed action', async () => {
    const app = new FakeApp().activity('Echo', (x) => x).orchestration('Changed', function* (context) {
      return yield context.df.callActivity('Echo', 1);
    });
    const t = Date.now();
    const history = [
      JSON.stringify(historyEvents.orchestratorStarted(t)),
      JSON.stringify({ ...historyEvents.executionStarted(t, 'Changed', null, 'd', 'exec'), IsPlayed: true }),
      JSON.stringify({ ...historyEvents.taskScheduled(t, 0, 'Other', '1'), IsPlayed: true }),
      JSON.stringify({ ...historyEvents.orchestratorCompleted(t), IsPlayed: true }),
    ];
    const engine = { ...newEngineState(), nextEventId: 1, actionsDone: 1, signatures: ["CallActivity('Other')"], lastTimestamp: t };
    const result = await runEpisode({ id: 'd', name: 'Changed', executionId: 'exec', inputText: null, history }, engine,
      [historyEvents.taskCompleted(t + 1, 0, '1')], t + 1, depsFor(app));
    expect(result.outcome.status).toBe('Failed');
    expect(JSON.parse((result.outcome as { output: string }).output)).toBe(
      "Orchestrator function 'Changed' failed: Non-deterministic workflow detected: action #0 was CallActivity('Other') when first executed, but the replay produced CallActivity('Echo').",
    );
  });
});

function depsFor(app: FakeApp): EpisodeDeps {
  return {
    invokeOrchestrator: async (name, inputText) => {
      const outcome = await app.invoke({ functionName: name, inputData: [{ name: 'trigger', data: { string: inputText } }] });
      return outcome.ok ? { ok: true, value: outcome.returnValue?.json ? JSON.parse(outcome.returnValue.json) : undefined } : { ok: false, message: outcome.error.message };
    },
    activityName: (n) => app.registry.get(n)?.name,
    orchestratorName: (n) => app.registry.get(n)?.name,
    entityExists: (n) => app.registry.byTriggerType('entityTrigger').some((f) => f.name.toLowerCase() === n),
    newId: () => crypto.randomUUID(),
  };
}
