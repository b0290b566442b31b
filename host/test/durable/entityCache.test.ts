// The hub's bounded entity cache (README "Entity cache"): idle entities leave memory, least recently used
// first, and are read back from the store on demand; an entity with anything uncommitted, queued, running
// or locked never leaves. Each test runs with a tiny cache so that eviction happens all the time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ENTITY_CACHE_SIZE, type TaskHub } from '../../src/durable/hub.js';
import { durableConfig } from '../../src/durable/index.js';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.js';
import { df, FakeApp } from './support/fakeApp.js';
import { startHub, waitFor, waitForDone } from './support/hubHarness.js';

const app = () =>
  new FakeApp()
    .entity('Counter', (context) => {
      const value = context.df.getState(() => 0) as number;
      if (context.df.operationName === 'add') context.df.setState(value + (context.df.getInput() as number));
      else if (context.df.operationName === 'get') context.df.return(value);
      else if (context.df.operationName === 'delete') context.df.destructOnExit();
    })
    // locks three counters, adds to each through a call, returns their sum
    .orchestration('LockThree', function* (context) {
      const ids = ['l1', 'l2', 'l3'].map((k) => new df.EntityId('Counter', k));
      const lock = yield context.df.lock(ids);
      let sum = 0;
      for (const id of ids) {
        yield context.df.callEntity(id, 'add', 1);
        sum += (yield context.df.callEntity(id, 'get')) as number;
      }
      lock.release();
      return sum;
    });

let hub: TaskHub | undefined;
const dir = mkdtempSync(join(tmpdir(), 'entity-cache-'));
afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let seq = 0;
const signal = (h: TaskHub, key: string, op: string, input?: number) =>
  h.sendToEntity(`@counter@${key}`, { type: 'op', op, id: `s${seq++}`, ...(input !== undefined ? { input: String(input) } : {}), signal: true });
const valueOf = (h: TaskHub, key: string) => {
  const e = h.peekEntity('counter', key);
  return e?.exists ? Number(e.state) : undefined;
};

