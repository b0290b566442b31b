// Property-based hostile input over every route, against ONE host: malformed and random JSON, wrong types,
// huge/negative/fractional quantities, unicode and overlong ids, __proto__/constructor keys, bodies over
// the size limit, wrong content types, bad query values and Idempotency-Keys. Every case must get a 4xx
// JSON error (or the host's empty 404 when the path routes nowhere), never a 5xx, and the store must read
// back unchanged (GET before/after); valid requests on the same entities keep working afterwards.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../support/host';
import { client, type Reply } from '../reliability/support/client';
import {
  badIdempotencyKey, badProductBody, badQuantityBody, badQuantityQuery, hostileId, ID, protoProductBodies, segment, validProduct, wrongContentType,
} from './support/arbitraries';

let host: RunningHost;
const api = client(() => host.baseUrl);
let orderId = '';
let baseline = '';
const counts = new Map<string, number>();
const statuses = new Map<number, number>();

const SNAPSHOT = ['/api/store', '/api/store/inventory/fz-latte', '/api/user/fz-user/shoppingCart', '/api/user/fz-user/order'];
const snapshot = async () => (await Promise.all(SNAPSHOT.map(async (p) => {
  const reply = await api('GET', p);
  expect(reply.status, `${p}: ${reply.text}`).toBe(200);
  return reply.text;
}))).join('\n');

beforeAll(async () => {
  host = await startHost();
  const must = async (reply: Promise<Reply>, status: number) => expect((await reply).status).toBe(status);
  await must(api('POST', '/api/store/inventory', { ...validProduct, id: 'fz-latte', availableStock: 50, maxStockThreshold: 1000 }), 201);
  await must(api('POST', '/api/store/inventory', { ...validProduct, id: 'fz-mocha', availableStock: 50, maxStockThreshold: 1000 }), 201);
  await must(api('POST', '/api/user/fz-user/shoppingCart/fz-mocha', { quantity: 1 }), 200);
  const order = await api('POST', '/api/user/fz-user/order/checkout');
  expect(order.status).toBe(201);
  orderId = order.body.id;
  await must(api('POST', '/api/user/fz-user/shoppingCart/fz-latte', { quantity: 2 }), 200);
  baseline = await snapshot();
});
afterAll(async () => {
  await host?.stop();
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(`[hostile] ${total} hostile cases run against one host, state unchanged after each: ` +
    `${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}; statuses ${[...statuses].sort().map(([s, n]) => `${s}×${n}`).join(' ')}`);
});

interface HostileRequest { method: string; path: string; body?: string; headers?: Record<string, string> }

/** Sends one hostile request and checks the answer and that nothing changed. */
async function refused(kind: string, request: HostileRequest, codes: string[]) {
  counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const reply = await api(request.method, request.path, request.body, request.headers);
  statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
  const what = `${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.body ?? '').slice(0, 200)} → ${reply.status} ${reply.text.slice(0, 300)}`;
  if (reply.status === 404 && reply.text === '') {
    // the host's "no route" answer (as on Azure): the path did not reach a function
  } else {
    expect(reply.status, what).toBeGreaterThanOrEqual(400);
    expect(reply.status, what).toBeLessThan(500);
    expect(reply.headers?.get('content-type'), what).toMatch(/^application\/json/);
    expect(codes, what).toContain(reply.body?.error?.code);
    expect(typeof reply.body.error.message, what).toBe('string');
    expect(reply.text, what).not.toMatch(/\n\s+at /);
  }
  expect(await snapshot(), `state changed after ${what}`).toBe(baseline);
}

const run = (property: fc.IAsyncPropertyWithHooks<any>, numRuns: number) => fc.assert(property, { numRuns, endOnFailure: true }); // eslint-disable-line @typescript-eslint/no-explicit-any

