// Engine profiles through the real host on fixtures/durable-profile (maxQueuePollingInterval 1 s):
// azure-storage (a queue hop per message, state visible after the response, no status hold, batch size 50)
// and dts (1 MiB payload limits as errors the app sees); local stays as fast as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { durableConfig } from '../../src/durable/index.js';
import { fixture, startHost, type RunningHost } from '../support/spawnHost.js';
import { bridge, type Bridge } from './support/durableHost.js';

const API = '/runtime/webhooks/durabletask';
let seq = 0;
const uid = (p: string) => `${p}-${Date.now().toString(36)}-${seq++}`;
const json = { 'content-type': 'application/json' };

describe('durableConfig per profile', () => {
  it('local: batch 5000, status hold 100 ms; azure-storage and dts: batch 50 (Consumption), no hold', () => {
    expect(durableConfig({}, {})).toMatchObject({ maxEntityOperationBatchSize: 5000, statusHoldMs: 100, profile: { name: 'local' } });
    expect(durableConfig({}, {}, 'azure-storage')).toMatchObject({ maxEntityOperationBatchSize: 50, statusHoldMs: 0, profile: { name: 'azure-storage', visibilityLagMs: 20 } });
    expect(durableConfig({}, { DURABLE_ENGINE_PROFILE: 'dts' })).toMatchObject({ maxEntityOperationBatchSize: 50, statusHoldMs: 0, profile: { name: 'dts' } });
  });
  it('host.json wins over the profile default; bad values are start-up errors', () => {
    expect(durableConfig({ maxEntityOperationBatchSize: 7 }, {}, 'azure-storage').maxEntityOperationBatchSize).toBe(7);
    expect(() => durableConfig({}, {}, 'cosmos')).toThrow(/engine profile must be one of local, azure-storage, dts/);
    expect(() => durableConfig({ storageProvider: { maxQueuePollingInterval: '30s' } }, {}, 'azure-storage')).toThrow(/maxQueuePollingInterval must be a TimeSpan/);
  });
});

describe('--engine-profile azure-storage', () => {
  let host: RunningHost;
  let b: Bridge;
  beforeAll(async () => {
    host = await startHost(fixture('durable-profile'), { args: ['--engine-profile', 'azure-storage'] });
    b = bridge(host.url);
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('says so at start', () => {
    expect(host.stdout()).toContain('Durable engine profile: azure-storage (maxEntityOperationBatchSize 50)');
  });

  it('a read right after an acknowledged signal still sees the old state; the new one shows up after the queue hop', async () => {
    const key = uid('lag');
    expect((await b.raw('POST', `${API}/entities/Counter/${key}?op=add`, '5', json)).status).toBe(202);
    expect((await b.raw('GET', `${API}/entities/Counter/${key}`)).status).toBe(404);
    await expect.poll(async () => (await b.raw('GET', `${API}/entities/Counter/${key}`)).json, { timeout: 10_000, interval: 20 }).toBe(5);
    // through the library's client too
    await b.client('signalEntity', 'Counter', key, 'add', 1);
    expect(await b.client('readEntityState', 'Counter', key)).toEqual({ entityExists: true, entityState: 5 });
    await expect.poll(async () => (await b.client('readEntityState', 'Counter', key)).entityState, { timeout: 10_000, interval: 20 }).toBe(6);
  });

  it('answers a status read of a running instance at once (202, no hold) and orchestrations still complete', async () => {
    const id = uid('run');
    await b.client('startNew', 'LockFlow', { input: { user: id, amount: 2 }, instanceId: id });
    const first = await b.raw('GET', `${API}/instances/${id}`);
    expect(first.status).toBe(202);
    expect((await b.waitForStatus(id, ['Completed'], 20_000)).output).toBe(4);
  });

  it('applies every one of 120 signals queued at once (in batches of at most 50, see durableConfig above)', async () => {
    const key = uid('batch');
    await Promise.all(Array.from({ length: 120 }, (_, i) => b.raw('POST', `${API}/entities/Log/${key}?op=append`, String(i), json)));
    await expect.poll(async () => ((await b.raw('GET', `${API}/entities/Log/${key}`)).json ?? []).length, { timeout: 20_000, interval: 50 }).toBe(120);
  });
});

describe('--engine-profile dts', () => {
  let host: RunningHost;
  let b: Bridge;
  const MiB = 1024 * 1024;
  beforeAll(async () => {
    host = await startHost(fixture('durable-profile'), { args: ['--engine-profile', 'dts', '--max-request-body-bytes', String(4 * MiB)] });
    b = bridge(host.url);
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('refuses a client payload over 1 MiB with 413 and stores nothing', async () => {
    const big = JSON.stringify('z'.repeat(MiB));
    const key = uid('big');
    const signal = await b.raw('POST', `${API}/entities/Counter/${key}?op=add`, big, json);
    expect(signal.status).toBe(413);
    expect(signal.json.error.message).toMatch(/1 MiB payload limit/);
    expect((await b.raw('POST', `${API}/orchestrators/Hello/${key}`, big, json)).status).toBe(413);
    expect((await b.raw('GET', `${API}/instances/${key}`)).status).toBe(404);
  });

  it('fails an entity operation whose new state is over 1 MiB (state kept), and an activity result over it', async () => {
    const key = uid('blob');
    const small = await b.client('startNew', 'FillBlob', { input: { key, n: 1000 }, instanceId: `${key}-a` });
    expect(small).toBe(`${key}-a`);
    expect((await b.waitForStatus(`${key}-a`, ['Completed'])).output).toEqual({ length: 1000 });
    await b.client('startNew', 'FillBlob', { input: { key, n: MiB + 1 }, instanceId: `${key}-b` });
    const failed = (await b.waitForStatus(`${key}-b`, ['Completed'])).output;
    expect(failed.error).toMatch(/entity state is \d+ bytes, over the Durable Task Scheduler's 1 MiB payload limit/);
    expect((await b.client('readEntityState', 'Blob', key)).entityState).toHaveLength(1000);

    await b.client('startNew', 'CallBig', { input: 1000, instanceId: `${key}-c` });
    expect((await b.waitForStatus(`${key}-c`, ['Completed'])).output).toEqual({ length: 1000 });
    await b.client('startNew', 'CallBig', { input: MiB, instanceId: `${key}-d` });
    expect((await b.waitForStatus(`${key}-d`, ['Completed'])).output.error).toMatch(/Activity function 'Big' failed: .*1 MiB payload limit/);
  });
});

describe('the local profile (default)', () => {
  let host: RunningHost;
  beforeAll(async () => {
    host = await startHost(fixture('durable-profile'), { args: ['--max-request-body-bytes', String(4 * 1024 * 1024)] });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('applies a signal to an idle entity before acknowledging it, and takes large payloads', async () => {
    const b = bridge(host.url);
    const key = uid('fast');
    expect((await b.raw('POST', `${API}/entities/Counter/${key}?op=add`, '5', json)).status).toBe(202);
    expect((await b.raw('GET', `${API}/entities/Counter/${key}`)).json).toBe(5);
    expect(host.stdout()).not.toContain('Durable engine profile');
    expect((await b.raw('POST', `${API}/entities/Counter/${key}?op=add`, JSON.stringify('z'.repeat(1024 * 1024)), json)).status).toBe(202);
  });
});
