// Measures what a long order history costs (app/NOTES.md, "Order history"): bytes per order as JSON and as
// stored, then checkout and the first page of the order list for a customer with N earlier orders against
// a new customer, on the built local host (SQLite file in a temp folder). Not a benchmark gate: it prints.
//   npm run build && npx node scripts/measure-order-history.mjs [earlierOrders=10000] [rounds=40]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const { addOrder, emptyOrders } = require(path.join(root, 'app/dist/src/domain/orders.js'));
const { buildOrder } = require(path.join(root, 'app/dist/src/domain/checkout.js'));
const { openChunkOf } = require(path.join(root, 'app/dist/src/contracts/state.js'));
const { checkoutIdFor } = require(path.join(root, 'app/dist/src/orchestrations/checkoutId.js'));

const EARLIER = Number(process.argv[2] ?? 10_000);
const ROUNDS = Number(process.argv[3] ?? 40);
const dir = mkdtempSync(path.join(tmpdir(), 'order-history-'));
const data = path.join(dir, 'store.sqlite');

function startHost() {
  const child = spawn(process.execPath, [path.join(root, 'host/dist/cli/main.js'), '--app', path.join(root, 'app'), '--port', '0', '--data', data],
    { env: { ...process.env, STORE_SEED_SAMPLE_CATALOG: 'false', STORE_REQUIRE_AUTH: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (c) => {
      out += c;
      const m = /Host listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ base: m[1].replace(/\/$/, '').replace('//localhost:', '//127.0.0.1:'), stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) });
    });
    child.stderr.on('data', (c) => (out += c));
    child.once('exit', (code) => reject(new Error(`host exited ${code}:\n${out}`)));
  });
}
const call = async (base, method, url, body) => {
  const t0 = performance.now();
  const r = await fetch(base + url, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${text}`);
  return { ms: performance.now() - t0, text };
};
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p90: s[Math.floor(s.length * 0.9)] };
};
const fmt = ({ median, p90 }) => `median ${median.toFixed(1)} ms, p90 ${p90.toFixed(1)} ms`;

// a typical order: two lines of the sample catalog's kind
const products = [['house-blend', 'House Blend, medium roast', 12.5], ['kenya-aa', 'Kenya AA, light roast', 18.95], ['espresso-forte', 'Espresso Forte, dark roast', 14.25], ['swiss-decaf', 'Swiss Water Decaf', 13.4]];
const orderAt = (i) => buildOrder(checkoutIdFor(`checkout.${i}`), 'heavy', new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(), [
  { itemId: products[i % 4][0], description: products[i % 4][1], unitPrice: products[i % 4][2], quantity: 1 + (i % 3) },
  { itemId: products[(i + 1) % 4][0], description: products[(i + 1) % 4][1], unitPrice: products[(i + 1) % 4][2], quantity: 1 },
]);
let state = emptyOrders();
const open = openChunkOf('Orders', 'heavy');
for (let i = 0; i < EARLIER; i++) state = addOrder(state, orderAt(i), open).value.state;
const stateText = JSON.stringify(state);
const plainBytes = JSON.stringify({ orders: Array.from({ length: EARLIER }, (_, i) => orderAt(i)) }).length;
console.log(`one 2-line order as JSON: ${JSON.stringify(orderAt(1)).length} bytes`);
console.log(`${EARLIER} orders: stored ${stateText.length} bytes (${(stateText.length / EARLIER).toFixed(1)} bytes/order; ${state.archive?.length ?? 0} sealed chunks + ${state.orders.length} unsealed), as one plain JSON array ${plainBytes} bytes (${(plainBytes / EARLIER).toFixed(1)} bytes/order)`);

let host = await startHost();
await call(host.base, 'POST', '/api/store/inventory', { id: 'kona', description: 'Kona', price: 12.5, availableStock: 1_000_000, restockThreshold: 1, maxStockThreshold: 1_000_000 });
await call(host.base, 'POST', '/api/user/heavy/shoppingCart/kona', { quantity: 1 });
await call(host.base, 'POST', '/api/user/heavy/order/checkout'); // creates the Orders row
await host.stop();
const db = new DatabaseSync(data);
db.prepare('UPDATE entities SET state = ? WHERE id = ?').run(stateText, '@orders@heavy');
db.close();
host = await startHost();

const runs = { fresh: { checkout: [], page: [] }, heavy: { checkout: [], page: [] } };
for (let r = 0; r < 5; r++) { // warm-up
  for (const user of [`warm-${r}`, 'heavy']) {
    await call(host.base, 'POST', `/api/user/${user}/shoppingCart/kona`, { quantity: 1 });
    await call(host.base, 'POST', `/api/user/${user}/order/checkout`);
    await call(host.base, 'GET', `/api/user/${user}/order`);
  }
}
for (let r = 0; r < ROUNDS; r++) {
  for (const [kind, user] of [['fresh', `new-${r}`], ['heavy', 'heavy']]) {
    await call(host.base, 'POST', `/api/user/${user}/shoppingCart/kona`, { quantity: 1 });
    runs[kind].checkout.push((await call(host.base, 'POST', `/api/user/${user}/order/checkout`)).ms);
    runs[kind].page.push((await call(host.base, 'GET', `/api/user/${user}/order`)).ms);
  }
}
const page = await call(host.base, 'GET', '/api/user/heavy/order');
await host.stop();
rmSync(dir, { recursive: true, force: true });
for (const what of ['checkout', 'page']) {
  const fresh = stats(runs.fresh[what]);
  const heavy = stats(runs.heavy[what]);
  console.log(`${what === 'page' ? 'first page (20)' : 'checkout'}: new customer ${fmt(fresh)}; with ${EARLIER}+ earlier orders ${fmt(heavy)} (ratio of medians ${(heavy.median / fresh.median).toFixed(2)})`);
}
console.log(`first page body: ${page.text.length} bytes, ${JSON.parse(page.text).length} orders`);
