// The start-up summary and the log format: a timestamp on every line, the key each route needs, where the
// data is kept, whether keys are enforced, and the readiness line last.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { timestampLines, writeUnstamped } from '../../src/cli/timestamps.js';
import { fixture, startHost } from '../support/spawnHost.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'host-summary-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const STAMP = /^\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\] /;

describe('start-up summary', () => {
  it('stamps every line, marks keyed routes, names the data folder, says keys are not enforced, ends with the ready line', async () => {
    const data = path.join(scratch, 'data', 'store.sqlite');
    const host = await startHost(fixture('http-cjs'), { args: ['--port', '0', '--data', data], defaults: false });
    try {
      await (await fetch(`${host.url}/api/logs`)).text(); // a function that logs through context.log
      await host.waitForOutput('info line 42');
      const lines = host.stdout().split('\n').filter((line) => line !== '');
      for (const line of lines) expect(line).toMatch(STAMP);
      const text = lines.map((line) => line.replace(STAMP, ''));
      expect(text).toContain(`  FunctionLevel: [GET] ${host.url}/api/secure/function (function key)`);
      expect(text).toContain(`  AdminLevel: [GET] ${host.url}/api/secure/admin (master key)`);
      expect(text).toContain(`  Hello: [GET] ${host.url}/api/hello/{name?}`);
      expect(text).toContain(`Data folder: ${path.dirname(data)} (durable store store.sqlite)`);
      expect(text).toContain('Keys: not enforced (as func start); start with --enable-auth to require them');
      const ready = text.findIndex((line) => line.startsWith('Host listening on '));
      expect(ready).toBeGreaterThan(text.indexOf('Keys: not enforced (as func start); start with --enable-auth to require them'));
    } finally {
      await host.stop();
    }
  });

  it('with --data :memory: says nothing is kept; with --enable-auth says nothing about unenforced keys', async () => {
    const host = await startHost(fixture('http-cjs'), { args: ['--enable-auth'] });
    try {
      const text = host.stdout().split('\n').map((line) => line.replace(STAMP, ''));
      expect(text).toContain('Data: in memory (--data :memory:): durable state and timer status are lost at exit');
      expect(text.some((line) => line.startsWith('Keys: not enforced'))).toBe(false);
    } finally {
      await host.stop();
    }
  });
});

describe('timestampLines', () => {
  it('stamps lines split across writes once, and several lines in one write each', async () => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream;
    let out = '';
    (stream as unknown as PassThrough).on('data', (chunk: Buffer) => (out += chunk.toString()));
    let n = 0;
    timestampLines(stream, () => `T${++n}`);
    stream.write('first ');
    stream.write('line\nsecond line\nthird');
    stream.write(' line\n');
    writeUnstamped(stream, 'Error: raw\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(out).toBe('[T1] first line\n[T2] second line\n[T2] third line\nError: raw\n');
  });
});
