// Scenarios of a store that has grown (bench/README.md "Scenarios"): a 1,000-product catalog, customers with
// 10,000 earlier orders, and the first page of such a customer's history. Each is measured beside the
// scenario it grows from (add-to-cart, checkout) in the same run.
//
// The order histories are written straight into the host's SQLite file before the host starts, with the
// app's own code (domain/orderArchive.ts sealChunk, the Orders entity's state schema) and the host's own
// store (SqliteStore.commit): the state is exactly what 10,000 checkouts would have left, built in seconds
// instead of the hour 640,000 checkouts would take. The catalog is built through the store's API.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile, runLoad, type LoadResult } from '../harness/load.ts';
import type { Settings } from '../settings.ts';
import type { SystemUnderTest } from '../systems/system.ts';
import { createItem, MAX_STOCK, newItem } from './catalog.ts';
import type { Scenario, ScenarioResult } from './scenario.ts';
import { timed } from './simple.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);

export const heavyCustomer = (i: number) => `heavy-${i}`;
const HEAVY_ITEM = 'heavy-blend';
const PRICE = 9.95;

interface Order {
  id: string;
  userId: string;
  createdAt: string;
  items: { itemId: string; description: string; unitPrice: number; quantity: number; lineTotal: number }[];
  total: number;
  status: 'Placed';
}

/** How the last seed went, for the report (bench/README.md "How the data is built"). */
export const seedReport: { customers?: number; ordersPerCustomer?: number; seconds?: number; stateBytesPerCustomer?: number } = {};

/** The Orders state a customer has after `count` checkouts of one unit, as the app's Orders entity keeps it. */
export function ordersState(userId: string, count: number): unknown {
  const { sealChunk } = require(join(ROOT, 'app/dist/src/domain/orderArchive.js')) as { sealChunk: (orders: readonly Order[]) => unknown };
  const { ORDERS_PER_CHUNK } = require(join(ROOT, 'app/dist/src/domain/orders.js')) as { ORDERS_PER_CHUNK: number };
  const start = Date.UTC(2020, 0, 1);
  const orders: Order[] = [];
  for (let n = 0; n < count; n++) {
    orders.push({
      id: `h-${userId}-${n}`,
      userId,
      createdAt: new Date(start + n * 60_000).toISOString(),
      items: [{ itemId: HEAVY_ITEM, description: `Bench product ${HEAVY_ITEM}`, unitPrice: PRICE, quantity: 1, lineTotal: PRICE }],
      total: PRICE,
      status: 'Placed',
    });
  }
  // the entity's invariant (domain/orders.ts addOrder): fewer than 2 × ORDERS_PER_CHUNK unarchived, older ones sealed
  const archive: unknown[] = [];
  let at = 0;
  while (count - at >= 2 * ORDERS_PER_CHUNK) {
    archive.push(sealChunk(orders.slice(at, at + ORDERS_PER_CHUNK)));
    at += ORDERS_PER_CHUNK;
  }
  return { orders: orders.slice(at), ...(archive.length > 0 ? { archive } : {}) };
}

const seeds = new WeakMap<Settings, (dataPath: string) => Promise<void>>();

/** one seed per settings: checkout-10k-orders and order-history share their heavy customers */
function seedHeavyCustomers(settings: Settings): (dataPath: string) => Promise<void> {
  let seed = seeds.get(settings);
  if (!seed) {
    seed = async (dataPath) => {
      const started = performance.now();
      const { SqliteStore } = (await import(join(ROOT, 'host/dist/store/sqlite/sqliteStore.js'))) as { SqliteStore: new (o: { path: string }) => { commit(ops: unknown[]): void; close(): void } };
      const { OrdersStateSchema } = require(join(ROOT, 'app/dist/src/contracts/state.js')) as { OrdersStateSchema: { safeParse(v: unknown): { success: boolean; error?: unknown } } };
      const store = new SqliteStore({ path: dataPath });
      let bytes = 0;
      try {
        for (let i = 0; i < settings.heavyCustomers; i++) {
          const userId = heavyCustomer(i);
          const state = ordersState(userId, settings.ordersPerHeavyCustomer);
          // the app refuses a state its schema rejects: check the first one here, where the message is clear
          if (i === 0 && !OrdersStateSchema.safeParse(state).success) throw new Error(`the seeded Orders state does not match the app's schema: ${JSON.stringify(OrdersStateSchema.safeParse(state).error)}`);
          const text = JSON.stringify(state);
          bytes = text.length;
          store.commit([{ op: 'putEntity', record: { id: `@orders@${userId}`, exists: true, state: text, lockedBy: null } }]);
        }
      } finally {
        store.close();
      }
      Object.assign(seedReport, { customers: settings.heavyCustomers, ordersPerCustomer: settings.ordersPerHeavyCustomer, seconds: (performance.now() - started) / 1000, stateBytesPerCustomer: bytes });
    };
    seeds.set(settings, seed);
  }
  return seed;
}

