// Schedule status of each monitored timer (webjobs-extensions: ScheduleMonitor, ScheduleStatus), kept beside
// the data file so a tick missed while the host was down is seen as past due at the next start.
// Azure keeps it in a blob per timer (azure-webjobs-hosts/timers/...); here one JSON file holds every timer's.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { TimerSchedule } from './schedule.js';

/** Times in epoch ms. `NEVER` (0001-01-01T00:00:00Z, .NET's default DateTime) means "not yet". */
export interface ScheduleStatus {
  last: number;
  next: number;
  lastUpdated: number;
}

export const NEVER = Date.parse('0001-01-01T00:00:00.000Z');

export interface ScheduleMonitor {
  get(timerName: string): ScheduleStatus | undefined;
  update(timerName: string, status: ScheduleStatus): void;
}

/** `--data :memory:`: statuses live as long as the process. */
export class MemoryScheduleMonitor implements ScheduleMonitor {
  readonly #statuses = new Map<string, ScheduleStatus>();
  get(timerName: string): ScheduleStatus | undefined {
    const status = this.#statuses.get(timerName.toLowerCase());
    return status && { ...status };
  }
  update(timerName: string, status: ScheduleStatus): void {
    this.#statuses.set(timerName.toLowerCase(), { ...status });
  }
}

interface StoredStatus {
  Last: string;
  Next: string;
  LastUpdated: string;
}

/** One JSON file `{ "<timer name>": { Last, Next, LastUpdated } }`, replaced atomically (write, fsync, rename). */
export class FileScheduleMonitor implements ScheduleMonitor {
  readonly #file: string;
  /** by lower-cased name (function names are case-insensitive); the file keeps the registered name */
  readonly #statuses = new Map<string, { name: string; stored: StoredStatus }>();

  constructor(file: string) {
    this.#file = file;
    if (!existsSync(file)) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`timer schedule status file ${file} is not valid JSON (delete it to start afresh): ${(error as Error).message}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error(`timer schedule status file ${file} must hold a JSON object (delete it to start afresh)`);
    }
    for (const [name, value] of Object.entries(parsed)) {
      if (toStatus(value)) this.#statuses.set(name.toLowerCase(), { name, stored: value as StoredStatus });
    }
  }

  get(timerName: string): ScheduleStatus | undefined {
    return toStatus(this.#statuses.get(timerName.toLowerCase())?.stored);
  }

  update(timerName: string, status: ScheduleStatus): void {
    const iso = (ms: number) => new Date(ms).toISOString();
    const stored = { Last: iso(status.last), Next: iso(status.next), LastUpdated: iso(status.lastUpdated) };
    this.#statuses.set(timerName.toLowerCase(), { name: timerName, stored });
    const content = Object.fromEntries([...this.#statuses.values()].map((entry) => [entry.name, entry.stored]));
    const temp = `${this.#file}.tmp`;
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, `${JSON.stringify(content, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.#file);
  }
}

function toStatus(value: unknown): ScheduleStatus | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { Last, Next, LastUpdated } = value as Record<string, unknown>;
  const times = [Last, Next, LastUpdated].map((text) => (typeof text === 'string' ? Date.parse(text) : NaN));
  if (times.some((time) => Number.isNaN(time))) return undefined;
  const [last, next, lastUpdated] = times as [number, number, number];
  return { last, next, lastUpdated };
}

/**
 * ScheduleMonitor.CheckPastDueAsync: records an initial status for a new timer; recomputes `next` when the
 * schedule changed since the status was written (a changed schedule is not past due); otherwise reports how
 * long ago the recorded next occurrence passed (0: not past due).
 */
export function checkPastDue(
  monitor: ScheduleMonitor,
  timerName: string,
  now: number,
  schedule: TimerSchedule,
  recorded: ScheduleStatus | undefined,
): { status: ScheduleStatus | undefined; pastDueMs: number } {
  let status = recorded;
  let recordedNext: number;
  if (!status) {
    status = { last: NEVER, next: schedule.next(now), lastUpdated: now };
    monitor.update(timerName, status);
    recordedNext = status.next;
  } else {
    let basis: number;
    if (status.last !== NEVER) basis = status.last;
    else if (status.lastUpdated !== NEVER) basis = status.lastUpdated;
    else basis = now;
    let expectedNext = schedule.next(basis);
    if (status.next !== expectedNext) {
      // the schedule changed: a next occurrence in the past is recomputed from now, not treated as missed
      if (now > expectedNext) {
        expectedNext = schedule.next(now);
        basis = now;
      }
      status = { last: NEVER, next: expectedNext, lastUpdated: basis };
      monitor.update(timerName, status);
    }
    recordedNext = status.next;
  }
  return { status, pastDueMs: now > recordedNext ? now - recordedNext : 0 };
}
