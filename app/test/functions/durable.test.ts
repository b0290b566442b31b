// The HTTP side of the durable engine with a stub client: validated entity reads (and their memo), the
// reused DurableClient, and the wait for an orchestration's Result.
import { HttpResponse, InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { describe, expect, it, vi } from 'vitest';
import { InventoryStateSchema } from '../../src/contracts/state';
import { emptyInventory } from '../../src/domain/inventory';
import { awaitInstance, durableClient, ReadBudget, readState, sameJson, type ValidationMemo } from '../../src/functions/http/durable';

const stubClient = (methods: Partial<df.DurableClient>) => methods as df.DurableClient;
const id = new df.EntityId('Inventory', 'store');
const pending = () => new HttpResponse({ status: 202 });
const budget = (ms = 10_000) => new ReadBudget(ms);

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

describe('readState with a memo', () => {
  it('validates a state once while its JSON stays the same, and again when it changes', async () => {
    let state: unknown = { items: [], recentSales: [] };
    const client = stubClient({ readEntityState: async () => ({ entityExists: true, entityState: structuredClone(state) }) as never });
    const memo: ValidationMemo = { stored: undefined, value: undefined };
    const validate = vi.spyOn(InventoryStateSchema, 'safeParse');
    try {
      const first = await readState(client, id, InventoryStateSchema, emptyInventory, memo);
      const second = await readState(client, id, InventoryStateSchema, emptyInventory, memo);
      expect(second).toEqual(first);
      expect(validate).toHaveBeenCalledTimes(1);
      // a catalog whose only change is a stock level is validated again and answered as it is now
      const item = { id: 'latte', description: 'Latte', price: 4.5, availableStock: 5, restockThreshold: 1, maxStockThreshold: 10, onReorder: false };
      state = { items: [item], recentSales: [] };
      await readState(client, id, InventoryStateSchema, emptyInventory, memo);
      state = { items: [{ ...item, availableStock: 4 }], recentSales: [] };
      expect(await readState(client, id, InventoryStateSchema, emptyInventory, memo)).toMatchObject({ ok: true, value: { items: [{ availableStock: 4 }] } });
      expect(validate).toHaveBeenCalledTimes(3);
      state = { items: 'oops' }; // a changed state is validated again: a corrupted one is reported, not remembered
      expect(await readState(client, id, InventoryStateSchema, emptyInventory, memo)).toMatchObject({ ok: false, error: { code: 'CorruptState' } });
      expect(await readState(client, id, InventoryStateSchema, emptyInventory, memo)).toMatchObject({ ok: false, error: { code: 'CorruptState' } });
      expect(validate).toHaveBeenCalledTimes(5);
      expect(memo.value).toEqual({ items: [{ id: 'latte', description: 'Latte', price: 4.5, availableStock: 4, restockThreshold: 1, maxStockThreshold: 10, onReorder: false }], recentSales: [] });
    } finally {
      validate.mockRestore();
    }
  });
});

describe('sameJson', () => {
  it('compares JSON values by content, not by key order or identity', () => {
    expect(sameJson({ a: [1, { b: null }], c: 'x' }, { c: 'x', a: [1, { b: null }] })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson({ a: 1, b: undefined }, { a: 1, c: 2 })).toBe(false);
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameJson({ 0: 1, 1: 2 }, [1, 2])).toBe(false);
    expect(sameJson([1, [2]], [1, [2, 3]])).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson('1', 1)).toBe(false);
    expect(sameJson({ a: { b: 1 } }, { a: { b: 2 } })).toBe(false);
    expect(sameJson([{ stock: 5 }], [{ stock: 4 }])).toBe(false);
  });
});

describe('durableClient', () => {
  const binding = (taskHubName: string) => {
    const base = 'http://localhost:7071/runtime/webhooks/durabletask';
    const inst = `${base}/instances/INSTANCEID`;
    return {
      taskHubName,
      creationUrls: { createNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?`, createAndWaitOnNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&` },
      managementUrls: { id: 'INSTANCEID', statusQueryGetUri: `${inst}?taskHub=${taskHubName}`, sendEventPostUri: `${inst}/raiseEvent/{eventName}`, terminatePostUri: `${inst}/terminate?reason={text}`, purgeHistoryDeleteUri: inst },
      baseUrl: base,
      requiredQueryStringParameters: '',
      rpcBaseUrl: 'http://127.0.0.1:7071/runtime/webhooks/durabletask/',
    };
  };
  const invocation = (data: unknown) => {
    const input = df.input.durableClient();
    const context = new InvocationContext({ options: { extraInputs: [input] } });
    context.extraInputs.set(input, data);
    return context;
  };
  it('reuses one client while the binding value is the same, and makes a new one when it changes', () => {
    const a = durableClient(invocation(binding('HubA')));
    expect(a.taskHubName).toBe('HubA');
    expect(durableClient(invocation(binding('HubA')))).toBe(a);
    const b = durableClient(invocation(binding('HubB')));
    expect(b).not.toBe(a);
    expect(b.taskHubName).toBe('HubB');
  });
  it('fails as df.getClient does when the function has no durable client binding', () => {
    expect(() => durableClient(new InvocationContext())).toThrow(/durable client input binding/);
  });
});

describe('awaitInstance', () => {
  const statuses = (...runtimeStatuses: { runtimeStatus: string; output?: unknown }[]) => {
    let i = 0;
    return stubClient({
      getStatus: async () => runtimeStatuses[Math.min(i++, runtimeStatuses.length - 1)] as never,
    });
  };
  it('returns the Result once the orchestration completes', async () => {
    const client = statuses({ runtimeStatus: 'Pending' }, { runtimeStatus: 'Running' }, { runtimeStatus: 'Completed', output: { ok: true, value: 7 } });
    expect(await awaitInstance(client, 'i1', budget(), pending)).toEqual({ done: true, result: { ok: true, value: 7 } });
  });
  it('turns a failed orchestration or a non-Result output into Internal', async () => {
    expect(await awaitInstance(statuses({ runtimeStatus: 'Failed', output: 'boom' }), 'i1', budget(), pending)).toMatchObject({ done: true, result: { ok: false, error: { code: 'Internal' } } });
    expect(await awaitInstance(statuses({ runtimeStatus: 'Completed', output: 42 }), 'i1', budget(), pending)).toMatchObject({ done: true, result: { ok: false, error: { code: 'Internal' } } });
  });
  it('answers with the pending response the caller built (202) when the orchestration does not finish in time', async () => {
    const waited = await awaitInstance(statuses({ runtimeStatus: 'Running' }), 'i1', budget(30), pending);
    expect(waited.done).toBe(false);
    if (!waited.done) expect(waited.response.status).toBe(202);
  });
});
