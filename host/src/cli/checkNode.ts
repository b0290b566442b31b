// Imported first by main.ts: stops with one line, before anything loads node:sqlite, when Node is too old.
// main.js is CommonJS, so its requires run in order and this one runs before the store module is loaded.
import { nodeVersionProblem } from './nodeVersion.js';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
