// An operator releases a cart frozen by a checkout whose saga failed for good, end to end on the host with
// --enable-auth (the route is admin: authLevel function). The frozen carts are left as such a saga leaves
// them, written into the host's SQLite file while it is stopped (as test/hostile/corruptState.test.ts
// does): one whose order was recorded before the saga died (release completes it), one whose stock was
// taken without an order (release puts the stock back and unfreezes the cart). The release never resets a
// cart that another checkout holds, or one not frozen at all.
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../reliability/support/client';
import { tempDataDir } from '../reliability/support/crashableHost';
import { startHost, type RunningHost } from '../support/host';
import { expectDocumented } from '../support/openapi';

const KEY = 'release-test-function-key-0123456789';
const dir = tempDataDir('store-release');
const options = { data: dir.file, args: ['--enable-auth'], env: { FUNCTIONS_FUNCTION_KEY: KEY } };
let host: RunningHost | undefined;
const api = client(() => host!.baseUrl);
const admin = { 'x-functions-key': KEY };

const kona = { id: 'kona', description: 'Kona', price: 12.5, availableStock: 50, restockThreshold: 1, maxStockThreshold: 100 };
const ABE_CHECKOUT = 'abe-checkout-1';
let coraOrder: { id: string; items: unknown[] };

async function whileStopped(change: (db: DatabaseSync) => void): Promise<void> {
  await host?.stop();
  const db = new DatabaseSync(dir.file);
  try {
    change(db);
  } finally {
    db.close();
    host = await startHost(options);
  }
}
function editState(db: DatabaseSync, id: string, edit: (state: any) => void) { // eslint-disable-line @typescript-eslint/no-explicit-any -- stored JSON
  const row = db.prepare('SELECT state FROM entities WHERE id = ?').get(id) as { state: string } | undefined;
  expect(row, `no row ${id}`).toBeDefined();
  const state = JSON.parse(row!.state);
  edit(state);
  db.prepare('UPDATE entities SET state = ? WHERE id = ?').run(JSON.stringify(state), id);
}
const stock = async () => (await api('GET', '/api/store/inventory/kona')).body.availableStock as number;

beforeAll(async () => {
  host = await startHost(options);
  expect((await api('POST', '/api/store/inventory', kona, admin)).status).toBe(201);
  expect((await api('POST', '/api/user/cora/shoppingCart/kona', { quantity: 2 })).status).toBe(200);
  const placed = await api('POST', '/api/user/cora/order/checkout');
  expect(placed.status, placed.text).toBe(201);
  coraOrder = placed.body;
  expect((await api('POST', '/api/user/abe/shoppingCart/kona', { quantity: 3 })).status).toBe(200);
  expect((await api('POST', '/api/user/dot/shoppingCart/kona', { quantity: 1 })).status).toBe(200);
  await whileStopped((db) => {
    // cora: the order was recorded, then the saga died before it emptied the cart
    editState(db, '@shoppingcart@cora', (cart) => Object.assign(cart, { lines: [{ itemId: 'kona', quantity: 2 }], checkoutId: coraOrder.id, completedCheckouts: [] }));
    // abe: the stock was taken, then the saga and its compensation died before any order
    editState(db, '@shoppingcart@abe', (cart) => Object.assign(cart, { checkoutId: ABE_CHECKOUT }));
    editState(db, '@inventory@store', (inventory) => {
      inventory.items[0].availableStock -= 3;
      inventory.recentSales.push({ checkoutId: ABE_CHECKOUT, lines: [{ itemId: 'kona', quantity: 3, description: 'Kona', unitPrice: 12.5 }] });
    });
  });
}, 120_000);
afterAll(async () => {
  await host?.stop();
  dir.remove();
});

