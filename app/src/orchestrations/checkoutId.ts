// The ids of a checkout. An attempt (what a client polls: GET .../order/checkout/{attemptId}) runs as the
// orchestration instance `checkout.<attemptId>`; its checkout id (also the order id) is derived from that
// instance id alone.
//
// Attempt ids: a random UUID, or for an Idempotency-Key the base64url SHA-256 of (userId, key): 43
// characters, so the instance id is 52 whatever the lengths of the user id and the key (durabletask-mssql
// stores instance ids as varchar(100)), the same pair always gives the same id, and different pairs never
// collide in practice (a 256-bit hash). Both kinds are in the id charset (contracts/values.ts Id).
//
// Checkout ids: not context.df.newGuid: that mixes in the time of the first episode, so a run started again
// under the same instance id (an Idempotency-Key retry that raced, or a restart overwriting the instance)
// would get a new id and could sell again. A hash of the instance id is deterministic across replays and
// restarts, so every step, being idempotent by checkoutId, recognizes the work already done.
import { createHash } from 'node:crypto';

const INSTANCE_PREFIX = 'checkout.';

export const checkoutInstanceId = (attemptId: string): string => `${INSTANCE_PREFIX}${attemptId}`;

/** The attempt id of an Idempotency-Key checkout: the same for the same (userId, key), 43 characters. */
export function keyedAttemptId(userId: string, key: string): string {
  // JSON keeps the pair unambiguous whatever characters the two values hold
  return createHash('sha256').update(JSON.stringify(['contoso-checkout-key', userId, key])).digest('base64url');
}

export function checkoutIdFor(instanceId: string): string {
  const h = createHash('sha256').update(`contoso-checkout:${instanceId}`).digest('hex');
  // UUID layout (version nibble 5-like, variant bits) so it reads like the other ids and fits the id charset
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
