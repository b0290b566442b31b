// The OpenAPI 3.1 document, generated from the same zod schemas that validate requests (JSON Schema
// 2020-12 via z.toJSONSchema, which is what OpenAPI 3.1 uses), so docs and enforcement cannot drift.
import { z } from 'zod';
import { EXAMPLES } from './examples';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../domain/orders';
import { MAX_CATALOG_PAGE_SIZE } from '../domain/inventory';
import { CreateItemBody, OrderListQuery, QuantityBody, StoreQueryFields } from './requests';
import { CartViewSchema, CheckoutReleasedSchema, ErrorBodySchema, InventoryItemSchema, OrderSchema } from './state';
import { Id, Quantity } from './values';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as JsonSchema;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (schema: JsonSchema) => ({ 'application/json': { schema } });

const errorResponse = (description: string) => ({ description, content: jsonContent(ref('Error')) });

/** What each error status means, after the codes it can carry (functions/http/status.ts); withExamples narrows the codes to each operation's. */
const ERRORS = {
  400: errorResponse('ValidationFailed or MalformedJson: the request changed nothing'),
  401: errorResponse('Unauthorized: function key missing (admin routes), or no valid principal when customer routes require one'),
  403: errorResponse("Forbidden: the principal is not this customer (admins may read); nothing changed"),
  404: errorResponse('ItemNotFound, ItemNotInCart, OrderNotFound or CheckoutNotFound: what the route names does not exist; nothing changed'),
  409: errorResponse('OutOfStock, EmptyCart, CheckoutInProgress, CheckoutReleased or ItemAlreadyExists: nothing changed'),
  413: errorResponse('PayloadTooLarge: the body is over the host\'s size limit (sent by the host, not the app)'),
  415: errorResponse('UnsupportedMediaType: send application/json'),
  422: errorResponse('IdempotencyKeyReused: this Idempotency-Key already placed an order (details.orderId) and the cart holds lines added since; nothing changed'),
  500: errorResponse('CorruptState or Internal: a stored state failed validation (details name the entity), or an unexpected error (logged; no stack in the answer)'),
  503: errorResponse('AuthNotConfigured: customer routes require a principal (STORE_REQUIRE_AUTH=true, or on Azure) but App Service Authentication is off'),
} as const;

const pick = (...statuses: (keyof typeof ERRORS)[]) => Object.fromEntries(statuses.map((s) => [s, ERRORS[s]]));

const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: jsonSchema(Id) });
const userId = pathParam('userId', 'the customer');
const itemId = pathParam('itemId', 'the product');
const orderId = pathParam('orderId', 'the order');
const attemptId = pathParam('attemptId', 'the checkout attempt (the last segment of a checkout 202\'s Location)');
const checkoutId = pathParam('checkoutId', 'the checkout holding the cart (details.checkoutId of a 409 CheckoutInProgress; also the id of its order)');
const orderListQuery = OrderListQuery.shape;
const storeQuery = StoreQueryFields.shape;

