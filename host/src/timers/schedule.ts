// Timer schedules as the Functions host reads them (webjobs-extensions: TimerSchedule.Create, CronSchedule,
// ConstantSchedule): `%Setting%` references resolved from app settings, then an NCRONTAB expression
// (six fields with seconds first, or five without), else a TimeSpan ("hh:mm:ss", "d.hh:mm:ss", ...).
// Next occurrences come from croner; this file keeps croner to NCRONTAB's syntax and semantics.
import { Cron } from 'croner';

export interface TimerSchedule {
  /** the expression after `%Setting%` resolution */
  readonly expression: string;
  /** e.g. "Cron: '0 30 9 * * 1-5'" or "TimeSpan: '00:10:00'" */
  readonly description: string;
  /** the first occurrence strictly after `after` (epoch ms) */
  next(after: number): number;
  /**
   * The host's useMonitor default: schedule status is persisted unless the schedule fires more often than
   * once a minute (TimerSchedule.ShouldDisableScheduleMonitor; a TimeSpan under one minute).
   */
  readonly monitorByDefault: boolean;
}

/** A schedule the host cannot use: the message says why. */
export class ScheduleError extends Error {
  override name = 'ScheduleError';
}

/** INameResolver.ResolveWholeString: every `%Name%` is replaced by that app setting; a missing one is an error. */
export function resolveSettings(expression: string, env: NodeJS.ProcessEnv): string {
  return expression.replace(/%([^%]+)%/g, (_, name: string) => {
    const value = env[name];
    if (value === undefined) throw new ScheduleError(`'%${name}%' does not resolve to a value (set the app setting ${name})`);
    return value;
  });
}

/**
 * The time zone NCRONTAB schedules are evaluated in: WEBSITE_TIME_ZONE, else TZ, else UTC (Azure's default).
 * IANA names only (e.g. "Europe/Berlin"); Windows names such as "W. Europe Standard Time" are refused.
 */
export function scheduleTimeZone(env: NodeJS.ProcessEnv): string {
  const isIana = (zone: string) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  };
  const website = env.WEBSITE_TIME_ZONE?.trim();
  if (website) {
    if (!isIana(website)) throw new ScheduleError(`WEBSITE_TIME_ZONE "${website}" is not an IANA time zone name (e.g. "Europe/Berlin")`);
    return website;
  }
  const tz = env.TZ?.trim().replace(/^:/, '');
  return tz && isIana(tz) ? tz : 'UTC';
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Refuses what croner accepts but NCRONTAB does not (L, W, #, ?, +, day of week 7, a year field). */
function checkNcrontabSyntax(fields: string[]): void {
  const names = ['second', 'minute', 'hour', 'day', 'month', 'day of week'].slice(6 - fields.length);
  fields.forEach((field, i) => {
    const name = names[i]!;
    if (!/^[0-9A-Za-z*,/-]+$/.test(field)) throw new ScheduleError(`${name} field "${field}" has characters NCRONTAB does not allow`);
    const allowedNames = name === 'month' ? MONTHS : name === 'day of week' ? DAYS : [];
    for (const word of field.match(/[A-Za-z]+/g) ?? []) {
      if (!allowedNames.includes(word.toUpperCase())) throw new ScheduleError(`${name} field "${field}": "${word}" is not valid here`);
    }
    // the part before a "/" is the range; after it comes the step, which may exceed 6
    const ranges = field.split(',').map((part) => part.split('/')[0]!);
    if (name === 'day of week' && ranges.some((range) => (range.match(/\d+/g) ?? []).some((n) => Number(n) > 6))) {
      throw new ScheduleError(`day of week field "${field}": days are 0-6 (Sunday = 0)`);
    }
  });
}

function cronSchedule(expression: string, timeZone: string): TimerSchedule {
  const fields = expression.trim().split(/\s+/);
  checkNcrontabSyntax(fields);
  let cron: Cron;
  try {
    // NCRONTAB requires both day of month and day of week to match (croner's default is either).
    cron = new Cron(fields.join(' '), { mode: '5-or-6-parts', domAndDow: true, sloppyRanges: true, timezone: timeZone });
  } catch (error) {
    throw new ScheduleError((error as Error).message.replace(/^CronPattern: /, ''));
  }
  const next = (after: number) => {
    const date = cron.nextRun(new Date(after));
    if (!date) throw new ScheduleError(`the schedule '${expression}' has no next occurrence`);
    return date.getTime();
  };
  if (cron.nextRun() === null) throw new ScheduleError(`the schedule '${expression}' never occurs`);
  // ShouldDisableScheduleMonitor: only "X * * * * *" can fire more than once a minute; it does if two
  // occurrences fall within the next minute.
  let monitorByDefault = true;
  if (fields.slice(1).every((field) => field === '*')) {
    const now = Date.now();
    monitorByDefault = !(next(next(now)) <= now + 60_000);
  }
  return { expression, description: `Cron: '${expression}'`, next, monitorByDefault };
}

/** .NET TimeSpan.TryParse forms: "d", "hh:mm", "hh:mm:ss", "d.hh:mm[:ss]", each with optional ".fffffff" seconds. */
const TIMESPAN = /^(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/;

function timeSpanMs(expression: string): number | undefined {
  const text = expression.trim();
  if (/^\d+$/.test(text)) return Number(text) * 86_400_000;
  const match = TIMESPAN.exec(text);
  if (!match) return undefined;
  const [, days = '0', hours, minutes, seconds = '0', fraction = ''] = match;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return undefined;
  return (
    ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 +
    Number(seconds) * 1000 +
    Math.round(Number(`0.${fraction || '0'}`) * 1000)
  );
}

/** Parses a resolved schedule expression: NCRONTAB first, then TimeSpan, as the host does. */
export function parseSchedule(expression: string, timeZone = 'UTC'): TimerSchedule {
  const text = expression.trim();
  if (text === '') throw new ScheduleError('the schedule is empty');
  const fieldCount = text.split(/\s+/).length;
  if (fieldCount === 5 || fieldCount === 6) return cronSchedule(text, timeZone);
  const period = timeSpanMs(text);
  if (period === undefined) {
    throw new ScheduleError(
      `the schedule expression '${text}' was not recognized as a valid cron expression (six fields: ` +
        `{second} {minute} {hour} {day} {month} {day-of-week}) or timespan string (hh:mm:ss)`,
    );
  }
  if (period <= 0) throw new ScheduleError(`the timespan schedule '${text}' must be longer than zero`);
  return { expression: text, description: `TimeSpan: '${text}'`, next: (after) => after + period, monitorByDefault: period >= 60_000 };
}
