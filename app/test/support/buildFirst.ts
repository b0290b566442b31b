// Vitest globalSetup (vitest.config.ts): compile the host and this app before any test runs, so the end-to-end
// tests never start an old host or load an old app from dist/ (README "Tests"). tsc is incremental: with
// nothing changed it only checks, in a second or two.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const APP_DIR = path.resolve(__dirname, '../..');
const PROJECTS = { host: path.resolve(APP_DIR, '../host/tsconfig.json'), app: path.join(APP_DIR, 'tsconfig.json') };

export default function buildFirst(): void {
  const tsc = createRequire(__filename).resolve('typescript/bin/tsc');
  for (const [name, project] of Object.entries(PROJECTS)) {
    try {
      execFileSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit' });
    } catch {
      throw new Error(`the ${name} does not compile (tsc errors above): the end-to-end tests would run an old dist/`);
    }
  }
}
