// Value schemas shared by request bodies, route values and stored entity state.
import { z } from 'zod';
import { isMoney } from '../domain/money';

/** Ids of products, customers, orders and idempotency keys: a charset safe in URLs, instance ids and logs. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const Id = z.string().regex(ID_PATTERN, { error: 'must be 1-64 characters of A-Z a-z 0-9 _ -' });

/** Units in one request: a positive safe integer with a sane upper bound. */
export const MAX_QUANTITY = 10_000;
export const Quantity = z.number().int().min(1).max(MAX_QUANTITY);

/** Stock levels and thresholds. */
export const MAX_STOCK = 1_000_000;
export const StockCount = z.number().int().min(0).max(MAX_STOCK);

/** Units on a stored line (cart, sale): it may sum several requests, so the bound is MAX_STOCK, not MAX_QUANTITY. */
export const LineQuantity = z.number().int().min(1).max(MAX_STOCK);

/** A checkout's id (orchestrations/checkoutId.ts); the bound keeps stored state sane. */
export const CheckoutId = z.string().min(1).max(200);

/**
 * A price in currency units with at most two decimals (computed in cents: domain/money.ts). Checked with
 * isMoney, not multipleOf(0.01): in JSON Schema, multipleOf 0.01 makes validators in their default settings
 * reject 9.95 (9.95 / 0.01 is not an integer in binary floating point), so the document states the rule in
 * the description instead.
 */
export const Price = z
  .number()
  .min(0)
  .max(100_000)
  .refine(isMoney, { error: 'must be an amount with at most two decimals (a whole number of cents)' })
  .describe('at most two decimals');

/** A sum of prices (line totals, order and cart totals): computed in cents, so it has at most two decimals. */
export const Amount = z.number().min(0).describe('at most two decimals');

export const Description = z.string().trim().min(1).max(200);
export const DisplayText = z.string().trim().min(1).max(100);

/** ISO 8601 date-time as produced by Date.prototype.toISOString. */
export const Timestamp = z.iso.datetime();
