// Started on a Node older than it needs, the host prints one line (what is needed, and that `npm start`
// brings it) and exits 1: no stack trace, nothing loaded. Run with the machine's own older Node (the
// system Node 20 of this machine kind) and, on any machine, with a Node 22 that reports an older version.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../src/cli/nodeVersion.js';
import { fixture, hostMain } from '../support/spawnHost.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** `node` executables on PATH (outside node_modules) and in the usual places that are older than 22. */
function olderNodes(): string[] {
  const candidates = new Set(['/usr/bin/node', '/usr/local/bin/node', '/bin/node']);
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && !dir.includes('node_modules')) candidates.add(path.join(dir, 'node'));
  }
  const found = new Map<string, string>();
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    try {
      const version = execFileSync(candidate, ['--version'], { encoding: 'utf8' }).trim();
      if (Number(version.replace(/^v/, '').split('.')[0]) < 22) found.set(version, candidate);
    } catch {
      // not runnable: not a candidate
    }
  }
  return [...found.values()];
}

function expectOneLineRefusal(node: string, nodeArgs: string[] = []) {
  const result = spawnSync(node, [...nodeArgs, hostMain, '--app', fixture('http-cjs'), '--port', '0', '--data', ':memory:'], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^Error: the local Functions host needs Node\.js 22\.13 or later \(for node:sqlite\); this is Node\.js 20\.\d+\.\d+\. `npm start` runs it on the Node\.js 22/);
  expect(result.stderr).not.toContain('ERR_UNKNOWN_BUILTIN_MODULE');
}

describe('started on a Node that is too old', () => {
  it('the version rule: 22.13 and later pass, anything older gets the line', () => {
    for (const ok of ['22.13.0', '22.23.3', '23.0.0', '24.1.0']) expect(nodeVersionProblem(ok), ok).toBeUndefined();
    for (const old of ['22.12.0', '22.5.1', '20.20.2', '18.19.0']) expect(nodeVersionProblem(old), old).toMatch(/needs Node\.js 22\.13 or later/);
  });

  it('with the machine\'s older Node (system Node 20): one line, exit 1', () => {
    const nodes = olderNodes();
    expect(nodes, 'no Node older than 22 found (this machine kind has a system Node 20 at /usr/bin/node)').not.toHaveLength(0);
    for (const node of nodes) expectOneLineRefusal(node);
  });

  it('with a Node that reports 20.x: one line, exit 1', () => {
    expectOneLineRefusal(process.execPath, ['--require', path.join(here, 'support', 'pretendNode20.cjs')]);
  });
});
