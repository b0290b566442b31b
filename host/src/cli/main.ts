#!/usr/bin/env node
// Composition root of the local Functions host. The Node version check comes first (an older Node stops
// with one line, README "Running it"); then the core module, which must precede anything that can load
// @azure/functions (the app, or an extension) (spec §1.1).
import './checkNode.js';
import '../loader/coreModule.js';
import './warnings.js';

import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppLoadError, type HostExtension, type HostSettings } from '../contracts.js';
import { createDurableExtension } from '../durable/index.js';
import { createTimerExtension, scheduleStatusFile } from '../timers/index.js';
import { AuthGate, KEY_VARIABLES, loadKeys } from '../http/auth.js';
import { HostRoutes } from '../http/hostRoutes.js';
import { resolveBodyLimit } from '../http/readBody.js';
import { RouteTable } from '../http/routeTable.js';
import { HostHttpServer } from '../http/server.js';
import { StaticFiles } from '../http/staticFiles.js';
import { StreamProxy } from '../http/streamProxy.js';
import { FunctionInvoker } from '../invoke/invoker.js';
import { createLogger, type HostLogger } from '../invoke/log.js';
import { applyLocalSettings, readAppConfig } from '../loader/appConfig.js';
import { disabledFunctions } from '../loader/disabled.js';
import { runAppStartHooks, runAppTerminateHooks } from '../loader/hooks.js';
import { checkCapabilities, loadApp } from '../loader/loadApp.js';
import { Registry } from '../loader/registry.js';
import { functionListing } from './banner.js';
import { startupSummary } from './summary.js';
import { timestampLines, writeUnstamped } from './timestamps.js';
import { DEFAULT_MAX_REQUEST_BODY_BYTES, parseCli, USAGE, UsageError, type CliOptions } from './args.js';

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException)?.code;
  const text = code === 'EADDRINUSE' ? `the port is already in use (${message})` : message;
  writeUnstamped(process.stderr, `Error: ${oneLine(text)}\n`);
  process.exit(1);
}

