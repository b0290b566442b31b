// Answers a write from its Result (an orchestration's output, or a cart write's recorded outcome).
import type { HttpResponseInit } from '@azure/functions';
import type { Waited } from './durable';
import { errorResponse } from './responses';

export function respondToWrite<T>(waited: Waited, onSuccess: (value: T) => HttpResponseInit): HttpResponseInit {
  if (!waited.done) return waited.response; // only when the engine is overloaded: 202
  return waited.result.ok ? onSuccess(waited.result.value as T) : errorResponse(waited.result.error);
}

/** Absolute URL of a resource below or beside the request's path (keeps whatever routePrefix is in use). */
export function locationOf(requestUrl: string, relative: string): string {
  const url = new URL(requestUrl);
  const base = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return new URL(relative, `${url.origin}${base}`).href;
}
