// Sizes and durations of a run. `npm run bench` uses FULL; `--quick` (and the smoke test) use QUICK.
export interface Settings {
  /** keep-alive connections of the load generator (the targets are at 64) */
  connections: number;
  /** seconds of each thrown-away warm-up phase */
  warmupSec: number;
  /** seconds of each measured phase */
  durationSec: number;
  /** customers the add-to-cart and read-cart scenarios spread over */
  customers: number;
  /** checkout: customers with a one-unit cart, and the units in stock for them (fewer: they contend) */
  checkoutBuyers: number;
  checkoutStock: number;
  /** inventory: connections sending signals, connections running checkout orchestrations, carts ready for them */
  inventorySignalConnections: number;
  inventoryCheckoutConnections: number;
  inventoryCheckoutCarts: number;
  /** add-to-cart-1k-catalog: products in the big catalog */
  bigCatalogProducts: number;
  /** checkout-10k-orders and order-history: customers with a long order history, and its length */
  heavyCustomers: number;
  ordersPerHeavyCustomer: number;
  /** checkout-10k-orders: rounds of (fill every heavy customer's cart, check them all out) */
  heavyCheckoutRounds: number;
}

export const FULL: Settings = {
  connections: 64,
  warmupSec: 3,
  durationSec: 10,
  customers: 1000,
  checkoutBuyers: 5000,
  checkoutStock: 3500,
  inventorySignalConnections: 48,
  inventoryCheckoutConnections: 16,
  inventoryCheckoutCarts: 12000,
  bigCatalogProducts: 1000,
  heavyCustomers: 64,
  ordersPerHeavyCustomer: 10_000,
  heavyCheckoutRounds: 16,
};

export const QUICK: Settings = {
  connections: 16,
  warmupSec: 1,
  durationSec: 2,
  customers: 100,
  checkoutBuyers: 300,
  checkoutStock: 200,
  inventorySignalConnections: 12,
  inventoryCheckoutConnections: 4,
  inventoryCheckoutCarts: 200,
  bigCatalogProducts: 200,
  heavyCustomers: 16,
  ordersPerHeavyCustomer: 1000,
  heavyCheckoutRounds: 3,
};
