import { describe, expect, it } from 'vitest';
import {
  abortCheckout, addToCart, beginCheckout, completeCheckout, emptyCart, MAX_COMPLETED_CHECKOUTS, KEEP_LAST_OUTCOMES, MAX_OUTCOMES, recordWrite, KEEP_OUTCOMES_FOR_MS, removeFromCart, type CartState,
  KEEP_KEYED_OUTCOMES, KEEP_KEYED_OUTCOMES_FOR_MS, KEYED_REQUEST_PREFIX, showsCompletedCheckout,
} from '../../src/domain/cart';

const cartWith = (...lines: [string, number][]): CartState => ({ lines: lines.map(([itemId, quantity]) => ({ itemId, quantity })), checkoutId: null, completedCheckouts: [], recentWrites: [] });

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
      value: { state: { lines: [{ itemId: 'latte', quantity: 2 }], checkoutId: 'c1', completedCheckouts: [], recentWrites: [] }, lines: [{ itemId: 'latte', quantity: 2 }], alreadyCompleted: false },
    });
    if (!begun.ok) return;
    expect(beginCheckout(begun.value.state, 'c1')).toEqual(begun); // replay-safe
    expect(beginCheckout(begun.value.state, 'c2')).toMatchObject({ ok: false, error: { code: 'CheckoutInProgress' } });
    expect(removeFromCart(begun.value.state, 'latte')).toMatchObject({ ok: false, error: { code: 'CheckoutInProgress' } });
    expect(completeCheckout(begun.value.state, 'c2')).toBe(begun.value.state);
    const done = completeCheckout(begun.value.state, 'c1');
    expect(done).toEqual({ lines: [], checkoutId: null, completedCheckouts: ['c1'], recentWrites: [] });
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

