// POST /api/user/{userId}/order/checkout → 201 + Location, the order (orchestrations/checkout.ts).
// Empty cart or any product short → 409 and nothing changes. With an Idempotency-Key header the
// orchestration's instance id is derived from userId + key, so a retry finds the same instance and
// answers with the same order instead of placing a second one.
import { randomUUID } from 'node:crypto';
import { app, type HttpRequest } from '@azure/functions';
import * as df from 'durable-functions';
import { IdempotencyKey, UserRoute } from '../contracts/requests';
import type { Order } from '../domain/orders';
import type { Result } from '../domain/result';
import type { CheckoutInput } from '../orchestrations/checkout';
import { CHECKOUT } from '../orchestrations/names';
import { parseCustomerRoute } from './http/customer';
import { awaitInstance, durableClient, pollUntil, runOrchestration, type Waited } from './http/durable';
import { endpoint } from './http/endpoint';
import { parseWith } from './http/request';
import { fromResult, json } from './http/responses';
import { locationOf, respondToWrite } from './http/writes';

/** '.' is outside the id charset, so distinct (userId, key) pairs never give the same instance id. */
const checkoutInstanceId = (userId: string, key: string) => `checkout.${userId}.${key}`;

const ACTIVE = new Set(['Pending', 'Running', 'ContinuedAsNew', 'Suspended']);

async function statusOrUndefined(client: df.DurableClient, instanceId: string) {
  try {
    return await client.getStatus(instanceId);
  } catch (error) {
    if (error instanceof Error && error.message.includes('HTTP 404')) return undefined; // no such instance yet
    throw error;
  }
}

/** Runs the checkout under a key: replays a placed order, joins a running attempt, or starts (again). */
export async function checkoutOnce(client: df.DurableClient, request: HttpRequest, input: CheckoutInput, instanceId: string): Promise<Waited & { replayed?: boolean }> {
  const existing = await statusOrUndefined(client, instanceId);
  if (existing?.runtimeStatus === 'Completed' && (existing.output as { ok?: unknown } | null)?.ok === true) {
    return { done: true, result: existing.output as Result<unknown>, replayed: true };
  }
  if (existing && ACTIVE.has(existing.runtimeStatus)) return awaitInstance(client, request, instanceId);
  // none yet, or an attempt that changed nothing (409, failure): a retry may try again
  try {
    await client.startNew(CHECKOUT, { input, instanceId });
  } catch (error) {
    // A concurrent retry with the same key started it first: wait for that one. Its status may not be
    // readable yet (an engine shows an instance once its start is stored, and refuses a second start
    // before that), so look for it a little while before calling the failure unexpected.
    if (!(await appears(client, instanceId))) throw error;
  }
  return awaitInstance(client, request, instanceId);
}

/** How long a refused start waits for the competing start's instance to become readable. */
const APPEAR_TIMEOUT_MS = 2_000;

async function appears(client: df.DurableClient, instanceId: string): Promise<boolean> {
  const seen = await pollUntil(async () => ((await statusOrUndefined(client, instanceId)) ? true : undefined), [2, 4, 8, 16, 32, 50], APPEAR_TIMEOUT_MS);
  return seen === true;
}

app.http('OrderCheckoutPost', {
  methods: ['POST'],
  route: 'user/{userId}/order/checkout',
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: endpoint(async (request, context) => {
    const route = parseCustomerRoute(request, UserRoute);
    if (!route.ok) return fromResult(route);
    const { userId } = route.value;
    const keyHeader = request.headers.get('idempotency-key');
    const key = keyHeader === null ? undefined : parseWith(IdempotencyKey, keyHeader, 'Idempotency-Key header');
    if (key && !key.ok) return fromResult(key);

    const client = durableClient(context);
    const input: CheckoutInput = { userId };
    const waited = key
      ? await checkoutOnce(client, request, input, checkoutInstanceId(userId, key.value))
      : await runOrchestration(client, request, CHECKOUT, input, `checkout.${randomUUID()}`);
    const replayed = 'replayed' in waited && waited.replayed === true;
    return respondToWrite<Order>(waited, (order) =>
      json(201, order, {
        location: locationOf(request.url, `../${encodeURIComponent(order.id)}`),
        ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
      }));
  }),
});
