// The HTTP side of the durable engine with a stub client: validated entity reads and the wait for an
// orchestration's Result.
import { HttpRequest, HttpResponse } from '@azure/functions';
import * as df from 'durable-functions';
import { describe, expect, it } from 'vitest';
import { InventoryStateSchema } from '../../src/contracts/state';
import { emptyInventory } from '../../src/domain/inventory';
import { awaitInstance, readState } from '../../src/functions/http/durable';

const stubClient = (methods: Partial<df.DurableClient>) => methods as df.DurableClient;
const id = new df.EntityId('Inventory', 'store');
const request = new HttpRequest({ method: 'POST', url: 'http://localhost/api/x' });

describe('readState', () => {
  it('reads a missing entity as its initial state', async () => {
    const client = stubClient({ readEntityState: async () => ({ entityExists: false }) as never });
    expect(await readState(client, id, InventoryStateSchema, emptyInventory)).toEqual({ ok: true, value: emptyInventory() });
  });
  it('reads a valid state', async () => {
    const state = { items: [], recentSales: [] };
    const client = stubClient({ readEntityState: async () => ({ entityExists: true, entityState: state }) as never });
    expect(await readState(client, id, InventoryStateSchema, emptyInventory)).toEqual({ ok: true, value: state });
  });
  it('reports a corrupted state as CorruptState naming the entity', async () => {
    const client = stubClient({ readEntityState: async () => ({ entityExists: true, entityState: { items: 'oops' } }) as never });
    expect(await readState(client, id, InventoryStateSchema, emptyInventory)).toMatchObject({
      ok: false, error: { code: 'CorruptState', details: { entity: 'Inventory', key: 'store' } },
    });
  });
});

describe('awaitInstance', () => {
  const statuses = (...runtimeStatuses: { runtimeStatus: string; output?: unknown }[]) => {
    let i = 0;
    return stubClient({
      getStatus: async () => runtimeStatuses[Math.min(i++, runtimeStatuses.length - 1)] as never,
      createCheckStatusResponse: () => new HttpResponse({ status: 202 }),
    });
  };
  it('returns the Result once the orchestration completes', async () => {
    const client = statuses({ runtimeStatus: 'Pending' }, { runtimeStatus: 'Running' }, { runtimeStatus: 'Completed', output: { ok: true, value: 7 } });
    expect(await awaitInstance(client, request, 'i1')).toEqual({ done: true, result: { ok: true, value: 7 } });
  });
  it('turns a failed orchestration or a non-Result output into Internal', async () => {
    expect(await awaitInstance(statuses({ runtimeStatus: 'Failed', output: 'boom' }), request, 'i1')).toMatchObject({ done: true, result: { ok: false, error: { code: 'Internal' } } });
    expect(await awaitInstance(statuses({ runtimeStatus: 'Completed', output: 42 }), request, 'i1')).toMatchObject({ done: true, result: { ok: false, error: { code: 'Internal' } } });
  });
  it('answers with the status URLs (202) when the orchestration does not finish in time', async () => {
    const waited = await awaitInstance(statuses({ runtimeStatus: 'Running' }), request, 'i1', 30);
    expect(waited.done).toBe(false);
    if (!waited.done) expect(waited.response.status).toBe(202);
  });
});
