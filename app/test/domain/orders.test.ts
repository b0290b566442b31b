import { describe, expect, it } from 'vitest';
import { buildOrder } from '../../src/domain/checkout';
import { viewCart } from '../../src/domain/cartView';
import { createItem, emptyInventory } from '../../src/domain/inventory';
import { fromCents, isMoney, toCents } from '../../src/domain/money';
import { OrdersStateSchema, openChunkOf } from '../../src/contracts/state';
import { addOrder, emptyOrders, getOrder, ORDERS_PER_CHUNK, pageOrders, type Order, type OrdersState } from '../../src/domain/orders';
import { sampleInventory, SAMPLE_CATALOG } from '../../src/domain/sampleCatalog';

describe('money', () => {
  it('sums in cents without float drift', () => {
    const order = buildOrder('o1', 'u1', '2026-01-01T00:00:00.000Z', [
      { itemId: 'a', description: 'A', unitPrice: 0.1, quantity: 1 },
      { itemId: 'b', description: 'B', unitPrice: 0.2, quantity: 1 },
      { itemId: 'c', description: 'C', unitPrice: 19.99, quantity: 3 },
    ]);
    expect(order.total).toBe(60.27);
    expect(order.items.map((l) => l.lineTotal)).toEqual([0.1, 0.2, 59.97]);
    expect(order).toMatchObject({ id: 'o1', userId: 'u1', status: 'Placed', createdAt: '2026-01-01T00:00:00.000Z' });
  });
  it('converts and recognizes two-decimal amounts', () => {
    expect(toCents(4.35)).toBe(435);
    expect(fromCents(435)).toBe(4.35);
    expect(isMoney(4.35)).toBe(true);
    expect(isMoney(4.355)).toBe(false);
    expect(isMoney(-1)).toBe(false);
    // every two-decimal amount as JSON parses it, and nothing that is not a whole number of cents
    for (const text of ['9.95', '0.07', '19.99', '4.35', '100000', '0']) expect(isMoney(JSON.parse(text)), text).toBe(true);
    for (const value of [5e-324, 0.001, 0.005, 0.30000000000000004, Number.NaN, Infinity]) expect(isMoney(value), String(value)).toBe(false);
  });
});

