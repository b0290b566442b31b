// app/api.http, the request collection that walks the README's story, sent against the local host: every
// request answers the status the file states. Run once as `npm start` runs (open), and once with
// `--enable-auth` and the function key the host is given, so the admin requests really use the key.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHttpFile, sendHttpFile } from '../support/httpFile';
import { useHost } from '../support/host';

const file = parseHttpFile(readFileSync(path.join(__dirname, '../../api.http'), 'utf8'));
const FUNCTION_KEY = 'collection-test-function-key';
// the store as `npm start` runs it: seeded with the sample catalog the walkthrough uses
const SEEDED = { STORE_SEED_SAMPLE_CATALOG: 'true' };

describe('api.http', () => {
  it('states a status for every request and covers the README story', () => {
    expect(file.requests.length).toBeGreaterThanOrEqual(15);
    expect(file.requests.filter((r) => r.expectedStatus === undefined).map((r) => r.title)).toEqual([]);
    const routes = new Set(file.requests.map((r) => `${r.method} ${r.url.replace(/\?.*$/, '')}`));
    for (const route of [
      'GET {{baseUrl}}/api/store',
      'POST {{baseUrl}}/api/user/{{user}}/shoppingCart/house-blend',
      'DELETE {{baseUrl}}/api/user/{{user}}/shoppingCart/house-blend',
      'POST {{baseUrl}}/api/user/{{user}}/order/checkout',
      'GET {{baseUrl}}/api/user/{{user}}/order',
      'POST {{baseUrl}}/api/store/inventory',
      'PUT {{baseUrl}}/api/store/inventory/kenya-aa',
    ]) expect(routes, route).toContain(route);
  });

  describe('on the open local host', () => {
    const { host } = useHost({ env: SEEDED });
    it('answers every request with the status the file states', async () => {
      const results = await sendHttpFile(file, { baseUrl: host().baseUrl });
      expect(results.map((r) => `${r.status} ${r.title}`)).toEqual(results.map((r) => `${r.expected} ${r.title}`));
      const replay = results.findIndex((r) => r.title.startsWith('A retry with the same key'));
      expect((results[replay]!.body as { id: string }).id).toBe((results[replay - 1]!.body as { id: string }).id);
    });
  });

  describe('with --enable-auth and the function key', () => {
    const { host } = useHost({ args: ['--enable-auth'], env: { ...SEEDED, FUNCTIONS_FUNCTION_KEY: FUNCTION_KEY } });
    it('answers every request with the status the file states', async () => {
      const results = await sendHttpFile(file, { baseUrl: host().baseUrl, functionKey: FUNCTION_KEY });
      expect(results.map((r) => `${r.status} ${r.title}`)).toEqual(results.map((r) => `${r.expected} ${r.title}`));
    });
    it('refuses the admin requests with another key (the key in the file is what opens them)', async () => {
      const results = await sendHttpFile(file, { baseUrl: host().baseUrl, functionKey: 'wrong-key' });
      const admin = results.filter((r) => r.title.startsWith('Admin:'));
      expect(admin.map((r) => r.status)).toEqual([401, 401]);
    });
  });
});
