// End to end through the real host in --enable-auth mode with STORE_REQUIRE_AUTH=true, completing
// test/api/auth.test.ts: keys generated and printed at start (none configured), every admin route refused
// without a key and allowed with each key kind, every customer route refused without a principal (even
// with a function key) and for another user, admins read but never write, the browser-style local
// sign-in (/.auth/login/dev cookie) and sign-out — and every refused request changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, startHost, type RunningHost } from '../support/host';

let host: RunningHost;
let api: ReturnType<typeof apiClient>;
const keys: Record<string, string> = {};
const product = { id: 'kenya', description: 'Kenya AA', price: 11, availableStock: 20, restockThreshold: 2, maxStockThreshold: 100 };
const as = (principal: string) => ({ 'x-dev-principal': principal });

beforeAll(async () => {
  host = await startHost({ env: { STORE_REQUIRE_AUTH: 'true' }, args: ['--enable-auth'] });
  api = apiClient(host.baseUrl);
  for (const match of host.output().matchAll(/^(?:\[[^\]]+\] )?\s+(function|host|master): (\S+) \(generated/gm)) keys[match[1]!] = match[2]!;
});
afterAll(async () => {
  await host?.stop();
});

describe('admin operations need a function key', () => {
  it('prints generated keys at start when none are configured', () => {
    expect(Object.keys(keys).sort()).toEqual(['function', 'host', 'master']);
    for (const key of Object.values(keys)) expect(key.length).toBeGreaterThanOrEqual(20);
    expect(new Set(Object.values(keys)).size).toBe(3);
  });

  it('refuses create and add-stock without a valid key (401 JSON) and changes nothing', async () => {
    for (const headers of [{}, { 'x-functions-key': 'wrong' }, { 'x-functions-key': '' }, as('root;admin')] as Record<string, string>[]) {
      const created = await api('POST', '/api/store/inventory', product, headers);
      expect({ status: created.status, code: created.body?.error?.code }).toEqual({ status: 401, code: 'Unauthorized' });
    }
    expect((await api('POST', `/api/store/inventory?code=${keys.function}x`, product)).status).toBe(401);
    expect((await api('GET', '/api/store')).body).toEqual([]);
    expect((await api('POST', '/api/store/inventory', product, { 'x-functions-key': keys.function! })).status).toBe(201);

    for (const headers of [{}, { 'x-functions-key': keys.function!.slice(0, -1) }, as('root;admin')] as Record<string, string>[]) {
      expect((await api('PUT', '/api/store/inventory/kenya', { quantity: 5 }, headers)).status).toBe(401);
    }
    expect((await api('GET', '/api/store/inventory/kenya')).body.availableStock).toBe(20);
  });

  it('accepts the function, host and master keys, as header or ?code=', async () => {
    let stock = 20;
    for (const key of Object.values(keys)) {
      expect((await api('PUT', '/api/store/inventory/kenya', { quantity: 1 }, { 'x-functions-key': key })).body.availableStock).toBe(++stock);
      expect((await api('PUT', `/api/store/inventory/kenya?code=${encodeURIComponent(key)}`, { quantity: 1 })).body.availableStock).toBe(++stock);
    }
  });

  it('keeps the catalog and the documentation public', async () => {
    expect((await api('GET', '/api/store')).status).toBe(200);
    expect((await api('GET', '/api/store/inventory/kenya')).status).toBe(200);
    expect((await api('GET', '/api/openapi.json')).status).toBe(200);
    expect((await api('GET', '/api/docs')).status).toBe(200);
  });
});

