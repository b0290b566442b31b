// Starts the local Functions host (its built CLI, as a child process) on this app, on a free port with an
// in-memory store by default. The app never imports host code; spawning its binary is the same as `npm start`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

const APP_DIR = path.resolve(__dirname, '../..');
const HOST_CLI = path.resolve(APP_DIR, '../host/dist/cli/main.js');
const READY = /Host listening on (http:\/\/\S+)/;

export interface RunningHost {
  /** the listening origin, with 127.0.0.1 (where the host binds) for localhost */
  baseUrl: string;
  port: number;
  /** everything the host printed so far (for failure messages) */
  output: () => string;
  /** SIGTERM (the host finishes in-flight work), then SIGKILL after 10 s */
  stop: () => Promise<void>;
  /** SIGKILL: the process dies between any two instructions, as in a power-cut of the process */
  kill9: () => Promise<void>;
}

export interface HostOptions {
  /** extra environment (wins over local.settings.json, which the host reads without overriding) */
  env?: Record<string, string>;
  args?: string[];
  /** the SQLite file; default :memory: */
  data?: string;
  /** default 0 (a free port) */
  port?: number;
  startTimeoutMs?: number;
}

export async function startHost(options: HostOptions = {}): Promise<RunningHost> {
  if (!existsSync(HOST_CLI)) throw new Error(`build the host first (npm run build): ${HOST_CLI} is missing`);
  const child: ChildProcess = spawn(
    process.execPath,
    [HOST_CLI, '--app', APP_DIR, '--port', String(options.port ?? 0), '--data', options.data ?? ':memory:', ...(options.args ?? [])],
    { env: { ...process.env, STORE_SEED_SAMPLE_CATALOG: 'false', STORE_REQUIRE_AUTH: 'false', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const timeoutMs = options.startTimeoutMs ?? 60_000;

  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`host not ready after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = () => {
      const match = READY.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(match[1]!.replace(/\/$/, '').replace('//localhost:', '//127.0.0.1:'));
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`host exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });

  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    baseUrl,
    port: Number(new URL(baseUrl).port),
    output: () => output,
    stop: async () => {
      if (alive()) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
    },
    kill9: async () => {
      if (alive()) {
        child.kill('SIGKILL');
        await exited;
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

/** A small JSON client for one host; `timeoutMs` aborts a request that takes longer. */
export function apiClient(baseUrl: string, defaultHeaders: Record<string, string> = {}, timeoutMs?: number) {
  return async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const init: RequestInit = { method, headers: { ...defaultHeaders, ...headers } };
    if (timeoutMs !== undefined) init.signal = AbortSignal.timeout(timeoutMs);
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

/**
 * One host for the whole test file: started in beforeAll, stopped in afterAll. `api` calls it once it has
 * started; `host()` is the running host.
 */
export function useHost(options: HostOptions = {}) {
  let running: RunningHost | undefined;
  let client: ReturnType<typeof apiClient> | undefined;
  beforeAll(async () => {
    running = await startHost(options);
    client = apiClient(running.baseUrl);
  });
  afterAll(async () => {
    await running?.stop();
  });
  const started = () => {
    if (!running || !client) throw new Error('the host is not started yet (use it inside a test or hook)');
    return { running, client };
  };
  return {
    host: () => started().running,
    api: ((...args) => started().client(...args)) as ReturnType<typeof apiClient>,
  };
}
