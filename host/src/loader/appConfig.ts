// The app's configuration files, read as the Functions host and the Node worker read them (spec §1.3, §2.1).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppLoadError } from '../contracts.js';

export interface AppConfig {
  appDir: string;
  packageJson: { main?: unknown; type?: unknown };
  /** `extensions.http.routePrefix` from host.json, default "api" ("" removes the prefix) */
  routePrefix: string;
  /** the raw `extensions.durableTask` section ({} when absent) */
  durableTask: Record<string, unknown>;
  /** `Values` of local.settings.json ({} when the file is absent) */
  values: Record<string, string>;
}

function readJsonFile(file: string, required: boolean): Record<string, unknown> | undefined {
  if (!existsSync(file)) {
    if (required) throw new AppLoadError(`${file} does not exist`);
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppLoadError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AppLoadError(`${file} must contain a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function readAppConfig(appDir: string): AppConfig {
  const dir = path.resolve(appDir);
  if (!existsSync(dir)) throw new AppLoadError(`app folder ${dir} does not exist`);
  const packageJson = readJsonFile(path.join(dir, 'package.json'), true)!;

  const hostJsonFile = path.join(dir, 'host.json');
  const hostJson = readJsonFile(hostJsonFile, false) ?? {};
  const extensions = isObject(hostJson.extensions) ? hostJson.extensions : {};
  const http = isObject(extensions.http) ? extensions.http : {};
  let routePrefix = 'api';
  if (http.routePrefix !== undefined) {
    if (typeof http.routePrefix !== 'string') {
      throw new AppLoadError(`${hostJsonFile}: extensions.http.routePrefix must be a string`);
    }
    routePrefix = http.routePrefix.replace(/^\/+|\/+$/g, '');
  }
  const durableTask = isObject(extensions.durableTask) ? extensions.durableTask : {};

  const settingsFile = path.join(dir, 'local.settings.json');
  const settings = readJsonFile(settingsFile, false) ?? {};
  const values: Record<string, string> = {};
  if (settings.Values !== undefined) {
    if (!isObject(settings.Values)) throw new AppLoadError(`${settingsFile}: Values must be an object`);
    for (const [key, value] of Object.entries(settings.Values)) {
      values[key] = typeof value === 'string' ? value : JSON.stringify(value);
    }
  }
  return { appDir: dir, packageJson, routePrefix, durableTask, values };
}

/** Core Tools puts local.settings.json Values into the environment, never overriding what is already set. */
export function applyLocalSettings(values: Record<string, string>, env: NodeJS.ProcessEnv = process.env): void {
  for (const [key, value] of Object.entries(values)) {
    if (env[key] === undefined) env[key] = value;
  }
}