const ROUTES_WITH_IDS: [string, (id: string) => string, string?][] = [
  ['GET', (id) => `/api/store/inventory/${id}`],
  ['PUT', (id) => `/api/store/inventory/${id}`, '{"quantity": 1}'],
  ['GET', (id) => `/api/user/${id}/shoppingCart`],
  ['POST', (id) => `/api/user/${id}/shoppingCart/fz-latte`, '{"quantity": 1}'],
  ['POST', (id) => `/api/user/fz-user/shoppingCart/${id}`, '{"quantity": 1}'],
  ['DELETE', (id) => `/api/user/${id}/shoppingCart/fz-latte`],
  ['DELETE', (id) => `/api/user/fz-user/shoppingCart/${id}`],
  ['POST', (id) => `/api/user/${id}/order/checkout`],
  ['GET', (id) => `/api/user/${id}/order`],
  ['GET', (id) => `/api/user/${id}/order/${orderId}`],
  ['GET', (id) => `/api/user/fz-user/order/${id}`],
  ['GET', (id) => `/api/user/${id}/order/checkout/fz-attempt`],
  ['GET', (id) => `/api/user/fz-user/order/checkout/${id}`],
];

const QUANTITY_ROUTES = ['/api/store/inventory/fz-latte', '/api/user/fz-user/shoppingCart/fz-latte'];
const QUANTITY_METHOD: Record<string, string> = { [QUANTITY_ROUTES[0]!]: 'PUT', [QUANTITY_ROUTES[1]!]: 'POST' };
const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/problem+json'];

/** Independent oracle: a quantity body the API must accept (blank = 1, or exactly {"quantity": 1..10000}). */
function validQuantityBody(text: string) {
  if (text.trim() === '') return true;
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).join() === 'quantity' &&
      Number.isInteger(value.quantity) && value.quantity >= 1 && value.quantity <= 10_000;
  } catch {
    return false;
  }
}

