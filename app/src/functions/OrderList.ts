// GET /api/user/{userId}/order → 200, all of the customer's orders, newest first.
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { UserRoute } from '../contracts/requests';
import { listOrders } from '../domain/orders';
import { ok } from '../domain/result';
import { parseCustomerRoute } from './http/customer';
import { durableClient } from './http/durable';
import { endpoint } from './http/endpoint';
import { readOrders } from './http/reads';
import { fromResult } from './http/responses';

app.http('OrderList', {
  methods: ['GET'],
  route: 'user/{userId}/order',
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: endpoint(async (request, context) => {
    const route = parseCustomerRoute(request, UserRoute);
    if (!route.ok) return fromResult(route);
    const orders = await readOrders(durableClient(context), route.value.userId);
    return fromResult(orders.ok ? ok(listOrders(orders.value)) : orders);
  }),
});
