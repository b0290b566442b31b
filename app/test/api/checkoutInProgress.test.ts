// A cart held by a checkout (frozen between beginCheckout and complete/abort) refuses every cart write and
// a second checkout with 409 CheckoutInProgress naming the holder, changing nothing; once the holder lets
// go the cart works again. The hold is made through the durable HTTP API's entity signal, as an operator
// (or a checkout saga stuck mid-way) would leave it.
import { expect, it } from 'vitest';
import { useHost } from '../support/host';

const { api } = useHost();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function cartUntil(userId: string, inProgress: boolean) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const cart = await api('GET', `/api/user/${userId}/shoppingCart`);
    if (cart.body?.checkoutInProgress === inProgress) return cart;
    await sleep(25);
  }
  throw new Error(`cart of ${userId} never reached checkoutInProgress=${inProgress}`);
}

it('answers 409 CheckoutInProgress to cart writes and checkouts while a checkout holds the cart', async () => {
  const product = { id: 'flat-white', description: 'Flat white beans', price: 6.4, availableStock: 10, restockThreshold: 2, maxStockThreshold: 20 };
  expect((await api('POST', '/api/store/inventory', product)).status).toBe(201);
  expect((await api('POST', '/api/user/zed/shoppingCart/flat-white', { quantity: 2 })).status).toBe(200);

  const holder = { checkoutId: 'held-by-operator' };
  expect((await api('POST', '/runtime/webhooks/durabletask/entities/ShoppingCart/zed?op=beginCheckout', holder)).status).toBe(202);
  const frozen = await cartUntil('zed', true);
  expect(frozen.body).toMatchObject({ items: [{ itemId: 'flat-white', quantity: 2 }], total: 12.8 });

  const refused = [
    await api('POST', '/api/user/zed/shoppingCart/flat-white', { quantity: 1 }),
    await api('DELETE', '/api/user/zed/shoppingCart/flat-white'),
    await api('DELETE', '/api/user/zed/shoppingCart/flat-white?quantity=1'),
    await api('POST', '/api/user/zed/order/checkout'),
    await api('POST', '/api/user/zed/order/checkout', undefined, { 'idempotency-key': 'zed-1' }),
  ];
  for (const r of refused) {
    expect({ status: r.status, code: r.body?.error?.code, holder: r.body?.error?.details?.checkoutId }).toEqual({ status: 409, code: 'CheckoutInProgress', holder: holder.checkoutId });
  }
  expect((await api('GET', '/api/user/zed/shoppingCart')).text).toBe(frozen.text);
  expect((await api('GET', '/api/store/inventory/flat-white')).body.availableStock).toBe(10);
  expect((await api('GET', '/api/user/zed/order')).body).toEqual([]);

  // the holder lets go (abortCheckout, as the saga does after a refused sale): lines intact, writable again
  expect((await api('POST', '/runtime/webhooks/durabletask/entities/ShoppingCart/zed?op=abortCheckout', holder)).status).toBe(202);
  expect((await cartUntil('zed', false)).body).toMatchObject({ items: [{ itemId: 'flat-white', quantity: 2 }] });
  const placed = await api('POST', '/api/user/zed/order/checkout', undefined, { 'idempotency-key': 'zed-1' });
  expect(placed).toMatchObject({ status: 201, body: { total: 12.8 } });
  expect((await api('GET', '/api/store/inventory/flat-white')).body.availableStock).toBe(8);
});
