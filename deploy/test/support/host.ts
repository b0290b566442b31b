// Starts the repository's built local host (host/dist/cli/main.js) on an app folder, on a free port with an
// in-memory store, and reads the port from its "Host listening on" line.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/package.ts';

const HOST_CLI = path.join(REPO_ROOT, 'host', 'dist', 'cli', 'main.js');
const READY = /Host listening on (http:\/\/\S+)/;

export interface StartedHost {
  baseUrl: string;
  stop: () => Promise<void>;
}

/** Resolves with the running host, or rejects with everything it printed when it exits or is not ready in time. */
export function startHostOn(appDir: string, env: Record<string, string> = {}, timeoutMs = 90_000): Promise<StartedHost> {
  if (!existsSync(HOST_CLI)) return Promise.reject(new Error(`build the host first (npm run build): ${HOST_CLI} is missing`));
  const child = spawn(process.execPath, [HOST_CLI, '--app', appDir, '--port', '0', '--data', ':memory:'], {
    cwd: appDir,
    env: { ...process.env, STORE_REQUIRE_AUTH: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`host not ready after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`host exited (${code ?? signal}) before it was ready:\n${output}`));
    });
    child.stdout.on('data', () => {
      const match = READY.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        baseUrl: match[1]!.replace(/\/$/, '').replace('//localhost:', '//127.0.0.1:'),
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGTERM');
            const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            await exited;
            clearTimeout(killer);
          }
        },
      });
    });
  });
}
