// POST /api/store/inventory (admin, function key on Azure) → 201 + Location, the created product.
import { randomUUID } from 'node:crypto';
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { CreateItemBody } from '../contracts/requests';
import type { InventoryItem } from '../domain/inventory';
import type { CreateItemInput } from '../orchestrations/inventoryWrites';
import { CREATE_ITEM } from '../orchestrations/names';
import { durableClient, runOrchestration } from './http/durable';
import { endpoint } from './http/endpoint';
import { readJsonBody } from './http/request';
import { fromResult, json } from './http/responses';
import { apiPath, catalogWritePending, respondToWrite } from './http/writes';

app.http('InventoryCreateItemPost', {
  methods: ['POST'],
  route: 'store/inventory',
  authLevel: 'function',
  extraInputs: [df.input.durableClient()],
  handler: endpoint(async (request, context) => {
    const body = await readJsonBody(request, CreateItemBody);
    if (!body.ok) return fromResult(body);
    const { onReorder: _computed, id, ...fields } = body.value;
    const input: CreateItemInput = { item: { ...fields, id: id ?? randomUUID() } };
    const waited = await runOrchestration(durableClient(context), CREATE_ITEM, input, catalogWritePending(input.item.id));
    return respondToWrite<InventoryItem>(waited, (item) => json(201, item, { location: apiPath('store', 'inventory', item.id) }));
  }),
});
