// The checkout's HTTP side with a stub engine (test/support/fakeEngine.ts) that is slow, or whose cart
// state lags the orchestration's output as on Azure Storage: 201 only once the cart's committed state shows
// the checkout, 202 with a relative Location on the app's own status route past the write deadline (never
// the durable extension's status URLs and their system key), Idempotency-Key replays, reuse for other
// lines (422), and racing starts of the same attempt.
import { HttpRequest, type HttpResponseInit } from '@azure/functions';
import type * as df from 'durable-functions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkout, checkoutOnce } from '../../src/functions/OrderCheckoutPost';
import { checkoutStatus } from '../../src/functions/OrderCheckoutStatusGet';
import { ReadBudget } from '../../src/functions/http/durable';
import { keyedAttemptId } from '../../src/orchestrations/checkoutId';
import { fakeEngine } from '../support/fakeEngine';
import { principalHeader } from '../support/principal';

const post = (userId: string, headers: Record<string, string> = {}, host = 'localhost:7071') =>
  new HttpRequest({ method: 'POST', url: `http://${host}/api/user/${userId}/order/checkout`, params: { userId }, headers });
const get = (path: string, headers: Record<string, string> = {}) => {
  const [, , userId, , , attemptId] = path.split('/').slice(1);
  return new HttpRequest({ method: 'GET', url: `http://localhost:7071${path}`, params: { userId: userId!, attemptId: attemptId! }, headers });
};
const headersOf = (response: HttpResponseInit) => response.headers as Record<string, string>;
const body = (response: HttpResponseInit) => response.jsonBody as { id: string; error?: { code: string } };

const saved = { ...process.env };
beforeEach(() => {
  process.env.STORE_REQUIRE_AUTH = 'false';
  delete process.env.WEBSITE_SITE_NAME;
  delete process.env.WEBSITE_AUTH_ENABLED;
  delete process.env.STORE_WRITE_DEADLINE_MS;
});
afterEach(() => {
  process.env = { ...saved };
});

describe('a checkout answers 201 only when a cart read shows it', () => {
  it('waits for the cart state that lags the orchestration output, then answers the order', async () => {
    const engine = fakeEngine({ runningReads: 2, cartLagReads: 3 });
    engine.setLines('u1', [{ itemId: 'latte', quantity: 2 }]);
    const response = await checkout(post('u1'), engine.client);
    expect(response.status).toBe(201);
    expect(engine.reads.readEntityState).toBe(4); // three lagging reads showed the cart still frozen
    expect(engine.cart('u1')).toMatchObject({ lines: [], checkoutId: null });
    expect(body(response).id).toBe(engine.cart('u1').completedCheckouts[0]);
  });

  it('keeps looking when the status store trails the start (the instance not found yet)', async () => {
    const engine = fakeEngine({ runningReads: 1 });
    engine.setLines('u1', [{ itemId: 'latte', quantity: 1 }]);
    let hidden = 2;
    const getStatus = engine.client.getStatus.bind(engine.client);
    const client = Object.assign(Object.create(engine.client) as df.DurableClient, {
      getStatus: async (id: string) => {
        if (hidden-- > 0) throw new Error('DurableClient error: HTTP 404 Not Found');
        return getStatus(id);
      },
    });
    expect((await checkout(post('u1'), client)).status).toBe(201);
  });

  it('answers 202 rather than 201 when the cart never shows the checkout before the deadline', async () => {
    process.env.STORE_WRITE_DEADLINE_MS = '60';
    const engine = fakeEngine({ cartLagReads: Number.POSITIVE_INFINITY });
    engine.setLines('u1', [{ itemId: 'latte', quantity: 1 }]);
    expect((await checkout(post('u1'), engine.client)).status).toBe(202);
  });
});

