// The catalog every system gets before the scenarios: the same products everywhere (the host's sample catalog
// is not seeded), with stock and thresholds high enough that the carts of a run never run out.
import { expectStatus } from '../harness/http.ts';
import type { SystemUnderTest } from '../systems/system.ts';

export const MAX_STOCK = 1_000_000;

export const CATALOG_IDS = ['espresso-roast', 'house-blend', 'ethiopia-yirgacheffe', 'colombia-supremo', 'sumatra-mandheling', 'decaf-swiss-water'];

export function newItem(id: string, availableStock: number) {
  return { id, description: `Bench product ${id}`, price: 9.95, availableStock, restockThreshold: 0, maxStockThreshold: MAX_STOCK };
}

export async function createCatalog(system: SystemUnderTest): Promise<void> {
  for (const id of CATALOG_IDS) await createItem(system, id, MAX_STOCK);
}

export async function createItem(system: SystemUnderTest, id: string, stock: number): Promise<void> {
  await expectStatus(system.origin, 'POST', '/api/store/inventory', newItem(id, stock), 201);
}

export async function stockOf(system: SystemUnderTest, id: string): Promise<number> {
  const response = await expectStatus(system.origin, 'GET', `/api/store/inventory/${id}`, undefined, 200);
  return (response.body as { availableStock: number }).availableStock;
}
