// context.df.callHttp (spec §5.5 CallHttp): the host performs the request as a durable task of the hub, records
// the response as history, and follows 202 + Location (Retry-After) with a durable timer and a GET per poll,
// as the extension's CallHttpAsync does. The endpoints are an HTTP server on 127.0.0.1 started here.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startHost, type RunningHost } from '../support/spawnHost.js';

const API = '/runtime/webhooks/durabletask';

interface Seen { method: string; url: string; headers: http.IncomingHttpHeaders; body: string; at: number }
const seen: Seen[] = [];
const polls = new Map<string, number>();
let held: ((status: number) => void)[] = [];
let server: http.Server;
let target = '';
let host: RunningHost;
const dir = mkdtempSync(path.join(tmpdir(), 'durable-http-'));

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c) => (body += c)).on('end', () => {
      const entry = { method: req.method!, url: req.url!, headers: req.headers, body, at: Date.now() };
      seen.push(entry);
      const url = new URL(req.url!, 'http://x');
      if (url.pathname === '/echo') {
        res.setHeader('x-test', 'yes');
        res.setHeader('set-cookie', ['a=1', 'b=2']);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ method: req.method, url: req.url, body, contentType: req.headers['content-type'] ?? null, custom: req.headers['x-custom'] ?? null }));
      } else if (url.pathname === '/start') {
        const id = `job${seen.length}`;
        polls.set(id, 0);
        res.writeHead(202, { location: `/status/${id}`, 'retry-after': '1' }).end('accepted');
      } else if (url.pathname.startsWith('/status/')) {
        const id = url.pathname.slice('/status/'.length);
        const n = (polls.get(id) ?? 0) + 1;
        polls.set(id, n);
        if (n < 2) res.writeHead(202, { location: `/status/${id}`, 'retry-after': '1' }).end('still running');
        else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ done: id, polls: n }));
      } else if (url.pathname === '/hold') {
        held.push((status) => res.writeHead(status).end('released'));
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  host = await startHost(fixture('durable-http'), { defaults: false, args: ['--port', '0', '--data', path.join(dir, 'a.sqlite')] });
});

afterAll(async () => {
  await host?.stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

async function start(on: RunningHost, name: string, input: unknown): Promise<string> {
  const res = await fetch(`${on.url}${API}/orchestrators/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

async function outputOf(on: RunningHost, id: string, timeoutMs = 30_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${on.url}${API}/instances/${id}`);
    const status = (await res.json()) as { runtimeStatus: string; output: unknown };
    if (status.runtimeStatus === 'Completed') return status.output;
    if (status.runtimeStatus === 'Failed' || status.runtimeStatus === 'Terminated') throw new Error(`instance ${id}: ${JSON.stringify(status)}`);
    if (Date.now() > deadline) throw new Error(`instance ${id} did not complete: ${JSON.stringify(status)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('context.df.callHttp', () => {
  it('sends the request (method, JSON body, headers) and returns statusCode, headers and content', async () => {
    const id = await start(host, 'HttpCaller', { url: `${target}/echo?q=1`, method: 'POST', body: { hello: 'world' }, headers: { 'x-custom': 'c1' } });
    const out = await outputOf(host, id);
    expect(out.ok).toBe(true);
    expect(out.response.statusCode).toBe(200);
    expect(out.response.headers['x-test']).toBe('yes');
    expect(out.response.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    // content headers are not in the response's headers, as in the extension (HttpResponseMessage.Headers)
    expect(out.response.headers['content-type']).toBeUndefined();
    expect(JSON.parse(out.response.content)).toEqual({ method: 'POST', url: '/echo?q=1', body: '{"hello":"world"}', contentType: 'text/plain', custom: 'c1' });
  });

  it('follows 202 + Location after Retry-After with GETs (no x-functions-key), and returns the final answer', async () => {
    const before = seen.length;
    const id = await start(host, 'HttpCaller', { url: `${target}/start`, method: 'POST', body: 'go', headers: { 'x-functions-key': 'secret', 'x-custom': 'kept' } });
    const out = await outputOf(host, id);
    expect(out.ok).toBe(true);
    expect(out.response.statusCode).toBe(200);
    expect(JSON.parse(out.response.content)).toMatchObject({ polls: 2 });
    const calls = seen.slice(before);
    expect(calls.map((c) => `${c.method} ${c.url.replace(/job\d+/, 'job')}`)).toEqual(['POST /start', 'GET /status/job', 'GET /status/job']);
    expect(calls[1]!.headers['x-functions-key']).toBeUndefined();
    expect(calls[1]!.headers['x-custom']).toBe('kept');
    // Retry-After: 1 is a durable timer of one second before each poll
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(900);
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(900);
  });

  it('returns the 202 itself when polling is disabled', async () => {
    const id = await start(host, 'HttpCaller', { url: `${target}/start`, method: 'POST', enablePolling: false });
    const out = await outputOf(host, id);
    expect(out.response.statusCode).toBe(202);
    expect(out.response.headers.location).toMatch(/^\/status\/job\d+$/);
    expect(out.response.content).toBe('accepted');
  });

  it('replays two calls in sequence, the first one polled (task ids line up with the library)', async () => {
    const id = await start(host, 'HttpTwice', { url: target });
    expect(await outputOf(host, id)).toEqual([200, { method: 'GET', url: '/echo?after=200', body: '', contentType: null, custom: null }]);
  });

  it('a failed connection reaches the orchestrator as an error', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const id = await start(host, 'HttpCaller', { url: `http://127.0.0.1:${port}/nothing` });
    const out = await outputOf(host, id);
    expect(out.ok).toBe(false);
    expect(out.message).toContain(`The HTTP request to http://127.0.0.1:${port}/nothing failed`);
  });

  it('a bad request (relative url) fails the orchestration with the reason', async () => {
    const id = await start(host, 'HttpCaller', { url: '/relative' });
    const res = await fetch(`${host.url}${API}/instances/${id}`);
    let status = (await res.json()) as { runtimeStatus: string; output: unknown };
    const deadline = Date.now() + 20_000;
    while (status.runtimeStatus !== 'Failed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await (await fetch(`${host.url}${API}/instances/${id}`)).json()) as typeof status;
    }
    expect(status.runtimeStatus).toBe('Failed');
    expect(String(status.output)).toContain('callHttp: invalid url "/relative"');
  });

  it('a call in flight when the host is killed is sent again after the restart, and its answer completes the orchestration', async () => {
    const file = path.join(dir, 'crash.sqlite');
    const first = await startHost(fixture('durable-http'), { defaults: false, args: ['--port', '0', '--data', file] });
    const id = await start(first, 'HttpCaller', { url: `${target}/hold`, method: 'PUT', body: 'x' });
    const arrived = async (count: number) => {
      const deadline = Date.now() + 20_000;
      while (seen.filter((s) => s.url === '/hold').length < count) {
        if (Date.now() > deadline) throw new Error('the held request did not arrive');
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const before = seen.filter((s) => s.url === '/hold').length;
    await arrived(before + 1);
    await first.stop('SIGKILL');
    held = [];
    const second = await startHost(fixture('durable-http'), { defaults: false, args: ['--port', '0', '--data', file] });
    try {
      await arrived(before + 2);
      held.shift()!(201);
      const out = await outputOf(second, id);
      expect(out.response.statusCode).toBe(201);
      expect(out.response.content).toBe('released');
      expect(seen.filter((s) => s.url === '/hold').length).toBe(before + 2);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
