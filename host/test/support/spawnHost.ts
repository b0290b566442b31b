// Starts the built host as a child process, the way the app's and the bench's harnesses do: wait for
// /Host listening on (http:\/\/\S+)/ on stdout, then talk HTTP to that origin.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const hostRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const hostMain = path.join(hostRoot, 'dist/cli/main.js');
export const fixturesDir = path.join(hostRoot, 'fixtures');
export const fixture = (name: string) => path.join(fixturesDir, name);

const READY = /Host listening on (http:\/\/\S+)/;

export interface SpawnOptions {
  /** extra CLI arguments, after --app */
  args?: string[];
  /** extra environment variables */
  env?: Record<string, string>;
  /** node options placed before the script, e.g. ['--require', file] */
  nodeArgs?: string[];
  /** defaults: --port 0 --data :memory: (pass false to leave them out) */
  defaults?: boolean;
  timeoutMs?: number;
}

export interface RunningHost {
  url: string;
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** resolves when `text` (or a match of the regex) has appeared on stdout+stderr */
  waitForOutput(pattern: RegExp | string, timeoutMs?: number): Promise<void>;
  /** sends the signal and resolves with the exit code */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function ensureBuilt(): void {
  if (!existsSync(hostMain)) throw new Error(`${hostMain} is missing: run "npm run build" first`);
}

function launch(appDir: string, options: SpawnOptions): ChildProcess {
  ensureBuilt();
  const defaults = options.defaults === false ? [] : ['--port', '0', '--data', ':memory:'];
  return spawn(process.execPath, [...(options.nodeArgs ?? []), hostMain, '--app', appDir, ...defaults, ...(options.args ?? [])], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export async function startHost(appDir: string, options: SpawnOptions = {}): Promise<RunningHost> {
  const child = launch(appDir, options);
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    notify();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    notify();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    notify();
    resolve(code);
  }));

  const waitForOutput = (pattern: RegExp | string, timeoutMs = options.timeoutMs ?? 30_000) =>
    new Promise<void>((resolve, reject) => {
      const test = () => (typeof pattern === 'string' ? (stdout + stderr).includes(pattern) : pattern.test(stdout + stderr));
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${pattern}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
      }, timeoutMs);
      const check = () => {
        if (test()) {
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          clearTimeout(timer);
          waiters.delete(check);
          reject(new Error(`host exited (${child.exitCode ?? child.signalCode}) before ${pattern}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        }
      };
      waiters.add(check);
      check();
    });

  try {
    await waitForOutput(READY);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const url = READY.exec(stdout)![1]!;
  return {
    url,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForOutput,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export interface FinishedHost {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the host until it exits on its own (start-up failures, usage errors). */
export function runHostToExit(appDir: string, options: SpawnOptions = {}): Promise<FinishedHost> {
  const child = launch(appDir, options);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`host did not exit within the timeout\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
