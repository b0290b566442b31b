// The targets for this 2-core machine, checked against a run's figures.
import { find, ratio, SCENARIOS, type ResultRow } from './results.ts';

export interface TargetCheck {
  target: string;
  /** undefined when the run lacks the figures */
  met: boolean | undefined;
  actual: string;
}

export function checkTargets(rows: readonly ResultRow[], details: { checkoutFailures: Record<string, string[]> }): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const add = find(rows, 'add-to-cart', 'store');
  const addRatio = ratio(rows, 'add-to-cart', 'ceiling');
  checks.push({
    target: 'add to cart: ≥ 30% of the ceiling req/s',
    met: addRatio === undefined ? undefined : addRatio >= 0.3,
    actual: addRatio === undefined ? 'n/a' : `${(addRatio * 100).toFixed(1)}%`,
  });
  checks.push({
    target: 'add to cart: p99 < 50 ms at 64 connections',
    met: add === undefined ? undefined : add.p99Ms < 50,
    actual: add === undefined ? 'n/a' : `${add.p99Ms} ms`,
  });
  const checkout = find(rows, 'checkout', 'store');
  const failures = details.checkoutFailures.store;
  checks.push({
    target: 'checkout: ≥ 500 checkouts/s with zero oversell',
    met: checkout === undefined ? undefined : checkout.requestsPerSec >= 500 && checkout.errors === 0 && (failures?.length ?? 0) === 0,
    actual: checkout === undefined ? 'n/a' : `${checkout.requestsPerSec.toFixed(0)}/s, ${failures?.length ? failures.join('; ') : 'sold = stock'}`,
  });
  const inventory = find(rows, 'inventory', 'store');
  checks.push({
    target: 'singleton inventory: ≥ 5,000 entity operations/s',
    met: inventory === undefined ? undefined : inventory.requestsPerSec >= 5000,
    actual: inventory === undefined ? 'n/a' : `${inventory.requestsPerSec.toFixed(0)} ops/s`,
  });
  for (const scenario of SCENARIOS) {
    const r = ratio(rows, scenario, 'restate');
    checks.push({
      target: `ahead of Restate: ${scenario}`,
      met: r === undefined ? undefined : r > 1,
      actual: r === undefined ? 'n/a' : `${r.toFixed(2)}×`,
    });
  }
  return checks;
}
