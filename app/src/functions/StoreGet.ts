// GET /api/store → 200, every product with its stock (committed state of the Inventory entity), as a plain
// array. For a big catalog (app/README.md "Catalog pages"): `?limit=n[&after=<itemId>]` answers one page,
// with `Link: <...>; rel="next"` (a relative reference) while more follow; `?ids=a,b` answers those
// products only. Either way the body stays a plain array of products.
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { StoreQuery } from '../contracts/requests';
import { pageCatalog, selectItems } from '../domain/inventory';
import { ok } from '../domain/result';
import { durableClient } from './http/durable';
import { endpoint } from './http/endpoint';
import { readInventory } from './http/reads';
import { parseWith } from './http/request';
import { fromResult, json } from './http/responses';

app.http('StoreGet', {
  methods: ['GET'],
  route: 'store',
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: endpoint(async (request, context) => {
    const param = (name: string) => request.query.get(name) ?? undefined;
    const query = parseWith(StoreQuery, { limit: param('limit'), after: param('after'), ids: param('ids') }, 'query');
    if (!query.ok) return fromResult(query);
    const inventory = await readInventory(durableClient(context));
    if (!inventory.ok) return fromResult(inventory);
    const { limit, after, ids } = query.value;
    if (ids !== undefined) return fromResult(ok(selectItems(inventory.value, ids)));
    if (limit === undefined) return fromResult(ok(inventory.value.items));
    const page = pageCatalog(inventory.value, limit, after);
    if (!page.ok) return fromResult(page);
    const { pathname } = new URL(request.url); // keeps whatever routePrefix is in use
    const headers: Record<string, string> = {};
    if (page.value.next !== undefined) headers.link = `<${pathname}?limit=${limit}&after=${encodeURIComponent(page.value.next)}>; rel="next"`;
    return json(200, page.value.items, headers);
  }),
});
