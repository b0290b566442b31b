// A short smoke run of the harness against the ceiling only (no load worth the name: ~1 s per phase), plus the
// report's pure pieces. Speed is never asserted here: benchmarks belong to `npm run bench`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBench } from '../src/bench.ts';
import { median, summarizePaired } from '../src/compare/paired.ts';
import { percentile } from '../src/harness/load.ts';
import { ratioChartSvg, renderPng } from '../src/report/chart.ts';
import { ratio, type ResultRow } from '../src/report/results.ts';
import { checkTargets } from '../src/report/targets.ts';
import { opsTable } from '../src/report/table.ts';
import { perRequest } from '../src/harness/ops.ts';
import type { Settings } from '../src/settings.ts';

const SMOKE: Settings = {
  connections: 4,
  warmupSec: 0.5,
  durationSec: 1,
  customers: 20,
  checkoutBuyers: 60,
  checkoutStock: 40,
  inventorySignalConnections: 3,
  inventoryCheckoutConnections: 1,
  inventoryCheckoutCarts: 30,
  bigCatalogProducts: 20,
  heavyCustomers: 2,
  ordersPerHeavyCustomer: 120,
  heavyCheckoutRounds: 1,
};

const out = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('a smoke run against the ceiling', () => {
  it('measures every scenario, checks checkout correctness and writes the JSON and the PNG', async () => {
    const report = await runBench({ settings: SMOKE, systems: ['ceiling'], outDir: out, log: () => {} });

    expect(report.failures).toEqual({});
    expect(report.rows.map((r) => r.scenario)).toEqual(['browse', 'add-to-cart', 'read-cart', 'checkout', 'inventory']);
    for (const row of report.rows) {
      expect(row.system).toBe('ceiling');
      expect(row.errors).toBe(0);
      expect(row.requestsPerSec).toBeGreaterThan(0);
      expect(row.p99Ms).toBeGreaterThanOrEqual(row.p50Ms);
    }
    // the checkout sold exactly the stock that existed and turned the other buyers away
    expect(report.details['ceiling/checkout']).toMatchObject({ unitsSold: 40, placed: 40, statuses: { 201: 40, 409: 20 } });

    const written = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as ResultRow[];
    expect(written).toEqual(report.rows);
    expect(Object.keys(written[0]!).sort()).toEqual(['errors', 'p50Ms', 'p99Ms', 'requestsPerSec', 'scenario', 'system']);
    expect(readFileSync(join(out, 'ratios.png')).subarray(1, 4).toString()).toBe('PNG');
  }, 60_000);
});

