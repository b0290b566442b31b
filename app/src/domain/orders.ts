// A customer's orders: one Orders entity per userId holds all of them.
import { fail, ok, type Result } from './result';

export interface OrderLine {
  itemId: string;
  description: string;
  unitPrice: number;
  quantity: number;
  lineTotal: number;
}

export type OrderStatus = 'Placed';

export interface Order {
  id: string;
  userId: string;
  /** ISO 8601 UTC time of the checkout (the orchestration's currentUtcDateTime) */
  createdAt: string;
  items: OrderLine[];
  total: number;
  status: OrderStatus;
}

export interface OrdersState {
  /** in the order they were placed (oldest first) */
  orders: Order[];
}

export const emptyOrders = (): OrdersState => ({ orders: [] });

/** Records the order. Idempotent by order id: a replayed add returns the order already recorded. */
export function addOrder(state: OrdersState, order: Order): { state: OrdersState; order: Order } {
  const existing = state.orders.find((o) => o.id === order.id);
  if (existing) return { state, order: existing };
  return { state: { orders: [...state.orders, order] }, order };
}

export function getOrder(state: OrdersState, orderId: string): Result<Order> {
  const order = state.orders.find((o) => o.id === orderId);
  return order ? ok(order) : fail('OrderNotFound', `No order '${orderId}' for this customer.`, { orderId });
}

/** Newest first (by createdAt, then by position for orders of the same instant). */
export function listOrders(state: OrdersState): Order[] {
  return state.orders
    .map((order, index) => ({ order, index }))
    .sort((a, b) => (a.order.createdAt === b.order.createdAt ? b.index - a.index : a.order.createdAt < b.order.createdAt ? 1 : -1))
    .map(({ order }) => order);
}
