// The durable client in-process: durable-functions' DurableClient calls the API on rpcBaseUrl through axios
// (spec §3.2). In this host the API lives in the same process, so those requests go straight to the API
// handler: same requests, same answers, same commit-before-answer rule, without a loopback TCP round trip
// and HTTP parsing on both ends. DURABLE_CLIENT_TRANSPORT=http turns this off.
//
// Two levels, both only for URLs under rpcBaseUrl:
// * an axios adapter on the axios the app's durable-functions resolves: any request that goes through
//   axios' pipeline (interceptors, config merging, transforms) ends in the API handler;
// * a shortcut on the instances that axios.create() makes (DurableClient makes one per client): their
//   get/post/delete with the plain configs DurableClient passes skip axios' pipeline, which cost more CPU
//   than the API call itself (mergeConfig, header normalisation, transforms). The shortcut does what that
//   pipeline does for these calls (axios 1.x defaults: JSON request body rule, JSON response parsing,
//   validateStatus) and hands the reply's value over without serialising it; anything else (interceptors,
//   other options, non-string bodies, changed transforms) takes the full pipeline.
import { createRequire } from 'node:module';
import { STATUS_CODES } from 'node:http';
import path from 'node:path';
import { parseStoredJson } from '../protocol/status.js';
import { type ApiReply, type ApiRequest, replyBody } from './httpApi.js';

/* Minimal view of the axios 1.x API we use (the app's copy is loaded at run time, not imported). */
interface AxiosConfig {
  url?: string;
  method?: string;
  data?: unknown;
  headers?: unknown;
  validateStatus?: ((status: number) => boolean) | null;
}
type Method = (url: unknown, a?: unknown, b?: unknown) => Promise<unknown>;
interface AxiosInstanceLike {
  defaults: { validateStatus?: AxiosConfig['validateStatus']; transformRequest?: unknown; transformResponse?: unknown; headers?: { post?: Record<string, unknown> } };
  interceptors: { request: { handlers?: unknown[] }; response: { handlers?: unknown[] } };
  get: Method;
  post: Method;
  delete: Method;
}
interface AxiosLike {
  defaults: { adapter: unknown; transformRequest?: unknown; transformResponse?: unknown };
  create: (config?: unknown) => AxiosInstanceLike;
  getAdapter(adapter: unknown): (config: AxiosConfig) => Promise<unknown>;
  getUri(config: AxiosConfig): string;
  AxiosHeaders: { from(headers: unknown): { toJSON(): Record<string, unknown> } };
  AxiosError: new (message: string, code: string, config: AxiosConfig, request: unknown, response: unknown) => Error;
}

type Dispatch = (req: ApiRequest) => Promise<ApiReply>;

/**
 * Install the in-process client on the axios that the app's durable-functions resolves. Returns an uninstall
 * function; a no-op when the app has no durable-functions or its axios is not the expected 1.x.
 */
export function installInProcessClient(appDir: string, rpcBaseUrl: string, dispatch: Dispatch): () => void {
  let axios: AxiosLike;
  try {
    const fromApp = createRequire(path.join(appDir, 'package.json'));
    const durableFunctions = fromApp.resolve('durable-functions');
    axios = createRequire(durableFunctions)('axios') as AxiosLike;
    if (typeof axios.getAdapter !== 'function' || typeof axios.getUri !== 'function' || typeof axios.create !== 'function') return () => {};
  } catch {
    return () => {};
  }
  const previousAdapter = axios.defaults.adapter;
  const network = axios.getAdapter(previousAdapter);

  /** the reply as axios' adapters resolve or reject it (settle()) */
  const settle = (config: AxiosConfig, reply: ApiReply, data: unknown): unknown => {
    const replyHeaders = reply.headers;
    let headers: unknown;
    const response = {
      data,
      status: reply.status,
      statusText: STATUS_CODES[reply.status] ?? '',
      // built when read: DurableClient reads the headers of few answers (a list's continuation token)
      get headers() {
        return (headers ??= axios.AxiosHeaders.from(replyHeaders));
      },
      set headers(value: unknown) {
        headers = value; // axios' pipeline normalises them on the adapter's answer
      },
      config,
      request: {},
    };
    if (!config.validateStatus || config.validateStatus(reply.status)) return response;
    throw new axios.AxiosError(`Request failed with status code ${reply.status}`, reply.status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST', config, {}, response);
  };

  const adapter = async (config: AxiosConfig): Promise<unknown> => {
    const href = axios.getUri(config);
    if (!href.startsWith(rpcBaseUrl)) return network(config);
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(axios.AxiosHeaders.from(config.headers).toJSON())) if (v !== undefined && v !== null) headers[k.toLowerCase()] = String(v);
    const data = config.data;
    const body = data === undefined || data === null ? Buffer.alloc(0) : Buffer.isBuffer(data) ? data : Buffer.from(typeof data === 'string' ? data : JSON.stringify(data));
    const reply = await dispatchTo(dispatch, (config.method ?? 'get').toUpperCase(), href, headers, body);
    return settle(config, reply, replyBody(reply) ?? '');
  };
  axios.defaults.adapter = adapter;

  const originalCreate = axios.create;
  const create = function (this: unknown, config?: unknown): AxiosInstanceLike {
    const instance = originalCreate.call(this, config);
    try {
      addShortcut(axios, instance, rpcBaseUrl, dispatch, settle);
    } catch {
      // an unexpected instance shape: it keeps the full pipeline (and the adapter)
    }
    return instance;
  };
  axios.create = create;

  return () => {
    if (axios.defaults.adapter === adapter) axios.defaults.adapter = previousAdapter;
    if (axios.create === create) axios.create = originalCreate;
  };
}

