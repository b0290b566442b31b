// Node 22 does not say where an ES module's SyntaxError is (the stack only shows loader internals), so on
// that failure path the host asks `node --check` about the app's files until one fails, to name it.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const MAX_FILES = 200;

function sourceFiles(dir: string, found: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (found.length >= MAX_FILES) return;
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, found);
    else if (/\.(m|c)?js$/.test(entry.name)) found.push(full);
  }
}

/** "file:line" of the first app file that does not parse, starting with `first`; undefined if none is found. */
export function locateSyntaxError(appDir: string, first: string): string | undefined {
  const candidates: string[] = [];
  sourceFiles(appDir, candidates);
  const ordered = [first, ...candidates.filter((file) => file !== first)];
  for (const file of ordered) {
    const result = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 10_000 });
    if (result.status !== 0 && result.stderr) {
      const location = result.stderr.split('\n', 1)[0]?.match(/^((?:file:\/\/)?\/.*:\d+)$/)?.[1];
      if (location) return location.replace(/^file:\/\//, '');
    }
  }
  return undefined;
}
