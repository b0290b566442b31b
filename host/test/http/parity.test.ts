// Details where the host answers as the Functions host and its Node worker do: disabled functions, HEAD, the
// landing page at `/`, /admin/host/status (master key with --enable-auth), and JSON for errors Node's HTTP
// parser raises (431, 400) — on the http-cjs fixture.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../support/rawRequest.js';
import { fixture, runHostToExit, startHost, type RunningHost } from '../support/spawnHost.js';

let host: RunningHost;

beforeAll(async () => {
  host = await startHost(fixture('http-cjs'), { env: { AzureWebJobs_DisabledByUnderscore_Disabled: '1' } });
});

afterAll(async () => {
  await host?.stop();
});

/** Sends raw bytes and returns everything the server wrote before closing. */
function rawExchange(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
    let text = '';
    socket.setEncoding('utf8').on('data', (c) => (text += c)).on('end', () => resolve(text)).on('error', reject);
    socket.write(bytes);
  });
}

describe('AzureWebJobs.<name>.Disabled', () => {
  it('a function disabled by "true" (dotted) or "1" (underscored) is not served; "false" keeps it', async () => {
    expect((await fetch(`${host.url}/api/disabled/dot`)).status).toBe(404);
    expect((await fetch(`${host.url}/api/disabled/underscore`)).status).toBe(404);
    const kept = await fetch(`${host.url}/api/disabled/not`);
    expect(kept.status).toBe(200);
    expect(await kept.text()).toBe('runs');
  });

  it('says so at start and leaves them out of the function list', () => {
    expect(host.stdout()).toContain('Function DisabledByDot is disabled (AzureWebJobs.DisabledByDot.Disabled=true)');
    expect(host.stdout()).toContain('Function DisabledByUnderscore is disabled (AzureWebJobs_DisabledByUnderscore_Disabled=1)');
    expect(host.stdout()).not.toMatch(/^(\[[^\]]+\] )?\s+DisabledByDot:/m);
    expect(host.stdout()).toMatch(/^(\[[^\]]+\] )?\s+NotDisabled:/m);
  });
});

describe('HEAD', () => {
  it('is 404 on a GET-only function, as Azure (GET does not imply HEAD)', async () => {
    const res = await rawRequest(`${host.url}/api/hello/ada`, { method: 'HEAD' });
    expect(res.status).toBe(404);
  });

  it('runs a function that lists HEAD: its headers, no body', async () => {
    const res = await rawRequest(`${host.url}/api/with-head`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['x-kind']).toBe('with-head');
    expect(res.body.length).toBe(0);
  });
});

describe('host pages', () => {
  it('GET / answers the landing page (HTML)', async () => {
    const res = await fetch(`${host.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toContain('Your Functions app is up and running');
  });

  it('GET /admin/host/status answers the host status; other methods 405', async () => {
    const res = await fetch(`${host.url}/admin/host/status`);
    expect(res.status).toBe(200);
    const status = (await res.json()) as Record<string, unknown>;
    expect(status).toMatchObject({ state: 'Running', id: 'local-http-cjs' });
    expect(typeof status.version).toBe('string');
    expect(typeof status.processUptime).toBe('number');
    expect((await rawRequest(`${host.url}/admin/host/status`, { method: 'HEAD' })).status).toBe(405);
    const post = await fetch(`${host.url}/admin/host/status`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(((await post.json()) as { error: { code: string } }).error.code).toBe('MethodNotAllowed');
  });
});

describe("errors of Node's HTTP parser are JSON", () => {
  it('headers too large → 431 JSON', async () => {
    const text = await rawExchange(host.url, `GET /api/hello HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(text).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(text).toContain('content-type: application/json; charset=utf-8');
    const body = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
    expect(body.error.code).toBe('RequestHeaderFieldsTooLarge');
  });

  it('a malformed header → 400 JSON', async () => {
    const text = await rawExchange(host.url, 'GET /api/hello HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    const body = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
    expect(body.error.code).toBe('BadRequest');
    expect(body.error.message).toMatch(/^The request is malformed \(HPE_INVALID_HEADER_TOKEN/);
  });

  it('a malformed request line → 400 JSON', async () => {
    const text = await rawExchange(host.url, 'GARBAGE\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)).error.code).toBe('BadRequest');
  });
});

describe('/admin/host/status with --enable-auth', () => {
  let secured: RunningHost;
  beforeAll(async () => {
    secured = await startHost(fixture('http-cjs'), { args: ['--enable-auth'], env: { FUNCTIONS_MASTER_KEY: 'master-key-9', FUNCTIONS_FUNCTION_KEY: 'fn-key-9' } });
  });
  afterAll(async () => {
    await secured?.stop();
  });

  it('needs the master key (a function key is not enough)', async () => {
    expect((await fetch(`${secured.url}/admin/host/status`)).status).toBe(401);
    expect((await fetch(`${secured.url}/admin/host/status?code=fn-key-9`)).status).toBe(401);
    expect((await fetch(`${secured.url}/admin/host/status`, { headers: { 'x-functions-key': 'master-key-9' } })).status).toBe(200);
  });

  it('leaves the landing page open', async () => {
    expect((await fetch(`${secured.url}/`)).status).toBe(200);
  });
});

describe('FUNCTIONS_REQUEST_BODY_SIZE_LIMIT (buffered mode)', () => {
  let limited: RunningHost;
  beforeAll(async () => {
    limited = await startHost(fixture('http-cjs'), { env: { FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: '100' } });
  });
  afterAll(async () => {
    await limited?.stop();
  });

  it('is the body limit: 100 bytes pass, 101 get 413 JSON (declared or chunked)', async () => {
    expect((await rawRequest(`${limited.url}/api/echo/x`, { method: 'POST', body: 'a'.repeat(100) })).status).toBe(200);
    const declared = await rawRequest(`${limited.url}/api/echo/x`, { method: 'POST', body: 'a'.repeat(101) });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body.toString()).error.message).toContain('limit of 100 bytes');
    const chunked = await rawRequest(`${limited.url}/api/echo/x`, { method: 'POST', headers: { 'transfer-encoding': 'chunked' }, body: 'a'.repeat(101) });
    expect(chunked.status).toBe(413);
  });

  it('--max-request-body-bytes wins over the setting', async () => {
    const flagged = await startHost(fixture('http-cjs'), { args: ['--max-request-body-bytes', '200'], env: { FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: '100' } });
    try {
      expect((await rawRequest(`${flagged.url}/api/echo/x`, { method: 'POST', body: 'a'.repeat(150) })).status).toBe(200);
    } finally {
      await flagged.stop();
    }
  });

  it('a value that is not a number of bytes stops the start with one line', async () => {
    const run = await runHostToExit(fixture('http-cjs'), { env: { FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: '10MB' } });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('Error: FUNCTIONS_REQUEST_BODY_SIZE_LIMIT must be a number of bytes (a non-negative integer), got "10MB"');
  });
});
