// --enable-auth: the durable webhooks (/runtime/webhooks/durabletask/*) need the system key
// durabletask_extension or the master key, as on Azure; function and host keys do not open them. The app's
// own DurableClient keeps working (it calls rpcBaseUrl, a key-free loopback listener, like Azure's local RPC
// endpoint), and the management URLs it hands out carry `code=<system key>`, as Azure's do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startHost, type RunningHost } from '../support/spawnHost.js';
import { bridge, type Bridge } from './support/durableHost.js';

const API = '/runtime/webhooks/durabletask';
const KEYS = { FUNCTIONS_FUNCTION_KEY: 'fn-key-1', FUNCTIONS_HOST_KEY: 'host-key-1', FUNCTIONS_MASTER_KEY: 'master-key-1', FUNCTIONS_SYSTEM_KEY: 'sys-key-1' };
let seq = 0;
const uid = (p: string) => `${p}-${Date.now().toString(36)}-${seq++}`;

describe.each(['in-process', 'http'])('with --enable-auth, client transport %s', (transport) => {
  let host: RunningHost;
  let b: Bridge;
  beforeAll(async () => {
    host = await startHost(fixture('durable-basic'), { args: ['--enable-auth'], env: { ...KEYS, DURABLE_CLIENT_TRANSPORT: transport } });
    b = bridge(host.url);
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('prints the system key with its source', () => {
    expect(host.stdout()).toContain('system (durabletask_extension): sys-key-1 (from FUNCTIONS_SYSTEM_KEY)');
  });

  // every kind of webhook request: read an entity, list entities-by-instances, signal, start, status, purge
  const requests = (key: string): [string, string, string?, Record<string, string>?][] => [
    ['GET', `${API}/entities/Counter/k1${key}`],
    ['POST', `${API}/entities/Counter/k1?op=add${key.replace('?', '&')}`, '5', { 'content-type': 'application/json' }],
    ['GET', `${API}/instances/${key}`],
    ['POST', `${API}/orchestrators/Hello${key}`, '"x"', { 'content-type': 'application/json' }],
    ['DELETE', `${API}/instances/nope${key}`],
    ['POST', `${API}/instances/nope/terminate${key}`],
  ];

  it.each([
    ['no key', {}, ''],
    ['a wrong key', {}, '?code=nope'],
    ['the function key', {}, '?code=fn-key-1'],
    ['the host key in the header', { 'x-functions-key': 'host-key-1' }, ''],
    ['an empty key', { 'x-functions-key': '' }, ''],
  ] as [string, Record<string, string>, string][])('refuses %s with 401 JSON and changes nothing', async (_name, headers, key) => {
    for (const [method, path, body, extra] of requests(key)) {
      const r = await b.raw(method, path, body, { ...headers, ...extra });
      expect({ path, status: r.status, code: r.json?.error?.code }).toEqual({ path, status: 401, code: 'Unauthorized' });
      expect(r.json.error.message).toMatch(/system key durabletask_extension/);
    }
    // the signal was not applied, no instance was started
    expect((await b.client('readEntityState', 'Counter', 'k1')).entityExists).toBe(false);
    expect(await b.client('getStatusBy', ['Running', 'Completed', 'Pending'])).toEqual([]);
  });

  it.each([
    ['the system key in the query', {}, '?code=sys-key-1'],
    ['the system key in the header', { 'x-functions-key': 'sys-key-1' }, ''],
    ['the master key', { 'x-functions-key': 'master-key-1' }, ''],
  ] as [string, Record<string, string>, string][])('opens every route with %s', async (_name, headers, key) => {
    const entity = uid('k');
    const signal = await b.raw('POST', `${API}/entities/Counter/${entity}?op=add${key.replace('?', '&')}`, '5', { ...headers, 'content-type': 'application/json' });
    expect(signal.status).toBe(202);
    await expect.poll(async () => (await b.raw('GET', `${API}/entities/Counter/${entity}${key}`, undefined, headers)).json).toBe(5);
    const started = await b.raw('POST', `${API}/orchestrators/Hello${key}`, '"x"', { ...headers, 'content-type': 'application/json' });
    expect(started.status).toBe(202);
    const list = await b.raw('GET', `${API}/instances/${key}`, undefined, headers);
    expect(list.status).toBe(200);
    expect(list.json.map((s: { instanceId: string }) => s.instanceId)).toContain(started.json.id);
  });

  it('hands out management URLs that carry the system key, and they work as given', async () => {
    const id = uid('mgmt');
    await b.client('startNew', 'Hello', { input: 'y', instanceId: id });
    const response = await b.clientResponse('createCheckStatusResponse', id);
    const payload = JSON.parse(response.body);
    for (const name of ['statusQueryGetUri', 'sendEventPostUri', 'terminatePostUri', 'purgeHistoryDeleteUri', 'restartPostUri', 'suspendPostUri', 'resumePostUri']) {
      expect(new URL(payload[name]).searchParams.get('code'), name).toBe('sys-key-1');
    }
    expect(new URL(response.headers.location!).searchParams.get('code')).toBe('sys-key-1');
    const status = await fetch(payload.statusQueryGetUri.replace('localhost', '127.0.0.1'));
    expect([200, 202]).toContain(status.status);
    expect(((await status.json()) as { instanceId: string }).instanceId).toBe(id);
    // the start response of the webhook API carries it too
    const started = await b.raw('POST', `${API}/orchestrators/Hello?code=sys-key-1`, '"z"', { 'content-type': 'application/json' });
    expect(new URL(started.json.statusQueryGetUri).searchParams.get('code')).toBe('sys-key-1');
    expect(new URL(started.headers.get('location')!).searchParams.get('code')).toBe('sys-key-1');
  });

  it("the app's DurableClient needs no key: start, wait, signal, read", async () => {
    const id = uid('client');
    await b.client('startNew', 'Hello', { input: 'w', instanceId: id });
    expect((await b.waitForStatus(id, ['Completed'], 15_000, '?code=sys-key-1')).runtimeStatus).toBe('Completed');
    const entity = uid('c');
    await b.client('signalEntity', 'Counter', entity, 'add', 3);
    await expect.poll(async () => (await b.client('readEntityState', 'Counter', entity)).entityState).toBe(3);
    expect((await b.client('getStatus', id)).runtimeStatus).toBe('Completed');
  });

  it('the cost counters (/admin/host/durable/counters) need the master key: the system and function keys get 401', async () => {
    for (const key of ['', '?code=sys-key-1', '?code=fn-key-1', '?code=host-key-1']) {
      const r = await b.raw('GET', `/admin/host/durable/counters${key}`);
      expect({ key, status: r.status, code: r.json?.error?.code }).toEqual({ key, status: 401, code: 'Unauthorized' });
    }
    const ok = await b.raw('GET', '/admin/host/durable/counters', undefined, { 'x-functions-key': 'master-key-1' });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ signals: expect.any(Number), entityStateReads: expect.any(Number), historyRowsWritten: expect.any(Number) });
    const post = await b.raw('POST', '/admin/host/durable/counters?code=master-key-1');
    expect(post.status).toBe(405);
  });
});

describe('without --enable-auth', () => {
  let host: RunningHost;
  beforeAll(async () => {
    host = await startHost(fixture('durable-basic'), { env: KEYS });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('the webhooks need no key and the URLs carry none', async () => {
    const b = bridge(host.url);
    expect((await b.raw('GET', `${API}/instances/`)).status).toBe(200);
    const started = await b.raw('POST', `${API}/orchestrators/Hello`, '"z"', { 'content-type': 'application/json' });
    expect(started.status).toBe(202);
    expect(started.json.statusQueryGetUri).not.toContain('code=');
    expect(host.stdout()).not.toContain('sys-key-1');
  });

  it('serves the cost counters without a key, and they count what the client did', async () => {
    const b = bridge(host.url);
    const before = (await b.raw('GET', '/admin/host/durable/counters')).json;
    await b.client('signalEntity', 'Counter', 'cost', 'add', 2);
    await b.client('readEntityState', 'Counter', 'cost');
    const after = (await b.raw('GET', '/admin/host/durable/counters')).json;
    expect(after.signals - before.signals).toBe(1);
    expect(after.entityStateReads - before.entityStateReads).toBe(1);
  });
});
