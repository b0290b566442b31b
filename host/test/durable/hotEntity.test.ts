// How the hub groups an entity's operations into invocations (TaskHub.kickEntity): at most one batch per
// entity starts in a group commit. A lone signal to an idle entity is applied in the signal's own
// transaction; a burst of client signals arriving in separate I/O callbacks of one turn runs as a few big
// batches, not one invocation per signal.
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskHub } from '../../src/durable/hub.js';
import { FakeApp } from './support/fakeApp.js';
import { startHub } from './support/hubHarness.js';

/** an entity that records the operation inputs of each invocation (one invocation = one batch) */
const recorder = () =>
  new FakeApp().entity('Recorder', (context) => {
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
