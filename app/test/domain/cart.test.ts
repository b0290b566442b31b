import { describe, expect, it } from 'vitest';
import {
  abortCheckout, addToCart, beginCheckout, completeCheckout, emptyCart, MAX_COMPLETED_CHECKOUTS, removeFromCart, type CartState,
} from '../../src/domain/cart';

const cartWith = (...lines: [string, number][]): CartState => ({ lines: lines.map(([itemId, quantity]) => ({ itemId, quantity })), checkoutId: null, completedCheckouts: [] });

describe('addToCart', () => {
  it('adds a line and then units to it', () => {
    const a = addToCart(emptyCart(), 'latte', 2, 5);
    expect(a).toEqual({ ok: true, value: cartWith(['latte', 2]) });
    if (!a.ok) return;
    expect(addToCart(a.value, 'latte', 3, 5)).toEqual({ ok: true, value: cartWith(['latte', 5]) });
  });
  it('refuses more units than are in stock, counting what the cart holds', () => {
    expect(addToCart(cartWith(['latte', 4]), 'latte', 2, 5)).toMatchObject({
      ok: false, error: { code: 'OutOfStock', details: { requested: 6, available: 5 } },
    });
  });
  it('refuses an unknown product and a frozen cart', () => {
    expect(addToCart(emptyCart(), 'x', 1, undefined)).toMatchObject({ ok: false, error: { code: 'ItemNotFound' } });
    expect(addToCart({ ...cartWith(), checkoutId: 'c' }, 'latte', 1, 5)).toMatchObject({ ok: false, error: { code: 'CheckoutInProgress' } });
  });
});

describe('removeFromCart', () => {
  it('removes the whole line, or some units of it', () => {
    const cart = cartWith(['latte', 3], ['mocha', 1]);
    expect(removeFromCart(cart, 'latte')).toEqual({ ok: true, value: cartWith(['mocha', 1]) });
    expect(removeFromCart(cart, 'latte', 2)).toEqual({ ok: true, value: cartWith(['latte', 1], ['mocha', 1]) });
    expect(removeFromCart(cart, 'latte', 5)).toEqual({ ok: true, value: cartWith(['mocha', 1]) });
  });
  it('reports a product that is not in the cart', () => {
    expect(removeFromCart(cartWith(['latte', 1]), 'mocha')).toMatchObject({ ok: false, error: { code: 'ItemNotInCart' } });
  });
});

describe('checkout steps', () => {
  it('freezes, then empties on completion', () => {
    const begun = beginCheckout(cartWith(['latte', 2]), 'c1');
    expect(begun).toEqual({
      ok: true,
      value: { state: { lines: [{ itemId: 'latte', quantity: 2 }], checkoutId: 'c1', completedCheckouts: [] }, lines: [{ itemId: 'latte', quantity: 2 }], alreadyCompleted: false },
    });
    if (!begun.ok) return;
    expect(beginCheckout(begun.value.state, 'c1')).toEqual(begun); // replay-safe
    expect(beginCheckout(begun.value.state, 'c2')).toMatchObject({ ok: false, error: { code: 'CheckoutInProgress' } });
    expect(removeFromCart(begun.value.state, 'latte')).toMatchObject({ ok: false, error: { code: 'CheckoutInProgress' } });
    expect(completeCheckout(begun.value.state, 'c2')).toBe(begun.value.state);
    const done = completeCheckout(begun.value.state, 'c1');
    expect(done).toEqual({ lines: [], checkoutId: null, completedCheckouts: ['c1'] });
    // the same checkout run again finds itself completed, even with new lines in the cart
    const refilled = addToCart(done, 'latte', 1, 5);
    if (!refilled.ok) throw new Error('not refilled');
    expect(beginCheckout(refilled.value, 'c1')).toEqual({ ok: true, value: { state: refilled.value, lines: [], alreadyCompleted: true } });
  });
  it('remembers a bounded number of completed checkouts', () => {
    let cart = emptyCart();
    for (let i = 0; i < MAX_COMPLETED_CHECKOUTS + 3; i++) {
      const added = addToCart(cart, 'latte', 1, 5);
      if (!added.ok) throw new Error('not added');
      const begun = beginCheckout(added.value, `c${i}`);
      if (!begun.ok) throw new Error('not begun');
      cart = completeCheckout(begun.value.state, `c${i}`);
    }
    expect(cart.completedCheckouts).toHaveLength(MAX_COMPLETED_CHECKOUTS);
    expect(cart.completedCheckouts[0]).toBe(`c${MAX_COMPLETED_CHECKOUTS + 2}`);
  });
  it('unfreezes with the lines intact on abort', () => {
    const begun = beginCheckout(cartWith(['latte', 2]), 'c1');
    if (!begun.ok) throw new Error('not begun');
    expect(abortCheckout(begun.value.state, 'c1')).toEqual(cartWith(['latte', 2]));
    expect(abortCheckout(cartWith(['latte', 2]), 'c1')).toEqual(cartWith(['latte', 2]));
  });
  it('refuses an empty cart', () => {
    expect(beginCheckout(emptyCart(), 'c1')).toMatchObject({ ok: false, error: { code: 'EmptyCart' } });
  });
});
