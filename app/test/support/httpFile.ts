// Reads and sends a request collection in the REST Client format (app/api.http): `@name = value` file
// variables, `###` between requests, `# @name x` to name a request, `# => NNN` for the status it states,
// then the request line, headers, a blank line and the body. Supports the variables the collection uses:
// `{{var}}`, `{{$guid}}`, `{{x.request.headers.H}}`, `{{x.response.headers.H}}` and
// `{{x.response.body.$.a.b}}` (a JSONPath of dotted keys).
import { randomUUID } from 'node:crypto';

export interface HttpFileRequest {
  title: string;
  name?: string;
  expectedStatus?: number;
  method: string;
  url: string;
  headers: [string, string][];
  body?: string;
}

export interface HttpFile { variables: Record<string, string>; requests: HttpFileRequest[] }

export function parseHttpFile(text: string): HttpFile {
  const variables: Record<string, string> = {};
  const requests: HttpFileRequest[] = [];
  for (const [index, block] of text.split(/^###/m).entries()) {
    const lines = block.split('\n');
    const title = index === 0 ? '' : lines.shift()!.trim();
    let request: HttpFileRequest | undefined;
    const meta: { name?: string; expectedStatus?: number } = {};
    let inBody = false;
    const body: string[] = [];
    for (const raw of lines) {
      const line = raw.replace(/\r$/, '');
      if (!request) {
        const variable = /^@([A-Za-z0-9_]+)\s*=\s*(.*)$/.exec(line);
        if (variable) variables[variable[1]!] = variable[2]!.trim();
        else if (/^#\s*@name\s+(\S+)/.test(line)) meta.name = /^#\s*@name\s+(\S+)/.exec(line)![1];
        else if (/^#\s*=>\s*(\d{3})/.test(line)) meta.expectedStatus = Number(/^#\s*=>\s*(\d{3})/.exec(line)![1]);
        else if (/^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+\S+/.test(line)) {
          const [method, url] = line.split(/\s+/) as [string, string];
          request = { title, ...meta, method, url, headers: [] };
        } else if (line.trim() !== '' && !line.startsWith('#')) throw new Error(`api.http: unexpected line before a request: ${line}`);
      } else if (!inBody) {
        if (line.trim() === '') inBody = true;
        else if (line.startsWith('#')) continue;
        else {
          const colon = line.indexOf(':');
          if (colon < 1) throw new Error(`api.http: malformed header in '${title}': ${line}`);
          request.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
        }
      } else body.push(line);
    }
    if (request) {
      const text = body.join('\n').trim();
      if (text) request.body = text;
      requests.push(request);
    }
  }
  return { variables, requests };
}

export interface SentRequest { request: { headers: Record<string, string> }; response: { status: number; headers: Headers; body: unknown } }

/** Replaces every `{{...}}` in `text`; throws on a variable it cannot resolve (a typo must not pass quietly). */
export function substitute(text: string, variables: Record<string, string>, named: Record<string, SentRequest>): string {
  return text.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    if (expression === '$guid') return randomUUID();
    if (Object.hasOwn(variables, expression)) return substitute(variables[expression]!, variables, named);
    const [name, part, kind, ...rest] = expression.split('.');
    const sent = name !== undefined && Object.hasOwn(named, name) ? named[name] : undefined;
    if (sent && part === 'request' && kind === 'headers') {
      const header = Object.entries(sent.request.headers).find(([key]) => key.toLowerCase() === rest.join('.').toLowerCase());
      if (header) return header[1];
    }
    if (sent && part === 'response' && kind === 'headers') {
      const value = sent.response.headers.get(rest.join('.'));
      if (value !== null) return value;
    }
    if (sent && part === 'response' && kind === 'body' && rest[0] === '$') {
      let value: unknown = sent.response.body;
      for (const key of rest.slice(1)) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
      if (typeof value === 'string' || typeof value === 'number') return String(value);
    }
    throw new Error(`api.http: cannot resolve {{${expression}}}`);
  });
}

/** Sends the collection's requests in order; `overrides` replace file variables (e.g. the base URL). */
export async function sendHttpFile(file: HttpFile, overrides: Record<string, string>) {
  const variables = { ...file.variables, ...overrides };
  const named: Record<string, SentRequest> = {};
  const results: { title: string; expected?: number; status: number; body: unknown }[] = [];
  for (const request of file.requests) {
    let headers: Record<string, string>, url: string, body: string | undefined;
    try {
      headers = Object.fromEntries(request.headers.map(([key, value]) => [key, substitute(value, variables, named)]));
      url = substitute(request.url, variables, named);
      body = request.body === undefined ? undefined : substitute(request.body, variables, named);
    } catch (error) {
      // e.g. a variable from an earlier request that failed: report it with the statuses so far
      results.push({ title: request.title, expected: request.expectedStatus, status: 0, body: String(error) });
      continue;
    }
    const response = await fetch(url, { method: request.method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch { /* not JSON: keep the text */ }
    if (request.name) named[request.name] = { request: { headers }, response: { status: response.status, headers: response.headers, body: parsed } };
    results.push({ title: request.title, expected: request.expectedStatus, status: response.status, body: parsed });
  }
  return results;
}
