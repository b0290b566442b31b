// The whole durable client HTTP API against the extension's behaviour (ext: HttpApiHandler.cs,
// ContextImplementations/DurableClient.cs), through the library's DurableClient where it has a call for it
// and through the HTTP API where it does not, on the real host and the durable-basic fixture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startHost, type RunningHost } from '../support/spawnHost.js';
import { bridge, type Bridge } from './support/durableHost.js';

const API = '/runtime/webhooks/durabletask';
let seq = 0;
const uid = (p: string) => `${p}-${Date.now().toString(36)}-${seq++}`;
const json = { 'content-type': 'application/json' };
let host: RunningHost;
let b: Bridge;

beforeAll(async () => {
  host = await startHost(fixture('durable-basic'));
  b = bridge(host.url);
});
afterAll(async () => {
  await host?.stop();
});

async function run(name: string, input: unknown, id = uid(name)) {
  await b.client('startNew', name, { input, instanceId: id });
  await b.waitForStatus(id, ['Completed', 'Failed', 'Terminated']);
  return id;
}

/** every page of a GET with x-ms-continuation-token paging */
async function pages(path: string): Promise<{ pages: unknown[][]; tokens: string[] }> {
  const out: unknown[][] = [];
  const tokens: string[] = [];
  let token: string | null = null;
  for (let i = 0; i < 50; i++) {
    const r = await b.raw('GET', path, undefined, token ? { 'x-ms-continuation-token': token } : {});
    expect(r.status).toBe(200);
    out.push(r.json);
    token = r.headers.get('x-ms-continuation-token');
    if (!token) return { pages: out, tokens };
    tokens.push(token);
  }
  throw new Error('paging did not end');
}

describe('GET instances/', () => {
  const prefix = uid('list');
  const ids: string[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 5; i++) ids.push(await run('Hello', { i }, `${prefix}-${i}`));
  });

  it('pages by top and x-ms-continuation-token, filtered by instanceIdPrefix', async () => {
    const { pages: got, tokens } = await pages(`${API}/instances/?instanceIdPrefix=${prefix}&top=2`);
    expect(got.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(tokens).toHaveLength(2);
    expect(got.flat().map((s) => (s as { instanceId: string }).instanceId).sort()).toEqual([...ids].sort());
  });

  it('refuses a token it did not give out and a bad top (400)', async () => {
    expect((await b.raw('GET', `${API}/instances/`, undefined, { 'x-ms-continuation-token': 'garbage' })).status).toBe(400);
    expect((await b.raw('GET', `${API}/instances/?top=0`)).status).toBe(400);
    expect((await b.raw('GET', `${API}/instances/?top=x`)).status).toBe(400);
  });

  it('filters by createdTimeFrom/To and runtimeStatus; showInput=false leaves inputs out', async () => {
    const future = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
    expect((await b.raw('GET', `${API}/instances/?instanceIdPrefix=${prefix}&createdTimeFrom=${future}`)).json).toEqual([]);
    const past = encodeURIComponent(new Date(Date.now() - 600_000).toISOString());
    expect((await b.raw('GET', `${API}/instances/?instanceIdPrefix=${prefix}&createdTimeTo=${past}`)).json).toEqual([]);
    expect((await b.raw('GET', `${API}/instances/?instanceIdPrefix=${prefix}&runtimeStatus=Failed`)).json).toEqual([]);
    const done = (await b.raw('GET', `${API}/instances/?instanceIdPrefix=${prefix}&runtimeStatus=Completed,Failed`)).json;
    expect(done).toHaveLength(5);
    expect(done.every((s: { input: unknown }) => s.input !== null)).toBe(true);
    const hidden = (await b.raw('GET', `${API}/instances/?instanceIdPrefix=${prefix}&showInput=false`)).json;
    expect(hidden.map((s: { input: unknown }) => s.input)).toEqual([null, null, null, null, null]);
  });

  it("the library's getStatusBy follows the continuation tokens past the default page of 100", async () => {
    const many = uid('many');
    await Promise.all(Array.from({ length: 105 }, (_, i) => b.client('startNew', 'WaitEvent', { input: 60_000, instanceId: `${many}-${i}` })));
    const raw = await b.raw('GET', `${API}/instances/?runtimeStatus=Pending,Running`);
    expect(raw.json.length).toBeLessThanOrEqual(100);
    expect(raw.headers.get('x-ms-continuation-token')).toBeTruthy();
    const all = (await b.client('getStatusBy', ['Pending', 'Running'])) as { instanceId: string }[];
    const got = new Set(all.map((s) => s.instanceId));
    for (let i = 0; i < 105; i++) expect(got.has(`${many}-${i}`)).toBe(true);
    await Promise.all(Array.from({ length: 105 }, (_, i) => b.client('terminate', `${many}-${i}`, 'done')));
  });
});

