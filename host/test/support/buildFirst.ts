// Vitest globalSetup (vitest.config.ts): compile the host before any test runs, so the end-to-end tests never
// start an old dist/ (README "Tests"). tsc is incremental: with nothing changed it only checks, in about a second.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const hostRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default function buildFirst(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(hostRoot, 'tsconfig.json')], { stdio: 'inherit' });
  } catch {
    throw new Error('the host does not compile (tsc errors above): the end-to-end tests would run an old dist/');
  }
}
