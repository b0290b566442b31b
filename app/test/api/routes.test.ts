// Every route and every error path, black-box through the local host.
import { describe, expect, it } from 'vitest';
import { useHost } from '../support/host';

const { api, host } = useHost();

const latte = { id: 'latte', description: 'Latte beans', price: 4.35, availableStock: 5, restockThreshold: 2, maxStockThreshold: 10 };
const mocha = { id: 'mocha', description: 'Mocha beans', price: 0.1, availableStock: 3, restockThreshold: 1, maxStockThreshold: 20 };

function expectError(response: { status: number; body: any; text: string }, status: number, code: string) {
  expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
  expect(typeof response.body.error.message).toBe('string');
  expect(response.text).not.toMatch(/\n\s+at /); // no stack traces
}

describe('catalog and admin routes', () => {
  it('starts empty when seeding is off', async () => {
    const r = await api('GET', '/api/store');
    expect(r.status).toBe(200);
    expect(r.body).toEqual([]);
  });

  it('creates products (201 + Location) and reads them back', async () => {
    const created = await api('POST', '/api/store/inventory', latte);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ ...latte, onReorder: false });
    expect(created.headers.get('location')).toBe('/api/store/inventory/latte');
    const generated = await api('POST', '/api/store/inventory', { ...mocha, id: undefined });
    expect(generated.status).toBe(201);
    expect(generated.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await api('POST', '/api/store/inventory', mocha)).status).toBe(201);

    const one = await api('GET', '/api/store/inventory/latte');
    expect(one).toMatchObject({ status: 200, body: { ...latte, onReorder: false } });
    const all = await api('GET', '/api/store');
    expect(all.body.map((i: { id: string }) => i.id)).toEqual(['latte', generated.body.id, 'mocha']);
  });

  it('adds stock capped at maxStockThreshold (1 unit when the body is empty)', async () => {
    const one = await api('PUT', '/api/store/inventory/mocha');
    expect(one).toMatchObject({ status: 200, body: { id: 'mocha', availableStock: 4 } });
    const capped = await api('PUT', '/api/store/inventory/latte', { quantity: 100 });
    expect(capped).toMatchObject({ status: 200, body: { availableStock: 10, onReorder: false } });
    expect((await api('GET', '/api/store/inventory/latte')).body.availableStock).toBe(10); // read-your-writes
    await api('PUT', '/api/store/inventory/mocha', { quantity: 0 }); // refused below, changes nothing
    expect((await api('GET', '/api/store/inventory/mocha')).body.availableStock).toBe(4);
  });

  it('refuses bad admin requests with JSON errors and changes nothing', async () => {
    const before = (await api('GET', '/api/store')).text;
    expectError(await api('POST', '/api/store/inventory', latte), 409, 'ItemAlreadyExists');
    expectError(await api('POST', '/api/store/inventory', '{"id": "x",'), 400, 'MalformedJson');
    expectError(await api('POST', '/api/store/inventory', { id: 'x', description: 'X' }), 400, 'ValidationFailed');
    expectError(await api('POST', '/api/store/inventory', { ...latte, id: 'x', price: 1.999 }), 400, 'ValidationFailed');
    expectError(await api('POST', '/api/store/inventory', { ...latte, id: 'x', price: '4.35' }), 400, 'ValidationFailed');
    expectError(await api('POST', '/api/store/inventory', { ...latte, id: 'x', availableStock: -1 }), 400, 'ValidationFailed');
    expectError(await api('POST', '/api/store/inventory', { ...latte, id: 'bad id!' }), 400, 'ValidationFailed');
    expectError(await api('POST', '/api/store/inventory', { ...latte, id: 'x', restockThreshold: 11 }), 400, 'ValidationFailed');
    expectError(await api('POST', '/api/store/inventory', { ...latte, id: 'x', surprise: 1 }), 400, 'ValidationFailed');
    expectError(await api('POST', '/api/store/inventory', '{"__proto__": {"admin": true}}'), 400, 'ValidationFailed');
    expectError(await api('POST', '/api/store/inventory', JSON.stringify({ ...latte, id: 'x' }), { 'content-type': 'text/plain' }), 415, 'UnsupportedMediaType');
    expectError(await api('POST', '/api/store/inventory'), 400, 'ValidationFailed');
    expectError(await api('PUT', '/api/store/inventory/nope', { quantity: 1 }), 404, 'ItemNotFound');
    expectError(await api('PUT', '/api/store/inventory/latte', { quantity: -2 }), 400, 'ValidationFailed');
    expectError(await api('PUT', '/api/store/inventory/latte', { quantity: 1.5 }), 400, 'ValidationFailed');
    expectError(await api('PUT', '/api/store/inventory/latte', { quantity: '1' }), 400, 'ValidationFailed');
    expectError(await api('PUT', '/api/store/inventory/latte', '[]'), 400, 'ValidationFailed');
    expectError(await api('PUT', `/api/store/inventory/${'x'.repeat(65)}`, { quantity: 1 }), 400, 'ValidationFailed');
    expectError(await api('GET', '/api/store/inventory/nope'), 404, 'ItemNotFound');
    expectError(await api('GET', '/api/store/inventory/no%20pe'), 400, 'ValidationFailed');
    expect((await api('GET', '/api/store')).text).toBe(before);
  });
});

