// How the hub groups an entity's operations into invocations (TaskHub.kickEntity): at most one batch per
// entity starts in a group commit. A lone signal to an idle entity is applied in the signal's own
// transaction; a burst of client signals arriving in separate I/O callbacks of one turn runs as a few big
// batches, not one invocation per signal.
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskHub } from '../../src/durable/hub.js';
import { historyEvents } from '../../src/durable/protocol/historyEvents.js';
import { df, FakeApp } from './support/fakeApp.js';
import { startHub, waitFor, waitForDone } from './support/hubHarness.js';

/** an entity that records the operation inputs of each invocation (one invocation = one batch) */
const recorder = () =>
  new FakeApp()
    // holds the lock on Recorder(locked) while it calls it twice, then waits for an event before releasing
    .orchestration('CallsTwiceLocked', function* (context) {
      const id = new df.EntityId('Recorder', 'locked');
      const lock = yield context.df.lock(id);
      yield context.df.callEntity(id, 'record', 'owner-1');
      yield context.df.callEntity(id, 'record', 'owner-2');
      yield context.df.waitForExternalEvent('release');
      lock.release();
      return 'done';
    })
    .entity('Recorder', (context) => {
    const state = context.df.getState(() => ({ batches: [] as { invocationId: string; ops: unknown[] }[] }));
    const last = state.batches[state.batches.length - 1];
    if (last && last.invocationId === context.invocationId) last.ops.push(context.df.getInput());
    else state.batches.push({ invocationId: context.invocationId, ops: [context.df.getInput()] });
    context.df.setState(state);
  });

const signal = (hub: TaskHub, key: string, i: number) =>
  hub.sendToEntity(`@recorder@${key}`, { type: 'op', op: 'record', id: `m${key}${i}`, input: String(i), signal: true });

const batchesOf = (hub: TaskHub, key: string): unknown[][] => {
  const state = hub.peekEntity('recorder', key)?.state;
  return state ? (JSON.parse(state) as { batches: { ops: unknown[] }[] }).batches.map((b) => b.ops) : [];
};

let hub: TaskHub | undefined;
afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

describe('entity batches per group commit', () => {
  it('keeps a lock owner ahead of signals queued meanwhile, and runs those after the release', async () => {
    hub = startHub(recorder());
    const h = hub;
    await h.startInstance('owner', 'CallsTwiceLocked', null);
    await waitFor(() => h.store.getEntity('@recorder@locked')?.lockedBy === 'owner');
    // sent while the entity is locked: they wait, in order, behind everything the owner sends
    await Promise.all(['s1', 's2', 's3'].map((input) => h.sendToEntity('@recorder@locked', { type: 'op', op: 'record', id: input, input: JSON.stringify(input), signal: true })));
    await waitFor(() => batchesOf(h, 'locked').flat().length === 2);
    expect(batchesOf(h, 'locked').flat()).toEqual(['owner-1', 'owner-2']);
    await h.sendToInstance('owner', { type: 'event', executionId: null, event: historyEvents.eventRaised(Date.now(), 'release', 'null') });
    expect((await waitForDone(h, 'owner')).status).toBe('Completed');
    await waitFor(() => batchesOf(h, 'locked').flat().length === 5);
    expect(batchesOf(h, 'locked').flat()).toEqual(['owner-1', 'owner-2', 's1', 's2', 's3']);
  });

  it('applies a lone signal to an idle entity in the signal\'s own transaction', async () => {
    hub = startHub(recorder());
    for (let i = 0; i < 5; i++) {
      await signal(hub, 'lone', i); // resolves once committed
      expect(batchesOf(hub, 'lone')).toEqual([...Array(i + 1).keys()].map((n) => [n]));
    }
  });

  it('runs 400 signals that arrive in separate callbacks of one turn as two batches, in order', async () => {
    hub = startHub(recorder());
    const h = hub;
    // each in its own setImmediate callback, like requests read from separate sockets: microtasks (and so
    // an entity batch) run between them
    await Promise.all([...Array(400).keys()].map((i) => new Promise<void>((resolve) => setImmediate(() => void signal(h, 'burst', i).then(resolve)))));
    let batches: unknown[][] = [];
    for (let tries = 0; (batches = batchesOf(h, 'burst')).flat().length < 400 && tries < 200; tries++) await new Promise((r) => setTimeout(r, 5));
    expect(batches.flat()).toEqual([...Array(400).keys()]);
    expect(batches.map((ops) => ops.length)).toEqual([1, 399]);
  });
});
