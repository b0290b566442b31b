// Checkout with stock contention: more buyers than units. Every buyer has a one-unit cart of the same product;
// each checks out exactly once. Correct means: units sold = the stock that existed (no oversell, no undersell),
// orders placed = units sold, and every other buyer got a 409.
import { runLoad } from '../harness/load.ts';
import { countOps } from '../harness/ops.ts';
import type { Settings } from '../settings.ts';
import type { SystemUnderTest } from '../systems/system.ts';
import { createItem, MAX_STOCK, stockOf } from './catalog.ts';
import type { Scenario, ScenarioResult } from './scenario.ts';

/** Gives `count` customers named `${prefix}-${i}` a cart with one unit of `itemId` (setup, not measured). */
export async function fillCarts(system: SystemUnderTest, settings: Settings, prefix: string, count: number, itemId: string): Promise<void> {
  const fill = await runLoad({
    origin: system.origin,
    connections: settings.connections,
    durationSec: 0,
    amount: count,
    request: (i) => ({ method: 'POST', path: `/api/user/${prefix}-${i}/shoppingCart/${itemId}`, body: { quantity: 1 } }),
    expectedStatuses: [200],
  });
  if (fill.errors > 0 || fill.requests !== count) {
    throw new Error(`filling ${count} carts failed: ${fill.requests} answered, ${fill.errors} errors ${JSON.stringify(fill.statuses)} ${fill.samples.join(' | ')}`);
  }
}

let runs = 0;

export const checkout: Scenario = {
  name: 'checkout',
  async run(system, settings): Promise<ScenarioResult> {
    const run = ++runs;
    const limited = `limited-${run}`;
    const warm = `warm-${run}`;
    const warmBuyers = Math.max(50, Math.round(settings.checkoutBuyers / 10));
    await createItem(system, limited, settings.checkoutStock);
    await createItem(system, warm, MAX_STOCK);
    await fillCarts(system, settings, `buyer${run}`, settings.checkoutBuyers, limited);
    await fillCarts(system, settings, `warm${run}`, warmBuyers, warm);

    const base = { origin: system.origin, connections: settings.connections, durationSec: 0, expectedStatuses: [201, 409] };
    await runLoad({ ...base, amount: warmBuyers, request: (i) => ({ method: 'POST', path: `/api/user/warm${run}-${i}/order/checkout` }) });
    const { result: load, ops } = await countOps(system, () => runLoad({ ...base, amount: settings.checkoutBuyers, request: (i) => ({ method: 'POST', path: `/api/user/buyer${run}-${i}/order/checkout` }) }));

    const placed = load.statuses[201] ?? 0;
    const sold = settings.checkoutStock - (await stockOf(system, limited));
    const expected = Math.min(settings.checkoutStock, settings.checkoutBuyers);
    const failures: string[] = [];
    if (sold !== expected) failures.push(`units sold ${sold} != stock that existed ${expected}`);
    if (placed !== sold) failures.push(`orders placed ${placed} != units sold ${sold}`);
    if ((load.statuses[409] ?? 0) !== settings.checkoutBuyers - placed) failures.push(`409s ${load.statuses[409] ?? 0} != buyers turned away ${settings.checkoutBuyers - placed}`);
    return {
      ...(ops ? { ops } : {}),
      requestsPerSec: load.requestsPerSec,
      p50Ms: load.p50Ms,
      p99Ms: load.p99Ms,
      errors: load.errors,
      details: {
        buyers: settings.checkoutBuyers,
        stock: settings.checkoutStock,
        placed,
        unitsSold: sold,
        placedPerSec: placed / load.durationSec,
        durationSec: load.durationSec,
        statuses: load.statuses,
        samples: load.samples,
      },
      failures,
    };
  },
};
