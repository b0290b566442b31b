// The StoreHistoryPurgeTimer end to end on the host's timer trigger, and the task hub name from its app
// setting. Checkouts leave finished orchestrations; some are aged past the retention in the host's SQLite
// file while it is stopped (instances.created_at). On a schedule every few seconds the timer purges those,
// keeps the recent ones, and leaves every entity (carts, orders, the catalog) as it was.
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../reliability/support/client';
import { tempDataDir } from '../reliability/support/crashableHost';
import { startHost, type RunningHost } from '../support/host';

const dir = tempDataDir('store-purge');
const options = { data: dir.file, env: { STORE_HISTORY_PURGE_SCHEDULE: '*/2 * * * * *', STORE_HISTORY_RETENTION_DAYS: '30' } };
let host: RunningHost | undefined;
const api = client(() => host!.baseUrl);
const DAY_MS = 24 * 60 * 60 * 1000;

const instances = (db: DatabaseSync) => db.prepare('SELECT id, status FROM instances ORDER BY id').all() as { id: string; status: string }[];
const entities = (db: DatabaseSync) => db.prepare('SELECT id, state FROM entities ORDER BY id').all() as { id: string; state: string }[];

async function stopped<T>(read: (db: DatabaseSync) => T): Promise<T> {
  await host?.stop();
  host = undefined;
  const db = new DatabaseSync(dir.file);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

let aged: string[] = [];
let recent: string[] = [];
let entitiesBefore: { id: string; state: string }[] = [];

beforeAll(async () => {
  host = await startHost({ ...options, env: { ...options.env, STORE_HISTORY_PURGE_SCHEDULE: '0 0 0 1 1 *' } }); // no purge while we set up
  expect((await api('POST', '/api/store/inventory', { id: 'kona', description: 'Kona', price: 12.5, availableStock: 100, restockThreshold: 1, maxStockThreshold: 100 })).status).toBe(201);
  for (const user of ['ann', 'bob', 'cy', 'di']) {
    expect((await api('POST', `/api/user/${user}/shoppingCart/kona`, { quantity: 1 })).status).toBe(200);
    expect((await api('POST', `/api/user/${user}/order/checkout`)).status).toBe(201);
  }
  await stopped((db) => {
    const all = instances(db);
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(all.every((i) => i.status === 'Completed'), JSON.stringify(all)).toBe(true);
    aged = all.filter((_, i) => i % 2 === 0).map((i) => i.id);
    recent = all.filter((_, i) => i % 2 === 1).map((i) => i.id);
    const age = db.prepare('UPDATE instances SET created_at = ? WHERE id = ?');
    for (const [i, id] of aged.entries()) age.run(Date.now() - (31 + i) * DAY_MS, id);
    entitiesBefore = entities(db);
  });
}, 120_000);
afterAll(async () => {
  await host?.stop();
  dir.remove();
});

describe('StoreHistoryPurgeTimer', () => {
  it('purges finished orchestrations older than the retention and nothing else', async () => {
    host = await startHost(options);
    const deadline = Date.now() + 30_000;
    while (!/History purge: [1-9]\d* finished/.test(host.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(host.output()).toMatch(new RegExp(`History purge: ${aged.length} finished orchestration\\(s\\) created before .* \\(30 days\\) deleted`));
    expect((await api('GET', '/api/user/ann/order')).body).toHaveLength(1);
    const after = await stopped((db) => ({ instances: instances(db).map((i) => i.id), entities: entities(db) }));
    expect(after.instances).toEqual(recent);
    expect(after.entities).toEqual(entitiesBefore);
  }, 60_000);

  it('purges nothing with an invalid retention, and says why', async () => {
    host = await startHost({ ...options, env: { ...options.env, STORE_HISTORY_RETENTION_DAYS: '0' } });
    const deadline = Date.now() + 30_000;
    while (!/History purge skipped/.test(host.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(host.output()).toContain('History purge skipped: STORE_HISTORY_RETENTION_DAYS must be a whole number of days from 1 to 3650');
    expect(await stopped((db) => instances(db).map((i) => i.id))).toEqual(recent);
  }, 60_000);
});

describe('task hub name', () => {
  it('comes from the TaskHubName app setting (local.settings.json sets it); unset, the host says which default it uses', async () => {
    host = await startHost(options);
    expect(host.output()).not.toMatch(/hubName refers to the app setting/);
    await host.stop();
    host = await startHost({ ...options, env: { ...options.env, TaskHubName: '' } });
    expect(host.output()).toMatch(/hubName refers to the app setting TaskHubName, which is not set: using the task hub TestHubName/);
  }, 60_000);
});
