// The in-process durable client (src/durable/client/inProcessClient.ts) with the real DurableClient of
// durable-functions: the shortcut past axios' pipeline sends the same requests and yields the same results
// as the full pipeline (forced here by an interceptor), and other URLs still go to the network adapter.
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiReply, ApiRequest } from '../../src/durable/client/httpApi.js';
import { installInProcessClient } from '../../src/durable/client/inProcessClient.js';
import { clientInputData } from '../../src/durable/protocol/clientInput.js';

const appDir = path.resolve(__dirname, '../../fixtures/durable-basic');
const fromDurable = createRequire(createRequire(path.join(appDir, 'package.json')).resolve('durable-functions'));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const dfDir = path.dirname(createRequire(path.join(appDir, 'package.json')).resolve('durable-functions'));
const df = { DurableClient: fromDurable(path.join(dfDir, 'durableClient/DurableClient.js')).DurableClient, EntityId: fromDurable(path.join(dfDir, 'entities/EntityId.js')).EntityId } as any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const axios = fromDurable('axios') as any;

const RPC = 'http://127.0.0.1:7999/runtime/webhooks/durabletask/';
let uninstall: (() => void) | undefined;
afterEach(() => {
  uninstall?.();
  uninstall = undefined;
});

interface Seen {
  method: string;
  path: string;
  contentType: string | undefined;
  host: string | undefined;
  body: string;
  viaPipeline: boolean;
}

/** a fake API: records requests (and whether axios' pipeline ran) and answers like the real one */
function fakeApi(seen: Seen[]) {
  return async (req: ApiRequest): Promise<ApiReply> => {
    const stack = new Error().stack ?? '';
    seen.push({ method: req.method, path: req.url.pathname + req.url.search, contentType: req.headers['content-type'], host: req.headers.host, body: req.body.toString(), viaPipeline: /dispatchRequest|Axios\._request/.test(stack) });
    if (req.url.pathname.includes('/orchestrators/')) return { status: 202, headers: {}, value: { id: 'abc', statusQueryGetUri: 'x' } };
    if (req.url.pathname.includes('/entities/')) return { status: 200, headers: {}, body: '{"n":1}' };
    if (req.url.pathname.endsWith('/raiseEvent/go')) return { status: 202, headers: {} };
    return { status: 200, headers: {}, value: { name: 'O', instanceId: 'abc', runtimeStatus: 'Completed', input: '', output: [1], customStatus: null, createdTime: '2026-01-01T00:00:00Z', lastUpdatedTime: '2026-01-01T00:00:00Z' } };
  };
}

async function session(forcePipeline: boolean) {
  const client = new df.DurableClient(clientInputData('TestHubName', 'http://localhost:7999', RPC));
  // an interceptor makes the shortcut step aside: the request takes axios' whole pipeline to the adapter
  if (forcePipeline) client.axiosInstance.interceptors.request.use((c: unknown) => c);
  const id = await client.startNew('O');
  const withInput = await client.startNew('O', { instanceId: 'i1', input: { a: 1 } });
  const status = await client.getStatus('abc');
  const state = await client.readEntityState(new df.EntityId('Counter', 'k'));
  await client.raiseEvent('abc', 'go', 5);
  return { id, withInput, status: { ...status }, state };
}

describe('in-process durable client', () => {
  it('the shortcut and the axios pipeline send the same requests and give the same results', async () => {
    const fast: Seen[] = [];
    uninstall = installInProcessClient(appDir, RPC, fakeApi(fast));
    const a = await session(false);
    uninstall();
    const full: Seen[] = [];
    uninstall = installInProcessClient(appDir, RPC, fakeApi(full));
    const b = await session(true);

    expect(fast.every((s) => !s.viaPipeline)).toBe(true);
    expect(full.every((s) => s.viaPipeline)).toBe(true);
    const strip = (s: Seen[]) => s.map(({ viaPipeline: _, ...rest }) => rest);
    expect(strip(fast)).toEqual(strip(full));
    expect(a).toEqual(b);
    // startNew without input sends the two characters "" (README, spec correction §3.3)
    expect(fast[0]).toMatchObject({ method: 'POST', path: '/runtime/webhooks/durabletask/orchestrators/O', body: '""', contentType: 'application/json', host: '127.0.0.1:7999' });
    expect(fast[1]).toMatchObject({ body: '{"a":1}' });
    expect(a.status).toMatchObject({ runtimeStatus: 'Completed', output: [1] });
    expect(a.state).toEqual({ entityExists: true, entityState: { n: 1 } });
  });

  it('requests to other URLs go to the network adapter; uninstall restores axios', async () => {
    const seen: Seen[] = [];
    const create = axios.create;
    uninstall = installInProcessClient(appDir, RPC, fakeApi(seen));
    expect(axios.create).not.toBe(create);
    // nothing listens on port 9 (discard): a network error proves the request left through the network
    await expect(axios.create().get('http://127.0.0.1:9/x')).rejects.toThrow();
    expect(seen).toEqual([]);
    uninstall();
    uninstall = undefined;
    expect(axios.create).toBe(create);
  });
});
