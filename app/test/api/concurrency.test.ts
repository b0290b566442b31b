// Many customers race for fewer units than they want: exactly the available units are sold, every loser
// gets 409 with its cart intact, stock never goes negative.
import { expect, it } from 'vitest';
import { useHost } from '../support/host';

const { api } = useHost();

const CUSTOMERS = 20;
const UNITS = 5;

it(`sells exactly ${UNITS} units to ${CUSTOMERS} racing customers`, async () => {
  const created = await api('POST', '/api/store/inventory', {
    id: 'rare-geisha', description: 'Panama Geisha, 100 g', price: 39.99, availableStock: UNITS, restockThreshold: 1, maxStockThreshold: 10,
  });
  expect(created.status).toBe(201);
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => `racer-${i}`);
  for (const userId of customers) {
    expect((await api('POST', `/api/user/${userId}/shoppingCart/rare-geisha`, { quantity: 1 })).status).toBe(200);
  }

  const outcomes = await Promise.all(customers.map((userId) => api('POST', `/api/user/${userId}/order/checkout`)));

  const statuses = outcomes.map((r) => r.status).sort();
  expect(statuses.filter((s) => s === 201)).toHaveLength(UNITS);
  expect(statuses.filter((s) => s === 409)).toHaveLength(CUSTOMERS - UNITS);
  for (const loser of outcomes.filter((r) => r.status === 409)) expect(loser.body.error.code).toBe('OutOfStock');

  const item = (await api('GET', '/api/store/inventory/rare-geisha')).body;
  expect(item.availableStock).toBe(0);
  expect(item.onReorder).toBe(true);

  // completed checkouts drop their sale records (a signal after the order), so the singleton stays small;
  // read through the durable HTTP API, as readEntityState does
  let recentSales: unknown[] = [];
  for (let attempt = 0; attempt < 100; attempt++) {
    recentSales = (await api('GET', '/runtime/webhooks/durabletask/entities/Inventory/store')).body.recentSales;
    if (recentSales.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(recentSales).toEqual([]);

  for (const [i, userId] of customers.entries()) {
    const cart = (await api('GET', `/api/user/${userId}/shoppingCart`)).body;
    const orders = (await api('GET', `/api/user/${userId}/order`)).body;
    if (outcomes[i]!.status === 201) {
      expect(cart.items).toEqual([]);
      expect(orders.map((o: { id: string }) => o.id)).toEqual([outcomes[i]!.body.id]);
    } else {
      expect(cart).toMatchObject({ items: [{ itemId: 'rare-geisha', quantity: 1, availableStock: 0 }], checkoutInProgress: false });
      expect(orders).toEqual([]);
    }
  }
});

// Cart writes are signals whose outcome the entity records for the waiting HTTP function: a burst on one
// cart lands in a few batches, and every writer must still find its own outcome (not time out with 202).
const BURST = 40;

it(`answers each of ${BURST} concurrent writes to one cart with a cart that includes it`, async () => {
  const created = await api('POST', '/api/store/inventory', {
    id: 'burst-blend', description: 'Burst blend, 250 g', price: 9.5, availableStock: BURST, restockThreshold: 1, maxStockThreshold: 100,
  });
  expect(created.status).toBe(201);
  const adds = await Promise.all(Array.from({ length: BURST }, () => api('POST', '/api/user/burst/shoppingCart/burst-blend', { quantity: 1 })));
  expect(adds.map((r) => r.status)).toEqual(Array(BURST).fill(200));
  // the k-th write applied answers with a cart of at least k units: sorted, answer i holds at least i + 1
  const seen = adds.map((r) => r.body.items[0].quantity as number).sort((a, b) => a - b);
  seen.forEach((quantity, i) => expect(quantity).toBeGreaterThanOrEqual(i + 1));
  expect(seen[BURST - 1]).toBe(BURST);
  // one unit more than the stock is refused with 409 and changes nothing; removals answer like adds
  const over = await api('POST', '/api/user/burst/shoppingCart/burst-blend', { quantity: 1 });
  expect(over.status).toBe(409);
  expect(over.body.error.code).toBe('OutOfStock');
  const removes = await Promise.all(Array.from({ length: BURST / 2 }, () => api('DELETE', '/api/user/burst/shoppingCart/burst-blend?quantity=1')));
  expect(removes.map((r) => r.status)).toEqual(Array(BURST / 2).fill(200));
  // the k-th removal applied answers with at most BURST - k units left
  const left = removes.map((r) => r.body.items[0].quantity as number).sort((a, b) => b - a);
  left.forEach((quantity, i) => expect(quantity).toBeLessThanOrEqual(BURST - 1 - i));
  expect(left[BURST / 2 - 1]).toBe(BURST / 2);
  expect((await api('GET', '/api/user/burst/shoppingCart')).body).toMatchObject({ items: [{ itemId: 'burst-blend', quantity: BURST / 2 }], totalQuantity: BURST / 2 });
});
