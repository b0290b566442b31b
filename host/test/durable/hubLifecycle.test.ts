// Hub-level lifecycle rules with the real library: terminate racing events, locks released on terminate,
// status reads returning committed state only.
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskHub } from '../../src/durable/hub.js';
import { historyEvents } from '../../src/durable/protocol/historyEvents.js';
import { df, FakeApp } from './support/fakeApp.js';
import { startHub, waitFor, waitForDone } from './support/hubHarness.js';

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
    .orchestration('Waits', function* (context) {
      const lock = yield context.df.lock(new df.EntityId('Counter', 'k'));
      const value = yield context.df.waitForExternalEvent('go');
      lock.release();
      return value;
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
});