describe('a checkout past the write deadline', () => {
  it('answers 202 with no key anywhere, and its relative Location leads to the order once placed', async () => {
    process.env.STORE_WRITE_DEADLINE_MS = '50';
    const engine = fakeEngine({ runningReads: Number.POSITIVE_INFINITY });
    engine.setLines('u1', [{ itemId: 'latte', quantity: 1 }]);
    const accepted = await checkout(post('u1', {}, 'evil.example'), engine.client);
    expect(accepted.status).toBe(202);
    const text = JSON.stringify({ headers: accepted.headers, body: accepted.jsonBody });
    expect(text).not.toMatch(/code=|webhooks|evil\.example|statusQueryGetUri/);
    const location = headersOf(accepted).location!;
    expect(location).toMatch(/^\/api\/user\/u1\/order\/checkout\/[A-Za-z0-9_-]{1,64}$/);
    expect(headersOf(accepted)['retry-after']).toBe('1');

    const running = await checkoutStatus(get(location), engine.client);
    expect(running.status).toBe(202);
    expect(headersOf(running).location).toBe(location);

    engine.finishAll();
    const placed = await checkoutStatus(get(location), engine.client);
    expect(placed.status).toBe(200);
    expect(body(placed).id).toBe(engine.cart('u1').completedCheckouts[0]);
    expect(headersOf(placed).location).toBe(`/api/user/u1/order/${body(placed).id}`);
  });

  it("does not show one customer's attempt on another's route, and reports an attempt's refusal", async () => {
    process.env.STORE_WRITE_DEADLINE_MS = '30';
    const engine = fakeEngine({ runningReads: Number.POSITIVE_INFINITY });
    engine.setLines('u1', [{ itemId: 'latte', quantity: 1 }]);
    const location = headersOf(await checkout(post('u1'), engine.client)).location!;
    const attemptId = location.split('/').pop()!;
    const other = await checkoutStatus(get(`/api/user/u2/order/checkout/${attemptId}`), engine.client);
    expect({ status: other.status, code: body(other).error?.code }).toEqual({ status: 404, code: 'CheckoutNotFound' });
    const unknown = await checkoutStatus(get('/api/user/u1/order/checkout/nope'), engine.client);
    expect(unknown.status).toBe(404);

    const empty = fakeEngine({ runningReads: Number.POSITIVE_INFINITY }); // an attempt on an empty cart
    const refused = headersOf(await checkout(post('u3'), empty.client)).location!;
    empty.finishAll();
    const answer = await checkoutStatus(get(refused), empty.client);
    expect({ status: answer.status, code: body(answer).error?.code }).toEqual({ status: 409, code: 'EmptyCart' });
  });

  it('guards the status route like the checkout: principal required, owner or admin reads', async () => {
    Object.assign(process.env, { STORE_REQUIRE_AUTH: 'true', WEBSITE_AUTH_ENABLED: 'true', STORE_WRITE_DEADLINE_MS: '30' });
    const engine = fakeEngine({ runningReads: Number.POSITIVE_INFINITY });
    engine.setLines('u1', [{ itemId: 'latte', quantity: 1 }]);
    const location = headersOf(await checkout(post('u1', principalHeader('u1')), engine.client)).location!;
    expect((await checkoutStatus(get(location), engine.client)).status).toBe(401);
    expect((await checkoutStatus(get(location, principalHeader('u2')), engine.client)).status).toBe(403);
    expect((await checkoutStatus(get(location, principalHeader('u1')), engine.client)).status).toBe(202);
    expect((await checkoutStatus(get(location, principalHeader('boss', 'admin')), engine.client)).status).toBe(202);
  });
});

describe('Location never echoes the Host header', () => {
  it('is a relative reference on the order', async () => {
    const engine = fakeEngine();
    engine.setLines('u1', [{ itemId: 'latte', quantity: 1 }]);
    const placed = await checkout(post('u1', { host: 'evil.example' }, 'evil.example'), engine.client);
    expect(placed.status).toBe(201);
    expect(headersOf(placed).location).toBe(`/api/user/u1/order/${body(placed).id}`);
  });
});

