// Cart writes: one ShoppingCart operation each, run in an orchestration so the HTTP function gets the
// result. Adding first reads the catalog from the Inventory (one read-only operation, batched with the
// others on the singleton) for the stock check and the view: the HTTP function then makes no client call
// besides starting the orchestration and waiting for it. The check is advisory (stock may change before
// checkout; checkout is the gate).
import * as df from 'durable-functions';
import type { CartState } from '../domain/cart';
import { viewCart, type CartView } from '../domain/cartView';
import { findItem, type InventoryItem } from '../domain/inventory';
import { ok, type Result } from '../domain/result';
import { cartId, inventoryId } from '../entities/names';
import { CART_ADD, CART_REMOVE } from './names';

export interface CartAddInput { userId: string; itemId: string; quantity: number }
export interface CartRemoveInput { userId: string; itemId: string; quantity?: number }

/** Answers with the cart view (the cart joined with the catalog read in the same run). */
export const cartAddOrchestrator: df.OrchestrationHandler = function* (context) {
  const { userId, itemId, quantity } = context.df.getInput() as CartAddInput;
  const catalog = (yield context.df.callEntity(inventoryId(), 'get')) as Result<{ items: InventoryItem[] }>;
  if (!catalog.ok) return catalog;
  const availableStock = findItem(catalog.value, itemId)?.availableStock ?? null;
  const cart = (yield context.df.callEntity(cartId(userId), 'add', { itemId, quantity, availableStock })) as Result<CartState>;
  return cart.ok ? ok<CartView>(viewCart(userId, cart.value, catalog.value)) : cart;
};

/** Answers with the cart (the HTTP function joins it with the catalog it reads meanwhile). */
export const cartRemoveOrchestrator: df.OrchestrationHandler = function* (context) {
  const { userId, itemId, quantity } = context.df.getInput() as CartRemoveInput;
  return (yield context.df.callEntity(cartId(userId), 'remove', quantity === undefined ? { itemId } : { itemId, quantity })) as Result<CartState>;
};

df.app.orchestration(CART_ADD, cartAddOrchestrator);
df.app.orchestration(CART_REMOVE, cartRemoveOrchestrator);
