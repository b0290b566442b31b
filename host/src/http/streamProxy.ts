// HTTP streaming: the worker's HTTP proxy mode (spec §1.3 step 4; azf: http/httpProxy.ts, azf: http/HttpRequest.ts
// createStreamRequest). With app.setup({ enableHttpStream: true }) @azure/functions serves the request from its
// own server (the capability HttpUri). As the Functions host does (host: DefaultHttpProxyService.cs, YARP), the
// host forwards the client's request there with `x-ms-invocation-id` and `x-forwarded-host/proto`, and invokes the
// function with an empty RpcHttp plus `Headers`, `Query` and the route values as trigger metadata; the library
// answers on the forwarded request. Both bodies are piped with backpressure: the host never holds more than a
// socket buffer of either, and it counts the request body against the body limit as it passes.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import type { Invoker, RegisteredFunction, RpcTypedData } from '../contracts.js';
import type { HostLogger } from '../invoke/log.js';
import { sendError } from './errors.js';

/** Hop-by-hop headers a proxy must not forward (RFC 9110 §7.6.1), as YARP drops them. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'trailers', 'transfer-encoding', 'upgrade', 'host']);

export interface StreamingInvocation {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** the request headers as the function must see them (lower-cased, joined; Easy Auth applied) */
  headers: Record<string, string>;
  params: Record<string, string>;
  fn: RegisteredFunction;
  invoker: Invoker;
  maxRequestBodyBytes: number;
  logger: HostLogger;
}

/** Counts the bytes of a request body and fails the stream once they pass the limit. */
class BodyLimit extends Transform {
  exceeded = false;
  #seen = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#seen += chunk.length;
    if (this.#seen > this.limit) {
      this.exceeded = true;
      callback(new Error(`request body over ${this.limit} bytes`));
      return;
    }
    callback(null, chunk);
  }
}

