// Failure and recovery paths of the task hub (README "How work flows and what is durable", "Restart"): a store
// commit that fails, restarts with locks, timers, in-flight activities and purged instances on the same file.
// Each test checks the outcome directly (what is stored, what ran), never by waiting for a timeout.
import { describe, expect, it } from 'vitest';
import { TaskHub } from '../../src/durable/hub.js';
import { HistoryEventType, historyEvents } from '../../src/durable/protocol/historyEvents.js';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.js';
import type { StoreOp, TaskHubStore } from '../../src/store/store.js';
import { df, FakeApp } from './support/fakeApp.js';
import { useHubsAndStores, waitFor, waitForDone } from './support/hubHarness.js';

const { hubs, tmpStore } = useHubsAndStores('hub-recovery-');

function open(app: FakeApp, path: string, options: { now?: () => number; store?: TaskHubStore; onFatal?: (e: unknown) => void; logs?: string[] } = {}): TaskHub {
  const hub = new TaskHub({
    store: options.store ?? new SqliteStore({ path }),
    registry: app.registry,
    invoker: app,
    maxEntityBatchSize: 100,
    log: (level, message) => void options.logs?.push(`${level}: ${message}`),
    onFatal: options.onFatal ?? ((error) => {
      throw error;
    }),
    ...(options.now ? { now: options.now } : {}),
  });
  hub.start();
  hubs.push(hub);
  return hub;
}

/** stop a hub of this file and forget it */
async function close(hub: TaskHub, graceMs = 100): Promise<void> {
  hubs.splice(hubs.indexOf(hub), 1);
  await hub.stop(graceMs);
}

const event = (name: string, value: unknown) => ({ type: 'event' as const, executionId: null, event: historyEvents.eventRaised(Date.now(), name, JSON.stringify(value)) });
const eventTypes = (hub: TaskHub, id: string) => hub.store.getHistory(id).map((e) => (JSON.parse(e) as { EventType: number }).EventType);
const { EventRaised: EVENT_RAISED, TimerFired: TIMER_FIRED } = HistoryEventType;

const counter = (app: FakeApp) =>
  app.entity('Counter', (ctx) => {
    ctx.df.setState((ctx.df.getState(() => 0) as number) + 1);
  });

