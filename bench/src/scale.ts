// `npm run bench:scale [-- --customers 1000000 --with-orders 100000 --orders-each 3 --reads 2000]`
// A store that has grown (bench/README.md "Scale"): that many customers with a one-line cart, some of them
// with orders too, written straight into the host's SQLite file with the host's own store (SqliteStore) and
// the app's Orders sealing (timed: buildSeconds). Then the host starts on it (startupMs: from spawn to
// "Host listening"), its RSS is read from /proc, and carts of customers never touched since the start are
// read one at a time (coldReadP50Ms/P99Ms: GET /api/user/{id}/shoppingCart). The row goes into
// results/latest.json as {scenario: "1m-customers", ...}, replacing the previous one.
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandLine, positiveInteger } from './harness/cli.ts';
import { percentile } from './harness/load.ts';
import type { ScaleRow } from './report/results.ts';
import { ordersState } from './scenarios/bigStore.ts';
import { createCatalog, CATALOG_IDS } from './scenarios/catalog.ts';
import { startStore, storeUnavailable } from './systems/store.ts';

const USAGE = 'Usage: npm run bench:scale [-- --customers 1000000] [--with-orders 100000] [--orders-each 3] [--reads 2000] [--out DIR]';
const values = parseCommandLine(USAGE, {
  customers: { type: 'string', default: '1000000' },
  'with-orders': { type: 'string', default: '100000' },
  'orders-each': { type: 'string', default: '3' },
  reads: { type: 'string', default: '2000' },
  out: { type: 'string' },
});
const customers = positiveInteger(USAGE, 'customers', values.customers!);
const withOrders = Math.min(customers, positiveInteger(USAGE, 'with-orders', values['with-orders']!));
const ordersEach = positiveInteger(USAGE, 'orders-each', values['orders-each']!);
const reads = Math.min(customers, positiveInteger(USAGE, 'reads', values.reads!));
const unavailable = storeUnavailable();
if (unavailable) {
  console.error(unavailable);
  process.exit(1);
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const customer = (i: number) => `scale-${i}`;
const COMMIT_EVERY = 20_000;

let buildSeconds = 0;
async function seed(dataPath: string): Promise<void> {
  const started = performance.now();
  const { SqliteStore } = (await import(join(ROOT, 'host/dist/store/sqlite/sqliteStore.js'))) as { SqliteStore: new (o: { path: string }) => { commit(ops: unknown[]): void; close(): void } };
  const store = new SqliteStore({ path: dataPath });
  try {
    let ops: unknown[] = [];
    const flush = () => {
      store.commit(ops);
      ops = [];
    };
    for (let i = 0; i < customers; i++) {
      const cart = { lines: [{ itemId: CATALOG_IDS[i % CATALOG_IDS.length]!, quantity: 1 + (i % 3) }], checkoutId: null, completedCheckouts: [], recentWrites: [] };
      ops.push({ op: 'putEntity', record: { id: `@shoppingcart@${customer(i)}`, exists: true, state: JSON.stringify(cart), lockedBy: null } });
      if (i < withOrders) ops.push({ op: 'putEntity', record: { id: `@orders@${customer(i)}`, exists: true, state: JSON.stringify(ordersState(customer(i), ordersEach)), lockedBy: null } });
      if (ops.length >= COMMIT_EVERY) flush();
      if (i > 0 && i % 200_000 === 0) console.log(`  ${i.toLocaleString('en-US')} customers written`);
    }
    flush();
  } finally {
    store.close();
  }
  buildSeconds = (performance.now() - started) / 1000;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

console.log(`▶ writing ${customers.toLocaleString('en-US')} carts and ${withOrders.toLocaleString('en-US')} order histories (${ordersEach} orders each) into the host's SQLite file`);
const startedAll = performance.now();
// today's host loads every entity at start: give it the time it takes, and report it
const system = await startStore({}, { seeds: [seed], readyTimeoutMs: 900_000 });
const startupMs = performance.now() - startedAll - buildSeconds * 1000;
try {
  console.log(`  built in ${buildSeconds.toFixed(1)} s; the host started in ${startupMs.toFixed(0)} ms`);
  const rssAfterStart = rssMb(system.pid!);
  await createCatalog(system);
  // customers spread over the whole range, each read once: none was touched since the start
  const latencies = new Float64Array(reads);
  const step = Math.max(1, Math.floor(customers / reads));
  let wrong = 0;
  for (let n = 0; n < reads; n++) {
    const i = (n * step + 7) % customers;
    const t0 = performance.now();
    const response = await fetch(`${system.origin}/api/user/${customer(i)}/shoppingCart`);
    const body = (await response.json()) as { items?: { itemId: string; quantity: number }[] };
    latencies[n] = performance.now() - t0;
    if (response.status !== 200 || body.items?.[0]?.itemId !== CATALOG_IDS[i % CATALOG_IDS.length] || body.items?.[0]?.quantity !== 1 + (i % 3)) wrong++;
  }
  latencies.sort();
  const rssAfterReads = rssMb(system.pid!);
  const row: ScaleRow = {
    scenario: '1m-customers',
    system: 'store',
    customers,
    customersWithOrders: withOrders,
    rssMb: Math.round(Math.max(rssAfterStart, rssAfterReads)),
    startupMs: Math.round(startupMs),
    coldReadP50Ms: Number(percentile(latencies, 50).toFixed(2)),
    coldReadP99Ms: Number(percentile(latencies, 99).toFixed(2)),
    buildSeconds: Number(buildSeconds.toFixed(1)),
    date: new Date().toISOString(),
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
  };
  console.log(`  RSS ${rssAfterStart.toFixed(0)} MB after start, ${rssAfterReads.toFixed(0)} MB after ${reads} reads; cold cart read p50 ${row.coldReadP50Ms} ms, p99 ${row.coldReadP99Ms} ms; wrong answers ${wrong}`);
  const targets = [
    ['host RSS < 500 MB', row.rssMb < 500, `${row.rssMb} MB`],
    ['start-up < 2 s', row.startupMs < 2000, `${row.startupMs} ms`],
    ['cold cart read p99 < 5 ms', row.coldReadP99Ms < 5, `${row.coldReadP99Ms} ms`],
  ] as const;
  console.log(`\n| target | actual | |\n|---|---|---|\n${targets.map(([t, met, actual]) => `| ${t} | ${actual} | ${met ? 'met' : '**missed**'} |`).join('\n')}\n\nload average (1 min) ${row.loadAverage}`);
  if (wrong > 0) {
    console.error(`FAILED: ${wrong} cart reads did not answer the seeded cart`);
    process.exitCode = 1;
  } else if (customers === 1_000_000 && withOrders === 100_000 && !values.out) {
    // only the issue's size replaces the committed row
    upsert(join(ROOT, 'bench/results/latest.json'), row);
  } else if (values.out) {
    mkdirSync(values.out, { recursive: true });
    upsert(join(values.out, 'latest.json'), row);
  }
} finally {
  await system.stop();
}

function upsert(file: string, row: ScaleRow): void {
  const rows = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { scenario?: string }[]) : [];
  writeFileSync(file, JSON.stringify([...rows.filter((r) => r.scenario !== '1m-customers'), row], null, 2) + '\n');
  console.log(`wrote the 1m-customers row to ${file}`);
}
