// A customer's orders: one Orders entity per userId holds all of them. The newest stay as objects in
// `orders`; older ones are sealed, ORDERS_PER_CHUNK at a time, into compressed chunks (orderArchive.ts), so
// the state an operation or a read has to load stays small however long the history grows
// (app/README.md, "Entities").
import { chunkSize, mayHold, sealChunk, type ArchivedChunk } from './orderArchive';
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

/**
 * An order as the state holds it: loading checks only what the entity itself uses (id, createdAt); an order
 * is checked in full when it is added and again when it is returned (contracts/state.ts checkedOrders).
 */
export type StoredOrder = Pick<Order, 'id' | 'createdAt'>;

export interface OrdersState {
  /** the newest orders, oldest first (by createdAt): fewer than 2 × ORDERS_PER_CHUNK once anything is archived */
  orders: StoredOrder[];
  /** older orders, oldest chunk first, each ORDERS_PER_CHUNK orders; absent while there are none */
  archive?: ArchivedChunk[];
  /**
   * Checkouts an operator released before their order was recorded, most recent first (at most
   * MAX_RELEASED; absent while none): their order is refused from then on, so a saga still running
   * cannot record an order whose sale the release undid (app/README.md, "Operations").
   */
  released?: string[];
}

/** How many released checkout ids an Orders entity remembers. */
export const MAX_RELEASED = 64;

/** Orders per sealed chunk; `orders` keeps at least this many newest ones, so a default page needs no chunk. */
export const ORDERS_PER_CHUNK = 50;

/** The orders of a chunk (the contracts check they match its keys): a corrupt chunk is a CorruptState failure. */
export type ChunkOpener = (chunk: ArchivedChunk) => Result<StoredOrder[]>;

export const emptyOrders = (): OrdersState => ({ orders: [] });

const archiveOf = (state: OrdersState) => state.archive ?? [];

export function getOrder(state: OrdersState, orderId: string, open: ChunkOpener): Result<StoredOrder> {
  const recent = state.orders.find((o) => o.id === orderId);
  if (recent) return ok(recent);
  for (const chunk of archiveOf(state)) {
    if (!mayHold(chunk, orderId)) continue;
    const opened = open(chunk);
    if (!opened.ok) return opened;
    const order = opened.value.find((o) => o.id === orderId);
    if (order) return ok(order);
  }
  return fail('OrderNotFound', `No order '${orderId}' for this customer.`, { orderId });
}

/**
 * Records the order. Idempotent by order id: a replayed add returns the order already recorded. Kept in
 * createdAt order (a customer's checkouts follow one another, so this is nearly always an append); once
 * 2 × ORDERS_PER_CHUNK orders are unarchived the oldest ORDERS_PER_CHUNK are sealed into a chunk.
 */
export function addOrder(state: OrdersState, order: Order, open: ChunkOpener): Result<{ state: OrdersState; order: StoredOrder }> {
  const existing = getOrder(state, order.id, open);
  if (existing.ok) return ok({ state, order: existing.value });
  if (existing.error.code !== 'OrderNotFound') return existing;
  if (state.released?.includes(order.id)) {
    return fail('CheckoutReleased', `Checkout '${order.id}' was released by an operator; nothing was sold. Check out again.`, { checkoutId: order.id });
  }

  let at = state.orders.length;
  while (at > 0 && state.orders[at - 1]!.createdAt > order.createdAt) at--;
  let orders = [...state.orders.slice(0, at), order, ...state.orders.slice(at)];
  let archive = archiveOf(state);
  while (orders.length >= 2 * ORDERS_PER_CHUNK) {
    archive = [...archive, sealChunk(orders.slice(0, ORDERS_PER_CHUNK))];
    orders = orders.slice(ORDERS_PER_CHUNK);
  }
  return ok({ state: { ...state, orders, ...(archive.length > 0 ? { archive } : {}) }, order });
}

