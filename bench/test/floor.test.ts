// bench/floor is the measuring stick of round 4 (bench/README): the least durable work an add-to-cart needs.
// Its figures only mean something if it really does that work, so it is checked here like the peer: the
// catalog it reads, the write it waits for, and the full product information it answers.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../src/harness/http.ts';
import { newItem } from '../src/scenarios/catalog.ts';
import { startStore } from '../src/systems/store.ts';
import type { SystemUnderTest } from '../src/systems/system.ts';

let floor: SystemUnderTest;
beforeAll(async () => {
  floor = await startStore({ appDir: join(import.meta.dirname, '../floor') });
}, 60_000);
afterAll(async () => {
  await floor?.stop();
}, 30_000);

describe('the floor app on the local host', () => {
  it('answers each add with the cart that includes it, with the products in full', async () => {
    const origin = floor.origin;
    expect(await call(origin, 'POST', '/api/store/inventory', newItem('beans', 5))).toMatchObject({ status: 201, body: { id: 'beans', price: 9.95 } });
    // one after another: each answer shows its own write (1, then 1 + 2, then 1 + 2 + 3)
    for (const [quantity, total] of [[1, 1], [2, 3], [3, 6]]) {
      expect(await call(origin, 'POST', '/api/user/ann/shoppingCart/beans', { quantity })).toMatchObject({
        status: 200,
        body: { userId: 'ann', items: [{ id: 'beans', description: 'Bench product beans', price: 9.95, quantity: total }] },
      });
    }
    // at once (fewer than the 8 outcomes a cart keeps): every write applied, every answer shows one of them at least
    const answers = await Promise.all(Array.from({ length: 6 }, () => call(origin, 'POST', '/api/user/ann/shoppingCart/beans', { quantity: 1 })));
    const totals = answers.map((a) => (a.body as { items: { quantity: number }[] }).items[0]!.quantity);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(Math.min(...totals)).toBeGreaterThanOrEqual(7);
    expect(Math.max(...totals)).toBe(12);
    expect((await call(origin, 'POST', '/api/user/ann/shoppingCart/tea', { quantity: 1 })).status).toBe(404);
  }, 30_000);

  it('reads the catalog and a cart with the products in full (the floors of browse and read-cart)', async () => {
    const origin = floor.origin;
    await call(origin, 'POST', '/api/store/inventory', newItem('cups', 5));
    await call(origin, 'POST', '/api/user/bob/shoppingCart/cups', { quantity: 2 });
    const store = await call(origin, 'GET', '/api/store');
    expect(store.status).toBe(200);
    expect(store.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'cups', price: 9.95 })]));
    expect(await call(origin, 'GET', '/api/user/bob/shoppingCart')).toMatchObject({
      status: 200,
      body: { userId: 'bob', items: [{ id: 'cups', description: 'Bench product cups', price: 9.95, quantity: 2 }] },
    });
    expect(await call(origin, 'GET', '/api/user/nobody/shoppingCart')).toMatchObject({ status: 200, body: { userId: 'nobody', items: [] } });
  }, 30_000);
});
