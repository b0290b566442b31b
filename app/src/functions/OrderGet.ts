// GET /api/user/{userId}/order/{orderId} → 200, the order; unknown → 404 OrderNotFound.
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { UserOrderRoute } from '../contracts/requests';
import { checkedOrders, openChunkOf } from '../contracts/state';
import { getOrder } from '../domain/orders';
import { ORDERS_ENTITY } from '../entities/names';
import { parseCustomerRoute } from './http/customer';
import { durableClient } from './http/durable';
import { endpoint } from './http/endpoint';
import { readOrders } from './http/reads';
import { fromResult, json } from './http/responses';

app.http('OrderGet', {
  methods: ['GET'],
  route: 'user/{userId}/order/{orderId}',
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: endpoint(async (request, context) => {
    const route = parseCustomerRoute(request, UserOrderRoute);
    if (!route.ok) return fromResult(route);
    const orders = await readOrders(durableClient(context), route.value.userId);
    if (!orders.ok) return fromResult(orders);
    const found = getOrder(orders.value, route.value.orderId, openChunkOf(ORDERS_ENTITY, route.value.userId));
    if (!found.ok) return fromResult(found);
    const checked = checkedOrders(ORDERS_ENTITY, route.value.userId, [found.value]);
    return checked.ok ? json(200, checked.value[0]) : fromResult(checked);
  }),
});
