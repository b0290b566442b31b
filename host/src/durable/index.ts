// The Durable Task extension of the local host (README "Durable task hub"): runs orchestration, entity and activity triggers,
// supplies the durableClient binding and serves the durable client HTTP API, on an embedded SQLite store.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExtensionStartContext, HostExtension, HostSettings, InputBindingProvider, WebhookAuth } from '../contracts.js';
import { sendError, sendJson } from '../http/errors.js';
import { SqliteStore } from '../store/sqlite/sqliteStore.js';
import { DurableHttpApi } from './client/httpApi.js';
import { installInProcessClient } from './client/inProcessClient.js';
import { DEFAULT_ENTITY_CACHE_SIZE, TaskHub } from './hub.js';
import { createProfile, DEFAULT_MAX_QUEUE_POLLING_INTERVAL_MS, DEFAULT_PARTITION_COUNT, ENGINE_PROFILES, type EngineProfile, type EngineProfileName, parseTimeSpan } from './profiles/profile.js';
import { startRpcListener, type RpcListener } from './client/rpcListener.js';
import { API_BASE_PATH, clientInputData } from './protocol/clientInput.js';

export const DEFAULT_HUB_NAME = 'TestHubName';
/** DURABLE_STATUS_HOLD_MS: a status read of a running instance waits up to this long for it to finish (README "Status reads") */
export const DEFAULT_STATUS_HOLD_MS = 100;

export interface DurableConfig {
  hubName: string;
  maxEntityOperationBatchSize: number;
  synchronous: 'NORMAL' | 'FULL';
  statusHoldMs: number;
  /** DURABLE_ENTITY_CACHE_SIZE: idle entities kept in memory (README "Entity cache") */
  entityCacheSize: number;
  /** how the app's DurableClient reaches the API: straight into the handler, or over loopback HTTP */
  clientTransport: 'in-process' | 'http';
  /** latencies, consistency and limits of an Azure backend (README "Engine profiles") */
  profile: EngineProfile;
}

/**
 * hubName may name an app setting, e.g. "%TaskHubName%", as the extension resolves it (INameResolver
 * TryResolveWholeString). Unset, the local host uses DEFAULT_HUB_NAME and says so (README, "host.json"); on
 * Azure the name would keep its % signs, which no backend accepts, so set the setting there.
 */
export function resolveHubName(hubName: unknown, env: NodeJS.ProcessEnv): { hubName: unknown; unresolved?: string } {
  if (typeof hubName !== 'string' || !/%[^%]+%/.test(hubName)) return { hubName };
  let unresolved: string | undefined;
  const resolved = hubName.replace(/%([^%]+)%/g, (_, name: string) => {
    const value = env[name];
    if (value === undefined || value === '') unresolved ??= name;
    return value ?? '';
  });
  return unresolved === undefined ? { hubName: resolved } : { hubName: DEFAULT_HUB_NAME, unresolved };
}

