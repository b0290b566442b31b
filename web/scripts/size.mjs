// Prints what a first visit downloads: the JS (and CSS) that dist/index.html loads, raw and gzipped, and
// fails the build when the JS is over the budget (web/README.md, "Size").
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_JS_GZIP = 150 * 1024;
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
const sizes = { js: [0, 0], css: [0, 0] };
for (const ref of new Set(refs)) {
  const bytes = readFileSync(path.join(dist, ref));
  const kind = ref.endsWith('.js') ? 'js' : 'css';
  sizes[kind][0] += bytes.length;
  sizes[kind][1] += gzipSync(bytes, { level: 9 }).length;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`web: first-load JS ${kb(sizes.js[0])} (${kb(sizes.js[1])} gzipped, budget ${kb(BUDGET_JS_GZIP)}), CSS ${kb(sizes.css[0])} (${kb(sizes.css[1])} gzipped)`);
if (sizes.js[0] === 0) {
  console.error('web: no script found in dist/index.html');
  process.exit(1);
}
if (sizes.js[1] > BUDGET_JS_GZIP) {
  console.error(`web: first-load JS is over the budget of ${kb(BUDGET_JS_GZIP)} gzipped`);
  process.exit(1);
}
