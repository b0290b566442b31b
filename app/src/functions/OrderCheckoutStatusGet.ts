// GET /api/user/{userId}/order/checkout/{attemptId}: the outcome of a checkout that answered 202 (its
// Location). Guarded like the checkout itself (http/customer.ts), and an attempt of another customer is
// not found. 202 again while it runs; 200 with the order (Location: the order) once placed and the cart
// shows it; the checkout's own error (409 ...) when it changed nothing. One look, no waiting: a client
// polls after Retry-After, and each look costs one or two storage reads on Azure.
import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import * as df from 'durable-functions';
import { UserAttemptRoute } from '../contracts/requests';
import { checkoutInstanceId } from '../orchestrations/checkoutId';
import { checkoutPending, checkoutProgress } from './http/checkouts';
import { parseCustomerRoute } from './http/customer';
import { durableClient } from './http/durable';
import { endpoint } from './http/endpoint';
import { errorResponse, fromResult, json } from './http/responses';
import { apiPath } from './http/writes';

/** One look at a checkout attempt, given the durable client (exported for function tests with a stub client). */
export async function checkoutStatus(request: HttpRequest, client: df.DurableClient): Promise<HttpResponseInit> {
  const route = parseCustomerRoute(request, UserAttemptRoute);
  if (!route.ok) return fromResult(route);
  const { userId, attemptId } = route.value;
  const progress = await checkoutProgress(client, checkoutInstanceId(attemptId), userId)();
  switch (progress.state) {
    case 'missing':
      return errorResponse({ code: 'CheckoutNotFound', message: `No checkout attempt '${attemptId}' for this customer.`, details: { attemptId } });
    case 'running':
      return checkoutPending(userId, attemptId);
    case 'done':
      return progress.result.ok
        ? json(200, progress.result.value, { location: apiPath('user', userId, 'order', progress.result.value.id) })
        : errorResponse(progress.result.error);
  }
}

app.http('OrderCheckoutStatusGet', {
  methods: ['GET'],
  route: 'user/{userId}/order/checkout/{attemptId}',
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: endpoint((request, context) => checkoutStatus(request, durableClient(context))),
});
