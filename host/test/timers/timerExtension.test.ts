// The timer extension with a recording invoker and a virtual clock: the Timer input it sends, the reason,
// retry policies (retryContext, delays, the limit) and stopping during a retry wait.
import { describe, expect, it } from 'vitest';
import type { HostSettings, InvocationOutcome, InvocationRequest, Invoker, RegisteredFunction } from '../../src/contracts.js';
import { Registry } from '../../src/loader/registry.js';
import { createTimerExtension } from '../../src/timers/index.js';
import { VirtualClock } from './support/virtualClock.js';

const settings = { dataPath: ':memory:' } as HostSettings;

function timerFunction(name: string, trigger: Record<string, unknown>, retryOptions?: Record<string, unknown>): RegisteredFunction {
  const binding = { type: 'timerTrigger', direction: 'in' as const, name: 'timer', ...trigger };
  return {
    name,
    metadata: { name, bindings: { timer: binding }, retryOptions },
    callback: () => undefined,
    triggerBindingName: 'timer',
    trigger: binding,
  };
}

/** An invoker that fails the first `failures` invocations and records every request. */
function recordingInvoker(clock: VirtualClock, failures: number) {
  const calls: { at: string; request: InvocationRequest }[] = [];
  const invoker: Invoker = {
    async invoke(request): Promise<InvocationOutcome> {
      calls.push({ at: new Date(clock.now()).toISOString(), request });
      if (calls.length <= failures) return { ok: false, invocationId: `id${calls.length}`, error: new Error(`failure ${calls.length}`) };
      return { ok: true, invocationId: `id${calls.length}`, returnValue: undefined };
    },
  };
  return { invoker, calls };
}

async function started(fn: RegisteredFunction, clock: VirtualClock, invoker: Invoker, env: NodeJS.ProcessEnv = {}) {
  const logs: string[] = [];
  const extension = createTimerExtension(settings, { clock, env, log: (message) => logs.push(message) });
  await extension.start({ registry: new Registry([fn]), invoker, settings, origin: 'http://localhost:1' });
  return { extension, logs };
}

