// POST /api/user/{userId}/order/checkout → 201 + Location, the order (orchestrations/checkout.ts).
// Empty cart or any product short → 409 and nothing changes. The answer comes once the cart's committed
// state shows the checkout (http/checkouts.ts); past the write deadline, 202 with the Location of the
// attempt's status (OrderCheckoutStatusGet). With an Idempotency-Key the attempt id is derived from
// userId + key (orchestrations/checkoutId.ts), so a retry finds the same attempt and answers with the same
// order instead of placing a second one; the same key for a cart filled again is 422 IdempotencyKeyReused.
import { randomUUID } from 'node:crypto';
import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import * as df from 'durable-functions';
import { UserRoute } from '../contracts/requests';
import type { Order } from '../domain/orders';
import { fail, type Result } from '../domain/result';
import type { CheckoutInput } from '../orchestrations/checkout';
import { checkoutInstanceId, keyedAttemptId } from '../orchestrations/checkoutId';
import { CHECKOUT } from '../orchestrations/names';
import { writeDeadlineMs } from '../settings';
import { cartDone, checkoutPending, checkoutProgress, statusOrUndefined, type Progress } from './http/checkouts';
import { parseCustomerRoute } from './http/customer';
import { durableClient, pollUntil, ReadBudget } from './http/durable';
import { endpoint } from './http/endpoint';
import { readCart } from './http/reads';
import { parseIdempotencyKey } from './http/request';
import { errorResponse, fromResult, json } from './http/responses';
import { apiPath } from './http/writes';

const ACTIVE = new Set(['Pending', 'Running', 'ContinuedAsNew', 'Suspended']);

/** How a checkout ended for the client: its Result (replayed: an earlier attempt's order), or not yet known. */
export type CheckoutOutcome = { done: true; result: Result<Order>; replayed?: boolean } | { done: false };

/**
 * Looks at an attempt this request started or joined until its outcome shows or the budget runs out. An
 * instance not readable yet (a status store that trails the start) counts as still running.
 */
const settle = async (progress: () => Promise<Progress>, budget: ReadBudget): Promise<CheckoutOutcome> => {
  const result = await budget.until(async () => {
    const p = await progress();
    return p.state === 'done' ? p.result : undefined;
  });
  return result ? { done: true, result } : { done: false };
};

/** A new attempt (no Idempotency-Key): start it and wait for its outcome. */
export async function checkoutNew(client: df.DurableClient, input: CheckoutInput, attemptId: string, budget: ReadBudget): Promise<CheckoutOutcome> {
  const instanceId = checkoutInstanceId(attemptId);
  await client.startNew(CHECKOUT, { input, instanceId });
  return settle(checkoutProgress(client, instanceId, input.userId), budget);
}

/**
 * Runs the checkout under a key: replays a placed order (while the cart holds nothing added since), refuses
 * the key for a new cart (422), joins a running attempt, or starts (again, after an attempt that changed
 * nothing).
 */
export async function checkoutOnce(client: df.DurableClient, input: CheckoutInput, attemptId: string, budget: ReadBudget): Promise<CheckoutOutcome> {
  const instanceId = checkoutInstanceId(attemptId);
  const existing = await statusOrUndefined(client, instanceId);
  const placed = existing?.runtimeStatus === 'Completed' && (existing.output as { ok?: unknown } | null)?.ok === true
    ? (existing.output as { value: Order }).value
    : undefined;
  if (placed) {
    const cart = await readCart(client, input.userId);
    if (!cart.ok) return { done: true, result: cart };
    // The order emptied the cart. Lines in it now (unless it is still shown held by that very checkout)
    // were added since: a new cart, the same products or not, which this key must not silently leave
    // unordered by replaying the old order.
    const { lines, checkoutId } = cart.value;
    if (lines.length > 0 && checkoutId !== placed.id) {
      return {
        done: true,
        result: fail('IdempotencyKeyReused', `This Idempotency-Key already placed order ${placed.id}; the cart holds lines added since. Send a new key to check out the cart as it is now.`, { orderId: placed.id }),
      };
    }
    const done = cartDone(cart.value, placed);
    const outcome = done?.state === 'done' ? { done: true as const, result: done.result } : await settle(checkoutProgress(client, instanceId, input.userId, existing), budget);
    return outcome.done ? { ...outcome, replayed: true } : outcome;
  }
  if (existing && ACTIVE.has(existing.runtimeStatus)) return settle(checkoutProgress(client, instanceId, input.userId, existing), budget);
  // none yet, or an attempt that changed nothing (409, failure): a retry may try again
  try {
    await client.startNew(CHECKOUT, { input, instanceId });
  } catch (error) {
    // A concurrent retry with the same key started it first: wait for that one. Its status may not be
    // readable yet (an engine shows an instance once its start is stored, and refuses a second start
    // before that), so look for it a little while before calling the failure unexpected.
    if (!(await appears(client, instanceId))) throw error;
  }
  return settle(checkoutProgress(client, instanceId, input.userId), budget);
}

/** How long a refused start waits for the competing start's instance to become readable. */
const APPEAR_TIMEOUT_MS = 2_000;

async function appears(client: df.DurableClient, instanceId: string): Promise<boolean> {
  const seen = await pollUntil(async () => ((await statusOrUndefined(client, instanceId)) ? true : undefined), [2, 4, 8, 16, 32, 50], APPEAR_TIMEOUT_MS);
  return seen === true;
}

/** The checkout request, given the durable client (exported for function tests with a stub client). */
export async function checkout(request: HttpRequest, client: df.DurableClient): Promise<HttpResponseInit> {
  const route = parseCustomerRoute(request, UserRoute);
  if (!route.ok) return fromResult(route);
  const { userId } = route.value;
  const key = parseIdempotencyKey(request);
  if (!key.ok) return fromResult(key);

  const input: CheckoutInput = { userId };
  const budget = new ReadBudget(writeDeadlineMs());
  const attemptId = key.value === undefined ? randomUUID() : keyedAttemptId(userId, key.value);
  const outcome = key.value === undefined
    ? await checkoutNew(client, input, attemptId, budget)
    : await checkoutOnce(client, input, attemptId, budget);
  if (!outcome.done) return checkoutPending(userId, attemptId);
  if (!outcome.result.ok) return errorResponse(outcome.result.error);
  return json(201, outcome.result.value, {
    location: apiPath('user', userId, 'order', outcome.result.value.id),
    ...(outcome.replayed ? { 'idempotent-replayed': 'true' } : {}),
  });
}

app.http('OrderCheckoutPost', {
  methods: ['POST'],
  route: 'user/{userId}/order/checkout',
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: endpoint((request, context) => checkout(request, durableClient(context))),
});
