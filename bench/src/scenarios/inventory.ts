// The singleton Inventory under fire: many signals (one-way "add 1 unit" operations through the durable client
// API) and checkout orchestrations (each commits one sale on the inventory) at once. Throughput is PROVEN from
// state, not assumed: operations = stock added by signals + units sold by checkouts, read back after the run,
// over the time from the first request until every accepted signal is visible in the entity's state.
import { waitFor } from '../harness/http.ts';
import { perRequest } from '../harness/ops.ts';
import { runLoad } from '../harness/load.ts';
import type { SystemUnderTest } from '../systems/system.ts';
import { createItem, MAX_STOCK, stockOf } from './catalog.ts';
import { fillCarts } from './checkout.ts';
import type { Scenario, ScenarioResult } from './scenario.ts';

let runs = 0;

/**
 * Polls the product's stock until it is at least `atLeast` and has not changed for 300 ms; returns it and the
 * moment it was first seen.
 */
async function settled(system: SystemUnderTest, itemId: string, atLeast: number): Promise<{ value: number; firstSeenAt: number }> {
  let last = -1;
  let firstSeenAt = performance.now();
  return waitFor(`stock of ${itemId} to reach ${atLeast} and settle`, 300_000, async () => {
    const value = await stockOf(system, itemId);
    const now = performance.now();
    if (value !== last) {
      last = value;
      firstSeenAt = now;
    }
    return value >= atLeast && now - firstSeenAt >= 300 ? { value, firstSeenAt } : undefined;
  }, 20);
}

export const inventory: Scenario = {
  name: 'inventory',
  async run(system, settings): Promise<ScenarioResult> {
    const run = ++runs;
    const counter = `signalled-${run}`;
    const sold = `sold-${run}`;
    await createItem(system, counter, 0);
    await createItem(system, sold, MAX_STOCK);
    await fillCarts(system, settings, `orch${run}`, settings.inventoryCheckoutCarts, sold);

    const signal = system.signalAddStock(counter);
    // a fixed number of warm-up signals: a system that accepts signals faster than it applies them would
    // otherwise have a timed warm-up's backlog to work off first
    const warmup = await runLoad({
      origin: system.origin, connections: settings.inventorySignalConnections, durationSec: 0,
      amount: settings.inventorySignalConnections * 50, request: () => signal, expectedStatuses: [202],
    });
    // the warm-up's signals (those answered and those still in flight when it stopped) must all be applied
    // before the measured phase starts from a known count
    const counterBefore = (await settled(system, counter, warmup.statuses[202] ?? 0)).value;

    const countersBefore = await system.counters?.();
    const started = performance.now();
    const [signals, checkouts] = await Promise.all([
      runLoad({
        origin: system.origin, connections: settings.inventorySignalConnections, durationSec: settings.durationSec,
        request: () => signal, expectedStatuses: [202],
      }),
      runLoad({
        origin: system.origin, connections: settings.inventoryCheckoutConnections, durationSec: settings.durationSec,
        // a buyer whose cart is already sold gets a 409 (empty cart), which touches no inventory
        request: (i) => ({ method: 'POST', path: `/api/user/orch${run}-${i % settings.inventoryCheckoutCarts}/order/checkout` }),
        expectedStatuses: [201, 409],
      }),
    ]);
    // Requests still in flight when the load generator stops were sent but never counted, so the state may
    // hold up to one more operation per connection than the answers say: wait until every accepted signal is
    // applied and the count has settled, and time the run until the settled count was first seen.
    const accepted = signals.statuses[202] ?? 0;
    const final = await settled(system, counter, counterBefore + accepted);
    const applied = final.value - counterBefore;
    const elapsedSec = (final.firstSeenAt - started) / 1000;
    const unitsSold = MAX_STOCK - (await stockOf(system, sold));
    const placed = checkouts.statuses[201] ?? 0;
    const operations = applied + unitsSold;
    const countersAfter = countersBefore && (await system.counters?.());
    const ops = countersBefore && countersAfter && Object.keys(countersAfter).length > 0 ? perRequest(countersBefore, countersAfter, signals.requests + checkouts.requests) : undefined;

    const failures: string[] = [];
    if (applied > accepted + settings.inventorySignalConnections) failures.push(`signals applied ${applied} > signals accepted ${accepted} + in flight ${settings.inventorySignalConnections}`);
    if (unitsSold < placed || unitsSold > placed + settings.inventoryCheckoutConnections) failures.push(`units sold ${unitsSold} does not match checkouts placed ${placed} (+ at most ${settings.inventoryCheckoutConnections} in flight)`);
    return {
      ...(ops ? { ops } : {}),
      requestsPerSec: operations / elapsedSec,
      p50Ms: signals.p50Ms,
      p99Ms: signals.p99Ms,
      errors: signals.errors + checkouts.errors,
      details: {
        operations,
        signalsApplied: applied,
        signalsAccepted: accepted,
        unitsSold,
        checkoutsPlaced: placed,
        secondsUntilApplied: elapsedSec,
        loadSec: settings.durationSec,
        signalStatuses: signals.statuses,
        checkoutStatuses: checkouts.statuses,
        checkoutP50Ms: checkouts.p50Ms,
        checkoutP99Ms: checkouts.p99Ms,
        samples: [...signals.samples, ...checkouts.samples],
      },
      failures,
    };
  },
};
