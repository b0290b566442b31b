// The durable client HTTP API (spec §3.3, ext: HttpApiHandler.cs), served on rpcBaseUrl and on
// /runtime/webhooks/durabletask/ of the public origin (both are the same path on this host).
// Every answer that acknowledges a change is sent only after the change is committed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TERMINAL_STATUSES, type RuntimeStatus } from '../../store/store.js';
import { errorCode } from '../../http/errors.js';
import { readBody } from '../../http/readBody.js';
import { collectHeaders } from '../../http/rpcHttp.js';
import { HubStoppingError } from '../groupCommit.js';
import type { TaskHub } from '../hub.js';
import { API_BASE_PATH, instanceUrls, managementQuery } from '../protocol/clientInput.js';
import { schedulerId } from '../protocol/entityMessages.js';
import { type HistoryEvent, historyEvents } from '../protocol/historyEvents.js';
import { historyView } from '../protocol/historyView.js';
import { parseSchedulerId } from '../protocol/entityMessages.js';
import { parseStoredJson, statusPayload } from '../protocol/status.js';
import { clientPayloadError } from '../profiles/limits.js';
import { randomUUID } from 'node:crypto';

const ACTIVE_STATUSES: ReadonlySet<RuntimeStatus> = new Set(['Pending', 'Running', 'Suspended', 'ContinuedAsNew']);
const ALL_STATUSES: readonly RuntimeStatus[] = ['Pending', 'Running', 'Completed', 'ContinuedAsNew', 'Failed', 'Canceled', 'Terminated', 'Suspended'];

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export interface ApiOptions {
  hub: TaskHub;
  taskHubName: string;
  /** public origin for management URLs, e.g. http://localhost:7071 */
  origin: () => string;
  maxBodyBytes: number;
  /** how long a status read of a running instance may wait for its next change (0 = answer at once) */
  statusHoldMs: number;
  /** --enable-auth: the system key the management URLs carry as `code=` (as on Azure) */
  systemKey?: string;
}

/** A request to the API, transport-neutral: from the HTTP server or from the in-process client. */
export interface ApiRequest {
  method: string;
  url: URL;
  /** lower-cased header names */
  headers: Record<string, string | undefined>;
  body: Buffer;
}

export interface ApiReply {
  status: number;
  headers: Record<string, string>;
  /** the body text; see replyBody */
  body?: string;
  /** a JSON body not serialised yet: the HTTP server sends its JSON text, the in-process client takes it as is */
  value?: unknown;
}

/** the body text of a reply (a JSON value is serialised here, once, only by who needs text) */
export function replyBody(reply: ApiReply): string | undefined {
  return reply.body ?? (reply.value === undefined ? undefined : JSON.stringify(reply.value));
}

export class DurableHttpApi {
  private readonly query: string;

  constructor(private readonly o: ApiOptions) {
    this.query = managementQuery(o.taskHubName, o.systemKey);
  }

