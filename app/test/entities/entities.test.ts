import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadEntities, runBatch } from '../support/entityHarness';

let entity: Awaited<ReturnType<typeof loadEntities>>;
beforeAll(async () => {
  entity = await loadEntities();
});
afterEach(() => {
  delete process.env.STORE_SEED_SAMPLE_CATALOG;
});

const inventory = { name: 'Inventory', key: 'store' };
const latte = { id: 'latte', description: 'Latte beans', price: 4.5, availableStock: 5, restockThreshold: 2, maxStockThreshold: 10 };

describe('Inventory entity', () => {
  it('creates an item, adds stock and sells, in one batch', async () => {
    const out = await runBatch(entity('Inventory'), inventory, undefined, [
      { name: 'createItem', input: { item: latte } },
      { name: 'addStock', input: { itemId: 'latte', quantity: 100 } },
      { name: 'commitSale', input: { checkoutId: 'c1', lines: [{ itemId: 'latte', quantity: 9 }] } },
      { name: 'get' },
    ]);
    expect(out.results.map((r) => r.isError)).toEqual([false, false, false, false]);
    expect(out.results[0]!.value).toEqual({ ok: true, value: { ...latte, onReorder: false } });
    expect(out.results[1]!.value).toMatchObject({ ok: true, value: { availableStock: 10, onReorder: false } });
    expect(out.results[2]!.value).toEqual({ ok: true, value: [{ itemId: 'latte', quantity: 9, description: 'Latte beans', unitPrice: 4.5 }] });
    expect(out.results[3]!.value).toMatchObject({ ok: true, value: { items: [{ id: 'latte', availableStock: 1, onReorder: true }] } });
    expect(out.exists).toBe(true);
    expect(out.state).toMatchObject({ items: [{ id: 'latte', availableStock: 1 }], recentSales: [{ checkoutId: 'c1' }] });
  });

  it('returns a shortage as a value and keeps the state', async () => {
    const first = await runBatch(entity('Inventory'), inventory, undefined, [{ name: 'createItem', input: { item: latte } }]);
    const out = await runBatch(entity('Inventory'), inventory, first.state, [
      { name: 'commitSale', input: { checkoutId: 'c1', lines: [{ itemId: 'latte', quantity: 6 }] } },
    ]);
    expect(out.results[0]).toEqual({
      isError: false,
      value: { ok: false, error: { code: 'OutOfStock', message: expect.any(String), details: { shortages: [{ itemId: 'latte', requested: 6, available: 5 }] } } },
    });
    expect(out.stateText).toBe(first.stateText);
  });

  it('seeds the sample catalog into a new store only when the setting is on', async () => {
    process.env.STORE_SEED_SAMPLE_CATALOG = 'true';
    const seeded = await runBatch(entity('Inventory'), inventory, undefined, [{ name: 'get' }]);
    expect((seeded.state as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(5);
    expect(seeded.exists).toBe(true);
    // an existing (even empty) store is never seeded again
    const existing = await runBatch(entity('Inventory'), inventory, { items: [], recentSales: [] }, [{ name: 'get' }]);
    expect(existing.results[0]!.value).toEqual({ ok: true, value: { items: [] } });
    delete process.env.STORE_SEED_SAMPLE_CATALOG;
    const empty = await runBatch(entity('Inventory'), inventory, undefined, [{ name: 'get' }]);
    expect(empty.results[0]!.value).toEqual({ ok: true, value: { items: [] } });
  });

  it('rejects invalid input and unknown operations without touching the state', async () => {
    const first = await runBatch(entity('Inventory'), inventory, undefined, [{ name: 'createItem', input: { item: latte } }]);
    const out = await runBatch(entity('Inventory'), inventory, first.state, [
      { name: 'addStock', input: { itemId: 'latte', quantity: -3 } },
      { name: 'addStock', input: { itemId: 'latte', quantity: 1.5 } },
      { name: 'createItem', input: { item: { ...latte, id: 'x y' } } },
      { name: 'dropTables' },
    ]);
    for (const r of out.results) expect(r.value).toMatchObject({ ok: false, error: { code: 'ValidationFailed' } });
    expect(out.stateText).toBe(first.stateText);
  });

  it('reports a corrupted state as CorruptState and never overwrites it', async () => {
    const corrupt = { items: [{ id: 'latte', price: 'free' }], recentSales: [] };
    const out = await runBatch(entity('Inventory'), inventory, corrupt, [
      { name: 'get' },
      { name: 'addStock', input: { itemId: 'latte', quantity: 1 } },
    ]);
    for (const r of out.results) {
      expect(r.value).toMatchObject({ ok: false, error: { code: 'CorruptState', details: { entity: 'Inventory', key: 'store' } } });
    }
    expect(out.state).toEqual(corrupt);
    const garbage = await runBatch(entity('Inventory'), inventory, '"just a string"', [{ name: 'get' }]);
    expect(garbage.results[0]!.value).toMatchObject({ ok: false, error: { code: 'CorruptState' } });
    // not even JSON: the library's getState throws; every operation of the batch still answers CorruptState
    const notJson = '{"items":[{"id":"lat';
    const broken = await runBatch(entity('Inventory'), inventory, notJson, [
      { name: 'addStock', input: { itemId: 'latte', quantity: 1 } },
      { name: 'commitSale', input: { checkoutId: 'c1', lines: [{ itemId: 'latte', quantity: 1 }] } },
    ]);
    expect(broken.results).toEqual([0, 1].map(() => ({ isError: false, value: expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'CorruptState' }) }) })));
    expect(broken.stateText).toBe(notJson);
  });
});

