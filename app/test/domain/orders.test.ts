import { describe, expect, it } from 'vitest';
import { buildOrder } from '../../src/domain/checkout';
import { viewCart } from '../../src/domain/cartView';
import { createItem, emptyInventory } from '../../src/domain/inventory';
import { fromCents, isMoney, toCents } from '../../src/domain/money';
import { addOrder, emptyOrders, getOrder, listOrders } from '../../src/domain/orders';
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
  });
});

describe('orders', () => {
  const order = (id: string, createdAt: string) => buildOrder(id, 'u1', createdAt, [{ itemId: 'a', description: 'A', unitPrice: 1, quantity: 1 }]);
  it('adds idempotently by id and finds orders', () => {
    const a = addOrder(emptyOrders(), order('o1', '2026-01-01T00:00:00.000Z'));
    const again = addOrder(a.state, { ...order('o1', '2026-01-02T00:00:00.000Z') });
    expect(again.state.orders).toHaveLength(1);
    expect(again.order.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(getOrder(a.state, 'o1')).toMatchObject({ ok: true, value: { id: 'o1' } });
    expect(getOrder(a.state, 'o2')).toMatchObject({ ok: false, error: { code: 'OrderNotFound' } });
  });
  it('lists newest first', () => {
    let s = emptyOrders();
    for (const [id, t] of [['o1', '2026-01-01T00:00:00.000Z'], ['o2', '2026-01-03T00:00:00.000Z'], ['o3', '2026-01-02T00:00:00.000Z']] as const) {
      s = addOrder(s, order(id, t)).state;
    }
    expect(listOrders(s).map((o) => o.id)).toEqual(['o2', 'o3', 'o1']);
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
