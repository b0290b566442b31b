// Idempotency-Key checkouts with a stub client: racing starts of the same instance id converge on it.
import { HttpRequest, HttpResponse } from '@azure/functions';
import type * as df from 'durable-functions';
import { describe, expect, it } from 'vitest';
import { checkoutOnce } from '../../src/functions/OrderCheckoutPost';

const request = new HttpRequest({ method: 'POST', url: 'http://localhost/api/user/u1/order/checkout' });
const placed = { ok: true, value: { id: 'order-1' } };
const notFound = () => new Error('DurableClient error: HTTP 404 Not Found');

/** getStatus answers from the list in turn (the last one repeats); an Error entry is thrown. */
function client(statuses: (Error | { runtimeStatus: string; output?: unknown })[], startNew: () => Promise<string>) {
  let i = 0;
  const calls = { getStatus: 0, startNew: 0 };
  const stub = {
    getStatus: async () => {
      calls.getStatus++;
      const next = statuses[Math.min(i++, statuses.length - 1)]!;
      if (next instanceof Error) throw next;
      return next;
    },
    startNew: async () => (calls.startNew++, startNew()),
    createCheckStatusResponse: () => new HttpResponse({ status: 202 }),
  } as unknown as df.DurableClient;
  return { stub, calls };
}

describe('checkoutOnce', () => {
  it('replays a placed order without starting anything', async () => {
    const { stub, calls } = client([{ runtimeStatus: 'Completed', output: placed }], async () => 'x');
    expect(await checkoutOnce(stub, request, { userId: 'u1' }, 'checkout.u1.k')).toEqual({ done: true, result: placed, replayed: true });
    expect(calls.startNew).toBe(0);
  });

  it('joins a start that a concurrent retry made first, even before its status is readable', async () => {
    // not there yet; our start is refused (the other one is being stored); it appears, runs, completes
    const { stub, calls } = client([notFound(), notFound(), notFound(), { runtimeStatus: 'Running' }, { runtimeStatus: 'Completed', output: placed }],
      async () => { throw new Error('DurableClient error: HTTP 409 already exists'); });
    expect(await checkoutOnce(stub, request, { userId: 'u1' }, 'checkout.u1.k')).toEqual({ done: true, result: placed });
    expect(calls.startNew).toBe(1);
  });

  it('reports a start that fails for another reason once nothing appears', async () => {
    const { stub } = client([notFound()], async () => { throw new Error('engine down'); });
    await expect(checkoutOnce(stub, request, { userId: 'u1' }, 'checkout.u1.k')).rejects.toThrow('engine down');
  }, 10_000);
});
