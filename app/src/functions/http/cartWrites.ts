// Cart writes without an orchestration: the HTTP function signals the ShoppingCart entity with a fresh
// requestId, then reads the cart's committed state until the entity has recorded that request's outcome
// (domain/cart.ts recordWrite). The answer is the state that includes the write (read-your-writes), at the
// cost of one entity operation instead of an orchestration's two episodes, its start and its status.
// Works the same on Azure, where a signal is a queue message and readEntityState reads the stored state.
import { randomUUID } from 'node:crypto';
import type { HttpRequest } from '@azure/functions';
import type * as df from 'durable-functions';
import type { z } from 'zod';
import type { CartOps } from '../../contracts/operations';
import type { CartState } from '../../domain/cart';
import { fail, ok, type Result } from '../../domain/result';
import { cartId } from '../../entities/names';
import { pollUntil, WRITE_TIMEOUT_MS, type Waited } from './durable';
import { readCart } from './reads';
import { json } from './responses';
import { locationOf } from './writes';

/**
 * The first read comes as soon as the signal is acknowledged: the local host applies a signal to an idle
 * entity in the signal's own transaction, so that read usually finds the outcome. Azure applies it a queue
 * hop later; the reads back off to every 100 ms, so a slow engine is not flooded with reads.
 */
const READ_DELAYS_MS = [1, 2, 3, 5, 10, 20, 50, 100];

/** The cart operations a client sends this way, with their inputs less the requestId this module adds. */
export type CartWrite =
  | { operation: 'add'; input: Omit<z.input<typeof CartOps.add>, 'requestId'> }
  | { operation: 'remove'; input: Omit<z.input<typeof CartOps.remove>, 'requestId'> };

/** Signals the write, then waits for its outcome: the cart as it is with the write applied, or its failure. */
export async function writeCart(
  client: df.DurableClient,
  request: HttpRequest,
  userId: string,
  write: CartWrite,
  timeoutMs = WRITE_TIMEOUT_MS,
): Promise<Waited<CartState>> {
  const requestId = randomUUID();
  await client.signalEntity(cartId(userId), write.operation, { ...write.input, requestId });
  const result = await pollUntil(async (): Promise<Result<CartState> | undefined> => {
    const cart = await readCart(client, userId);
    if (!cart.ok) return cart;
    const outcome = cart.value.recentWrites.find((w) => w.requestId === requestId);
    if (!outcome) return undefined;
    return outcome.error ? fail(outcome.error.code, outcome.error.message, outcome.error.details) : ok(cart.value);
  }, READ_DELAYS_MS, timeoutMs);
  if (result) return { done: true, result };
  // The signal is stored and is applied or refused, but its outcome did not show: an overloaded engine, or
  // a cart written to so often that the outcome was dropped before this read (domain/cart.ts KEEP_*).
  return {
    done: false,
    response: json(202, { requestId, message: 'The change is stored but its outcome is not known yet; read the cart to see whether it was applied.' }, {
      location: cartUrlOf(request.url),
    }),
  };
}

/** …/user/{userId}/shoppingCart/{itemId}[/] → …/user/{userId}/shoppingCart */
export const cartUrlOf = (requestUrl: string): string => locationOf(requestUrl, '..').replace(/\/$/, '');
