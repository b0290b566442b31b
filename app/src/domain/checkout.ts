// Builds the order of a checkout from the lines the inventory sold (prices of that moment), in cents.
import type { SoldLine } from './inventory';
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