describe('the entity cache', () => {
  it('keeps at most the bound of idle entities in memory and reads the others from the store', async () => {
    hub = startHub(app(), { entityCacheSize: 5 });
    const h = hub;
    for (let i = 0; i < 40; i++) {
      await signal(h, `k${i}`, 'add', i + 1);
      await waitFor(() => valueOf(h, `k${i}`) === i + 1);
      // the new entity, and at most one other not yet past its commit, beyond the bound
      expect(h.entitiesInMemory).toBeLessThanOrEqual(7);
    }
    // every value, most of them read from the store
    for (let i = 0; i < 40; i++) expect(valueOf(h, `k${i}`)).toBe(i + 1);
    expect(h.entitiesInMemory).toBeLessThanOrEqual(7);
    // an evicted entity goes on from its stored state
    await signal(h, 'k0', 'add', 100);
    await waitFor(() => valueOf(h, 'k0') === 101);
    expect(valueOf(h, 'k0')).toBe(101);
    expect(valueOf(h, 'never')).toBeUndefined();
  });

  it('never evicts a busy entity: a hot entity under many signals and others around it end exact', async () => {
    hub = startHub(app(), { entityCacheSize: 2 });
    const h = hub;
    const sends: Promise<void>[] = [];
    for (let i = 0; i < 300; i++) {
      sends.push(signal(h, 'hot', 'add', 1));
      if (i % 5 === 0) sends.push(signal(h, `cold${i}`, 'add', 1));
    }
    await Promise.all(sends);
    await waitFor(() => valueOf(h, 'hot') === 300);
    for (let i = 0; i < 300; i += 5) await waitFor(() => valueOf(h, `cold${i}`) === 1);
    expect(valueOf(h, 'hot')).toBe(300);
  });

  it('keeps locked entities while an orchestration holds them, with a cache of one', async () => {
    hub = startHub(app(), { entityCacheSize: 1 });
    const h = hub;
    for (let run = 1; run <= 3; run++) {
      await h.startInstance(`lock-${run}`, 'LockThree', null, true);
      // other entities come and go meanwhile
      for (let i = 0; i < 10; i++) await signal(h, `noise${run}-${i}`, 'add', 1);
      const done = await waitForDone(h, `lock-${run}`);
      expect(done.status).toBe('Completed');
      expect(JSON.parse(done.output!)).toBe(3 * run);
    }
    for (const k of ['l1', 'l2', 'l3']) expect(valueOf(h, k)).toBe(3);
    for (const k of ['l1', 'l2', 'l3']) expect(h.store.getEntity(`@counter@${k}`)?.lockedBy).toBeNull();
  });

  it('a deleted entity reads as absent before and after it leaves memory, and can be created again', async () => {
    hub = startHub(app(), { entityCacheSize: 1 });
    const h = hub;
    await signal(h, 'gone', 'add', 5);
    await waitFor(() => valueOf(h, 'gone') === 5);
    await signal(h, 'gone', 'delete');
    await waitFor(() => h.peekEntity('counter', 'gone')?.exists === false || h.peekEntity('counter', 'gone') === undefined);
    for (let i = 0; i < 5; i++) await signal(h, `push${i}`, 'add', 1); // pushes it out
    await waitFor(() => h.store.getEntity('@counter@gone') === undefined);
    expect(valueOf(h, 'gone')).toBeUndefined();
    await signal(h, 'gone', 'add', 2);
    await waitFor(() => valueOf(h, 'gone') === 2);
  });

  it('starts without loading idle entities, resumes the ones with work, and reads every value', async () => {
    const path = join(dir, 'restart.sqlite');
    // a store with 200 idle counters, one pending signal to one of them and one to a new entity
    const store = new SqliteStore({ path });
    store.commit(Array.from({ length: 200 }, (_, i) => ({ op: 'putEntity' as const, record: { id: `@counter@idle${i}`, exists: true, state: String(i), lockedBy: null } })));
    const body = (n: number, id: string) => JSON.stringify({ type: 'op', op: 'add', id, input: String(n), signal: true });
    store.commit([
      { op: 'insertMessage', record: { id: 1, kind: 'entity', target: '@counter@idle7', due: null, body: body(1000, 'm1') } },
      { op: 'insertMessage', record: { id: 2, kind: 'entity', target: '@counter@fresh', due: null, body: body(3, 'm2') } },
    ]);
    store.close();
    hub = startHub(app(), { path, entityCacheSize: 10 });
    const h = hub;
    // only the two targets of pending messages were loaded, not the 199 idle counters
    expect(h.entitiesInMemory).toBe(2);
    await waitFor(() => valueOf(h, 'idle7') === 1007 && valueOf(h, 'fresh') === 3);
    // read from the store, and a read does not bring an entity into memory
    for (let i = 0; i < 200; i++) if (i !== 7) expect(valueOf(h, `idle${i}`)).toBe(i);
    expect(h.entitiesInMemory).toBe(2);
  });
});

describe('DURABLE_ENTITY_CACHE_SIZE', () => {
  it('defaults to 10,000 and takes a whole number of at least 1; anything else stops the start with its name', () => {
    expect(durableConfig({}, {}).entityCacheSize).toBe(DEFAULT_ENTITY_CACHE_SIZE);
    expect(DEFAULT_ENTITY_CACHE_SIZE).toBe(10_000);
    expect(durableConfig({}, { DURABLE_ENTITY_CACHE_SIZE: '250' }).entityCacheSize).toBe(250);
    expect(durableConfig({}, { DURABLE_ENTITY_CACHE_SIZE: ' ' }).entityCacheSize).toBe(DEFAULT_ENTITY_CACHE_SIZE);
    for (const bad of ['0', '-5', '1.5', 'lots', '1e6']) expect(() => durableConfig({}, { DURABLE_ENTITY_CACHE_SIZE: bad }), bad).toThrow(/DURABLE_ENTITY_CACHE_SIZE must be a whole number/);
  });
});
