import { describe, expect, it } from 'vitest';
import {
  addStock, cancelSale, commitSale, createItem, emptyInventory, forgetSale, MAX_REMEMBERED_SALES, pageCatalog, removeStock, selectItems,
  type InventoryState, type NewItem,
} from '../../src/domain/inventory';

const latte: NewItem = { id: 'latte', description: 'Latte beans', price: 4.5, availableStock: 5, restockThreshold: 2, maxStockThreshold: 10 };
const mocha: NewItem = { id: 'mocha', description: 'Mocha beans', price: 0.1, availableStock: 3, restockThreshold: 1, maxStockThreshold: 5 };

function store(...items: NewItem[]): InventoryState {
  let state = emptyInventory();
  for (const item of items) {
    const r = createItem(state, item);
    if (!r.ok) throw new Error(r.error.message);
    state = r.value.state;
  }
  return state;
}

describe('createItem', () => {
  it('computes onReorder from the restock threshold', () => {
    const r = createItem(emptyInventory(), { ...latte, availableStock: 2 });
    expect(r.ok && r.value.item.onReorder).toBe(true);
    const r2 = createItem(emptyInventory(), latte);
    expect(r2.ok && r2.value.item.onReorder).toBe(false);
  });
  it('stores the price with at most two decimals, without float noise', () => {
    const r = createItem(emptyInventory(), { ...latte, price: 0.1 + 0.2 });
    expect(r.ok && r.value.item.price).toBe(0.3);
    expect(r.ok && r.value.state.items[0]!.price).toBe(0.3);
  });
  it('refuses a duplicate id and inconsistent thresholds', () => {
    const s = store(latte);
    expect(createItem(s, latte)).toMatchObject({ ok: false, error: { code: 'ItemAlreadyExists' } });
    expect(createItem(s, { ...mocha, restockThreshold: 9 })).toMatchObject({ ok: false, error: { code: 'ValidationFailed' } });
    expect(createItem(s, { ...mocha, availableStock: 6 })).toMatchObject({ ok: false, error: { code: 'ValidationFailed' } });
  });
});

describe('addStock', () => {
  it('caps at maxStockThreshold and clears onReorder', () => {
    const s = store({ ...latte, availableStock: 1 });
    const r = addStock(s, 'latte', 100);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.item).toMatchObject({ availableStock: 10, onReorder: false });
    expect(r.value.state.items[0]!.availableStock).toBe(10);
  });
  it('adds below the cap', () => {
    const r = addStock(store(latte), 'latte', 3);
    expect(r.ok && r.value.item.availableStock).toBe(8);
  });
  it('reports an unknown item', () => {
    expect(addStock(store(latte), 'nope', 1)).toMatchObject({ ok: false, error: { code: 'ItemNotFound' } });
  });
});

describe('removeStock', () => {
  it('never goes below zero and marks onReorder at or under the threshold', () => {
    const item = { ...latte, onReorder: false };
    expect(removeStock(item, 3)).toMatchObject({ availableStock: 2, onReorder: true });
    expect(removeStock(item, 2)).toMatchObject({ availableStock: 3, onReorder: false });
    expect(removeStock(item, 99)).toMatchObject({ availableStock: 0, onReorder: true });
  });
});

describe('commitSale', () => {
  it('removes the stock of every line and returns the prices of the moment', () => {
    const r = commitSale(store(latte, mocha), 'c1', [{ itemId: 'latte', quantity: 2 }, { itemId: 'mocha', quantity: 3 }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.sold).toEqual([
      { itemId: 'latte', quantity: 2, description: 'Latte beans', unitPrice: 4.5 },
      { itemId: 'mocha', quantity: 3, description: 'Mocha beans', unitPrice: 0.1 },
    ]);
    expect(r.value.state.items.map((i) => i.availableStock)).toEqual([3, 0]);
    expect(r.value.state.items[1]!.onReorder).toBe(true);
  });
  it('sells nothing when any line is short, and lists every shortage', () => {
    const before = store(latte, mocha);
    const r = commitSale(before, 'c1', [{ itemId: 'latte', quantity: 2 }, { itemId: 'mocha', quantity: 4 }, { itemId: 'gone', quantity: 1 }]);
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'OutOfStock',
        message: expect.any(String),
        details: { shortages: [{ itemId: 'mocha', requested: 4, available: 3 }, { itemId: 'gone', requested: 1, available: 0 }] },
      },
    });
    expect(before.items.map((i) => i.availableStock)).toEqual([5, 3]);
  });
  it('counts repeated lines of one product together', () => {
    const r = commitSale(store(mocha), 'c1', [{ itemId: 'mocha', quantity: 2 }, { itemId: 'mocha', quantity: 2 }]);
    expect(r).toMatchObject({ ok: false, error: { code: 'OutOfStock' } });
  });
  it('is idempotent by checkoutId', () => {
    const first = commitSale(store(latte), 'c1', [{ itemId: 'latte', quantity: 2 }]);
    if (!first.ok) throw new Error('sale failed');
    const again = commitSale(first.value.state, 'c1', [{ itemId: 'latte', quantity: 2 }]);
    expect(again.ok && again.value.state).toBe(first.value.state);
    expect(again.ok && again.value.sold).toEqual(first.value.sold);
    expect(first.value.state.items[0]!.availableStock).toBe(3);
  });
  it('remembers a bounded number of sales', () => {
    let s = store({ ...latte, availableStock: 10, maxStockThreshold: 10 });
    for (let i = 0; i < MAX_REMEMBERED_SALES + 5; i++) {
      const restocked = addStock(s, 'latte', 1);
      if (restocked.ok) s = restocked.value.state;
      const r = commitSale(s, `c${i}`, [{ itemId: 'latte', quantity: 1 }]);
      if (!r.ok) throw new Error(r.error.message);
      s = r.value.state;
    }
    expect(s.recentSales).toHaveLength(MAX_REMEMBERED_SALES);
    expect(s.recentSales[0]!.checkoutId).toBe(`c${MAX_REMEMBERED_SALES + 4}`);
  });
  it('keeps stock non-negative and conserved over a random sequence of sales', () => {
    let s = store({ ...latte, availableStock: 10 }, mocha);
    let seed = 42;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    let sold = 0;
    for (let i = 0; i < 200; i++) {
      const r = commitSale(s, `c${i}`, [{ itemId: rnd(2) ? 'latte' : 'mocha', quantity: 1 + rnd(3) }]);
      if (r.ok) { s = r.value.state; sold += r.value.sold[0]!.quantity; }
      if (rnd(5) === 0) { const a = addStock(s, rnd(2) ? 'latte' : 'mocha', rnd(4) + 1); if (a.ok) s = a.value.state; }
      for (const item of s.items) {
        expect(item.availableStock).toBeGreaterThanOrEqual(0);
        expect(item.availableStock).toBeLessThanOrEqual(item.maxStockThreshold);
      }
    }
    expect(sold).toBeGreaterThan(0);
  });
});

