// "Durable means durable": what the store acknowledged is what it reads back after a SIGKILL, byte for
// byte — write answers against reads after the restart, and whole-store reads before and after a crash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Reply } from './support/client';
import { startHost, type RunningHost } from '../support/host';
import { restartHostProcess, tempDataDir } from './support/crashableHost';

const dir = tempDataDir('store-readback');
const options = { data: dir.file };
let host: RunningHost;
const api = client(() => host.baseUrl);

beforeAll(async () => {
  host = await startHost(options);
});
afterAll(async () => {
  await host?.kill9();
  dir.remove();
});

async function crashAndRestart() {
  await host.kill9();
  host = await restartHostProcess(options, host);
}

const product = (id: string, availableStock: number) => ({
  id, description: `${id} beans`, price: 7.25, availableStock, restockThreshold: 2, maxStockThreshold: 1000,
});

function ok(reply: Reply, status = 200): Reply {
  expect({ status: reply.status, text: reply.text }).toMatchObject({ status });
  return reply;
}

describe('after SIGKILL the store reads back exactly what it acknowledged', () => {
  const carts = ['cara', 'cleo', 'cyd', 'coco'];
  const buyers = ['bo', 'bay', 'bix', 'bud', 'bea', 'bel'];
  const acked = { orders: new Map<string, Reply>(), carts: new Map<string, string>(), restock: '' };

  it('keeps every write acknowledged just before the crash', async () => {
    for (const id of ['arabica', 'robusta', 'liberica']) ok(await api('POST', '/api/store/inventory', product(id, 50)), 201);
    ok(await api('PUT', '/api/store/inventory/robusta', { quantity: 7 }));

    // buyers check out concurrently (each with an Idempotency-Key); the answers are the orders
    await Promise.all(buyers.map(async (userId, i) => {
      ok(await api('POST', `/api/user/${userId}/shoppingCart/arabica`, { quantity: 1 + i }));
      ok(await api('POST', `/api/user/${userId}/shoppingCart/robusta`, { quantity: 2 }));
      acked.orders.set(userId, ok(await api('POST', `/api/user/${userId}/order/checkout`, undefined, { 'idempotency-key': `readback-${userId}` }), 201));
    }));

    // the last writes, concurrent; the kill follows the last answer with no pause and no read in between
    // (carts hold only liberica, which nothing else changes any more, so their answers are final)
    const lastWrites = await Promise.all([
      api('PUT', '/api/store/inventory/arabica', { quantity: 5 }),
      ...carts.map(async (userId, i) => {
        ok(await api('POST', `/api/user/${userId}/shoppingCart/liberica`, { quantity: 3 + i }));
        return api('DELETE', `/api/user/${userId}/shoppingCart/liberica?quantity=1`);
      }),
    ]);
    await host.kill9();
    acked.restock = ok(lastWrites[0]!).text;
    carts.forEach((userId, i) => acked.carts.set(userId, ok(lastWrites[i + 1]!).text));

    host = await restartHostProcess(options, host);

    expect(ok(await api('GET', '/api/store/inventory/arabica')).text).toBe(acked.restock);
    for (const [userId, text] of acked.carts) expect(ok(await api('GET', `/api/user/${userId}/shoppingCart`)).text).toBe(text);
    for (const [userId, order] of acked.orders) {
      expect(ok(await api('GET', `/api/user/${userId}/order/${order.body.id}`)).text).toBe(order.text);
      expect(ok(await api('GET', `/api/user/${userId}/order`)).text).toBe(`[${order.text}]`);
      expect(ok(await api('GET', `/api/user/${userId}/shoppingCart`)).body).toMatchObject({ items: [], checkoutInProgress: false });
    }
    const sold = (itemId: string) =>
      [...acked.orders.values()].flatMap((o) => o.body.items).filter((line) => line.itemId === itemId).reduce((n, line) => n + line.quantity, 0);
    expect(sold('robusta')).toBe(2 * buyers.length);
    expect(ok(await api('GET', '/api/store/inventory/robusta')).body.availableStock).toBe(50 + 7 - sold('robusta'));
    expect(JSON.parse(acked.restock).availableStock).toBe(50 - sold('arabica') + 5);

    // a retried checkout after the crash replays the recorded order, byte for byte
    const retry = ok(await api('POST', '/api/user/bo/order/checkout', undefined, { 'idempotency-key': 'readback-bo' }), 201);
    expect(retry.text).toBe(acked.orders.get('bo')!.text);
    expect(retry.headers!.get('idempotent-replayed')).toBe('true');
  });

  it('reads the whole store back identically after another crash', async () => {
    const paths = [
      '/api/store',
      ...['arabica', 'robusta', 'liberica'].map((id) => `/api/store/inventory/${id}`),
      ...[...carts, ...buyers].flatMap((u) => [`/api/user/${u}/shoppingCart`, `/api/user/${u}/order`]),
    ];
    const before = await Promise.all(paths.map(async (p) => ok(await api('GET', p)).text));
    await crashAndRestart();
    const after = await Promise.all(paths.map(async (p) => ok(await api('GET', p)).text));
    expect(after).toEqual(before);
  });

  it('keeps each write acknowledged while others were still in flight when the process died', async () => {
    const users = Array.from({ length: 24 }, (_, i) => `flight-${i}`);
    const answers = new Map<string, Reply>();
    let killed: Promise<void> | undefined;
    await Promise.all(users.map(async (userId) => {
      const reply = await api('POST', `/api/user/${userId}/shoppingCart/liberica`, { quantity: 1 });
      if (killed) return; // answered after the kill was decided: not counted as acknowledged
      answers.set(userId, reply);
      if (answers.size === 8) killed = host.kill9();
    }));
    await killed;
    host = await restartHostProcess(options, host);

    const acknowledged = [...answers].filter(([, reply]) => reply.status === 200);
    expect(acknowledged.length).toBeGreaterThanOrEqual(1);
    for (const [userId, reply] of acknowledged) {
      const cart = ok(await api('GET', `/api/user/${userId}/shoppingCart`));
      expect(cart.body.items.map((l: { itemId: string; quantity: number }) => [l.itemId, l.quantity])).toEqual([['liberica', 1]]);
      expect(cart.body.items).toEqual(reply.body.items.map((l: object) => ({ ...l, availableStock: cart.body.items[0].availableStock })));
    }
    // the others were applied entirely or not at all
    for (const userId of users.filter((u) => !answers.has(u) || answers.get(u)!.status !== 200)) {
      const lines = ok(await api('GET', `/api/user/${userId}/shoppingCart`)).body.items.map((l: { quantity: number }) => l.quantity);
      expect([[], [1]]).toContainEqual(lines);
    }
    console.log(`[readback] in-flight crash: ${acknowledged.length} acknowledged of ${users.length} concurrent writes, all present after restart`);
  });
});