describe('GET instances/{id}', () => {
  it('returnInternalServerErrorOnFailure=true answers 500 for a failed instance (200 without it)', async () => {
    const id = await run('Fails', null);
    const plain = await b.raw('GET', `${API}/instances/${id}`);
    expect({ status: plain.status, runtimeStatus: plain.json.runtimeStatus }).toEqual({ status: 200, runtimeStatus: 'Failed' });
    const asked = await b.raw('GET', `${API}/instances/${id}?returnInternalServerErrorOnFailure=true`);
    expect({ status: asked.status, runtimeStatus: asked.json.runtimeStatus }).toEqual({ status: 500, runtimeStatus: 'Failed' });
    const ok = await run('Hello', 1);
    expect((await b.raw('GET', `${API}/instances/${ok}?returnInternalServerErrorOnFailure=true`)).status).toBe(200);
  });

  it('showHistory=true returns historyEvents shaped as the extension shapes them', async () => {
    const id = await run('Hello', 'hi');
    const plain = await b.raw('GET', `${API}/instances/${id}`);
    expect(plain.json.historyEvents).toBeUndefined();
    const h = (await b.raw('GET', `${API}/instances/${id}?showHistory=true`)).json.historyEvents;
    expect(h.map((e: { EventType: string }) => e.EventType)).toEqual(['ExecutionStarted', 'TaskCompleted', 'TaskCompleted', 'ExecutionCompleted']);
    expect(h[0]).toMatchObject({ FunctionName: 'Hello', Input: '"hi"' });
    expect(h[0]).not.toHaveProperty('Name');
    expect(h[0]).not.toHaveProperty('OrchestrationInstance');
    expect(h[1]).toMatchObject({ FunctionName: 'Echo', Input: '"hi"', ScheduledTime: expect.any(String), Timestamp: expect.any(String) });
    expect(h[1]).not.toHaveProperty('Result');
    expect(h[1]).not.toHaveProperty('TaskScheduledId');
    expect(h[1]).not.toHaveProperty('EventId');
    expect(h[1]).not.toHaveProperty('IsPlayed');
    expect(h[3]).toMatchObject({ OrchestrationStatus: 'Completed' });
    expect(h[3]).not.toHaveProperty('Result');
    const withOutput = (await b.raw('GET', `${API}/instances/${id}?showHistory=true&showHistoryOutput=true&showInput=false`)).json;
    expect(withOutput.input).toBeNull();
    expect(withOutput.historyEvents[1]).toMatchObject({ FunctionName: 'Echo', Result: 'hi' });
    expect(withOutput.historyEvents[1]).not.toHaveProperty('Input');
    expect(withOutput.historyEvents[2]).toMatchObject({ FunctionName: 'TypeOf', Result: 'string' });
    expect(withOutput.historyEvents[3]).toMatchObject({ OrchestrationStatus: 'Completed', Result: { echoed: 'hi', type: 'string' } });
  });
});

