// HTTP triggers of a CommonJS app, through real HTTP on a free port (spec §2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../support/rawRequest.js';
import { fixture, startHost, type RunningHost } from '../support/spawnHost.js';

let host: RunningHost;

beforeAll(async () => {
  host = await startHost(fixture('http-cjs'), { env: { FIXTURE_PRESET: 'from-environment' } });
});

afterAll(async () => {
  await host?.stop();
});

const get = (path: string, init?: RequestInit) => fetch(`${host.url}${path}`, init);

describe('start-up listing', () => {
  it('prints the functions like func start, then the ready line', () => {
    const out = host.stdout();
    expect(out).toMatch(/^\[\d{4}-[\d-]+T[\d:.]+Z\] Functions:$/m);
    expect(out).toContain(`  Hello: [GET] ${host.url}/api/hello/{name?}`);
    expect(out).toContain(`  Echo: [POST,PUT] ${host.url}/api/echo/{*rest}`);
    expect(out.indexOf('Functions:')).toBeLessThan(out.indexOf('Host listening on'));
    expect(host.url).toMatch(/^http:\/\/localhost:\d+$/);
  });
});

describe('responses', () => {
  it('serves text with the fetch default content type', async () => {
    const res = await get('/api/hello/ada');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
    expect(await res.text()).toBe('Hello, ada');
  });

  it('answers 204 with no body when the function returns undefined', async () => {
    const res = await get('/api/nothing');
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });

  it('answers 500 without internals when the function throws, and logs the error under its name and id', async () => {
    const res = await get('/api/boom');
    expect(res.status).toBe(500);
    const body = await res.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('InternalServerError');
    expect(JSON.stringify(body)).not.toContain('secret internal detail');
    const id = /invocation id ([0-9a-f-]{36})/.exec(body.error.message)![1]!;
    await host.waitForOutput(
      new RegExp(`Executed 'Functions\\.Boom' \\(Failed, Id=${id}, Duration=\\d+ms\\)\\n.*Exception while executing function: Functions\\.Boom\\. .*secret internal detail`),
    );
  });

  it('answers 500 when an HTTP function returns a non-object', async () => {
    expect((await get('/api/not-an-object')).status).toBe(500);
  });

  it('round-trips binary bodies, status and headers', async () => {
    const res = await get('/api/binary');
    expect(res.status).toBe(201);
    expect(res.headers.get('x-custom')).toBe('yes');
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0, 1, 2, 250, 255]);
  });

  it('turns response cookies into Set-Cookie and passes request cookies through', async () => {
    const res = await get('/api/cookies', { headers: { cookie: 'a=1; b=2' } });
    expect(res.headers.getSetCookie()).toEqual(['session=abc; Path=/; HttpOnly; SameSite=Strict', 'theme=dark; Max-Age=60']);
    expect(await res.json()).toEqual({ cookie: 'a=1; b=2' });
  });
});

describe('request conversion', () => {
  it('passes method, url, route params, joined query values, lower-cased joined headers and body bytes', async () => {
    const bytes = Buffer.from([0xff, 0x00, 0x10, 0x80]);
    // node:http keeps repeated header lines apart (fetch would join them itself).
    const res = await rawRequest(`${host.url}/api/echo/x/y%20z?a=1&a=2&b=3`, {
      method: 'POST',
      headers: ['X-Multi', '1', 'X-Multi', '2', 'Content-Type', 'application/octet-stream', 'Content-Length', '4'],
      body: bytes,
    });
    expect(res.status).toBe(200);
    const echo = JSON.parse(res.body.toString()) as Record<string, any>;
    expect(echo.method).toBe('POST');
    expect(echo.url).toBe(`${host.url}/api/echo/x/y%20z?a=1&a=2&b=3`);
    expect(echo.params).toEqual({ rest: 'x/y z' });
    expect(echo.query).toEqual({ a: '1,2', b: '3' });
    expect(echo.queryAll).toEqual(['1,2']);
    expect(echo.headers['x-multi']).toBe('1,2');
    expect(echo.headers['content-type']).toBe('application/octet-stream');
    expect(Buffer.from(echo.bodyBase64, 'base64')).toEqual(bytes);
  });

  it('passes text bodies', async () => {
    const res = await fetch(`${host.url}/api/echo`, { method: 'PUT', body: 'héllo wörld' });
    const echo = await res.json() as Record<string, any>;
    expect(Buffer.from(echo.bodyBase64, 'base64').toString('utf8')).toBe('héllo wörld');
  });
});

describe('configuration', () => {
  it('loads local.settings.json Values without overriding the environment, and sets WEBSITE_HOSTNAME', async () => {
    const res = await get('/api/settings');
    expect(await res.json()).toEqual({
      setting: 'from-local-settings',
      preset: 'from-environment',
      websiteHostname: host.url.replace('http://', ''),
    });
  });
});

describe('logging', () => {
  it('prints context.log/warn/error with the function name and invocation id', async () => {
    const res = await get('/api/logs');
    const id = await res.text();
    await host.waitForOutput(`[Logs] (${id}) info line 42`);
    await host.waitForOutput(`[Logs] (${id}) warn line`);
    await host.waitForOutput(`[Logs] (${id}) error line`);
    expect(host.stdout()).toContain(`[Logs] (${id}) info line 42`);
    expect(host.stderr()).toContain(`[Logs] (${id}) error line`);
  });
});

describe('hooks', () => {
  it('runs appStart, preInvocation (replacing the handler) and postInvocation (changing the result)', async () => {
    const res = await get('/api/hooked');
    expect(res.headers.get('x-wrapped')).toBe('by-pre-hook');
    expect(await res.json()).toEqual({ handler: 'ran', pre: 'pre-ran', app: 'app-start-ran' });
  });

  it('lets a postInvocation hook clear the error', async () => {
    const res = await get('/api/rescued');
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('rescued by post hook');
  });
});