describe('POST /api/user/{userId}/order/checkout/{checkoutId}/release', () => {
  it('is frozen before: cart writes and new checkouts answer 409 CheckoutInProgress naming the checkout', async () => {
    for (const [user, checkoutId] of [['cora', coraOrder.id], ['abe', ABE_CHECKOUT]]) {
      const write = await api('POST', `/api/user/${user}/shoppingCart/kona`, { quantity: 1 });
      expect({ status: write.status, code: write.body?.error?.code, checkoutId: write.body?.error?.details?.checkoutId }).toEqual({ status: 409, code: 'CheckoutInProgress', checkoutId });
      expect((await api('POST', `/api/user/${user}/order/checkout`)).status).toBe(409);
    }
  });

  it('needs a function key (401) and changes nothing without one', async () => {
    const before = { stock: await stock(), cart: (await api('GET', '/api/user/abe/shoppingCart')).text };
    for (const headers of [{}, { 'x-functions-key': 'wrong' }] as Record<string, string>[]) {
      const refused = await api('POST', `/api/user/abe/order/checkout/${ABE_CHECKOUT}/release`, undefined, headers);
      expect({ status: refused.status, code: refused.body?.error?.code }).toEqual({ status: 401, code: 'Unauthorized' });
    }
    expect({ stock: await stock(), cart: (await api('GET', '/api/user/abe/shoppingCart')).text }).toEqual(before);
  });

  it('refuses to touch a cart not held by that checkout (404 CheckoutNotFound), or a bad id (400)', async () => {
    const before = { stock: await stock(), abe: (await api('GET', '/api/user/abe/shoppingCart')).text, dot: (await api('GET', '/api/user/dot/shoppingCart')).text };
    const other = await api('POST', '/api/user/abe/order/checkout/someone-else/release', undefined, admin);
    expect({ status: other.status, code: other.body?.error?.code, heldBy: other.body?.error?.details?.heldBy }).toEqual({ status: 404, code: 'CheckoutNotFound', heldBy: ABE_CHECKOUT });
    expectDocumented('CheckoutReleasePost', other);
    const notFrozen = await api('POST', `/api/user/dot/order/checkout/${ABE_CHECKOUT}/release`, undefined, admin);
    expect({ status: notFrozen.status, code: notFrozen.body?.error?.code }).toEqual({ status: 404, code: 'CheckoutNotFound' });
    const bad = await api('POST', '/api/user/abe/order/checkout/bad%20id/release', undefined, admin);
    expect({ status: bad.status, code: bad.body?.error?.code }).toEqual({ status: 400, code: 'ValidationFailed' });
    expect({ stock: await stock(), abe: (await api('GET', '/api/user/abe/shoppingCart')).text, dot: (await api('GET', '/api/user/dot/shoppingCart')).text }).toEqual(before);
  });

  it('completes a checkout whose order was recorded: the cart is emptied, the order stands once', async () => {
    const stockBefore = await stock();
    const released = await api('POST', `/api/user/cora/order/checkout/${coraOrder.id}/release`, undefined, admin);
    expect(released.status, released.text).toBe(200);
    expectDocumented('CheckoutReleasePost', released);
    expect(released.body).toEqual({ userId: 'cora', checkoutId: coraOrder.id, outcome: 'completed', order: coraOrder, saleCancelled: false });
    expect((await api('GET', '/api/user/cora/shoppingCart')).body).toMatchObject({ items: [], checkoutInProgress: false });
    expect((await api('GET', '/api/user/cora/order')).body).toEqual([coraOrder]);
    expect(await stock()).toBe(stockBefore);
    // a second release finds nothing to do
    expect((await api('POST', `/api/user/cora/order/checkout/${coraOrder.id}/release`, undefined, admin)).status).toBe(404);
    expect((await api('POST', '/api/user/cora/shoppingCart/kona', { quantity: 1 })).status).toBe(200);
  });

  it('undoes a checkout that took stock without an order: stock back, cart unfrozen with its lines, checkout works again', async () => {
    const stockBefore = await stock();
    const released = await api('POST', `/api/user/abe/order/checkout/${ABE_CHECKOUT}/release`, undefined, admin);
    expect(released.status, released.text).toBe(200);
    expectDocumented('CheckoutReleasePost', released);
    expect(released.body).toEqual({ userId: 'abe', checkoutId: ABE_CHECKOUT, outcome: 'aborted', order: null, saleCancelled: true });
    expect(await stock()).toBe(stockBefore + 3);
    expect((await api('GET', '/api/user/abe/shoppingCart')).body).toMatchObject({ items: [expect.objectContaining({ itemId: 'kona', quantity: 3 })], checkoutInProgress: false });
    expect((await api('GET', '/api/user/abe/order')).body).toEqual([]);
    const again = await api('POST', '/api/user/abe/order/checkout');
    expect(again.status, again.text).toBe(201);
    expect(await stock()).toBe(stockBefore);
  });
});
