// An operator's release of a cart frozen by a checkout that did not finish (app/README.md, "Operations").
// It finishes or undoes that checkout, never blindly resets the cart:
//   1. cart.get              the cart must be held by this checkout (else CheckoutNotFound, nothing changes)
//   2. orders.release        one atomic step: the order if it is recorded, else null — and from then on
//                            that order is refused, so a saga still running cannot record it later
//   3. order recorded   →    cart.completeCheckout (empties the cart; the sale stands), inventory.forgetSale
//      no order         →    inventory.cancelSale (puts back the stock of a recorded sale, if any),
//                            cart.abortCheckout (unfreezes the cart, lines intact)
// Every step is idempotent by checkoutId, so a release run twice, or racing the saga it releases, ends in
// one consistent state: a saga that still reaches commitSale after the release sees its order refused and
// undoes its own sale (orchestrations/checkout.ts).
import * as df from 'durable-functions';
import type { CartState } from '../domain/cart';
import type { Order } from '../domain/orders';
import { fail, ok, type Result } from '../domain/result';
import { cartId, inventoryId, ordersId } from '../entities/names';
import { RELEASE_CHECKOUT } from './names';

export interface ReleaseInput { userId: string; checkoutId: string }

export interface Released {
  userId: string;
  checkoutId: string;
  /** completed: the order was recorded and the cart is emptied; aborted: nothing was sold and the cart keeps its lines */
  outcome: 'completed' | 'aborted';
  /** the order, when completed */
  order: Order | null;
  /** aborted only: whether stock taken by the checkout was put back */
  saleCancelled: boolean;
}

export const releaseCheckoutOrchestrator: df.OrchestrationHandler = function* (context) {
  const { userId, checkoutId } = context.df.getInput() as ReleaseInput;
  const cart = cartId(userId);

  const current = (yield context.df.callEntity(cart, 'get')) as Result<CartState>;
  if (!current.ok) return current;
  if (current.value.checkoutId !== checkoutId) {
    return fail('CheckoutNotFound', `The cart of '${userId}' is not held by checkout '${checkoutId}' (it may have completed or been released already).`, {
      userId,
      checkoutId,
      heldBy: current.value.checkoutId,
    });
  }

  const recorded = (yield context.df.callEntity(ordersId(userId), 'release', { checkoutId })) as Result<Order | null>;
  if (!recorded.ok) return recorded;
  if (recorded.value) {
    yield context.df.callEntity(cart, 'completeCheckout', { checkoutId });
    context.df.signalEntity(inventoryId(), 'forgetSale', { checkoutId });
    return ok<Released>({ userId, checkoutId, outcome: 'completed', order: recorded.value, saleCancelled: false });
  }
  const cancelled = (yield context.df.callEntity(inventoryId(), 'cancelSale', { checkoutId })) as Result<boolean>;
  if (!cancelled.ok) return cancelled;
  yield context.df.callEntity(cart, 'abortCheckout', { checkoutId });
  return ok<Released>({ userId, checkoutId, outcome: 'aborted', order: null, saleCancelled: cancelled.value });
};

df.app.orchestration(RELEASE_CHECKOUT, releaseCheckoutOrchestrator);
