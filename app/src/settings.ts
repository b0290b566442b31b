// App settings (local.settings.json Values locally, Application settings on Azure). Read on use, not at
// import, so tests and hosts can set them before the first request.

/** "true": a store with no inventory state yet starts with the sample catalog (domain/sampleCatalog.ts). */
export const seedSampleCatalog = () => process.env.STORE_SEED_SAMPLE_CATALOG?.trim().toLowerCase() === 'true';

/** "true": customer routes require an App Service Authentication principal (auth/principal.ts). */
export const requireAuth = () => process.env.STORE_REQUIRE_AUTH?.trim().toLowerCase() === 'true';

/** The purge timer's default schedule (NCRONTAB with seconds): daily at 02:30 UTC. */
export const DEFAULT_HISTORY_PURGE_SCHEDULE = '0 30 2 * * *';

/**
 * The history purge timer's schedule: a reference to STORE_HISTORY_PURGE_SCHEDULE when that setting is set
 * (the Functions host resolves it and refuses an invalid expression), else the default. Read when the app
 * is indexed: a changed setting applies after a restart, as app settings do on Azure.
 */
export const historyPurgeSchedule = () =>
  process.env.STORE_HISTORY_PURGE_SCHEDULE?.trim() ? '%STORE_HISTORY_PURGE_SCHEDULE%' : DEFAULT_HISTORY_PURGE_SCHEDULE;
