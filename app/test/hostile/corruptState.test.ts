// Stored state that fails validation on load: corrupt one entity's row in the host's SQLite file while the
// host is stopped (table `entities`, id `@<entity name lower-cased>@<key>`, state = JSON text; see
// host/src/store/sqlite/migrations.ts), restart, and check that the entity's routes answer a clear
// CorruptState error naming it, that its stored state is left as it was (for an operator to repair), and
// that every other entity keeps working.
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Reply } from '../reliability/support/client';
import { tempDataDir } from '../reliability/support/crashableHost';
import { startHost, type RunningHost } from '../support/host';

const dir = tempDataDir('store-corrupt');
const options = { data: dir.file };
let host: RunningHost | undefined;
const api = client(() => host!.baseUrl);

/** Runs `change` on the store file while no host has it open. */
async function whileStopped<T>(change: (db: DatabaseSync) => T): Promise<T> {
  await host?.stop();
  const db = new DatabaseSync(dir.file);
  try {
    return change(db);
  } finally {
    db.close();
    host = await startHost(options);
  }
}
const readState = (db: DatabaseSync, id: string) => (db.prepare('SELECT state FROM entities WHERE id = ?').get(id) as { state: string }).state;
const writeState = (db: DatabaseSync, id: string, state: string) => {
  const changed = db.prepare('UPDATE entities SET state = ? WHERE id = ?').run(state, id).changes;
  expect(changed, `no row ${id}`).toBe(1);
};

function expectCorrupt(reply: Reply, entity: string, key: string) {
  expect({ status: reply.status, error: reply.body?.error?.code, details: reply.body?.error?.details }).toEqual({
    status: 500, error: 'CorruptState', details: { entity, key },
  });
  expect(reply.body.error.message).toContain(`${entity} '${key}'`);
  expect(reply.text).not.toMatch(/\n\s+at /);
}
function expectStatus(reply: Reply, status: number) {
  expect({ status: reply.status, text: reply.text }).toMatchObject({ status });
  return reply;
}

const product = (id: string) => ({ id, description: `${id} beans`, price: 3.5, availableStock: 100, restockThreshold: 5, maxStockThreshold: 500 });
const ids = { aliceCart: '@shoppingcart@alice', bobOrders: '@orders@bob', inventory: '@inventory@store', danCart: '@shoppingcart@dan' };
let bobOrderId = '';

beforeAll(async () => {
  host = await startHost(options);
  for (const id of ['latte', 'mocha']) expectStatus(await api('POST', '/api/store/inventory', product(id)), 201);
  for (const user of ['alice', 'bob', 'carol', 'dan']) expectStatus(await api('POST', `/api/user/${user}/shoppingCart/latte`, { quantity: 2 }), 200);
  bobOrderId = expectStatus(await api('POST', '/api/user/bob/order/checkout'), 201).body.id;
  expectStatus(await api('POST', '/api/user/alice/order/checkout'), 201);
  expectStatus(await api('POST', '/api/user/alice/shoppingCart/mocha', { quantity: 1 }), 200);
});
afterAll(async () => {
  await host?.stop();
  dir.remove();
});

