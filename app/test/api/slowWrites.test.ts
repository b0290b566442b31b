// End to end on the local host with a write deadline of 1 ms (STORE_WRITE_DEADLINE_MS), so writes take the
// road an overloaded Azure engine makes them take: a checkout answers 202 with a relative Location on the
// app's own status route (never the durable extension's URLs and their system key), which leads to the
// order once it is placed; cart writes retried with their Idempotency-Key are applied once. Also: Location
// never echoes a hostile Host header, and an Idempotency-Key reused for a cart filled again is refused.
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useHost } from '../support/host';

// DURABLE_STATUS_HOLD_MS=0: the host answers a status read at once instead of holding it until the
// instance finishes (host README "Status reads"), as Azure does
const { api, host } = useHost({ env: { STORE_WRITE_DEADLINE_MS: '1', DURABLE_STATUS_HOLD_MS: '0' } });
const latte = { id: 'latte', description: 'Latte beans', price: 4.35, availableStock: 1000, restockThreshold: 2, maxStockThreshold: 1000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A cart add retried with its Idempotency-Key until it has a definite answer (a 202 means "not known yet"). */
async function addToCart(userId: string, quantity: number, key: string) {
  for (const until = Date.now() + 30_000; Date.now() < until;) {
    const reply = await api('POST', `/api/user/${userId}/shoppingCart/latte`, { quantity }, { 'idempotency-key': key });
    if (reply.status !== 202) return reply;
    await sleep(20);
  }
  throw new Error(`no answer for cart write ${key}`);
}

/** GET a Location until it stops answering 202. */
async function follow(location: string) {
  for (const until = Date.now() + 30_000; Date.now() < until;) {
    const reply = await api('GET', location);
    if (reply.status !== 202) return reply;
    expect(reply.headers.get('location')).toBe(location);
    await sleep(20);
  }
  throw new Error(`${location} still running`);
}

/** Raw HTTP, so the Host header can be set to anything. */
function rawRequest(method: string, path: string, headers: Record<string, string>, body?: string) {
  const url = new URL(host().baseUrl);
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c) => (text += c)).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('writes past the deadline', () => {
  it('setup: a product', async () => {
    const created = await api('POST', '/api/store/inventory', latte);
    expect([201, 202]).toContain(created.status);
    for (const until = Date.now() + 30_000; Date.now() < until && (await api('GET', '/api/store/inventory/latte')).status !== 200;) await sleep(20);
  });

  it('a checkout answers 202 with no key anywhere, and its Location leads to the order once placed', async () => {
    let accepted: Awaited<ReturnType<typeof api>> | undefined;
    for (let attempt = 0; attempt < 10 && !accepted; attempt++) {
      expect((await addToCart('ann', 1, `ann-add-${attempt}`)).status).toBe(200);
      const reply = await api('POST', '/api/user/ann/order/checkout');
      if (reply.status === 202) accepted = reply;
      else expect(reply.status).toBe(201); // finished within 1 ms after all: try again
    }
    expect(accepted, 'a checkout with a 1 ms deadline answered 202 at least once in 10 tries').toBeDefined();
    const raw = JSON.stringify([...accepted!.headers]) + accepted!.text;
    expect(raw).not.toMatch(/code=|webhooks|statusQueryGetUri|127\.0\.0\.1|localhost/);
    const location = accepted!.headers.get('location')!;
    expect(location).toMatch(/^\/api\/user\/ann\/order\/checkout\/[A-Za-z0-9_-]+$/);
    expect(accepted!.body).toMatchObject({ status: 'Running', attemptId: location.split('/').pop() });

    const placed = await follow(location);
    expect(placed.status).toBe(200);
    expect(placed.headers.get('location')).toBe(`/api/user/ann/order/${placed.body.id}`);
    expect((await api('GET', `/api/user/ann/order/${placed.body.id}`)).body).toEqual(placed.body);
    expect((await api('GET', '/api/user/ann/shoppingCart')).body).toMatchObject({ items: [], checkoutInProgress: false });
    // another customer's route does not show it
    const other = await api('GET', location.replace('/user/ann/', '/user/bob/'));
    expect({ status: other.status, code: other.body?.error?.code }).toEqual({ status: 404, code: 'CheckoutNotFound' });
  });

  it('a cart write retried with its Idempotency-Key is applied once', async () => {
    const first = await addToCart('cy', 2, 'cy-add');
    expect(first.status).toBe(200);
    const again = await addToCart('cy', 2, 'cy-add');
    expect(again.status).toBe(200);
    expect(again.body.items).toEqual([expect.objectContaining({ itemId: 'latte', quantity: 2 })]);
    expect((await addToCart('cy', 2, 'cy-add-2')).body.items).toEqual([expect.objectContaining({ itemId: 'latte', quantity: 4 })]);
    const bad = await api('POST', '/api/user/cy/shoppingCart/latte', { quantity: 1 }, { 'idempotency-key': 'not ok!' });
    expect({ status: bad.status, code: bad.body?.error?.code }).toEqual({ status: 400, code: 'ValidationFailed' });
  });
});

