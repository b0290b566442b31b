// The ShoppingCart entity: one instance per customer (key = userId).
import * as df from 'durable-functions';
import { CartOps } from '../contracts/operations';
import { CartStateSchema } from '../contracts/state';
import { abortCheckout, addToCart, beginCheckout, completeCheckout, emptyCart, removeFromCart, type CartState } from '../domain/cart';
import { ok, type Result } from '../domain/result';
import { CART_ENTITY } from './names';
import { entityHandler, operation, type EntityDefinition, type Outcome } from './operation';

const changed = (r: Result<CartState>): Outcome<CartState> => (r.ok ? { state: r.value, result: r } : { result: r });

export const cartDefinition: EntityDefinition<CartState> = {
  name: CART_ENTITY,
  state: CartStateSchema,
  initial: emptyCart,
  operations: {
    get: operation(CartOps.get, (state: CartState) => ({ result: ok(state) })),
    add: operation(CartOps.add, (state: CartState, { itemId, quantity, availableStock }) =>
      changed(addToCart(state, itemId, quantity, availableStock ?? undefined))),
    remove: operation(CartOps.remove, (state: CartState, { itemId, quantity }) => changed(removeFromCart(state, itemId, quantity))),
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
