// GET /api/user/{userId}/order[?limit=n&after=<orderId>] → 200, one page of the customer's orders, newest
// first (default 20, at most 100). When more follow, a `Link: <...>; rel="next"` header (RFC 8288, a
// relative reference) gives the next page's URL; the body stays a plain array.
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { OrderListQuery, UserRoute } from '../contracts/requests';
import { checkedOrders, openChunkOf } from '../contracts/state';
import { pageOrders } from '../domain/orders';
import { ORDERS_ENTITY } from '../entities/names';
import { parseCustomerRoute } from './http/customer';
import { durableClient } from './http/durable';
import { endpoint } from './http/endpoint';
import { readOrders } from './http/reads';
import { parseWith } from './http/request';
import { fromResult, json } from './http/responses';

app.http('OrderList', {
  methods: ['GET'],
  route: 'user/{userId}/order',
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: endpoint(async (request, context) => {
    const route = parseCustomerRoute(request, UserRoute);
    if (!route.ok) return fromResult(route);
    const { userId } = route.value;
    const query = parseWith(OrderListQuery, { limit: request.query.get('limit') ?? undefined, after: request.query.get('after') ?? undefined }, 'query');
    if (!query.ok) return fromResult(query);
    const { limit, after } = query.value;
    const orders = await readOrders(durableClient(context), userId);
    if (!orders.ok) return fromResult(orders);
    const page = pageOrders(orders.value, limit, after, openChunkOf(ORDERS_ENTITY, userId));
    if (!page.ok) return fromResult(page);
    const checked = checkedOrders(ORDERS_ENTITY, userId, page.value.orders); // loading checked only ids and times
    if (!checked.ok) return fromResult(checked);
    const { pathname } = new URL(request.url); // keeps whatever routePrefix is in use
    const headers: Record<string, string> = {};
    if (page.value.next !== undefined) headers.link = `<${pathname}?limit=${limit}&after=${encodeURIComponent(page.value.next)}>; rel="next"`;
    return json(200, checked.value, headers);
  }),
});
