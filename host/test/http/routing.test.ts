// Route templates, precedence, method filtering and host-generated statuses, through real HTTP (spec §2.1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../support/rawRequest.js';
import { fixture, startHost, type RunningHost } from '../support/spawnHost.js';

let host: RunningHost;
beforeAll(async () => {
  host = await startHost(fixture('http-cjs'), { args: ['--max-request-body-bytes', '1000'] });
});
afterAll(async () => {
  await host?.stop();
});

async function route(path: string, method = 'GET'): Promise<{ status: number; fn?: string; params?: Record<string, string> }> {
  const res = await fetch(`${host.url}${path}`, { method });
  if (res.status !== 200) return { status: res.status };
  const body = (await res.json()) as { fn: string; params: Record<string, string> };
  return { status: 200, ...body };
}

describe('templates and precedence', () => {
  it.each([
    ['/api/items/42', 'ItemById', { id: '42' }],
    ['/api/items/abc', 'ItemBySlug', { slug: 'abc' }],
    ['/api/items/latest', 'ItemsLatest', {}],
    ['/api/items/99999999999', 'ItemBySlug', { slug: '99999999999' }], // beyond int32: not an int
    ['/api/files/a/b/c.txt', 'Files', { path: 'a/b/c.txt' }],
    ['/api/files', 'Files', {}],
    ['/api/range/10', 'Range', { n: '10' }],
    ['/api/code/abc', 'Code', { c: 'abc' }],
    ['/api/pattern/ab-12', 'Pattern', { p: 'ab-12' }],
    ['/api/guid/0f8fad5b-d9cb-469f-a165-70867728950e', 'Guid', { g: '0f8fad5b-d9cb-469f-a165-70867728950e' }],
    ['/api/flag/TRUE', 'Flag', { b: 'TRUE' }],
    ['/api/defaulted', 'Defaulted', { page: '1' }],
    ['/api/defaulted/3', 'Defaulted', { page: '3' }],
    ['/api/download/report.tar.gz', 'FileName', { name: 'report', ext: 'tar.gz' }],
    ['/API/mixed/CASE/7', 'MixedCase', { Id: '7' }],
    ['/api/items/42/', 'ItemById', { id: '42' }],
    ['/api/items/caf%C3%A9', 'ItemBySlug', { slug: 'café' }],
  ])('%s → %s', async (path, fn, params) => {
    expect(await route(path)).toEqual({ status: 200, fn, params });
  });

  it.each(['/api/range/11', '/api/range/0', '/api/code/ab', '/api/code/ab1', '/api/pattern/abc-1', '/api/guid/nope', '/api/flag/yes', '/api/items', '/api/items/1/2', '/api/nowhere', '/hello'])(
    'constraint or template mismatch → 404: %s',
    async (path) => {
      expect((await route(path)).status).toBe(404);
    },
  );

  it('optional parameter present and absent', async () => {
    expect(await (await fetch(`${host.url}/api/hello`)).text()).toBe('Hello, world');
    expect(await (await fetch(`${host.url}/api/hello/zoe`)).text()).toBe('Hello, zoe');
  });

  it('a function without a route is served at its name', async () => {
    expect(await (await fetch(`${host.url}/api/defaultroute`)).text()).toBe('default route');
  });
});

describe('methods', () => {
  it('routes one template to different functions by method', async () => {
    expect((await route('/api/orders')).fn).toBe('OrdersList');
    expect((await route('/api/orders', 'POST')).fn).toBe('OrdersCreate');
  });

  it('a method the function does not accept is 404 with an empty body, as on Azure', async () => {
    const res = await fetch(`${host.url}/api/orders`, { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('');
    expect((await fetch(`${host.url}/api/hello`, { method: 'HEAD' })).status).toBe(404); // HEAD is not implied by GET
  });
});

describe('request body limit', () => {
  it('answers 413 JSON when the declared body is over the limit, without invoking', async () => {
    const res = await fetch(`${host.url}/api/echo`, { method: 'POST', body: 'x'.repeat(1001) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: { code: 'PayloadTooLarge', message: 'The request body exceeds the limit of 1000 bytes.' },
    });
  });

  it('answers 413 for a chunked body that grows over the limit', async () => {
    const res = await rawRequest(`${host.url}/api/echo`, {
      method: 'POST',
      headers: { 'transfer-encoding': 'chunked' },
      body: Buffer.alloc(5000, 1),
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body.toString()).error.code).toBe('PayloadTooLarge');
  });

  it('accepts a body exactly at the limit', async () => {
    const res = await fetch(`${host.url}/api/echo`, { method: 'POST', body: 'y'.repeat(1000) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { bodyLength: number }).bodyLength).toBe(1000);
  });
});

describe('keep-alive', () => {
  it('serves many requests on one connection', async () => {
    const agent = new (await import('node:http')).Agent({ keepAlive: true, maxSockets: 1 });
    const http = await import('node:http');
    const sockets = new Set<unknown>();
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = http.get(`${host.url}/api/hello/k${i}`, { agent }, (res) => {
          sockets.add(req.socket);
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', reject);
      });
    }
    agent.destroy();
    expect(sockets.size).toBe(1);
  });
});
