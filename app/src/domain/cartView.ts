// The cart as clients see it: the stored lines (ids and quantities) joined with the catalog.
import type { CartState } from './cart';
import { findItem, type InventoryState } from './inventory';
import { fromCents, toCents } from './money';

export interface CartViewLine {
  itemId: string;
  quantity: number;
  /** false when the product has left the catalog: shown, never dropped silently */
  available: boolean;
  description: string | null;
  price: number | null;
  lineTotal: number;
  availableStock: number;
}

export interface CartView {
  userId: string;
  items: CartViewLine[];
  totalQuantity: number;
  /** sum of the available lines */
  total: number;
  checkoutInProgress: boolean;
}

export function viewCart(userId: string, cart: CartState, inventory: Pick<InventoryState, 'items'>): CartView {
  let totalCents = 0;
  let totalQuantity = 0;
  const items = cart.lines.map((line): CartViewLine => {
    totalQuantity += line.quantity;
    const item = findItem(inventory, line.itemId);
    if (!item) {
      return { itemId: line.itemId, quantity: line.quantity, available: false, description: null, price: null, lineTotal: 0, availableStock: 0 };
    }
    const lineCents = toCents(item.price) * line.quantity;
    totalCents += lineCents;
    return {
      itemId: line.itemId,
      quantity: line.quantity,
      available: true,
      description: item.description,
      price: item.price,
      lineTotal: fromCents(lineCents),
      availableStock: item.availableStock,
    };
  });
  return { userId, items, totalQuantity, total: fromCents(totalCents), checkoutInProgress: cart.checkoutId !== null };
}
