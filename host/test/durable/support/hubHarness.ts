// Runs a TaskHub on an in-memory (or file) SQLite store with a FakeApp, and waits for instances to finish.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { TaskHub } from '../../../src/durable/hub.js';
import { SqliteStore } from '../../../src/store/sqlite/sqliteStore.js';
import type { FakeApp } from './fakeApp.js';

export function startHub(app: FakeApp, options: { path?: string; maxBatch?: number; entityCacheSize?: number } = {}): TaskHub {
  const hub = new TaskHub({
    store: new SqliteStore({ path: options.path ?? ':memory:' }),
    registry: app.registry,
    invoker: app,
    maxEntityBatchSize: options.maxBatch ?? 5000,
    ...(options.entityCacheSize !== undefined ? { entityCacheSize: options.entityCacheSize } : {}),
    log: () => {},
    onFatal: (error) => {
      throw error;
    },
  });
  hub.start();
  return hub;
}

export async function waitFor<T>(probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** wait until the instance is in a terminal state; returns its stored record */
export async function waitForDone(hub: TaskHub, id: string, timeoutMs?: number) {
  return waitFor(() => {
    const r = hub.store.getInstance(id);
    return r && ['Completed', 'Failed', 'Terminated'].includes(r.status) ? r : undefined;
  }, timeoutMs);
}

/** the stored history as compact tuples, easy to compare with spec §5.9 / §5.7 */
export function historyOf(hub: TaskHub, id: string): { type: number; id: number; name?: string; target?: string; input?: unknown; scheduled?: number; timer?: number }[] {
  return hub.store.getHistory(id).map((text) => {
    const e = JSON.parse(text);
    return {
      type: e.EventType,
      id: e.EventId,
      ...(e.Name !== undefined ? { name: e.Name } : {}),
      ...(e.InstanceId !== undefined ? { target: e.InstanceId } : {}),
      ...(e.EventType === 14 ? { input: JSON.parse(e.Input) } : {}),
      ...(e.TaskScheduledId !== undefined ? { scheduled: e.TaskScheduledId } : {}),
      ...(e.TimerId !== undefined ? { timer: e.TimerId } : {}),
    };
  });
}

/**
 * For a test file that opens its own hubs: `hubs` to push them on (stopped after each test) and
 * `tmpStore()`, a fresh SQLite file path in a temporary folder (removed after each test).
 */
export function useHubsAndStores(prefix: string): { hubs: TaskHub[]; tmpStore: () => string } {
  const dirs: string[] = [];
  const hubs: TaskHub[] = [];
  afterEach(async () => {
    for (const h of hubs.splice(0)) await h.stop(100);
    dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });
  const tmpStore = () => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return join(d, 'store.sqlite');
  };
  return { hubs, tmpStore };
}
