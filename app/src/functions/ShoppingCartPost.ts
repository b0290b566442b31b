// POST /api/user/{userId}/shoppingCart/{itemId} with {"quantity": n} (1 when empty) → 200, the cart view.
// More units than are in stock → 409 OutOfStock; unknown product → 404. With an Idempotency-Key a retry
// (after a 202 or a lost answer) is not applied twice (http/cartWrites.ts).
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { QuantityBody, UserItemRoute } from '../contracts/requests';
import type { CartState } from '../domain/cart';
import { viewCart } from '../domain/cartView';
import { findItem } from '../domain/inventory';
import { writeCart } from './http/cartWrites';
import { parseCustomerRoute } from './http/customer';
import { durableClient } from './http/durable';
import { endpoint } from './http/endpoint';
import { readInventory } from './http/reads';
import { parseIdempotencyKey, readJsonBody } from './http/request';
import { fromResult, json } from './http/responses';
import { respondToWrite } from './http/writes';

app.http('ShoppingCartPost', {
  methods: ['POST'],
  route: 'user/{userId}/shoppingCart/{itemId}',
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: endpoint(async (request, context) => {
    const route = parseCustomerRoute(request, UserItemRoute);
    if (!route.ok) return fromResult(route);
    const key = parseIdempotencyKey(request);
    if (!key.ok) return fromResult(key);
    const body = await readJsonBody(request, QuantityBody, { quantity: 1 });
    if (!body.ok) return fromResult(body);
    const client = durableClient(context);
    // the stock check when adding is advisory (checkout is the gate): the catalog's committed state will do
    const inventory = await readInventory(client);
    if (!inventory.ok) return fromResult(inventory);
    const { userId, itemId } = route.value;
    const availableStock = findItem(inventory.value, itemId)?.availableStock ?? null;
    const waited = await writeCart(client, userId, { operation: 'add', input: { itemId, quantity: body.value.quantity, availableStock } }, { idempotencyKey: key.value });
    return respondToWrite<CartState>(waited, (cart) => json(200, viewCart(userId, cart, inventory.value)));
  }),
});
