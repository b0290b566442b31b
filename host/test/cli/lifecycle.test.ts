// CLI contract and graceful shutdown.
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, runHostToExit, startHost } from '../support/spawnHost.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'host-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('command line', () => {
  it('rejects an unknown flag with exit code 2', async () => {
    const result = await runHostToExit(fixture('http-cjs'), { args: ['--bogus'] });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Error: Unknown option '--bogus'/);
    expect(result.stderr).toContain('Usage: local-func-host --app <appDir>');
  });

  it('rejects a bad port with exit code 2', async () => {
    const result = await runHostToExit(fixture('http-cjs'), { args: ['--port', 'abc'], defaults: false });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Error: --port must be an integer/);
  });

  it('--help prints the usage and exits 0', async () => {
    const result = await runHostToExit(fixture('http-cjs'), { args: ['--help'] });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: local-func-host --app <appDir>/);
  });

  it('logs every invocation only with --verbose', async () => {
    const quiet = await startHost(fixture('http-cjs'));
    const verbose = await startHost(fixture('http-cjs'), { args: ['--verbose'] });
    try {
      await (await fetch(`${quiet.url}/api/hello`)).text();
      await (await fetch(`${verbose.url}/api/hello`)).text();
      await verbose.waitForOutput(/Executed 'Functions\.Hello' \(Succeeded, Id=[0-9a-f-]{36}, Duration=\d+ms\)/);
      expect(verbose.stdout()).toMatch(
        /^\[\d{4}-\d\d-\d\dT[\d:.]+Z\] Executing 'Functions\.Hello' \(Reason='This function was programmatically called via the host APIs\.', Id=[0-9a-f-]{36}\)$/m,
      );
      expect(quiet.stdout() + quiet.stderr()).not.toContain("Functions.Hello");
    } finally {
      await Promise.all([quiet.stop(), verbose.stop()]);
    }
  });

  it('creates the folder of the --data file', async () => {
    const data = path.join(scratch, 'nested', 'dir', 'store.sqlite');
    const host = await startHost(fixture('http-cjs'), { args: ['--port', '0', '--data', data], defaults: false });
    try {
      expect(existsSync(path.dirname(data))).toBe(true);
    } finally {
      await host.stop();
    }
  });

  it('fails with one line when the port is taken', async () => {
    const first = await startHost(fixture('http-cjs'));
    try {
      const port = new URL(first.url).port;
      const result = await runHostToExit(fixture('http-cjs'), { args: ['--port', port, '--data', ':memory:'], defaults: false });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toMatch(/^Error: the port is already in use \(listen EADDRINUSE[^\n]*\)$/);
    } finally {
      await first.stop();
    }
  });
});

describe('shutdown', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s finishes in-flight requests, runs appTerminate and exits 0', async (signal) => {
    const marker = path.join(scratch, `terminated-${signal}.txt`);
    const host = await startHost(fixture('http-cjs'), { env: { FIXTURE_TERMINATE_FILE: marker } });
    const inFlight = fetch(`${host.url}/api/slow/700`).then(async (res) => ({ status: res.status, text: await res.text() }));
    await host.waitForOutput('slow started 700'); // the request is in the function
    const exitCode = host.stop(signal);
    expect(await inFlight).toEqual({ status: 200, text: 'slept 700' });
    expect(await exitCode).toBe(0);
    expect(readFileSync(marker, 'utf8')).toBe('terminated; hookData from appStart');
    await expect(fetch(`${host.url}/api/hello`)).rejects.toThrow();
  });

  it('does not wait for idle keep-alive connections', async () => {
    const http = await import('node:http');
    const host = await startHost(fixture('http-cjs'));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    const get = (path: string) =>
      new Promise<number>((resolve, reject) => {
        http.get(`${host.url}${path}`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        }).on('error', reject);
      });
    try {
      expect(await get('/api/hello')).toBe(200); // leaves an idle keep-alive socket
      const slow = get('/api/slow/300'); // and one in flight on a second socket
      await host.waitForOutput('slow started 300');
      const exitCode = host.stop('SIGTERM');
      expect(await slow).toBe(200);
      expect(await exitCode).toBe(0); // a hang would end in SIGKILL (null) from the helper
    } finally {
      agent.destroy();
    }
  });
});
