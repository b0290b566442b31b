// The small sample catalog a fresh store starts with (seeded once, only into a store that has no state).
import { createItem, emptyInventory, type InventoryState, type NewItem } from './inventory';

export const SAMPLE_CATALOG: readonly NewItem[] = [
  { id: 'espresso-roast', description: 'Espresso Roast, 250 g whole beans', price: 12.5, availableStock: 40, restockThreshold: 10, maxStockThreshold: 100, origin: 'Brazil, Colombia', roast: 'dark' },
  { id: 'house-blend', description: 'House Blend, 250 g ground', price: 9.95, availableStock: 60, restockThreshold: 15, maxStockThreshold: 150, origin: 'Latin America', roast: 'medium' },
  { id: 'ethiopia-yirgacheffe', description: 'Ethiopia Yirgacheffe, 250 g whole beans', price: 14.2, availableStock: 25, restockThreshold: 5, maxStockThreshold: 60, origin: 'Ethiopia', roast: 'light' },
  { id: 'colombia-supremo', description: 'Colombia Supremo, 250 g whole beans', price: 11.75, availableStock: 30, restockThreshold: 8, maxStockThreshold: 80, origin: 'Colombia', roast: 'medium' },
  { id: 'sumatra-mandheling', description: 'Sumatra Mandheling, 250 g whole beans', price: 13.4, availableStock: 20, restockThreshold: 5, maxStockThreshold: 50, origin: 'Indonesia', roast: 'dark' },
  { id: 'decaf-swiss-water', description: 'Decaf Swiss Water, 250 g ground', price: 10.3, availableStock: 15, restockThreshold: 5, maxStockThreshold: 40, origin: 'Peru', roast: 'medium' },
];

export function sampleInventory(): InventoryState {
  let state = emptyInventory();
  for (const item of SAMPLE_CATALOG) {
    const created = createItem(state, item);
    if (created.ok) state = created.value.state;
  }
  return state;
}