describe('cart routes', () => {
  it('shows an empty cart for an unknown customer', async () => {
    const r = await api('GET', '/api/user/newcomer/shoppingCart');
    expect(r).toMatchObject({ status: 200, body: { userId: 'newcomer', items: [], totalQuantity: 0, total: 0 } });
  });

  it('adds and removes with full product information in every answer', async () => {
    const added = await api('POST', '/api/user/ann/shoppingCart/latte', { quantity: 2 });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({
      userId: 'ann',
      items: [{ itemId: 'latte', quantity: 2, available: true, description: 'Latte beans', price: 4.35, lineTotal: 8.7, availableStock: 10 }],
      totalQuantity: 2,
      total: 8.7,
      checkoutInProgress: false,
    });
    const defaulted = await api('POST', '/api/user/ann/shoppingCart/mocha');
    expect(defaulted.body).toMatchObject({ totalQuantity: 3, total: 8.8 });
    expect((await api('GET', '/api/user/ann/shoppingCart')).body).toEqual(defaulted.body); // read-your-writes

    const fewer = await api('DELETE', '/api/user/ann/shoppingCart/latte?quantity=1');
    expect(fewer.body).toMatchObject({ items: [{ itemId: 'latte', quantity: 1 }, { itemId: 'mocha', quantity: 1 }], total: 4.45 });
    const removed = await api('DELETE', '/api/user/ann/shoppingCart/mocha');
    expect(removed.body).toMatchObject({ items: [{ itemId: 'latte', quantity: 1 }], totalQuantity: 1 });
  });

  it('refuses bad cart requests and leaves the cart as it was', async () => {
    const before = (await api('GET', '/api/user/ann/shoppingCart')).body;
    expectError(await api('POST', '/api/user/ann/shoppingCart/latte', { quantity: 10 }), 409, 'OutOfStock');
    expectError(await api('POST', '/api/user/ann/shoppingCart/ghost', { quantity: 1 }), 404, 'ItemNotFound');
    expectError(await api('POST', '/api/user/ann/shoppingCart/latte', '{quantity: 1}'), 400, 'MalformedJson');
    for (const quantity of [0, -1, 1.5, '1', null, 1e6]) {
      expectError(await api('POST', '/api/user/ann/shoppingCart/latte', { quantity }), 400, 'ValidationFailed');
    }
    expectError(await api('POST', '/api/user/ann/shoppingCart/latte', {}), 400, 'ValidationFailed');
    expectError(await api('POST', '/api/user/a%20nn/shoppingCart/latte', { quantity: 1 }), 400, 'ValidationFailed');
    expectError(await api('POST', `/api/user/${'u'.repeat(65)}/shoppingCart/latte`, { quantity: 1 }), 400, 'ValidationFailed');
    expectError(await api('DELETE', '/api/user/ann/shoppingCart/mocha'), 404, 'ItemNotInCart');
    expectError(await api('DELETE', '/api/user/ann/shoppingCart/latte?quantity=abc'), 400, 'ValidationFailed');
    expectError(await api('DELETE', '/api/user/ann/shoppingCart/latte?quantity=0'), 400, 'ValidationFailed');
    expectError(await api('GET', '/api/user/%24bad/shoppingCart'), 400, 'ValidationFailed');
    expect((await api('GET', '/api/user/ann/shoppingCart')).body).toEqual(before);
  });
});

