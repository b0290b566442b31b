// Answers a write from its Result (an orchestration's output, or a cart write's recorded outcome), and the
// Location of what it made.
import type { HttpResponseInit } from '@azure/functions';
import type { Waited } from './durable';
import { errorResponse } from './responses';

export function respondToWrite<T>(waited: Waited, onSuccess: (value: T) => HttpResponseInit): HttpResponseInit {
  if (!waited.done) return waited.response; // the outcome did not show before the write deadline: 202
  return waited.result.ok ? onSuccess(waited.result.value as T) : errorResponse(waited.result.error);
}

/** host.json extensions.http.routePrefix (a contract test checks they agree). */
export const ROUTE_PREFIX = 'api';

/**
 * A relative reference (`/api/...`) to a resource of this app, each segment percent-encoded. Never built
 * from the request's URL: its origin comes from the client's Host header, which a Location must not echo
 * (README "Security"), and a relative reference resolves against whatever public address the client used.
 */
export const apiPath = (...segments: string[]): string => `/${ROUTE_PREFIX}/${segments.map(encodeURIComponent).join('/')}`;

/**
 * The 202 of a catalog write whose orchestration did not finish before the write deadline (an overloaded
 * engine): the product's Location to read. No status URL: the library's carries the system key.
 */
export const catalogWritePending = (itemId: string) => (): HttpResponseInit => ({
  status: 202,
  jsonBody: { message: 'The change is stored but its outcome is not known yet; read the product to see it.' },
  headers: { 'cache-control': 'no-store', location: apiPath('store', 'inventory', itemId), 'retry-after': '1' },
});
