// DELETE /api/user/{userId}/shoppingCart/{itemId}[?quantity=n] → 200, the cart view. Removes the line, or
// n units of it; a product not in the cart → 404 ItemNotInCart. Idempotency-Key as for ShoppingCartPost.
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { QuantityQuery, UserItemRoute } from '../contracts/requests';
import type { CartState } from '../domain/cart';
import { viewCart } from '../domain/cartView';
import { ok } from '../domain/result';
import { writeCart } from './http/cartWrites';
import { parseCustomerRoute } from './http/customer';
import { durableClient } from './http/durable';
import { endpoint } from './http/endpoint';
import { readInventory } from './http/reads';
import { parseIdempotencyKey, parseWith } from './http/request';
import { fromResult } from './http/responses';
import { respondToWrite } from './http/writes';

app.http('ShoppingCartDelete', {
  methods: ['DELETE'],
  route: 'user/{userId}/shoppingCart/{itemId}',
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: endpoint(async (request, context) => {
    const route = parseCustomerRoute(request, UserItemRoute);
    if (!route.ok) return fromResult(route);
    const key = parseIdempotencyKey(request);
    if (!key.ok) return fromResult(key);
    const rawQuantity = request.query.get('quantity');
    let quantity: number | undefined;
    if (rawQuantity !== null) {
      const parsed = parseWith(QuantityQuery, rawQuantity, 'quantity query value');
      if (!parsed.ok) return fromResult(parsed);
      quantity = parsed.value;
    }
    const { userId, itemId } = route.value;
    const client = durableClient(context);
    // the catalog (for the view) is read while the write runs: removing never changes the stock
    const [waited, inventory] = await Promise.all([
      writeCart(client, userId, { operation: 'remove', input: { itemId, quantity } }, { idempotencyKey: key.value }),
      readInventory(client),
    ]);
    return respondToWrite<CartState>(waited, (cart) => fromResult(inventory.ok ? ok(viewCart(userId, cart, inventory.value)) : inventory));
  }),
});
