// Every scenario by name, and what one needs first when it runs on its own (npm run profile, npm run compare)
// rather than in a full run's order.
import type { Settings } from '../settings.ts';
import type { SystemUnderTest } from '../systems/system.ts';
import { checkout } from './checkout.ts';
import { inventory } from './inventory.ts';
import type { Scenario, ScenarioName } from './scenario.ts';
import { addToCart, browse, readCart } from './simple.ts';
import { addToCart1kCatalog, checkout10kOrders, orderHistory } from './bigStore.ts';
import { storefront } from './storefront.ts';

export const SCENARIO_OF: Record<ScenarioName, Scenario> = {
  browse,
  'add-to-cart': addToCart,
  'read-cart': readCart,
  checkout,
  inventory,
  'checkout-10k-orders': checkout10kOrders,
  'order-history': orderHistory,
  'add-to-cart-1k-catalog': addToCart1kCatalog,
  storefront,
};

/** the scenario of that name (own names only: `constructor` is none) */
export function scenarioNamed(name: string): Scenario | undefined {
  return Object.hasOwn(SCENARIO_OF, name) ? SCENARIO_OF[name as ScenarioName] : undefined;
}

/** read-cart reads the carts add-to-cart fills: a full run has just filled them, a lone run fills them first */
export async function prepareAlone(scenario: Scenario, system: SystemUnderTest, settings: Settings): Promise<void> {
  if (scenario === readCart) await addToCart.run(system, { ...settings, durationSec: 2 });
}
