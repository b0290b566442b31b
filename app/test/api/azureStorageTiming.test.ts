// The store under the host's azure-storage engine profile (host README "Engine profiles"): every message is
// a queue hop, and an entity's new state becomes readable only after it has answered. A checkout's 201
// must still be followed by reads that show the empty cart and the order (under the dts profile too); and
// with a write deadline shorter than any checkout can take there (50 ms), every checkout answers 202 and
// its Location leads to the order once it is placed.
import { describe, expect, it } from 'vitest';
import { useHost } from '../support/host';

const product = { id: 'kenya', description: 'Kenya AA', price: 11.5, availableStock: 1000, restockThreshold: 2, maxStockThreshold: 1000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([['azure-storage'], ['dts']])('%s profile, default write deadline', (name) => {
  const { api } = useHost({ args: ['--engine-profile', name] });

  it('after each 201, an immediate read shows the empty cart and the order', async () => {
    expect((await api('POST', '/api/store/inventory', product)).status).toBe(201);
    await Promise.all(Array.from({ length: 6 }, async (_, i) => {
      const userId = `az-${i}`;
      for (let round = 0; round < 2; round++) {
        const added = await api('POST', `/api/user/${userId}/shoppingCart/kenya`, { quantity: 1 + round });
        expect(added.status, added.text).toBe(200);
        const placed = await api('POST', `/api/user/${userId}/order/checkout`);
        expect(placed.status, placed.text).toBe(201);
        const [cart, order] = await Promise.all([api('GET', `/api/user/${userId}/shoppingCart`), api('GET', placed.headers.get('location')!)]);
        expect(cart.body).toMatchObject({ items: [], checkoutInProgress: false });
        expect(order.body).toEqual(placed.body);
      }
    }));
  });
});

describe('azure-storage profile, a write deadline shorter than a checkout', () => {
  const { api } = useHost({ args: ['--engine-profile', 'azure-storage'], env: { STORE_WRITE_DEADLINE_MS: '50' } });

  it('answers 202 on the app-owned status route, which leads to the order', async () => {
    const created = await api('POST', '/api/store/inventory', product);
    expect([201, 202]).toContain(created.status); // 202: created, but not readable before the deadline
    for (let i = 0; i < 100 && (await api('GET', '/api/store/inventory/kenya')).status !== 200; i++) await sleep(50);
    let added = await api('POST', '/api/user/slow/shoppingCart/kenya', { quantity: 2 }, { 'idempotency-key': 'slow-add' });
    for (let i = 0; i < 100 && added.status !== 200; i++) {
      await sleep(50);
      added = await api('POST', '/api/user/slow/shoppingCart/kenya', { quantity: 2 }, { 'idempotency-key': 'slow-add' });
    }
    expect(added.status, added.text).toBe(200);
    expect(added.body.items).toEqual([expect.objectContaining({ itemId: 'kenya', quantity: 2 })]); // once, whatever the retries

    const accepted = await api('POST', '/api/user/slow/order/checkout');
    expect(accepted.status).toBe(202);
    expect(JSON.stringify([...accepted.headers]) + accepted.text).not.toMatch(/code=|webhooks/);
    const location = accepted.headers.get('location')!;
    expect(location).toMatch(/^\/api\/user\/slow\/order\/checkout\/[A-Za-z0-9_-]+$/);
    let status = await api('GET', location);
    for (let i = 0; i < 200 && status.status === 202; i++) {
      await sleep(Number(status.headers.get('retry-after') ?? 1) * 50);
      status = await api('GET', location);
    }
    expect(status.status).toBe(200);
    expect(status.body.items).toEqual([expect.objectContaining({ itemId: 'kenya', quantity: 2 })]);
    expect((await api('GET', '/api/user/slow/shoppingCart')).body).toMatchObject({ items: [], checkoutInProgress: false });
    expect((await api('GET', status.headers.get('location')!)).body).toEqual(status.body);
  });
});
