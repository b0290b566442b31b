// Inputs of entity operations. Orchestrations are the only callers, but entities still validate every
// input (stored state must never be built from unchecked data).
import { z } from 'zod';
import { CartLineSchema, InventoryItemSchema, OrderSchema } from './state';
import { CheckoutId, Id, Quantity, StockCount } from './values';

/** A product as stored, less onReorder, which the domain computes (domain/inventory.ts NewItem). */
const NewItemInput = InventoryItemSchema.omit({ onReorder: true });

export const InventoryOps = {
  get: z.unknown(),
  createItem: z.strictObject({ item: NewItemInput }),
  addStock: z.strictObject({ itemId: Id, quantity: Quantity }),
  commitSale: z.strictObject({ checkoutId: CheckoutId, lines: z.array(CartLineSchema) }),
  forgetSale: z.strictObject({ checkoutId: CheckoutId }),
  cancelSale: z.strictObject({ checkoutId: CheckoutId }),
};

export const CartOps = {
  get: z.unknown(),
  /** availableStock: the product's stock just read from the inventory, null when it is not in the catalog */
  /** requestId: set by an HTTP function that signals the write and waits for its outcome (domain/cart.ts recordWrite) */
  add: z.strictObject({ itemId: Id, quantity: Quantity, availableStock: StockCount.nullable(), requestId: Id.optional() }),
  remove: z.strictObject({ itemId: Id, quantity: Quantity.optional(), requestId: Id.optional() }),
  beginCheckout: z.strictObject({ checkoutId: CheckoutId }),
  completeCheckout: z.strictObject({ checkoutId: CheckoutId }),
  abortCheckout: z.strictObject({ checkoutId: CheckoutId }),
};

export const OrdersOps = {
  add: z.strictObject({ order: OrderSchema }),
  get: z.strictObject({ orderId: Id }),
  release: z.strictObject({ checkoutId: CheckoutId }),
};