describe('orders', () => {
  const order = (id: string, createdAt: string) => buildOrder(id, 'u1', createdAt, [{ itemId: 'a', description: 'A', unitPrice: 1, quantity: 1 }]);
  const open = openChunkOf('Orders', 'u1');
  const added = (state: OrdersState, o: Order) => {
    const r = addOrder(state, o, open);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const page = (state: OrdersState, limit: number, after?: string) => {
    const r = pageOrders(state, limit, after, open);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  /** n orders one minute apart, ids o0 (oldest) … o<n-1> */
  const history = (n: number) => {
    let s = emptyOrders();
    for (let i = 0; i < n; i++) s = added(s, order(`o${i}`, new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString())).state;
    return s;
  };

  it('adds idempotently by id and finds orders', () => {
    const a = added(emptyOrders(), order('o1', '2026-01-01T00:00:00.000Z'));
    const again = added(a.state, { ...order('o1', '2026-01-02T00:00:00.000Z') });
    expect(again.state.orders).toHaveLength(1);
    expect(again.order.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(getOrder(a.state, 'o1', open)).toMatchObject({ ok: true, value: { id: 'o1' } });
    expect(getOrder(a.state, 'o2', open)).toMatchObject({ ok: false, error: { code: 'OrderNotFound' } });
  });
  it('lists newest first', () => {
    let s = emptyOrders();
    for (const [id, t] of [['o1', '2026-01-01T00:00:00.000Z'], ['o2', '2026-01-03T00:00:00.000Z'], ['o3', '2026-01-02T00:00:00.000Z']] as const) {
      s = added(s, order(id, t)).state;
    }
    expect(page(s, 20).orders.map((o) => o.id)).toEqual(['o2', 'o3', 'o1']);
    expect(page(s, 20).next).toBeUndefined();
  });
  it('seals older orders into chunks: the unarchived part stays bounded however long the history', () => {
    const s = history(1000);
    expect(s.orders.length).toBeGreaterThanOrEqual(ORDERS_PER_CHUNK);
    expect(s.orders.length).toBeLessThan(2 * ORDERS_PER_CHUNK);
    expect(s.archive!.length * ORDERS_PER_CHUNK + s.orders.length).toBe(1000);
    expect(s.orders.at(-1)!.id).toBe('o999');
    // the whole history, as stored, costs well under the ≈ 370 bytes of one order as JSON
    expect(JSON.stringify(s).length / 1000).toBeLessThan(150);
    expect(OrdersStateSchema.safeParse(s).success).toBe(true);
  });
  it('pages through the whole history newest first, each order once, with a cursor that crosses chunks', () => {
    const s = history(237);
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const p = page(s, 20, after);
      seen.push(...p.orders.map((o) => o.id));
      after = p.next;
      pages++;
      if (after !== undefined) expect(p.orders).toHaveLength(20);
    } while (after !== undefined);
    expect(pages).toBe(12);
    expect(seen).toEqual(Array.from({ length: 237 }, (_, i) => `o${236 - i}`));
    expect(page(s, 100, 'o137').orders.map((o) => o.id)).toEqual(Array.from({ length: 100 }, (_, i) => `o${136 - i}`));
    expect(page(s, 100, 'o37')).toEqual({ orders: Array.from({ length: 37 }, (_, i) => expect.objectContaining({ id: `o${36 - i}` })) });
    expect(page(s, 5, 'o0')).toEqual({ orders: [] });
  });
  it('finds and de-duplicates archived orders, also among ids that start alike', () => {
    let alike = emptyOrders();
    for (let i = 0; i < 150; i++) alike = added(alike, order(`samestart-${i}`, new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString())).state;
    expect(getOrder(alike, 'samestart-7', open)).toMatchObject({ ok: true, value: { id: 'samestart-7' } });
    expect(getOrder(alike, 'samestart-77', open)).toMatchObject({ ok: true, value: { id: 'samestart-77' } });
    expect(getOrder(alike, 'samestart-999', open)).toMatchObject({ ok: false, error: { code: 'OrderNotFound' } });
    expect(page(alike, 3, 'samestart-10').orders.map((o) => o.id)).toEqual(['samestart-9', 'samestart-8', 'samestart-7']);
    expect(added(alike, order('samestart-20', '2026-06-01T00:00:00.000Z')).state).toBe(alike);
    const s = history(150);
    expect(getOrder(s, 'o3', open)).toMatchObject({ ok: true, value: { id: 'o3', createdAt: '2026-01-01T00:03:00.000Z' } });
    const replay = added(s, order('o3', '2026-06-01T00:00:00.000Z'));
    expect(replay.state).toBe(s);
    expect(replay.order.createdAt).toBe('2026-01-01T00:03:00.000Z');
  });
  it('refuses a cursor that is not an order of this customer', () => {
    expect(pageOrders(history(3), 20, 'nope', open)).toMatchObject({ ok: false, error: { code: 'ValidationFailed' } });
  });
  it('reports a corrupted chunk as CorruptState when a read opens it, not before', () => {
    const s = history(150);
    const broken: OrdersState = { ...s, archive: [{ ...s.archive![0]!, data: 'not-deflate' }, s.archive![1]!] };
    expect(page(broken, 20).orders).toHaveLength(20); // the newest orders need no chunk
    expect(pageOrders(broken, 100, 'o60', open)).toMatchObject({ ok: false, error: { code: 'CorruptState', details: { entity: 'Orders', key: 'u1' } } });
    expect(getOrder(broken, 'o1', open)).toMatchObject({ ok: false, error: { code: 'CorruptState' } });
    const swapped: OrdersState = { ...s, archive: [{ ...s.archive![0]!, keys: s.archive![1]!.keys }, s.archive![1]!] };
    expect(getOrder(swapped, 'o51', open)).toMatchObject({ ok: false, error: { code: 'CorruptState' } }); // the first chunk claims it
    expect(pageOrders(swapped, 100, 'o60', open)).toMatchObject({ ok: false, error: { code: 'CorruptState' } });
  });
});

describe('cart view', () => {
  it('joins lines with the catalog and shows a product that left it as unavailable', () => {
    const created = createItem(emptyInventory(), { id: 'latte', description: 'Latte', price: 0.1, availableStock: 9, restockThreshold: 1, maxStockThreshold: 10 });
    if (!created.ok) throw new Error('not created');
    const view = viewCart('u1', { lines: [{ itemId: 'latte', quantity: 3 }, { itemId: 'gone', quantity: 1 }], checkoutId: null, completedCheckouts: [], recentWrites: [] }, created.value.state);
    expect(view).toEqual({
      userId: 'u1',
      items: [
        { itemId: 'latte', quantity: 3, available: true, description: 'Latte', price: 0.1, lineTotal: 0.3, availableStock: 9 },
        { itemId: 'gone', quantity: 1, available: false, description: null, price: null, lineTotal: 0, availableStock: 0 },
      ],
      totalQuantity: 4,
      total: 0.3,
      checkoutInProgress: false,
    });
  });
});

describe('sample catalog', () => {
  it('holds every sample product', () => {
    expect(sampleInventory().items.map((i) => i.id)).toEqual(SAMPLE_CATALOG.map((i) => i.id));
    expect(SAMPLE_CATALOG.length).toBeGreaterThanOrEqual(5);
  });
});