/** Read extensions.durableTask of host.json (validated: a bad value is a start-up error naming it). */
export function durableConfig(section: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env, profileName?: string): DurableConfig {
  const name = profileName ?? env.DURABLE_ENGINE_PROFILE ?? 'local';
  if (!(ENGINE_PROFILES as readonly string[]).includes(name)) throw new Error(`the engine profile must be one of ${ENGINE_PROFILES.join(', ')}, got ${JSON.stringify(name)}`);
  const provider = (section.storageProvider ?? {}) as Record<string, unknown>;
  if (typeof provider !== 'object' || provider === null || Array.isArray(provider)) throw new Error('host.json extensions.durableTask.storageProvider must be an object');
  let pollMs = DEFAULT_MAX_QUEUE_POLLING_INTERVAL_MS;
  if (provider.maxQueuePollingInterval !== undefined) {
    const parsed = typeof provider.maxQueuePollingInterval === 'string' ? parseTimeSpan(provider.maxQueuePollingInterval) : undefined;
    if (parsed === undefined || parsed < 1) throw new Error(`host.json extensions.durableTask.storageProvider.maxQueuePollingInterval must be a TimeSpan like "00:00:30", got ${JSON.stringify(provider.maxQueuePollingInterval)}`);
    pollMs = parsed;
  }
  const partitions = provider.partitionCount ?? DEFAULT_PARTITION_COUNT;
  if (typeof partitions !== 'number' || !Number.isInteger(partitions) || partitions < 1 || partitions > 16)
    throw new Error(`host.json extensions.durableTask.storageProvider.partitionCount must be 1-16, got ${JSON.stringify(partitions)}`);
  const profile = createProfile(name as EngineProfileName, { maxQueuePollingIntervalMs: pollMs, partitionCount: partitions });
  const { hubName, unresolved } = resolveHubName(section.hubName ?? DEFAULT_HUB_NAME, env);
  if (unresolved !== undefined) console.warn(`Warning: host.json hubName refers to the app setting ${unresolved}, which is not set: using the task hub ${DEFAULT_HUB_NAME} (on Azure, set ${unresolved})`);
  if (typeof hubName !== 'string' || !/^[A-Za-z][A-Za-z0-9]{2,49}$/.test(hubName))
    throw new Error(`host.json extensions.durableTask.hubName must be 3-50 letters/digits starting with a letter, got ${JSON.stringify(hubName)}`);
  // Azure's default: 5000, 50 on Consumption plans (ext: AzureStorageDurabilityProviderFactory.cs:61,88); per profile
  const size = section.maxEntityOperationBatchSize ?? profile.defaultMaxEntityOperationBatchSize;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1)
    throw new Error(`host.json extensions.durableTask.maxEntityOperationBatchSize must be a positive integer, got ${JSON.stringify(size)}`);
  const sync = String(env.DURABLE_SQLITE_SYNCHRONOUS ?? 'NORMAL').toUpperCase();
  if (sync !== 'NORMAL' && sync !== 'FULL') throw new Error(`DURABLE_SQLITE_SYNCHRONOUS must be NORMAL or FULL, got ${sync}`);
  const hold = profile.statusHoldMs ?? Number(env.DURABLE_STATUS_HOLD_MS ?? DEFAULT_STATUS_HOLD_MS);
  if (!Number.isFinite(hold) || hold < 0 || hold > 10_000) throw new Error(`DURABLE_STATUS_HOLD_MS must be 0-10000, got ${env.DURABLE_STATUS_HOLD_MS}`);
  const transport = String(env.DURABLE_CLIENT_TRANSPORT ?? 'in-process');
  if (transport !== 'in-process' && transport !== 'http') throw new Error(`DURABLE_CLIENT_TRANSPORT must be in-process or http, got ${transport}`);
  const cacheText = (env.DURABLE_ENTITY_CACHE_SIZE ?? '').trim() || String(DEFAULT_ENTITY_CACHE_SIZE);
  const entityCacheSize = /^[0-9]{1,9}$/.test(cacheText) ? Number(cacheText) : NaN;
  if (!(entityCacheSize >= 1)) throw new Error(`DURABLE_ENTITY_CACHE_SIZE must be a whole number from 1 to 999999999, got ${env.DURABLE_ENTITY_CACHE_SIZE}`);
  return { hubName, maxEntityOperationBatchSize: size, synchronous: sync, statusHoldMs: hold, clientTransport: transport, profile, entityCacheSize };
}

