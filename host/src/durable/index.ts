// The Durable Task extension of the local host (issue 3): runs orchestration, entity and activity triggers,
// supplies the durableClient binding and serves the durable client HTTP API, on an embedded SQLite store.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FunctionRegistry, HostExtension, HostSettings, InputBindingProvider, Invoker } from '../contracts.js';
import { SqliteStore } from '../store/sqlite/sqliteStore.js';
import { DurableHttpApi } from './client/httpApi.js';
import { installInProcessClient } from './client/inProcessClient.js';
import { TaskHub } from './hub.js';
import { API_BASE_PATH, clientInputData } from './protocol/clientInput.js';

export const DEFAULT_HUB_NAME = 'TestHubName';
/** Azure's default on dedicated plans (ext: AzureStorageDurabilityProviderFactory.cs:61,88); README */
export const DEFAULT_MAX_ENTITY_OPERATION_BATCH_SIZE = 5000;
/** DURABLE_STATUS_HOLD_MS: a status read of a running instance waits up to this long for it to finish (README "Status reads") */
export const DEFAULT_STATUS_HOLD_MS = 100;

export interface DurableConfig {
  hubName: string;
  maxEntityOperationBatchSize: number;
  synchronous: 'NORMAL' | 'FULL';
  statusHoldMs: number;
  /** how the app's DurableClient reaches the API: straight into the handler, or over loopback HTTP */
  clientTransport: 'in-process' | 'http';
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
export function durableConfig(section: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): DurableConfig {
  const { hubName, unresolved } = resolveHubName(section.hubName ?? DEFAULT_HUB_NAME, env);
  if (unresolved !== undefined) console.warn(`Warning: host.json hubName refers to the app setting ${unresolved}, which is not set: using the task hub ${DEFAULT_HUB_NAME} (on Azure, set ${unresolved})`);
  if (typeof hubName !== 'string' || !/^[A-Za-z][A-Za-z0-9]{2,49}$/.test(hubName))
    throw new Error(`host.json extensions.durableTask.hubName must be 3-50 letters/digits starting with a letter, got ${JSON.stringify(hubName)}`);
  const size = section.maxEntityOperationBatchSize ?? DEFAULT_MAX_ENTITY_OPERATION_BATCH_SIZE;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1)
    throw new Error(`host.json extensions.durableTask.maxEntityOperationBatchSize must be a positive integer, got ${JSON.stringify(size)}`);
  const sync = String(env.DURABLE_SQLITE_SYNCHRONOUS ?? 'NORMAL').toUpperCase();
  if (sync !== 'NORMAL' && sync !== 'FULL') throw new Error(`DURABLE_SQLITE_SYNCHRONOUS must be NORMAL or FULL, got ${sync}`);
  const hold = Number(env.DURABLE_STATUS_HOLD_MS ?? DEFAULT_STATUS_HOLD_MS);
  if (!Number.isFinite(hold) || hold < 0 || hold > 10_000) throw new Error(`DURABLE_STATUS_HOLD_MS must be 0-10000, got ${env.DURABLE_STATUS_HOLD_MS}`);
  const transport = String(env.DURABLE_CLIENT_TRANSPORT ?? 'in-process');
  if (transport !== 'in-process' && transport !== 'http') throw new Error(`DURABLE_CLIENT_TRANSPORT must be in-process or http, got ${transport}`);
  return { hubName, maxEntityOperationBatchSize: size, synchronous: sync, statusHoldMs: hold, clientTransport: transport };
}

export function createDurableExtension(settings: HostSettings): HostExtension {
  const config = durableConfig(settings.durableTask ?? {});
  let hub: TaskHub | undefined;
  let api: DurableHttpApi | undefined;
  let origin = `http://localhost:${settings.port}`;
  let clientJson: string | undefined;
  let uninstallClient = () => {};

  const clientBinding: InputBindingProvider = () => {
    if (!hub) throw new Error('the durable task hub has not started');
    return { string: (clientJson ??= JSON.stringify(clientInputData(config.hubName, origin, rpcBaseUrl(origin)))) };
  };

  return {
    name: 'durabletask',
    triggerTypes: ['orchestrationTrigger', 'entityTrigger', 'activityTrigger'],
    inputBindings: { durableClient: clientBinding, orchestrationClient: clientBinding },

    async handleHttp(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
      if (!api || !url.pathname.startsWith(API_BASE_PATH)) return false;
      return api.handle(req, res, url);
    },

    async start(ctx: { registry: FunctionRegistry; invoker: Invoker; settings: HostSettings; origin: string }): Promise<void> {
      origin = ctx.origin.replace(/\/$/, '');
      // getClient rewrites management URLs to localhost:7071 unless WEBSITE_HOSTNAME is set (spec §1.7)
      process.env.WEBSITE_HOSTNAME ??= new URL(origin).host;
      const store = new SqliteStore({ path: ctx.settings.dataPath, synchronous: config.synchronous });
      hub = new TaskHub({ store, registry: ctx.registry, invoker: ctx.invoker, maxEntityBatchSize: config.maxEntityOperationBatchSize });
      hub.start();
      const served = new DurableHttpApi({ hub, taskHubName: config.hubName, origin: () => origin, maxBodyBytes: ctx.settings.maxRequestBodyBytes, statusHoldMs: config.statusHoldMs });
      api = served;
      // the app's DurableClient calls rpcBaseUrl: serve it in-process unless told to use the network
      if (config.clientTransport === 'in-process') uninstallClient = installInProcessClient(ctx.settings.appDir, rpcBaseUrl(origin), (req) => served.dispatch(req));
    },

    async stop(): Promise<void> {
      uninstallClient();
      await hub?.stop();
    },
  };
}

/** The client calls the API on rpcBaseUrl; it must end with '/' (spec §3.1). Loopback by IP like the extension. */
export function rpcBaseUrl(origin: string): string {
  const u = new URL(origin);
  if (u.hostname === 'localhost') u.hostname = '127.0.0.1';
  return `${u.origin}${API_BASE_PATH}`;
}