  /** Serve a request of the HTTP server; true if it was for the durable API (and has been answered). */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith(API_BASE_PATH)) return false;
    const read = await readBody(req, this.o.maxBodyBytes);
    if (!read.ok && read.reason === 'aborted') {
      res.destroy();
      return true;
    }
    let reply: ApiReply;
    if (!read.ok) {
      reply = errorReply(tooLarge(this.o.maxBodyBytes));
    } else {
      reply = await this.dispatch({ method: req.method ?? 'GET', url, headers: collectHeaders(req), body: read.body });
    }
    res.writeHead(reply.status, reply.headers);
    res.end(replyBody(reply));
    return true;
  }

  /** Serve one API request (the HTTP server and the in-process client both come here). */
  async dispatch(req: ApiRequest): Promise<ApiReply> {
    try {
      // the store is closed once the hub has stopped: nothing to read or write any more
      if (this.o.hub.isStopped) throw new HubStoppingError();
      if (req.body.length > this.o.maxBodyBytes) throw tooLarge(this.o.maxBodyBytes);
      const segments = req.url.pathname.slice(API_BASE_PATH.length).split('/').map(decodeSegment);
      return await this.route(req, segments);
    } catch (error) {
      return errorReply(error);
    }
  }

  private async route(req: ApiRequest, seg: string[]): Promise<ApiReply> {
    const { method, url } = req;
    const [resource, a, b, c, ...rest] = seg;
    if (rest.length > 0) throw new HttpError(404, 'unknown durable API route');
    if (resource === 'orchestrators' && a && method === 'POST' && c === undefined) return this.start(req, a, b);
    if (resource === 'instances') {
      if (!a) {
        if (b !== undefined) throw new HttpError(404, 'unknown durable API route');
        if (method === 'GET') return this.list(req);
        if (method === 'DELETE') return this.purgeBy(url);
        throw new HttpError(405, `${method} is not allowed on instances/`);
      }
      if (b === undefined) {
        if (method === 'GET') return this.status(req, a);
        if (method === 'DELETE') return this.purge(a);
      } else if (method === 'POST') {
        if (b === 'raiseEvent' && c) return this.raiseEvent(req, a, c);
        if (c === undefined && (b === 'terminate' || b === 'suspend' || b === 'resume')) return this.control(url, a, b);
        if (c === undefined && b === 'restart') return this.restart(req, a);
        if (c === undefined && b === 'rewind') return this.rewind(a);
      }
    }
    if (resource === 'entities' && method === 'GET' && (b === undefined || b === '') && c === undefined) return this.listEntities(req, a ?? '');
    if (resource === 'entities' && a && b !== undefined && c === undefined) {
      if (method === 'GET') return this.readEntity(a, b);
      if (method === 'POST' || method === 'DELETE') return this.signal(req, a, b);
    }
    throw new HttpError(404, `unknown durable API route ${method} ${url.pathname}`);
  }

  /** the engine profile's payload limit (dts: 1 MiB): refused with 413 before anything is stored */
  private checkPayload(what: string, text: string | null | undefined): void {
    const error = clientPayloadError(this.o.hub.profile, what, text);
    if (error) throw new HttpError(413, error);
  }

  // ------------------------------------------------------------ orchestrations

  private async start(req: ApiRequest, name: string, instanceId: string | undefined): Promise<ApiReply> {
    const hub = this.o.hub;
    const fn = hub.registryGet(name);
    if (!fn || fn.trigger.type !== 'orchestrationTrigger') throw new HttpError(400, `The function '${name}' doesn't exist, is disabled, or is not an orchestrator function.`);
    const id = instanceId ?? newInstanceId();
    validateInstanceId(id);
    const body = req.body;
    const input = body.length === 0 ? null : jsonText(body, 'orchestration input');
    this.checkPayload('The orchestration input', input);
    // a generated id is new: skip the store lookup (it is on the hot path of every startNew)
    const existing = instanceId === undefined ? undefined : this.currentInstance(id);
    // Azure answers 500 "already exists" for a running id (spec §3.3); we say so with 409 (README)
    if (existing && ACTIVE_STATUSES.has(existing.status))
      throw new HttpError(409, `An Orchestration instance with the instance ID '${id}' already exists and is ${existing.status}.`);
    // a purge of this id is committing: starting now would race it (README "purge")
    if (existing && hub.isPurging(id)) throw new HttpError(409, `The instance '${id}' is being purged; start it again after the purge.`);
    await hub.startInstance(id, fn.name, input, existing === undefined);
    const urls = this.instanceUrls(id);
    return send(202, { id, ...urls }, { Location: urls.statusQueryGetUri, 'Retry-After': '10' });
  }

  private instanceUrls(id: string): Record<string, string> {
    return instanceUrls(`${this.o.origin()}${API_BASE_PATH}instances/${encodeURIComponent(id)}`, this.query);
  }

  /** clients see committed state only */
  private findInstance(id: string) {
    return this.o.hub.visibleInstance(id);
  }

  /** the in-memory instance (a start not committed yet included), else the stored record */
  private currentInstance(id: string): { status: RuntimeStatus } | undefined {
    return this.o.hub.getInstance(id) ?? this.o.hub.store.getInstance(id);
  }

  /**
   * The status a change (purge, terminate, suspend, resume, event) is decided on: the in-memory instance,
   * which includes a start not committed yet. Deciding on the committed record instead let a purge pass
   * the terminal check of the old execution while a new start of the same id was committing, and delete it.
   */
  private currentStatus(id: string): RuntimeStatus {
    const status = this.currentInstance(id)?.status;
    if (!status) throw new HttpError(404, `No instance with ID '${id}' found.`);
    return status;
  }

  private async status(req: ApiRequest, id: string): Promise<ApiReply> {
    this.o.hub.counters.statusReads++;
    let inst = this.findInstance(id);
    if (!inst) throw new HttpError(404, `No instance with ID '${id}' found.`);
    // A running instance is answered once it has finished or after statusHoldMs: a poller (the app's
    // awaitInstance, waitForCompletionOrCreateCheckStatusResponse) learns of completion at once and polls
    // once instead of several times (README "Status reads").
    if (ACTIVE_STATUSES.has(inst.status) && this.o.statusHoldMs > 0) {
      await this.o.hub.waitForSettled(id, this.o.statusHoldMs);
      inst = this.findInstance(id) ?? inst;
    }
    const p = req.url.searchParams;
    const showInput = boolParam(p, 'showInput') ?? true;
    const body: Record<string, unknown> = { ...statusPayload(inst, showInput) };
    // ext: DurableClient.cs GetDurableOrchestrationStatusAsync: no history for a Pending instance
    if (boolParam(p, 'showHistory') === true && inst.status !== 'Pending') {
      const events = this.o.hub.store.getHistory(id).map((e) => JSON.parse(e) as HistoryEvent);
      body.historyEvents = historyView(events, boolParam(p, 'showHistoryOutput') === true, showInput);
    }
    if (ACTIVE_STATUSES.has(inst.status)) return send(202, body, { Location: `http://${req.headers.host ?? req.url.host}${req.url.pathname}${req.url.search}`, 'Retry-After': '5' });
    // ext: HttpApiHandler.cs HandleGetStatusRequestAsync: Failed → 500 when asked
    if (inst.status === 'Failed' && boolParam(p, 'returnInternalServerErrorOnFailure') === true) return send(500, body);
    return send(200, body);
  }

  /**
   * GET instances/ (ext: HttpApiHandler.cs HandleGetStatusRequestAsync without an id): filters, `top` (page
   * size, default 100 as OrchestrationStatusQueryCondition.PageSize), paging by the x-ms-continuation-token
   * request and response headers (the JS client follows them while the response's is non-empty).
   */
  private list(req: ApiRequest): ApiReply {
    const url = req.url;
    const q = parseFilter(url, false);
    const prefix = url.searchParams.get('instanceIdPrefix');
    const top = pageSize(url);
    const after = decodeToken(req.headers['x-ms-continuation-token'], (v): v is { c: number; i: string } => typeof v?.c === 'number' && typeof v?.i === 'string');
    const showInput = boolParam(url.searchParams, 'showInput') ?? true;
    const rows = this.o.hub.store.queryInstances({ ...q, ...(prefix ? { idPrefix: prefix } : {}), ...(after ? { after: { createdAt: after.c, id: after.i } } : {}), limit: top + 1 });
    const page = rows.slice(0, top);
    const next = rows.length > top ? encodeToken({ c: page[page.length - 1]!.createdAt, i: page[page.length - 1]!.id }) : '';
    const body = page.map((r) => statusPayload(this.o.hub.getInstance(r.id)?.visible ?? r, showInput));
    return send(200, body, next ? { 'x-ms-continuation-token': next } : {});
  }

  /** POST instances/{id}/restart (ext: DurableClient.cs RestartAsync): the same name and input, as a new instance unless restartWithNewInstanceId=false */
  private async restart(req: ApiRequest, id: string): Promise<ApiReply> {
    const old = this.findInstance(id);
    if (!old) throw new HttpError(400, `InstanceId does not match a valid orchestration instance: no instance with ID '${id}' found.`);
    const sameId = boolParam(req.url.searchParams, 'restartWithNewInstanceId') === false;
    const newId = sameId ? id : newInstanceId();
    const fn = this.o.hub.registryGet(old.name);
    if (!fn || fn.trigger.type !== 'orchestrationTrigger') throw new HttpError(400, `The function '${old.name}' doesn't exist, is disabled, or is not an orchestrator function.`);
    if (sameId) {
      const current = this.currentInstance(id);
      if (current && ACTIVE_STATUSES.has(current.status)) throw new HttpError(409, `An Orchestration instance with the instance ID '${id}' already exists and is ${current.status}.`);
      if (this.o.hub.isPurging(id)) throw new HttpError(409, `The instance '${id}' is being purged; start it again after the purge.`);
    }
    await this.o.hub.startInstance(newId, fn.name, old.input, !sameId);
    const urls = this.instanceUrls(newId);
    return send(202, { id: newId, ...urls }, { Location: urls.statusQueryGetUri, 'Retry-After': '10' });
  }

  /**
   * POST instances/{id}/rewind: 404 unknown, 410 for Completed/Terminated/Canceled (ext: HttpApiHandler.cs
   * HandleRewindInstanceRequestAsync), else 501: rewinding rewrites a failed instance's history (drops the
   * failed tasks and replays), which the protocol the library speaks to a host has no message for
   * (README "Supported features"). The body is the reason as a JSON string: the JS client's rewind throws
   * `new Error(body)`, so an error object would read "[object Object]".
   */
  private rewind(id: string): ApiReply {
    const status = this.currentStatus(id);
    if (status === 'Completed' || status === 'Terminated' || status === 'Canceled') throw new HttpError(410, `Instance '${id}' is ${status}; only a failed instance can be rewound.`);
    return send(501, 'rewind is not supported by the local host: it rewrites the history of a failed instance, which the durable-functions protocol has no message for; restart the instance instead (POST instances/{id}/restart).');
  }

  private async raiseEvent(req: ApiRequest, id: string, eventName: string): Promise<ApiReply> {
    const status = this.currentStatus(id);
    if (TERMINAL_STATUSES.has(status)) throw new HttpError(410, `Instance '${id}' is ${status}; it takes no more events.`);
    if (mediaType(req) !== 'application/json') throw new HttpError(400, 'raiseEvent requires Content-Type application/json');
    const body = req.body;
    if (body.length === 0) throw new HttpError(400, 'raiseEvent requires a JSON body (the extension rejects an empty one, spec §3.3)');
    const input = jsonText(body, 'event data');
    this.checkPayload('The event data', input);
    await this.o.hub.sendToInstance(id, { type: 'event', executionId: null, event: historyEvents.eventRaised(Date.now(), eventName, input) });
    return send(202, undefined);
  }

  private async control(url: URL, id: string, type: 'terminate' | 'suspend' | 'resume'): Promise<ApiReply> {
    const status = this.currentStatus(id);
    if (TERMINAL_STATUSES.has(status)) throw new HttpError(410, `Instance '${id}' is already ${status}.`);
    await this.o.hub.sendToInstance(id, { type, reason: rawReason(url) });
    return send(202, undefined);
  }

  /**
   * DELETE instances/{id}: 404 unknown, else 200 {instancesDeleted: 1} whatever its status, as Azure
   * (ext: HttpApiHandler.cs HandleDeleteHistoryByIdRequestAsync checks existence only; DurableTask.AzureStorage
   * AzureTableTrackingStore.PurgeInstanceHistoryAsync deletes a running instance too). A running instance is
   * terminated first (its locks released, a parent told), then purged (README "Supported features").
   */
  private async purge(id: string): Promise<ApiReply> {
    let status = this.currentStatus(id);
    if (!TERMINAL_STATUSES.has(status)) {
      await this.o.hub.sendToInstance(id, { type: 'terminate', reason: 'purged' });
      await this.o.hub.waitForSettled(id, PURGE_TERMINATE_WAIT_MS);
      status = this.currentStatus(id);
      if (!TERMINAL_STATUSES.has(status)) throw new HttpError(503, `Instance '${id}' is still ${status} after being terminated for the purge; send the purge again.`);
    }
    await this.o.hub.purge([id]);
    return send(200, { instancesDeleted: 1 });
  }

  private async purgeBy(url: URL): Promise<ApiReply> {
    const q = parseFilter(url, true);
    const wanted = (q.statuses ?? ALL_STATUSES).filter((s) => TERMINAL_STATUSES.has(s));
    // an instance being restarted is finished in the store but not in memory: not purged (see currentStatus)
    const ids = wanted.length === 0 ? [] : this.o.hub.store.queryInstances({ ...q, statuses: wanted }).map((r) => r.id)
      .filter((id) => { const s = this.o.hub.getInstance(id)?.status; return s === undefined || TERMINAL_STATUSES.has(s); });
    if (ids.length === 0) throw new HttpError(404, 'No instances matched the filter.');
    await this.o.hub.purge(ids);
    return send(200, { instancesDeleted: ids.length });
  }

  // ------------------------------------------------------------ entities

  private async signal(req: ApiRequest, name: string, key: string): Promise<ApiReply> {
    validateEntityKey(key);
    if (!this.o.hub.hasEntityFunction(name.toLowerCase())) throw new HttpError(400, `The function '${name}' doesn't exist, is disabled, or is not an entity function.`);
    const op = req.method === 'DELETE' ? 'delete' : req.url.searchParams.get('op') ?? '';
    const body = req.body;
    let input: string | undefined;
    if (body.length > 0) input = mediaType(req) === 'application/json' ? jsonText(body, 'operation input') : JSON.stringify(body.toString('utf8'));
    this.checkPayload('The operation input', input);
    await this.o.hub.sendToEntity(schedulerId(name, key), { type: 'op', op, id: randomUUID(), signal: true, ...(input !== undefined ? { input } : {}) });
    return send(202, undefined);
  }

  /**
   * GET entities/ and entities/{name} (ext: HttpApiHandler.cs HandleListEntitiesRequestAsync): existing
   * entities as {entityId: {name, key}, lastOperationTime, state}, `top` (default 100 as EntityQuery.PageSize),
   * `fetchState` (default false), lastOperationTimeFrom/To, paging by x-ms-continuation-token.
   */
  private listEntities(req: ApiRequest, name: string): ApiReply {
    const p = req.url.searchParams;
    const top = pageSize(req.url);
    const fetchState = boolParam(p, 'fetchState') ?? false;
    const from = dateParam(p, 'lastOperationTimeFrom');
    const to = dateParam(p, 'lastOperationTimeTo');
    const after = decodeToken(req.headers['x-ms-continuation-token'], (v): v is string => typeof v === 'string');
    const rows = this.o.hub.store.queryEntities({
      ...(name ? { idPrefix: `@${name.toLowerCase()}@` } : {}),
      ...(after !== undefined ? { afterId: after } : {}),
      ...(from !== undefined ? { lastOperationFrom: from } : {}),
      ...(to !== undefined ? { lastOperationTo: to } : {}),
      limit: top + 1,
    });
    const page = rows.slice(0, top);
    const next = rows.length > top ? encodeToken(page[page.length - 1]!.id) : '';
    const body = page.flatMap((r) => {
      const ref = parseSchedulerId(r.id);
      if (!ref) return [];
      return [{ entityId: { name: ref.name, key: ref.key }, lastOperationTime: new Date(r.lastOperationAt ?? 0).toISOString(), state: fetchState ? parseStoredJson(r.state) : null }];
    });
    return send(200, body, next ? { 'x-ms-continuation-token': next } : {});
  }

  private readEntity(name: string, key: string): ApiReply {
    validateEntityKey(key);
    const e = this.o.hub.peekEntity(name, key);
    if (!e || !e.exists) throw new HttpError(404, `Entity '@${name.toLowerCase()}@${key}' does not exist.`);
    // the state JSON itself is the body (spec §7.2); a state never set reads as null (quirk Q5)
    return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: e.state ?? 'null' };
  }
}

