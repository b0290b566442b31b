// The inventory write orchestrations and the checkout saga, driven step by step: each yielded callEntity runs the
// real entity function (through the library's entity handler) against in-memory state. Replay, locks and
// concurrency are the host's part and are covered end to end in test/api.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as df from 'durable-functions';
import { checkoutOrchestrator } from '../../src/orchestrations/checkout';
import { checkoutIdFor } from '../../src/orchestrations/checkoutId';
import { releaseCheckoutOrchestrator } from '../../src/orchestrations/releaseCheckout';
import { addStockOrchestrator, createItemOrchestrator } from '../../src/orchestrations/inventoryWrites';
import { cartId } from '../../src/entities/names';
import { loadEntities, runBatch } from '../support/entityHarness';

let entity: Awaited<ReturnType<typeof loadEntities>>;
beforeAll(async () => {
  entity = await loadEntities();
});

interface Call { entity: string; key: string; operation: string; input: unknown }

/** In-memory entity states plus a log of every call an orchestration made. */
class World {
  states = new Map<string, unknown>();
  calls: Call[] = [];
  private guid = 0;

  /** calls ("Entity.operation") that fail with this error instead of running, as an engine fault would */
  faults = new Map<string, Error>();

  /** signals not delivered yet (run with deliverSignals: false) */
  pending: { id: df.EntityId; operation: string; operationInput: unknown }[] = [];

  async run(handler: df.OrchestrationHandler, input: unknown, instanceId = 'instance-1', deliverSignals = true): Promise<any> {
    const context = {
      df: {
        instanceId,
        currentUtcDateTime: new Date('2026-05-01T10:00:00.000Z'),
        getInput: () => input,
        newGuid: () => `00000000-0000-4000-8000-${String(++this.guid).padStart(12, '0')}`,
        callEntity: (id: df.EntityId, operation: string, operationInput?: unknown) => ({ id, operation, operationInput }),
        signalEntity: (id: df.EntityId, operation: string, operationInput?: unknown) => signals.push({ id, operation, operationInput }),
      },
    } as unknown as df.OrchestrationContext;
    const signals = this.pending;
    const apply = async ({ id, operation, operationInput }: { id: df.EntityId; operation: string; operationInput: unknown }) => {
      this.calls.push({ entity: id.name, key: id.key, operation, input: operationInput });
      const slot = `${id.name}/${id.key}`;
      const out = await runBatch(entity(id.name), { name: id.name, key: id.key }, this.states.get(slot), [{ name: operation, input: operationInput }]);
      if (out.stateText !== undefined) this.states.set(slot, out.state);
      return out.results[0]!.value;
    };
    const generator = handler(context);
    let step = generator.next();
    while (!step.done) {
      const call = step.value as unknown as { id: df.EntityId; operation: string; operationInput: unknown };
      const fault = this.faults.get(`${call.id.name}.${call.operation}`);
      if (fault) {
        // as the library does when a task fails: the error is thrown into the orchestrator at its yield
        this.calls.push({ entity: call.id.name, key: call.id.key, operation: `${call.operation} (failed)`, input: call.operationInput });
        step = generator.throw(fault);
      } else {
        step = generator.next(await apply(call));
      }
    }
    if (deliverSignals) await this.deliver();
    return step.value;
  }

  /** Adds to a cart as the HTTP function does: a signal with a requestId, applied at once. */
  async addToCart(userId: string, itemId: string, quantity: number, availableStock: number | null): Promise<void> {
    this.pending.push({ id: cartId(userId), operation: 'add', operationInput: { itemId, quantity, availableStock, requestId: `r${++this.guid}` } });
    await this.deliver();
  }

  /** Delivers the signals the orchestrations sent (fire-and-forget: after the orchestration's step). */
  async deliver(): Promise<void> {
    for (const signal of this.pending.splice(0)) {
      this.calls.push({ entity: signal.id.name, key: signal.id.key, operation: signal.operation, input: signal.operationInput });
      const slot = `${signal.id.name}/${signal.id.key}`;
      const out = await runBatch(entity(signal.id.name), { name: signal.id.name, key: signal.id.key }, this.states.get(slot), [{ name: signal.operation, input: signal.operationInput }]);
      if (out.stateText !== undefined) this.states.set(slot, out.state);
    }
  }
}

const latte = { id: 'latte', description: 'Latte beans', price: 4.35, availableStock: 5, restockThreshold: 1, maxStockThreshold: 10 };
const mocha = { id: 'mocha', description: 'Mocha beans', price: 0.1, availableStock: 1, restockThreshold: 0, maxStockThreshold: 10 };