describe('a store commit that fails', () => {
  /** a SQLite store whose commits fail from the moment `broken` is set */
  const breakable = () => {
    const real = new SqliteStore({ path: ':memory:' });
    const s = { broken: false, commits: 0, store: real as TaskHubStore };
    s.store = new Proxy(real, {
      get(target, prop) {
        if (prop === 'commit')
          return (ops: readonly StoreOp[]) => {
            if (s.broken) throw new Error('disk I/O error');
            s.commits++;
            target.commit(ops);
          };
        const v = Reflect.get(target, prop) as unknown;
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    return s;
  };

  it('dispatches nothing, answers the client with the error, calls onFatal once and commits nothing after it', async () => {
    const store = breakable();
    const fatal: unknown[] = [];
    const activityRuns: string[] = [];
    const app = counter(new FakeApp())
      .activity('Act', (x: string) => void activityRuns.push(x))
      .orchestration('CallsAct', function* (ctx) {
        return yield ctx.df.callActivity('Act', 'a');
      });
    const hub = open(app, ':memory:', { store: store.store, onFatal: (e) => void fatal.push(e) });
    await hub.sendToEntity('@counter@c', { type: 'op', op: 'add', id: 'ok', signal: true });
    expect(hub.peekEntity('Counter', 'c')).toEqual({ exists: true, state: '1' });

    store.broken = true;
    const committedBefore = store.commits;
    const signal = hub.sendToEntity('@counter@c', { type: 'op', op: 'add', id: 'lost', signal: true });
    const start = hub.startInstance('o', 'CallsAct', null);
    await expect(signal).rejects.toThrow('disk I/O error');
    await expect(start).rejects.toThrow('disk I/O error');
    expect(fatal).toHaveLength(1);
    expect(String(fatal[0])).toMatch(/disk I\/O error/);
    // nothing of the failed group became visible
    expect(hub.peekEntity('Counter', 'c')).toEqual({ exists: true, state: '1' });
    expect(hub.visibleInstance('o')).toBeUndefined();
    // and nothing staged after it commits, even with the store working again
    store.broken = false;
    await new Promise((r) => setTimeout(r, 50));
    expect(store.commits).toBe(committedBefore);
    expect(activityRuns).toEqual([]);
    expect(hub.isStopped).toBe(true);
    await expect(hub.sendToEntity('@counter@c', { type: 'op', op: 'add', id: 'after', signal: true })).rejects.toThrow(/stopping/);
    expect(fatal).toHaveLength(1);
    hubs.splice(hubs.indexOf(hub), 1);
    store.store.close();
  });

  it('by default exits the process with code 1 after printing the error', async () => {
    const store = breakable();
    const app = counter(new FakeApp());
    const hub = new TaskHub({ store: store.store, registry: app.registry, invoker: app, maxEntityBatchSize: 10, log: () => {} });
    hub.start();
    const exits: (number | undefined)[] = [];
    const printed: unknown[][] = [];
    const realExit = process.exit;
    const realError = console.error;
    process.exit = ((code?: number) => void exits.push(code)) as typeof process.exit;
    console.error = (...args: unknown[]) => void printed.push(args);
    try {
      store.broken = true;
      await expect(hub.sendToEntity('@counter@c', { type: 'op', op: 'add', id: 'x', signal: true })).rejects.toThrow('disk I/O error');
    } finally {
      process.exit = realExit;
      console.error = realError;
    }
    expect(exits).toEqual([1]);
    expect(String(printed[0]?.[0])).toMatch(/store commit failed, exiting/);
    store.store.close();
  });
});

describe('restart', () => {
  it('unlocks an entity whose lock holder no longer runs, and keeps the lock of one that still runs', async () => {
    const path = tmpStore();
    const app = () =>
      counter(new FakeApp()).orchestration('HoldsLock', function* (ctx) {
        const lock = yield ctx.df.lock(new df.EntityId('Counter', ctx.df.getInput<string>()));
        yield ctx.df.waitForExternalEvent('go');
        lock.release();
        return 'released';
      });
    const first = open(app(), path);
    await first.startInstance('crashed', 'HoldsLock', '"a"');
    await first.startInstance('alive', 'HoldsLock', '"b"');
    await waitFor(() => first.store.getEntity('@counter@a')?.lockedBy === 'crashed' && first.store.getEntity('@counter@b')?.lockedBy === 'alive');
    await close(first);
    // the holder of a's lock ended without releasing it (a crash of a host that kept locks on failure, as Azure does)
    const edit = new SqliteStore({ path });
    edit.commit([{ op: 'putInstance', record: { ...edit.getInstance('crashed')!, status: 'Failed' } }]);
    edit.close();

    const logs: string[] = [];
    const printed: unknown[][] = [];
    const realLog = console.log;
    console.log = (...args: unknown[]) => void printed.push(args);
    let second: TaskHub;
    try {
      second = open(app(), path, { logs });
    } finally {
      console.log = realLog;
    }
    expect(printed).toEqual([['[durable] resumed 1 running instance(s) and 0 pending message(s) from the store']]);
    expect(logs).toEqual(['warn: entity @counter@a was locked by finished instance crashed; unlocked']);
    // the unlock is staged at start, so it commits with (or before) this signal
    await second.sendToEntity('@counter@a', { type: 'op', op: 'add', id: 'after', signal: true });
    expect(second.store.getEntity('@counter@a')?.lockedBy).toBeNull();
    expect(second.peekEntity('Counter', 'a')).toEqual({ exists: true, state: '1' });
    // b's holder still runs: its lock stays, a signal waits for the release
    await second.sendToEntity('@counter@b', { type: 'op', op: 'add', id: 'waits', signal: true });
    expect(second.store.getEntity('@counter@b')?.lockedBy).toBe('alive');
    expect(second.peekEntity('Counter', 'b')?.state ?? null).toBeNull();
    await second.sendToInstance('alive', event('go', null));
    expect((await waitForDone(second, 'alive')).output).toBe('"released"');
    await waitFor(() => second.peekEntity('Counter', 'b')?.state === '1');
  });

  it('re-arms a stored timer for its due time: not fired on restart, fired after a restart past it', async () => {
    const path = tmpStore();
    const app = () =>
      new FakeApp().orchestration('Sleeps', function* (ctx) {
        const timer = ctx.df.createTimer(new Date(ctx.df.currentUtcDateTime.getTime() + 5 * 60_000));
        const ping = ctx.df.waitForExternalEvent('ping');
        const first = yield ctx.df.Task.any([timer, ping]);
        if (first === timer) return 'timer fired before the ping';
        yield timer;
        return 'timer fired after the ping';
      });
    const first = open(app(), path);
    await first.startInstance('s', 'Sleeps', null);
    await waitFor(() => first.store.load().messages.some((m) => m.target === 's' && m.due !== null));
    await close(first);

    const second = open(app(), path);
    // the ping is queued behind anything the restart delivered: had the timer fired, it would be replayed first
    await second.sendToInstance('s', event('ping', 1));
    await waitFor(() => eventTypes(second, 's').includes(EVENT_RAISED));
    expect(eventTypes(second, 's')).not.toContain(TIMER_FIRED);
    expect(second.visibleInstance('s')?.status).toBe('Running');
    // new messages get ids above the stored timer's (a clash would fail the commit): kept while suspended
    await second.sendToInstance('s', { type: 'suspend', reason: null });
    await waitFor(() => second.visibleInstance('s')?.status === 'Suspended');
    await second.sendToInstance('s', event('unrelated', 2));
    await second.sendToInstance('s', event('unrelated', 3));
    expect(second.store.load().messages.filter((m) => m.target === 's').map((m) => m.due !== null)).toEqual([true, false, false]);
    await second.sendToInstance('s', { type: 'resume', reason: null });
    await waitFor(() => second.store.load().messages.filter((m) => m.target === 's').length === 1);
    await close(second);

    // six minutes later (a moved clock, not a wait): due, so it fires
    const later = Date.now() + 6 * 60_000;
    const third = open(app(), path, { now: () => later });
    const done = await waitForDone(third, 's');
    expect(done.output).toBe('"timer fired after the ping"');
    expect(eventTypes(third, 's')).toContain(TIMER_FIRED);
  });

  it('runs an activity again whose result was not committed before the stop', async () => {
    const path = tmpStore();
    const runs: string[] = [];
    const app = (activity: (x: string) => unknown) =>
      new FakeApp().activity('Work', activity).orchestration('CallsWork', function* (ctx) {
        return yield ctx.df.callActivity('Work', 'job');
      });
    const first = open(app((x) => (runs.push(`first:${x}`), new Promise(() => {}))), path); // never finishes
    await first.startInstance('w', 'CallsWork', null);
    await waitFor(() => runs.length === 1);
    await close(first, 50);

    const fake = app((x) => (runs.push(`second:${x}`), `done ${x}`));
    const second = open(fake, path);
    // dispatched by start() itself: invoked before anything else happens
    expect(fake.calls.map((c) => c.functionName)).toEqual(['Work']);
    expect(runs).toEqual(['first:job', 'second:job']);
    expect((await waitForDone(second, 'w')).output).toBe('"done job"');
  });

  it('a purge deletes the instance and its history, so the id starts afresh', async () => {
    const path = tmpStore();
    const app = () =>
      new FakeApp().orchestration('Echo', function* (ctx) {
        return ctx.df.getInput();
      });
    const hub = open(app(), path);
    await hub.startInstance('p', 'Echo', '"one"');
    await waitForDone(hub, 'p');
    expect(hub.store.getHistory('p').length).toBeGreaterThan(0);
    await hub.purge(['p']);
    expect(hub.store.getInstance('p')).toBeUndefined();
    expect(hub.store.getHistory('p')).toEqual([]);
    expect(hub.isPurging('p')).toBe(false);
    await hub.startInstance('p', 'Echo', '"two"');
    expect((await waitForDone(hub, 'p')).output).toBe('"two"');
  });
});

describe('lock requests', () => {
  it('drops a lock request whose orchestration was terminated while it waited: the entity is not locked for nobody', async () => {
    const app = counter(new FakeApp())
      .orchestration('HoldsX', function* (ctx) {
        const lock = yield ctx.df.lock(new df.EntityId('Counter', 'x'));
        yield ctx.df.waitForExternalEvent('go');
        lock.release();
        return 'ok';
      })
      .orchestration('WantsX', function* (ctx) {
        yield ctx.df.lock(new df.EntityId('Counter', 'x'));
        return 'got it';
      });
    const hub = open(app, tmpStore());
    await hub.startInstance('holder', 'HoldsX', null);
    await waitFor(() => hub.store.getEntity('@counter@x')?.lockedBy === 'holder');
    await hub.startInstance('waiter', 'WantsX', null);
    // its lock request is queued at x behind the holder's lock
    await waitFor(() => hub.store.load().messages.some((m) => m.target === '@counter@x' && m.body.includes('"waiter"')));
    await hub.sendToInstance('waiter', { type: 'terminate', reason: 'gave up' });
    expect((await waitForDone(hub, 'waiter')).status).toBe('Terminated');
    await hub.sendToInstance('holder', event('go', null));
    await waitForDone(hub, 'holder');
    // the batch that applies the holder's release also takes the waiter's request
    await waitFor(() => hub.store.getEntity('@counter@x')?.lockedBy !== 'holder');
    expect(hub.store.getEntity('@counter@x')?.lockedBy ?? null).toBeNull();
    await hub.sendToEntity('@counter@x', { type: 'op', op: 'add', id: 's', signal: true });
    await waitFor(() => hub.peekEntity('Counter', 'x')?.state === '1');
  });
});