describe('a corrupted entity fails alone, clearly, and is not overwritten', () => {
  const corruptCart = '{"lines":[{"itemId":"latte","quantity":-3}],"checkoutId":null}';
  const corruptOrders = '{"orders":"oops"}';

  it("answers CorruptState for that customer's cart and orders only", async () => {
    await whileStopped((db) => {
      writeState(db, ids.aliceCart, corruptCart);
      writeState(db, ids.bobOrders, corruptOrders);
    });
    const stockBefore = expectStatus(await api('GET', '/api/store/inventory/latte'), 200).body.availableStock;

    // alice's cart: every route that touches it
    expectCorrupt(await api('GET', '/api/user/alice/shoppingCart'), 'ShoppingCart', 'alice');
    expectCorrupt(await api('POST', '/api/user/alice/shoppingCart/latte', { quantity: 1 }), 'ShoppingCart', 'alice');
    expectCorrupt(await api('DELETE', '/api/user/alice/shoppingCart/mocha'), 'ShoppingCart', 'alice');
    expectCorrupt(await api('POST', '/api/user/alice/order/checkout', undefined, { 'idempotency-key': 'corrupt-1' }), 'ShoppingCart', 'alice');
    expect(expectStatus(await api('GET', '/api/user/alice/order'), 200).body).toHaveLength(1); // her orders are fine

    // bob's orders
    expectCorrupt(await api('GET', '/api/user/bob/order'), 'Orders', 'bob');
    expectCorrupt(await api('GET', `/api/user/bob/order/${bobOrderId}`), 'Orders', 'bob');
    expect(expectStatus(await api('GET', '/api/user/bob/shoppingCart'), 200).body.items).toEqual([]); // his cart is fine
    // his checkout: the order cannot be recorded, so the sale is undone: no stock taken, cart not frozen
    expectStatus(await api('POST', '/api/user/bob/shoppingCart/latte', { quantity: 1 }), 200);
    expectCorrupt(await api('POST', '/api/user/bob/order/checkout'), 'Orders', 'bob');
    expect(expectStatus(await api('GET', '/api/store/inventory/latte'), 200).body.availableStock).toBe(stockBefore);
    expect(expectStatus(await api('GET', '/api/user/bob/shoppingCart'), 200).body).toMatchObject({
      items: [{ itemId: 'latte', quantity: 1 }], checkoutInProgress: false,
    });
    expectStatus(await api('DELETE', '/api/user/bob/shoppingCart/latte'), 200); // writable again

    // everyone else: reads, cart writes, checkout, admin
    expectStatus(await api('GET', '/api/store'), 200);
    expectStatus(await api('POST', '/api/user/carol/shoppingCart/mocha', { quantity: 1 }), 200);
    const order = expectStatus(await api('POST', '/api/user/carol/order/checkout'), 201).body;
    expect(order.items.map((l: { itemId: string; quantity: number }) => [l.itemId, l.quantity])).toEqual([['latte', 2], ['mocha', 1]]);
    expect(expectStatus(await api('GET', '/api/user/carol/order'), 200).body).toHaveLength(1);
    expect(expectStatus(await api('PUT', '/api/store/inventory/latte', { quantity: 3 }), 200).body.availableStock).toBe(stockBefore - 2 + 3);
    // the refused checkout of alice took no stock
    expect(expectStatus(await api('GET', '/api/store/inventory/mocha'), 200).body.availableStock).toBe(99);

    // nothing overwrote the corrupted rows
    const stored = await whileStopped((db) => [readState(db, ids.aliceCart), readState(db, ids.bobOrders)]);
    expect(stored).toEqual([corruptCart, corruptOrders]);
  });

  it('works again once an operator writes a valid state', async () => {
    await whileStopped((db) => {
      writeState(db, ids.aliceCart, '{"lines":[{"itemId":"latte","quantity":1}],"checkoutId":null}');
      writeState(db, ids.bobOrders, '{"orders":[]}');
    });
    expect(expectStatus(await api('POST', '/api/user/alice/shoppingCart/mocha', { quantity: 2 }), 200).body.totalQuantity).toBe(3);
    expectStatus(await api('POST', '/api/user/alice/order/checkout'), 201);
    expect(expectStatus(await api('GET', '/api/user/bob/order'), 200).body).toEqual([]);
  });

  it('confines a corrupted catalog to the catalog routes; orders stay readable', async () => {
    let original = '';
    await whileStopped((db) => {
      original = readState(db, ids.inventory);
      writeState(db, ids.inventory, '{"items":[{"id":"latte","price":"free"}],"recentSales":[]}');
    });
    expectCorrupt(await api('GET', '/api/store'), 'Inventory', 'store');
    expectCorrupt(await api('GET', '/api/store/inventory/latte'), 'Inventory', 'store');
    expectCorrupt(await api('PUT', '/api/store/inventory/latte', { quantity: 1 }), 'Inventory', 'store');
    expectCorrupt(await api('POST', '/api/store/inventory', product('new-one')), 'Inventory', 'store');
    expect(expectStatus(await api('GET', '/api/user/carol/order'), 200).body).toHaveLength(1);
    expect(expectStatus(await api('GET', '/api/user/alice/order'), 200).body).toHaveLength(2);

    const stored = await whileStopped((db) => {
      const now = readState(db, ids.inventory);
      writeState(db, ids.inventory, original);
      return now;
    });
    expect(stored).toBe('{"items":[{"id":"latte","price":"free"}],"recentSales":[]}');
    expectStatus(await api('GET', '/api/store'), 200);
    expectStatus(await api('PUT', '/api/store/inventory/latte', { quantity: 1 }), 200);
  });

  it('answers CorruptState on reads of a state that is not even JSON', async () => {
    await whileStopped((db) => writeState(db, ids.danCart, '{"lines":[{"itemId":"lat'));
    expectCorrupt(await api('GET', '/api/user/dan/shoppingCart'), 'ShoppingCart', 'dan');
    // writes too: the entity answers CorruptState as a value instead of throwing (which failed the orchestration)
    const stockBefore = expectStatus(await api('GET', '/api/store/inventory/latte'), 200).body.availableStock;
    expectCorrupt(await api('POST', '/api/user/dan/shoppingCart/latte', { quantity: 1 }), 'ShoppingCart', 'dan');
    expectCorrupt(await api('DELETE', '/api/user/dan/shoppingCart/latte'), 'ShoppingCart', 'dan');
    expectCorrupt(await api('POST', '/api/user/dan/order/checkout'), 'ShoppingCart', 'dan');
    expect(expectStatus(await api('GET', '/api/store/inventory/latte'), 200).body.availableStock).toBe(stockBefore);
    expect(expectStatus(await api('GET', '/api/user/dan/order'), 200).body).toEqual([]);
    expectStatus(await api('GET', '/api/user/carol/shoppingCart'), 200);
    expectStatus(await api('POST', '/api/user/carol/shoppingCart/latte', { quantity: 1 }), 200);
    expect(await whileStopped((db) => readState(db, ids.danCart))).toBe('{"lines":[{"itemId":"lat');
  });
});
