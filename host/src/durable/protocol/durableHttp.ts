// context.df.callHttp on the wire (spec §5.5 CallHttp; lib: http/DurableHttpRequest.js, task/CallHttpWithPollingTask.js;
// ext: DurableHttpRequest.cs, DurableHttpResponse.cs, HttpHeadersConverter.cs). The request comes in the CallHttp
// action; the response goes back as the Result of a TaskCompleted, like an activity's.

/** The name the extension gives the built-in activity that performs the call (ext: HttpOptions.cs). */
export const HTTP_ACTIVITY_NAME = 'BuiltIn::HttpActivity';

export type HeaderValues = Record<string, string | string[]>;

export interface DurableHttpRequest {
  method: string;
  uri: string;
  content?: string | null;
  headers?: HeaderValues | null;
  /** a managed identity token source: cannot be honoured locally */
  tokenSource?: unknown;
  /** follow 202 + Location (the default in the library) */
  asynchronousPatternEnabled?: boolean;
}

/** What the library reads as the call's result: header values are a string, or an array when repeated. */
export interface DurableHttpResponse {
  statusCode: number;
  headers: HeaderValues;
  content: string;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Validates the httpRequest of a CallHttp action; a string is the reason it is refused. */
export function parseDurableHttpRequest(value: unknown): DurableHttpRequest | string {
  if (typeof value !== 'object' || value === null) return 'callHttp: the request is missing';
  const r = value as Record<string, unknown>;
  if (typeof r.method !== 'string' || !TOKEN.test(r.method)) return `callHttp: invalid method ${JSON.stringify(r.method)}`;
  if (typeof r.uri !== 'string') return 'callHttp: the url is missing';
  let url: URL;
  try {
    url = new URL(r.uri);
  } catch {
    return `callHttp: invalid url ${JSON.stringify(r.uri)} (it must be absolute)`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `callHttp: unsupported url scheme ${url.protocol}`;
  if (r.content !== undefined && r.content !== null && typeof r.content !== 'string') return 'callHttp: the body must be a string or JSON-serializable';
  if (r.headers !== undefined && r.headers !== null) {
    if (typeof r.headers !== 'object' || Array.isArray(r.headers)) return 'callHttp: headers must be an object';
    for (const [name, v] of Object.entries(r.headers as object)) {
      if (!TOKEN.test(name)) return `callHttp: invalid header name ${JSON.stringify(name)}`;
      const values = Array.isArray(v) ? v : [v];
      if (!values.every((x) => typeof x === 'string')) return `callHttp: the value of header ${name} must be a string`;
    }
  }
  return {
    method: r.method.toUpperCase(),
    uri: r.uri,
    ...(typeof r.content === 'string' ? { content: r.content } : {}),
    ...(r.headers ? { headers: r.headers as HeaderValues } : {}),
    ...(r.tokenSource !== undefined && r.tokenSource !== null ? { tokenSource: r.tokenSource } : {}),
    asynchronousPatternEnabled: r.asynchronousPatternEnabled !== false,
  };
}

export function headerValue(headers: HeaderValues | undefined | null, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/**
 * The 202-polling step (ext: DurableOrchestrationContext.cs CallHttpAsync): after a 202 with a Location, wait
 * Retry-After seconds (else the default), then GET the Location with the same headers but x-functions-key.
 * Undefined when the response ends the call.
 */
export function nextPoll(request: DurableHttpRequest, resultText: string | null, defaultDelayMs: number): { delayMs: number; request: DurableHttpRequest } | undefined {
  if (!request.asynchronousPatternEnabled || resultText === null) return undefined;
  let response: DurableHttpResponse;
  try {
    response = JSON.parse(resultText) as DurableHttpResponse;
  } catch {
    return undefined;
  }
  const location = headerValue(response.headers, 'Location');
  if (response.statusCode !== 202 || !location) return undefined;
  const retryAfter = headerValue(response.headers, 'Retry-After');
  const delayMs = retryAfter !== undefined && /^\s*\d+\s*$/.test(retryAfter) ? Number(retryAfter) * 1000 : defaultDelayMs;
  const headers: HeaderValues = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) if (name.toLowerCase() !== 'x-functions-key') headers[name] = value;
  // a relative Location is taken relative to the URL that answered (the extension needs an absolute one)
  const uri = new URL(location, request.uri).href;
  return { delayMs, request: { method: 'GET', uri, headers, ...(request.tokenSource !== undefined ? { tokenSource: request.tokenSource } : {}), asynchronousPatternEnabled: true } };
}