/**
 * An operator's release of a checkout, as one atomic step on the orders: the order when it is recorded
 * (the checkout is to be completed), otherwise null, and from now on an order under that id is refused
 * (the checkout is to be undone, and a saga still running cannot record it afterwards).
 */
export function releaseCheckout(state: OrdersState, checkoutId: string, open: ChunkOpener): Result<{ state: OrdersState; order: StoredOrder | null }> {
  const existing = getOrder(state, checkoutId, open);
  if (existing.ok) return ok({ state, order: existing.value });
  if (existing.error.code !== 'OrderNotFound') return existing;
  if (state.released?.includes(checkoutId)) return ok({ state, order: null });
  return ok({ state: { ...state, released: [checkoutId, ...(state.released ?? [])].slice(0, MAX_RELEASED) }, order: null });
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface OrdersPage {
  /** newest first */
  orders: StoredOrder[];
  /** the id to pass as `after` for the next page; absent on the last page */
  next?: string;
}

/** The orders of one part of the history, newest first, without opening a chunk until they are needed. */
interface Segment {
  count: number;
  /** the position (newest first) of the order with this id, if this segment holds it */
  indexOf: (id: string) => Result<number | undefined>;
  ordersNewestFirst: () => Result<StoredOrder[]>;
}

function segmentsNewestFirst(state: OrdersState, open: ChunkOpener): Segment[] {
  const newestFirst = (orders: readonly StoredOrder[]) => [...orders].reverse();
  const positionIn = (orders: readonly StoredOrder[], id: string) => {
    const at = newestFirst(orders).findIndex((o) => o.id === id);
    return at >= 0 ? at : undefined;
  };
  const recent: Segment = {
    count: state.orders.length,
    indexOf: (id) => ok(positionIn(state.orders, id)),
    ordersNewestFirst: () => ok(newestFirst(state.orders)),
  };
  const chunks = [...archiveOf(state)].reverse().map((chunk): Segment => ({
    count: chunkSize(chunk),
    indexOf: (id) => {
      if (!mayHold(chunk, id)) return ok(undefined);
      const opened = open(chunk);
      return opened.ok ? ok(positionIn(opened.value, id)) : opened;
    },
    ordersNewestFirst: () => {
      const opened = open(chunk);
      return opened.ok ? ok(newestFirst(opened.value)) : opened;
    },
  }));
  return [recent, ...chunks];
}

/**
 * One page of the history, newest first: `limit` orders after the order whose id is `after` (from the
 * newest when absent). Orders are never removed, so an id is a stable cursor; an id that is not this
 * customer's is a ValidationFailed.
 */
export function pageOrders(state: OrdersState, limit: number, after: string | undefined, open: ChunkOpener): Result<OrdersPage> {
  const segments = segmentsNewestFirst(state, open);
  const total = segments.reduce((n, s) => n + s.count, 0);
  let segment = 0;
  let skip = 0; // orders of segments[segment] (newest first) before the page
  let start = 0; // the page's first position in the whole history, newest first
  if (after !== undefined) {
    for (segment = 0; segment < segments.length; segment++) {
      const index = segments[segment]!.indexOf(after);
      if (!index.ok) return index;
      if (index.value !== undefined) {
        skip = index.value + 1;
        break;
      }
      start += segments[segment]!.count;
    }
    if (segment === segments.length) {
      return fail('ValidationFailed', `The cursor 'after=${after}' is not an order of this customer.`, { issues: [{ path: 'after', message: 'not an order of this customer' }] });
    }
    start += skip;
  }
  const orders: StoredOrder[] = [];
  for (; segment < segments.length && orders.length < limit; segment++, skip = 0) {
    if (skip >= segments[segment]!.count) continue;
    const part = segments[segment]!.ordersNewestFirst();
    if (!part.ok) return part;
    orders.push(...part.value.slice(skip, skip + limit - orders.length));
  }
  const more = start + orders.length < total;
  return ok(more && orders.length > 0 ? { orders, next: orders[orders.length - 1]!.id } : { orders });
}