describe('ShoppingCart entity', () => {
  const cart = { name: 'ShoppingCart', key: 'u1' };
  it('adds, removes and runs the checkout steps', async () => {
    const out = await runBatch(entity('ShoppingCart'), cart, undefined, [
      { name: 'add', input: { itemId: 'latte', quantity: 2, availableStock: 5 } },
      { name: 'add', input: { itemId: 'latte', quantity: 4, availableStock: 5 } },
      { name: 'add', input: { itemId: 'gone', quantity: 1, availableStock: null } },
      { name: 'beginCheckout', input: { checkoutId: 'c1' } },
      { name: 'remove', input: { itemId: 'latte' } },
      { name: 'abortCheckout', input: { checkoutId: 'c1' } },
      { name: 'remove', input: { itemId: 'latte', quantity: 1 } },
      { name: 'get' },
    ]);
    const codes = out.results.map((r) => (r.value as { ok: boolean; error?: { code: string } }).error?.code ?? 'ok');
    expect(codes).toEqual(['ok', 'OutOfStock', 'ItemNotFound', 'ok', 'CheckoutInProgress', 'ok', 'ok', 'ok']);
    expect(out.results[3]!.value).toEqual({ ok: true, value: { lines: [{ itemId: 'latte', quantity: 2 }], alreadyCompleted: false } });
    // without a requestId (a call from an orchestration) a write returns the cart it made
    expect(out.results[0]!.value).toEqual({ ok: true, value: { lines: [{ itemId: 'latte', quantity: 2 }], checkoutId: null, completedCheckouts: [], recentWrites: [] } });
    expect(out.state).toEqual({ lines: [{ itemId: 'latte', quantity: 1 }], checkoutId: null, completedCheckouts: [], recentWrites: [] });
  });
  it('empties on completeCheckout and recognizes the checkout if it runs again', async () => {
    // a cart stored before completedCheckouts and recentWrites existed still loads
    const out = await runBatch(entity('ShoppingCart'), cart, { lines: [{ itemId: 'latte', quantity: 2 }], checkoutId: 'c1' }, [
      { name: 'completeCheckout', input: { checkoutId: 'c1' } },
      { name: 'add', input: { itemId: 'latte', quantity: 1, availableStock: 5 } },
      { name: 'beginCheckout', input: { checkoutId: 'c1' } },
    ]);
    expect(out.results[2]!.value).toEqual({ ok: true, value: { lines: [], alreadyCompleted: true } });
    expect(out.state).toEqual({ lines: [{ itemId: 'latte', quantity: 1 }], checkoutId: null, completedCheckouts: ['c1'], recentWrites: [] });
  });
  it('records the outcome of a signalled write (requestId) in its state, once', async () => {
    const out = await runBatch(entity('ShoppingCart'), cart, undefined, [
      { name: 'add', input: { itemId: 'latte', quantity: 2, availableStock: 5, requestId: 'r1' } },
      { name: 'add', input: { itemId: 'latte', quantity: 9, availableStock: 5, requestId: 'r2' } },
      { name: 'add', input: { itemId: 'latte', quantity: 2, availableStock: 5, requestId: 'r1' } },
      { name: 'remove', input: { itemId: 'mocha', requestId: 'r3' } },
    ]);
    expect(out.state).toMatchObject({
      lines: [{ itemId: 'latte', quantity: 2 }],
      recentWrites: [
        { requestId: 'r3', error: { code: 'ItemNotInCart' } },
        { requestId: 'r2', error: { code: 'OutOfStock' } },
        { requestId: 'r1', error: null },
      ],
    });
    // each returns its outcome, not the cart (the sender reads the cart); the repeat returns the first outcome
    expect(out.results.map((r) => r.value)).toEqual([
      { ok: true, value: { requestId: 'r1', error: null, at: expect.any(Number) } },
      { ok: false, error: expect.objectContaining({ code: 'OutOfStock' }) },
      { ok: true, value: { requestId: 'r1', error: null, at: expect.any(Number) } },
      { ok: false, error: expect.objectContaining({ code: 'ItemNotInCart' }) },
    ]);
    expect(out.results[2]!.value).toEqual(out.results[0]!.value);
  });
  it('refuses a requestId outside the id charset', async () => {
    const out = await runBatch(entity('ShoppingCart'), cart, undefined, [{ name: 'add', input: { itemId: 'latte', quantity: 1, availableStock: 5, requestId: 'a b' } }]);
    expect(out.results[0]!.value).toMatchObject({ ok: false, error: { code: 'ValidationFailed' } });
    expect(out.state).toEqual({ lines: [], checkoutId: null, completedCheckouts: [], recentWrites: [] }); // the initial state, nothing recorded
  });
  it('validates state on load', async () => {
    const out = await runBatch(entity('ShoppingCart'), cart, { lines: [{ itemId: 'latte', quantity: -1 }], checkoutId: null }, [{ name: 'get' }]);
    expect(out.results[0]!.value).toMatchObject({ ok: false, error: { code: 'CorruptState', details: { entity: 'ShoppingCart', key: 'u1' } } });
  });
});