export function createDurableExtension(settings: HostSettings): HostExtension {
  const config = durableConfig(settings.durableTask ?? {}, process.env, settings.engineProfile);
  let hub: TaskHub | undefined;
  let api: DurableHttpApi | undefined;
  let origin = `http://localhost:${settings.port}`;
  let clientJson: string | undefined;
  let uninstallClient = () => {};
  let webhookAuth: WebhookAuth | undefined;
  let rpcListener: RpcListener | undefined;
  let rpcBase = '';

  const clientBinding: InputBindingProvider = () => {
    if (!hub) throw new Error('the durable task hub has not started');
    return { string: (clientJson ??= JSON.stringify(clientInputData(config.hubName, origin, rpcBase, webhookAuth?.systemKey))) };
  };

  return {
    name: 'durabletask',
    triggerTypes: ['orchestrationTrigger', 'entityTrigger', 'activityTrigger'],
    inputBindings: { durableClient: clientBinding, orchestrationClient: clientBinding },

    async handleHttp(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
      if (url.pathname === COUNTERS_PATH) {
        if (webhookAuth && !webhookAuth.authorizeAdmin(req, url, res)) return true;
        req.resume();
        sendCounters(req, res, hub);
        return true;
      }
      if (!api || !url.pathname.startsWith(API_BASE_PATH)) return false;
      // --enable-auth: the public webhooks need the system key (or the master key), as on Azure
      if (webhookAuth && !webhookAuth.authorize(req, url, res)) return true;
      return api.handle(req, res, url);
    },

    async start(ctx: ExtensionStartContext): Promise<void> {
      origin = ctx.origin.replace(/\/$/, '');
      webhookAuth = ctx.webhookAuth;
      // getClient rewrites management URLs to localhost:7071 unless WEBSITE_HOSTNAME is set (spec §1.7)
      process.env.WEBSITE_HOSTNAME ??= new URL(origin).host;
      const store = new SqliteStore({ path: ctx.settings.dataPath, synchronous: config.synchronous });
      hub = new TaskHub({ store, registry: ctx.registry, invoker: ctx.invoker, maxEntityBatchSize: config.maxEntityOperationBatchSize, profile: config.profile, entityCacheSize: config.entityCacheSize });
      if (config.profile.name !== 'local') console.log(`Durable engine profile: ${config.profile.name} (maxEntityOperationBatchSize ${config.maxEntityOperationBatchSize})`);
      hub.start();
      const served = new DurableHttpApi({
        hub,
        taskHubName: config.hubName,
        origin: () => origin,
        maxBodyBytes: ctx.settings.maxRequestBodyBytes,
        statusHoldMs: config.statusHoldMs,
        ...(webhookAuth ? { systemKey: webhookAuth.systemKey } : {}),
      });
      api = served;
      // With keys enforced the public webhooks need the system key, which the DurableClient never sends on
      // rpcBaseUrl: like Azure's local RPC listener (ext: LocalHttpListener.cs), a second loopback listener
      // serves the API without a key. Without --enable-auth rpcBaseUrl is the public path.
      if (webhookAuth) {
        rpcListener = await startRpcListener((req, res, url) => served.handle(req, res, url));
        rpcBase = rpcBaseUrl(rpcListener.origin);
      } else {
        rpcBase = rpcBaseUrl(origin);
      }
      // the app's DurableClient calls rpcBaseUrl: serve it in-process unless told to use the network
      if (config.clientTransport === 'in-process') uninstallClient = installInProcessClient(ctx.settings.appDir, rpcBase, (req) => served.dispatch(req));
    },

    async stop(): Promise<void> {
      uninstallClient();
      await rpcListener?.close();
      await hub?.stop();
    },
  };
}

/** What the task hub did since start (README "Cost per request"): GET, master key with --enable-auth. */
export const COUNTERS_PATH = '/admin/host/durable/counters';

function sendCounters(req: IncomingMessage, res: ServerResponse, hub: TaskHub | undefined): void {
  if (req.method !== 'GET') {
    res.setHeader('allow', 'GET');
    return sendError(res, 405, `${req.method} is not allowed on ${COUNTERS_PATH}: use GET`);
  }
  if (!hub) return sendError(res, 503, 'The durable task hub has not started.');
  sendJson(res, 200, hub.counters.snapshot(), { 'cache-control': 'no-store' });
}

/** The client calls the API on rpcBaseUrl; it must end with '/' (spec §3.1). Loopback by IP like the extension. */
export function rpcBaseUrl(origin: string): string {
  const u = new URL(origin);
  if (u.hostname === 'localhost') u.hostname = '127.0.0.1';
  return `${u.origin}${API_BASE_PATH}`;
}
