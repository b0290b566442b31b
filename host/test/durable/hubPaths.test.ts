// Smaller paths of the task hub, each with its outcome checked directly: stale messages found on restart,
// messages to instances that do not exist, warnings logged once, episodes of at most 64 events, and the
// old execution staying visible until a restart of the same id commits.
import { describe, expect, it } from 'vitest';
import { TaskHub } from '../../src/durable/hub.js';
import { HistoryEventType, historyEvents } from '../../src/durable/protocol/historyEvents.js';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.js';
import { df, FakeApp } from './support/fakeApp.js';
import { useHubsAndStores, waitFor, waitForDone } from './support/hubHarness.js';

const { hubs, tmpStore } = useHubsAndStores('hub-paths-');

function open(app: FakeApp, path = ':memory:', logs: string[] = [], maxEntityBatchSize = 100): TaskHub {
  const hub = new TaskHub({
    store: new SqliteStore({ path }),
    registry: app.registry,
    invoker: app,
    maxEntityBatchSize,
    log: (level, message) => void logs.push(`${level}: ${message}`),
    onFatal: (error) => {
      throw error;
    },
  });
  hub.start();
  hubs.push(hub);
  return hub;
}

const counter = () =>
  new FakeApp().entity('Counter', (ctx) => {
    if (ctx.df.operationName === 'ping') {
      ctx.df.signalEntity(new df.EntityId('Nobody', 'k'), 'x');
      ctx.df.signalEntity(new df.EntityId('COUNTER', 'upper'), 'add');
      ctx.df.signalEntity(new df.EntityId('counter', 'lower'), 'add'); // already lower-case: no warning
      return;
    }
    ctx.df.setState((ctx.df.getState(() => 0) as number) + 1);
  });
const event = (name: string, value: unknown) => ({ type: 'event' as const, executionId: null, event: historyEvents.eventRaised(Date.now(), name, JSON.stringify(value)) });
const barrier = (hub: TaskHub) => hub.sendToEntity('@counter@barrier', { type: 'op', op: 'add', id: `b${Math.random()}`, signal: true });

describe('restart with stale messages', () => {
  it('drops an orchestration message and an activity task whose instance is gone, and keeps an entity message', async () => {
    const path = tmpStore();
    const seed = new SqliteStore({ path });
    const task = { executionId: 'old', scheduledId: 0, name: 'Act', input: null };
    seed.commit([
      { op: 'insertMessage', record: { id: 1, kind: 'orchestration', target: 'gone', due: null, body: JSON.stringify(event('e', 1)) } },
      { op: 'insertMessage', record: { id: 2, kind: 'activity', target: 'gone', due: null, body: JSON.stringify(task) } },
      { op: 'insertMessage', record: { id: 3, kind: 'entity', target: '@counter@kept', due: null, body: JSON.stringify({ type: 'op', op: 'add', id: 'k', signal: true }) } },
    ]);
    seed.close();
    const ran: string[] = [];
    const hub = open(counter().activity('Act', () => void ran.push('Act')), path);
    await barrier(hub);
    await waitFor(() => hub.peekEntity('counter', 'kept')?.state === '1');
    expect(hub.store.load().messages).toEqual([]);
    expect(ran).toEqual([]);
  });

  it('an activity task of an older execution of a running instance is dropped, not run', async () => {
    const path = tmpStore();
    const app = () =>
      new FakeApp().activity('Act', () => 'ran').orchestration('Waits', function* (ctx) {
        return yield ctx.df.waitForExternalEvent('go');
      });
    const first = open(app(), path);
    await first.startInstance('w', 'Waits', null);
    await waitFor(() => first.store.getHistory('w').length > 0);
    await first.stop(100);
    hubs.splice(0);
    const seed = new SqliteStore({ path });
    seed.commit([{ op: 'insertMessage', record: { id: 99, kind: 'activity', target: 'w', due: null, body: JSON.stringify({ executionId: 'older', scheduledId: 0, name: 'Act', input: null }) } }]);
    seed.close();
    const fake = app();
    const second = open(fake, path);
    await second.sendToInstance('w', event('go', 5));
    expect((await waitForDone(second, 'w')).output).toBe('5');
    expect(fake.calls.map((c) => c.functionName)).not.toContain('Act');
    expect(second.store.load().messages).toEqual([]);
  });
});

describe('messages to instances that do not exist', () => {
  it('an event to an unknown instance is acknowledged but leaves nothing stored', async () => {
    const hub = open(counter());
    await hub.sendToInstance('nobody', event('e', 1));
    expect(hub.store.load().messages).toEqual([]);
    expect(hub.getInstance('nobody')).toBeUndefined();
  });

  it('an event for another execution of the instance is dropped', async () => {
    const hub = open(
      new FakeApp().orchestration('Waits', function* (ctx) {
        return yield ctx.df.waitForExternalEvent('go');
      }),
    );
    await hub.startInstance('x', 'Waits', null);
    await hub.sendToInstance('x', { type: 'event', executionId: 'some-other-execution', event: historyEvents.eventRaised(Date.now(), 'go', '1') });
    await hub.sendToInstance('x', { type: 'event', executionId: hub.getInstance('x')!.executionId, event: historyEvents.eventRaised(Date.now(), 'go', '2') });
    expect((await waitForDone(hub, 'x')).output).toBe('2');
  });
});