describe('timer extension', () => {
  it('sends the Timer as the host serializes TimerInfo, with the reason', async () => {
    const clock = new VirtualClock('2026-03-01T10:00:00.000Z');
    const { invoker, calls } = recordingInvoker(clock, 0);
    const { extension } = await started(timerFunction('Hourly', { schedule: '%EVERY_HOUR%' }), clock, invoker, { EVERY_HOUR: '0 0 * * * *' });
    expect(extension.describe('hourly')).toBe("Cron: '0 0 * * * *' in UTC, next 2026-03-01T11:00:00.000Z");
    await clock.advanceTo('2026-03-01T11:00:00.000Z');
    expect(calls).toHaveLength(1);
    const request = calls[0]!.request;
    expect(request.reason).toBe('Timer fired at 2026-03-01T11:00:00.000Z');
    expect(request.retryContext).toBeUndefined();
    expect(request.inputData).toEqual([{ name: 'timer', data: { json: expect.any(String) } }]);
    expect(JSON.parse(request.inputData[0]!.data.json!)).toEqual({
      Schedule: { AdjustForDST: true },
      ScheduleStatus: { Last: '0001-01-01T00:00:00.000Z', Next: '2026-03-01T11:00:00.000Z', LastUpdated: '2026-03-01T10:00:00.000Z' },
      IsPastDue: false,
    });
    await extension.stop();
  });

  it('useMonitor: false keeps no status: scheduleStatus is null, as on Azure', async () => {
    const clock = new VirtualClock('2026-03-01T10:00:00.000Z');
    const { invoker, calls } = recordingInvoker(clock, 0);
    const { extension } = await started(timerFunction('Unmonitored', { schedule: '0 0 * * * *', useMonitor: false, runOnStartup: true }), clock, invoker);
    expect(extension.describe('Unmonitored')).toBe("Cron: '0 0 * * * *' in UTC, runOnStartup, not monitored, next 2026-03-01T11:00:00.000Z");
    await clock.advanceTo('2026-03-01T11:00:00.000Z');
    expect(calls.map((c) => [c.at, c.request.reason])).toEqual([
      ['2026-03-01T10:00:00.000Z', 'Timer fired at 2026-03-01T10:00:00.000Z (run on startup)'],
      ['2026-03-01T11:00:00.000Z', 'Timer fired at 2026-03-01T11:00:00.000Z'],
    ]);
    for (const call of calls) expect(JSON.parse(call.request.inputData[0]!.data.json!).ScheduleStatus).toBeNull();
    await extension.stop();
  });

  it('a schedule option that is not a boolean stops the start, naming the function', async () => {
    const clock = new VirtualClock('2026-03-01T10:00:00.000Z');
    const { invoker } = recordingInvoker(clock, 0);
    await expect(started(timerFunction('Odd', { schedule: '0 0 * * * *', runOnStartup: 'yes' }), clock, invoker)).rejects.toThrow(
      /Function "Odd": timer trigger option runOnStartup must be true or false/,
    );
  });

  it('retries a failed execution with a fixed delay, telling the function its attempt and the last error', async () => {
    const clock = new VirtualClock('2026-03-01T10:00:00.000Z');
    const { invoker, calls } = recordingInvoker(clock, 2);
    const fn = timerFunction('Flaky', { schedule: '0 0 * * * *' }, { retryStrategy: 'fixedDelay', maxRetryCount: 5, delayInterval: { seconds: 1 } });
    const { extension, logs } = await started(fn, clock, invoker);
    await clock.advanceTo('2026-03-01T11:00:10.000Z');
    expect(calls.map((c) => [c.at, c.request.retryContext?.retryCount, c.request.retryContext?.exception?.message])).toEqual([
      ['2026-03-01T11:00:00.000Z', 0, undefined],
      ['2026-03-01T11:00:01.000Z', 1, 'failure 1'],
      ['2026-03-01T11:00:02.000Z', 2, 'failure 2'],
    ]);
    expect(calls[2]!.request.retryContext?.maxRetryCount).toBe(5);
    expect(calls[1]!.request.reason).toBe('Timer fired at 2026-03-01T11:00:00.000Z, retry 1');
    expect(logs).toContain("Waiting 1000 ms before retrying function execution. Next attempt: '1'. Max retry count: '5'");
    await extension.stop();
  });

  it('stops retrying at maxRetryCount; backs off exponentially up to the maximum; the next tick still comes', async () => {
    const clock = new VirtualClock('2026-03-01T10:00:00.000Z');
    const { invoker, calls } = recordingInvoker(clock, 100);
    const fn = timerFunction('AlwaysFails', { schedule: '0 */10 * * * *' }, {
      retryStrategy: 'exponentialBackoff',
      maxRetryCount: 4,
      minimumInterval: { seconds: 2 },
      maximumInterval: { seconds: 10 },
    });
    const { extension, logs } = await started(fn, clock, invoker);
    await clock.advanceTo('2026-03-01T10:10:30.000Z');
    // 10:10:00, then waits of 2, 4, 8, 10 s
    expect(calls.map((c) => c.at)).toEqual([
      '2026-03-01T10:10:00.000Z',
      '2026-03-01T10:10:02.000Z',
      '2026-03-01T10:10:06.000Z',
      '2026-03-01T10:10:14.000Z',
      '2026-03-01T10:10:24.000Z',
    ]);
    expect(logs).toContain("Function 'AlwaysFails' failed after 4 retries (maxRetryCount 4)");
    await clock.advanceTo('2026-03-01T10:20:00.000Z');
    expect(calls.at(-1)!.at).toBe('2026-03-01T10:20:00.000Z');
    expect(calls.at(-1)!.request.retryContext?.retryCount).toBe(0);
    await extension.stop();
  });

  it('stopping the host ends a retry wait at once', async () => {
    const clock = new VirtualClock('2026-03-01T10:00:00.000Z');
    const { invoker, calls } = recordingInvoker(clock, 100);
    const fn = timerFunction('Slow', { schedule: '0 0 * * * *' }, { retryStrategy: 'fixedDelay', maxRetryCount: -1, delayInterval: { seconds: 3600 } });
    const { extension } = await started(fn, clock, invoker);
    await clock.advanceTo('2026-03-01T11:00:00.000Z');
    expect(calls).toHaveLength(1);
    await extension.stop(); // resolves without the clock moving
    await clock.advanceTo('2026-03-01T14:00:00.000Z');
    expect(calls).toHaveLength(1);
    expect(clock.pending).toBe(0);
  });
});
