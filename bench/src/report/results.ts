// The figures of a run: one row per scenario and system, in the shape of results/latest.json.
import type { ScenarioName } from '../scenarios/scenario.ts';
import type { SystemName } from '../systems/system.ts';

export interface ResultRow {
  scenario: ScenarioName;
  system: SystemName;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** store rows: what the host did per request (host README "Cost per request") */
  ops?: Record<string, number>;
}

/** Rows of other shapes in latest.json: the paired store/floor ratio and the scale run. */
export interface PairedRow {
  scenario: ScenarioName;
  system: 'store/floor paired';
  /** median of the paired rounds' store ÷ floor requests/s */
  ratio: number;
  rounds: number[];
}

/** The store's writes (add to cart, checkout) under one of the host's Azure timing profiles (host README "Engine profiles"). */
export interface ProfileRow {
  scenario: 'add-to-cart' | 'checkout';
  system: `store (${string})`;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  ops?: Record<string, number>;
  /** storage reads one write makes: entity-state reads (the catalog's, the cart's until the write shows) and status reads (an orchestration's until it finishes) */
  readsPerWrite?: number;
}

export interface ScaleRow {
  scenario: '1m-customers';
  system: 'store';
  customers: number;
  customersWithOrders: number;
  rssMb: number;
  startupMs: number;
  coldReadP50Ms: number;
  coldReadP99Ms: number;
  buildSeconds: number;
  /** when it was measured, and the machine's load average (1 min) then */
  date?: string;
  loadAverage?: number;
}

/** the scenarios every system runs (the ceiling and Restate serve these routes) */
export const PEER_SCENARIOS: readonly ScenarioName[] = ['browse', 'add-to-cart', 'read-cart', 'checkout', 'inventory'];
/** the store's own scenarios of a grown store, run last (the 1k catalog would slow every later scenario) */
export const STORE_SCENARIOS: readonly ScenarioName[] = ['checkout-10k-orders', 'order-history', 'add-to-cart-1k-catalog'];
export const SCENARIOS: readonly ScenarioName[] = [...PEER_SCENARIOS, ...STORE_SCENARIOS];
/** every scenario a run can choose: those above, then the store's storefront in a browser */
export const ALL_SCENARIOS: readonly ScenarioName[] = [...SCENARIOS, 'storefront'];
export const SYSTEMS: readonly SystemName[] = ['store', 'ceiling', 'restate'];

export function find(rows: readonly ResultRow[], scenario: ScenarioName, system: SystemName): ResultRow | undefined {
  return rows.find((row) => row.scenario === scenario && row.system === system);
}

/** store requests/s divided by the other system's, undefined when either is missing */
export function ratio(rows: readonly ResultRow[], scenario: ScenarioName, other: SystemName): number | undefined {
  const store = find(rows, scenario, 'store');
  const peer = find(rows, scenario, other);
  if (!store || !peer || peer.requestsPerSec === 0) return undefined;
  return store.requestsPerSec / peer.requestsPerSec;
}

/** rounds for the JSON file: whole requests/s above 100, latency to 0.1 ms */
export function rounded(row: ResultRow): ResultRow {
  const r = (value: number, digits: number) => Number(value.toFixed(digits));
  return { ...row, requestsPerSec: r(row.requestsPerSec, row.requestsPerSec >= 100 ? 0 : 1), p50Ms: r(row.p50Ms, 1), p99Ms: r(row.p99Ms, 1) };
}
