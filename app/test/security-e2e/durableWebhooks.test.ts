// The durable extension's webhooks through the real host with --enable-auth and the store requiring a
// principal: without the system key (durabletask_extension) nobody on the port can read a cart, forge an
// order, add stock or list the checkouts' instances; with it (or the master key) an operator can, as on
// Azure. Function keys do not open them. Every refused request changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, startHost, type RunningHost } from '../support/host';

const DT = '/runtime/webhooks/durabletask';
const SYSTEM_KEY = 'store-system-key-1';
const FUNCTION_KEY = 'store-function-key-1';
const MASTER_KEY = 'store-master-key-1';
const product = { id: 'java', description: 'Java Estate', price: 12, availableStock: 10, restockThreshold: 1, maxStockThreshold: 100 };
const json = { 'content-type': 'application/json' };

let host: RunningHost;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  host = await startHost({
    env: { STORE_REQUIRE_AUTH: 'true', FUNCTIONS_SYSTEM_KEY: SYSTEM_KEY, FUNCTIONS_FUNCTION_KEY: FUNCTION_KEY, FUNCTIONS_MASTER_KEY: MASTER_KEY },
    args: ['--enable-auth'],
  });
  api = apiClient(host.baseUrl);
  expect((await api('POST', '/api/store/inventory', product, { 'x-functions-key': FUNCTION_KEY })).status).toBe(201);
  expect((await api('POST', '/api/user/bob/shoppingCart/java', { quantity: 2 }, { 'x-dev-principal': 'bob' })).status).toBe(200);
});
afterAll(async () => {
  await host?.stop();
});

const stock = async () => ((await api('GET', '/api/store')).body as { id: string; availableStock: number }[]).find((p) => p.id === 'java')!.availableStock;
const order = { order: { id: 'forged', userId: 'bob', lines: [], total: 0, createdAt: '2026-01-01T00:00:00.000Z' } };
const attacks = (key: string): [string, string, unknown?][] => [
  ['GET', `${DT}/entities/ShoppingCart/bob${key}`],
  ['POST', `${DT}/entities/Orders/bob?op=add${key.replace('?', '&')}`, order],
  ['POST', `${DT}/entities/Inventory/store?op=addStock${key.replace('?', '&')}`, { itemId: 'java', quantity: 1000 }],
  ['GET', `${DT}/instances/${key}`],
  ['GET', `${DT}/instances/?showInput=true${key.replace('?', '&')}`],
];

describe('the durable webhooks with --enable-auth', () => {
  it.each([
    ['no key', {}, ''],
    ['the function key', {}, `?code=${FUNCTION_KEY}`],
    ['the function key in the header', { 'x-functions-key': FUNCTION_KEY }, ''],
    ['a signed-in admin without a key', { 'x-dev-principal': 'root;admin' }, ''],
  ] as [string, Record<string, string>, string][])('refuse %s with 401 and change nothing', async (_name, headers, key) => {
    for (const [method, path, body] of attacks(key)) {
      const r = await api(method, path, body, { ...json, ...headers });
      expect({ path, status: r.status, code: r.body?.error?.code }).toEqual({ path, status: 401, code: 'Unauthorized' });
      expect(r.text).not.toContain('java');
    }
    expect(await stock()).toBe(10);
    const orders = await api('GET', '/api/user/bob/order', undefined, { 'x-dev-principal': 'bob' });
    expect(orders.text).not.toContain('forged');
  });

  it.each([
    ['the system key in the query', {}, `?code=${SYSTEM_KEY}`],
    ['the system key in the header', { 'x-functions-key': SYSTEM_KEY }, ''],
    ['the master key', { 'x-functions-key': MASTER_KEY }, ''],
  ] as [string, Record<string, string>, string][])('open to an operator with %s', async (_name, headers, key) => {
    const cart = await api('GET', `${DT}/entities/ShoppingCart/bob${key}`, undefined, headers);
    expect(cart.status).toBe(200);
    expect(cart.text).toContain('java');
    const before = await stock();
    const signal = await api('POST', `${DT}/entities/Inventory/store?op=addStock${key.replace('?', '&')}`, { itemId: 'java', quantity: 1 }, { ...json, ...headers });
    expect(signal.status).toBe(202);
    await expect.poll(stock).toBe(before + 1);
    expect((await api('GET', `${DT}/instances/${key}`, undefined, headers)).status).toBe(200);
  });
});