// ------------------------------------------------------------ helpers

/** how long a purge of a running instance waits for its termination to commit */
const PURGE_TERMINATE_WAIT_MS = 10_000;
/** OrchestrationStatusQueryCondition.PageSize and EntityQuery.PageSize default (ext) */
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

/** `true`/`false` (any case, as .NET bool.TryParse); anything else is ignored, as the extension does */
function boolParam(p: URLSearchParams, name: string): boolean | undefined {
  const v = p.get(name)?.trim().toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

/** an optional date query parameter (epoch ms); not a date → 400 */
function dateParam(p: URLSearchParams, name: string): number | undefined {
  const v = p.get(name);
  if (v === null || v === '') return undefined;
  const t = Date.parse(v);
  if (!Number.isFinite(t)) throw new HttpError(400, `${name} is not a date: ${v}`);
  return t;
}

function pageSize(url: URL): number {
  const v = url.searchParams.get('top');
  if (v === null || v === '') return DEFAULT_PAGE_SIZE;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > MAX_PAGE_SIZE) throw new HttpError(400, `top must be an integer from 1 to ${MAX_PAGE_SIZE}, got '${v}'`);
  return Number(v);
}

/** continuation tokens are opaque to clients: base64url JSON of where the next page starts */
function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeToken<T>(token: string | undefined, valid: (v: any) => v is T): T | undefined { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (token === undefined || token === '' || token === 'null') return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (valid(v)) return v;
  } catch {
    // falls through to the error
  }
  throw new HttpError(400, 'the x-ms-continuation-token header is not a token this API gave out');
}

