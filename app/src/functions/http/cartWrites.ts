// Cart writes without an orchestration: the HTTP function signals the ShoppingCart entity with a fresh
// requestId (or one derived from the client's Idempotency-Key), then reads the cart's committed state until
// the entity has recorded that request's outcome (domain/cart.ts recordWrite). The answer is the state
// that includes the write (read-your-writes), at the cost of one entity operation instead of an
// orchestration's two episodes, its start and its status.
// Works the same on Azure, where a signal is a queue message and readEntityState reads the stored state.
import { createHash, randomUUID } from 'node:crypto';
import type * as df from 'durable-functions';
import type { z } from 'zod';
import type { CartOps } from '../../contracts/operations';
import { KEYED_REQUEST_PREFIX, type CartState } from '../../domain/cart';
import { fail, ok, type Result } from '../../domain/result';
import { cartId } from '../../entities/names';
import { writeDeadlineMs } from '../../settings';
import { ReadBudget, type Waited } from './durable';
import { readCart } from './reads';
import { json } from './responses';
import { apiPath } from './writes';

/** The cart operations a client sends this way, with their inputs less the requestId this module adds. */
export type CartWrite =
  | { operation: 'add'; input: Omit<z.input<typeof CartOps.add>, 'requestId'> }
  | { operation: 'remove'; input: Omit<z.input<typeof CartOps.remove>, 'requestId'> };

/**
 * The requestId of a write sent with an Idempotency-Key: a hash of the customer, the write (operation,
 * product, quantity) and the key, so a retry of the same write finds its outcome and is not applied again,
 * while the same key on another customer's cart or for another write is another request. base64url of
 * SHA-256 (43 characters) fits the id charset; the prefix marks outcomes kept longer (domain/cart.ts).
 */
export function keyedRequestId(userId: string, write: CartWrite, key: string): string {
  const { itemId, quantity } = write.input;
  const scope = JSON.stringify([userId, write.operation, itemId, quantity ?? null, key]);
  return `${KEYED_REQUEST_PREFIX}${createHash('sha256').update(scope).digest('base64url')}`;
}

/**
 * Signals the write, then reads the cart's committed state (backing off: durable.ts READ_DELAYS_MS) until
 * the write's outcome shows, at most until the write deadline: the cart as it is with the write applied,
 * or its failure; else 202 with the cart's Location.
 */
export async function writeCart(
  client: df.DurableClient,
  userId: string,
  write: CartWrite,
  options: { idempotencyKey?: string; budget?: ReadBudget } = {},
): Promise<Waited<CartState>> {
  const requestId = options.idempotencyKey === undefined ? randomUUID() : keyedRequestId(userId, write, options.idempotencyKey);
  const budget = options.budget ?? new ReadBudget(writeDeadlineMs());
  await client.signalEntity(cartId(userId), write.operation, { ...write.input, requestId });
  const result = await budget.until(async (): Promise<Result<CartState> | undefined> => {
    const cart = await readCart(client, userId);
    if (!cart.ok) return cart;
    const outcome = cart.value.recentWrites.find((w) => w.requestId === requestId);
    if (!outcome) return undefined;
    return outcome.error ? fail(outcome.error.code, outcome.error.message, outcome.error.details) : ok(cart.value);
  });
  if (result) return { done: true, result };
  // The signal is stored and is applied or refused, but its outcome did not show: an overloaded engine, or
  // a cart written to so often that the outcome was dropped before this read (domain/cart.ts KEEP_*).
  const retry = options.idempotencyKey === undefined ? '' : ' Sending it again with the same Idempotency-Key does not apply it twice.';
  return {
    done: false,
    response: json(202, { requestId, message: `The change is stored but its outcome is not known yet; read the cart to see whether it was applied.${retry}` }, {
      location: apiPath('user', userId, 'shoppingCart'),
    }),
  };
}
