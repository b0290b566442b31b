// Hostile App Service Authentication principals (STORE_REQUIRE_AUTH=true and WEBSITE_AUTH_ENABLED=true; the host without --enable-auth
// passes x-ms-client-principal* through, as the platform would pass what it injected): garbage headers,
// base64 of random bytes and of random JSON, principals with odd claims, look-alike user ids,
// prototype keys. None of them names `alice` exactly or carries the `admin` role, so each must be refused
// with a 401/403 JSON error — never 200, never 5xx — and alice's cart and orders must not change.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../support/host';
import { client } from '../reliability/support/client';
import { encodePrincipal as principalOf, NAME_ID, principalHeader as as, ROLE } from '../support/principal';

let host: RunningHost;
const api = client(() => host.baseUrl);
let baseline = '';
const aliceState = async () => {
  const read = async (path: string) => (await api('GET', path, undefined, as('alice'))).text;
  return `${await read('/api/user/alice/shoppingCart')}\n${await read('/api/user/alice/order')}`;
};

beforeAll(async () => {
  host = await startHost({ env: { STORE_REQUIRE_AUTH: 'true', WEBSITE_AUTH_ENABLED: 'true' } });
  expect((await api('POST', '/api/store/inventory', { id: 'latte', description: 'Latte', price: 2, availableStock: 100, restockThreshold: 1, maxStockThreshold: 200 })).status).toBe(201);
  expect((await api('POST', '/api/user/alice/shoppingCart/latte', { quantity: 1 }, as('alice'))).status).toBe(200);
  expect((await api('POST', '/api/user/alice/order/checkout', undefined, as('alice'))).status).toBe(201);
  expect((await api('POST', '/api/user/alice/shoppingCart/latte', { quantity: 2 }, as('alice'))).status).toBe(200);
  baseline = await aliceState();
});
afterAll(async () => {
  await host?.stop();
});

/** anything but exactly "alice" or "admin" */
const notAliceOrAdmin = fc
  .oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom('Alice', 'ALICE', 'alice ', ' alice', 'alice\u0000', 'аlice', 'alice\u200b', 'alice/', 'alice%20', 'bob', '', 'Admin', 'ADMIN', 'admin ', 'administrator', '*'),
  )
  .filter((s) => s !== 'alice' && s !== 'admin');
const claimType = fc.constantFrom(NAME_ID, 'nameidentifier', ROLE, 'roles', 'name', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name', 'oid', 'sub', '__proto__');
const claim = fc.oneof(
  { arbitrary: fc.record({ typ: claimType, val: notAliceOrAdmin }), weight: 8 },
  fc.record({ typ: claimType, val: fc.oneof(fc.integer(), fc.constant(null), fc.constant(['alice']), fc.constant({ alice: true })) }),
  fc.constant({ typ: NAME_ID }),
  fc.constant({ val: 'alice' }), // no type: names nobody
  fc.constant('alice'),
);
const principalJson = fc.oneof(
  { weight: 6, arbitrary: fc.record({ auth_typ: fc.constantFrom('aad', 'github'), claims: fc.array(claim, { maxLength: 6 }), role_typ: fc.constantFrom(ROLE, 'roles', 'x'), name_typ: fc.constant('name') }, { requiredKeys: ['claims'] }) },
  fc.record({ claims: fc.oneof(fc.constant({ typ: NAME_ID, val: 'alice' }), fc.constant('alice'), fc.constant(null), fc.dictionary(fc.string(), fc.string())) }),
  fc.constantFrom(
    { claims: [], __proto__: { userId: 'alice', roles: ['admin'] } },
    JSON.parse('{"claims": [], "__proto__": {"claims": [{"typ": "nameidentifier", "val": "alice"}]}}'),
    { claims: [{ typ: ROLE, val: 'admin' }], role_typ: 'other' }, // "admin", but not as a role claim
    { claims: [{ typ: NAME_ID, val: 'alice'.repeat(500) }] },
    { claims: Array.from({ length: 501 }, () => ({ typ: 'x', val: 'x' })) }, // over the app's 500-claim limit
  ),
  fc.jsonValue({ maxDepth: 3 }),
);
const latin1Garbage = fc.string({ minLength: 1, maxLength: 60, unit: fc.constantFrom(...'abcAZ09+/=_-!@#$%^&*(){}[]:;"\'<>,.?~ üé'.split('')) }).map((s) => s.trim()).filter((s) => s !== '');
const hostileHeaders = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ 'x-ms-client-principal': 'x'.repeat(20_000) }) },
  latin1Garbage.map((h) => ({ 'x-ms-client-principal': h, 'x-ms-client-principal-id': 'alice' })),
  fc.uint8Array({ minLength: 1, maxLength: 80 }).map((bytes) => ({ 'x-ms-client-principal': Buffer.from(bytes).toString('base64'), 'x-ms-client-principal-id': 'alice' })),
  { weight: 6, arbitrary: fc.tuple(principalJson, fc.option(notAliceOrAdmin.filter((s) => /^[\x20-\x7e]*$/.test(s) && s.trim() !== 'alice'), { nil: undefined })).map(([json, id]) => ({
    'x-ms-client-principal': principalOf(json),
    ...(id === undefined ? {} : { 'x-ms-client-principal-id': id }),
  })) },
  fc.constant({ 'x-ms-client-principal-id': 'alice' }), // an id without a principal
);

const ROUTES: [string, string, unknown?][] = [
  ['GET', '/api/user/alice/shoppingCart'],
  ['POST', '/api/user/alice/shoppingCart/latte', { quantity: 5 }],
  ['DELETE', '/api/user/alice/shoppingCart/latte'],
  ['POST', '/api/user/alice/order/checkout'],
  ['GET', '/api/user/alice/order'],
];

it('refuses every hostile principal with 401/403 and changes nothing', async () => {
  let cases = 0;
  const statuses = new Map<number, number>();
  await fc.assert(fc.asyncProperty(fc.nat(ROUTES.length - 1), hostileHeaders, async (route, headers) => {
    const [method, path, body] = ROUTES[route]!;
    const reply = await api(method, path, body, headers);
    cases++;
    statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
    const what = `${method} ${path} ${JSON.stringify(headers).slice(0, 200)} → ${reply.status} ${reply.text.slice(0, 200)}`;
    if (JSON.stringify(headers).length > 16_384) {
      expect(reply.status, what).toBe(431); // Node's header size limit answers first (Request Header Fields Too Large)
    } else {
      expect([401, 403], what).toContain(reply.status);
      expect(reply.body?.error?.code, what).toBe(reply.status === 401 ? 'Unauthorized' : 'Forbidden');
    }
    expect(reply.text, what).not.toMatch(/\n\s+at /);
    if (method !== 'GET') expect(await aliceState(), `state changed after ${what}`).toBe(baseline);
  }), { numRuns: 300, endOnFailure: true });
  expect(await aliceState()).toBe(baseline);
  console.log(`[hostile] ${cases} hostile principals refused on alice's routes: ${[...statuses].sort().map(([s, n]) => `${s}×${n}`).join(' ')}`);
});