describe('hostile input changes nothing and gets a 4xx JSON error', () => {
  it('refuses invalid, unicode and overlong ids on every route', async () => {
    await run(fc.asyncProperty(fc.nat(ROUTES_WITH_IDS.length - 1), hostileId, async (route, id) => {
      const [method, path, body] = ROUTES_WITH_IDS[route]!;
      await refused('ids', { method, path: path(segment(id)), body }, ['ValidationFailed']);
    }), 160);
  });

  it('refuses bad quantity bodies: wrong types, huge, negative, fractional, prototype keys, malformed JSON', async () => {
    await run(fc.asyncProperty(fc.constantFrom(...QUANTITY_ROUTES), badQuantityBody, fc.constantFrom(...JSON_TYPES), async (path, body, type) => {
      fc.pre(!validQuantityBody(body));
      await refused('quantity bodies', { method: QUANTITY_METHOD[path]!, path, body, headers: { 'content-type': type } }, ['ValidationFailed', 'MalformedJson']);
    }), 260);
  });

  it('refuses bad product bodies on create, including __proto__ and constructor keys', async () => {
    for (const body of protoProductBodies) await refused('product bodies', { method: 'POST', path: '/api/store/inventory', body }, ['ValidationFailed']);
    await run(fc.asyncProperty(badProductBody, async (body) => {
      await refused('product bodies', { method: 'POST', path: '/api/store/inventory', body }, ['ValidationFailed', 'MalformedJson']);
    }), 180);
  });

  it('refuses bad ?quantity= on cart removal', async () => {
    await run(fc.asyncProperty(badQuantityQuery, async (query) => {
      await refused('delete queries', { method: 'DELETE', path: `/api/user/fz-user/shoppingCart/fz-latte?quantity=${query}` }, ['ValidationFailed']);
    }), 60);
  });

  it('refuses bad Idempotency-Keys without checking out or writing the cart', async () => {
    const writes = [
      { method: 'POST', path: '/api/user/fz-user/order/checkout' },
      { method: 'POST', path: '/api/user/fz-user/shoppingCart/fz-latte', body: '{"quantity": 1}' },
      { method: 'DELETE', path: '/api/user/fz-user/shoppingCart/fz-latte' },
    ];
    await run(fc.asyncProperty(badIdempotencyKey, fc.nat(writes.length - 1), async (key, i) => {
      expect(ID.test(key)).toBe(false);
      await refused('idempotency keys', { ...writes[i]!, headers: { 'idempotency-key': key } }, ['ValidationFailed']);
    }), 60);
  });

  it('refuses wrong content types (415)', async () => {
    const bodies: [string, string, string][] = [
      ['PUT', '/api/store/inventory/fz-latte', '{"quantity": 2}'],
      ['POST', '/api/user/fz-user/shoppingCart/fz-latte', '{"quantity": 2}'],
      ['POST', '/api/store/inventory', JSON.stringify(validProduct)],
    ];
    await run(fc.asyncProperty(fc.constantFrom(...bodies), wrongContentType, async ([method, path, body], type) => {
      await refused('content types', { method, path, body, headers: { 'content-type': type } }, ['UnsupportedMediaType']);
    }), 40);
  });

  it('refuses bodies over the size limit (413) and keeps serving', async () => {
    const huge = `{"quantity": 1, "pad": "${'x'.repeat(1024 * 1024)}"}`;
    for (const [method, path] of [['PUT', '/api/store/inventory/fz-latte'], ['POST', '/api/user/fz-user/shoppingCart/fz-latte'], ['POST', '/api/store/inventory'], ['POST', '/api/user/fz-user/order/checkout']] as const) {
      await refused('oversized bodies', { method, path, body: huge }, ['PayloadTooLarge']);
    }
  });

  it('ignores junk query strings and headers on reads (200, never 5xx)', async () => {
    const reads = ['/api/store', '/api/store/inventory/fz-latte', '/api/user/fz-user/shoppingCart', '/api/user/fz-user/order', `/api/user/fz-user/order/${orderId}`, '/api/openapi.json', '/api/docs'];
    const token = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(...'abcxyz-_0123456789'.split('')) });
    const junkHeaders = fc.dictionary(token.map((t) => `x-${t}`), fc.string({ maxLength: 40, unit: fc.constantFrom(...'abc 123!"#$%&()*+,./:;<=>?@[]^{|}~äß'.split('')) }).map((v) => v.trim()), { maxKeys: 4 });
    const junkQuery = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 30 }), { maxKeys: 4 })
      .map((q) => new URLSearchParams(q).toString());
    await run(fc.asyncProperty(fc.constantFrom(...reads), junkQuery, junkHeaders, async (path, query, headers) => {
      counts.set('junk on reads', (counts.get('junk on reads') ?? 0) + 1);
      const reply = await api('GET', `${path}?${query}`, undefined, headers);
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      expect(reply.status, `${path}?${query} ${JSON.stringify(headers)} → ${reply.text.slice(0, 200)}`).toBe(200);
    }), 60);
    expect(await snapshot()).toBe(baseline);
  });

  it("answers methods a route does not have with the host's empty 404 and changes nothing", async () => {
    const cases: [string, string][] = [
      ['DELETE', '/api/store'], ['PATCH', '/api/store/inventory/fz-latte'], ['DELETE', '/api/store/inventory/fz-latte'],
      ['PUT', '/api/user/fz-user/shoppingCart/fz-latte'], ['PATCH', '/api/user/fz-user/shoppingCart/fz-latte'], ['POST', '/api/user/fz-user/order/checkout/x'],
      ['PUT', '/api/user/fz-user/order/checkout'], ['DELETE', `/api/user/fz-user/order/${orderId}`], ['POST', '/api/store'], ['OPTIONS', '/api/store'],
    ];
    for (const [method, path] of cases) await refused('unsupported methods', { method, path, body: method === 'GET' || method === 'OPTIONS' ? undefined : '{"quantity": 1}' }, []);
  });

  it('still serves valid requests on the same entities afterwards (nothing poisoned)', async () => {
    const stock = JSON.parse(baseline.split('\n')[1]!).availableStock as number;
    expect((await api('PUT', '/api/store/inventory/fz-latte', { quantity: 3 })).body.availableStock).toBe(stock + 3);
    expect((await api('POST', '/api/user/fz-user/shoppingCart/fz-latte', { quantity: 1 })).body.items).toContainEqual(expect.objectContaining({ itemId: 'fz-latte', quantity: 3 }));
    expect((await api('DELETE', '/api/user/fz-user/shoppingCart/fz-latte?quantity=1')).status).toBe(200);
    const order = await api('POST', '/api/user/fz-user/order/checkout', undefined, { 'idempotency-key': 'fz-after' });
    expect(order.status).toBe(201);
    expect(order.body.items).toEqual([expect.objectContaining({ itemId: 'fz-latte', quantity: 2 })]);
    expect((await api('GET', '/api/user/fz-user/order')).body).toHaveLength(2);
    expect((await api('POST', '/api/store/inventory', validProduct)).status).toBe(201);
    expect((await api('GET', '/api/store/inventory/fz-latte')).body.availableStock).toBe(stock + 3 - 2);
  });
});
