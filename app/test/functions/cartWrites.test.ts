// Cart writes as signals: the HTTP side signals with a fresh requestId and reads the cart until the
// entity has recorded that request's outcome (stub client; end to end in test/api).
import type * as df from 'durable-functions';
import { describe, expect, it } from 'vitest';
import { emptyCart, type CartState } from '../../src/domain/cart';
import { ReadBudget } from '../../src/functions/http/durable';
import { keyedRequestId, writeCart } from '../../src/functions/http/cartWrites';

/** A client whose cart shows the signalled request's outcome from the `appliedAtRead`-th read on. */
function cartClient(appliedAtRead: number, outcome: (requestId: string) => CartState, stored: unknown = emptyCart()) {
  const signals: { entity: string; key: string; operation: string; input: { requestId: string } }[] = [];
  let reads = 0;
  const client = {
    signalEntity: async (id: df.EntityId, operation: string, input: { requestId: string }) => void signals.push({ entity: id.name, key: id.key, operation, input }),
    readEntityState: async () => {
      reads++;
      const requestId = signals[0]?.input.requestId;
      return { entityExists: true, entityState: requestId !== undefined && reads >= appliedAtRead ? outcome(requestId) : stored };
    },
  } as unknown as df.DurableClient;
  return { client, signals, reads: () => reads };
}

const applied = (requestId: string): CartState => ({ ...emptyCart(), lines: [{ itemId: 'latte', quantity: 2 }], recentWrites: [{ requestId, error: null, at: 1 }] });

describe('writeCart', () => {
  it('signals the operation with a requestId and answers with the cart once its outcome shows', async () => {
    const { client, signals, reads } = cartClient(3, applied);
    const waited = await writeCart(client, 'u1', { operation: 'add', input: { itemId: 'latte', quantity: 2, availableStock: 5 } });
    expect(signals).toEqual([{ entity: 'ShoppingCart', key: 'u1', operation: 'add', input: { itemId: 'latte', quantity: 2, availableStock: 5, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) } }]);
    expect(waited).toEqual({ done: true, result: { ok: true, value: applied(signals[0]!.input.requestId) } });
    expect(reads()).toBe(3);
  });
  it('answers with the recorded failure, not with the cart', async () => {
    const refused = (requestId: string): CartState => ({ ...emptyCart(), recentWrites: [{ requestId, error: { code: 'OutOfStock', message: 'no' }, at: 1 }] });
    const { client } = cartClient(1, refused);
    expect(await writeCart(client, 'u1', { operation: 'remove', input: { itemId: 'latte' } })).toEqual({ done: true, result: { ok: false, error: { code: 'OutOfStock', message: 'no' } } });
  });
  it('ignores other requests\' outcomes and answers 202 with the cart as a relative Location when its own never shows', async () => {
    const other = { ...emptyCart(), recentWrites: [{ requestId: 'someone-else', error: null, at: 1 }] };
    const { client } = cartClient(Number.POSITIVE_INFINITY, applied, other);
    const waited = await writeCart(client, 'u1', { operation: 'add', input: { itemId: 'latte', quantity: 1, availableStock: 5 } }, { budget: new ReadBudget(30) });
    expect(waited.done).toBe(false);
    if (!waited.done) {
      expect(waited.response.status).toBe(202);
      expect(waited.response.headers).toMatchObject({ location: '/api/user/u1/shoppingCart' });
    }
  });
  it('reports a corrupted cart as CorruptState', async () => {
    const { client } = cartClient(1, () => ({ lines: 'oops' }) as unknown as CartState);
    expect(await writeCart(client, 'u1', { operation: 'add', input: { itemId: 'latte', quantity: 1, availableStock: 5 } })).toMatchObject({
      done: true, result: { ok: false, error: { code: 'CorruptState', details: { entity: 'ShoppingCart', key: 'u1' } } },
    });
  });
});

describe('writeCart with an Idempotency-Key', () => {
  it('signals the requestId derived from the customer, the write and the key, so a retry is recognized', async () => {
    const write = { operation: 'add', input: { itemId: 'latte', quantity: 2, availableStock: 5 } } as const;
    const { client, signals } = cartClient(1, applied);
    await writeCart(client, 'u1', write, { idempotencyKey: 'k1' });
    expect(signals[0]!.input.requestId).toBe(keyedRequestId('u1', write, 'k1'));
    expect(keyedRequestId('u1', write, 'k1')).toMatch(/^key-[A-Za-z0-9_-]{43}$/);
    // scoped: another customer, another write or another key is another request
    const others = [
      keyedRequestId('u2', write, 'k1'),
      keyedRequestId('u1', { operation: 'remove', input: { itemId: 'latte', quantity: 2 } }, 'k1'),
      keyedRequestId('u1', { ...write, input: { ...write.input, quantity: 3 } }, 'k1'),
      keyedRequestId('u1', write, 'k2'),
    ];
    expect(new Set([keyedRequestId('u1', write, 'k1'), ...others]).size).toBe(5);
  });
});
