// STORE_REQUIRE_AUTH: customer routes need an App Service Authentication principal that owns {userId}
// (admins may read). First with raw x-ms-client-principal headers and WEBSITE_AUTH_ENABLED=true (the test
// plays App Service's front end; the host passes the headers through without --enable-auth), then with
// authentication off (503 AuthNotConfigured: a client-sent header is never believed), then behind the
// host's --enable-auth (function keys + Easy Auth emulation, which sets WEBSITE_AUTH_ENABLED).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, startHost, type RunningHost } from '../support/host';
import { principalHeader as principal } from '../support/principal';
const item = { id: 'latte', description: 'Latte beans', price: 4.5, availableStock: 5, restockThreshold: 1, maxStockThreshold: 10 };

describe('with STORE_REQUIRE_AUTH=true', () => {
  let host: RunningHost;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    host = await startHost({ env: { STORE_REQUIRE_AUTH: 'true', WEBSITE_AUTH_ENABLED: 'true' } });
    api = apiClient(host.baseUrl);
    expect((await api('POST', '/api/store/inventory', item)).status).toBe(201);
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('lets a customer use their own cart and orders', async () => {
    expect((await api('POST', '/api/user/alice/shoppingCart/latte', { quantity: 1 }, principal('alice'))).status).toBe(200);
    expect((await api('GET', '/api/user/alice/shoppingCart', undefined, principal('alice'))).body.totalQuantity).toBe(1);
    const order = await api('POST', '/api/user/alice/order/checkout', undefined, principal('alice'));
    expect(order.status).toBe(201);
    expect((await api('GET', `/api/user/alice/order/${order.body.id}`, undefined, principal('alice'))).status).toBe(200);
  });

  it('answers 401 without a valid principal', async () => {
    for (const headers of [{}, { 'x-ms-client-principal': '%%%' } as Record<string, string>, { 'x-ms-client-principal': Buffer.from('{not json').toString('base64') }]) {
      const r = await api('GET', '/api/user/alice/shoppingCart', undefined, headers);
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('Unauthorized');
    }
    expect((await api('POST', '/api/user/alice/shoppingCart/latte', { quantity: 1 })).status).toBe(401);
    expect((await api('GET', '/api/store')).status).toBe(200); // the catalog stays public
  });

  it("answers 403 for another customer's data, except reads by an admin", async () => {
    await api('POST', '/api/user/bob/shoppingCart/latte', { quantity: 1 }, principal('bob'));
    const bobBefore = (await api('GET', '/api/user/bob/shoppingCart', undefined, principal('bob'))).body;
    expect((await api('GET', '/api/user/bob/shoppingCart', undefined, principal('alice'))).status).toBe(403);
    expect((await api('POST', '/api/user/bob/shoppingCart/latte', { quantity: 1 }, principal('alice'))).status).toBe(403);
    expect((await api('DELETE', '/api/user/bob/shoppingCart/latte', undefined, principal('alice'))).status).toBe(403);
    expect((await api('POST', '/api/user/bob/order/checkout', undefined, principal('alice'))).status).toBe(403);
    expect((await api('GET', '/api/user/bob/order', undefined, principal('alice'))).status).toBe(403);
    expect((await api('GET', '/api/user/bob/shoppingCart', undefined, principal('carol', 'admin'))).body).toEqual(bobBefore);
    expect((await api('GET', '/api/user/bob/order', undefined, principal('carol', 'admin'))).status).toBe(200);
    expect((await api('POST', '/api/user/bob/shoppingCart/latte', { quantity: 1 }, principal('carol', 'admin'))).status).toBe(403);
    expect((await api('GET', '/api/user/bob/shoppingCart', undefined, principal('bob'))).body).toEqual(bobBefore);
  });
});

describe('a principal required while App Service Authentication is off', () => {
  for (const [name, env] of [
    ['STORE_REQUIRE_AUTH=true', { STORE_REQUIRE_AUTH: 'true' }],
    ['on Azure (WEBSITE_SITE_NAME) without STORE_REQUIRE_AUTH', { STORE_REQUIRE_AUTH: '', WEBSITE_SITE_NAME: 'contoso-coffee' }],
  ] as const) {
    it(`${name}: customer routes answer 503 AuthNotConfigured even with a forged principal, the start-up log says why, the catalog stays up`, async () => {
      const host = await startHost({ env: { ...env, WEBSITE_AUTH_ENABLED: 'false' } });
      try {
        const api = apiClient(host.baseUrl);
        expect(host.output()).toMatch(/Warning: Customer routes answer 503 AuthNotConfigured/);
        for (const headers of [{}, principal('alice'), principal('alice', 'admin')]) {
          for (const [method, path] of [['GET', '/api/user/alice/shoppingCart'], ['POST', '/api/user/alice/shoppingCart/latte'], ['POST', '/api/user/alice/order/checkout'], ['GET', '/api/user/alice/order/checkout/a1']]) {
            const reply = await api(method!, path!, undefined, headers);
            expect({ path, status: reply.status, code: reply.body?.error?.code }).toEqual({ path, status: 503, code: 'AuthNotConfigured' });
          }
        }
        expect((await api('GET', '/api/store')).status).toBe(200);
      } finally {
        await host.stop();
      }
    });
  }
});

describe('behind the host --enable-auth', () => {
  let host: RunningHost;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    host = await startHost({ env: { STORE_REQUIRE_AUTH: 'true', FUNCTIONS_FUNCTION_KEY: 'test-function-key' }, args: ['--enable-auth'] });
    api = apiClient(host.baseUrl);
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('requires a function key for admin operations', async () => {
    expect((await api('POST', '/api/store/inventory', item)).status).toBe(401);
    expect((await api('POST', '/api/store/inventory', item, { 'x-functions-key': 'wrong' })).status).toBe(401);
    expect((await api('POST', '/api/store/inventory', item, { 'x-functions-key': 'test-function-key' })).status).toBe(201);
    expect((await api('PUT', '/api/store/inventory/latte?code=test-function-key', { quantity: 1 })).status).toBe(200);
  });

  it('takes the user from the injected principal, never from client-sent principal headers', async () => {
    expect((await api('GET', '/api/user/dan/shoppingCart', undefined, { 'x-dev-principal': 'dan' })).status).toBe(200);
    expect((await api('GET', '/api/user/dan/shoppingCart', undefined, principal('dan'))).status).toBe(401); // forged header stripped
    expect((await api('GET', '/api/user/dan/shoppingCart', undefined, { 'x-dev-principal': 'eve' })).status).toBe(403);
    expect((await api('GET', '/api/user/dan/shoppingCart', undefined, { 'x-dev-principal': 'eve;admin' })).status).toBe(200);
  });
});
