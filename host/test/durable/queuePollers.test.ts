// The azure-storage profile's simulated queue pollers (profiles/queuePollers.ts): the back-off of an idle
// poller, the reset after a poll that found messages, the wake-up for the process's own messages.
import { describe, expect, it } from 'vitest';
import { QueuePollers } from '../../src/durable/profiles/queuePollers.js';
import { parseTimeSpan } from '../../src/durable/profiles/profile.js';

const settings = { minIntervalMs: 50, maxIntervalMs: 1000, partitionCount: 4, roundTripMs: 10, random: () => 0.5 };
const control = { kind: 'control', target: 'a' } as const;

describe('QueuePollers', () => {
  it('a client message to a poller idle since start waits for its next poll (up to the maximum interval) plus a round trip', () => {
    const p = new QueuePollers(settings);
    // idle since start: last poll half an interval ago (random 0.5), interval at the maximum
    expect(p.delay(control, true, 10_000)).toBe(500 + 10);
  });

  it('after a poll that found messages the interval is back at 50 ms and grows with each empty poll', () => {
    const p = new QueuePollers(settings);
    const first = 10_000 + p.delay(control, true, 10_000) - 10; // the poll that took it: 10 500
    expect(first).toBe(10_500);
    // 20 ms later: next poll at 10 500 + 50, which finds it
    expect(p.delay(control, true, 10_520)).toBe(30 + 10);
    // then empty polls at 10 600 (interval → 100), 10 700 (→ 150), 10 850 (→ 250), 11 100 (→ 450): next 11 550
    expect(p.delay(control, true, 11_101)).toBe(11_550 - 11_101 + 10);
  });

  it('is capped at maxQueuePollingInterval', () => {
    const p = new QueuePollers(settings);
    p.delay(control, true, 0);
    // long idle: the interval has grown to the 1000 ms cap; polls every second
    const d = p.delay(control, true, 60_000);
    expect(d - 10).toBeGreaterThanOrEqual(0);
    expect(d - 10).toBeLessThanOrEqual(1000);
  });

  it("wakes at once for the engine's own messages (one round trip)", () => {
    const p = new QueuePollers(settings);
    expect(p.delay(control, false, 10_000)).toBe(10);
    expect(p.delay({ kind: 'workItem' }, false, 10_000)).toBe(10);
  });

  it('a message joins a poll already promised to an earlier one of its queue (order kept)', () => {
    const p = new QueuePollers(settings);
    const a = p.delay(control, true, 10_000);
    const b = p.delay(control, false, 10_001);
    expect(10_001 + b).toBe(10_000 + a);
  });
});

describe('parseTimeSpan', () => {
  it.each([
    ['00:00:30', 30_000],
    ['00:00:01', 1000],
    ['00:00:00.250', 250],
    ['01:02:03', 3_723_000],
    ['1.00:00:00', 86_400_000],
  ])('%s → %d ms', (text, ms) => expect(parseTimeSpan(text)).toBe(ms));
  it.each(['30', '0:0', 'abc', ''])('refuses %j', (text) => expect(parseTimeSpan(text)).toBeUndefined());
});
