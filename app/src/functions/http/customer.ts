// Customer routes: the {userId} route value, and — when STORE_REQUIRE_AUTH is "true" — the App Service
// Authentication principal that must own it (401 without one, 403 for someone else's data).
import type { HttpRequest } from '@azure/functions';
import type { z } from 'zod';
import { authorize, parsePrincipal } from '../../auth/principal';
import { ok, type Result } from '../../domain/result';
import { requireAuth } from '../../settings';
import { parseRoute } from './request';

/** The route values of a customer route, once the caller is allowed to use that customer's data. */
export function parseCustomerRoute<S extends z.ZodType<{ userId: string }>>(request: HttpRequest, schema: S): Result<z.infer<S>> {
  const route = parseRoute(request, schema);
  if (!route.ok) return route;
  const allowed = authorizeCustomer(request, route.value.userId);
  return allowed.ok ? route : allowed;
}

function authorizeCustomer(request: HttpRequest, userId: string): Result<void> {
  if (!requireAuth()) return ok(undefined);
  const principal = parsePrincipal(request.headers.get('x-ms-client-principal'), request.headers.get('x-ms-client-principal-id'));
  if (!principal.ok) return principal;
  const allowed = authorize(principal.value, userId, request.method === 'GET');
  return allowed.ok ? ok(undefined) : allowed;
}
