// POST /api/user/{userId}/shoppingCart/{itemId} with {"quantity": n} (1 when empty) → 200, the cart view.
// More units than are in stock → 409 OutOfStock; unknown product → 404.
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { QuantityBody, UserItemRoute } from '../contracts/requests';
import type { CartState } from '../domain/cart';
import { viewCart } from '../domain/cartView';
import { findItem } from '../domain/inventory';
import type { CartAddInput } from '../orchestrations/cartWrites';
import { CART_ADD } from '../orchestrations/names';
import { parseCustomerRoute } from './http/customer';
import { runOrchestration } from './http/durable';
import { endpoint } from './http/endpoint';
import { readInventory } from './http/reads';
import { readJsonBody } from './http/request';
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
    const body = await readJsonBody(request, QuantityBody, { quantity: 1 });
    if (!body.ok) return fromResult(body);
    const client = df.getClient(context);
    const inventory = await readInventory(client);
    if (!inventory.ok) return fromResult(inventory);
    const availableStock = findItem(inventory.value, route.value.itemId)?.availableStock ?? null;
    const input: CartAddInput = { ...route.value, quantity: body.value.quantity, availableStock };
    const waited = await runOrchestration(client, request, CART_ADD, input);
    return respondToWrite<CartState>(waited, (cart) => json(200, viewCart(route.value.userId, cart, inventory.value)));
  }),
});
