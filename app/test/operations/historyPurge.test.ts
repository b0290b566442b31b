import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION_DAYS, parseRetentionDays, purgeFilter, PURGED_STATUSES } from '../../src/operations/historyPurge';
import { DEFAULT_HISTORY_PURGE_SCHEDULE, historyPurgeSchedule } from '../../src/settings';

describe('history purge', () => {
  it('purges only finished orchestrations created before the retention', () => {
    const now = new Date('2026-12-05T02:30:00.000Z');
    expect(purgeFilter(now, 30)).toEqual({
      createdTimeFrom: new Date(0),
      createdTimeTo: new Date('2026-11-05T02:30:00.000Z'),
      runtimeStatus: ['Completed', 'Failed', 'Terminated'],
    });
    // never a status an entity (an eternal orchestration: Running) or unfinished work can have
    for (const status of ['Running', 'Pending', 'ContinuedAsNew', 'Suspended']) expect(PURGED_STATUSES).not.toContain(status);
    expect(purgeFilter(now, 1).createdTimeTo.toISOString()).toBe('2026-12-04T02:30:00.000Z');
  });

  it('reads the retention from its setting: default 30, whole days 1-3650, anything else refused', () => {
    expect(parseRetentionDays(undefined)).toEqual({ ok: true, value: DEFAULT_RETENTION_DAYS });
    expect(parseRetentionDays('  ')).toEqual({ ok: true, value: 30 });
    expect(parseRetentionDays('7')).toEqual({ ok: true, value: 7 });
    expect(parseRetentionDays(' 3650 ')).toEqual({ ok: true, value: 3650 });
    for (const bad of ['0', '-5', '1.5', '3651', 'thirty', '1e3', '0x10', '30d', '99999']) {
      expect(parseRetentionDays(bad), bad).toMatchObject({ ok: false, error: { code: 'ValidationFailed', message: expect.stringContaining('STORE_HISTORY_RETENTION_DAYS') } });
    }
  });

  it('runs on the schedule setting when it is set, daily otherwise', () => {
    const saved = process.env.STORE_HISTORY_PURGE_SCHEDULE;
    try {
      delete process.env.STORE_HISTORY_PURGE_SCHEDULE;
      expect(historyPurgeSchedule()).toBe(DEFAULT_HISTORY_PURGE_SCHEDULE);
      process.env.STORE_HISTORY_PURGE_SCHEDULE = '0 0 */6 * * *';
      expect(historyPurgeSchedule()).toBe('%STORE_HISTORY_PURGE_SCHEDULE%');
    } finally {
      if (saved === undefined) delete process.env.STORE_HISTORY_PURGE_SCHEDULE;
      else process.env.STORE_HISTORY_PURGE_SCHEDULE = saved;
    }
  });
});