describe('GET entities/', () => {
  const key = uid('ent');
  beforeAll(async () => {
    for (let i = 0; i < 5; i++) await b.client('signalEntity', 'Counter', `${key}-${i}`, 'add', i + 1);
    for (let i = 0; (await b.client('readEntityState', 'Counter', `${key}-4`)).entityState !== 5; i++) {
      if (i > 500) throw new Error('the signals were not applied');
      await new Promise((r) => setTimeout(r, 10));
    }
  });

  it('lists one entity name with paging; state only with fetchState=true', async () => {
    const { pages: got } = await pages(`${API}/entities/Counter?top=2`);
    const mine = got.flat().filter((e) => (e as { entityId: { key: string } }).entityId.key.startsWith(key)) as { entityId: { name: string; key: string }; lastOperationTime: string; state: unknown }[];
    expect(mine.map((e) => e.entityId)).toEqual([0, 1, 2, 3, 4].map((i) => ({ name: 'counter', key: `${key}-${i}` })));
    expect(mine.every((e) => e.state === null && Date.parse(e.lastOperationTime) > Date.now() - 600_000)).toBe(true);
    expect(got.every((p) => p.length <= 2)).toBe(true);
    const withState = (await pages(`${API}/entities/Counter?fetchState=true`)).pages.flat() as { entityId: { key: string }; state: unknown }[];
    expect(withState.filter((e) => e.entityId.key.startsWith(key)).map((e) => e.state)).toEqual([1, 2, 3, 4, 5]);
  });

  it('lists every entity name on entities/; a name with none gives []', async () => {
    const all = (await pages(`${API}/entities/`)).pages.flat() as { entityId: { name: string } }[];
    expect(all.some((e) => e.entityId.name === 'counter')).toBe(true);
    expect((await b.raw('GET', `${API}/entities/Log?lastOperationTimeFrom=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).json).toEqual([]);
  });
});

describe('restart, rewind, purge', () => {
  it('restart starts the same orchestrator with the same input: a new id by default, the same with restartWithNewInstanceId=false', async () => {
    const id = await run('Hello', 'again');
    const r = await b.raw('POST', `${API}/instances/${id}/restart`);
    expect(r.status).toBe(202);
    expect(r.json.id).not.toBe(id);
    expect(r.json.statusQueryGetUri).toContain(`/instances/${r.json.id}?`);
    expect((await b.waitForStatus(r.json.id, ['Completed'])).output).toEqual({ echoed: 'again', type: 'string' });
    const same = await b.raw('POST', `${API}/instances/${id}/restart?restartWithNewInstanceId=false`);
    expect({ status: same.status, id: same.json.id }).toEqual({ status: 202, id });
    await b.waitForStatus(id, ['Completed']);
    expect((await b.raw('POST', `${API}/instances/${uid('none')}/restart`)).status).toBe(400);
  });

  it('rewind: 501 with the reason for a failed instance (the client throws it), 410 for a completed one, 404 unknown', async () => {
    const failed = await run('Fails', null);
    const r = await b.raw('POST', `${API}/instances/${failed}/rewind?reason=x`);
    expect(r.status).toBe(501);
    expect(r.json).toMatch(/rewind is not supported by the local host/);
    await expect(b.client('rewind', failed, 'please')).rejects.toThrow(/rewind is not supported by the local host/);
    expect((await b.raw('POST', `${API}/instances/${await run('Hello', 1)}/rewind`)).status).toBe(410);
    expect((await b.raw('POST', `${API}/instances/${uid('none')}/rewind`)).status).toBe(404);
  });

  it('purging a running instance deletes it, as on Azure (200 {instancesDeleted: 1}); it stops and its lock is released', async () => {
    const id = uid('purge');
    await b.client('startNew', 'HoldLock', { input: id, instanceId: id });
    await expect.poll(async () => (await b.raw('GET', `${API}/entities/Counter/${id}`)).status).toBe(200); // the lock created it
    expect(await b.client('purgeInstanceHistory', id)).toEqual({ instancesDeleted: 1 });
    expect((await b.raw('GET', `${API}/instances/${id}`)).status).toBe(404);
    expect((await b.raw('POST', `${API}/instances/${id}/raiseEvent/go`, '1', json)).status).toBe(404);
    // the entity is free again: a signal applies
    await b.client('signalEntity', 'Counter', id, 'add', 3);
    await expect.poll(async () => (await b.client('readEntityState', 'Counter', id)).entityState).toBe(3);
    // the id can be started again; an unknown id purges nothing
    await b.client('startNew', 'Hello', { input: 1, instanceId: id });
    expect((await b.waitForStatus(id, ['Completed'])).name).toBe('Hello');
    expect(await b.client('purgeInstanceHistory', uid('none'))).toEqual({ instancesDeleted: 0 });
  });
});
