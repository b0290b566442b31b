// A stub DurableClient that plays the checkout saga's visible effects with Azure-like timing, for function
// tests of the HTTP side: an orchestration stays Running for `runningReads` status reads, then completes
// with the order of the cart's lines; the cart's committed state lags the orchestration's output by
// `cartLagReads` reads (Azure Storage answers an entity call before it stores the state). Counts every read.
import type * as df from 'durable-functions';
import { emptyCart, type CartState } from '../../src/domain/cart';
import type { Order } from '../../src/domain/orders';
import { checkoutIdFor } from '../../src/orchestrations/checkoutId';

export interface FakeEngineOptions {
  /** status reads that still show the instance running (Infinity: it never finishes) */
  runningReads?: number;
  /** cart reads after completion that still show the cart frozen (Infinity: never committed) */
  cartLagReads?: number;
}

interface Instance { input: { userId: string }; statusReads: number; order: Order; output?: unknown }

export function fakeEngine(options: FakeEngineOptions = {}) {
  const carts = new Map<string, CartState>();
  const instances = new Map<string, Instance>();
  const reads = { getStatus: 0, readEntityState: 0, startNew: 0 };
  let lagLeft = 0;

  const cart = (userId: string) => carts.get(userId) ?? emptyCart();
  const orderOf = (instanceId: string, userId: string): Order => {
    const lines = cart(userId).lines;
    return {
      id: checkoutIdFor(instanceId), userId, createdAt: '2026-01-01T00:00:00.000Z', status: 'Placed', total: lines.reduce((n, l) => n + l.quantity, 0),
      items: lines.map((l) => ({ itemId: l.itemId, description: l.itemId, unitPrice: 1, quantity: l.quantity, lineTotal: l.quantity })),
    };
  };
  const complete = (instanceId: string, instance: Instance) => {
    const userId = instance.input.userId;
    const before = cart(userId);
    if (before.lines.length === 0) {
      instance.output = { ok: false, error: { code: 'EmptyCart', message: 'The cart is empty.' } };
      return;
    }
    instance.output = { ok: true, value: instance.order };
    carts.set(userId, { ...before, lines: [], checkoutId: null, completedCheckouts: [instance.order.id, ...before.completedCheckouts] });
    lagLeft = options.cartLagReads ?? 0;
    lagging.set(userId, { ...before, checkoutId: instance.order.id });
  };
  const lagging = new Map<string, CartState>();

  const client = {
    startNew: async (_name: string, start: { input: { userId: string }; instanceId: string }) => {
      reads.startNew++;
      if (instances.has(start.instanceId) && instances.get(start.instanceId)!.output === undefined) throw new Error('HTTP 409: already running');
      const input = start.input;
      instances.set(start.instanceId, { input, statusReads: 0, order: orderOf(start.instanceId, input.userId) });
      // the saga freezes the cart at once
      carts.set(input.userId, { ...cart(input.userId), checkoutId: checkoutIdFor(start.instanceId) });
      return start.instanceId;
    },
    getStatus: async (instanceId: string) => {
      reads.getStatus++;
      const instance = instances.get(instanceId);
      if (!instance) throw new Error(`DurableClient error: HTTP 404 Not Found (${instanceId})`);
      if (instance.output === undefined && ++instance.statusReads > (options.runningReads ?? 0)) complete(instanceId, instance);
      return { instanceId, input: instance.input, runtimeStatus: instance.output === undefined ? 'Running' : 'Completed', output: instance.output };
    },
    readEntityState: async (entityId: df.EntityId) => {
      reads.readEntityState++;
      if (lagLeft > 0 && lagging.has(entityId.key)) {
        lagLeft--;
        return { entityExists: true, entityState: lagging.get(entityId.key) };
      }
      return { entityExists: carts.has(entityId.key), entityState: carts.get(entityId.key) };
    },
  } as unknown as df.DurableClient;

  return {
    client,
    reads,
    /** sets a customer's cart lines (as if added earlier) */
    setLines: (userId: string, lines: { itemId: string; quantity: number }[]) => void carts.set(userId, { ...cart(userId), lines }),
    cart,
    /** lets every running instance finish at its next status read */
    finishAll: () => { options.runningReads = 0; },
    /** the cart commits at once from now on */
    commitAll: () => { lagLeft = 0; },
  };
}