async function stocked(): Promise<World> {
  const world = new World();
  expect(await world.run(createItemOrchestrator, { item: latte })).toMatchObject({ ok: true });
  expect(await world.run(createItemOrchestrator, { item: mocha })).toMatchObject({ ok: true });
  return world;
}

describe('inventory write orchestrations', () => {
  it('answer with the entity result', async () => {
    const world = await stocked();
    expect(await world.run(addStockOrchestrator, { itemId: 'latte', quantity: 2 })).toMatchObject({ ok: true, value: { availableStock: 7 } });
    expect(await world.run(addStockOrchestrator, { itemId: 'ghost', quantity: 2 })).toMatchObject({ ok: false, error: { code: 'ItemNotFound' } });
    expect(world.calls.filter((c) => c.entity === 'Inventory').map((c) => c.operation)).toEqual(['createItem', 'createItem', 'addStock', 'addStock']);
  });
});

describe('checkout saga', () => {
  it('freezes the cart, sells, records the order, then empties the cart', async () => {
    const world = await stocked();
    await world.addToCart('u1', 'latte', 3, 5);
    await world.addToCart('u1', 'mocha', 1, 5);
    world.calls = [];
    const result = await world.run(checkoutOrchestrator, { userId: 'u1' });
    expect(result).toEqual({
      ok: true,
      value: {
        id: checkoutIdFor('instance-1'), userId: 'u1', createdAt: '2026-05-01T10:00:00.000Z', status: 'Placed', total: 13.15,
        items: [
          { itemId: 'latte', description: 'Latte beans', unitPrice: 4.35, quantity: 3, lineTotal: 13.05 },
          { itemId: 'mocha', description: 'Mocha beans', unitPrice: 0.1, quantity: 1, lineTotal: 0.1 },
        ],
      },
    });
    expect(world.calls.map((c) => `${c.entity}.${c.operation}`)).toEqual([
      'ShoppingCart.beginCheckout', 'Inventory.commitSale', 'Orders.add', 'ShoppingCart.completeCheckout', 'Inventory.forgetSale',
    ]);
    expect((world.states.get('Inventory/store') as { recentSales: unknown[] }).recentSales).toEqual([]);
    expect(world.states.get('ShoppingCart/u1')).toEqual({ lines: [], checkoutId: null, completedCheckouts: [checkoutIdFor('instance-1')], recentWrites: expect.any(Array) });
    expect(world.states.get('Orders/u1')).toEqual({ orders: [result.value] });
    expect((world.states.get('Inventory/store') as { items: { availableStock: number }[] }).items.map((i) => i.availableStock)).toEqual([2, 0]);
  });

  it('on a shortage unfreezes the cart and changes nothing', async () => {
    const world = await stocked();
    await world.addToCart('u1', 'latte', 1, 5);
    await world.addToCart('u1', 'mocha', 1, 5);
    await world.addToCart('u2', 'mocha', 1, 5);
    expect(await world.run(checkoutOrchestrator, { userId: 'u2' }, 'other')).toMatchObject({ ok: true });
    const inventoryBefore = world.states.get('Inventory/store');
    world.calls = [];
    const result = await world.run(checkoutOrchestrator, { userId: 'u1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'OutOfStock', details: { shortages: [{ itemId: 'mocha', requested: 1, available: 0 }] } } });
    expect(world.calls.map((c) => `${c.entity}.${c.operation}`)).toEqual(['ShoppingCart.beginCheckout', 'Inventory.commitSale', 'ShoppingCart.abortCheckout']);
    expect(world.states.get('ShoppingCart/u1')).toEqual({ lines: [{ itemId: 'latte', quantity: 1 }, { itemId: 'mocha', quantity: 1 }], checkoutId: null, completedCheckouts: [], recentWrites: expect.any(Array) });
    expect(world.states.get('Inventory/store')).toEqual(inventoryBefore);
    expect(world.states.get('Orders/u1')).toBeUndefined();
  });

  it('refuses an empty cart before touching the inventory', async () => {
    const world = await stocked();
    world.calls = [];
    expect(await world.run(checkoutOrchestrator, { userId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'EmptyCart' } });
    expect(world.calls.map((c) => c.operation)).toEqual(['beginCheckout']);
  });

  it('answers with the placed order when a completed checkout runs again under the same instance id', async () => {
    const world = await stocked();
    await world.addToCart('u1', 'latte', 2, 5);
    const first = await world.run(checkoutOrchestrator, { userId: 'u1' }, 'checkout.u1.key-1');
    await world.addToCart('u1', 'mocha', 1, 1);
    const inventory = world.states.get('Inventory/store');
    world.calls = [];
    // e.g. a retry whose status read raced the first run, then overwrote the completed instance
    const again = await world.run(checkoutOrchestrator, { userId: 'u1' }, 'checkout.u1.key-1');
    expect(again).toEqual(first);
    expect(world.calls.map((c) => `${c.entity}.${c.operation}`)).toEqual(['ShoppingCart.beginCheckout', 'Orders.get']);
    expect(world.states.get('Inventory/store')).toEqual(inventory);
    expect((world.states.get('ShoppingCart/u1') as { lines: unknown[] }).lines).toEqual([{ itemId: 'mocha', quantity: 1 }]);
    expect((world.states.get('Orders/u1') as { orders: unknown[] }).orders).toHaveLength(1);
  });

  it('never applies a step twice when a resumed orchestration repeats it', async () => {
    const world = await stocked();
    await world.addToCart('u1', 'latte', 2, 5);
    world.calls = [];
    const first = await world.run(checkoutOrchestrator, { userId: 'u1' }, 'instance-1', false);
    // repeat every step of that checkout with the same checkoutId, as a crash-resumed run would
    const inventory = world.states.get('Inventory/store');
    for (const call of world.calls) {
      const slot = `${call.entity}/${call.key}`;
      const out = await runBatch(entity(call.entity), { name: call.entity, key: call.key }, world.states.get(slot), [{ name: call.operation, input: call.input }]);
      world.states.set(slot, out.state);
    }
    expect(world.states.get('Inventory/store')).toEqual(inventory);
    expect(world.states.get('Orders/u1')).toEqual({ orders: [first.value] });
    expect(world.states.get('ShoppingCart/u1')).toEqual({ lines: [], checkoutId: null, completedCheckouts: [first.value.id], recentWrites: expect.any(Array) });
    // once the checkout has completed, its sale record is dropped
    await world.deliver();
    expect((world.states.get('Inventory/store') as { recentSales: unknown[] }).recentSales).toEqual([]);
    expect((world.states.get('Inventory/store') as { items: { availableStock: number }[] }).items[0]!.availableStock).toBe(3);
  });

  it('puts the stock back and unfreezes the cart when the order cannot be recorded (corrupted Orders)', async () => {
    const world = await stocked();
    await world.addToCart('u1', 'latte', 2, 5);
    world.states.set('Orders/u1', '{"orders":"oops"}');
    const inventoryBefore = world.states.get('Inventory/store');
    const cartBefore = world.states.get('ShoppingCart/u1');
    world.calls = [];
    const result = await world.run(checkoutOrchestrator, { userId: 'u1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'CorruptState', details: { entity: 'Orders', key: 'u1' } } });
    expect(world.calls.map((c) => `${c.entity}.${c.operation}`)).toEqual([
      'ShoppingCart.beginCheckout', 'Inventory.commitSale', 'Orders.add', 'Inventory.cancelSale', 'ShoppingCart.abortCheckout',
    ]);
    expect(world.states.get('Inventory/store')).toEqual(inventoryBefore); // stock back, no sale record left
    expect(world.states.get('ShoppingCart/u1')).toEqual(cartBefore); // not frozen, lines intact
    expect(world.states.get('Orders/u1')).toEqual({ orders: 'oops' }); // left for an operator
    // once repaired, the same cart checks out normally
    world.states.set('Orders/u1', { orders: [] });
    expect(await world.run(checkoutOrchestrator, { userId: 'u1' }, 'instance-2')).toMatchObject({ ok: true, value: { items: [{ itemId: 'latte', quantity: 2 }] } });
  });

  it('undoes what it did when a step fails (engine fault): no stock taken without an order, nothing frozen', async () => {
    for (const failing of ['Inventory.commitSale', 'Orders.add']) {
      const world = await stocked();
      await world.addToCart('u1', 'latte', 2, 5);
      const inventoryBefore = world.states.get('Inventory/store');
      const cartBefore = world.states.get('ShoppingCart/u1');
      world.faults.set(failing, new Error('engine fault'));
      world.calls = [];
      await expect(world.run(checkoutOrchestrator, { userId: 'u1' })).rejects.toThrow('engine fault');
      const undo = failing === 'Orders.add' ? ['Inventory.cancelSale', 'ShoppingCart.abortCheckout'] : ['ShoppingCart.abortCheckout'];
      expect(world.calls.map((c) => `${c.entity}.${c.operation}`)).toEqual([
        'ShoppingCart.beginCheckout', 'Inventory.commitSale', ...(failing === 'Orders.add' ? ['Orders.add (failed)'] : []), ...undo,
      ].map((c) => (c === failing ? `${c} (failed)` : c)));
      expect(world.states.get('Inventory/store')).toEqual(inventoryBefore);
      expect(world.states.get('ShoppingCart/u1')).toEqual(cartBefore);
      expect(world.states.get('Orders/u1')).toBeUndefined();
    }
  });

  it('keeps a recorded order when a later step fails; the same instance run again completes the cart', async () => {
    const world = await stocked();
    await world.addToCart('u1', 'latte', 2, 5);
    world.faults.set('ShoppingCart.completeCheckout', new Error('engine fault'));
    await expect(world.run(checkoutOrchestrator, { userId: 'u1' })).rejects.toThrow('engine fault');
    expect((world.states.get('Orders/u1') as { orders: unknown[] }).orders).toHaveLength(1);
    // nothing is undone once the order exists: the cart stays frozen by this checkout, for the rerun to complete
    expect(world.states.get('ShoppingCart/u1')).toMatchObject({ checkoutId: checkoutIdFor('instance-1'), lines: [{ itemId: 'latte', quantity: 2 }] });
    expect(world.calls.map((c) => c.operation)).not.toContain('abortCheckout');
    world.faults.clear();
    const again = await world.run(checkoutOrchestrator, { userId: 'u1' });
    expect(again).toMatchObject({ ok: true, value: { id: checkoutIdFor('instance-1') } });
    expect((world.states.get('Orders/u1') as { orders: unknown[] }).orders).toHaveLength(1);
    expect(world.states.get('ShoppingCart/u1')).toEqual({ lines: [], checkoutId: null, completedCheckouts: [checkoutIdFor('instance-1')], recentWrites: expect.any(Array) });
    expect((world.states.get('Inventory/store') as { items: { availableStock: number }[]; recentSales: unknown[] })).toMatchObject({ recentSales: [] });
    expect((world.states.get('Inventory/store') as { items: { availableStock: number }[] }).items[0]!.availableStock).toBe(3);
  });
});

describe('releasing a cart frozen by a failed checkout', () => {
  const stockOf = (world: World) => (world.states.get('Inventory/store') as { items: { availableStock: number }[] }).items.map((i) => i.availableStock);
  const cartOf = (world: World) => world.states.get('ShoppingCart/u1') as { lines: unknown[]; checkoutId: string | null };
  const checkoutId = checkoutIdFor('instance-1');

  /** A checkout whose saga and whose compensation both failed (the engine down for good): the cart stays frozen. */
  async function frozenBy(failing: string[]): Promise<World> {
    const world = await stocked();
    await world.addToCart('u1', 'latte', 2, 5);
    for (const call of failing) world.faults.set(call, new Error('engine fault'));
    await expect(world.run(checkoutOrchestrator, { userId: 'u1' })).rejects.toThrow('engine fault');
    world.faults.clear();
    expect(cartOf(world).checkoutId).toBe(checkoutId);
    const refused = await world.run(checkoutOrchestrator, { userId: 'u1' }, 'another-attempt');
    expect(refused).toMatchObject({ ok: false, error: { code: 'CheckoutInProgress', details: { checkoutId } } });
    world.calls = [];
    return world;
  }

  it('completes a checkout whose order was recorded: the cart is emptied, the sale stands', async () => {
    const world = await frozenBy(['ShoppingCart.completeCheckout']);
    const order = (world.states.get('Orders/u1') as { orders: { id: string }[] }).orders[0]!;
    const released = await world.run(releaseCheckoutOrchestrator, { userId: 'u1', checkoutId }, 'release-1');
    expect(released).toEqual({ ok: true, value: { userId: 'u1', checkoutId, outcome: 'completed', order, saleCancelled: false } });
    expect(world.calls.map((c) => `${c.entity}.${c.operation}`)).toEqual(['ShoppingCart.get', 'Orders.release', 'ShoppingCart.completeCheckout', 'Inventory.forgetSale']);
    expect(cartOf(world)).toMatchObject({ lines: [], checkoutId: null });
    expect(stockOf(world)).toEqual([3, 1]);
    expect((world.states.get('Inventory/store') as { recentSales: unknown[] }).recentSales).toEqual([]);
  });

  it('undoes a checkout that sold without an order: stock back, cart unfrozen with its lines', async () => {
    const world = await frozenBy(['Orders.add', 'Inventory.cancelSale']);
    expect(stockOf(world)).toEqual([3, 1]); // taken, no order
    const released = await world.run(releaseCheckoutOrchestrator, { userId: 'u1', checkoutId }, 'release-1');
    expect(released).toEqual({ ok: true, value: { userId: 'u1', checkoutId, outcome: 'aborted', order: null, saleCancelled: true } });
    expect(world.calls.map((c) => `${c.entity}.${c.operation}`)).toEqual(['ShoppingCart.get', 'Orders.release', 'Inventory.cancelSale', 'ShoppingCart.abortCheckout']);
    expect(stockOf(world)).toEqual([5, 1]);
    expect(cartOf(world)).toMatchObject({ lines: [{ itemId: 'latte', quantity: 2 }], checkoutId: null });
    expect((world.states.get('Orders/u1') as { orders: unknown[] }).orders).toEqual([]);
    // the cart checks out again as a new checkout
    expect(await world.run(checkoutOrchestrator, { userId: 'u1' }, 'instance-2')).toMatchObject({ ok: true, value: { items: [{ itemId: 'latte', quantity: 2 }] } });
  });

  it('undoes a checkout that sold nothing', async () => {
    const world = await frozenBy(['Inventory.commitSale', 'ShoppingCart.abortCheckout']);
    expect(await world.run(releaseCheckoutOrchestrator, { userId: 'u1', checkoutId }, 'release-1')).toMatchObject({ ok: true, value: { outcome: 'aborted', saleCancelled: false } });
    expect(stockOf(world)).toEqual([5, 1]);
    expect(cartOf(world)).toMatchObject({ lines: [{ itemId: 'latte', quantity: 2 }], checkoutId: null });
  });

  it('fences the released checkout: its saga resumed later undoes its own sale and places no order', async () => {
    const world = await frozenBy(['Inventory.commitSale', 'ShoppingCart.abortCheckout']);
    await world.run(releaseCheckoutOrchestrator, { userId: 'u1', checkoutId }, 'release-1');
    // the same instance run again (an engine that comes back, or an Idempotency-Key retry): it freezes the cart
    // again and sells, but its order is refused, so it puts the stock back and unfreezes the cart
    world.calls = [];
    const resumed = await world.run(checkoutOrchestrator, { userId: 'u1' });
    expect(resumed).toMatchObject({ ok: false, error: { code: 'CheckoutReleased', details: { checkoutId } } });
    expect(world.calls.map((c) => `${c.entity}.${c.operation}`)).toEqual([
      'ShoppingCart.beginCheckout', 'Inventory.commitSale', 'Orders.add', 'Inventory.cancelSale', 'ShoppingCart.abortCheckout',
    ]);
    expect(stockOf(world)).toEqual([5, 1]);
    expect(cartOf(world)).toMatchObject({ lines: [{ itemId: 'latte', quantity: 2 }], checkoutId: null });
    expect((world.states.get('Orders/u1') as { orders: unknown[] }).orders).toEqual([]);
  });

  it('changes nothing when the cart is not held by that checkout (never a blind reset)', async () => {
    const world = await stocked();
    await world.addToCart('u1', 'latte', 2, 5);
    const before = new Map(world.states);
    const released = await world.run(releaseCheckoutOrchestrator, { userId: 'u1', checkoutId }, 'release-1');
    expect(released).toMatchObject({ ok: false, error: { code: 'CheckoutNotFound', details: { userId: 'u1', checkoutId, heldBy: null } } });
    expect(world.calls.at(-1)).toMatchObject({ entity: 'ShoppingCart', operation: 'get' });
    expect(world.states).toEqual(before);
    // a frozen cart held by another checkout is not released either
    const other = await frozenBy(['ShoppingCart.completeCheckout']);
    expect(await other.run(releaseCheckoutOrchestrator, { userId: 'u1', checkoutId: 'some-other-checkout' }, 'release-2')).toMatchObject({ ok: false, error: { code: 'CheckoutNotFound', details: { heldBy: checkoutId } } });
    expect(cartOf(other).checkoutId).toBe(checkoutId);
  });
});