describe('recordWrite', () => {
  const T = 1_700_000_000_000;
  it('applies a write once and records its outcome, failures included', () => {
    const added = recordWrite(emptyCart(), 'r1', (cart) => addToCart(cart, 'latte', 2, 5), T);
    expect(added).toEqual({
      state: { ...cartWith(['latte', 2]), recentWrites: [{ requestId: 'r1', error: null, at: T }] },
      outcome: { requestId: 'r1', error: null, at: T },
    });
    // the same request again (a redelivered signal) changes nothing and answers the recorded outcome
    expect(recordWrite(added.state, 'r1', (cart) => addToCart(cart, 'latte', 2, 5), T + 1)).toEqual({ state: added.state, outcome: added.outcome });
    const refused = recordWrite(added.state, 'r2', (cart) => addToCart(cart, 'latte', 9, 5), T + 2);
    expect(refused.state.lines).toEqual(added.state.lines);
    expect(refused.outcome).toMatchObject({ requestId: 'r2', error: { code: 'OutOfStock' }, at: T + 2 });
    expect(refused.state.recentWrites.map((w) => w.requestId)).toEqual(['r2', 'r1']);
  });
  it('keeps the last KEEP_LAST_OUTCOMES outcomes, and all those younger than KEEP_OUTCOMES_FOR_MS', () => {
    // spaced out: only the last KEEP_LAST_OUTCOMES stay
    let cart = emptyCart();
    for (let i = 1; i <= KEEP_LAST_OUTCOMES + 2; i++) cart = recordWrite(cart, `r${i}`, (c) => addToCart(c, 'latte', 1, 1000), T + i * KEEP_OUTCOMES_FOR_MS).state;
    expect(cart.lines).toEqual([{ itemId: 'latte', quantity: KEEP_LAST_OUTCOMES + 2 }]);
    expect(cart.recentWrites.map((w) => w.requestId)).toEqual(Array.from({ length: KEEP_LAST_OUTCOMES }, (_, i) => `r${KEEP_LAST_OUTCOMES + 2 - i}`));
    // a burst: every outcome stays until it is KEEP_OUTCOMES_FOR_MS old, up to MAX_OUTCOMES
    let burst = emptyCart();
    for (let i = 0; i < KEEP_LAST_OUTCOMES * 3; i++) burst = recordWrite(burst, `b${i}`, (c) => addToCart(c, 'latte', 1, 1000), T).state;
    expect(burst.recentWrites).toHaveLength(KEEP_LAST_OUTCOMES * 3);
    const later = recordWrite(burst, 'late', (c) => addToCart(c, 'latte', 1, 1000), T + KEEP_OUTCOMES_FOR_MS).state;
    expect(later.recentWrites).toHaveLength(KEEP_LAST_OUTCOMES);
    for (let i = 0; i < MAX_OUTCOMES + 5; i++) burst = recordWrite(burst, `c${i}`, (c) => addToCart(c, 'latte', 1, 1000), T).state;
    expect(burst.recentWrites).toHaveLength(MAX_OUTCOMES);
  });
  it('keeps the last KEEP_KEYED_OUTCOMES outcomes of Idempotency-Key writes for KEEP_KEYED_OUTCOMES_FOR_MS', () => {
    let cart = recordWrite(emptyCart(), `${KEYED_REQUEST_PREFIX}a`, (c) => addToCart(c, 'latte', 1, 1000), T).state;
    // many later writes, spaced out: the unkeyed ones go, the keyed one stays and a retry is not applied again
    for (let i = 1; i <= KEEP_LAST_OUTCOMES * 2; i++) cart = recordWrite(cart, `r${i}`, (c) => addToCart(c, 'latte', 1, 1000), T + i * KEEP_OUTCOMES_FOR_MS).state;
    expect(cart.recentWrites.map((w) => w.requestId)).toContain(`${KEYED_REQUEST_PREFIX}a`);
    const retried = recordWrite(cart, `${KEYED_REQUEST_PREFIX}a`, (c) => addToCart(c, 'latte', 1, 1000), T + 60_000);
    expect(retried.state).toBe(cart);
    // at most KEEP_KEYED_OUTCOMES of them, and not older than KEEP_KEYED_OUTCOMES_FOR_MS
    for (let i = 0; i < KEEP_KEYED_OUTCOMES + 3; i++) cart = recordWrite(cart, `${KEYED_REQUEST_PREFIX}k${i}`, (c) => addToCart(c, 'latte', 1, 1000), T + 100_000 + i * KEEP_OUTCOMES_FOR_MS).state;
    expect(cart.recentWrites.filter((w) => w.requestId.startsWith(KEYED_REQUEST_PREFIX))).toHaveLength(KEEP_KEYED_OUTCOMES);
    const dayLater = recordWrite(cart, 'r-late', (c) => addToCart(c, 'latte', 1, 1000), T + KEEP_KEYED_OUTCOMES_FOR_MS + 200_000).state;
    expect(dayLater.recentWrites).toHaveLength(KEEP_LAST_OUTCOMES);
  });
  it('keeps the outcomes through checkout', () => {
    const added = recordWrite(emptyCart(), 'r1', (cart) => addToCart(cart, 'latte', 1, 5), T).state;
    const begun = beginCheckout(added, 'c1');
    if (!begun.ok) throw new Error('not begun');
    expect(completeCheckout(begun.value.state, 'c1').recentWrites).toEqual(added.recentWrites);
    expect(abortCheckout(begun.value.state, 'c1').recentWrites).toEqual(added.recentWrites);
  });
});

describe('showsCompletedCheckout', () => {
  it('is true once the cart has completed the checkout, false for a state still frozen by it or from before it', () => {
    const frozen: CartState = { ...emptyCart(), lines: [{ itemId: 'latte', quantity: 1 }], checkoutId: 'c1' };
    expect(showsCompletedCheckout(frozen, 'c1')).toBe(false);
    expect(showsCompletedCheckout({ ...frozen, checkoutId: null }, 'c1')).toBe(false);
    expect(showsCompletedCheckout(completeCheckout(frozen, 'c1'), 'c1')).toBe(true);
    // gone from the remembered list after MAX_COMPLETED_CHECKOUTS later checkouts: it completed long before
    const old = { ...emptyCart(), completedCheckouts: Array.from({ length: MAX_COMPLETED_CHECKOUTS }, (_, i) => `n${i}`) };
    expect(showsCompletedCheckout(old, 'c1')).toBe(true);
    expect(showsCompletedCheckout({ ...old, checkoutId: 'c1' }, 'c1')).toBe(false);
  });
});
