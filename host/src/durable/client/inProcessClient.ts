// The durable client in-process: durable-functions' DurableClient calls the API on rpcBaseUrl through axios
// (spec §3.2). In this host the API lives in the same process, so an axios adapter installed on the axios
// the app's durable-functions uses hands those requests straight to the API handler: same requests, same
// answers, same commit-before-answer rule, without a loopback TCP round trip and HTTP parsing on both ends.
// Any other URL goes to axios' own adapter. DURABLE_CLIENT_TRANSPORT=http turns this off.
import { createRequire } from 'node:module';
import { STATUS_CODES } from 'node:http';
import path from 'node:path';
import type { ApiReply, ApiRequest } from './httpApi.js';

/* Minimal view of the axios 1.x API we use (the app's copy is loaded at run time, not imported). */
interface AxiosConfig {
  url?: string;
  method?: string;
  data?: unknown;
  headers?: unknown;
  validateStatus?: ((status: number) => boolean) | null;
}
interface AxiosLike {
  defaults: { adapter: unknown };
  getAdapter(adapter: unknown): (config: AxiosConfig) => Promise<unknown>;
  getUri(config: AxiosConfig): string;
  AxiosHeaders: { from(headers: unknown): { toJSON(): Record<string, unknown> } };
  AxiosError: new (message: string, code: string, config: AxiosConfig, request: unknown, response: unknown) => Error;
}

/**
 * Install the adapter on the axios that the app's durable-functions resolves. Returns an uninstall function;
 * a no-op when the app has no durable-functions or its axios is not the expected 1.x.
 */
export function installInProcessClient(appDir: string, rpcBaseUrl: string, dispatch: (req: ApiRequest) => Promise<ApiReply>): () => void {
  let axios: AxiosLike;
  try {
    const fromApp = createRequire(path.join(appDir, 'package.json'));
    const durableFunctions = fromApp.resolve('durable-functions');
    axios = createRequire(durableFunctions)('axios') as AxiosLike;
    if (typeof axios.getAdapter !== 'function' || typeof axios.getUri !== 'function') return () => {};
  } catch {
    return () => {};
  }
  const previous = axios.defaults.adapter;
  const network = axios.getAdapter(previous);
  const adapter = async (config: AxiosConfig): Promise<unknown> => {
    const href = axios.getUri(config);
    if (!href.startsWith(rpcBaseUrl)) return network(config);
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(axios.AxiosHeaders.from(config.headers).toJSON())) if (v !== undefined && v !== null) headers[k.toLowerCase()] = String(v);
    const url = new URL(href);
    headers.host ??= url.host;
    const data = config.data;
    const body = data === undefined || data === null ? Buffer.alloc(0) : Buffer.isBuffer(data) ? data : Buffer.from(typeof data === 'string' ? data : JSON.stringify(data));
    const reply = await dispatch({ method: (config.method ?? 'get').toUpperCase(), url, headers, body });
    const response = {
      data: reply.body ?? '',
      status: reply.status,
      statusText: STATUS_CODES[reply.status] ?? '',
      headers: axios.AxiosHeaders.from(reply.headers),
      config,
      request: {},
    };
    // what axios' own adapters do through settle()
    if (!config.validateStatus || config.validateStatus(reply.status)) return response;
    throw new axios.AxiosError(`Request failed with status code ${reply.status}`, reply.status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST', config, {}, response);
  };
  axios.defaults.adapter = adapter;
  return () => {
    if (axios.defaults.adapter === adapter) axios.defaults.adapter = previous;
  };
}
