// POST /api/user/{userId}/order/checkout/{checkoutId}/release (admin) → 200 with what the release did:
// finishes a checkout whose order is recorded (the cart is emptied) or undoes one whose order is not (its
// sale, if any, is cancelled and the cart unfrozen, lines intact). For a cart frozen by a checkout whose
// saga failed for good; 404 CheckoutNotFound when the cart is not held by that checkout
// (orchestrations/releaseCheckout.ts, app/README.md "Operations").
import { randomUUID } from 'node:crypto';
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { CheckoutReleaseRoute } from '../contracts/requests';
import { RELEASE_CHECKOUT } from '../orchestrations/names';
import type { ReleaseInput } from '../orchestrations/releaseCheckout';
import { durableClient, runOrchestration } from './http/durable';
import { endpoint } from './http/endpoint';
import { parseRoute } from './http/request';
import { fromResult, json } from './http/responses';
import { respondToWrite } from './http/writes';

app.http('CheckoutReleasePost', {
  methods: ['POST'],
  route: 'user/{userId}/order/checkout/{checkoutId}/release',
  authLevel: 'function',
  extraInputs: [df.input.durableClient()],
  handler: endpoint(async (request, context) => {
    const route = parseRoute(request, CheckoutReleaseRoute);
    if (!route.ok) return fromResult(route);
    const input: ReleaseInput = { userId: route.value.userId, checkoutId: route.value.checkoutId };
    // every step is idempotent by checkoutId, so each request may run under a fresh instance id
    const waited = await runOrchestration(durableClient(context), request, RELEASE_CHECKOUT, input, `release.${randomUUID()}`);
    return respondToWrite(waited, (released) => json(200, released));
  }),
});
