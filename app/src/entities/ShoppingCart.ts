// The ShoppingCart entity: one instance per customer (key = userId).
import * as df from 'durable-functions';
import { CartOps } from '../contracts/operations';
import { CartStateSchema } from '../contracts/state';
import { abortCheckout, addToCart, beginCheckout, completeCheckout, emptyCart, recordWrite, removeFromCart, type CartState } from '../domain/cart';
import { ok, type Result } from '../domain/result';
import { CART_ENTITY } from './names';
import { entityHandler, operation, type EntityDefinition, type Outcome } from './operation';

const changed = (r: Result<CartState>): Outcome<CartState> => (r.ok ? { state: r.value, result: r } : { result: r });

/**
 * A client's write. Signalled by the HTTP functions (with a requestId) its outcome is recorded in the state,
 * stamped with the time (an entity is not replayed, so it may read the clock), and the operation returns
 * that outcome alone: its sender reads the cart, and a signal's return value goes nowhere. Without a
 * requestId (a call from an orchestration, or a signal through the durable API by hand) it returns the
 * Result with the new cart.
 */
const write = (state: CartState, requestId: string | undefined, apply: (cart: CartState) => Result<CartState>): Outcome<CartState> => {
  if (requestId === undefined) return changed(apply(state));
  const { state: next, outcome } = recordWrite(state, requestId, apply, Date.now());
  return { state: next, result: outcome.error ? { ok: false, error: outcome.error } : ok(outcome) };
};

export const cartDefinition: EntityDefinition<CartState> = {
  name: CART_ENTITY,
  state: CartStateSchema,
  initial: emptyCart,
  operations: {
    get: operation(CartOps.get, (state: CartState) => ({ result: ok(state) })),
    add: operation(CartOps.add, (state: CartState, { itemId, quantity, availableStock, requestId }) =>
      write(state, requestId, (cart) => addToCart(cart, itemId, quantity, availableStock ?? undefined))),
    remove: operation(CartOps.remove, (state: CartState, { itemId, quantity, requestId }) =>
      write(state, requestId, (cart) => removeFromCart(cart, itemId, quantity))),
    beginCheckout: operation(CartOps.beginCheckout, (state: CartState, { checkoutId }) => {
      const r = beginCheckout(state, checkoutId);
      return r.ok ? { state: r.value.state, result: ok({ lines: r.value.lines, alreadyCompleted: r.value.alreadyCompleted }) } : { result: r };
    }),
    completeCheckout: operation(CartOps.completeCheckout, (state: CartState, { checkoutId }) => {
      const next = completeCheckout(state, checkoutId);
      return { state: next, result: ok(next) };
    }),
    abortCheckout: operation(CartOps.abortCheckout, (state: CartState, { checkoutId }) => {
      const next = abortCheckout(state, checkoutId);
      return { state: next, result: ok(next) };
    }),
  },
};

df.app.entity(CART_ENTITY, entityHandler(cartDefinition));