describe('Idempotency-Key', () => {
  const keyed = (key: string) => post('u1', { 'idempotency-key': key });

  it('replays the order while the cart holds nothing added since, and refuses the key for a cart filled again (422)', async () => {
    const engine = fakeEngine();
    engine.setLines('u1', [{ itemId: 'latte', quantity: 2 }, { itemId: 'mocha', quantity: 1 }]);
    const first = await checkout(keyed('k1'), engine.client);
    expect(first.status).toBe(201);
    expect(engine.reads.startNew).toBe(1);

    const replay = await checkout(keyed('k1'), engine.client); // the cart is empty now
    expect({ status: replay.status, id: body(replay).id, replayed: headersOf(replay)['idempotent-replayed'] }).toEqual({ status: 201, id: body(first).id, replayed: 'true' });

    // the walkthrough run again: the same products, or others, in a cart filled again
    for (const lines of [[{ itemId: 'mocha', quantity: 1 }, { itemId: 'latte', quantity: 2 }], [{ itemId: 'latte', quantity: 3 }]]) {
      engine.setLines('u1', lines);
      const reused = await checkout(keyed('k1'), engine.client);
      expect({ status: reused.status, code: body(reused).error?.code, orderId: (reused.jsonBody as { error: { details: { orderId: string } } }).error.details.orderId })
        .toEqual({ status: 422, code: 'IdempotencyKeyReused', orderId: body(first).id });
      expect(engine.cart('u1').lines).toEqual(lines); // nothing changed
    }
    expect(engine.reads.startNew).toBe(1);

    const fresh = await checkout(keyed('k2'), engine.client);
    expect(fresh.status).toBe(201);
    expect(body(fresh).id).not.toBe(body(first).id);
  });

  it('joins a start that a concurrent retry made first, even before its status is readable', async () => {
    const placed = { ok: true, value: { id: 'order-1', items: [] } };
    const notFound = () => new Error('DurableClient error: HTTP 404 Not Found');
    const statuses: (Error | object)[] = [notFound(), notFound(), notFound(), { runtimeStatus: 'Running', input: { userId: 'u1' } }, { runtimeStatus: 'Completed', input: { userId: 'u1' }, output: placed }];
    let i = 0;
    const client = {
      getStatus: async () => {
        const next = statuses[Math.min(i++, statuses.length - 1)]!;
        if (next instanceof Error) throw next;
        return next;
      },
      startNew: async () => { throw new Error('DurableClient error: HTTP 409 already exists'); },
      readEntityState: async () => ({ entityExists: true, entityState: { lines: [], checkoutId: null, completedCheckouts: ['order-1'], recentWrites: [] } }),
    } as unknown as df.DurableClient;
    expect(await checkoutOnce(client, { userId: 'u1' }, 'a', new ReadBudget(5_000))).toEqual({ done: true, result: placed });
  });

  it('reports a start that fails for another reason once nothing appears', async () => {
    const client = {
      getStatus: async () => { throw new Error('DurableClient error: HTTP 404 Not Found'); },
      startNew: async () => { throw new Error('engine down'); },
    } as unknown as df.DurableClient;
    await expect(checkoutOnce(client, { userId: 'u1' }, 'a', new ReadBudget(5_000))).rejects.toThrow('engine down');
  }, 10_000);

  it('derives the attempt from the customer and the key', async () => {
    const engine = fakeEngine({ runningReads: Number.POSITIVE_INFINITY });
    process.env.STORE_WRITE_DEADLINE_MS = '20';
    engine.setLines('u1', [{ itemId: 'latte', quantity: 1 }]);
    const location = headersOf(await checkout(keyed('k9'), engine.client)).location!;
    expect(location).toBe(`/api/user/u1/order/checkout/${keyedAttemptId('u1', 'k9')}`);
  });
});

describe('no app source hands out the durable extension\'s status URLs', () => {
  it('never calls createCheckStatusResponse or waitForCompletionOrCreateCheckStatusResponse', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const root = path.resolve(__dirname, '../../src');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((f) => /\.\s*(createCheckStatusResponse|waitForCompletionOrCreateCheckStatusResponse|createHttpManagementPayload)\b/.test(readFileSync(path.join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
