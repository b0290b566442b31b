// The one way the pages talk to the store: same-origin fetches under /api, JSON in and out, and every
// failure turned into an ApiFailure the pages can explain (app/README.md, "REST API": errors are
// {"error": {"code", "message", "details"?}}).
import { nextLink } from './links';
import type { ApiErrorBody, CartView, NewProduct, Order, Product, Shortage } from './types';

/** Why a call did not give its answer. `status` 0 = the network failed (no answer at all). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** a 202's Location: the outcome is not known yet, poll here */
    readonly location?: string,
  ) {
    super(message);
  }

  /** The outcome is unknown (no answer, a 202, a 5xx): the page must re-read the truth. */
  get uncertain(): boolean {
    return this.status === 0 || this.status === 202 || this.status >= 500;
  }

  get shortages(): Shortage[] {
    const details = this.details as { shortages?: Shortage[] } | undefined;
    return Array.isArray(details?.shortages) ? details.shortages : [];
  }
}

interface CallOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Answer<T> {
  status: number;
  value: T;
  headers: Headers;
}

const enc = encodeURIComponent;

async function call<T>(path: string, options: CallOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method: options.method ?? 'GET', headers, body, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiFailure(0, 'NetworkError', 'The store could not be reached. Check your connection and try again.');
  }
  const text = await response.text().catch(() => '');
  let parsed: unknown = undefined;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (response.status === 202) {
    throw new ApiFailure(
      202,
      'Accepted',
      'The store accepted the request but has not finished it yet.',
      parsed,
      response.headers.get('location') ?? undefined,
    );
  }
  if (!response.ok) {
    const error = (parsed as ApiErrorBody | undefined)?.error;
    throw new ApiFailure(
      response.status,
      error?.code ?? `Http${response.status}`,
      error?.message ?? (response.status >= 500 ? 'The store had a problem answering. Please try again.' : `The store answered ${response.status}.`),
      error?.details,
    );
  }
  return { status: response.status, value: parsed as T, headers: response.headers };
}

export interface OrderPage {
  orders: Order[];
  /** the URL of the next (older) page, from Link rel="next" */
  next?: string;
}

/** Same-origin only: a Location or Link from the API is followed only when it points back at /api. */
export function sameOriginApiPath(reference: string): string | undefined {
  try {
    const url = new URL(reference, window.location.origin);
    if (url.origin !== window.location.origin || !url.pathname.startsWith('/api/')) return undefined;
    return url.pathname + url.search;
  } catch {
    return undefined;
  }
}

export const api = {
  catalog: async () => (await call<Product[]>('/api/store')).value,
  product: async (itemId: string) => (await call<Product>(`/api/store/inventory/${enc(itemId)}`)).value,

  cart: async (userId: string) => (await call<CartView>(`/api/user/${enc(userId)}/shoppingCart`)).value,
  addToCart: async (userId: string, itemId: string, quantity = 1) =>
    (await call<CartView>(`/api/user/${enc(userId)}/shoppingCart/${enc(itemId)}`, { method: 'POST', body: { quantity } })).value,
  /** Takes `quantity` units out, or the whole line when quantity is undefined. */
  removeFromCart: async (userId: string, itemId: string, quantity?: number) =>
    (
      await call<CartView>(
        `/api/user/${enc(userId)}/shoppingCart/${enc(itemId)}${quantity === undefined ? '' : `?quantity=${quantity}`}`,
        { method: 'DELETE' },
      )
    ).value,

  /** Places the order; `replayed` when the store answers an earlier send of the same attempt. */
  checkout: async (userId: string, idempotencyKey: string) => {
    const answer = await call<Order>(`/api/user/${enc(userId)}/order/checkout`, { method: 'POST', headers: { 'idempotency-key': idempotencyKey } });
    return { order: answer.value, replayed: answer.headers.get('idempotent-replayed') === 'true' };
  },
  /** Reads a checkout's status URL (a 202's Location): the order, or an ApiFailure (202 = still running). */
  checkoutStatus: async (path: string) => ({ order: (await call<Order>(path)).value, replayed: false }),

  /**
   * One page of the order history, newest first. Asks for `limit` orders; follows the server's
   * Link rel="next" for the next page, and also works with an API that answers the whole list as an array.
   */
  orders: async (userId: string, pageUrl?: string, limit = 10): Promise<OrderPage> => {
    const path = pageUrl ? sameOriginApiPath(pageUrl) : `/api/user/${enc(userId)}/order?limit=${limit}`;
    if (!path) throw new ApiFailure(400, 'BadLink', 'The next page link does not point at this store.');
    const answer = await call<Order[] | { orders?: Order[]; items?: Order[] }>(path);
    const value = answer.value;
    const orders = Array.isArray(value) ? value : (value.orders ?? value.items ?? []);
    const next = nextLink(answer.headers.get('link'));
    return next ? { orders, next } : { orders };
  },
  order: async (userId: string, orderId: string) => (await call<Order>(`/api/user/${enc(userId)}/order/${enc(orderId)}`)).value,

  createProduct: async (product: NewProduct, functionKey: string | undefined) =>
    (await call<Product>('/api/store/inventory', { method: 'POST', body: product, headers: keyHeader(functionKey) })).value,
  addStock: async (itemId: string, quantity: number, functionKey: string | undefined) =>
    (await call<Product>(`/api/store/inventory/${enc(itemId)}`, { method: 'PUT', body: { quantity }, headers: keyHeader(functionKey) })).value,
};

function keyHeader(functionKey: string | undefined): Record<string, string> {
  return functionKey ? { 'x-functions-key': functionKey } : {};
}
