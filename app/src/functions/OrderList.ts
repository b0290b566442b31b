// GET /api/user/{userId}/order → 200, all of the customer's orders, newest first.
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { UserRoute } from '../contracts/requests';
import { listOrders } from '../domain/orders';
import { ok } from '../domain/result';
import { authorizeCustomer } from './http/customer';
import { endpoint } from './http/endpoint';
import { readOrders } from './http/reads';
import { parseRoute } from './http/request';
import { fromResult } from './http/responses';

app.http('OrderList', {
  methods: ['GET'],
  route: 'user/{userId}/order',
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: endpoint(async (request, context) => {
    const route = parseRoute(request, UserRoute);
    if (!route.ok) return fromResult(route);
    const allowed = authorizeCustomer(request, route.value.userId);
    if (!allowed.ok) return fromResult(allowed);
    const orders = await readOrders(df.getClient(context), route.value.userId);
    return fromResult(orders.ok ? ok(listOrders(orders.value)) : orders);
  }),
});
