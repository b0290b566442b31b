// Ids such as `__proto__` and `constructor` are inside the id charset, so they are VALID customers and
// products: they must behave like any other id (no prototype pollution in route values, entity keys or
// state maps), and must not leak into other customers' data.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { restartHostProcess, tempDataDir } from '../reliability/support/crashableHost';
import { apiClient, startHost, type RunningHost } from '../support/host';

const NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

const dir = tempDataDir('store-proto');
let host: RunningHost;
let api: ReturnType<typeof apiClient>;
beforeAll(async () => {
  host = await startHost({ data: dir.file });
  api = apiClient(host.baseUrl);
});
afterAll(async () => {
  await host?.stop();
  dir.remove();
});

it('treats prototype-named ids as ordinary products, customers, carts and orders', async () => {
  expect((await api('POST', '/api/store/inventory', { id: 'plain', description: 'Plain', price: 1, availableStock: 100, restockThreshold: 0, maxStockThreshold: 100 })).status).toBe(201);
  expect((await api('POST', '/api/user/plain-user/shoppingCart/plain', { quantity: 1 })).status).toBe(200);
  const plainCart = (await api('GET', '/api/user/plain-user/shoppingCart')).text;

  for (const [i, name] of NAMES.entries()) {
    const created = await api('POST', '/api/store/inventory', { id: name, description: `${name} beans`, price: 2.5, availableStock: 10, restockThreshold: 1, maxStockThreshold: 20 });
    expect({ status: created.status, id: created.body?.id }, created.text).toEqual({ status: 201, id: name });
    expect((await api('GET', `/api/store/inventory/${name}`)).body).toMatchObject({ id: name, availableStock: 10 });
    expect((await api('PUT', `/api/store/inventory/${name}`, { quantity: 2 })).body).toMatchObject({ id: name, availableStock: 12 });

    const added = await api('POST', `/api/user/${name}/shoppingCart/${name}`, { quantity: 3 });
    expect(added.status, added.text).toBe(200);
    expect(added.body).toMatchObject({ userId: name, items: [{ itemId: name, quantity: 3 }], totalQuantity: 3 });
    await api('POST', `/api/user/${name}/shoppingCart/plain`, { quantity: 1 });
    expect((await api('DELETE', `/api/user/${name}/shoppingCart/plain`)).body.items).toHaveLength(1);

    const order = await api('POST', `/api/user/${name}/order/checkout`, undefined, { 'idempotency-key': name });
    expect(order.status, order.text).toBe(201);
    expect(order.body).toMatchObject({ userId: name, items: [{ itemId: name, quantity: 3 }], total: 7.5 });
    expect((await api('GET', `/api/user/${name}/order`)).body.map((o: { id: string }) => o.id)).toEqual([order.body.id]);
    expect((await api('GET', `/api/user/${name}/order/${order.body.id}`)).body).toEqual(order.body);
    expect((await api('GET', `/api/user/${name}/shoppingCart`)).body).toMatchObject({ items: [], checkoutInProgress: false });
    expect((await api('GET', `/api/store/inventory/${name}`)).body.availableStock).toBe(9);

    const catalog = (await api('GET', '/api/store')).body as { id: string }[];
    expect(catalog.map((p) => p.id).sort()).toEqual(['plain', ...NAMES.slice(0, i + 1)].sort());
  }
  // nobody else saw any of it
  expect((await api('GET', '/api/user/plain-user/shoppingCart')).text).toBe(plainCart);
  expect((await api('GET', '/api/user/plain-user/order')).body).toEqual([]);
  expect((await api('GET', '/api/user/someone-new/shoppingCart')).body).toMatchObject({ items: [], total: 0 });

  // and the same after the host reloads every entity from its store (SIGKILL, restart)
  const before = await Promise.all(NAMES.flatMap((n) => [`/api/store/inventory/${n}`, `/api/user/${n}/order`, `/api/user/${n}/shoppingCart`]).map(async (p) => (await api('GET', p)).text));
  await host.kill9();
  host = await restartHostProcess({ data: dir.file }, host);
  api = apiClient(host.baseUrl);
  const after = await Promise.all(NAMES.flatMap((n) => [`/api/store/inventory/${n}`, `/api/user/${n}/order`, `/api/user/${n}/shoppingCart`]).map(async (p) => (await api('GET', p)).text));
  expect(after).toEqual(before);
  expect((await api('POST', '/api/user/__proto__/shoppingCart/constructor', { quantity: 1 })).body.items).toEqual([expect.objectContaining({ itemId: 'constructor', quantity: 1 })]);
});