async function start(options: CliOptions): Promise<void> {
  timestampLines(process.stdout);
  timestampLines(process.stderr);
  const logger = createLogger(options.verbose);
  const config = readAppConfig(options.appDir);
  applyLocalSettings(config.values);
  // App Service sets this when its authentication module is on (and only then strips and sets the
  // x-ms-client-principal headers); so does --enable-auth, which emulates that module.
  if (options.enableAuth) process.env.WEBSITE_AUTH_ENABLED = 'true';
  if (options.dataPath !== ':memory:') mkdirSync(path.dirname(options.dataPath), { recursive: true });
  let maxRequestBodyBytes: number;
  try {
    maxRequestBodyBytes = resolveBodyLimit(options.maxRequestBodyBytes, process.env, DEFAULT_MAX_REQUEST_BODY_BYTES);
  } catch (error) {
    throw new AppLoadError((error as Error).message);
  }

  const settings: HostSettings = {
    appDir: config.appDir,
    port: options.port,
    dataPath: options.dataPath,
    routePrefix: config.routePrefix,
    durableTask: config.durableTask,
    maxRequestBodyBytes,
    enableAuth: options.enableAuth,
    ...(options.engineProfile !== undefined ? { engineProfile: options.engineProfile } : {}),
  };
  // timers start after the durable hub: a timer function may use the durable client
  const timers = createTimerExtension(settings, { log: (message) => logger.info(message) });
  const extensions: HostExtension[] = [createDurableExtension(settings), timers];

  const loaded = await loadApp(config, {
    triggerTypes: ['httpTrigger', ...extensions.flatMap((e) => e.triggerTypes)],
    inputTypes: extensions.flatMap((e) => Object.keys(e.inputBindings)),
    outputTypes: ['http'],
  });
  // AzureWebJobs.<name>.Disabled: loaded, never served (loader/disabled.ts)
  const disabled = disabledFunctions(loaded.registry.all(), process.env);
  const app = disabled.length === 0 ? loaded : { ...loaded, registry: new Registry(loaded.registry.all().filter((fn) => !disabled.some((d) => d.name === fn.name))) };
  const httpUri = await checkCapabilities(app.programmingModel);
  const routes = new RouteTable(app.registry, settings.routePrefix);
  for (const warning of routes.ambiguities()) logger.warn(`Warning: ${warning}`);
  const invoker = new FunctionInvoker({
    registry: app.registry,
    programmingModel: app.programmingModel,
    inputBindings: Object.assign({}, ...extensions.map((e) => e.inputBindings)),
    logger,
  });
  const auth = options.enableAuth ? new AuthGate(loadKeys()) : undefined;
  const staticFiles = options.staticDir === undefined ? undefined : openStaticFolder(options.staticDir, settings.routePrefix);

  try {
    await runAppStartHooks(config.appDir);
  } catch (error) {
    throw new AppLoadError(`an appStart hook failed: ${(error as Error)?.message ?? String(error)}`);
  }

  // Listen before starting the extensions (they need the origin, and --port 0 picks the port);
  // requests that arrive early wait for server.open(), so nothing reaches an extension before it starts.
  const server = new HostHttpServer({
    routes,
    invoker,
    extensions,
    maxRequestBodyBytes,
    auth,
    staticFiles,
    logger,
    hostRoutes: new HostRoutes({ auth, hostId: `local-${path.basename(config.appDir)}`.toLowerCase().slice(0, 32) }),
    streamProxy: httpUri ? new StreamProxy(httpUri) : undefined,
  });
  const port = await server.listen(options.port);
  settings.port = port;
  // durable-functions rewrites client URLs to http://localhost:7071 unless this is set (spec §1.7).
  process.env.WEBSITE_HOSTNAME ??= `localhost:${port}`;
  const origin = `http://localhost:${port}`;
  for (const extension of extensions) {
    await extension.start({
      registry: app.registry,
      invoker,
      settings,
      origin,
      ...(auth ? { webhookAuth: { systemKey: auth.keys.system, authorize: (req, url, res) => auth.authorizeSystem(req, url, res), authorizeAdmin: (req, url, res) => auth.authorizeMaster(req, url, res) } } : {}),
    });
  }
  server.open();

  installShutdown(server, extensions, logger);

  console.log(functionListing(app.registry, routes, origin, (name) => timers.describe(name)));
  console.log(
    startupSummary({
      unsupported: app.unsupported,
      disabled,
      dataPath: settings.dataPath,
      timerStatusFile: app.registry.byTriggerType('timerTrigger').length > 0 ? scheduleStatusFile(settings.dataPath) : undefined,
      enableAuth: options.enableAuth,
      anyKeyedRoute: routes.routes.some((route) => route.authLevel !== 'anonymous'),
    }),
  );
  if (auth) {
    console.log('Keys (--enable-auth):');
    for (const kind of ['function', 'host', 'master', 'system'] as const) {
      const source = auth.keys.generated.includes(kind) ? `generated, set ${KEY_VARIABLES[kind]} to fix it` : `from ${KEY_VARIABLES[kind]}`;
      const label = kind === 'system' ? 'system (durabletask_extension)' : kind;
      console.log(`  ${label}: ${auth.keys[kind]} (${source})`);
    }
  }
  if (options.staticDir !== undefined) console.log(`Static files: ${options.staticDir} at ${origin}/ (index.html for unknown paths)`);
  console.log(`Host listening on ${origin}`);
}

function openStaticFolder(dir: string, routePrefix: string): StaticFiles {
  let isDirectory = false;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDirectory) throw new Error(`The --static folder ${dir} does not exist or is not a folder (is the front end built?)`);
  return new StaticFiles(dir, routePrefix);
}

function installShutdown(server: HostHttpServer, extensions: HostExtension[], logger: HostLogger): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal}: stopping (finishing in-flight requests)`);
    let code = 0;
    await server.close();
    try {
      await runAppTerminateHooks();
    } catch (error) {
      logger.error(`An appTerminate hook failed: ${(error as Error)?.stack ?? String(error)}`);
    }
    // in reverse start order: timers finish their executions before the durable hub stops
    for (const extension of [...extensions].reverse()) {
      try {
        await extension.stop();
      } catch (error) {
        logger.error(`Extension ${extension.name} failed to stop: ${(error as Error)?.stack ?? String(error)}`);
        code = 1;
      }
    }
    logger.info('Host stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

// The Node worker logs unhandled rejections from function code instead of dying; so does this host.
process.on('unhandledRejection', (reason) => {
  console.error(`Unhandled promise rejection: ${(reason as Error)?.stack ?? String(reason)}`);
});

let options: CliOptions | 'help';
try {
  options = parseCli(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`Error: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  throw error;
}
if (options === 'help') {
  console.log(USAGE);
  process.exit(0);
}
start(options).catch(fail);
