// Cart writes: one ShoppingCart operation each, run in an orchestration so the HTTP function gets the
// resulting cart. The HTTP function reads the catalog itself (committed state, readEntityState) and passes
// the product's stock in: the stock check when adding is advisory (stock may change before checkout;
// checkout is the gate), and keeping catalog reads off the singleton Inventory's queue leaves it to the
// operations that change it.
import * as df from 'durable-functions';
import type { CartState } from '../domain/cart';
import type { Result } from '../domain/result';
import { cartId } from '../entities/names';
import { CART_ADD, CART_REMOVE } from './names';

/** availableStock: the product's stock as just read, null when it is not in the catalog */
export interface CartAddInput { userId: string; itemId: string; quantity: number; availableStock: number | null }
export interface CartRemoveInput { userId: string; itemId: string; quantity?: number }

export const cartAddOrchestrator: df.OrchestrationHandler = function* (context) {
  const { userId, itemId, quantity, availableStock } = context.df.getInput() as CartAddInput;
  return (yield context.df.callEntity(cartId(userId), 'add', { itemId, quantity, availableStock })) as Result<CartState>;
};

export const cartRemoveOrchestrator: df.OrchestrationHandler = function* (context) {
  const { userId, itemId, quantity } = context.df.getInput() as CartRemoveInput;
  return (yield context.df.callEntity(cartId(userId), 'remove', quantity === undefined ? { itemId } : { itemId, quantity })) as Result<CartState>;
};

df.app.orchestration(CART_ADD, cartAddOrchestrator);
df.app.orchestration(CART_REMOVE, cartRemoveOrchestrator);