describe('customers reach only their own cart and orders', () => {
  let orderId = '';

  it('serves a signed-in customer their own cart and orders', async () => {
    expect((await api('POST', '/api/user/ann/shoppingCart/kenya', { quantity: 2 }, as('ann'))).status).toBe(200);
    const order = await api('POST', '/api/user/ann/order/checkout', undefined, as('ann'));
    expect(order.status).toBe(201);
    orderId = order.body.id;
    expect((await api('POST', '/api/user/ann/shoppingCart/kenya', { quantity: 1 }, as('ann'))).status).toBe(200);
    expect((await api('GET', `/api/user/ann/order/${orderId}`, undefined, as('ann'))).status).toBe(200);
  });

  it('answers 401 on every customer route without a principal, even with a function key', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/user/ann/shoppingCart'],
      ['POST', '/api/user/ann/shoppingCart/kenya', { quantity: 1 }],
      ['DELETE', '/api/user/ann/shoppingCart/kenya'],
      ['POST', '/api/user/ann/order/checkout'],
      ['GET', '/api/user/ann/order'],
      ['GET', `/api/user/ann/order/${orderId}`],
    ];
    const before = await annState();
    for (const [method, path, body] of routes) {
      for (const headers of [{}, { 'x-functions-key': keys.master! }, { 'x-dev-principal': '' }] as Record<string, string>[]) {
        const reply = await api(method, path, body, headers);
        expect({ route: `${method} ${path}`, status: reply.status, code: reply.body?.error?.code }).toEqual({ route: `${method} ${path}`, status: 401, code: 'Unauthorized' });
      }
    }
    expect(await annState()).toEqual(before);
  });

  it("answers 403 for another customer's cart and orders, and admins may only read", async () => {
    const before = await annState();
    for (const who of ['bob', 'ann2', 'ANN', 'bob;barista']) {
      expect((await api('GET', '/api/user/ann/shoppingCart', undefined, as(who))).status).toBe(403);
      expect((await api('POST', '/api/user/ann/shoppingCart/kenya', { quantity: 1 }, as(who))).status).toBe(403);
      expect((await api('DELETE', '/api/user/ann/shoppingCart/kenya', undefined, as(who))).status).toBe(403);
      expect((await api('POST', '/api/user/ann/order/checkout', undefined, as(who))).status).toBe(403);
      expect((await api('GET', '/api/user/ann/order', undefined, as(who))).status).toBe(403);
      expect((await api('GET', `/api/user/ann/order/${orderId}`, undefined, as(who))).status).toBe(403);
    }
    expect((await api('GET', '/api/user/ann/shoppingCart', undefined, as('carol;admin'))).text).toBe(before.cart);
    expect((await api('GET', '/api/user/ann/order', undefined, as('carol;admin'))).text).toBe(before.orders);
    expect((await api('GET', `/api/user/ann/order/${orderId}`, undefined, as('carol;admin'))).status).toBe(200);
    expect((await api('POST', '/api/user/ann/shoppingCart/kenya', { quantity: 1 }, as('carol;admin'))).status).toBe(403);
    expect((await api('DELETE', '/api/user/ann/shoppingCart/kenya', undefined, as('carol;admin'))).status).toBe(403);
    expect((await api('POST', '/api/user/ann/order/checkout', undefined, as('carol;admin'))).status).toBe(403);
    expect(await annState()).toEqual(before);
  });

  it('signs a developer in with the /.auth/login/dev cookie and out again', async () => {
    const login = await fetch(`${host.baseUrl}/.auth/login/dev?user=ann`);
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect(cookie).toMatch(/^LocalDevAuthSession=/);
    expect((await api('GET', '/api/user/ann/shoppingCart', undefined, { cookie })).status).toBe(200);
    expect((await api('GET', '/api/user/bob/shoppingCart', undefined, { cookie })).status).toBe(403);
    expect((await api('GET', '/api/user/bob/shoppingCart', undefined, { cookie, 'x-dev-principal': 'bob' })).status).toBe(200); // the header wins
    const logout = await fetch(`${host.baseUrl}/.auth/logout`, { headers: { cookie } });
    const cleared = logout.headers.get('set-cookie')!.split(';')[0]!;
    expect((await api('GET', '/api/user/ann/shoppingCart', undefined, { cookie: cleared })).status).toBe(401);
  });
});

async function annState() {
  const read = async (path: string) => (await api('GET', path, undefined, as('ann'))).text;
  return { cart: await read('/api/user/ann/shoppingCart'), orders: await read('/api/user/ann/order'), stock: (await api('GET', '/api/store/inventory/kenya')).text };
}
