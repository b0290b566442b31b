// Customer routes: the {userId} route value, and — when a principal is required (settings.ts authMode) —
// the App Service Authentication principal that must own it (401 without one, 403 for someone else's
// data). The principal header is read only when App Service Authentication is on: otherwise the client
// could have sent it, so a route that needs one answers 503 AuthNotConfigured instead (README "Security").
import type { HttpRequest } from '@azure/functions';
import type { z } from 'zod';
import { authorize, parsePrincipal } from '../../auth/principal';
import { fail, ok, type Result } from '../../domain/result';
import { AUTH_NOT_CONFIGURED, authMode } from '../../settings';
import { parseRoute } from './request';

/** The route values of a customer route, once the caller is allowed to use that customer's data. */
export function parseCustomerRoute<S extends z.ZodType<{ userId: string }>>(request: HttpRequest, schema: S): Result<z.infer<S>> {
  const mode = authMode();
  if (mode === 'misconfigured') return fail('AuthNotConfigured', AUTH_NOT_CONFIGURED);
  const route = parseRoute(request, schema);
  if (!route.ok || mode === 'open') return route;
  const allowed = authorizeCustomer(request, route.value.userId);
  return allowed.ok ? route : allowed;
}

function authorizeCustomer(request: HttpRequest, userId: string): Result<void> {
  const principal = parsePrincipal(request.headers.get('x-ms-client-principal'), request.headers.get('x-ms-client-principal-id'));
  if (!principal.ok) return principal;
  const allowed = authorize(principal.value, userId, request.method === 'GET');
  return allowed.ok ? ok(undefined) : allowed;
}