describe('forgetSale', () => {
  it('drops the record of one sale and keeps the others', () => {
    const a = commitSale(store(latte), 'c1', [{ itemId: 'latte', quantity: 1 }]);
    if (!a.ok) throw new Error('sale failed');
    const b = commitSale(a.value.state, 'c2', [{ itemId: 'latte', quantity: 1 }]);
    if (!b.ok) throw new Error('sale failed');
    expect(forgetSale(b.value.state, 'c1').recentSales.map((s) => s.checkoutId)).toEqual(['c2']);
    expect(forgetSale(b.value.state, 'unknown')).toBe(b.value.state);
    expect(forgetSale(b.value.state, 'c1').items).toEqual(b.value.state.items);
  });
});

describe('cancelSale', () => {
  it('puts the units of one sale back, drops its record, and does nothing the second time', () => {
    const before = store(latte, mocha);
    const a = commitSale(before, 'c1', [{ itemId: 'latte', quantity: 4 }, { itemId: 'mocha', quantity: 1 }]);
    if (!a.ok) throw new Error('sale failed');
    const b = commitSale(a.value.state, 'c2', [{ itemId: 'latte', quantity: 1 }]);
    if (!b.ok) throw new Error('sale failed');
    expect(b.value.state.items[0]).toMatchObject({ availableStock: 0, onReorder: true });
    const cancelled = cancelSale(b.value.state, 'c1');
    expect(cancelled.items.map((i) => [i.id, i.availableStock, i.onReorder])).toEqual([['latte', 4], ['mocha', 3]].map(([id, n]) => [id, n, false]));
    expect(cancelled.recentSales.map((s) => s.checkoutId)).toEqual(['c2']);
    expect(cancelSale(cancelled, 'c1')).toBe(cancelled); // idempotent
    expect(cancelSale(before, 'never-sold')).toBe(before);
  });

  it('caps the returned units at maxStockThreshold and keeps onReorder while at or under the threshold', () => {
    const a = commitSale(store(latte), 'c1', [{ itemId: 'latte', quantity: 4 }]);
    if (!a.ok) throw new Error('sale failed');
    const refilled = addStock(a.value.state, 'latte', 8);
    if (!refilled.ok) throw new Error('addStock failed');
    expect(cancelSale(refilled.value.state, 'c1').items[0]!.availableStock).toBe(10);
    const small = commitSale(store({ ...latte, availableStock: 2 }), 'c2', [{ itemId: 'latte', quantity: 1 }]);
    if (!small.ok) throw new Error('sale failed');
    expect(cancelSale(small.value.state, 'c2').items[0]).toMatchObject({ availableStock: 2, onReorder: true });
  });
});

describe('pageCatalog and selectItems (GET /api/store for a big catalog)', () => {
  const items = Array.from({ length: 7 }, (_, i): NewItem => ({ ...latte, id: `p${i}` }));
  const catalog = store(...items);
  const ids = (r: { id: string }[]) => r.map((i) => i.id);

  it('pages in stored order with the last id of a page as the next cursor, and no cursor on the last page', () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = pageCatalog(catalog, 3, after);
      if (!page.ok) throw new Error(page.error.message);
      seen.push(...ids(page.value.items));
      if (page.value.next === undefined) break;
      expect(page.value.next).toBe(page.value.items.at(-1)!.id);
      after = page.value.next;
    }
    expect(seen).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
    // a page that ends exactly at the end has no next
    expect(pageCatalog(catalog, 7, undefined)).toEqual({ ok: true, value: { items: catalog.items } });
    expect(pageCatalog(catalog, 2, 'p6')).toEqual({ ok: true, value: { items: [] } });
    expect(pageCatalog(emptyInventory(), 5, undefined)).toEqual({ ok: true, value: { items: [] } });
  });

  it('refuses a cursor that is not a product', () => {
    const r = pageCatalog(catalog, 3, 'nope');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'ValidationFailed', details: { issues: [{ path: 'after' }] } });
  });

  it('selects the named products in the order asked, each once, leaving unknown ids out', () => {
    expect(ids(selectItems(catalog, ['p5', 'nope', 'p1', 'p5']))).toEqual(['p5', 'p1']);
    expect(selectItems(catalog, ['nope'])).toEqual([]);
  });
});
