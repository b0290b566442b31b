// The id of a checkout (and of its order), derived from the orchestration instance id alone. Not
// context.df.newGuid: that mixes in the time of the first episode, so a run started again under the same
// instance id (an Idempotency-Key retry that raced, or a restart overwriting the instance) would get a new
// id and could sell again. A hash of the instance id is deterministic across replays and restarts, so every
// step, being idempotent by checkoutId, recognizes the work already done.
import { createHash } from 'node:crypto';

export function checkoutIdFor(instanceId: string): string {
  const h = createHash('sha256').update(`contoso-checkout:${instanceId}`).digest('hex');
  // UUID layout (version nibble 5-like, variant bits) so it reads like the other ids and fits the id charset
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
