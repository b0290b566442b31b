// Conversions between node:http and the RpcHttp shapes the Functions host exchanges with the Node worker.
// Requests follow spec §2.3 (the worker advertises UseNullableValueDictionaryForHttp, RawHttpBodyBytes and
// IgnoreEmptyValuedRpcHttpHeaders); responses come from @azure/functions' toRpcHttp (spec §2.4).
import type { IncomingMessage, ServerResponse } from 'node:http';

type Nullable = Record<string, { value: string }>;

/** Header names lower-cased; repeated headers joined with "," as ASP.NET's StringValues does; empty values dropped. */
export function collectHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const value = raw[i + 1]!;
    if (value === '') continue;
    const name = raw[i]!.toLowerCase();
    const existing = headers[name];
    headers[name] = existing === undefined ? value : `${existing},${value}`;
  }
  return headers;
}

function toNullable(record: Record<string, string>): Nullable {
  const nullable: Nullable = {};
  for (const key in record) nullable[key] = { value: record[key]! };
  return nullable;
}

/** One entry per query key; repeated values joined with "," (spec §2.3: ?a=1&a=2 → "1,2"). */
export function collectQuery(search: string): Nullable {
  const query: Nullable = {};
  if (search.length <= 1) return query;
  for (const [key, value] of new URLSearchParams(search)) {
    const existing = query[key];
    query[key] = { value: existing === undefined ? value : `${existing.value},${value}` };
  }
  return query;
}

export interface RpcHttpRequestParts {
  method: string;
  /** absolute URL as the client addressed it: http://{Host}{path}{query} */
  url: string;
  headers: Record<string, string>;
  search: string;
  params: Record<string, string>;
  body: Buffer;
}

export function toRpcHttpRequest(parts: RpcHttpRequestParts): { http: Record<string, unknown> } {
  const http: Record<string, unknown> = {
    method: parts.method,
    url: parts.url,
    nullableHeaders: toNullable(parts.headers),
    nullableQuery: collectQuery(parts.search),
    nullableParams: toNullable(parts.params),
  };
  if (parts.body.length > 0) http.body = { bytes: parts.body };
  return { http };
}

interface RpcCookie {
  name?: string;
  value?: string;
  domain?: { value?: string };
  path?: { value?: string };
  expires?: { value?: { seconds?: number } };
  secure?: { value?: boolean };
  httpOnly?: { value?: boolean };
  sameSite?: string;
  maxAge?: { value?: number };
}

interface RpcHttpResponse {
  statusCode?: string;
  headers?: Record<string, string>;
  cookies?: RpcCookie[];
  body?: { bytes?: Uint8Array; string?: string };
}

/** .NET's Uri.EscapeDataString: everything but the unreserved characters A-Z a-z 0-9 - . _ ~ is percent-encoded. */
function escapeDataString(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A cookie as the Functions host writes it: `response.Cookies.Append(name, value, options)` of ASP.NET Core
 * (host: GrpcMessageExtensionUtilities.cs RpcHttpCookieConverter, RawScriptResult.cs). The value is escaped with
 * Uri.EscapeDataString; attributes come in SetCookieHeaderValue's order and lower case; CookieOptions' default
 * path `/` applies when the function sets none; SameSite "none" of the library (unspecified) writes nothing.
 */
export function toSetCookie(cookie: RpcCookie): string {
  let text = `${cookie.name ?? ''}=${escapeDataString(cookie.value ?? '')}`;
  if (cookie.expires?.value?.seconds !== undefined) {
    text += `; expires=${new Date(Number(cookie.expires.value.seconds) * 1000).toUTCString()}`;
  }
  if (cookie.maxAge?.value !== undefined) text += `; max-age=${Math.trunc(cookie.maxAge.value)}`;
  if (cookie.domain?.value !== undefined) text += `; domain=${cookie.domain.value}`;
  text += `; path=${cookie.path?.value ?? '/'}`;
  if (cookie.secure?.value) text += '; secure';
  if (cookie.sameSite === 'lax') text += '; samesite=lax';
  else if (cookie.sameSite === 'strict') text += '; samesite=strict';
  else if (cookie.sameSite === 'explicitNone') text += '; samesite=none';
  if (cookie.httpOnly?.value) text += '; httponly';
  return text;
}

// Framing is the server's business, not the function's.
const DROPPED_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/** Writes the `{http: ...}` return value of an HTTP function; undefined (no return) → 204 (spec §2.4). */
export function writeRpcHttpResponse(res: ServerResponse, returnValue: unknown): void {
  const http = (returnValue as { http?: RpcHttpResponse } | undefined)?.http;
  if (!http) {
    res.statusCode = 204;
    res.end();
    return;
  }
  const status = Number(http.statusCode ?? 200);
  res.statusCode = Number.isInteger(status) && status >= 100 && status <= 999 ? status : 200;
  const setCookies: string[] = [];
  for (const [name, value] of Object.entries(http.headers ?? {})) {
    const lower = name.toLowerCase();
    if (DROPPED_HEADERS.has(lower)) continue;
    if (lower === 'set-cookie') setCookies.push(value);
    else res.setHeader(name, value);
  }
  for (const cookie of http.cookies ?? []) setCookies.push(toSetCookie(cookie));
  if (setCookies.length > 0) res.setHeader('set-cookie', setCookies);

  const body = http.body;
  const noBody = res.statusCode === 204 || res.statusCode === 304 || (res.statusCode >= 100 && res.statusCode < 200);
  if (noBody || !body) {
    res.end();
  } else if (body.bytes) {
    const bytes = body.bytes;
    res.end(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } else if (body.string !== undefined) {
    res.end(body.string);
  } else {
    res.end();
  }
}
