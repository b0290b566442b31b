// Hub-level lifecycle rules with the real library: terminate racing events, locks released on terminate,
// status reads returning committed state only.
import { afterEach, describe, expect, it } from 'vitest';
import { DurableHttpApi, newInstanceId, replyBody } from '../../src/durable/client/httpApi.js';
import type { TaskHub } from '../../src/durable/hub.js';
import { historyEvents } from '../../src/durable/protocol/historyEvents.js';
import { df, FakeApp } from './support/fakeApp.js';
import { startHub, waitFor, waitForDone } from './support/hubHarness.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const tmpStore = () => join(mkdtempSync(join(tmpdir(), 'hub-lifecycle-')), 'store.sqlite');

let hub: TaskHub | undefined;
afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

const app = () =>
  new FakeApp()
    .entity('Counter', (ctx) => {
      ctx.df.setState((ctx.df.getState(() => 0) as number) + 1);
    })
    .entity('Box', (ctx) => {
      if (ctx.df.operationName === 'delete') ctx.df.destructOnExit();
      else ctx.df.setState((ctx.df.getState(() => 0) as number) + 1);
    })
    .orchestration('Waits', function* (context) {
      const lock = yield context.df.lock(new df.EntityId('Counter', 'k'));
      const value = yield context.df.waitForExternalEvent('go');
      lock.release();
      return value;
    })
    .orchestration('TwoEvents', function* (context) {
      const a = yield context.df.waitForExternalEvent('a');
      const b = yield context.df.waitForExternalEvent('b');
      return [a, b];
    });