describe('the report', () => {
  const rows: ResultRow[] = [
    { scenario: 'add-to-cart', system: 'store', requestsPerSec: 3000, p50Ms: 10, p99Ms: 40, errors: 0 },
    { scenario: 'add-to-cart', system: 'ceiling', requestsPerSec: 12000, p50Ms: 1, p99Ms: 3, errors: 0 },
    { scenario: 'add-to-cart', system: 'restate', requestsPerSec: 1000, p50Ms: 50, p99Ms: 90, errors: 0 },
  ];

  it('takes ratios of the store to the others and judges the targets by them', () => {
    expect(ratio(rows, 'add-to-cart', 'ceiling')).toBe(0.25);
    expect(ratio(rows, 'add-to-cart', 'restate')).toBe(3);
    expect(ratio(rows, 'browse', 'restate')).toBeUndefined();
    const checks = checkTargets(rows, { checkoutFailures: {} });
    expect(checks.find((c) => c.target.startsWith('add to cart ÷ SQLite ceiling'))).toMatchObject({ actual: '25.0%' });
    expect(checks.find((c) => c.target.startsWith('add to cart: ≥ 0.90'))).toMatchObject({ met: undefined, actual: 'not measured' });
    expect(checks.find((c) => c.target.startsWith('add to cart: p99'))).toMatchObject({ met: true });
    expect(checks.find((c) => c.target === 'ahead of Restate: add-to-cart')).toMatchObject({ met: true });
    expect(checks.find((c) => c.target.startsWith('checkout'))!.met).toBeUndefined();
  });

  it('judges the grown-store, cost, paired and scale targets', () => {
    const grown: ResultRow[] = [
      { ...rows[0]!, ops: { signals: 1, entityStateReads: 3 } },
      { scenario: 'add-to-cart-1k-catalog', system: 'store', requestsPerSec: 2500, p50Ms: 10, p99Ms: 40, errors: 0 },
      { scenario: 'checkout', system: 'store', requestsPerSec: 500, p50Ms: 10, p99Ms: 40, errors: 0, ops: { entityOperations: 7 } },
      { scenario: 'checkout-10k-orders', system: 'store', requestsPerSec: 300, p50Ms: 10, p99Ms: 40, errors: 0 },
      { scenario: 'order-history', system: 'store', requestsPerSec: 900, p50Ms: 10, p99Ms: 49.9, errors: 0 },
    ];
    const checks = checkTargets(grown, {
      checkoutFailures: {},
      paired: [{ scenario: 'add-to-cart', system: 'store/floor paired', ratio: 0.91, rounds: [0.9, 0.91, 0.95] }],
      scale: { scenario: '1m-customers', system: 'store', customers: 1e6, customersWithOrders: 1e5, rssMb: 600, startupMs: 1500, coldReadP50Ms: 1, coldReadP99Ms: 4, buildSeconds: 30 },
      details: { 'store/checkout-10k-orders': { ratioToFresh: 0.95 } },
    });
    const met = (prefix: string) => checks.find((c) => c.target.startsWith(prefix))?.met;
    expect(met('add to cart: ≥ 0.90')).toBe(true);
    expect(met('add-to-cart-1k-catalog')).toBe(true); // 2500 / 3000 = 0.83
    expect(met('checkout-10k-orders')).toBe(false); // 300 / 500 = 0.6
    expect(checks.find((c) => c.target.startsWith('checkout-10k-orders'))!.actual).toContain('0.95×');
    expect(met('order-history')).toBe(true);
    expect(met('1M customers (100k with orders): host RSS')).toBe(false);
    expect(met('1M customers: start-up')).toBe(true);
    expect(met('1M customers: cold cart read')).toBe(true);
    expect(met('add to cart: ≤ 1 signal')).toBe(true);
    expect(met('add to cart: ≤ 2 entity-state reads')).toBe(false);
    expect(met('checkout: ≤ 6 entity operations')).toBe(false);
    const table = opsTable(grown);
    expect(table).toContain('| add-to-cart | 1.00 |');
    expect(table.split('\n')).toHaveLength(2 + 2); // header, rule, the two rows with counters
  });

  it('divides counter deltas by the requests of the phase', () => {
    expect(perRequest({ signals: 10, entityStateReads: 5 }, { signals: 30, entityStateReads: 45 }, 20)).toEqual({ signals: 1, entityStateReads: 2 });
    expect(perRequest({}, { signals: 3 }, 0)).toEqual({ signals: 0 });
  });

  it('takes nearest-rank percentiles', () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(new Float64Array(0), 99)).toBe(0);
  });

  it('draws a bar per measured ratio and renders it to PNG', () => {
    const svg = ratioChartSvg(rows, 'test');
    expect(svg).toContain('25.0%');
    expect(svg).toContain('3.00×');
    expect(renderPng(svg).subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('a paired comparison', () => {
  it('takes B over A per round and their median', () => {
    const summary = summarizePaired([
      { a: 1000, b: 1100, first: 'a' },
      { a: 2000, b: 1800, first: 'b' },
      { a: 1000, b: 1050, first: 'a' },
    ]);
    expect(summary.ratios).toEqual([1.1, 0.9, 1.05]);
    expect(summary.median).toBe(1.05);
    expect(summary).toMatchObject({ min: 0.9, max: 1.1 });
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('the command lines', () => {
  const cli = (script: string, ...args: string[]) =>
    spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', `src/${script}`, ...args], { cwd: join(import.meta.dirname, '..'), encoding: 'utf8' });

  it('print the usage for --help and exit 0', () => {
    for (const script of ['run.ts', 'profile/main.ts', 'compare/main.ts']) {
      const run = cli(script, '--help');
      expect(run.status, script).toBe(0);
      expect(run.stdout, script).toMatch(/^Usage: npm run /);
    }
  }, 60_000);

  it('refuse a mistake with one line and the usage, exit 2, before starting anything', () => {
    const app = join(import.meta.dirname, '../../app');
    const cases: [string, string[], RegExp][] = [
      ['run.ts', ['--bogus'], /^Error: Unknown option '--bogus'/],
      ['run.ts', ['--systems', 'store,nginx'], /^Error: unknown systems: nginx/],
      ['run.ts', ['--app', 'nowhere'], /^Error: .*nowhere is not a built app/],
      ['run.ts', ['--paired-rounds', 'two'], /^Error: --paired-rounds must be a whole number/],
      ['run.ts', ['--profiles', 'cosmos'], /^Error: unknown engine profiles: cosmos/],
      ['run.ts', ['--scenarios', 'add-to-cart,1m'], /^Error: unknown scenarios: 1m/],
      ['profile/main.ts', ['--scenario', 'constructor'], /^Error: unknown scenario constructor/],
      ['compare/main.ts', ['--a', 'x'], /^Error: --a and --b name the two builds/],
      ['compare/main.ts', ['--a', 'nowhere', '--b', 'nowhere'], /^Error: .*nowhere is not a built app/],
      ['compare/main.ts', ['--a', app, '--b', app, '--rounds', 'two'], /^Error: --rounds must be a positive integer/],
    ];
    for (const [script, args, message] of cases) {
      const run = cli(script, ...args);
      expect(run.status, `${script} ${args.join(' ')}`).toBe(2);
      expect(run.stderr, `${script} ${args.join(' ')}`).toMatch(message);
      expect(run.stderr).toMatch(/\nUsage: npm run /);
    }
    // each case starts a Node process: seconds on a loaded machine
  }, 120_000);
});