describe('checkout and orders', () => {
  it('places an order at the prices of the moment, takes the stock and empties the cart', async () => {
    await api('POST', '/api/user/bea/shoppingCart/latte', { quantity: 3 });
    await api('POST', '/api/user/bea/shoppingCart/mocha', { quantity: 2 });
    const stockBefore = (await api('GET', '/api/store/inventory/latte')).body.availableStock;
    const placed = await api('POST', '/api/user/bea/order/checkout');
    expect(placed.status).toBe(201);
    expect(placed.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      userId: 'bea',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      items: [
        { itemId: 'latte', description: 'Latte beans', unitPrice: 4.35, quantity: 3, lineTotal: 13.05 },
        { itemId: 'mocha', description: 'Mocha beans', unitPrice: 0.1, quantity: 2, lineTotal: 0.2 },
      ],
      total: 13.25,
      status: 'Placed',
    });
    expect(placed.headers.get('location')).toBe(`/api/user/bea/order/${placed.body.id}`);
    expect((await api('GET', '/api/store/inventory/latte')).body.availableStock).toBe(stockBefore - 3);
    expect((await api('GET', '/api/user/bea/shoppingCart')).body).toMatchObject({ items: [], total: 0 });
    expect(await api('GET', `/api/user/bea/order/${placed.body.id}`)).toMatchObject({ status: 200, body: placed.body });

    await api('POST', '/api/user/bea/shoppingCart/latte', { quantity: 1 });
    const second = await api('POST', '/api/user/bea/order/checkout');
    expect(second.status).toBe(201);
    const list = await api('GET', '/api/user/bea/order');
    expect(list.status).toBe(200);
    expect(list.body.map((o: { id: string }) => o.id)).toEqual([second.body.id, placed.body.id]); // newest first
  });

  it('refuses an empty cart, a short cart and unknown orders, changing nothing', async () => {
    expectError(await api('POST', '/api/user/nobody/order/checkout'), 409, 'EmptyCart');
    expectError(await api('GET', '/api/user/bea/order/00000000-0000-0000-0000-000000000000'), 404, 'OrderNotFound');
    expectError(await api('GET', '/api/user/bea/order/bad%20id'), 400, 'ValidationFailed');
    expect((await api('GET', '/api/user/nobody/order')).body).toEqual([]);

    // cal's cart is valid when filled, then the stock goes to someone else
    await api('POST', '/api/user/cal/shoppingCart/mocha', { quantity: 1 });
    const mochaLeft = (await api('GET', '/api/store/inventory/mocha')).body.availableStock as number;
    await api('POST', '/api/user/dee/shoppingCart/mocha', { quantity: mochaLeft });
    expect((await api('POST', '/api/user/dee/order/checkout')).status).toBe(201);
    await api('POST', '/api/user/cal/shoppingCart/latte', { quantity: 1 });
    const latteBefore = (await api('GET', '/api/store/inventory/latte')).body.availableStock;

    const refused = await api('POST', '/api/user/cal/order/checkout');
    expectError(refused, 409, 'OutOfStock');
    expect(refused.body.error.details).toEqual({ shortages: [{ itemId: 'mocha', requested: 1, available: 0 }] });
    expect((await api('GET', '/api/user/cal/shoppingCart')).body).toMatchObject({
      items: [{ itemId: 'mocha', quantity: 1 }, { itemId: 'latte', quantity: 1 }],
      checkoutInProgress: false,
    });
    expect((await api('GET', '/api/store/inventory/latte')).body.availableStock).toBe(latteBefore);
    expect((await api('GET', '/api/user/cal/order')).body).toEqual([]);
  });

  it('returns the same order for a checkout retried with the same Idempotency-Key', async () => {
    await api('POST', '/api/user/eve/shoppingCart/latte', { quantity: 1 });
    const stock = (await api('GET', '/api/store/inventory/latte')).body.availableStock;
    const first = await api('POST', '/api/user/eve/order/checkout', undefined, { 'idempotency-key': 'k-123' });
    expect(first.status).toBe(201);
    const retry = await api('POST', '/api/user/eve/order/checkout', undefined, { 'idempotency-key': 'k-123' });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    // a new cart, with the same line: the key placed its order already, so it is refused and nothing changes
    expect((await api('POST', '/api/user/eve/shoppingCart/latte', { quantity: 1 })).status).toBe(200);
    expectError(await api('POST', '/api/user/eve/order/checkout', undefined, { 'idempotency-key': 'k-123' }), 422, 'IdempotencyKeyReused');
    expect((await api('GET', '/api/user/eve/shoppingCart')).body.items).toEqual([expect.objectContaining({ itemId: 'latte', quantity: 1 })]);
    expect((await api('GET', '/api/user/eve/order')).body).toHaveLength(1);
    expect((await api('GET', '/api/store/inventory/latte')).body.availableStock).toBe(stock - 1);
    // the same key for another customer is another checkout
    expectError(await api('POST', '/api/user/fay/order/checkout', undefined, { 'idempotency-key': 'k-123' }), 409, 'EmptyCart');
    expectError(await api('POST', '/api/user/eve/order/checkout', undefined, { 'idempotency-key': 'not ok!' }), 400, 'ValidationFailed');
  });
});

