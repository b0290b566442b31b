// The domain's refusals are answers the API sends as they are (code, message, details): each one exactly,
// plus the boundaries of the rules behind them (found by mutation testing, README "Tests").
import { describe, expect, it } from 'vitest';
import { abortCheckout, addToCart, beginCheckout, emptyCart, removeFromCart, type CartState } from '../../src/domain/cart';
import { createItem, emptyInventory, getItem, type NewItem } from '../../src/domain/inventory';
import { isMoney } from '../../src/domain/money';
import { openChunkOf } from '../../src/contracts/state';
import { addOrder, emptyOrders, getOrder, pageOrders } from '../../src/domain/orders';
import { fail } from '../../src/domain/result';

const cart = (lines: [string, number][], checkoutId: string | null = null): CartState => ({
  lines: lines.map(([itemId, quantity]) => ({ itemId, quantity })), checkoutId, completedCheckouts: [], recentWrites: [],
});
const latte: NewItem = { id: 'latte', description: 'Latte beans', price: 4.5, availableStock: 5, restockThreshold: 2, maxStockThreshold: 10 };

describe('cart refusals', () => {
  it('says which checkout holds the cart, which product is missing, and how much stock there is', () => {
    expect(addToCart(cart([], 'co-1'), 'latte', 1, 5)).toEqual({
      ok: false, error: { code: 'CheckoutInProgress', message: 'A checkout of this cart is in progress; try again in a moment.', details: { checkoutId: 'co-1' } },
    });
    expect(addToCart(emptyCart(), 'nope', 1, undefined)).toEqual({
      ok: false, error: { code: 'ItemNotFound', message: "No product 'nope' in the catalog.", details: { itemId: 'nope' } },
    });
    expect(addToCart(cart([['latte', 2]]), 'latte', 4, 5)).toEqual({
      ok: false, error: { code: 'OutOfStock', message: "Only 5 unit(s) of 'latte' in stock; the cart would hold 6.", details: { itemId: 'latte', requested: 6, available: 5 } },
    });
    expect(removeFromCart(emptyCart(), 'latte')).toEqual({
      ok: false, error: { code: 'ItemNotInCart', message: "Product 'latte' is not in the cart.", details: { itemId: 'latte' } },
    });
    expect(beginCheckout(emptyCart(), 'co-2')).toEqual({ ok: false, error: { code: 'EmptyCart', message: 'The cart is empty; add products before checking out.' } });
  });

  it('adds units to the right line only', () => {
    const r = addToCart(cart([['mocha', 1], ['latte', 1]]), 'latte', 2, 5);
    expect(r).toEqual({ ok: true, value: cart([['mocha', 1], ['latte', 3]]) });
  });

  it('an abort by another checkout leaves the cart frozen', () => {
    const frozen = cart([['latte', 1]], 'co-1');
    expect(abortCheckout(frozen, 'co-other')).toBe(frozen);
    expect(abortCheckout(frozen, 'co-1').checkoutId).toBeNull();
  });
});

describe('catalog refusals', () => {
  it('names the missing or duplicate product and the thresholds that clash', () => {
    const created = createItem(emptyInventory(), latte);
    if (!created.ok) throw new Error(created.error.message);
    const state = created.value.state;
    expect(getItem(state, 'nope')).toEqual({ ok: false, error: { code: 'ItemNotFound', message: "No product 'nope' in the catalog.", details: { itemId: 'nope' } } });
    expect(createItem(state, latte)).toEqual({ ok: false, error: { code: 'ItemAlreadyExists', message: "A product with id 'latte' already exists.", details: { itemId: 'latte' } } });
    expect(createItem(emptyInventory(), { ...latte, restockThreshold: 11 })).toEqual({
      ok: false, error: { code: 'ValidationFailed', message: 'restockThreshold must not exceed maxStockThreshold.', details: { restockThreshold: 11, maxStockThreshold: 10 } },
    });
    expect(createItem(emptyInventory(), { ...latte, availableStock: 11 })).toEqual({
      ok: false, error: { code: 'ValidationFailed', message: 'availableStock must not exceed maxStockThreshold.', details: { availableStock: 11, maxStockThreshold: 10 } },
    });
  });

  it('accepts thresholds equal to the maximum', () => {
    expect(createItem(emptyInventory(), { ...latte, restockThreshold: 10, availableStock: 10 }).ok).toBe(true);
  });
});

describe('money, orders and results', () => {
  it('zero is money; a third of a cent is not', () => {
    expect(isMoney(0)).toBe(true);
    expect(isMoney(0.01)).toBe(true);
    expect(isMoney(0.003)).toBe(false);
    expect(isMoney(-0.01)).toBe(false);
  });

  it('names the missing order; lists the newest first, the later one first within one instant', () => {
    const open = openChunkOf('Orders', 'u');
    const order = (id: string, createdAt: string) => ({ id, userId: 'u', createdAt, items: [{ itemId: 'i', description: 'd', unitPrice: 1, quantity: 1, lineTotal: 1 }], total: 1, status: 'Placed' as const });
    let state = emptyOrders();
    for (const o of [order('a', '2026-01-02T00:00:00.000Z'), order('b', '2026-01-01T00:00:00.000Z'), order('c', '2026-01-02T00:00:00.000Z'), order('d', '2026-01-03T00:00:00.000Z')]) {
      const added = addOrder(state, o, open);
      if (!added.ok) throw new Error(added.error.message);
      state = added.value.state;
    }
    const page = pageOrders(state, 100, undefined, open);
    expect(page.ok && page.value.orders.map((o) => o.id)).toEqual(['d', 'c', 'a', 'b']);
    expect(getOrder(state, 'x', open)).toEqual({ ok: false, error: { code: 'OrderNotFound', message: "No order 'x' for this customer.", details: { orderId: 'x' } } });
  });

  it('a failure without details carries no details key', () => {
    expect(fail('EmptyCart', 'm')).toStrictEqual({ ok: false, error: { code: 'EmptyCart', message: 'm' } });
  });
});