describe('Location with a hostile Host header', () => {
  it('is a relative reference: never http://evil.example/...', async () => {
    const created = await rawRequest('POST', '/api/store/inventory', { host: 'evil.example', 'content-type': 'application/json' },
      JSON.stringify({ ...latte, id: 'mocha', description: 'Mocha beans' }));
    expect([201, 202]).toContain(created.status);
    expect(created.headers.location).toBe('/api/store/inventory/mocha');
    expect((await addToCart('dee', 1, 'dee-add')).status).toBe(200);
    let checkout = await rawRequest('POST', '/api/user/dee/order/checkout', { host: 'evil.example', 'idempotency-key': 'dee-k' });
    for (const until = Date.now() + 30_000; Date.now() < until && checkout.status === 202;) {
      expect(String(checkout.headers.location)).toMatch(/^\/api\/user\/dee\/order\/checkout\//);
      await sleep(20);
      checkout = await rawRequest('POST', '/api/user/dee/order/checkout', { host: 'evil.example', 'idempotency-key': 'dee-k' });
    }
    expect(checkout.status).toBe(201);
    expect(checkout.headers.location).toBe(`/api/user/dee/order/${JSON.parse(checkout.text).id}`);
    expect(checkout.text + JSON.stringify(checkout.headers)).not.toContain('evil.example');
  });
});

describe('Idempotency-Key reused for a cart filled again', () => {
  it('running the walkthrough twice with the same key: the second checkout is refused (422) and changes nothing', async () => {
    const checkoutWith = async (key: string) => {
      for (const until = Date.now() + 30_000; Date.now() < until;) {
        const reply = await api('POST', '/api/user/eve/order/checkout', undefined, { 'idempotency-key': key });
        if (reply.status !== 202) return reply;
        await sleep(20);
      }
      throw new Error('checkout still running');
    };
    expect((await addToCart('eve', 1, 'eve-1')).status).toBe(200);
    const first = await checkoutWith('walkthrough');
    expect(first.status).toBe(201);
    expect((await checkoutWith('walkthrough')).headers.get('idempotent-replayed')).toBe('true'); // empty cart: a replay

    expect((await addToCart('eve', 1, 'eve-2')).status).toBe(200); // the same line as the first order, in a new cart
    const stock = (await api('GET', '/api/store/inventory/latte')).body.availableStock;
    const reused = await checkoutWith('walkthrough');
    expect({ status: reused.status, code: reused.body?.error?.code, orderId: reused.body?.error?.details?.orderId }).toEqual({ status: 422, code: 'IdempotencyKeyReused', orderId: first.body.id });
    expect((await api('GET', '/api/user/eve/shoppingCart')).body.items).toEqual([expect.objectContaining({ itemId: 'latte', quantity: 1 })]);
    expect((await api('GET', '/api/user/eve/order')).body).toHaveLength(1);
    expect((await api('GET', '/api/store/inventory/latte')).body.availableStock).toBe(stock);
    expect((await checkoutWith('walkthrough-2')).status).toBe(201);
  });
});
