// The order list in pages, end to end: newest first, 20 by default, `?limit=` 1-100, the next page in an
// RFC 8288 `Link: <...>; rel="next"` header (a relative reference, absent on the last page), the body a
// plain array. 110 real checkouts, so the history spans a sealed chunk of the Orders entity as well.
import { beforeAll, describe, expect, it } from 'vitest';
import { useHost } from '../support/host';
import { expectDocumented } from '../support/openapi';

const { api } = useHost();
const ORDERS = 110;
const placed: string[] = []; // order ids, oldest first

/** The target of a `Link` header's rel="next" (undefined when there is none). */
function nextLink(link: string | null): string | undefined {
  if (link === null) return undefined;
  const match = /^<([^>]*)>;\s*rel="next"$/.exec(link);
  expect(match, `Link: ${link}`).not.toBeNull();
  return match![1];
}

beforeAll(async () => {
  expect((await api('POST', '/api/store/inventory', { id: 'kona', description: 'Kona', price: 12.5, availableStock: 10_000, restockThreshold: 1, maxStockThreshold: 100_000 })).status).toBe(201);
  for (let i = 0; i < ORDERS; i++) {
    expect((await api('POST', '/api/user/pat/shoppingCart/kona', { quantity: 1 + (i % 3) })).status).toBe(200);
    const order = await api('POST', '/api/user/pat/order/checkout');
    expect(order.status, order.text).toBe(201);
    placed.push(order.body.id);
  }
}, 300_000);

describe('GET /api/user/{userId}/order in pages', () => {
  it('gives the newest 20 first, with a relative Link to the next page', async () => {
    const first = await api('GET', '/api/user/pat/order');
    expect(first.status).toBe(200);
    expectDocumented('OrderList', first);
    expect(first.body.map((o: { id: string }) => o.id)).toEqual(placed.slice(-20).reverse());
    const next = nextLink(first.headers.get('link'));
    expect(next).toBe(`/api/user/pat/order?limit=20&after=${placed.at(-20)}`);
  });

  it('follows the links through the whole history, each order once, and ends without a Link', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/api/user/pat/order?limit=30';
    let pages = 0;
    while (url !== undefined) {
      const page = await api('GET', url);
      expect(page.status, page.text).toBe(200);
      expect(Array.isArray(page.body)).toBe(true);
      seen.push(...page.body.map((o: { id: string }) => o.id));
      url = nextLink(page.headers.get('link'));
      pages++;
    }
    expect(pages).toBe(Math.ceil(ORDERS / 30));
    expect(seen).toEqual([...placed].reverse());
    // a page that ends exactly at the oldest order has no Link either
    const last = await api('GET', `/api/user/pat/order?limit=10&after=${placed[10]}`);
    expect(last.body.map((o: { id: string }) => o.id)).toEqual(placed.slice(0, 10).reverse());
    expect(last.headers.get('link')).toBeNull();
  });

  it('answers up to 100 at once, finds old orders, and an empty list for a new customer', async () => {
    const hundred = await api('GET', '/api/user/pat/order?limit=100');
    expect(hundred.body).toHaveLength(100);
    expect(nextLink(hundred.headers.get('link'))).toBe(`/api/user/pat/order?limit=100&after=${placed[10]}`);
    const oldest = await api('GET', `/api/user/pat/order/${placed[0]}`);
    expect({ status: oldest.status, id: oldest.body.id }).toEqual({ status: 200, id: placed[0] });
    const none = await api('GET', '/api/user/newbie/order');
    expect({ status: none.status, body: none.body, link: none.headers.get('link') }).toEqual({ status: 200, body: [], link: null });
  });

  it('refuses a bad limit or cursor with 400 ValidationFailed naming it', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'limit=-1', 'limit=1.5', 'limit=', 'limit=1e2', 'after=', 'after=a%20b', 'after=not-an-order']) {
      const reply = await api('GET', `/api/user/pat/order?${query}`);
      expect({ status: reply.status, code: reply.body?.error?.code }, `${query}: ${reply.text}`).toEqual({ status: 400, code: 'ValidationFailed' });
      expect(reply.body.error.details.issues[0].path, query).toBe(query.split('=')[0]);
      expectDocumented('OrderList', reply);
    }
  });
});
