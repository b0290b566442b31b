// Schemas of request bodies, route values and query strings. The OpenAPI document is generated from these
// same schemas (openapi.ts), so the documentation cannot drift from what is enforced.
import { z } from 'zod';
import { MAX_CATALOG_IDS, MAX_CATALOG_PAGE_SIZE } from '../domain/inventory';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../domain/orders';
import { Description, DisplayText, Id, MAX_QUANTITY, Price, Quantity, StockCount } from './values';

export const CreateItemBody = z.strictObject({
  id: Id.optional().describe('generated when absent'),
  description: Description,
  price: Price,
  availableStock: StockCount,
  restockThreshold: StockCount,
  maxStockThreshold: StockCount,
  onReorder: z.boolean().optional().describe('accepted for symmetry with responses and ignored: computed from the stock'),
  origin: DisplayText.optional(),
  roast: DisplayText.optional(),
}).describe('A new product; onReorder is computed');

/** `{"quantity": n}`; an empty body means 1. */
export const QuantityBody = z.strictObject({ quantity: Quantity }).describe('Units to add; an empty body means 1');

export const ItemRoute = z.strictObject({ itemId: Id });
export const UserRoute = z.strictObject({ userId: Id });
export const UserItemRoute = z.strictObject({ userId: Id, itemId: Id });
export const UserOrderRoute = z.strictObject({ userId: Id, orderId: Id });
export const UserAttemptRoute = z.strictObject({ userId: Id, attemptId: Id });
/** A checkout's id is its order's id (orchestrations/checkoutId.ts). */
export const CheckoutReleaseRoute = z.strictObject({ userId: Id, checkoutId: Id });

/** `?quantity=n` on DELETE: digits only, then the same bounds as a body quantity. */
export const QuantityQuery = z
  .string()
  .regex(/^[0-9]{1,6}$/, { error: `must be an integer from 1 to ${MAX_QUANTITY}` })
  .transform(Number)
  .pipe(Quantity);

export const IdempotencyKey = Id;

/** `?limit=n&after=<orderId>` on the order list: limit digits only, 1-MAX_PAGE_SIZE (default DEFAULT_PAGE_SIZE). */
export const OrderListQuery = z.object({
  limit: z
    .string()
    .regex(/^[0-9]{1,3}$/, { error: `must be an integer from 1 to ${MAX_PAGE_SIZE}` })
    .transform(Number)
    .pipe(z.number().int().min(1, { error: `must be an integer from 1 to ${MAX_PAGE_SIZE}` }).max(MAX_PAGE_SIZE, { error: `must be an integer from 1 to ${MAX_PAGE_SIZE}` }))
    .default(DEFAULT_PAGE_SIZE)
    .describe(`orders per page, 1-${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})`),
  after: Id.optional().describe('the id of the last order of the previous page (from the Link header)'),
});

/**
 * `GET /api/store` for a big catalog: `?limit=n[&after=<itemId>]` (a page, Link rel=next) or
 * `?ids=a,b` (those products). Neither: the whole catalog, the Challenge API's plain array.
 */
export const StoreQueryFields = z.object({
  limit: z
    .string()
    .regex(/^[0-9]{1,4}$/, { error: `must be an integer from 1 to ${MAX_CATALOG_PAGE_SIZE}` })
    .transform(Number)
    .pipe(z.number().int().min(1, { error: `must be an integer from 1 to ${MAX_CATALOG_PAGE_SIZE}` }).max(MAX_CATALOG_PAGE_SIZE, { error: `must be an integer from 1 to ${MAX_CATALOG_PAGE_SIZE}` }))
    .optional()
    .describe(`products per page, 1-${MAX_CATALOG_PAGE_SIZE}; without it (and without ids) the whole catalog`),
  after: Id.optional().describe('the id of the last product of the previous page (from the Link header); needs limit'),
  ids: z
    .string()
    .transform((text) => text.split(','))
    .pipe(z.array(Id).min(1).max(MAX_CATALOG_IDS, { error: `at most ${MAX_CATALOG_IDS} ids` }))
    .optional()
    .describe(`comma-separated product ids (at most ${MAX_CATALOG_IDS}): only those products, in that order; unknown ids are left out`),
});

export const StoreQuery = StoreQueryFields.superRefine((q, ctx) => {
  if (q.after !== undefined && q.limit === undefined) ctx.addIssue({ code: 'custom', path: ['after'], message: 'needs limit' });
  if (q.ids !== undefined && (q.limit !== undefined || q.after !== undefined)) ctx.addIssue({ code: 'custom', path: ['ids'], message: 'cannot be combined with limit or after' });
});
