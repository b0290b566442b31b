// The hub's cost counters (README "Cost per request"): each counts what it names, exactly, so the bench's
// ops-per-request columns can be trusted.
import { afterEach, describe, expect, it } from 'vitest';
import { HubCounters } from '../../src/durable/counters.js';
import type { TaskHub } from '../../src/durable/hub.js';
import { df, FakeApp } from './support/fakeApp.js';
import { startHub, waitFor, waitForDone } from './support/hubHarness.js';

const app = () =>
  new FakeApp()
    .entity('Counter', (context) => {
      const value = context.df.getState(() => 0) as number;
      if (context.df.operationName === 'add') context.df.setState(value + (context.df.getInput() as number));
      else if (context.df.operationName === 'get') context.df.return(value);
    })
    .activity('Double', (n: number) => n * 2)
    .orchestration('TwoActivitiesOneCall', function* (context) {
      const a = yield context.df.callActivity('Double', 1);
      const b = yield context.df.callActivity('Double', a);
      context.df.signalEntity(new df.EntityId('Counter', 'o'), 'add', b);
      return b;
    });

let hub: TaskHub | undefined;
afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

const signal = (h: TaskHub, key: string, n: number, id: string) => h.sendToEntity(`@counter@${key}`, { type: 'op', op: 'add', id, input: String(n), signal: true });

describe('hub counters', () => {
  it('start at zero', () => {
    hub = startHub(app());
    expect(hub.counters.snapshot()).toEqual({ signals: 0, entityOperations: 0, entityBatches: 0, orchestrationsStarted: 0, orchestrationEpisodes: 0, activityCalls: 0, entityStateReads: 0, statusReads: 0, historyRowsWritten: 0, storeCommits: 0 });
  });

  it('count client signals, the operations they run, the batches that run them, and state reads', async () => {
    hub = startHub(app());
    const h = hub;
    await signal(h, 'a', 2, 's1');
    await waitFor(() => h.peekEntity('counter', 'a')?.state === '2');
    await Promise.all([signal(h, 'b', 1, 's2'), signal(h, 'b', 1, 's3'), signal(h, 'b', 1, 's4')]);
    await waitFor(() => h.peekEntity('counter', 'b')?.state === '3');
    const before = h.counters.snapshot();
    h.peekEntity('counter', 'a');
    const c = h.counters.snapshot();
    expect(c.signals).toBe(4);
    expect(c.entityOperations).toBe(4);
    // key b's three signals run in one or more batches, never more batches than operations
    expect(c.entityBatches).toBeGreaterThanOrEqual(2);
    expect(c.entityBatches).toBeLessThanOrEqual(4);
    expect(c.entityStateReads).toBe(before.entityStateReads + 1);
    expect(c.orchestrationEpisodes + c.activityCalls + c.historyRowsWritten + c.orchestrationsStarted).toBe(0);
    expect(c.storeCommits).toBeGreaterThanOrEqual(2);
  });

  it('count an orchestration: its start, episodes, activity calls, the signal it sends and every history row it writes', async () => {
    hub = startHub(app());
    const h = hub;
    await h.startInstance('o1', 'TwoActivitiesOneCall', null, true);
    await waitForDone(h, 'o1');
    await waitFor(() => h.peekEntity('counter', 'o')?.state === '4');
    const c = h.counters.snapshot();
    expect(c.orchestrationsStarted).toBe(1);
    expect(c.activityCalls).toBe(2);
    // start, after the first activity, after the second: three replays
    expect(c.orchestrationEpisodes).toBe(3);
    expect(c.signals).toBe(1);
    expect(c.entityOperations).toBe(1);
    expect(c.historyRowsWritten).toBe(h.store.getHistory('o1').length);
    expect(c.historyRowsWritten).toBeGreaterThan(0);
  });
});

describe('HubCounters.committed', () => {
  it('counts a commit and the history events it appends, nothing for other operations', () => {
    const c = new HubCounters();
    c.committed([
      { op: 'appendHistory', instanceId: 'x', firstSeq: 0, events: ['a', 'b', 'c'] },
      { op: 'deleteMessage', id: 1 },
      { op: 'appendHistory', instanceId: 'y', firstSeq: 4, events: ['d'] },
    ]);
    c.committed([{ op: 'putEntity', record: { id: '@e@k', exists: true, state: '1', lockedBy: null } }]);
    expect(c.snapshot()).toMatchObject({ storeCommits: 2, historyRowsWritten: 4 });
  });
});
