// Starts the local Functions host (its built CLI, as a child process) on this app, on a free port with an
// in-memory store by default. The app never imports host code; spawning its binary is the same as `npm start`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const APP_DIR = path.resolve(__dirname, '../..');
const HOST_CLI = path.resolve(APP_DIR, '../host/dist/cli/main.js');
const READY = /Host listening on (http:\/\/\S+)/;

export interface RunningHost {
  baseUrl: string;
  /** everything the host printed so far (for failure messages) */
  output: () => string;
  stop: () => Promise<void>;
}

export interface HostOptions {
  /** extra environment (wins over local.settings.json, which the host reads without overriding) */
  env?: Record<string, string>;
  args?: string[];
  data?: string;
  startTimeoutMs?: number;
}

export async function startHost(options: HostOptions = {}): Promise<RunningHost> {
  if (!existsSync(HOST_CLI)) throw new Error(`build the host first (npm run build): ${HOST_CLI} is missing`);
  const child: ChildProcess = spawn(
    process.execPath,
    [HOST_CLI, '--app', APP_DIR, '--port', '0', '--data', options.data ?? ':memory:', ...(options.args ?? [])],
    { env: { ...process.env, STORE_SEED_SAMPLE_CATALOG: 'false', STORE_REQUIRE_AUTH: 'false', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host not ready after ${options.startTimeoutMs ?? 60_000} ms:\n${output}`)), options.startTimeoutMs ?? 60_000);
    const onData = () => {
      const match = READY.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(match[1]!.replace(/\/$/, ''));
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code} before it was ready:\n${output}`));
    });
  });

  return {
    baseUrl,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
    },
  };
}

export interface ApiResponse<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON bodies
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** A small JSON client for one host. */
export function apiClient(baseUrl: string, defaultHeaders: Record<string, string> = {}) {
  return async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const init: RequestInit = { method, headers: { ...defaultHeaders, ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, init);
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed, text, headers: response.headers };
  };
}
