// Examples for every operation of the OpenAPI document (openapi.ts attaches them): a request body example
// where there is a body, and one example per response status, several where a status carries more than
// one error code. A test validates each against its schema (test/contracts/examples.test.ts), and the
// error responses' descriptions are built from the codes listed here, so each operation says exactly
// which errors it can answer.
type Examples = Record<string, unknown>;

export interface OperationExamples {
  /** the request body, when the operation takes one */
  request?: Examples;
  /** status → example name → the response body (undefined: a response without a body) */
  responses: Record<number, Examples>;
}

const error = (code: string, message: string, details?: unknown) => ({ error: details === undefined ? { code, message } : { code, message, details } });

const espresso = {
  id: 'espresso-roast', description: 'Espresso Roast, 250 g whole beans', price: 12.5, availableStock: 40,
  restockThreshold: 10, maxStockThreshold: 100, onReorder: false, origin: 'Brazil, Colombia', roast: 'dark',
};
const kenya = {
  id: 'kenya-aa', description: 'Kenya AA, 250 g whole beans', price: 15.8, availableStock: 4,
  restockThreshold: 5, maxStockThreshold: 40, onReorder: true, origin: 'Kenya', roast: 'light',
};
const cart = {
  userId: 'alice',
  items: [
    { itemId: 'espresso-roast', quantity: 2, available: true, description: 'Espresso Roast, 250 g whole beans', price: 12.5, lineTotal: 25, availableStock: 40 },
    { itemId: 'kenya-aa', quantity: 1, available: true, description: 'Kenya AA, 250 g whole beans', price: 15.8, lineTotal: 15.8, availableStock: 4 },
  ],
  totalQuantity: 3, total: 40.8, checkoutInProgress: false,
};
const order = {
  id: '55b22b6e-0d55-5f1e-9d51-6a8f3a9c1f20', userId: 'alice', createdAt: '2026-12-05T09:30:00.000Z',
  items: [
    { itemId: 'espresso-roast', description: 'Espresso Roast, 250 g whole beans', unitPrice: 12.5, quantity: 2, lineTotal: 25 },
    { itemId: 'kenya-aa', description: 'Kenya AA, 250 g whole beans', unitPrice: 15.8, quantity: 1, lineTotal: 15.8 },
  ],
  total: 40.8, status: 'Placed',
};

const validationFailed = error('ValidationFailed', 'Invalid request body.', { issues: [{ path: 'quantity', message: 'Too small: expected number to be >=1' }] });
const badRoute = error('ValidationFailed', 'Invalid route value.', { issues: [{ path: 'userId', message: 'must be 1-64 characters of A-Z a-z 0-9 _ -' }] });
const malformed = error('MalformedJson', 'The request body is not valid JSON.');
const unsupported = error('UnsupportedMediaType', 'Send the body as application/json (got text/plain).');
const tooLarge = error('PayloadTooLarge', 'The request body exceeds the limit of 1048576 bytes.');
const noKey = error('Unauthorized', 'A key is required: this function needs a function key or host key in the "code" query parameter or the x-functions-key header.');
const noPrincipal = error('Unauthorized', 'Sign in first: this route requires an authenticated user.');
const forbidden = error('Forbidden', 'Only the customer may change their own cart and orders.');
const internal = error('Internal', 'An unexpected error occurred; it has been logged.');
const corrupt = error('CorruptState', "The stored state of ShoppingCart 'alice' is invalid; this entity needs repair.", { entity: 'ShoppingCart', key: 'alice' });
const checkoutInProgress = error('CheckoutInProgress', 'A checkout of this cart is in progress; try again in a moment.', { checkoutId: '55b22b6e-0d55-5f1e-9d51-6a8f3a9c1f20' });
const outOfStock = error('OutOfStock', "Only 4 unit(s) of 'kenya-aa' in stock; the cart would hold 5.", { itemId: 'kenya-aa', requested: 5, available: 4 });
const accepted = { message: 'The change is stored but its outcome is not known yet; read the product to see it.' };
const attemptId = 'pQ3n1c5lS0m2yN8qk4TgX1dWfJ7vR9aBcE6uHiZo0sY';
const checkoutRunning = { attemptId, status: 'Running', message: 'The checkout is still running; GET the Location for its outcome.' };
const authNotConfigured = error('AuthNotConfigured', 'Customer routes require a signed-in user (STORE_REQUIRE_AUTH=true, or running on Azure without STORE_REQUIRE_AUTH=false), but App Service Authentication is not enabled (WEBSITE_AUTH_ENABLED is not "true"), so no x-ms-client-principal header can be trusted. Turn on App Service Authentication, or set STORE_REQUIRE_AUTH=false for an open demo.');
const cartAccepted = { requestId: '0f8fad5b-d9cb-469f-a165-70867728950e', message: 'The change is stored but its outcome is not known yet; read the cart to see whether it was applied.' };

