// One timer function's schedule, run as the Functions host's TimerListener runs it (webjobs-extensions:
// Listener/TimerListener.cs):
// - at start, a monitored timer whose recorded next occurrence has passed runs once at once, past due;
//   else `runOnStartup` runs it once at once; else it waits for the next occurrence;
// - one execution at a time: the next timer is armed only when an execution has finished. Ticks that
//   pass while an execution runs are not queued: the next one fires right after it, once;
// - after each execution the status becomes {last: this occurrence, next: the one after it} and is persisted
//   (monitored timers), so a restart neither repeats nor loses a tick.
import { NEVER, checkPastDue, type ScheduleMonitor, type ScheduleStatus } from './scheduleMonitor.js';
import type { TimerSchedule } from './schedule.js';

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** What one execution receives: the `Timer` object of @azure/functions, before its keys are camel-cased. */
export interface TimerFiring {
  isPastDue: boolean;
  runOnStartup: boolean;
  /** null when the timer is not monitored, as on Azure */
  scheduleStatus: ScheduleStatus | null;
  firedAt: number;
}

export interface TimerListenerOptions {
  name: string;
  schedule: TimerSchedule;
  runOnStartup: boolean;
  /** undefined when useMonitor is off */
  monitor: ScheduleMonitor | undefined;
  /** runs the function; must not throw (failures are the invoker's to log) */
  execute(firing: TimerFiring): Promise<void>;
  clock?: Clock;
  log?: (message: string) => void;
}

/** setTimeout takes at most 2^31-1 ms; longer waits are chained (TimerListener.MaxTimerInterval). */
const MAX_TIMER_INTERVAL_MS = 24 * 86_400_000;

export class TimerListener {
  readonly #options: TimerListenerOptions;
  readonly #clock: Clock;
  #status: ScheduleStatus = { last: NEVER, next: NEVER, lastUpdated: NEVER };
  #startup: { isPastDue: boolean; runOnStartup: boolean } | undefined;
  #handle: unknown;
  #remainingMs = 0;
  #stopped = false;
  #running: Promise<void> | undefined;

  constructor(options: TimerListenerOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
  }

  /** The status the next execution will see (tests and the start-up listing). */
  get status(): ScheduleStatus {
    return { ...this.#status };
  }

  start(): void {
    const { name, schedule, monitor } = this.#options;
    const now = this.#clock.now();
    let isPastDue = false;
    let status: ScheduleStatus | undefined;
    if (monitor) {
      const checked = checkPastDue(monitor, name, now, schedule, monitor.get(name));
      status = checked.status;
      isPastDue = checked.pastDueMs > 0;
    }
    this.#status = status ?? { last: NEVER, next: schedule.next(now), lastUpdated: NEVER };

    if (isPastDue) {
      this.#options.log?.(`Function '${name}' is past due on startup. Executing now.`);
      this.#startup = { isPastDue: true, runOnStartup: false };
      this.#arm(0);
    } else if (this.#options.runOnStartup) {
      this.#options.log?.(`Function '${name}' is configured to run on startup. Executing now.`);
      this.#startup = { isPastDue: false, runOnStartup: true };
      this.#arm(0);
    } else {
      this.#armForNext();
    }
  }

  /** No new executions; resolves when the one running (if any) has finished. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#handle !== undefined) this.#clock.clearTimeout(this.#handle);
    this.#handle = undefined;
    await this.#running;
  }

  #armForNext(): void {
    this.#arm(this.#status.next - this.#clock.now());
  }

  #arm(ms: number): void {
    if (this.#stopped) return;
    let wait = Math.max(0, ms);
    this.#remainingMs = wait > MAX_TIMER_INTERVAL_MS ? wait - MAX_TIMER_INTERVAL_MS : 0;
    wait = Math.min(wait, MAX_TIMER_INTERVAL_MS);
    this.#handle = this.#clock.setTimeout(() => this.#onTimer(), wait);
  }

  #onTimer(): void {
    this.#handle = undefined;
    if (this.#stopped) return;
    if (this.#remainingMs > 0) {
      this.#arm(this.#remainingMs);
      return;
    }
    const startup = this.#startup;
    this.#startup = undefined;
    this.#running = this.#execute(this.#clock.now(), startup?.isPastDue ?? false, startup?.runOnStartup ?? false).finally(() => {
      this.#running = undefined;
      this.#armForNext();
    });
  }

  async #execute(firedAt: number, isPastDue: boolean, runOnStartup: boolean): Promise<void> {
    const { schedule, monitor, name } = this.#options;
    try {
      await this.#options.execute({ isPastDue, runOnStartup, scheduleStatus: monitor ? { ...this.#status } : null, firedAt });
    } catch (error) {
      this.#options.log?.(`Error occurred during scheduled invocation for '${name}': ${(error as Error)?.message ?? String(error)}`);
    }
    // A timer that fired a little before its occurrence counts as that occurrence, so `next` moves on
    // (otherwise the same occurrence could be recorded as next twice and run twice after a restart).
    let occurrence = firedAt;
    if (!isPastDue && !runOnStartup && this.#status.next > firedAt) occurrence = this.#status.next;
    this.#status = { last: occurrence, next: schedule.next(occurrence), lastUpdated: occurrence };
    if (monitor) {
      try {
        monitor.update(name, this.#status);
      } catch (error) {
        this.#options.log?.(`Function '${name}': could not record its schedule status: ${(error as Error)?.message ?? String(error)}`);
      }
    }
  }
}
