// Every read of a write's outcome is a billed storage transaction on Azure: the reads back off
// (READ_DELAYS_MS) and stop at the write deadline. Counted here with fake timers and clients that never
// show an outcome, so the figure is exact: maxReads(deadline) reads per wait, 28 for the default 20 s.
import type * as df from 'durable-functions';
import { HttpRequest } from '@azure/functions';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyCart } from '../../src/domain/cart';
import { checkout } from '../../src/functions/OrderCheckoutPost';
import { writeCart } from '../../src/functions/http/cartWrites';
import { awaitInstance, maxReads, READ_DELAYS_MS, ReadBudget } from '../../src/functions/http/durable';
import { DEFAULT_WRITE_DEADLINE_MS } from '../../src/settings';
import { fakeEngine } from '../support/fakeEngine';

const saved = { ...process.env };
beforeEach(() => {
  vi.useFakeTimers();
  process.env.STORE_REQUIRE_AUTH = 'false';
  delete process.env.STORE_WRITE_DEADLINE_MS;
});
afterEach(() => {
  vi.useRealTimers();
  process.env = { ...saved };
});

/** Runs `work` to completion with the fake clock advanced far past any deadline. */
async function settle<T>(work: Promise<T>): Promise<T> {
  let done = false;
  void work.finally(() => (done = true));
  while (!done) await vi.advanceTimersByTimeAsync(1_000);
  return work;
}

describe('reads per write', () => {
  it('maxReads: the delays back off to 1 s, so the reads grow with the deadline, not with a fixed 25 ms loop', () => {
    expect(READ_DELAYS_MS.at(-1)).toBe(1_000);
    expect(maxReads(DEFAULT_WRITE_DEADLINE_MS)).toBe(28);
    expect(maxReads(10_000)).toBe(18);
    expect(maxReads(60_000)).toBe(68);
    // a write that shows after 100 ms (an Azure Storage queue hop or two) costs 5 reads: at 0, 5, 20, 50, 100 ms
    expect(maxReads(100)).toBe(5);
    expect(maxReads(1)).toBe(2);
  });

  it('a cart write whose outcome never shows reads the cart maxReads(deadline) times, then answers 202', async () => {
    let reads = 0;
    const client = {
      signalEntity: async () => undefined,
      readEntityState: async () => (reads++, { entityExists: true, entityState: emptyCart() }),
    } as unknown as df.DurableClient;
    const waited = await settle(writeCart(client, 'u1', { operation: 'add', input: { itemId: 'latte', quantity: 1, availableStock: 5 } }));
    expect(waited.done).toBe(false);
    expect(reads).toBe(maxReads(DEFAULT_WRITE_DEADLINE_MS));
  });

  it('an orchestration that never finishes is read maxReads(deadline) times', async () => {
    let reads = 0;
    const client = { getStatus: async () => (reads++, { runtimeStatus: 'Running' }) } as unknown as df.DurableClient;
    const waited = await settle(awaitInstance(client, 'i1', new ReadBudget(DEFAULT_WRITE_DEADLINE_MS), () => ({ status: 202 })));
    expect(waited.done).toBe(false);
    expect(reads).toBe(28);
  });

  it('a checkout shares one budget between its orchestration and its cart: maxReads(deadline) looks in all', async () => {
    process.env.STORE_WRITE_DEADLINE_MS = '10000';
    const engine = fakeEngine({ runningReads: 5, cartLagReads: Number.POSITIVE_INFINITY });
    engine.setLines('u1', [{ itemId: 'latte', quantity: 1 }]);
    const request = new HttpRequest({ method: 'POST', url: 'http://localhost/api/user/u1/order/checkout', params: { userId: 'u1' } });
    const response = await settle(checkout(request, engine.client));
    expect(response.status).toBe(202);
    expect(engine.reads.getStatus).toBe(6);
    // one look per back-off step; the look that sees the orchestration finish also reads the cart
    expect(engine.reads.getStatus + engine.reads.readEntityState).toBe(maxReads(10_000) + 1);
  });
});
