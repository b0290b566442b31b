// --static <dir>: a front end beside the functions (host README, "Serving a front end"): files with their
// content types, index.html for unknown page paths, nothing outside the folder, the API and the host's own
// routes untouched.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../support/rawRequest.js';
import { fixture, runHostToExit, startHost, type RunningHost } from '../support/spawnHost.js';

const INDEX = '<!doctype html><title>shop</title><div id="root"></div>';
const SECRET = 'top secret outside the static folder';

describe('--static', () => {
  let host: RunningHost;
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'static-test-'));
    const root = path.join(work, 'site');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    mkdirSync(path.join(root, 'docs'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), INDEX);
    writeFileSync(path.join(root, 'assets', 'app-1a2b.js'), 'console.log("app")');
    writeFileSync(path.join(root, 'assets', 'app-1a2b.css'), 'body{}');
    writeFileSync(path.join(root, 'docs', 'guide.txt'), 'a guide');
    writeFileSync(path.join(root, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(path.join(root, 'blob.xyz'), 'bytes');
    writeFileSync(path.join(root, '.env'), 'SECRET=1');
    writeFileSync(path.join(work, 'secret.txt'), SECRET);
    symlinkSync(path.join(work, 'secret.txt'), path.join(root, 'link.txt'));
    symlinkSync(work, path.join(root, 'outside'));
    host = await startHost(fixture('http-cjs'), { args: ['--static', root] });
  });
  afterAll(async () => {
    await host?.stop();
    rmSync(work, { recursive: true, force: true });
  });
  const get = (p: string, method = 'GET') => rawRequest(`${host.url}${p}`, { method });

  it('says at start where the files come from', () => {
    expect(host.stdout()).toMatch(/Static files: .*site at http:\/\/localhost:\d+\//);
  });

  it.each([
    ['/', 'text/html; charset=utf-8', INDEX],
    ['/index.html', 'text/html; charset=utf-8', INDEX],
    ['/assets/app-1a2b.js', 'text/javascript; charset=utf-8', 'console.log("app")'],
    ['/assets/app-1a2b.css', 'text/css; charset=utf-8', 'body{}'],
    ['/docs/guide.txt', 'text/plain; charset=utf-8', 'a guide'],
    ['/logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['/blob.xyz', 'application/octet-stream', 'bytes'],
  ])('GET %s → the file as %s', async (p, type, body) => {
    const res = await get(p);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body.toString()).toBe(body);
  });

  it('hashed assets are cached for good, pages are revalidated; pages carry a content security policy', async () => {
    expect((await get('/assets/app-1a2b.js')).headers['cache-control']).toContain('immutable');
    const page = await get('/');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it.each(['/catalog', '/product/house-blend', '/orders/abc-123/', '/assets', '/docs'])(
    'GET %s (a page path, or a folder: no listing) → index.html',
    async (p) => {
      const res = await get(p);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body.toString()).toBe(INDEX);
    },
  );

  it('a missing file with an extension is a JSON 404, never the page', async () => {
    const res = await get('/assets/missing-9z.js');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/json');
    expect(JSON.parse(res.body.toString()).error.code).toBe('NotFound');
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%5csecret.txt',
    '/link.txt',
    '/outside/secret.txt',
    '/.env',
    '/%2eenv',
    '/secret.txt%00.html',
  ])('GET %s never reads outside the folder or a dotfile', async (p) => {
    const res = await get(p);
    expect(res.body.toString()).not.toContain(SECRET);
    expect(res.body.toString()).not.toContain('SECRET=1');
    expect([200, 400, 404]).toContain(res.status);
    if (res.status === 200) expect(res.body.toString()).toBe(INDEX);
  });

  it('HEAD answers the headers without a body', async () => {
    const res = await get('/assets/app-1a2b.js', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String('console.log("app")'.length));
    expect(res.body.length).toBe(0);
  });

  it('the API is untouched: functions answer, an unknown /api path is still an empty 404', async () => {
    const hello = await get('/api/hello/static');
    expect(hello.status).toBe(200);
    expect(hello.body.toString()).not.toBe(INDEX);
    for (const p of ['/api/no-such-function', '/API/nothing-here', '/%61pi/no-such-function']) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(res.body.length, p).toBe(0);
    }
  });

  it("the host's own paths (/.auth, /runtime, /admin) never get the page", async () => {
    for (const p of ['/.auth/me', '/runtime/webhooks/nothing', '/admin/functions', '/Admin/host/status']) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(res.body.toString(), p).not.toBe(INDEX);
    }
  });

  it('other methods than GET/HEAD on a page path are 404, not the page', async () => {
    const res = await get('/catalog', 'POST');
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toBe(INDEX);
  });
});

describe('--static misuse', () => {
  it('a folder that does not exist stops the host with a clear error', async () => {
    const result = await runHostToExit(fixture('http-cjs'), { args: ['--static', '/no/such/folder'] });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: The --static folder \/no\/such\/folder does not exist/m);
  });

  it('an empty value is a usage error', async () => {
    const result = await runHostToExit(fixture('http-cjs'), { args: ['--static', ''] });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--static must not be empty');
  });
});
