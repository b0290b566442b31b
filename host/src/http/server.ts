// The host's HTTP front door (node:http, keep-alive). Dispatch order: the extensions' own routes (e.g. the
// durable webhooks), the local sign-in routes in --enable-auth mode, then the app's HTTP triggers, else 404.
import http, { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { HostExtension, Invoker } from '../contracts.js';
import type { HostLogger } from '../invoke/log.js';
import type { AuthGate } from './auth.js';
import { errorCode, sendError } from './errors.js';
import type { HostRoutes } from './hostRoutes.js';
import { readBody } from './readBody.js';
import type { RouteTable } from './routeTable.js';
import { collectHeaders, toRpcHttpRequest, writeRpcHttpResponse } from './rpcHttp.js';
import type { StreamProxy } from './streamProxy.js';

export interface HostHttpServerOptions {
  routes: RouteTable;
  invoker: Invoker;
  extensions: readonly HostExtension[];
  maxRequestBodyBytes: number;
  /** present in --enable-auth mode */
  auth: AuthGate | undefined;
  logger: HostLogger;
  /** the landing page and /admin/host/status */
  hostRoutes: HostRoutes;
  /** present when the app enabled HTTP streaming: HTTP triggers are served in proxy mode */
  streamProxy?: StreamProxy | undefined;
}

/** Longest wait for in-flight requests at shutdown before connections are cut. */
const DRAIN_TIMEOUT_MS = 30_000;

export class HostHttpServer {
  readonly #options: HostHttpServerOptions;
  readonly #server: http.Server;
  #port = 0;
  readonly #active = new Set<ServerResponse>();
  #draining = false;
  #onIdle: (() => void) | undefined;
  #open = false;
  #opened: Promise<void>;
  #markOpen!: () => void;

  constructor(options: HostHttpServerOptions) {
    this.#options = options;
    this.#server = http.createServer({ keepAlive: true }, (req, res) => this.#track(req, res));
    // Node's default keep-alive timeout (5 s) is shorter than what load generators expect between requests.
    this.#server.keepAliveTimeout = 65_000;
    this.#server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket));
    this.#opened = new Promise((resolve) => (this.#markOpen = resolve));
  }

  /** Lets requests through once the extensions have started (requests before that wait). */
  open(): void {
    this.#open = true;
    this.#markOpen();
  }

  async listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    this.#port = (this.#server.address() as AddressInfo).port;
    return this.#port;
  }

  /** Stops accepting connections and resolves once in-flight requests have been answered (or the drain timed out). */
  async close(): Promise<void> {
    this.#draining = true;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    // Responses still to be written end their connection; idle keep-alive connections go now.
    for (const res of this.#active) if (!res.headersSent) res.setHeader('connection', 'close');
    this.#server.closeIdleConnections();
    if (this.#active.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, DRAIN_TIMEOUT_MS);
        this.#onIdle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    // Nothing is in flight: whatever connection is left is idle (or the drain timed out).
    this.#server.closeAllConnections();
    await closed;
  }

  #track(req: IncomingMessage, res: ServerResponse): void {
    this.#active.add(res);
    if (this.#draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      this.#active.delete(res);
      if (this.#draining && this.#active.size === 0) this.#onIdle?.();
    });
    this.#handle(req, res).catch((error: unknown) => {
      this.#options.logger.error(`Host error on ${req.method} ${req.url}: ${(error as Error)?.stack ?? String(error)}`);
      sendError(res, 500, 'The host failed to handle the request.');
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.#open) await this.#opened;
    const { routes, invoker, extensions, auth, maxRequestBodyBytes } = this.#options;
    const host = req.headers.host || `localhost:${this.#port}`;
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${host}`);
    } catch {
      req.resume();
      sendError(res, 400, 'The request URL or Host header is malformed.');
      return;
    }

    for (const extension of extensions) {
      if (extension.handleHttp && (await extension.handleHttp(req, res, url))) return;
    }
    if (auth && (await auth.handleOwnRoute(req, res, url))) return;
    if (url.pathname.startsWith('/admin/') && this.#options.hostRoutes.handleAdmin(req, res, url)) return;

    const method = req.method ?? 'GET';
    const match = routes.match(method, url.pathname);
    if (match === 'bad-path') {
      req.resume();
      sendError(res, 400, 'The request path is not valid percent-encoding.');
      return;
    }
    if (!match && url.pathname === '/') {
      req.resume();
      this.#options.hostRoutes.landingPage(res);
      return;
    }
    if (!match) {
      // As Azure: no route, or a route without this method → 404 with an empty body (spec §2.1).
      req.resume();
      res.statusCode = 404;
      res.setHeader('content-length', 0);
      res.end();
      return;
    }

    const headers = collectHeaders(req);
    if (auth && !auth.authorize(match.route, headers, url, res)) {
      req.resume();
      return;
    }

    if (this.#options.streamProxy) {
      const fn = match.route.fn;
      await this.#options.streamProxy.serve({ req, res, url, headers, params: match.params, fn, invoker, maxRequestBodyBytes, logger: this.#options.logger });
      return;
    }

    const body = await readBody(req, maxRequestBodyBytes);
    if (!body.ok) {
      if (body.reason === 'too-large') {
        res.setHeader('connection', 'close');
        sendError(res, 413, `The request body exceeds the limit of ${maxRequestBodyBytes} bytes.`);
      } else {
        res.destroy();
      }
      return;
    }

    const fn = match.route.fn;
    const outcome = await invoker.invoke({
      functionName: fn.name,
      inputData: [
        {
          name: fn.triggerBindingName,
          data: toRpcHttpRequest({ method, url: url.href, headers, search: url.search, params: match.params, body: body.body }),
        },
      ],
      triggerMetadata: {},
      requestOrigin: url.origin,
    });
    if (outcome.ok) {
      writeRpcHttpResponse(res, outcome.returnValue);
    } else {
      // The error and its stack are logged by the invoker; the client only gets the invocation id.
      sendError(res, 500, `Function '${fn.name}' failed (invocation id ${outcome.invocationId}).`);
    }
  }
}

/**
 * Errors Node's HTTP parser raises before a request exists (headers too large → 431, malformed request line or
 * header → 400, request timeout → 408) are answered with the host's JSON error body instead of Node's empty one.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const message =
    status === 431
      ? 'The request headers are too large (the limit is 16 KiB in total).'
      : status === 408
        ? 'The request was not received in time.'
        : `The request is malformed (${error.code ?? 'parse error'}: ${String((error as { reason?: unknown }).reason ?? error.message)}).`;
  const body = JSON.stringify({ error: { code: errorCode(status), message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
