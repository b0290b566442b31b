// The peer's HTTP front: the store's routes (app README) mapped onto Restate ingress calls, because Restate's
// ingress only serves /{service}/{key}/{handler}. Bodies are validated with the app's own request schemas.
// One extra loopback hop (front -> ingress) per request; the front shares a process with the service endpoint.
import { randomUUID } from 'node:crypto';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { requests, STATUS_OF, type DomainError } from './domain.ts';
import { INVENTORY_KEY } from './services.ts';

interface Reply {
  status: number;
  body: unknown;
}

const error = (status: number, code: string, message: string, details?: unknown): Reply => ({
  status,
  body: { error: details === undefined ? { code, message } : { code, message, details } },
});

const fromResult = (result: { ok: true; value: unknown } | { ok: false; error: DomainError }, okStatus = 200): Reply =>
  result.ok ? { status: okStatus, body: result.value } : { status: STATUS_OF[result.error.code] ?? 500, body: { error: result.error } };

export function createFront(ingress: string): Server {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const target = new URL(ingress);

  /** POST to the ingress; `send` makes it a one-way call answered 202 once Restate has durably accepted it. */
  function invoke(path: string, input?: unknown): Promise<{ status: number; body: unknown }> {
    const payload = input === undefined ? undefined : JSON.stringify(input);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: 'POST',
          path,
          headers: payload === undefined ? { 'content-length': 0 } : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: res.statusCode ?? 500, body: text === '' ? undefined : JSON.parse(text) });
            } catch {
              resolve({ status: res.statusCode ?? 500, body: text });
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  async function call(path: string, input?: unknown, okStatus = 200): Promise<Reply> {
    const answer = await invoke(path, input);
    if (answer.status !== 200) return error(502, 'Upstream', `Restate answered ${answer.status}`, answer.body);
    return fromResult(answer.body as Parameters<typeof fromResult>[0], okStatus);
  }

  const inventory = (handler: string) => `/Inventory/${INVENTORY_KEY}/${handler}`;
  const quantityOf = (body: unknown) => requests.QuantityBody.safeParse(body ?? { quantity: 1 });

  type Handler = (m: RegExpMatchArray, body: unknown, url: URL) => Promise<Reply>;
  const ID = '([A-Za-z0-9_-]{1,64})';
  const routes: [string, RegExp, Handler][] = [
    ['GET', /^\/api\/store$/, async () => {
      const answer = await invoke(inventory('items'));
      return { status: answer.status === 200 ? 200 : 502, body: answer.body };
    }],
    ['POST', /^\/api\/store\/inventory$/, async (_m, body) => {
      const parsed = requests.CreateItemBody.safeParse(body);
      if (!parsed.success) return error(400, 'ValidationFailed', 'Invalid item.', parsed.error.issues);
      const { onReorder: _ignored, ...item } = parsed.data;
      return call(inventory('createItem'), { ...item, id: item.id ?? randomUUID() }, 201);
    }],
    ['PUT', new RegExp(`^/api/store/inventory/${ID}$`), async (m, body) => {
      const parsed = quantityOf(body);
      if (!parsed.success) return error(400, 'ValidationFailed', 'Invalid quantity.', parsed.error.issues);
      return call(inventory('addStock'), { itemId: m[1], quantity: parsed.data.quantity });
    }],
    ['GET', new RegExp(`^/api/store/inventory/${ID}$`), async (m) => {
      const answer = await invoke(inventory('items'));
      const item = (answer.body as { id: string }[]).find((i) => i.id === m[1]);
      return item ? { status: 200, body: item } : error(404, 'ItemNotFound', `No product '${m[1]}' in the catalog.`);
    }],
    ['POST', new RegExp(`^/api/user/${ID}/shoppingCart/${ID}$`), async (m, body) => {
      const parsed = quantityOf(body);
      if (!parsed.success) return error(400, 'ValidationFailed', 'Invalid quantity.', parsed.error.issues);
      return call(`/Cart/${m[1]}/add`, { itemId: m[2], quantity: parsed.data.quantity });
    }],
    ['DELETE', new RegExp(`^/api/user/${ID}/shoppingCart/${ID}$`), async (m) => call(`/Cart/${m[1]}/remove`, { itemId: m[2] })],
    ['GET', new RegExp(`^/api/user/${ID}/shoppingCart$`), async (m) => call(`/Cart/${m[1]}/view`)],
    ['POST', new RegExp(`^/api/user/${ID}/order/checkout$`), async (m) => call(`/Orders/${m[1]}/checkout`, undefined, 201)],
    ['GET', new RegExp(`^/api/user/${ID}/order/${ID}$`), async (m) => call(`/Orders/${m[1]}/get`, { orderId: m[2] })],
    ['GET', new RegExp(`^/api/user/${ID}/order$`), async (m) => call(`/Orders/${m[1]}/list`)],
    // the durable client's signal route (same path as the host's), as a one-way Restate call
    ['POST', /^\/runtime\/webhooks\/durabletask\/entities\/Inventory\/store$/, async (_m, body, url) => {
      const op = url.searchParams.get('op') ?? '';
      if (op !== 'addStock') return error(400, 'ValidationFailed', `unsupported op '${op}'`);
      const answer = await invoke(`${inventory(op)}/send`, body);
      return answer.status === 202 ? { status: 202, body: {} } : error(502, 'Upstream', `Restate answered ${answer.status}`, answer.body);
    }],
  ];

  return createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let reply: Reply;
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const text = await readBody(req);
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        return write(res, error(400, 'MalformedJson', 'The body is not valid JSON.'));
      }
      reply = error(404, 'NotFound', `${req.method} ${url.pathname}`);
      for (const [method, pattern, handle] of routes) {
        const match = req.method === method ? url.pathname.match(pattern) : null;
        if (match) {
          reply = await handle(match, body, url);
          break;
        }
      }
    } catch (cause) {
      reply = error(500, 'Internal', String(cause));
    }
    write(res, reply);
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function write(res: ServerResponse, reply: Reply): void {
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
