// GET /api/store/inventory/{itemId} → 200, one product with its stock.
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { ItemRoute } from '../contracts/requests';
import { getItem } from '../domain/inventory';
import { durableClient } from './http/durable';
import { endpoint } from './http/endpoint';
import { readInventory } from './http/reads';
import { parseRoute } from './http/request';
import { fromResult } from './http/responses';

app.http('InventoryItemGet', {
  methods: ['GET'],
  route: 'store/inventory/{itemId}',
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: endpoint(async (request, context) => {
    const route = parseRoute(request, ItemRoute);
    if (!route.ok) return fromResult(route);
    const inventory = await readInventory(durableClient(context));
    return fromResult(inventory.ok ? getItem(inventory.value, route.value.itemId) : inventory);
  }),
});
