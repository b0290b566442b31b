// Real responses of the running app validate against the OpenAPI document (ajv, default settings): every
// operation's success and its usual errors, with prices such as 9.95 that a `multipleOf: 0.01` schema
// would reject in binary floating point. Prices that are not a whole number of cents are refused (400)
// and store nothing.
import { describe, expect, it } from 'vitest';
import { useHost } from '../support/host';
import { expectDocumented } from '../support/openapi';

const { api } = useHost();
const product = { id: 'kenya', description: 'Kenya AA', price: 9.95, availableStock: 20, restockThreshold: 2, maxStockThreshold: 100 };

describe('responses match the OpenAPI document', () => {
  it('for the catalog, the cart, checkout and orders', async () => {
    const created = await api('POST', '/api/store/inventory', product);
    expect(created.status, created.text).toBe(201);
    expectDocumented('InventoryCreateItemPost', created);
    expectDocumented('InventoryCreateItemPost', await api('POST', '/api/store/inventory', product)); // 409
    expect((await api('POST', '/api/store/inventory', { ...product, id: 'sumatra', price: 4.35 })).status).toBe(201);
    expectDocumented('StoreGet', await api('GET', '/api/store'));
    expectDocumented('InventoryItemGet', await api('GET', '/api/store/inventory/kenya'));
    expectDocumented('InventoryItemGet', await api('GET', '/api/store/inventory/nope'));
    expectDocumented('InventoryAddItemStockPut', await api('PUT', '/api/store/inventory/kenya', { quantity: 3 }));

    expectDocumented('ShoppingCartPost', await api('POST', '/api/user/ann/shoppingCart/kenya', { quantity: 3 }));
    expectDocumented('ShoppingCartPost', await api('POST', '/api/user/ann/shoppingCart/sumatra', { quantity: 1 }));
    expectDocumented('ShoppingCartPost', await api('POST', '/api/user/ann/shoppingCart/nope'));
    expectDocumented('ShoppingCartDelete', await api('DELETE', '/api/user/ann/shoppingCart/sumatra?quantity=1'));
    expectDocumented('ShoppingCartDelete', await api('DELETE', '/api/user/ann/shoppingCart/sumatra'));
    const cart = await api('GET', '/api/user/ann/shoppingCart');
    expect(cart.body.total).toBe(29.85);
    expectDocumented('ShoppingCartGet', cart);

    const order = await api('POST', '/api/user/ann/order/checkout');
    expect(order.status, order.text).toBe(201);
    expect(order.body.items[0]).toMatchObject({ unitPrice: 9.95, lineTotal: 29.85 });
    expectDocumented('OrderCheckoutPost', order);
    expectDocumented('OrderCheckoutPost', await api('POST', '/api/user/ann/order/checkout')); // 409 EmptyCart
    expectDocumented('OrderList', await api('GET', '/api/user/ann/order'));
    expectDocumented('OrderList', await api('GET', '/api/user/ann/order?limit=0'));
    expectDocumented('OrderGet', await api('GET', `/api/user/ann/order/${order.body.id}`));
    expectDocumented('OrderGet', await api('GET', '/api/user/ann/order/nope'));
  });

  it('refuses a price that is not a whole number of cents, and stores nothing', async () => {
    for (const [id, price] of [['tiny', '5e-324'], ['milli', '0.001'], ['half-cent', '1.005']] as const) {
      const body = `{"id":"${id}","description":"Too precise","price":${price},"availableStock":1,"restockThreshold":0,"maxStockThreshold":10}`;
      const refused = await api('POST', '/api/store/inventory', body);
      expect({ status: refused.status, code: refused.body?.error?.code }, refused.text).toEqual({ status: 400, code: 'ValidationFailed' });
      expect(refused.body.error.details.issues).toEqual([expect.objectContaining({ path: 'price' })]);
      expectDocumented('InventoryCreateItemPost', refused);
      expect((await api('GET', `/api/store/inventory/${id}`)).status).toBe(404);
    }
  });
});