/** Query as the Functions host puts it in the trigger metadata: one key each, repeated values joined with ",". */
function queryDictionary(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = key in query ? `${query[key]},${value}` : value;
  return query;
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Flow control for response bodies. @azure/functions 4 writes a streamed response to its proxy socket without
 * waiting for 'drain' (azf: http/httpProxy.ts sendProxyResponse), so a body produced faster than the client reads
 * it would pile up in the socket's buffer. The host hands the library a body that pulls the function's stream only
 * while fewer than WINDOW bytes are between the library and the host's own reading of the forwarded response
 * (which pauses when the client does).
 */
const WINDOW = 1024 * 1024;

class ResponseCredit {
  #pulled = 0;
  #received = 0;
  #waiter: { resolve: () => void; reject: (error: Error) => void } | undefined;
  #closed: Error | undefined;

  received(n: number): void {
    this.#received += n;
    if (this.#pulled - this.#received < WINDOW) this.#wake();
  }

  pulled(n: number): void {
    this.#pulled += n;
  }

  close(reason: string): void {
    this.#closed ??= new Error(reason);
    this.#wake();
  }

  ready(): Promise<void> {
    if (this.#closed) return Promise.reject(this.#closed);
    if (this.#pulled - this.#received < WINDOW) return Promise.resolve();
    return new Promise((resolve, reject) => (this.#waiter = { resolve, reject }));
  }

  #wake(): void {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    if (!waiter) return;
    if (this.#closed) waiter.reject(this.#closed);
    else waiter.resolve();
  }
}

type Iterable = { [Symbol.asyncIterator](): AsyncIterator<unknown> };

function isStreamBody(body: unknown): body is Iterable {
  return typeof body === 'object' && body !== null && !ArrayBuffer.isView(body) && typeof (body as Iterable)[Symbol.asyncIterator] === 'function';
}

function paced(body: Iterable, credit: ResponseCredit): ReadableStream<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        await credit.ready();
        const { value, done } = await iterator.next();
        if (done) return controller.close();
        const chunk = typeof value === 'string' ? Buffer.from(value) : (value as Uint8Array);
        credit.pulled(chunk.byteLength);
        controller.enqueue(chunk);
      },
      async cancel(reason) {
        await iterator.return?.(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** The function's result with a streamed body replaced by a paced one (plain init objects and HttpResponse alike). */
function withPacedBody(result: unknown, credit: ResponseCredit): unknown {
  if (typeof result !== 'object' || result === null) return result;
  const r = result as { body?: unknown; status?: unknown; headers?: unknown; cookies?: unknown; jsonBody?: unknown; constructor?: { name?: string } };
  if (!isStreamBody(r.body)) return result;
  if (r.constructor?.name === 'HttpResponse') {
    // an @azure/functions HttpResponse: rebuilt as an init object around the paced body (status, headers, cookies kept)
    return { status: r.status, headers: r.headers, cookies: r.cookies, body: paced(r.body, credit) };
  }
  return { ...r, body: paced(r.body, credit) };
}

export class StreamProxy {
  readonly #target: URL;
  // Connections to the library's server are reused, as the Functions host's SocketsHttpHandler does.
  readonly #agent = new http.Agent({ keepAlive: true });

  constructor(httpUri: string) {
    this.#target = new URL(httpUri);
  }

  close(): void {
    this.#agent.destroy();
  }

  /** Serves one HTTP trigger request in proxy mode; resolves once the client's response has ended. */
  async serve(call: StreamingInvocation): Promise<void> {
    const { req, res, url, fn, invoker, maxRequestBodyBytes } = call;
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > maxRequestBodyBytes) {
      req.resume();
      res.setHeader('connection', 'close');
      sendError(res, 413, `The request body exceeds the limit of ${maxRequestBodyBytes} bytes.`);
      return;
    }

    const invocationId = randomUUID();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(call.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
    headers['x-ms-invocation-id'] = invocationId;
    headers['x-forwarded-host'] = req.headers.host ?? url.host;
    headers['x-forwarded-proto'] = 'http';
    if (req.socket.remoteAddress) headers['x-forwarded-for'] = req.socket.remoteAddress;

    const upstream = http.request({
      protocol: this.#target.protocol,
      hostname: this.#target.hostname,
      port: this.#target.port,
      method: req.method,
      path: req.url,
      headers,
      agent: this.#agent,
    });
    const limit = new BodyLimit(maxRequestBodyBytes);
    const credit = new ResponseCredit();
    let failed = false;
    const done = new Promise<void>((resolve) => res.once('close', resolve));

    const fail = (status: number, message: string) => {
      if (failed) return;
      failed = true;
      upstream.destroy();
      if (status === 413) res.setHeader('connection', 'close');
      if (!res.headersSent) sendError(res, status, message);
      else res.destroy();
    };

    upstream.on('response', (answer) => {
      if (failed) {
        answer.resume();
        return;
      }
      res.statusCode = answer.statusCode ?? 502;
      for (let i = 0; i < answer.rawHeaders.length; i += 2) {
        const name = answer.rawHeaders[i]!;
        if (HOP_BY_HOP.has(name.toLowerCase())) continue;
        const existing = res.getHeader(name);
        const value = answer.rawHeaders[i + 1]!;
        res.setHeader(name, existing === undefined ? value : ([] as string[]).concat(existing as string | string[], value));
      }
      answer.on('data', (chunk: Buffer) => credit.received(chunk.length));
      answer.pipe(res);
      answer.once('error', () => res.destroy());
    });
    upstream.on('error', (error) => {
      if (limit.exceeded) fail(413, `The request body exceeds the limit of ${maxRequestBodyBytes} bytes.`);
      else fail(502, `The function's HTTP stream failed: ${error.message}`);
    });
    // The client went away before its response ended: stop the forwarded request too.
    res.once('close', () => {
      credit.close('the client closed the connection');
      if (!res.writableFinished) upstream.destroy();
    });

    if (hasBody(req)) {
      req.pipe(limit).pipe(upstream);
      limit.once('error', () => {
        req.unpipe(limit);
        req.resume(); // drain the rest so the 413 can be read by the client
        fail(413, `The request body exceeds the limit of ${maxRequestBodyBytes} bytes.`);
      });
      req.once('aborted', () => upstream.destroy());
    } else {
      req.resume();
      upstream.end();
    }

    const triggerMetadata: Record<string, RpcTypedData> = {};
    for (const [name, value] of Object.entries(call.params)) triggerMetadata[name] = { string: value };
    triggerMetadata.Headers = { json: JSON.stringify(call.headers) };
    triggerMetadata.Query = { json: JSON.stringify(queryDictionary(url)) };

    const outcome = await invoker.invoke({
      functionName: fn.name,
      invocationId,
      inputData: [{ name: fn.triggerBindingName, data: { http: {} } }],
      triggerMetadata,
      transformResult: (result) => withPacedBody(result, credit),
      requestOrigin: url.origin,
    });
    if (!outcome.ok) {
      if (limit.exceeded) fail(413, `The request body exceeds the limit of ${maxRequestBodyBytes} bytes.`);
      else fail(500, `Function '${fn.name}' failed (invocation id ${outcome.invocationId}).`);
    } else if (outcome.noResult) {
      // The function returned nothing, so the library never answers the forwarded request: 204 as without streaming.
      failed = true;
      upstream.destroy();
      if (!res.headersSent) {
        res.statusCode = 204;
        res.end();
      }
    }
    await done;
  }
}
