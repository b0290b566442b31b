// The timer extension of the local host: runs `timerTrigger` functions on their schedules (README "Timer
// trigger"). Each function gets a TimerListener; monitored schedules keep their status in
// `<data file>-timers.json` (in memory with `--data :memory:`).
import { AppLoadError, type FunctionRegistry, type HostExtension, type HostSettings, type Invoker, type RegisteredFunction } from '../contracts.js';
import { FileScheduleMonitor, MemoryScheduleMonitor, type ScheduleMonitor, type ScheduleStatus } from './scheduleMonitor.js';
import { parseSchedule, resolveSettings, scheduleTimeZone, ScheduleError, type TimerSchedule } from './schedule.js';
import { TimerListener, type Clock, type TimerFiring } from './timerListener.js';

export const TIMER_TRIGGER = 'timerTrigger';

/** Where monitored schedules keep their status, next to the durable store's file. */
export function scheduleStatusFile(dataPath: string): string | undefined {
  return dataPath === ':memory:' ? undefined : `${dataPath}-timers.json`;
}

export interface TimerPlan {
  fn: RegisteredFunction;
  schedule: TimerSchedule;
  runOnStartup: boolean;
  useMonitor: boolean;
}

function flag(fn: RegisteredFunction, name: string, fallback: boolean): boolean {
  const value = fn.trigger[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new AppLoadError(`Function "${fn.name}": timer trigger option ${name} must be true or false, got ${JSON.stringify(value)}`);
}

/** Reads and checks one timer function's trigger (a bad schedule stops the host, naming the function). */
export function planTimer(fn: RegisteredFunction, env: NodeJS.ProcessEnv, timeZone: string): TimerPlan {
  const raw = fn.trigger.schedule;
  if (typeof raw !== 'string') throw new AppLoadError(`Function "${fn.name}": the timer trigger has no schedule`);
  let schedule: TimerSchedule;
  try {
    schedule = parseSchedule(resolveSettings(raw, env), timeZone);
  } catch (error) {
    if (error instanceof ScheduleError) throw new AppLoadError(`Function "${fn.name}": invalid timer schedule "${raw}": ${error.message}`);
    throw error;
  }
  // useMonitor defaults to true and is switched off for schedules firing more often than once a minute
  // (TimerSchedule.Create), even when set explicitly.
  const useMonitor = flag(fn, 'useMonitor', true) && schedule.monitorByDefault;
  return { fn, schedule, runOnStartup: flag(fn, 'runOnStartup', false), useMonitor };
}

/** The Timer object as the host serializes TimerInfo; @azure/functions camel-cases its keys. */
export function timerInfoJson(firing: TimerFiring): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const status = firing.scheduleStatus && {
    Last: iso(firing.scheduleStatus.last),
    Next: iso(firing.scheduleStatus.next),
    LastUpdated: iso(firing.scheduleStatus.lastUpdated),
  };
  return JSON.stringify({ Schedule: { AdjustForDST: true }, ScheduleStatus: status, IsPastDue: firing.isPastDue });
}

export interface TimerExtension extends HostExtension {
  /** One line per timer for the start-up listing, e.g. "Cron: '0 30 9 * * 1-5' in UTC, next 2026-01-05T09:30:00.000Z". */
  describe(functionName: string): string | undefined;
}

export interface TimerExtensionOptions {
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  log?: (message: string) => void;
}

export function createTimerExtension(settings: HostSettings, options: TimerExtensionOptions = {}): TimerExtension {
  const env = options.env ?? process.env;
  const listeners = new Map<string, { listener: TimerListener; plan: TimerPlan }>();
  let timeZone = 'UTC';

  const execute = (invoker: Invoker, plan: TimerPlan) => async (firing: TimerFiring) => {
    const reason = firing.isPastDue
      ? `Timer fired at ${new Date(firing.firedAt).toISOString()} (past due)`
      : firing.runOnStartup
        ? `Timer fired at ${new Date(firing.firedAt).toISOString()} (run on startup)`
        : `Timer fired at ${new Date(firing.firedAt).toISOString()}`;
    await invoker.invoke({
      functionName: plan.fn.name,
      inputData: [{ name: plan.fn.triggerBindingName, data: { json: timerInfoJson(firing) } }],
      reason,
    });
  };

  return {
    name: 'timers',
    triggerTypes: [TIMER_TRIGGER],
    inputBindings: {},

    async start(ctx: { registry: FunctionRegistry; invoker: Invoker; settings: HostSettings }): Promise<void> {
      const functions = ctx.registry.byTriggerType(TIMER_TRIGGER);
      if (functions.length === 0) return;
      try {
        timeZone = scheduleTimeZone(env);
      } catch (error) {
        throw new AppLoadError((error as Error).message);
      }
      // check every schedule before any timer starts
      const plans = functions.map((fn) => planTimer(fn, env, timeZone));
      const file = scheduleStatusFile(settings.dataPath);
      let monitor: ScheduleMonitor | undefined;
      if (plans.some((plan) => plan.useMonitor)) monitor = file ? new FileScheduleMonitor(file) : new MemoryScheduleMonitor();
      for (const plan of plans) {
        const listener = new TimerListener({
          name: plan.fn.name,
          schedule: plan.schedule,
          runOnStartup: plan.runOnStartup,
          monitor: plan.useMonitor ? monitor : undefined,
          execute: execute(ctx.invoker, plan),
          clock: options.clock,
          log: options.log,
        });
        listeners.set(plan.fn.name.toLowerCase(), { listener, plan });
      }
      for (const { listener } of listeners.values()) listener.start();
    },

    describe(functionName: string): string | undefined {
      const entry = listeners.get(functionName.toLowerCase());
      if (!entry) return undefined;
      const status: ScheduleStatus = entry.listener.status;
      const monitored = entry.plan.useMonitor ? '' : ', not monitored';
      const startup = entry.plan.runOnStartup ? ', runOnStartup' : '';
      return `${entry.plan.schedule.description} in ${timeZone}${startup}${monitored}, next ${new Date(status.next).toISOString()}`;
    },

    async stop(): Promise<void> {
      await Promise.all([...listeners.values()].map(({ listener }) => listener.stop()));
    },
  };
}