describe('documentation', () => {
  it('serves the OpenAPI 3.1 document and the reference page', async () => {
    const doc = await api('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/user/{userId}/order/checkout');
    const page = await fetch(`${host().baseUrl}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('data-spec="/api/openapi.json"');
    // every file the page loads is served by the app itself (no CDN), and nothing else is
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/api\/docs\/assets\//);
      const file = await fetch(`${host().baseUrl}${asset}`);
      expect(file.status, asset).toBe(200);
      expect((await file.arrayBuffer()).byteLength, asset).toBeGreaterThan(100);
    }
    expect((await api('GET', '/api/docs/assets/package.json')).body.error.code).toBe('NotFound');
    expect((await fetch(`${host().baseUrl}/api/docs/assets/..%2Fpackage.json`)).status).toBe(404);
  });
});

describe('concurrent retries', () => {
  it('places one order when the same Idempotency-Key arrives several times at once', async () => {
    // the cart must really hold the unit: an add that failed or timed out (202) would show up below as 5 × 409 EmptyCart
    const added = await api('POST', '/api/user/gus/shoppingCart/latte', { quantity: 1 });
    expect({ status: added.status, body: added.body }).toMatchObject({ status: 200, body: { items: [{ itemId: 'latte', quantity: 1 }] } });
    const stock = (await api('GET', '/api/store/inventory/latte')).body.availableStock;
    const answers = await Promise.all(Array.from({ length: 5 }, () => api('POST', '/api/user/gus/order/checkout', undefined, { 'idempotency-key': 'same-key' })));
    expect(answers.map((a) => `${a.status} ${a.body?.error?.code ?? ''}`.trim())).toEqual(Array(5).fill('201'));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect((await api('GET', '/api/user/gus/order')).body).toHaveLength(1);
    expect((await api('GET', '/api/store/inventory/latte')).body.availableStock).toBe(stock - 1);
  });
});