const readErrors = { 400: { badRoute }, 401: { noPrincipal }, 403: { forbidden }, 500: { corrupt, internal }, 503: { authNotConfigured } };
const checkoutOutOfStock = error('OutOfStock', 'Not enough stock for every line; nothing was sold.', { shortages: [{ itemId: 'kenya-aa', requested: 5, available: 4 }] });
const emptyCart = error('EmptyCart', 'The cart is empty; add products before checking out.');
const checkoutReleased = error('CheckoutReleased', `Checkout '${order.id}' was released by an operator; nothing was sold. Check out again.`, { checkoutId: order.id });

export const EXAMPLES: Record<string, OperationExamples> = {
  StoreGet: {
    responses: {
      200: { catalog: [espresso, kenya] },
      400: { badLimit: error('ValidationFailed', 'Invalid query.', { issues: [{ path: 'limit', message: 'must be an integer from 1 to 1000' }] }) },
      500: { internal },
    },
  },
  InventoryItemGet: {
    responses: { 200: { product: espresso }, 400: { badRoute: error('ValidationFailed', 'Invalid route value.', { issues: [{ path: 'itemId', message: 'must be 1-64 characters of A-Z a-z 0-9 _ -' }] }) }, 404: { itemNotFound: error('ItemNotFound', "No product 'kenya-aa' in the catalog.", { itemId: 'kenya-aa' }) }, 500: { internal } },
  },
  InventoryCreateItemPost: {
    request: { product: { id: 'kenya-aa', description: 'Kenya AA, 250 g whole beans', price: 15.8, availableStock: 4, restockThreshold: 5, maxStockThreshold: 40, origin: 'Kenya', roast: 'light' } },
    responses: {
      201: { created: kenya }, 202: { accepted }, 400: { validationFailed, malformed }, 401: { noKey },
      409: { itemAlreadyExists: error('ItemAlreadyExists', "A product with id 'kenya-aa' already exists.", { itemId: 'kenya-aa' }) },
      413: { tooLarge }, 415: { unsupported }, 500: { internal },
    },
  },
  InventoryAddItemStockPut: {
    request: { addStock: { quantity: 20 } },
    responses: {
      200: { restocked: { ...kenya, availableStock: 24, onReorder: false } }, 202: { accepted }, 400: { validationFailed, malformed }, 401: { noKey },
      404: { itemNotFound: error('ItemNotFound', "No product 'kenya-aa' in the catalog.", { itemId: 'kenya-aa' }) }, 413: { tooLarge }, 415: { unsupported }, 500: { internal },
    },
  },
  ShoppingCartGet: { responses: { 200: { cart }, ...readErrors } },
  ShoppingCartPost: {
    request: { twoUnits: { quantity: 2 } },
    responses: {
      200: { cart }, 202: { accepted: cartAccepted }, 400: { validationFailed, malformed }, 401: { noPrincipal }, 403: { forbidden },
      404: { itemNotFound: error('ItemNotFound', "No product 'kenya-aa' in the catalog.", { itemId: 'kenya-aa' }) },
      409: { outOfStock, checkoutInProgress }, 413: { tooLarge }, 415: { unsupported }, 500: { corrupt, internal }, 503: { authNotConfigured },
    },
  },
  ShoppingCartDelete: {
    responses: {
      200: { cart: { ...cart, items: [cart.items[0]], totalQuantity: 2, total: 25 } }, 202: { accepted: cartAccepted },
      400: { badQuantity: error('ValidationFailed', 'Invalid query.', { issues: [{ path: 'quantity', message: 'must be an integer from 1 to 10000' }] }) },
      401: { noPrincipal }, 403: { forbidden },
      404: { itemNotInCart: error('ItemNotInCart', "Product 'kenya-aa' is not in the cart.", { itemId: 'kenya-aa' }) },
      409: { checkoutInProgress }, 500: { corrupt, internal }, 503: { authNotConfigured },
    },
  },
  OrderList: {
    responses: {
      200: { page: [order] }, ...readErrors,
      400: { badLimit: error('ValidationFailed', 'Invalid query.', { issues: [{ path: 'limit', message: 'must be an integer from 1 to 100' }] }) },
    },
  },
  CheckoutReleasePost: {
    responses: {
      200: {
        completed: { userId: 'alice', checkoutId: order.id, outcome: 'completed', order, saleCancelled: false },
        aborted: { userId: 'alice', checkoutId: order.id, outcome: 'aborted', order: null, saleCancelled: true },
      },
      202: { accepted: { message: 'The release is stored but its outcome is not known yet; read the cart to see it.' } },
      400: { badRoute: error('ValidationFailed', 'Invalid route value.', { issues: [{ path: 'checkoutId', message: 'must be 1-64 characters of A-Z a-z 0-9 _ -' }] }) },
      401: { noKey },
      404: { checkoutNotFound: error('CheckoutNotFound', `The cart of 'alice' is not held by checkout '${order.id}' (it may have completed or been released already).`, { userId: 'alice', checkoutId: order.id, heldBy: null }) },
      500: { internal },
    },
  },
  OrderCheckoutPost: {
    responses: {
      201: { order }, 202: { running: checkoutRunning },
      400: { badKey: error('ValidationFailed', 'Invalid Idempotency-Key header.', { issues: [{ path: 'Idempotency-Key', message: 'must be 1-64 characters of A-Z a-z 0-9 _ -' }] }) },
      401: { noPrincipal }, 403: { forbidden },
      409: { outOfStock: checkoutOutOfStock, emptyCart, checkoutInProgress, checkoutReleased },
      422: { idempotencyKeyReused: error('IdempotencyKeyReused', `This Idempotency-Key already placed order ${order.id}; the cart holds lines added since. Send a new key to check out the cart as it is now.`, { orderId: order.id }) },
      500: { corrupt, internal }, 503: { authNotConfigured },
    },
  },
  OrderCheckoutStatusGet: {
    responses: {
      200: { order }, 202: { running: checkoutRunning },
      400: { badRoute: error('ValidationFailed', 'Invalid route value.', { issues: [{ path: 'attemptId', message: 'must be 1-64 characters of A-Z a-z 0-9 _ -' }] }) },
      401: { noPrincipal }, 403: { forbidden },
      404: { checkoutNotFound: error('CheckoutNotFound', `No checkout attempt '${attemptId}' for this customer.`, { attemptId }) },
      409: { outOfStock: checkoutOutOfStock, emptyCart, checkoutReleased },
      500: { corrupt, internal }, 503: { authNotConfigured },
    },
  },
  OrderGet: {
    responses: { 200: { order }, ...readErrors, 404: { orderNotFound: error('OrderNotFound', "No order '55b22b6e' for this customer.", { orderId: '55b22b6e' }) } },
  },
  OpenApiGet: { responses: { 200: {} } },
  ApiDocsGet: { responses: { 200: {} } },
};
