// Cart writes answer with the cart view, so each reads the catalog too. Two entity operations in sequence;
// the stock check when adding is advisory (the stock may change before checkout), checkout is the gate.
import * as df from 'durable-functions';
import type { CartState } from '../domain/cart';
import { viewCart } from '../domain/cartView';
import { findItem, type InventoryItem } from '../domain/inventory';
import { ok, type Result } from '../domain/result';
import { cartId, inventoryId } from '../entities/names';
import { CART_ADD, CART_REMOVE } from './names';

export interface CartAddInput { userId: string; itemId: string; quantity: number }
export interface CartRemoveInput { userId: string; itemId: string; quantity?: number }

type Catalog = Result<{ items: InventoryItem[] }>;

export const cartAddOrchestrator: df.OrchestrationHandler = function* (context) {
  const { userId, itemId, quantity } = context.df.getInput() as CartAddInput;
  const catalog = (yield context.df.callEntity(inventoryId(), 'get')) as Catalog;
  if (!catalog.ok) return catalog;
  const availableStock = findItem(catalog.value, itemId)?.availableStock ?? null;
  const cart = (yield context.df.callEntity(cartId(userId), 'add', { itemId, quantity, availableStock })) as Result<CartState>;
  return cart.ok ? ok(viewCart(userId, cart.value, catalog.value)) : cart;
};

export const cartRemoveOrchestrator: df.OrchestrationHandler = function* (context) {
  const { userId, itemId, quantity } = context.df.getInput() as CartRemoveInput;
  const cart = (yield context.df.callEntity(cartId(userId), 'remove', { itemId, quantity })) as Result<CartState>;
  if (!cart.ok) return cart;
  const catalog = (yield context.df.callEntity(inventoryId(), 'get')) as Catalog;
  return catalog.ok ? ok(viewCart(userId, cart.value, catalog.value)) : catalog;
};

df.app.orchestration(CART_ADD, cartAddOrchestrator);
df.app.orchestration(CART_REMOVE, cartRemoveOrchestrator);