/**
 * A generated instance id: 32 hex characters like the extension's Guid "N" ids, but starting with the
 * creation time in ms (then the last 20 hex of a random UUID: 74 random bits, its version nibble and variant bits fixed), so new instances
 * append at the end of the store's indexes instead of dirtying a random page each (README "Performance").
 */
export function newInstanceId(now = Date.now()): string {
  return now.toString(16).padStart(12, '0') + randomUUID().replace(/-/g, '').slice(12);
}

function send(status: number, body: unknown, headers: Record<string, string> = {}): ApiReply {
  return body === undefined ? { status, headers } : { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, value: body };
}

// The DurableClient only reads the status, and the body as "Details: <JSON>" of its generic error.
function errorReply(error: unknown): ApiReply {
  const [status, message] =
    error instanceof HttpError
      ? [error.status, error.message]
      : error instanceof HubStoppingError
        ? [503, 'The task hub is stopping; nothing was done. Send it again once the host is back.']
        : [500, `durable API failure: ${(error as Error).message}`];
  return send(status, { error: { code: errorCode(status), message } });
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new HttpError(400, `malformed percent-encoding in path segment '${s}'`);
  }
}

function mediaType(req: ApiRequest): string {
  return String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

function tooLarge(max: number): HttpError {
  return new HttpError(413, `request body larger than ${max} bytes`);
}

function jsonText(body: Buffer, what: string): string {
  const text = body.toString('utf8');
  try {
    JSON.parse(text);
  } catch {
    throw new HttpError(400, `${what} is not valid JSON`);
  }
  return text;
}

// ext: ContextImplementations/DurableClient.cs:33,198 (spec §3.3)
function validateInstanceId(id: string): void {
  if (id.length === 0 || id.length > 256) throw new HttpError(400, 'instance id must have 1 to 256 characters');
  if (id.startsWith('@')) throw new HttpError(400, "instance id must not start with '@'");
  if (/[/\\?#\u0000-\u001f\u007f-\u009f]/.test(id)) throw new HttpError(400, 'instance id must not contain /, \\, ?, # or control characters');
}

function validateEntityKey(key: string): void {
  if (/[/\\?#\u0000-\u001f\u007f-\u009f]/.test(key)) throw new HttpError(400, 'entity key must not contain /, \\, ?, # or control characters');
}

/** The JS client puts the reason in the query unencoded (spec §3.2): take everything up to taskHub/connection. */
function rawReason(url: URL): string | null {
  const m = /[?&]reason=(.*?)(?:&(?:taskHub|connection)=.*)?$/.exec(url.search);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return m[1]!;
  }
}

function parseFilter(url: URL, requireFrom: boolean): { createdFrom?: number; createdTo?: number; statuses?: RuntimeStatus[] } {
  const p = url.searchParams;
  const createdFrom = dateParam(p, 'createdTimeFrom');
  const createdTo = dateParam(p, 'createdTimeTo');
  if (requireFrom && createdFrom === undefined) throw new HttpError(400, 'createdTimeFrom is required');
  let statuses: RuntimeStatus[] | undefined;
  const s = p.get('runtimeStatus');
  if (s) {
    statuses = s.split(',').map((x) => {
      const found = ALL_STATUSES.find((k) => k.toLowerCase() === x.trim().toLowerCase());
      if (!found) throw new HttpError(400, `unknown runtimeStatus '${x}'`);
      return found;
    });
  }
  return { ...(createdFrom !== undefined ? { createdFrom } : {}), ...(createdTo !== undefined ? { createdTo } : {}), ...(statuses ? { statuses } : {}) };
}