describe('entity warnings', () => {
  it('logs a dropped signal to an unknown entity and a lower-cased target once each, however often they happen', async () => {
    const logs: string[] = [];
    const hub = open(counter(), ':memory:', logs);
    for (let i = 0; i < 3; i++) await hub.sendToEntity('@counter@src', { type: 'op', op: 'ping', id: `p${i}`, signal: true });
    await waitFor(() => hub.peekEntity('counter', 'upper')?.state === '3');
    expect(logs).toEqual([
      "warn: entity counter signalled unknown entity 'Nobody'; signal dropped",
      "warn: entity counter signals 'COUNTER': lower-cased to 'counter' (spec §4.6 Q4)",
    ]);
  });
});

describe('entity batches and warnings, limits', () => {
  it('stops logging new warnings after 1001 distinct ones (a hot entity must not flood the log)', async () => {
    const logs: string[] = [];
    const hub = open(
      new FakeApp().entity('Spammer', (ctx) => {
        for (let i = 0; i < 1100; i++) ctx.df.signalEntity(new df.EntityId(`Unknown${i}`, 'k'), 'x');
        ctx.df.setState(1);
      }),
      ':memory:',
      logs,
    );
    await hub.sendToEntity('@spammer@s', { type: 'op', op: 'go', id: 'g', signal: true });
    await waitFor(() => hub.peekEntity('spammer', 's')?.state === '1');
    expect(logs).toHaveLength(1001);
    expect(logs[1000]).toBe("warn: entity spammer signalled unknown entity 'Unknown1000'; signal dropped");
  });

  it('a batch size below 1 is taken as 1', async () => {
    const fake = counter();
    const hub = open(fake, ':memory:', [], 0);
    await Promise.all([0, 1, 2].map((i) => hub.sendToEntity('@counter@one', { type: 'op', op: 'add', id: `o${i}`, signal: true })));
    await waitFor(() => hub.peekEntity('counter', 'one')?.state === '3');
    const sizes = fake.calls.filter((c) => c.functionName === 'Counter').map((c) => (JSON.parse(c.inputData[0]!.data.string!) as { batch: unknown[] }).batch.length);
    expect(sizes).toEqual([1, 1, 1]);
  });

  it('logs through console.warn with a [durable] prefix when no log function is given', async () => {
    const app = counter();
    const hub = new TaskHub({ store: new SqliteStore({ path: ':memory:' }), registry: app.registry, invoker: app, maxEntityBatchSize: 10 });
    hub.start();
    hubs.push(hub);
    const warned: unknown[][] = [];
    const realWarn = console.warn;
    console.warn = (...args: unknown[]) => void warned.push(args);
    try {
      await hub.sendToEntity('@counter@src', { type: 'op', op: 'ping', id: 'p', signal: true });
      await waitFor(() => hub.peekEntity('counter', 'upper')?.state === '1');
    } finally {
      console.warn = realWarn;
    }
    expect(warned[0]).toEqual(["[durable] entity counter signalled unknown entity 'Nobody'; signal dropped"]);
  });
});

describe('episodes', () => {
  it('replays at most 64 events per episode', async () => {
    const hub = open(
      new FakeApp().orchestration('Collects', function* (ctx) {
        let sum = 0;
        for (let i = 0; i < 100; i++) sum += (yield ctx.df.waitForExternalEvent('n')) as number;
        return sum;
      }),
    );
    await hub.startInstance('c', 'Collects', null);
    await waitFor(() => hub.visibleInstance('c')?.status === 'Running');
    // all delivered in one turn: the instance's inbox holds 100 events when it next runs
    await Promise.all(Array.from({ length: 100 }, (_, i) => hub.sendToInstance('c', event('n', i))));
    expect((await waitForDone(hub, 'c')).output).toBe(String((99 * 100) / 2));
    const starts = hub.store.getHistory('c').filter((e) => JSON.parse(e).EventType === HistoryEventType.OrchestratorStarted);
    expect(starts).toHaveLength(3); // the start, then 64 events, then 36
    const perEpisode: number[] = [];
    for (const e of hub.store.getHistory('c').map((t) => JSON.parse(t).EventType as number)) {
      if (e === HistoryEventType.OrchestratorStarted) perEpisode.push(0);
      else if (e === HistoryEventType.EventRaised) perEpisode[perEpisode.length - 1]!++;
    }
    expect(perEpisode).toEqual([0, 64, 36]);
  });
});

describe('a new execution of a finished id', () => {
  it('keeps the old execution visible until the new start commits', async () => {
    const hub = open(
      new FakeApp().orchestration('Echo', function* (ctx) {
        return ctx.df.getInput();
      }),
    );
    await hub.startInstance('e', 'Echo', '"one"');
    await waitForDone(hub, 'e');
    const restarted = hub.startInstance('e', 'Echo', '"two"');
    expect(hub.visibleInstance('e')).toMatchObject({ status: 'Completed', output: '"one"' });
    await restarted;
    expect(hub.visibleInstance('e')?.input).toBe('"two"');
    expect((await waitForDone(hub, 'e')).output).toBe('"two"');
  });

  it('two purges of one id in flight: the id counts as purging until both committed', async () => {
    const hub = open(new FakeApp().orchestration('Echo', function* () {
      return 1;
    }));
    await hub.startInstance('p', 'Echo', null);
    await waitForDone(hub, 'p');
    const a = hub.purge(['p']);
    const b = hub.purge(['p']);
    expect(hub.isPurging('p')).toBe(true);
    await Promise.all([a, b]);
    expect(hub.isPurging('p')).toBe(false);
    expect(hub.getInstance('p')).toBeUndefined();
  });
});
