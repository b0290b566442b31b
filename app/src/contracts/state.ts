// Schemas of the stored entity states and of the values the API returns. Entity glue validates state on
// load (a corrupted state is reported as CorruptState for that entity only) and before setState.
import { z } from 'zod';
import { MAX_COMPLETED_CHECKOUTS, MAX_OUTCOMES } from '../domain/cart';
import { ERROR_CODES } from '../domain/result';
import { CheckoutId, Description, DisplayText, Id, LineQuantity, Price, StockCount, Timestamp } from './values';

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
  lineTotal: z.number().min(0),
});

export const OrderSchema = z.strictObject({
  id: Id,
  userId: Id,
  createdAt: Timestamp,
  items: z.array(OrderLineSchema).min(1),
  total: z.number().min(0),
  status: z.literal('Placed'),
}).describe('An order with the prices of the moment of its checkout');

export const OrdersStateSchema = z.strictObject({ orders: z.array(OrderSchema) });

export const CartViewSchema = z.strictObject({
  userId: Id,
  items: z.array(z.strictObject({
    itemId: Id,
    quantity: z.number().int().min(1),
    available: z.boolean().describe('false when the product has left the catalog'),
    description: Description.nullable(),
    price: Price.nullable(),
    lineTotal: z.number().min(0),
    availableStock: StockCount,
  })),
  totalQuantity: z.number().int().min(0),
  total: z.number().min(0),
  checkoutInProgress: z.boolean(),
}).describe('A cart joined with the catalog');

export const ErrorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.string().describe('stable machine-readable code, e.g. OutOfStock'),
    message: z.string(),
    details: z.unknown().optional(),
  }),
}).describe('Every error response');
