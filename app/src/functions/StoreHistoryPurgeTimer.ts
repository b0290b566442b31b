// Timer: purges the history of finished orchestrations older than STORE_HISTORY_RETENTION_DAYS (default
// 30) on the schedule STORE_HISTORY_PURGE_SCHEDULE (NCRONTAB, default daily at 02:30 UTC). Never touches
// entities (operations/historyPurge.ts says why). A retention setting that is not valid purges nothing.
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { parseRetentionDays, purgeFilter } from '../operations/historyPurge';
import { historyPurgeSchedule } from '../settings';
import { durableClient } from './http/durable';

app.timer('StoreHistoryPurgeTimer', {
  schedule: historyPurgeSchedule(),
  extraInputs: [df.input.durableClient()],
  handler: async (_timer, context) => {
    const days = parseRetentionDays(process.env.STORE_HISTORY_RETENTION_DAYS);
    if (!days.ok) {
      context.error(`History purge skipped: ${days.error.message}`);
      return;
    }
    const filter = purgeFilter(new Date(), days.value);
    const result = await durableClient(context).purgeInstanceHistoryBy({ ...filter, runtimeStatus: filter.runtimeStatus.map((s) => df.OrchestrationRuntimeStatus[s]) });
    context.log(`History purge: ${result.instancesDeleted} finished orchestration(s) created before ${filter.createdTimeTo.toISOString()} (${days.value} days) deleted.`);
  },
});
