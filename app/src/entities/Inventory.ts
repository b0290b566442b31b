// The Inventory entity: ONE instance (key INVENTORY_KEY) holding every product and its stock.
import * as df from 'durable-functions';
import { InventoryOps } from '../contracts/operations';
import { InventoryStateSchema } from '../contracts/state';
import { addStock, cancelSale, commitSale, createItem, forgetSale, type InventoryState } from '../domain/inventory';
import { ok } from '../domain/result';
import { initialInventory } from './initialState';
import { INVENTORY_ENTITY } from './names';
import { entityHandler, operation, type EntityDefinition } from './operation';

export const inventoryDefinition: EntityDefinition<InventoryState> = {
  name: INVENTORY_ENTITY,
  state: InventoryStateSchema,
  initial: initialInventory,
  operations: {
    get: operation(InventoryOps.get, (state: InventoryState) => ({ result: ok({ items: state.items }) })),
    createItem: operation(InventoryOps.createItem, (state: InventoryState, { item }) => {
      const r = createItem(state, item);
      return r.ok ? { state: r.value.state, result: ok(r.value.item) } : { result: r };
    }),
    addStock: operation(InventoryOps.addStock, (state: InventoryState, { itemId, quantity }) => {
      const r = addStock(state, itemId, quantity);
      return r.ok ? { state: r.value.state, result: ok(r.value.item) } : { result: r };
    }),
    commitSale: operation(InventoryOps.commitSale, (state: InventoryState, { checkoutId, lines }) => {
      const r = commitSale(state, checkoutId, lines);
      return r.ok ? { state: r.value.state, result: ok(r.value.sold) } : { result: r };
    }),
    forgetSale: operation(InventoryOps.forgetSale, (state: InventoryState, { checkoutId }) => {
      const next = forgetSale(state, checkoutId);
      return next === state ? { result: ok(null) } : { state: next, result: ok(null) };
    }),
    // returns whether a sale was undone (false when none is recorded under that id)
    cancelSale: operation(InventoryOps.cancelSale, (state: InventoryState, { checkoutId }) => {
      const next = cancelSale(state, checkoutId);
      return next === state ? { result: ok(false) } : { state: next, result: ok(true) };
    }),
  },
};

df.app.entity(INVENTORY_ENTITY, entityHandler(inventoryDefinition));