describe('hub lifecycle', () => {
  it('a terminate arriving with an event ends the instance: nothing runs after it, its lock is released', async () => {
    hub = startHub(app());
    await hub.startInstance('t', 'Waits', null);
    await waitFor(() => hub!.store.getEntity('@counter@k')?.lockedBy === 't');
    // both committed in the same turn: the event is replayed first, then the terminate applies
    await Promise.all([
      hub.sendToInstance('t', { type: 'event', executionId: null, event: historyEvents.eventRaised(Date.now(), 'nope', '1') }),
      hub.sendToInstance('t', { type: 'terminate', reason: 'stop' }),
    ]);
    const done = await waitForDone(hub, 't');
    expect(done.status).toBe('Terminated');
    expect(JSON.parse(done.output!)).toBe('stop');
    const history = hub.store.getHistory('t').map((e) => JSON.parse(e).EventType);
    expect(history.slice(-2)).toEqual([3, 1]); // ExecutionTerminated, ExecutionCompleted: nothing after
    await waitFor(() => (hub!.store.getEntity('@counter@k')?.lockedBy ?? null) === null); // released (and, stateless, deleted)
    // the entity serves others again
    await hub.sendToEntity('@counter@k', { type: 'op', op: 'add', id: 'x', signal: true });
    await waitFor(() => hub!.store.getEntity('@counter@k')?.state === '1');
  });

  it('status reads show committed state: a started instance is visible once its start committed', async () => {
    hub = startHub(app());
    const started = hub.startInstance('v', 'Waits', null);
    expect(hub.visibleInstance('v')).toBeUndefined(); // staged, not committed yet
    await started;
    expect(hub.visibleInstance('v')?.status).toMatch(/Pending|Running/);
  });

  it('a status read of a running instance is held until it finishes (or the hold runs out)', async () => {
    hub = startHub(app());
    const api = (holdMs: number) => new DurableHttpApi({ hub: hub!, taskHubName: 'TestHubName', origin: () => 'http://localhost', maxBodyBytes: 1 << 20, statusHoldMs: holdMs });
    const get = (holdMs: number, id: string) => api(holdMs).dispatch({ method: 'GET', url: new URL(`http://localhost/runtime/webhooks/durabletask/instances/${id}`), headers: {}, body: Buffer.alloc(0) });
    await hub.startInstance('h', 'TwoEvents', null);
    const raise = (name: string, value: string) => hub!.sendToInstance('h', { type: 'event', executionId: null, event: historyEvents.eventRaised(Date.now(), name, value) });
    // a short hold answers "still running" when it runs out
    expect((await get(20, 'h')).status).toBe(202);
    // a long hold answers once the instance has finished, not at its intermediate steps
    let answered = false;
    const held = get(60_000, 'h').then((reply) => ((answered = true), reply));
    await raise('a', '1');
    await waitFor(() => hub!.store.getHistory('h').some((e) => JSON.parse(e).EventType === 15)); // EventRaised 'a' replayed and committed
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    await raise('b', '2');
    const reply = await held;
    expect(reply.status).toBe(200);
    expect(JSON.parse(replyBody(reply)!)).toMatchObject({ runtimeStatus: 'Completed', output: [1, 2] });
  });

  it('a start and a purge of the same finished id in one turn: the purge ends the new execution or the start waits for the purge, in either order', async () => {
    hub = startHub(app(), { path: tmpStore() });
    const api = new DurableHttpApi({ hub, taskHubName: 'TestHubName', origin: () => 'http://localhost', maxBodyBytes: 1 << 20, statusHoldMs: 0 });
    const call = (method: string, path: string, body = '') =>
      api.dispatch({ method, url: new URL(`http://localhost/runtime/webhooks/durabletask/${path}`), headers: { 'content-type': 'application/json' }, body: Buffer.from(body) });
    const finished = async (id: string) => {
      await hub!.startInstance(id, 'TwoEvents', null);
      await hub!.sendToInstance(id, { type: 'terminate', reason: 'done' });
      await waitForDone(hub!, id);
    };
    await finished('p1');
    const [start, purge] = await Promise.all([call('POST', 'orchestrators/TwoEvents/p1'), call('DELETE', 'instances/p1')]);
    // the purge sees the new (Pending) execution: as on Azure it purges it anyway, terminating it first
    expect([start.status, purge.status]).toEqual([202, 200]);
    expect(hub.store.getInstance('p1')).toBeUndefined();
    expect(hub.getInstance('p1')).toBeUndefined();
    await finished('p2');
    const [purge2, start2] = await Promise.all([call('DELETE', 'instances/p2'), call('POST', 'orchestrators/TwoEvents/p2')]);
    expect([purge2.status, start2.status]).toEqual([200, 409]);
    expect(hub.store.getInstance('p2')).toBeUndefined();
    // once the purge has committed the id is free again
    expect((await call('POST', 'orchestrators/TwoEvents/p2')).status).toBe(202);
    // a purge by filter skips an instance whose new start is committing
    await finished('p3');
    const from = encodeURIComponent(new Date(Date.now() - 60_000).toISOString());
    const [start3, purgeBy] = await Promise.all([call('POST', 'orchestrators/TwoEvents/p3'), call('DELETE', `instances/?createdTimeFrom=${from}&runtimeStatus=Terminated`)]);
    expect(start3.status).toBe(202);
    expect(purgeBy.status).toBe(404); // the only Terminated record is p3's old execution: not matched
    expect(hub.store.getInstance('p3')?.status).toMatch(/Pending|Running/);
  });

  it('an activity starts only after the episode that scheduled it is committed', async () => {
    const seen: boolean[] = [];
    const scheduledInStore = (id: string) => hub!.store.getHistory(id).some((e) => JSON.parse(e).EventType === 4); // TaskScheduled
    hub = startHub(
      new FakeApp()
        .activity('Probe', (id: string) => {
          seen.push(scheduledInStore(id));
          return id;
        })
        .orchestration('CallsProbe', function* (context) {
          const results = [];
          for (let i = 0; i < 3; i++) results.push(yield context.df.callActivity('Probe', context.df.instanceId));
          return results.length;
        }),
    );
    for (let i = 0; i < 5; i++) await hub.startInstance(`probe-${i}`, 'CallsProbe', null);
    for (let i = 0; i < 5; i++) expect((await waitForDone(hub, `probe-${i}`)).status).toBe('Completed');
    expect(seen).toEqual(Array(15).fill(true));
  });

  it('generated instance ids are 32 hex characters, distinct, and sort by creation time', () => {
    const ids = [newInstanceId(1_700_000_000_000), newInstanceId(1_700_000_000_000), newInstanceId(1_700_000_000_001), newInstanceId(1_800_000_000_000)];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(4);
    expect([...ids].sort().slice(2)).toEqual(ids.slice(2));
    expect(ids.slice(0, 2).every((id) => id < ids[2]!)).toBe(true);
  });

  it('a client call that arrives while the hub stops is answered 503 and changes nothing', async () => {
    const path = tmpStore();
    hub = startHub(app(), { path });
    const api = new DurableHttpApi({ hub, taskHubName: 'TestHubName', origin: () => 'http://localhost', maxBodyBytes: 1 << 20, statusHoldMs: 0 });
    const signal = (op: string) =>
      api.dispatch({ method: 'POST', url: new URL(`http://localhost/runtime/webhooks/durabletask/entities/Counter/late?op=${op}`), headers: {}, body: Buffer.alloc(0) });
    expect((await signal('add')).status).toBe(202);
    await waitFor(() => hub!.store.getEntity('@counter@late')?.state === '1');
    const start = () =>
      api.dispatch({ method: 'POST', url: new URL('http://localhost/runtime/webhooks/durabletask/orchestrators/TwoEvents/late-start'), headers: {}, body: Buffer.alloc(0) });
    const stopping = hub.stop();
    const refused = await signal('add');
    expect(refused.status).toBe(503);
    expect(JSON.parse(replyBody(refused)!).error).toMatchObject({ code: 'ServiceUnavailable', message: expect.stringMatching(/stopping/) });
    // a refused start leaves nothing behind either: its retry is refused the same way, not "already exists"
    expect((await start()).status).toBe(503);
    expect((await start()).status).toBe(503);
    expect(hub.getInstance('late-start')).toBeUndefined();
    await stopping;
    // started again on the same store: the refused calls were never stored, so they never run
    hub = startHub(app(), { path });
    const stored = hub.store.load();
    expect(stored.messages.filter((m) => m.target === '@counter@late')).toEqual([]);
    expect(stored.activeInstances.map((i) => i.record.id)).not.toContain('late-start');
    expect(hub.store.getEntity('@counter@late')?.state).toBe('1');
  });

  it('a start refused while the hub drains its in-flight work leaves nothing behind: a retry is refused the same way', async () => {
    let release = () => {};
    const blocked = new Promise<void>((resolve) => (release = resolve));
    hub = startHub(app().activity('Slow', () => blocked).orchestration('CallsSlow', function* (context) {
      return yield context.df.callActivity('Slow');
    }));
    const api = new DurableHttpApi({ hub, taskHubName: 'TestHubName', origin: () => 'http://localhost', maxBodyBytes: 1 << 20, statusHoldMs: 0 });
    const start = (id: string) =>
      api.dispatch({ method: 'POST', url: new URL(`http://localhost/runtime/webhooks/durabletask/orchestrators/TwoEvents/${id}`), headers: {}, body: Buffer.alloc(0) });
    await hub.startInstance('busy', 'CallsSlow', null);
    await waitFor(() => hub!.store.load().messages.some((m) => m.kind === 'activity')); // the activity runs, holding the drain
    const stopping = hub.stop(5_000);
    expect(hub.isStopped).toBe(false); // draining: the activity holds the stop
    expect((await start('late')).status).toBe(503);
    expect((await start('late')).status).toBe(503); // not 409 "already exists and is Pending"
    expect(hub.getInstance('late')).toBeUndefined();
    await new Promise((r) => setTimeout(r, 50));
    expect(hub.isStopped).toBe(false); // still waiting for the activity (grace 5 s)
    release();
    await stopping;
    expect(hub.isStopped).toBe(true);
  });

  it('an entity deleted and signalled in the same turn applies both in order, in one batch', async () => {
    const fake = app();
    hub = startHub(fake);
    const batchesOfBox = () => fake.calls.filter((c) => c.functionName === 'Box').map((c) => (JSON.parse(c.inputData[0]!.data.string!) as { batch: { name: string }[] }).batch.map((op) => op.name));
    for (let i = 0; i < 3; i++) await hub.sendToEntity('@box@b', { type: 'op', op: 'add', id: `a${i}`, signal: true });
    await waitFor(() => hub!.store.getEntity('@box@b')?.state === '3');
    // delete, then add, in one turn: the add starts from no state
    await Promise.all([
      hub.sendToEntity('@box@b', { type: 'op', op: 'delete', id: 'd1', signal: true }),
      hub.sendToEntity('@box@b', { type: 'op', op: 'add', id: 'a3', signal: true }),
    ]);
    await waitFor(() => hub!.store.getEntity('@box@b')?.state === '1');
    expect(hub.peekEntity('Box', 'b')).toEqual({ exists: true, state: '1' });
    expect(batchesOfBox().at(-1)).toEqual(['delete', 'add']);
    // add, then delete, in one turn: the entity is gone, from the store too
    await Promise.all([
      hub.sendToEntity('@box@b', { type: 'op', op: 'add', id: 'a4', signal: true }),
      hub.sendToEntity('@box@b', { type: 'op', op: 'delete', id: 'd2', signal: true }),
    ]);
    await waitFor(() => hub!.store.getEntity('@box@b') === undefined);
    expect(hub.peekEntity('Box', 'b')?.exists ?? false).toBe(false);
    expect(batchesOfBox().at(-1)).toEqual(['add', 'delete']);
  });
});
