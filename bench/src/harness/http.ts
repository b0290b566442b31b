// Setup and verification calls (not measured): JSON over fetch.

export interface JsonResponse {
  status: number;
  body: unknown;
}

export async function call(origin: string, method: string, path: string, body?: unknown): Promise<JsonResponse> {
  const response = await fetch(origin + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // keep the text: the caller reports it
  }
  return { status: response.status, body: parsed };
}

/** Like call, but throws unless the status is one of `expected`. */
export async function expectStatus(origin: string, method: string, path: string, body: unknown, ...expected: number[]): Promise<JsonResponse> {
  const response = await call(origin, method, path, body);
  if (!expected.includes(response.status)) {
    throw new Error(`${method} ${path} answered ${response.status} (expected ${expected.join('/')}): ${JSON.stringify(response.body).slice(0, 400)}`);
  }
  return response;
}

/** Polls until check() returns a value (not undefined) or the time is up. */
export async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
