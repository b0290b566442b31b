// GET /api/user/{userId}/shoppingCart → 200, the cart view (an unknown customer has an empty cart).
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { UserRoute } from '../contracts/requests';
import { viewCart } from '../domain/cartView';
import { ok } from '../domain/result';
import { parseCustomerRoute } from './http/customer';
import { durableClient } from './http/durable';
import { endpoint } from './http/endpoint';
import { readCart, readInventory } from './http/reads';
import { fromResult } from './http/responses';

app.http('ShoppingCartGet', {
  methods: ['GET'],
  route: 'user/{userId}/shoppingCart',
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: endpoint(async (request, context) => {
    const route = parseCustomerRoute(request, UserRoute);
    if (!route.ok) return fromResult(route);
    const { userId } = route.value;
    const client = durableClient(context);
    const [cart, inventory] = await Promise.all([readCart(client, userId), readInventory(client)]);
    if (!cart.ok) return fromResult(cart);
    if (!inventory.ok) return fromResult(inventory);
    return fromResult(ok(viewCart(userId, cart.value, inventory.value)));
  }),
});
