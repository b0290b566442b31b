// The three steady-state scenarios: one request shape each, a warm-up, then a timed measurement.
import { runLoad, type LoadRequest } from '../harness/load.ts';
import { countOps } from '../harness/ops.ts';
import type { Settings } from '../settings.ts';
import type { SystemUnderTest } from '../systems/system.ts';
import { CATALOG_IDS } from './catalog.ts';
import type { Scenario, ScenarioName, ScenarioResult } from './scenario.ts';

const customer = (i: number, settings: Settings) => `customer-${i % settings.customers}`;
// customer i gets products in turn, so carts hold several lines
const product = (i: number, settings: Settings) => CATALOG_IDS[Math.floor(i / settings.customers) % CATALOG_IDS.length]!;

/** requests per connection of the phase that counts the cost of a request */
const COUNTED_PER_CONNECTION = 20;

export async function timed(system: SystemUnderTest, settings: Settings, request: (i: number) => LoadRequest): Promise<ScenarioResult> {
  const base = { origin: system.origin, connections: settings.connections, request, expectedStatuses: [200] };
  const warmup = await runLoad({ ...base, durationSec: settings.warmupSec });
  const load = await runLoad({ ...base, durationSec: settings.durationSec });
  // the cost per request is counted over a fixed number of requests, every one answered: a timed phase
  // ends with requests in flight whose work the counters see but whose answers it does not count
  const { ops } = await countOps(system, () => runLoad({ ...base, durationSec: 0, amount: settings.connections * COUNTED_PER_CONNECTION }));
  return {
    ...(ops ? { ops } : {}),
    requestsPerSec: load.requestsPerSec,
    p50Ms: load.p50Ms,
    p99Ms: load.p99Ms,
    errors: load.errors,
    details: { requests: load.requests, durationSec: load.durationSec, statuses: load.statuses, samples: load.samples, warmupErrors: warmup.errors },
    failures: [],
  };
}

const simple = (name: ScenarioName, request: (i: number, settings: Settings) => LoadRequest): Scenario => ({
  name,
  run: (system, settings) => timed(system, settings, (i) => request(i, settings)),
});

export const browse = simple('browse', () => ({ method: 'GET', path: '/api/store' }));

export const addToCart = simple('add-to-cart', (i, settings) => ({
  method: 'POST',
  path: `/api/user/${customer(i, settings)}/shoppingCart/${product(i, settings)}`,
  body: { quantity: 1 },
}));

/** reads the carts add-to-cart filled (run after it) */
export const readCart = simple('read-cart', (i, settings) => ({ method: 'GET', path: `/api/user/${customer(i, settings)}/shoppingCart` }));
