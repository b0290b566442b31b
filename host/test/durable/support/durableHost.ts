// Talks to a host running a durable fixture: the client bridge (real DurableClient calls inside an HTTP
// function of the fixture) and raw requests to the durable HTTP API.
export interface Bridge {
  url: string;
  /** call a DurableClient method inside the app; resolves its result or rejects with its error message */
  client<T = any>(method: string, ...args: unknown[]): Promise<T>;
  /** same, but returns the HTTP-level response of the bridge (for methods returning HttpResponse) */
  clientResponse(method: string, ...args: unknown[]): Promise<{ status: number; headers: Record<string, string>; body: string }>;
  raw(method: string, path: string, body?: string, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; text: string; json: any }>;
  waitForStatus(id: string, statuses: string[], timeoutMs?: number, query?: string): Promise<any>;
}

export function bridge(url: string): Bridge {
  const post = (method: string, args: unknown[]) =>
    fetch(`${url}/api/client/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) });
  const b: Bridge = {
    url,
    async client(method, ...args) {
      const res = await post(method, args);
      const body = (await res.json()) as { result?: unknown; error?: string };
      if (res.status !== 200) throw new Error(body.error ?? `bridge answered ${res.status}`);
      return body.result as any;
    },
    async clientResponse(method, ...args) {
      // the bridge returns the library's HttpResponse as the function's own response
      const res = await post(method, args);
      return { status: res.status, headers: Object.fromEntries(res.headers.entries()), body: await res.text() };
    },
    async raw(method, path, body, headers = {}) {
      const res = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, headers: res.headers, text, json };
    },
    async waitForStatus(id, statuses, timeoutMs = 15_000, query = '') {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const r = await b.raw('GET', `/runtime/webhooks/durabletask/instances/${encodeURIComponent(id)}${query}`);
        if (r.status !== 404 && statuses.includes(r.json?.runtimeStatus)) return r.json;
        if (Date.now() > until) throw new Error(`instance ${id} did not reach ${statuses} (last: ${r.text})`);
        await new Promise((res) => setTimeout(res, 10));
      }
    },
  };
  return b;
}
