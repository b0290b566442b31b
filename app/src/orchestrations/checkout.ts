// Checkout as a saga of single entity operations instead of one critical section (app/README.md,
// "Checkout"): each step is atomic because an entity runs one operation at a time, each is idempotent by
// checkoutId so a resumed orchestration never applies one twice, and the singleton Inventory is held for
// one operation (commitSale) instead of the whole checkout.
//   1. cart.beginCheckout  freezes the cart and returns its lines (cart writes answer 409 meanwhile)
//   2. inventory.commitSale removes the stock of every line or of none, returns the prices of the moment
//   3. orders.add          records the order (idempotent by order id)
//   4. cart.completeCheckout empties the cart    — or, after 2 failed: cart.abortCheckout unfreezes it;
//      after 3 failed: inventory.cancelSale puts the stock back, then cart.abortCheckout
//   5. inventory.forgetSale drops the sale record kept for step 2's idempotency (a signal: nobody waits)
// A step that throws (engine fault, bug) gets the same compensation before the orchestration fails.
// Deterministic: the id is derived from the instance id (checkoutId.ts), the time is
// context.df.currentUtcDateTime. A run repeated under the same instance id after its checkout completed
// finds the id in the cart's completed checkouts and answers with the order already placed.
import * as df from 'durable-functions';
import { buildOrder } from '../domain/checkout';
import type { CartLine, SoldLine } from '../domain/inventory';
import type { Order } from '../domain/orders';
import { ok, type Result } from '../domain/result';
import { cartId, inventoryId, ordersId } from '../entities/names';
import { checkoutIdFor } from './checkoutId';
import { CHECKOUT } from './names';

export interface CheckoutInput { userId: string }

export const checkoutOrchestrator: df.OrchestrationHandler = function* (context) {
  const { userId } = context.df.getInput() as CheckoutInput;
  const checkoutId = checkoutIdFor(context.df.instanceId);
  const cart = cartId(userId);

  const begun = (yield context.df.callEntity(cart, 'beginCheckout', { checkoutId })) as Result<{ lines: CartLine[]; alreadyCompleted: boolean }>;
  if (!begun.ok) return begun;
  if (begun.value.alreadyCompleted) return yield context.df.callEntity(ordersId(userId), 'get', { orderId: checkoutId });

  // The cart is frozen from here: every way out either completes the checkout or undoes what it did.
  let stage: 'frozen' | 'sold' | 'ordered' = 'frozen';
  try {
    const sale = (yield context.df.callEntity(inventoryId(), 'commitSale', { checkoutId, lines: begun.value.lines })) as Result<SoldLine[]>;
    if (!sale.ok) {
      yield context.df.callEntity(cart, 'abortCheckout', { checkoutId });
      return sale;
    }
    stage = 'sold';

    const order = buildOrder(checkoutId, userId, context.df.currentUtcDateTime.toISOString(), sale.value);
    const recorded = (yield context.df.callEntity(ordersId(userId), 'add', { order })) as Result<Order>;
    if (!recorded.ok) {
      // Orders refuses a corrupted state, or a checkout an operator released (releaseCheckout.ts): no stock
      // may stay taken without an order, so undo the sale and unfreeze the cart (lines intact); the customer
      // gets CorruptState naming the Orders entity, or CheckoutReleased.
      yield context.df.callEntity(inventoryId(), 'cancelSale', { checkoutId });
      yield context.df.callEntity(cart, 'abortCheckout', { checkoutId });
      return recorded;
    }
    stage = 'ordered';

    yield context.df.callEntity(cart, 'completeCheckout', { checkoutId });
    context.df.signalEntity(inventoryId(), 'forgetSale', { checkoutId });
    return ok(recorded.value);
  } catch (error) {
    // Only an engine fault or a bug lands here (business failures are values). Before the order exists,
    // undo the sale and unfreeze the cart so a failed run leaves nothing behind; once it exists the order
    // stands and the same instance id run again completes the cart (every step is idempotent by checkoutId).
    if (stage !== 'ordered') {
      if (stage === 'sold') yield context.df.callEntity(inventoryId(), 'cancelSale', { checkoutId });
      yield context.df.callEntity(cart, 'abortCheckout', { checkoutId });
    }
    throw error;
  }
};

df.app.orchestration(CHECKOUT, checkoutOrchestrator);
