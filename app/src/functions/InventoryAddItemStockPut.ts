// PUT /api/store/inventory/{itemId} (admin) with {"quantity": n} (1 when the body is empty) → 200, the
// updated product. Stock is capped at maxStockThreshold and onReorder cleared (domain/inventory.ts).
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { ItemRoute, QuantityBody } from '../contracts/requests';
import type { AddStockInput } from '../orchestrations/inventoryWrites';
import { ADD_STOCK } from '../orchestrations/names';
import { durableClient, runOrchestration } from './http/durable';
import { endpoint } from './http/endpoint';
import { parseRoute, readJsonBody } from './http/request';
import { fromResult, json } from './http/responses';
import { catalogWritePending, respondToWrite } from './http/writes';

app.http('InventoryAddItemStockPut', {
  methods: ['PUT'],
  route: 'store/inventory/{itemId}',
  authLevel: 'function',
  extraInputs: [df.input.durableClient()],
  handler: endpoint(async (request, context) => {
    const route = parseRoute(request, ItemRoute);
    if (!route.ok) return fromResult(route);
    const body = await readJsonBody(request, QuantityBody, { quantity: 1 });
    if (!body.ok) return fromResult(body);
    const input: AddStockInput = { itemId: route.value.itemId, quantity: body.value.quantity };
    const waited = await runOrchestration(durableClient(context), ADD_STOCK, input, catalogWritePending(input.itemId));
    return respondToWrite(waited, (item) => json(200, item));
  }),
});
