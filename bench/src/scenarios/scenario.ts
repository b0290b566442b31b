import type { Settings } from '../settings.ts';
import type { SystemName, SystemUnderTest } from '../systems/system.ts';

export type ScenarioName = 'browse' | 'add-to-cart' | 'read-cart' | 'checkout' | 'inventory' | 'checkout-10k-orders' | 'order-history' | 'add-to-cart-1k-catalog' | 'storefront';

export interface ScenarioResult {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** what else was measured or checked, for the console and results/latest-details.json */
  details: Record<string, unknown>;
  /** correctness checks that failed (empty when all passed) */
  failures: string[];
  /** what the host did per measured request (systems with counters only; host README "Cost per request") */
  ops?: Record<string, number>;
}

export interface Scenario {
  readonly name: ScenarioName;
  /** the systems it applies to (all when absent): the storefront exists only on the store */
  readonly systems?: readonly SystemName[];
  run(system: SystemUnderTest, settings: Settings): Promise<ScenarioResult>;
  /** data the store needs before it starts (written into its SQLite file), for scenarios of a big store */
  seedStore?(settings: Settings): (dataPath: string) => Promise<void>;
}
