// Builds the order of a checkout from the lines the inventory sold (prices of that moment), in cents, and
// compares a cart's lines with an order's.
import { mergeLines, type CartLine, type SoldLine } from './inventory';
import { fromCents, toCents } from './money';
import type { Order } from './orders';

export function buildOrder(orderId: string, userId: string, createdAt: string, sold: readonly SoldLine[]): Order {
  let totalCents = 0;
  const items = sold.map((line) => {
    const lineCents = toCents(line.unitPrice) * line.quantity;
    totalCents += lineCents;
    return {
      itemId: line.itemId,
      description: line.description,
      unitPrice: line.unitPrice,
      quantity: line.quantity,
      lineTotal: fromCents(lineCents),
    };
  });
  return { id: orderId, userId, createdAt, items, total: fromCents(totalCents), status: 'Placed' };
}

/**
 * Do two sets of lines order the same thing (same products, same quantities, in any order)? An
 * Idempotency-Key retry is a replay only for the lines its order was placed for (README "Checkout").
 */
export function sameLines(a: readonly CartLine[], b: readonly CartLine[]): boolean {
  const key = (lines: readonly CartLine[]) => JSON.stringify(mergeLines(lines.map(({ itemId, quantity }) => ({ itemId, quantity }))).sort((x, y) => (x.itemId < y.itemId ? -1 : x.itemId > y.itemId ? 1 : 0)));
  return key(a) === key(b);
}