describe('Orders entity', () => {
  const orders = { name: 'Orders', key: 'u1' };
  const order = {
    id: 'o1', userId: 'u1', createdAt: '2026-01-01T00:00:00.000Z', status: 'Placed', total: 9,
    items: [{ itemId: 'latte', description: 'Latte beans', unitPrice: 4.5, quantity: 2, lineTotal: 9 }],
  };
  it('adds idempotently and gets', async () => {
    const out = await runBatch(entity('Orders'), orders, undefined, [
      { name: 'add', input: { order } },
      { name: 'add', input: { order } },
      { name: 'get', input: { orderId: 'o1' } },
      { name: 'get', input: { orderId: 'o2' } },
    ]);
    expect(out.results[2]!.value).toEqual({ ok: true, value: order });
    expect(out.results[3]!.value).toMatchObject({ ok: false, error: { code: 'OrderNotFound' } });
    expect(out.state).toEqual({ orders: [order] });
  });
  it('seals older orders into chunks and still finds and de-duplicates them', async () => {
    const nth = (i: number) => ({ ...order, id: `o${i}`, createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() });
    const out = await runBatch(entity('Orders'), orders, undefined, Array.from({ length: 120 }, (_, i) => ({ name: 'add', input: { order: nth(i) } })));
    const state = out.state as { orders: { id: string }[]; archive: unknown[] };
    expect(state.archive).toHaveLength(1);
    expect(state.orders.map((o) => o.id)).toEqual(Array.from({ length: 70 }, (_, i) => `o${i + 50}`));
    const next = await runBatch(entity('Orders'), orders, state, [
      { name: 'get', input: { orderId: 'o7' } },
      { name: 'add', input: { order: { ...nth(7), total: 1, items: [{ ...order.items[0]!, quantity: 1, lineTotal: 4.5 }] } } },
    ]);
    expect(next.results.map((r) => r.value)).toEqual([{ ok: true, value: nth(7) }, { ok: true, value: nth(7) }]);
    expect(next.state).toEqual(state); // the replayed add changed nothing
  });
  it('checks a stored order in full only when it returns it', async () => {
    const broken = { ...order, id: 'o0', total: -1 };
    const out = await runBatch(entity('Orders'), orders, { orders: [broken, order] }, [
      { name: 'get', input: { orderId: 'o1' } },
      { name: 'get', input: { orderId: 'o0' } },
    ]);
    expect(out.results[0]!.value).toEqual({ ok: true, value: order });
    expect(out.results[1]!.value).toMatchObject({ ok: false, error: { code: 'CorruptState', details: { entity: 'Orders', key: 'u1' } } });
    // but an order without a valid id or time fails the load itself
    const unreadable = await runBatch(entity('Orders'), orders, { orders: [{ ...order, id: 'bad id' }] }, [{ name: 'get', input: { orderId: 'o1' } }]);
    expect(unreadable.results[0]!.value).toMatchObject({ ok: false, error: { code: 'CorruptState' } });
  });
  it('answers CorruptState for an archived chunk that does not open, and keeps the state', async () => {
    const out = await runBatch(entity('Orders'), orders, { orders: [order], archive: [{ keys: 'o0......', data: 'bm90IGRlZmxhdGU=' }] }, [
      { name: 'get', input: { orderId: 'o1' } },
      { name: 'get', input: { orderId: 'o0' } },
    ]);
    expect(out.results[0]!.value).toEqual({ ok: true, value: order });
    expect(out.results[1]!.value).toMatchObject({ ok: false, error: { code: 'CorruptState', details: { entity: 'Orders', key: 'u1' } } });
  });
  it('refuses an invalid order', async () => {
    const out = await runBatch(entity('Orders'), orders, undefined, [{ name: 'add', input: { order: { ...order, items: [] } } }]);
    expect(out.results[0]!.value).toMatchObject({ ok: false, error: { code: 'ValidationFailed' } });
    expect(out.state).toEqual({ orders: [] });
  });
});