async function dispatchTo(dispatch: Dispatch, method: string, href: string, headers: Record<string, string | undefined>, body: Buffer): Promise<ApiReply> {
  const url = new URL(href);
  headers.host ??= url.host;
  return dispatch({ method, url, headers, body });
}

/** The get/post/delete shortcut on one axios instance (see the file comment). */
function addShortcut(
  axios: AxiosLike,
  instance: AxiosInstanceLike,
  rpcBaseUrl: string,
  dispatch: Dispatch,
  settle: (config: AxiosConfig, reply: ApiReply, data: unknown) => unknown,
): void {
  const full = { get: instance.get, post: instance.post, delete: instance.delete };
  if (typeof full.get !== 'function' || typeof full.post !== 'function' || typeof full.delete !== 'function') return;
  const defaults = instance.defaults;

  /** the pipeline would do nothing this shortcut does not: no interceptors, stock transforms */
  const plain = () =>
    (instance.interceptors.request.handlers?.length ?? 1) === 0 &&
    (instance.interceptors.response.handlers?.length ?? 1) === 0 &&
    sameFunctions(defaults.transformRequest, axios.defaults.transformRequest) &&
    sameFunctions(defaults.transformResponse, axios.defaults.transformResponse);

  /** headers of a config that only sets headers (plain strings); undefined if it sets anything else */
  const onlyHeaders = (config: unknown): Record<string, string | undefined> | undefined => {
    const headers: Record<string, string | undefined> = {};
    if (config === undefined) return headers;
    if (typeof config !== 'object' || config === null) return undefined;
    for (const key of Object.keys(config)) if (key !== 'headers') return undefined;
    const given = (config as { headers?: unknown }).headers;
    if (given === undefined) return headers;
    if (typeof given !== 'object' || given === null || Object.getPrototypeOf(given) !== Object.prototype) return undefined;
    for (const [k, v] of Object.entries(given)) {
      if (typeof v !== 'string') return undefined;
      headers[k.toLowerCase()] = v;
    }
    return headers;
  };

  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, data: string | undefined, headers: Record<string, string | undefined>): Promise<unknown> => {
    let body = EMPTY;
    let sent: string | undefined;
    if (method === 'POST') {
      headers['content-type'] ??= String(defaults.headers?.post?.['Content-Type'] ?? 'application/x-www-form-urlencoded');
      // axios' transformRequest for a JSON content type (stringifySafely): JSON text is sent trimmed, other text JSON-encoded
      if (data !== undefined) body = Buffer.from((sent = headers['content-type'].includes('application/json') ? jsonBody(data) : data));
    }
    const reply = await dispatchTo(dispatch, method, url, headers, body);
    const config: AxiosConfig = { url, method: method.toLowerCase(), headers, validateStatus: defaults.validateStatus ?? null, ...(sent !== undefined ? { data: sent } : {}) };
    // axios' transformResponse: a non-empty string body is parsed as JSON if it is JSON; the API's value is that already
    return settle(config, reply, reply.value !== undefined ? reply.value : reply.body ? parseStoredJson(reply.body) : '');
  };

  instance.get = function (url, config) {
    const headers = typeof url === 'string' && url.startsWith(rpcBaseUrl) && plain() ? onlyHeaders(config) : undefined;
    return headers ? call('GET', url as string, undefined, headers) : full.get.call(this, url, config);
  };
  instance.delete = function (url, config) {
    const headers = typeof url === 'string' && url.startsWith(rpcBaseUrl) && plain() ? onlyHeaders(config) : undefined;
    return headers ? call('DELETE', url as string, undefined, headers) : full.delete.call(this, url, config);
  };
  instance.post = function (url, data, config) {
    const headers = typeof url === 'string' && url.startsWith(rpcBaseUrl) && (data === undefined || typeof data === 'string') && plain() ? onlyHeaders(config) : undefined;
    return headers ? call('POST', url as string, data as string | undefined, headers) : full.post.call(this, url, data, config);
  };
}

const EMPTY = Buffer.alloc(0);

/** axios copies the transform arrays into each instance: compare their members */
function sameFunctions(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((f, i) => f === b[i]);
}

function jsonBody(text: string): string {
  try {
    JSON.parse(text);
    return text.trim();
  } catch {
    return JSON.stringify(text);
  }
}
