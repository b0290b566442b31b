// The Restate peer must be a faithful store before its figures mean anything: same routes, same answers, and
// no oversell under concurrent checkouts. Starts a real restate-server on loopback (a few seconds).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../src/harness/http.ts';
import { newItem } from '../src/scenarios/catalog.ts';
import { startRestate } from '../src/systems/restate.ts';
import type { SystemUnderTest } from '../src/systems/system.ts';

let peer: SystemUnderTest;
beforeAll(async () => {
  peer = await startRestate();
}, 120_000);
afterAll(async () => {
  await peer?.stop();
}, 60_000);

describe('the Restate peer', () => {
  it('serves the store routes with the store answers', async () => {
    const origin = peer.origin;
    expect((await call(origin, 'POST', '/api/store/inventory', newItem('beans', 5))).status).toBe(201);
    expect((await call(origin, 'POST', '/api/store/inventory', newItem('beans', 5))).status).toBe(409);
    expect((await call(origin, 'POST', '/api/user/ann/shoppingCart/beans', { quantity: 0 })).status).toBe(400);
    expect((await call(origin, 'POST', '/api/user/ann/shoppingCart/beans', { quantity: 6 })).status).toBe(409);
    const added = await call(origin, 'POST', '/api/user/ann/shoppingCart/beans', { quantity: 2 });
    expect(added).toMatchObject({ status: 200, body: { userId: 'ann', totalQuantity: 2, total: 19.9, items: [{ itemId: 'beans', quantity: 2, lineTotal: 19.9 }] } });
    const order = await call(origin, 'POST', '/api/user/ann/order/checkout');
    expect(order).toMatchObject({ status: 201, body: { userId: 'ann', total: 19.9, status: 'Placed', items: [{ itemId: 'beans', quantity: 2, unitPrice: 9.95 }] } });
    const id = (order.body as { id: string }).id;
    expect(await call(origin, 'GET', `/api/user/ann/order/${id}`)).toMatchObject({ status: 200, body: { id } });
    expect((await call(origin, 'GET', '/api/user/ann/shoppingCart')).body).toMatchObject({ items: [], totalQuantity: 0 });
    expect((await call(origin, 'POST', '/api/user/ann/order/checkout')).status).toBe(409);
    expect(await call(origin, 'GET', '/api/store/inventory/beans')).toMatchObject({ status: 200, body: { availableStock: 3 } });
  }, 60_000);

  it('sells exactly the stock there is when more buyers check out at once', async () => {
    const origin = peer.origin;
    expect((await call(origin, 'POST', '/api/store/inventory', newItem('scarce', 10))).status).toBe(201);
    const buyers = Array.from({ length: 25 }, (_, i) => `buyer-${i}`);
    await Promise.all(buyers.map(async (buyer) => {
      expect((await call(origin, 'POST', `/api/user/${buyer}/shoppingCart/scarce`, { quantity: 1 })).status).toBe(200);
    }));
    const statuses = await Promise.all(buyers.map(async (buyer) => (await call(origin, 'POST', `/api/user/${buyer}/order/checkout`)).status));
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(15);
    expect((await call(origin, 'GET', '/api/store/inventory/scarce')).body).toMatchObject({ availableStock: 0 });
  }, 60_000);
});