const ok = (description: string, schema: JsonSchema) => ({ description, content: jsonContent(schema) });
const retryAfter = { description: 'seconds to wait before reading the Location', schema: { type: 'string' } };
/** A catalog write whose orchestration did not finish before STORE_WRITE_DEADLINE_MS (functions/http/writes.ts): overload only. */
const accepted = {
  202: {
    description: 'the write did not finish before the write deadline (STORE_WRITE_DEADLINE_MS, an overloaded engine only): read the Location (the product; the cart for a release) to see it',
    headers: { Location: { description: 'the product, or the cart for a release (a relative reference)', schema: { type: 'string' } }, 'Retry-After': retryAfter },
    content: jsonContent({ type: 'object', properties: { message: { type: 'string' } }, required: ['message'] }),
  },
};
/** A cart write whose outcome did not show before STORE_WRITE_DEADLINE_MS (functions/http/cartWrites.ts): overload only. */
const cartAccepted = {
  202: {
    description: 'the change is stored but its outcome did not show before the write deadline (an overloaded engine): read the cart to see whether it was applied, or send the request again with the same Idempotency-Key',
    headers: { Location: { description: 'the cart (a relative reference)', schema: { type: 'string' } } },
    content: jsonContent({ type: 'object', properties: { requestId: { type: 'string' }, message: { type: 'string' } }, required: ['requestId', 'message'] }),
  },
};
/** A checkout still running at the write deadline, or when its status is read (functions/http/checkouts.ts). */
const checkoutAccepted = {
  202: {
    description: 'the checkout is still running: GET the Location (OrderCheckoutStatusGet) after Retry-After for its outcome',
    headers: { Location: { description: 'the attempt\'s status, /api/user/{userId}/order/checkout/{attemptId} (a relative reference)', schema: { type: 'string' } }, 'Retry-After': retryAfter },
    content: jsonContent({
      type: 'object',
      properties: { attemptId: { type: 'string' }, status: { type: 'string', enum: ['Running'] }, message: { type: 'string' } },
      required: ['attemptId', 'status', 'message'],
    }),
  },
};
const cartIdempotencyKey = { name: 'Idempotency-Key', in: 'header', required: false, description: 'a retry of the same write (same customer, product and quantity) with the same key is not applied twice', schema: jsonSchema(Id) };
const quantityBody = { required: false, description: 'an empty body means {"quantity": 1}', content: jsonContent(ref('QuantityRequest')) };
const customer = [{}, { appServiceAuthentication: [] }];
const admin = [{ functionKey: [] }, { functionKeyQuery: [] }];

