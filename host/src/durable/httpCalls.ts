// The executor of context.df.callHttp (ext: TaskHttpActivityShim.cs). A call is an activity of the task hub: it is
// scheduled by the episode that made it, runs once that episode is committed, and its response is recorded as the
// TaskCompleted of that task (a failure as TaskFailed). So it is at-least-once like any activity: a crash before
// the response is committed sends the request again after the restart. One task = one request; the 202 polling
// is done by the orchestration (a durable timer, then a new task per poll: orchestrations/episode.ts).
import { type DurableHttpRequest, type DurableHttpResponse, type HeaderValues } from './protocol/durableHttp.js';
import { type HistoryEvent, historyEvents } from './protocol/historyEvents.js';
import type { ActivityTask } from './work.js';

/** HttpClient's default timeout, which the extension's HTTP client keeps. */
export const HTTP_CALL_TIMEOUT_MS = 100_000;

// Content headers are not part of the response's headers in the extension (HttpResponseMessage.Headers).
const CONTENT_HEADERS = new Set(['allow', 'content-disposition', 'content-encoding', 'content-language', 'content-length', 'content-location', 'content-md5', 'content-range', 'content-type', 'expires', 'last-modified']);

function responseHeaders(headers: Headers): HeaderValues {
  const out: HeaderValues = {};
  for (const [name, value] of headers) {
    if (CONTENT_HEADERS.has(name) || name === 'set-cookie') continue;
    out[name] = value;
  }
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = cookies.length === 1 ? cookies[0]! : cookies;
  return out;
}

/** Performs the request; resolves with the response or throws a message for the orchestrator. */
export async function performHttpCall(request: DurableHttpRequest, timeoutMs = HTTP_CALL_TIMEOUT_MS): Promise<DurableHttpResponse> {
  if (request.tokenSource !== undefined) {
    throw new Error('callHttp with a tokenSource (managed identity) is not supported by the local host: pass an Authorization header instead');
  }
  const headers = new Headers();
  let contentType: string | undefined;
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (name.toLowerCase() === 'content-type') {
        if (v.includes('multipart')) throw new Error('Multipart content is not supported with CallHttpAsync.');
        contentType = v;
      } else headers.append(name, v);
    }
  }
  const hasBody = typeof request.content === 'string';
  if (hasBody) headers.set('content-type', contentType ?? 'text/plain');
  const response = await fetch(request.uri, {
    method: request.method,
    headers,
    ...(hasBody && request.method !== 'GET' && request.method !== 'HEAD' ? { body: request.content as string } : {}),
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((error: unknown) => {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    const name = (error as Error).name;
    if (name === 'TimeoutError') throw new Error(`The HTTP request to ${request.uri} timed out after ${timeoutMs} ms.`);
    throw new Error(`The HTTP request to ${request.uri} failed: ${(error as Error).message}${cause ? ` (${cause})` : ''}`);
  });
  const content = await response.text();
  return { statusCode: response.status, headers: responseHeaders(response.headers), content };
}

/** Runs one call task and builds the event its orchestration receives. */
export async function runHttpCallTask(task: ActivityTask): Promise<HistoryEvent> {
  try {
    const request = JSON.parse(task.input ?? 'null') as DurableHttpRequest;
    const response = await performHttpCall(request);
    return historyEvents.taskCompleted(Date.now(), task.scheduledId, JSON.stringify(response));
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    return historyEvents.taskFailed(Date.now(), task.scheduledId, message, JSON.stringify({ Message: message, StackTrace: null }));
  }
}
