import type { Settings } from '../settings.ts';
import type { SystemName, SystemUnderTest } from '../systems/system.ts';

export type ScenarioName = 'browse' | 'add-to-cart' | 'read-cart' | 'checkout' | 'inventory' | 'storefront';

export interface ScenarioResult {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** what else was measured or checked, for the console and results/latest-details.json */
  details: Record<string, unknown>;
  /** correctness checks that failed (empty when all passed) */
  failures: string[];
}

export interface Scenario {
  readonly name: ScenarioName;
  /** the systems it applies to (all when absent): the storefront exists only on the store */
  readonly systems?: readonly SystemName[];
  run(system: SystemUnderTest, settings: Settings): Promise<ScenarioResult>;
}
