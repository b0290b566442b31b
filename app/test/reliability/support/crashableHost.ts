// Starts the built local host (as `npm start` does) on a SQLite file and lets a test kill it with SIGKILL —
// no graceful shutdown, no flush — then start it again on the same file and, when it is free, the same port.
// test/support/host.ts only stops with SIGTERM, which finishes in-flight work first; a crash test needs
// the hard stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const APP_DIR = path.resolve(__dirname, '../../..');
const HOST_CLI = path.resolve(APP_DIR, '../host/dist/cli/main.js');
const READY = /Host listening on (http:\/\/\S+)/;

export interface CrashableHostOptions {
  /** the SQLite file (kept across restarts) */
  data: string;
  env?: Record<string, string>;
  args?: string[];
  startTimeoutMs?: number;
}

export interface HostProcess {
  baseUrl: string;
  port: number;
  pid: number;
  output: () => string;
  /** SIGKILL: the process dies between any two instructions, as in a power-cut of the process */
  kill9: () => Promise<void>;
  /** SIGTERM, then SIGKILL after 10 s */
  stop: () => Promise<void>;
}

export async function startHostProcess(options: CrashableHostOptions, port = 0): Promise<HostProcess> {
  if (!existsSync(HOST_CLI)) throw new Error(`build the host first (npm run build): ${HOST_CLI} is missing`);
  const child: ChildProcess = spawn(
    process.execPath,
    [HOST_CLI, '--app', APP_DIR, '--port', String(port), '--data', options.data, ...(options.args ?? [])],
    {
      env: { ...process.env, STORE_SEED_SAMPLE_CATALOG: 'false', STORE_REQUIRE_AUTH: 'false', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
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
    pid: child.pid!,
    output: () => output,
    kill9: async () => {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (alive()) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
    },
  };
}

/** Restarts on the port of the previous process (clients keep their URL); another port if it is taken. */
export async function restartHostProcess(options: CrashableHostOptions, previous: HostProcess): Promise<HostProcess> {
  try {
    return await startHostProcess(options, previous.port);
  } catch (error) {
    if (!/EADDRINUSE/.test(String(error))) throw error;
    return startHostProcess(options, 0);
  }
}

/** A fresh folder for one test's SQLite file; `remove()` deletes it (and the -wal/-shm files). */
export function tempDataDir(prefix: string) {
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  return { file: path.join(dir, 'store.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