function merged(phases: readonly LoadResult[]) {
  const requests = phases.reduce((n, p) => n + p.requests, 0);
  const seconds = phases.reduce((n, p) => n + p.durationSec, 0);
  const all = new Float64Array(requests);
  let at = 0;
  for (const p of phases) {
    all.set(p.latencies, at);
    at += p.latencies.length;
  }
  all.sort();
  const statuses: Record<string, number> = {};
  for (const p of phases) for (const [k, v] of Object.entries(p.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return { requests, seconds, requestsPerSec: seconds > 0 ? requests / seconds : 0, p50Ms: percentile(all, 50), p99Ms: percentile(all, 99), errors: phases.reduce((n, p) => n + p.errors, 0), statuses, samples: phases.flatMap((p) => p.samples).slice(0, 5) };
}

let runs = 0;

/**
 * Rounds of: every heavy customer puts one unit in the cart (not measured), then all of them check out at
 * once (measured). The same rounds run for as many customers without orders, alternating, so the figure
 * that compares them (details.ratioToFresh) shares the machine's minute and the request shape.
 */
export const checkout10kOrders: Scenario = {
  name: 'checkout-10k-orders',
  seedStore: seedHeavyCustomers,
  async run(system, settings): Promise<ScenarioResult> {
    const run = ++runs;
    const item = `${HEAVY_ITEM}-${run}`;
    await createItem(system, item, MAX_STOCK);
    const customers = settings.heavyCustomers;
    const connections = Math.min(customers, settings.connections);
    const round = async (name: (i: number) => string) => {
      const fill = await runLoad({ origin: system.origin, connections, durationSec: 0, amount: customers, expectedStatuses: [200], request: (i) => ({ method: 'POST', path: `/api/user/${name(i)}/shoppingCart/${item}`, body: { quantity: 1 } }) });
      if (fill.errors > 0) throw new Error(`filling carts failed: ${JSON.stringify(fill.statuses)} ${fill.samples.join(' | ')}`);
      return runLoad({ origin: system.origin, connections, durationSec: 0, amount: customers, expectedStatuses: [201], request: (i) => ({ method: 'POST', path: `/api/user/${name(i)}/order/checkout` }) });
    };
    const heavy: LoadResult[] = [];
    const fresh: LoadResult[] = [];
    const before = await system.counters?.();
    let heavyCounters: Record<string, number> = {};
    // one round of each, thrown away, as warm-up
    await round((i) => `fresh${run}-warm-${i}`);
    for (let r = 0; r < settings.heavyCheckoutRounds; r++) {
      const order = r % 2 === 0 ? (['heavy', 'fresh'] as const) : (['fresh', 'heavy'] as const);
      for (const kind of order) {
        if (kind === 'fresh') {
          fresh.push(await round((i) => `fresh${run}-${r}-${i}`));
          continue;
        }
        const c0 = await system.counters?.();
        heavy.push(await round(heavyCustomer));
        await new Promise((res) => setTimeout(res, 300));
        const c1 = await system.counters?.();
        if (c0 && c1) for (const k of Object.keys(c1)) heavyCounters[k] = (heavyCounters[k] ?? 0) + (c1[k]! - (c0[k] ?? 0));
      }
    }
    const h = merged(heavy);
    const f = merged(fresh);
    const failures: string[] = [];
    if (h.errors > 0) failures.push(`heavy checkouts not 201: ${JSON.stringify(h.statuses)} ${h.samples.join(' | ')}`);
    if (f.errors > 0) failures.push(`fresh checkouts not 201: ${JSON.stringify(f.statuses)} ${f.samples.join(' | ')}`);
    // every heavy customer's newest order is the last checkout, on top of the seeded history
    const page = await fetch(`${system.origin}/api/user/${heavyCustomer(0)}/order?limit=1`);
    const newest = page.ok ? ((await page.json()) as { id: string }[])[0] : undefined;
    if (!newest || newest.id.startsWith('h-')) failures.push(`the newest order of ${heavyCustomer(0)} is not a checkout of this run (${page.status} ${newest?.id})`);
    const ops = before && Object.keys(heavyCounters).length > 0 ? Object.fromEntries(Object.entries(heavyCounters).map(([k, v]) => [k, Number((v / Math.max(1, h.requests)).toFixed(2))])) : undefined;
    return {
      ...(ops ? { ops } : {}),
      requestsPerSec: h.requestsPerSec,
      p50Ms: h.p50Ms,
      p99Ms: h.p99Ms,
      errors: h.errors,
      details: {
        customers,
        earlierOrdersPerCustomer: settings.ordersPerHeavyCustomer,
        rounds: settings.heavyCheckoutRounds,
        checkouts: h.requests,
        freshCustomers: { requestsPerSec: f.requestsPerSec, p50Ms: f.p50Ms, p99Ms: f.p99Ms, checkouts: f.requests },
        ratioToFresh: f.requestsPerSec > 0 ? h.requestsPerSec / f.requestsPerSec : null,
        seed: { ...seedReport, how: 'written into the host SQLite file before start (app sealChunk + host SqliteStore)' },
        statuses: h.statuses,
      },
      failures,
    };
  },
};

/** The first page of a heavy customer's orders (GET /api/user/{userId}/order, 20 newest). */
export const orderHistory: Scenario = {
  name: 'order-history',
  seedStore: seedHeavyCustomers,
  async run(system, settings): Promise<ScenarioResult> {
    const failures: string[] = [];
    const first = await fetch(`${system.origin}/api/user/${heavyCustomer(0)}/order`);
    const body = first.ok ? ((await first.json()) as unknown[]) : [];
    if (body.length !== 20 || !/rel="next"/.test(first.headers.get('link') ?? '')) failures.push(`first page: ${first.status}, ${body.length} orders, Link ${first.headers.get('link')}`);
    const result = await timed(system, settings, (i) => ({ method: 'GET', path: `/api/user/${heavyCustomer(i % settings.heavyCustomers)}/order` }));
    return { ...result, details: { ...result.details, customers: settings.heavyCustomers, earlierOrdersPerCustomer: settings.ordersPerHeavyCustomer, seed: { ...seedReport } }, failures: [...result.failures, ...failures] };
  },
};

const bigProduct = (n: number) => `big-${String(n).padStart(5, '0')}`;

/** add-to-cart over a catalog of settings.bigCatalogProducts products, built through the API first (timed) */
export const addToCart1kCatalog: Scenario = {
  name: 'add-to-cart-1k-catalog',
  async run(system, settings): Promise<ScenarioResult> {
    const products = settings.bigCatalogProducts;
    const started = performance.now();
    const build = await runLoad({ origin: system.origin, connections: Math.min(16, settings.connections), durationSec: 0, amount: products, expectedStatuses: [201], request: (n) => ({ method: 'POST', path: '/api/store/inventory', body: newItem(bigProduct(n), MAX_STOCK) }) });
    if (build.errors > 0) throw new Error(`creating ${products} products failed: ${JSON.stringify(build.statuses)} ${build.samples.join(' | ')}`);
    const buildSeconds = (performance.now() - started) / 1000;
    // customer i adds products in turn, spread over the whole catalog
    const result = await timed(system, settings, (i) => ({
      method: 'POST',
      path: `/api/user/big-customer-${i % settings.customers}/shoppingCart/${bigProduct((Math.floor(i / settings.customers) * 7919 + i) % products)}`,
      body: { quantity: 1 },
    }));
    return { ...result, details: { ...result.details, products, catalogBuildSeconds: buildSeconds, catalogBuiltThrough: 'POST /api/store/inventory' } };
  },
};
