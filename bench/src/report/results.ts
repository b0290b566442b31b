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
}

/** the throughput scenarios, compared across systems (tables, chart, targets) */
export const SCENARIOS: readonly ScenarioName[] = ['browse', 'add-to-cart', 'read-cart', 'checkout', 'inventory'];
/** every scenario a run can choose: the throughput ones, then the store's storefront in a browser */
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
