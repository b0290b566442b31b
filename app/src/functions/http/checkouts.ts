// Following a checkout attempt (orchestrations/checkout.ts) from the HTTP side: its outcome is known when
// the orchestration has finished AND, for a placed order, the cart's committed state shows the checkout
// completed. On Azure Storage an entity answers an orchestration before it stores its state, so the
// orchestration's output alone could be answered before a cart read shows the empty cart (README "Writes").
import type { HttpResponseInit } from '@azure/functions';
import type * as df from 'durable-functions';
import { showsCompletedCheckout, type CartState } from '../../domain/cart';
import type { Order } from '../../domain/orders';
import { ok, type Result } from '../../domain/result';
import type { CheckoutInput } from '../../orchestrations/checkout';
import { resultOf } from './durable';
import { readCart } from './reads';
import { json } from './responses';
import { apiPath } from './writes';

/** What a look at an attempt shows: no such attempt (for this customer), still running, or its outcome. */
export type Progress = { state: 'missing' } | { state: 'running' } | { state: 'done'; result: Result<Order> };

const RUNNING: Progress = { state: 'running' };

/** getStatus, with "no such instance" (HTTP 404 from the durable API) as undefined. */
export async function statusOrUndefined(client: df.DurableClient, instanceId: string): Promise<df.DurableOrchestrationStatus | undefined> {
  try {
    return await client.getStatus(instanceId);
  } catch (error) {
    if (error instanceof Error && error.message.includes('HTTP 404')) return undefined; // no such instance yet
    throw error;
  }
}

/**
 * A function that looks at the attempt once per call (one getStatus, then — once the order is placed —
 * one read of the cart instead). An instance started for another customer is `missing`. `known`: a status
 * already read, so the first call does not read it again.
 */
export function checkoutProgress(client: df.DurableClient, instanceId: string, userId: string, known?: df.DurableOrchestrationStatus): () => Promise<Progress> {
  let status = known;
  let placed: Order | undefined;
  return async () => {
    if (!placed) {
      const current = status ?? (await statusOrUndefined(client, instanceId));
      status = undefined;
      if (!current || (current.input as CheckoutInput | null | undefined)?.userId !== userId) return { state: 'missing' };
      const result = resultOf(current, instanceId) as Result<Order> | undefined;
      if (!result) return RUNNING;
      if (!result.ok) return { state: 'done', result };
      placed = result.value;
    }
    const cart = await readCart(client, userId);
    if (!cart.ok) return { state: 'done', result: cart };
    return cartDone(cart.value, placed) ?? RUNNING;
  };
}

/** The placed order's outcome when the cart's committed state shows the checkout completed. */
export const cartDone = (cart: CartState, order: Order): Progress | undefined =>
  showsCompletedCheckout(cart, order.id) ? { state: 'done', result: ok(order) } : undefined;

export const checkoutStatusPath = (userId: string, attemptId: string) => apiPath('user', userId, 'order', 'checkout', attemptId);

/** 202 for an attempt still running: its app-owned status route, guarded like checkout itself. */
export const checkoutPending = (userId: string, attemptId: string): HttpResponseInit =>
  json(202, {
    attemptId,
    status: 'Running',
    message: 'The checkout is still running; GET the Location for its outcome.',
  }, { location: checkoutStatusPath(userId, attemptId), 'retry-after': '1' });
