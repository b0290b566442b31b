// The floor: the least durable work an add-to-cart needs, as a Functions v4 app, to measure what the
// libraries and the host cost before the store's app does anything of its own
// (`npm run bench -- --systems store,ceiling --scenarios add-to-cart --app bench/floor`, bench/README round 4).
// It does what the store's add-to-cart must do and nothing more: read the catalog's committed state, signal
// the customer's cart, read the cart until the signal's outcome shows, answer the cart with full product
// information. No validation, no stock check, no error paths beyond 404: it is not a store, never deploy it.
// Plain CommonJS so that nothing (build, types) stands between the host and the libraries.
const { randomUUID } = require('node:crypto');
const { app } = require('@azure/functions');
const df = require('durable-functions');

const CATALOG = new df.EntityId('Inventory', 'store');
const KEEP_OUTCOMES = 8;

df.app.entity('Inventory', (context) => {
  const state = context.df.getState(() => ({ items: {} }));
  if (context.df.operationName === 'create') {
    const item = context.df.getInput();
    state.items[item.id] = item;
    context.df.setState(state);
  }
});

df.app.entity('ShoppingCart', (context) => {
  const state = context.df.getState(() => ({ lines: {}, outcomes: [] }));
  const { itemId, quantity, requestId } = context.df.getInput();
  state.lines[itemId] = (state.lines[itemId] ?? 0) + quantity;
  state.outcomes = [...state.outcomes, requestId].slice(-KEEP_OUTCOMES);
  context.df.setState(state);
});

// one client for every invocation, as the store's app keeps it (its constructor builds an axios instance)
let client;
const clientOf = (context) => (client ??= df.getClient(context));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The entity's state once `done` says so; undefined after 10 s (the outcome log keeps only the last 8 writes). */
async function readUntil(durableClient, entityId, done) {
  const deadline = Date.now() + 10_000;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    const read = await durableClient.readEntityState(entityId);
    if (read.entityExists && done(read.entityState)) return read.entityState;
    await sleep(Math.min(1 + attempt, 20));
  }
  return undefined;
}

const notKnownYet = { status: 202, jsonBody: { message: 'The change is stored but its outcome is not known yet.' } };

app.http('InventoryCreateItemPost', {
  methods: ['POST'],
  route: 'store/inventory',
  extraInputs: [df.input.durableClient()],
  handler: async (request, context) => {
    const item = await request.json();
    const durableClient = clientOf(context);
    await durableClient.signalEntity(CATALOG, 'create', item);
    const catalog = await readUntil(durableClient, CATALOG, (state) => item.id in state.items);
    return catalog ? { status: 201, jsonBody: catalog.items[item.id] } : notKnownYet;
  },
});

app.http('ShoppingCartPost', {
  methods: ['POST'],
  route: 'user/{userId}/shoppingCart/{itemId}',
  extraInputs: [df.input.durableClient()],
  handler: async (request, context) => {
    const { userId, itemId } = request.params;
    const { quantity } = await request.json();
    const durableClient = clientOf(context);
    const catalog = (await durableClient.readEntityState(CATALOG)).entityState;
    if (!catalog?.items[itemId]) return { status: 404, jsonBody: { error: { code: 'ItemNotFound', message: itemId } } };
    const cartId = new df.EntityId('ShoppingCart', userId);
    const requestId = randomUUID();
    await durableClient.signalEntity(cartId, 'add', { itemId, quantity, requestId });
    const cart = await readUntil(durableClient, cartId, (state) => state.outcomes.includes(requestId));
    if (!cart) return notKnownYet;
    const items = Object.entries(cart.lines).map(([id, count]) => ({ ...catalog.items[id], quantity: count }));
    return { status: 200, jsonBody: { userId, items } };
  },
});

// The floors of the two reads (bench/README.md "The floor"): one committed-state read each (two for the
// cart: the catalog gives the product information), answered as the store answers them.
app.http('StoreGet', {
  methods: ['GET'],
  route: 'store',
  extraInputs: [df.input.durableClient()],
  handler: async (_request, context) => {
    const catalog = (await clientOf(context).readEntityState(CATALOG)).entityState;
    return { status: 200, jsonBody: Object.values(catalog?.items ?? {}) };
  },
});

app.http('ShoppingCartGet', {
  methods: ['GET'],
  route: 'user/{userId}/shoppingCart',
  extraInputs: [df.input.durableClient()],
  handler: async (request, context) => {
    const { userId } = request.params;
    const durableClient = clientOf(context);
    const [catalog, cart] = await Promise.all([durableClient.readEntityState(CATALOG), durableClient.readEntityState(new df.EntityId('ShoppingCart', userId))]);
    const items = Object.entries(cart.entityState?.lines ?? {}).map(([id, count]) => ({ ...catalog.entityState?.items[id], quantity: count }));
    return { status: 200, jsonBody: { userId, items } };
  },
});
