// Timer schedules in isolation: NCRONTAB (six fields, seconds first; or five), TimeSpan, %Setting%
// references, time zones and the useMonitor default (README "Timer trigger").
import { describe, expect, it } from 'vitest';
import { parseSchedule, resolveSettings, scheduleTimeZone, ScheduleError } from '../../src/timers/schedule.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const nextN = (expression: string, from: string, n: number, zone = 'UTC') => {
  const schedule = parseSchedule(expression, zone);
  const out: string[] = [];
  let t = at(from);
  for (let i = 0; i < n; i++) out.push(iso((t = schedule.next(t))));
  return out;
};

describe('NCRONTAB schedules', () => {
  it('reads six fields with seconds first', () => {
    expect(nextN('*/15 * * * * *', '2026-03-01T10:00:00.000Z', 3)).toEqual([
      '2026-03-01T10:00:15.000Z',
      '2026-03-01T10:00:30.000Z',
      '2026-03-01T10:00:45.000Z',
    ]);
    expect(nextN('0 30 9 * * 1-5', '2026-03-06T12:00:00.000Z', 2)).toEqual(['2026-03-09T09:30:00.000Z', '2026-03-10T09:30:00.000Z']);
    expect(nextN('0 0 */6 * * *', '2026-03-01T07:00:00.000Z', 2)).toEqual(['2026-03-01T12:00:00.000Z', '2026-03-01T18:00:00.000Z']);
  });

  it('gives the occurrence strictly after the base time', () => {
    expect(nextN('0 * * * * *', '2026-03-01T10:05:00.000Z', 1)).toEqual(['2026-03-01T10:06:00.000Z']);
    expect(nextN('0 * * * * *', '2026-03-01T10:04:59.999Z', 1)).toEqual(['2026-03-01T10:05:00.000Z']);
  });

  it('reads five fields as minutes first (no seconds), as NCRONTAB does', () => {
    expect(nextN('5 * * * *', '2026-03-01T10:00:00.000Z', 2)).toEqual(['2026-03-01T10:05:00.000Z', '2026-03-01T11:05:00.000Z']);
  });

  it('requires day of month AND day of week to match, and reads names', () => {
    // the 13th that is a Friday: 2026-02-13, then 2026-03-13
    expect(nextN('0 0 0 13 * FRI', '2026-01-01T00:00:00.000Z', 2)).toEqual(['2026-02-13T00:00:00.000Z', '2026-03-13T00:00:00.000Z']);
    expect(nextN('0 0 12 1 JAN,JUL *', '2026-02-01T00:00:00.000Z', 2)).toEqual(['2026-07-01T12:00:00.000Z', '2027-01-01T12:00:00.000Z']);
  });

  it('evaluates in the given time zone', () => {
    // 09:00 in Berlin is 08:00 UTC in winter, 07:00 UTC in summer
    expect(nextN('0 0 9 * * *', '2026-01-10T00:00:00.000Z', 1, 'Europe/Berlin')).toEqual(['2026-01-10T08:00:00.000Z']);
    expect(nextN('0 0 9 * * *', '2026-07-10T00:00:00.000Z', 1, 'Europe/Berlin')).toEqual(['2026-07-10T07:00:00.000Z']);
  });

  it('refuses what NCRONTAB refuses, saying why', () => {
    for (const bad of ['60 * * * * *', '0 0 0 L * *', '0 0 0 ? * *', '0 0 0 * * 1#2', '0 0 0 * * 7', '0 0 0 * * FOO', '* * * *', '0 0 0 1 1 * 2030', 'often']) {
      expect(() => parseSchedule(bad), bad).toThrow(ScheduleError);
    }
    expect(() => parseSchedule('0 0 0 * * 7')).toThrow(/0-6/);
    expect(() => parseSchedule('often')).toThrow(/not recognized as a valid cron expression/);
  });
});

describe('TimeSpan schedules', () => {
  it('reads hh:mm:ss, d.hh:mm:ss, hh:mm and days', () => {
    const from = at('2026-03-01T10:00:00.000Z');
    expect(parseSchedule('00:00:05').next(from) - from).toBe(5_000);
    expect(parseSchedule('01:30:00').next(from) - from).toBe(90 * 60_000);
    expect(parseSchedule('1.02:00:00').next(from) - from).toBe(26 * 3_600_000);
    expect(parseSchedule('00:10').next(from) - from).toBe(10 * 60_000);
    expect(parseSchedule('2').next(from) - from).toBe(2 * 86_400_000);
    expect(parseSchedule('00:00:00.5').next(from) - from).toBe(500);
  });

  it('refuses zero and malformed spans', () => {
    expect(() => parseSchedule('00:00:00')).toThrow(/longer than zero/);
    expect(() => parseSchedule('25:00:00')).toThrow(ScheduleError);
    expect(() => parseSchedule('00:61:00')).toThrow(ScheduleError);
  });
});

describe('the useMonitor default', () => {
  it('is off only for schedules that fire more often than once a minute', () => {
    expect(parseSchedule('*/10 * * * * *').monitorByDefault).toBe(false);
    expect(parseSchedule('* * * * * *').monitorByDefault).toBe(false);
    expect(parseSchedule('0 * * * * *').monitorByDefault).toBe(true);
    expect(parseSchedule('0 */5 * * * *').monitorByDefault).toBe(true);
    expect(parseSchedule('00:00:30').monitorByDefault).toBe(false);
    expect(parseSchedule('00:01:00').monitorByDefault).toBe(true);
  });
});

describe('%Setting% references', () => {
  it('are replaced by app settings; a missing one names the setting', () => {
    const env = { PURGE: '0 0 3 * * *', SEC: '30' };
    expect(resolveSettings('%PURGE%', env)).toBe('0 0 3 * * *');
    expect(resolveSettings('%SEC% * * * * *', env)).toBe('30 * * * * *');
    expect(() => resolveSettings('%MISSING%', env)).toThrow(/MISSING/);
  });
});

describe('the schedule time zone', () => {
  it('is WEBSITE_TIME_ZONE, else TZ, else UTC; IANA names only', () => {
    expect(scheduleTimeZone({})).toBe('UTC');
    expect(scheduleTimeZone({ TZ: 'Europe/Paris' })).toBe('Europe/Paris');
    expect(scheduleTimeZone({ TZ: 'Europe/Paris', WEBSITE_TIME_ZONE: 'America/New_York' })).toBe('America/New_York');
    expect(() => scheduleTimeZone({ WEBSITE_TIME_ZONE: 'Pacific Standard Time' })).toThrow(/IANA/);
  });
});