export function buildOpenApiDocument(): JsonSchema {
  return withTags(withExamples({
    openapi: '3.1.0',
    info: {
      title: 'Contoso Coffee store',
      version: '1.0.0',
      description:
        'Catalog, stock, carts and orders kept in Durable Entities. Writes answer with the resulting state. ' +
        'Errors are {"error": {"code", "message", "details"?}}.',
    },
    servers: [{ url: '/api' }],
    components: {
      schemas: {
        InventoryItem: jsonSchema(InventoryItemSchema),
        CreateItemRequest: jsonSchema(CreateItemBody, 'input'),
        QuantityRequest: jsonSchema(QuantityBody, 'input'),
        CartView: jsonSchema(CartViewSchema),
        Order: jsonSchema(OrderSchema),
        CheckoutReleased: jsonSchema(CheckoutReleasedSchema),
        Error: jsonSchema(ErrorBodySchema),
      },
      securitySchemes: {
        functionKey: { type: 'apiKey', in: 'header', name: 'x-functions-key', description: 'function key (enforced on Azure; locally with --enable-auth)' },
        functionKeyQuery: { type: 'apiKey', in: 'query', name: 'code' },
        appServiceAuthentication: { type: 'apiKey', in: 'header', name: 'x-ms-client-principal', description: 'set by App Service Authentication (believed only when it is on: WEBSITE_AUTH_ENABLED); required when STORE_REQUIRE_AUTH is true, and on Azure unless STORE_REQUIRE_AUTH is false' },
      },
    },
    paths: {
      '/store': {
        get: {
          operationId: 'StoreGet', summary: 'Every product with its stock; one page, or the products named, for a big catalog',
          parameters: [
            { name: 'limit', in: 'query', required: false, description: storeQuery.limit.description, schema: { type: 'integer', minimum: 1, maximum: MAX_CATALOG_PAGE_SIZE } },
            { name: 'after', in: 'query', required: false, description: storeQuery.after.description, schema: jsonSchema(Id) },
            { name: 'ids', in: 'query', required: false, description: storeQuery.ids.description, schema: { type: 'string' } },
          ],
          responses: {
            200: {
              ...ok('the catalog, one page of it, or the products named (always a plain array)', { type: 'array', items: ref('InventoryItem') }),
              headers: { Link: { description: 'with limit: RFC 8288 `</api/store?limit=n&after=<itemId>>; rel="next"` (a relative reference) when more products follow; absent on the last page', schema: { type: 'string' } } },
            },
            ...pick(400, 500),
          },
        },
      },
      '/store/inventory': {
        post: {
          operationId: 'InventoryCreateItemPost', summary: 'Create a product (admin)', security: admin,
          requestBody: { required: true, content: jsonContent(ref('CreateItemRequest')) },
          responses: { 201: { ...ok('the created product', ref('InventoryItem')), headers: { Location: { schema: { type: 'string' } } } }, ...accepted, ...pick(400, 401, 409, 413, 415, 500) },
        },
      },
      '/store/inventory/{itemId}': {
        get: { operationId: 'InventoryItemGet', summary: 'One product with its stock', parameters: [itemId], responses: { 200: ok('the product', ref('InventoryItem')), ...pick(400, 404, 500) } },
        put: {
          operationId: 'InventoryAddItemStockPut', summary: 'Add stock, capped at maxStockThreshold; clears onReorder (admin)', security: admin,
          parameters: [itemId], requestBody: quantityBody,
          responses: { 200: ok('the updated product', ref('InventoryItem')), ...accepted, ...pick(400, 401, 404, 413, 415, 500) },
        },
      },
      '/user/{userId}/shoppingCart': {
        get: { operationId: 'ShoppingCartGet', summary: "The customer's cart (empty for an unknown customer)", security: customer, parameters: [userId], responses: { 200: ok('the cart view', ref('CartView')), ...pick(400, 401, 403, 500, 503) } },
      },
      '/user/{userId}/shoppingCart/{itemId}': {
        post: {
          operationId: 'ShoppingCartPost', summary: 'Add units of a product to the cart', security: customer,
          parameters: [userId, itemId, cartIdempotencyKey], requestBody: quantityBody,
          responses: { 200: ok('the cart view', ref('CartView')), ...cartAccepted, ...pick(400, 401, 403, 404, 409, 413, 415, 500, 503) },
        },
        delete: {
          operationId: 'ShoppingCartDelete', summary: 'Remove the line, or ?quantity=n units of it', security: customer,
          parameters: [userId, itemId, { name: 'quantity', in: 'query', required: false, schema: jsonSchema(Quantity) }, cartIdempotencyKey],
          responses: { 200: ok('the cart view', ref('CartView')), ...cartAccepted, ...pick(400, 401, 403, 404, 409, 500, 503) },
        },
      },
      '/user/{userId}/order': {
        get: {
          operationId: 'OrderList', summary: "The customer's orders, newest first, one page at a time", security: customer,
          parameters: [
            userId,
            { name: 'limit', in: 'query', required: false, description: orderListQuery.limit.description, schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE } },
            { name: 'after', in: 'query', required: false, description: orderListQuery.after.description, schema: jsonSchema(Id) },
          ],
          responses: {
            200: {
              ...ok('one page of orders (a plain array)', { type: 'array', items: ref('Order') }),
              headers: { Link: { description: 'RFC 8288 `</api/user/{userId}/order?limit=n&after=<orderId>>; rel="next"` (a relative reference) when more orders follow; absent on the last page', schema: { type: 'string' } } },
            },
            ...pick(400, 401, 403, 500, 503),
          },
        },
      },
      '/user/{userId}/order/checkout': {
        post: {
          operationId: 'OrderCheckoutPost', summary: 'Check the cart out as one transaction', security: customer,
          parameters: [userId, { name: 'Idempotency-Key', in: 'header', required: false, description: 'a retry with the same key returns the same order while the cart holds nothing added since; the same key for a cart filled again is 422', schema: jsonSchema(Id) }],
          responses: {
            201: {
              ...ok('the order', ref('Order')),
              headers: {
                Location: { description: 'the order (a relative reference)', schema: { type: 'string' } },
                'Idempotent-Replayed': { description: '"true" when a retry with the same Idempotency-Key returned the order placed before', schema: { type: 'string', enum: ['true'] } },
              },
            },
            ...checkoutAccepted,
            ...pick(400, 401, 403, 409, 422, 500, 503),
          },
        },
      },
      '/user/{userId}/order/checkout/{attemptId}': {
        get: {
          operationId: 'OrderCheckoutStatusGet', summary: 'The outcome of a checkout that answered 202 (its Location)', security: customer,
          parameters: [userId, attemptId],
          responses: {
            200: { ...ok('the order, once placed and the cart emptied', ref('Order')), headers: { Location: { description: 'the order (a relative reference)', schema: { type: 'string' } } } },
            ...checkoutAccepted,
            ...pick(400, 401, 403, 404, 409, 500, 503),
          },
        },
      },
      '/user/{userId}/order/checkout/{checkoutId}/release': {
        post: {
          operationId: 'CheckoutReleasePost',
          summary: 'Release a cart frozen by a checkout that did not finish (admin): completes it when its order is recorded, otherwise undoes its sale and unfreezes the cart',
          security: admin, parameters: [userId, checkoutId],
          responses: { 200: ok('what the release did', ref('CheckoutReleased')), ...accepted, ...pick(400, 401, 404, 500) },
        },
      },
      '/user/{userId}/order/{orderId}': {
        get: { operationId: 'OrderGet', summary: 'One order', security: customer, parameters: [userId, orderId], responses: { 200: ok('the order', ref('Order')), ...pick(400, 401, 403, 404, 500, 503) } },
      },
      '/openapi.json': { get: { operationId: 'OpenApiGet', summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
      '/docs': { get: { operationId: 'ApiDocsGet', summary: 'This API reference (Swagger UI), with try-it-out', responses: { 200: { description: 'HTML' } } } },
    },
  }));
}

type Operation = { operationId: string; requestBody?: { content: Record<string, JsonSchema> }; responses: Record<string, JsonSchema> };

/**
 * Attaches examples.ts to every operation: the request body example, one or more examples per response,
 * and, for each error status, a description that names exactly the codes this operation answers with it.
 */
function withExamples(document: JsonSchema): JsonSchema {
  for (const item of Object.values(document.paths as Record<string, Record<string, Operation>>)) {
    for (const operation of Object.values(item)) {
      const examples = EXAMPLES[operation.operationId];
      if (!examples) continue; // the examples test names every operation without them
      const media = operation.requestBody?.content['application/json'];
      if (media && examples.request) operation.requestBody = { ...operation.requestBody, content: { 'application/json': { ...media, examples: named(examples.request) } } };
      for (const [status, response] of Object.entries(operation.responses)) {
        const byName = examples.responses[Number(status)];
        const content = response.content as Record<string, JsonSchema> | undefined;
        if (!byName || !content?.['application/json']) continue;
        const codes = Number(status) >= 400 ? errorCodes(byName) : [];
        operation.responses[status] = {
          ...response,
          ...(codes.length > 0 ? { description: `${codes.join(', ')}: ${String(response.description).replace(/^[^:]*: /, '')}` } : {}),
          content: { 'application/json': { ...content['application/json'], examples: named(byName) } },
        };
      }
    }
  }
  return document;
}

const named = (examples: Record<string, unknown>) => Object.fromEntries(Object.entries(examples).map(([name, value]) => [name, { value }]));

/** The distinct error codes of a status's examples, in order. */
function errorCodes(examples: Record<string, unknown>): string[] {
  const codes = Object.values(examples).map((body) => (body as { error?: { code?: string } }).error?.code).filter((code): code is string => !!code);
  return [...new Set(codes)];
}

/** The groups of the reference, by path: the first whose prefix matches. */
const TAGS: [prefix: string, tag: { name: string; description: string }][] = [
  ['/store', { name: 'Catalog', description: 'Products and their stock; creating products and adding stock needs a function key' }],
  ['/user/{userId}/shoppingCart', { name: 'Cart', description: "A customer's cart, joined with the catalog" }],
  ['/user/{userId}/order', { name: 'Orders', description: 'Checkout (one transaction) and the order history' }],
  ['/', { name: 'Reference', description: 'This document and its viewer' }],
];

function withTags(document: JsonSchema): JsonSchema {
  for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, Operation & { tags?: string[] }>>)) {
    const tag = TAGS.find(([prefix]) => path.startsWith(prefix))![1];
    for (const operation of Object.values(item)) operation.tags ??= [tag.name];
  }
  return { ...document, tags: TAGS.map(([, tag]) => tag) };
}
