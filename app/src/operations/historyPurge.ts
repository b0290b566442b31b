// What the daily history purge deletes (app/README.md, "Operations"): the history of orchestrations that
// finished (Completed, Failed or Terminated) and were created more than the retention ago. Pure: no Azure
// import; functions/StoreHistoryPurgeTimer.ts hands the filter to the durable client.
//
// Entities are never hit. Locally they are not instances at all (the host keeps them in their own table).
// On Azure Storage and MSSQL an entity is an eternal orchestration with the instance id `@name@key` whose
// runtime status stays Running while it exists, and every entity of this app keeps a state from its first
// operation (entities/operation.ts), so a filter of finished statuses only never selects one.
import { fail, ok, type Result } from '../domain/result';

/** Runtime statuses of an orchestration that has finished for good (ContinuedAsNew, Running, Pending and Suspended have not). */
export const PURGED_STATUSES = ['Completed', 'Failed', 'Terminated'] as const;

export const DEFAULT_RETENTION_DAYS = 30;
export const MAX_RETENTION_DAYS = 3650;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PurgeFilter {
  /** from the start of time: some backends refuse a purge without it */
  createdTimeFrom: Date;
  /** created strictly before this instant */
  createdTimeTo: Date;
  runtimeStatus: (typeof PURGED_STATUSES)[number][];
}

/**
 * The retention in days from its app setting: unset or empty → DEFAULT_RETENTION_DAYS; otherwise whole
 * days from 1 to MAX_RETENTION_DAYS, digits only. Anything else is refused, so a typo never purges early.
 */
export function parseRetentionDays(setting: string | undefined): Result<number> {
  const text = setting?.trim() ?? '';
  if (text === '') return ok(DEFAULT_RETENTION_DAYS);
  const days = /^[0-9]{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(days >= 1 && days <= MAX_RETENTION_DAYS)) {
    return fail('ValidationFailed', `STORE_HISTORY_RETENTION_DAYS must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}, got '${setting}'.`);
  }
  return ok(days);
}

export function purgeFilter(now: Date, retentionDays: number): PurgeFilter {
  return { createdTimeFrom: new Date(0), createdTimeTo: new Date(now.getTime() - retentionDays * DAY_MS), runtimeStatus: [...PURGED_STATUSES] };
}
