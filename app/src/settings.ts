// App settings (local.settings.json Values locally, Application settings on Azure). Read on use, not at
// import, so tests and hosts can set them before the first request. Every setting the app reads is here.

const flag = (raw: string | undefined): boolean | undefined => {
  const value = raw?.trim().toLowerCase();
  return value === 'true' ? true : value === 'false' ? false : undefined;
};

/** "true": a store with no inventory state yet starts with the sample catalog (domain/sampleCatalog.ts). */
export const seedSampleCatalog = () => flag(process.env.STORE_SEED_SAMPLE_CATALOG) === true;

/**
 * How customer routes treat identity (README "Security"):
 * - `open`: no principal needed (locally, or STORE_REQUIRE_AUTH=false set explicitly);
 * - `required`: App Service Authentication is on (WEBSITE_AUTH_ENABLED=true, set by the platform, and by the
 *   local host's --enable-auth), so its x-ms-client-principal header can be believed;
 * - `misconfigured`: a principal is required but authentication is off, so any such header came from the
 *   client: the routes answer 503 AuthNotConfigured rather than trust it or open up.
 * A principal is required when STORE_REQUIRE_AUTH=true, and on Azure (WEBSITE_SITE_NAME set) unless
 * STORE_REQUIRE_AUTH=false. Any other value of STORE_REQUIRE_AUTH counts as "true" (fail closed).
 */
export type AuthMode = 'open' | 'required' | 'misconfigured';

export function authMode(env: NodeJS.ProcessEnv = process.env): AuthMode {
  const raw = env.STORE_REQUIRE_AUTH?.trim().toLowerCase();
  const onAzure = Boolean(env.WEBSITE_SITE_NAME?.trim());
  const required = raw === undefined || raw === '' ? onAzure : raw !== 'false';
  if (!required) return 'open';
  return env.WEBSITE_AUTH_ENABLED?.trim().toLowerCase() === 'true' ? 'required' : 'misconfigured';
}

/** Why authMode is `misconfigured`, for the 503 and the start-up log. */
export const AUTH_NOT_CONFIGURED =
  'Customer routes require a signed-in user (STORE_REQUIRE_AUTH=true, or running on Azure without STORE_REQUIRE_AUTH=false), ' +
  'but App Service Authentication is not enabled (WEBSITE_AUTH_ENABLED is not "true"), so no x-ms-client-principal header can be trusted. ' +
  'Turn on App Service Authentication, or set STORE_REQUIRE_AUTH=false for an open demo.';

/**
 * STORE_WRITE_DEADLINE_MS: how long a write waits for its outcome before answering 202 (README "Writes").
 * 20 s by default: on Azure Storage a checkout is about ten queue hops, each of which may wait up to
 * host.json's maxQueuePollingInterval (1 s) when it crosses instances, and a `durable` trigger group
 * scaled to zero needs seconds to start; still far below the 230 s an HTTP request may take on Azure.
 */
export const DEFAULT_WRITE_DEADLINE_MS = 20_000;
export const MIN_WRITE_DEADLINE_MS = 1;
export const MAX_WRITE_DEADLINE_MS = 120_000;

/** The deadline STORE_WRITE_DEADLINE_MS asks for, or the default and why the value was refused. */
export function parseWriteDeadline(raw: string | undefined): { value: number; problem?: string } {
  const text = raw?.trim();
  if (text === undefined || text === '') return { value: DEFAULT_WRITE_DEADLINE_MS };
  const value = /^[0-9]{1,9}$/.test(text) ? Number(text) : NaN;
  if (value >= MIN_WRITE_DEADLINE_MS && value <= MAX_WRITE_DEADLINE_MS) return { value };
  return {
    value: DEFAULT_WRITE_DEADLINE_MS,
    problem: `STORE_WRITE_DEADLINE_MS=${JSON.stringify(text.slice(0, 40))} is not an integer from ${MIN_WRITE_DEADLINE_MS} to ${MAX_WRITE_DEADLINE_MS} (milliseconds); using ${DEFAULT_WRITE_DEADLINE_MS}.`,
  };
}

/** The write deadline in force (a refused value is reported at load: startupWarnings). */
export const writeDeadlineMs = (env: NodeJS.ProcessEnv = process.env): number => parseWriteDeadline(env.STORE_WRITE_DEADLINE_MS).value;

/** What the app logs once when it is loaded: settings that make routes refuse work or were ignored. */
export function startupWarnings(env: NodeJS.ProcessEnv = process.env): string[] {
  const warnings: string[] = [];
  if (authMode(env) === 'misconfigured') warnings.push(`Customer routes answer 503 AuthNotConfigured: ${AUTH_NOT_CONFIGURED}`);
  const deadline = parseWriteDeadline(env.STORE_WRITE_DEADLINE_MS);
  if (deadline.problem) warnings.push(deadline.problem);
  return warnings;
}

/** The purge timer's default schedule (NCRONTAB with seconds): daily at 02:30 UTC. */
export const DEFAULT_HISTORY_PURGE_SCHEDULE = '0 30 2 * * *';

/**
 * The history purge timer's schedule: a reference to STORE_HISTORY_PURGE_SCHEDULE when that setting is set
 * (the Functions host resolves it and refuses an invalid expression), else the default. Read when the app
 * is indexed: a changed setting applies after a restart, as app settings do on Azure.
 */
export const historyPurgeSchedule = () =>
  process.env.STORE_HISTORY_PURGE_SCHEDULE?.trim() ? '%STORE_HISTORY_PURGE_SCHEDULE%' : DEFAULT_HISTORY_PURGE_SCHEDULE;
