// Starts the built local host with the built storefront (--static web/dist) on a free port and an in-memory
// store, the way `npm start` serves them together; the root `npm test` builds host, app and web first.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const hostMain = path.join(repoRoot, 'host/dist/cli/main.js');
const appDir = path.join(repoRoot, 'app');
const webDist = path.join(repoRoot, 'web/dist');

export interface Store {
  url: string;
  output(): string;
  stop(): Promise<void>;
  /** a JSON call to the store's API, as a test's independent view of the truth */
  api<T = unknown>(route: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: T; headers: Headers }>;
}

export async function startStore(options: { args?: string[]; env?: Record<string, string> } = {}): Promise<Store> {
  for (const needed of [hostMain, path.join(appDir, 'dist/src/index.js'), path.join(webDist, 'index.html')]) {
    if (!existsSync(needed)) throw new Error(`${needed} is missing: run "npm run build" at the repository root first`);
  }
  const child: ChildProcess = spawn(
    process.execPath,
    [hostMain, '--app', appDir, '--port', '0', '--data', ':memory:', '--static', webDist, ...(options.args ?? [])],
    { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Host listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited (${code}) before it was ready:\n${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
    async api<T>(route: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${url}${route}`, {
        method: init.method ?? 'GET',
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
    },
  };
}
