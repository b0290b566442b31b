// Schemas of the stored entity states and of the values the API returns. Entity glue validates state on
// load (a corrupted state is reported as CorruptState for that entity only) and before setState.
import { z } from 'zod';
import { MAX_COMPLETED_CHECKOUTS, MAX_OUTCOMES } from '../domain/cart';
import { KEY_LENGTH, keyOf, unsealChunk } from '../domain/orderArchive';
import { MAX_RELEASED, type ChunkOpener, type Order, type StoredOrder } from '../domain/orders';
import { ERROR_CODES, fail, ok, type Result } from '../domain/result';
import { Amount, CheckoutId, Description, DisplayText, Id, LineQuantity, Price, StockCount, Timestamp } from './values';

export const InventoryItemSchema = z.strictObject({
  id: Id,
  description: Description,
  price: Price,
  availableStock: StockCount,
  restockThreshold: StockCount,
  maxStockThreshold: StockCount,
  onReorder: z.boolean(),
  origin: DisplayText.optional(),
  roast: DisplayText.optional(),
}).describe('A product with its stock');

export const CartLineSchema = z.strictObject({ itemId: Id, quantity: LineQuantity });

export const SoldLineSchema = z.strictObject({
  itemId: Id,
  quantity: LineQuantity,
  description: Description,
  unitPrice: Price,
});

export const InventoryStateSchema = z.strictObject({
  items: z.array(InventoryItemSchema),
  recentSales: z.array(z.strictObject({ checkoutId: CheckoutId, lines: z.array(SoldLineSchema) })),
});

/** A domain failure as a cart stores it for the client waiting on a write (domain/result.ts DomainError). */
const DomainErrorSchema = z.strictObject({ code: z.enum(ERROR_CODES), message: z.string().max(1000), details: z.unknown().optional() });

export const CartStateSchema = z.strictObject({
  lines: z.array(CartLineSchema),
  checkoutId: CheckoutId.nullable(),
  // absent in carts stored before it existed: read as none
  completedCheckouts: z.array(CheckoutId).max(MAX_COMPLETED_CHECKOUTS).default([]),
  // absent in carts stored before it existed: read as none
  recentWrites: z.array(z.strictObject({ requestId: Id, error: DomainErrorSchema.nullable(), at: z.number().int().min(0) })).max(MAX_OUTCOMES).default([]),
});

export const OrderLineSchema = z.strictObject({
  itemId: Id,
  description: Description,
  unitPrice: Price,
  quantity: z.number().int().min(1),
  lineTotal: Amount,
});

export const OrderSchema = z.strictObject({
  id: Id,
  userId: Id,
  createdAt: Timestamp,
  items: z.array(OrderLineSchema).min(1),
  total: Amount,
  status: z.literal('Placed'),
}).describe('An order with the prices of the moment of its checkout');

/** A sealed chunk of older orders (domain/orderArchive.ts): only its envelope is checked on load. */
export const ArchivedChunkSchema = z.strictObject({ keys: z.string().min(KEY_LENGTH), data: z.string().min(1) });

/** What loading checks of a stored order: what the entity uses (domain/orders.ts StoredOrder). */
const StoredOrderSchema = z.looseObject({ id: Id, createdAt: z.string() });

/**
 * The Orders entity's state as loading checks it: the envelope, and the id and time of each unarchived
 * order (fewer than 2 × ORDERS_PER_CHUNK), never the whole history. Orders are checked in full when added
 * (the operation's input) and when returned (checkedOrders); a chunk's keys when it is opened (openChunkOf).
 */
export const OrdersStateSchema = z.strictObject({
  orders: z.array(StoredOrderSchema),
  archive: z.array(ArchivedChunkSchema).optional(),
  released: z.array(CheckoutId).max(MAX_RELEASED).optional(),
});

const corruptOrders = (entity: string, key: string) =>
  fail<never>('CorruptState', `The stored state of ${entity} '${key}' is invalid; this entity needs repair.`, { entity, key });

/** Opens the archived chunks of one Orders entity: its orders, matching its keys, or CorruptState naming the entity. */
export function openChunkOf(entity: string, key: string): ChunkOpener {
  return (chunk) => {
    let value: unknown;
    try {
      value = unsealChunk(chunk);
    } catch {
      return corruptOrders(entity, key);
    }
    const parsed = z.array(StoredOrderSchema).safeParse(value);
    if (!parsed.success || parsed.data.map((o) => keyOf(o.id)).join('') !== chunk.keys) return corruptOrders(entity, key);
    return ok(parsed.data);
  };
}

/** Stored orders about to be returned, checked in full: the orders, or CorruptState naming the entity. */
export function checkedOrders(entity: string, key: string, orders: readonly StoredOrder[]): Result<Order[]> {
  const parsed = z.array(OrderSchema).safeParse(orders);
  return parsed.success ? ok(parsed.data as Order[]) : corruptOrders(entity, key);
}

export const CartViewSchema = z.strictObject({
  userId: Id,
  items: z.array(z.strictObject({
    itemId: Id,
    quantity: z.number().int().min(1),
    available: z.boolean().describe('false when the product has left the catalog'),
    description: Description.nullable(),
    price: Price.nullable(),
    lineTotal: Amount,
    availableStock: StockCount,
  })),
  totalQuantity: z.number().int().min(0),
  total: Amount,
  checkoutInProgress: z.boolean(),
}).describe('A cart joined with the catalog');

/** The answer of an operator's release of a frozen cart (orchestrations/releaseCheckout.ts Released). */
export const CheckoutReleasedSchema = z.strictObject({
  userId: Id,
  checkoutId: CheckoutId,
  outcome: z.enum(['completed', 'aborted']).describe('completed: the order was recorded, the cart is emptied; aborted: nothing was sold, the cart keeps its lines'),
  order: OrderSchema.nullable().describe('the order, when completed'),
  saleCancelled: z.boolean().describe('aborted only: stock taken by the checkout was put back'),
}).describe('What a release did');

export const ErrorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.string().describe('stable machine-readable code, e.g. OutOfStock'),
    message: z.string(),
    details: z.unknown().optional(),
  }),
}).describe('Every error response');
