// GET /api/store → 200, every product with its stock (committed state of the Inventory entity).
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { ok } from '../domain/result';
import { durableClient } from './http/durable';
import { endpoint } from './http/endpoint';
import { readInventory } from './http/reads';
import { fromResult } from './http/responses';

app.http('StoreGet', {
  methods: ['GET'],
  route: 'store',
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: endpoint(async (_request, context) => {
    const inventory = await readInventory(durableClient(context));
    return fromResult(inventory.ok ? ok(inventory.value.items) : inventory);
  }),
});
