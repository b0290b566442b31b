// An ES module app ("type": "module") with a custom route prefix from host.json.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixture, startHost, type RunningHost } from '../support/spawnHost.js';

let host: RunningHost;
beforeAll(async () => {
  host = await startHost(fixture('http-esm'));
});
afterAll(async () => {
  await host?.stop();
});

it('loads an ESM app and serves it under host.json extensions.http.routePrefix', async () => {
  const res = await fetch(`${host.url}/v1/hello/grace`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ message: 'Hello from ESM, grace' });
  expect((await fetch(`${host.url}/api/hello/grace`)).status).toBe(404);
});

it('round-trips JSON bodies', async () => {
  const res = await fetch(`${host.url}/v1/json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sku: 'espresso', qty: 2 }),
  });
  expect(res.status).toBe(201);
  expect(res.headers.get('content-type')).toBe('application/json');
  expect(await res.json()).toEqual({ received: { sku: 'espresso', qty: 2 }, type: 'application/json' });
});

it('applies inline constraints (alpha)', async () => {
  expect((await fetch(`${host.url}/v1/hello/abc123`)).status).toBe(404);
});

it('loads an .mjs file of a CommonJS app as an ES module', async () => {
  const cjsHost = await startHost(fixture('http-cjs'));
  try {
    const res = await fetch(`${cjsHost.url}/api/mjs`);
    expect(await res.json()).toEqual({ loadedAs: 'esm' });
  } finally {
    await cjsHost.stop();
  }
});
