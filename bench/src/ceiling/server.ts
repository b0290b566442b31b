// The ceiling: the least a durable request can cost on this machine. A minimal node:http server on the same
// routes as the store where every measured request commits exactly ONE SQLite write transaction with the
// host's durability settings (WAL, synchronous=NORMAL: a commit survives kill -9 of the process). Requests are
// not batched into shared transactions (no group commit): one request, one commit, like a naive server.
// GET routes read what they answer and also commit one small write (a per-route hit counter), so every
// scenario's ceiling is "one durable commit per request". Usage: server.ts --data FILE [--port N]
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string', default: '0' },
    synchronous: { type: 'string', default: 'NORMAL' },
  },
});
if (!values.data) throw new Error('--data FILE is required');

const db = new DatabaseSync(values.data);
db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = ${values.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}; PRAGMA busy_timeout = 5000;`);
db.exec(`
  CREATE TABLE IF NOT EXISTS items (id TEXT PRIMARY KEY, json TEXT NOT NULL, stock INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS cart_lines (user_id TEXT NOT NULL, item_id TEXT NOT NULL, quantity INTEGER NOT NULL, PRIMARY KEY (user_id, item_id));
  CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, user_id TEXT NOT NULL, json TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, n INTEGER NOT NULL);
`);

const sql = {
  insertItem: db.prepare('INSERT INTO items (id, json, stock) VALUES (?, ?, ?)'),
  addStock: db.prepare('UPDATE items SET stock = stock + ? WHERE id = ?'),
  item: db.prepare('SELECT id, json, stock FROM items WHERE id = ?'),
  items: db.prepare('SELECT id, json, stock FROM items ORDER BY id'),
  addLine: db.prepare('INSERT INTO cart_lines (user_id, item_id, quantity) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET quantity = quantity + excluded.quantity'),
  line: db.prepare('SELECT quantity FROM cart_lines WHERE user_id = ? AND item_id = ?'),
  lines: db.prepare('SELECT item_id AS itemId, quantity FROM cart_lines WHERE user_id = ?'),
  clearCart: db.prepare('DELETE FROM cart_lines WHERE user_id = ?'),
  takeStock: db.prepare('UPDATE items SET stock = stock - ? WHERE id = ? AND stock >= ?'),
  insertOrder: db.prepare('INSERT INTO orders (user_id, json) VALUES (?, ?)'),
  bump: db.prepare('INSERT INTO counters (name, n) VALUES (?, 1) ON CONFLICT DO UPDATE SET n = n + 1'),
};

interface ItemRow { id: string; json: string; stock: number }
const itemView = (row: ItemRow) => ({ ...JSON.parse(row.json), id: row.id, availableStock: row.stock });

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', reject);
    req.on('end', () => {
      try {
        resolve(chunks.length === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error);
      }
    });
  });
}

const ID = '([A-Za-z0-9_-]{1,64})';
const routes: [string, RegExp, (m: RegExpMatchArray, body: Record<string, unknown>, url: URL) => [number, unknown]][] = [
  ['GET', /^\/api\/store$/, () => {
    const items = (sql.items.all() as unknown as ItemRow[]).map(itemView);
    sql.bump.run('browse');
    return [200, items];
  }],
  ['POST', /^\/api\/store\/inventory$/, (_m, body) => {
    const id = String(body.id);
    const { availableStock, ...rest } = body;
    sql.insertItem.run(id, JSON.stringify(rest), Number(availableStock ?? 0));
    return [201, itemView(sql.item.get(id) as unknown as ItemRow)];
  }],
  ['PUT', new RegExp(`^/api/store/inventory/${ID}$`), (m, body) => {
    if (sql.addStock.run(Number(body.quantity), m[1]).changes === 0) return [404, { error: { code: 'ItemNotFound', message: m[1] } }];
    return [200, itemView(sql.item.get(m[1]) as unknown as ItemRow)];
  }],
  ['GET', new RegExp(`^/api/store/inventory/${ID}$`), (m) => {
    const row = sql.item.get(m[1]) as ItemRow | undefined;
    return row ? [200, itemView(row)] : [404, { error: { code: 'ItemNotFound', message: m[1] } }];
  }],
  ['POST', new RegExp(`^/api/user/${ID}/shoppingCart/${ID}$`), (m, body) => {
    const quantity = Number(body.quantity);
    const row = sql.item.get(m[2]) as ItemRow | undefined;
    if (!row) return [404, { error: { code: 'ItemNotFound', message: m[2] } }];
    const current = (sql.line.get(m[1], m[2]) as { quantity: number } | undefined)?.quantity ?? 0;
    if (current + quantity > row.stock) return [409, { error: { code: 'OutOfStock', message: m[2] } }];
    sql.addLine.run(m[1], m[2], quantity);
    return [200, { userId: m[1], items: sql.lines.all(m[1]) }];
  }],
  ['GET', new RegExp(`^/api/user/${ID}/shoppingCart$`), (m) => {
    const items = sql.lines.all(m[1]);
    sql.bump.run('read-cart');
    return [200, { userId: m[1], items }];
  }],
  ['POST', new RegExp(`^/api/user/${ID}/order/checkout$`), (m) => {
    const lines = sql.lines.all(m[1]) as unknown as { itemId: string; quantity: number }[];
    if (lines.length === 0) return [409, { error: { code: 'EmptyCart', message: 'empty cart' } }];
    // one transaction: all lines sold or none, the cart emptied, the order written; one commit
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const line of lines) {
        if (sql.takeStock.run(line.quantity, line.itemId, line.quantity).changes === 0) {
          db.exec('ROLLBACK');
          return [409, { error: { code: 'OutOfStock', message: line.itemId } }];
        }
      }
      sql.clearCart.run(m[1]);
      const order = { userId: m[1], items: lines, status: 'Placed' };
      const id = sql.insertOrder.run(m[1], JSON.stringify(order)).lastInsertRowid;
      db.exec('COMMIT');
      return [201, { id: String(id), ...order }];
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }],
  // the inventory scenario's signals: one committed stock increment per operation, counted back by GET item
  ['POST', new RegExp(`^/runtime/webhooks/durabletask/entities/${ID}/${ID}$`), (_m, body) => {
    if (sql.addStock.run(Number(body.quantity ?? 1), String(body.itemId)).changes === 0) return [404, { error: { code: 'ItemNotFound', message: String(body.itemId) } }];
    return [202, {}];
  }],
];

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = req.method === 'POST' || req.method === 'PUT' ? await readJson(req) : {};
    for (const [method, pattern, handle] of routes) {
      const match = req.method === method ? url.pathname.match(pattern) : null;
      if (match) {
        const [status, answer] = handle(match, body, url);
        return send(res, status, answer);
      }
    }
    send(res, 404, { error: { code: 'NotFound', message: `${req.method} ${url.pathname}` } });
  } catch (error) {
    send(res, 500, { error: { code: 'Internal', message: String(error) } });
  }
});
server.keepAliveTimeout = 60_000;
server.listen(Number(values.port), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`Ceiling listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  db.close();
  process.exit(0);
});
