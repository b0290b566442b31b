// Loads an app the way the Node worker does (spec §1.3, wrk: startApp.ts, loadScriptFile.ts): resolve
// package.json `main` (a file or a glob), require or import each file, collect what it registered through
// @azure/functions-core, and set aside the functions this host cannot run, each with its reason.
import { existsSync, globSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppLoadError, type FunctionMetadata, type RegisteredFunction } from '../contracts.js';
import type { AppConfig } from './appConfig.js';
import { coreState, type ProgrammingModel } from './coreModule.js';
import { Registry, isTriggerType, toRegisteredFunction } from './registry.js';
import { locateSyntaxError } from './syntaxCheck.js';

/** Binding types the host and its extensions can run; a function with any other is not run. */
export interface SupportedBindings {
  triggerTypes: readonly string[];
  inputTypes: readonly string[];
  outputTypes: readonly string[];
}

/** A function the host does not run (README "Loading an app"), with the reason shown at start. */
export interface SkippedFunction {
  name: string;
  reason: string;
}

export interface LoadedApp {
  /** the functions the host runs */
  registry: Registry;
  programmingModel: ProgrammingModel | undefined;
  /** functions with a trigger or binding the host does not implement: listed at start, never run */
  unsupported: SkippedFunction[];
}

const GLOB_CHARS = /[*?[\]{}]/;

export function resolveMainFiles(config: AppConfig): string[] {
  const main = config.packageJson.main;
  const packageFile = path.join(config.appDir, 'package.json');
  if (main === undefined) {
    throw new AppLoadError(`${packageFile} has no "main": set it to the app's entry file or a glob of function files`);
  }
  if (typeof main !== 'string' || main.trim() === '') {
    throw new AppLoadError(`${packageFile}: "main" must be a non-empty string`);
  }
  if (GLOB_CHARS.test(main)) {
    const files = globSync(main, { cwd: config.appDir })
      .map((file) => path.resolve(config.appDir, file))
      .sort();
    if (files.length === 0) {
      throw new AppLoadError(`Found zero files matching the "main" pattern "${main}" of ${packageFile}`);
    }
    return files;
  }
  const file = path.resolve(config.appDir, main);
  if (!existsSync(file)) {
    throw new AppLoadError(`The "main" file ${file} of ${packageFile} does not exist (is the app built?)`);
  }
  return [file];
}

function isEsm(file: string, packageType: unknown): boolean {
  if (file.endsWith('.mjs')) return true;
  if (file.endsWith('.cjs')) return false;
  return packageType === 'module';
}

/** One line describing a load error, with the failing source location when it can be found. */
function describeLoadError(error: unknown, appDir: string, file: string): string {
  if (!(error instanceof Error)) return String(error);
  // CommonJS syntax errors (and some ESM link errors) carry "file:line" as the first line of their stack.
  let location = error.stack?.split('\n', 1)[0]?.match(/^((?:file:\/\/)?\/.*:\d+)$/)?.[1]?.replace(/^file:\/\//, '');
  if (!location && error.name === 'SyntaxError') location = locateSyntaxError(appDir, file);
  const text = `${error.name}: ${error.message.split('\n', 1)[0]}`;
  return location ? `${text} (at ${location})` : text;
}

const TEST_MODE_WARNING = /"@azure\/functions" package (is in|to) test mode/;

async function loadFiles(files: string[], config: AppConfig): Promise<void> {
  // A registration before the core module existed left @azure/functions in "test mode" (spec §1.1):
  // it then prints warnings and silently registers nothing. Watch for them and fail loudly instead.
  let testMode = false;
  const originalWarn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (args.some((arg) => typeof arg === 'string' && TEST_MODE_WARNING.test(arg))) testMode = true;
    originalWarn.apply(console, args);
  };
  try {
    for (const file of files) {
      try {
        if (isEsm(file, config.packageJson.type)) await import(pathToFileURL(file).href);
        else require(file);
      } catch (error) {
        const registrationError = coreState.registrationErrors[0];
        if (registrationError) throw new AppLoadError(`${registrationError} (while loading ${file})`);
        throw new AppLoadError(`Failed to load app file ${file}: ${describeLoadError(error, config.appDir, file)}`);
      }
    }
  } finally {
    console.warn = originalWarn;
  }
  if (testMode) {
    throw new AppLoadError(
      '@azure/functions registered nothing because it was used before the host supplied @azure/functions-core ' +
        '(it switched to "test mode"). Do not preload code that registers functions (node -r/--import, NODE_OPTIONS).',
    );
  }
}

/** Why the host cannot run this function: one phrase per binding it does not implement (none: it runs). */
function unsupportedBindings(fn: RegisteredFunction, supported: SupportedBindings): string[] {
  const has = (list: readonly string[], type: string) => list.some((t) => t.toLowerCase() === type.toLowerCase());
  const reasons: string[] = [];
  for (const binding of Object.values(fn.metadata.bindings)) {
    const type = String(binding.type);
    if (isTriggerType(type)) {
      if (!has(supported.triggerTypes, type)) reasons.push(`trigger "${type}" is not supported by this host`);
    } else if (binding.direction === 'in') {
      if (!has(supported.inputTypes, type)) reasons.push(`input binding "${type}" is not supported by this host`);
    } else if (binding.direction === 'out') {
      if (!has(supported.outputTypes, type)) reasons.push(`output binding "${type}" is not supported by this host`);
    } else {
      reasons.push(`binding "${type}" with direction "${String(binding.direction)}" is not supported by this host`);
    }
  }
  return reasons;
}

export async function loadApp(config: AppConfig, supported: SupportedBindings): Promise<LoadedApp> {
  const files = resolveMainFiles(config);
  await loadFiles(files, config);
  coreState.locked = true; // spec §1.3 step 5
  if (coreState.registrationErrors.length > 0) {
    throw new AppLoadError(coreState.registrationErrors[0]!);
  }

  const functions: RegisteredFunction[] = [];
  const unsupported: SkippedFunction[] = [];
  for (const { metadata, callback } of coreState.registrations.values()) {
    const fn = toRegisteredFunction(metadata as unknown as FunctionMetadata, callback);
    if (typeof fn === 'string') throw new AppLoadError(fn);
    // Functions the host cannot run are left out, not fatal: every other function of the app still runs.
    const reasons = unsupportedBindings(fn, supported);
    if (reasons.length > 0) unsupported.push({ name: fn.name, reason: reasons.join('; ') });
    else functions.push(fn);
  }
  return { registry: new Registry(functions), programmingModel: coreState.programmingModel, unsupported };
}

/**
 * Locks app.setup() and asks the programming model what it needs (spec §1.3 step 4). HTTP streaming makes
 * @azure/functions wait for requests on a proxy server this host does not feed: refuse it instead of hanging.
 */
export async function checkCapabilities(programmingModel: ProgrammingModel | undefined): Promise<void> {
  if (!programmingModel) return;
  const capabilities = await programmingModel.getCapabilities({});
  if (capabilities.HttpUri) {
    throw new AppLoadError(
      'The app enables HTTP streaming (app.setup({ enableHttpStream: true })), which this host does not support: remove it',
    );
  }
}
