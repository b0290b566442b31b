// App Service Authentication ("Easy Auth") principals, parsed defensively. The platform sends
// x-ms-client-principal = base64(JSON {auth_typ, claims:[{typ,val}], name_typ, role_typ}) and
// x-ms-client-principal-id. Behind a Static Web App linked to the function app (the storefront on Azure),
// the header carries Static Web Apps' shape instead, {identityProvider, userId, userDetails, userRoles}
// (the Functions host reads both). Pure: no Azure import.
import { z } from 'zod';
import { fail, ok, type Result } from '../domain/result';

export interface Principal {
  userId: string;
  roles: string[];
}

const MAX_HEADER_LENGTH = 16_384;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const NAME_IDENTIFIER = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier';
const DEFAULT_ROLE_TYPE = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';

const ClientPrincipal = z.object({
  auth_typ: z.string().max(200).optional(),
  claims: z.array(z.object({ typ: z.string().max(500), val: z.string().max(2000) })).max(500),
  name_typ: z.string().max(500).optional(),
  role_typ: z.string().max(500).optional(),
});

/** Static Web Apps' principal: `userId` is the per-app user id its `/.auth/me` shows. */
const StaticWebAppsPrincipal = z.object({
  identityProvider: z.string().max(200),
  userId: z.string().min(1).max(500),
  userDetails: z.string().max(2000).optional(),
  userRoles: z.array(z.string().max(200)).max(500),
});

const unauthorized = (message: string) => fail<Principal>('Unauthorized', message);

/** Parses the principal headers; any missing or malformed piece is Unauthorized. */
export function parsePrincipal(principalHeader: string | null, principalIdHeader: string | null): Result<Principal> {
  if (!principalHeader) return unauthorized('Sign in first: this route requires an authenticated user.');
  const encoded = principalHeader.trim();
  if (encoded.length > MAX_HEADER_LENGTH || !BASE64.test(encoded)) return unauthorized('The client principal is not valid base64.');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    return unauthorized('The client principal is not valid JSON.');
  }
  const staticWebApps = StaticWebAppsPrincipal.safeParse(decoded);
  if (staticWebApps.success) return ok({ userId: staticWebApps.data.userId, roles: staticWebApps.data.userRoles });
  const parsed = ClientPrincipal.safeParse(decoded);
  if (!parsed.success) return unauthorized('The client principal does not have the expected shape.');
  const { claims, role_typ } = parsed.data;
  const nameIdentifier = claims.find((c) => c.typ === NAME_IDENTIFIER || c.typ === 'nameidentifier')?.val;
  const userId = nameIdentifier || principalIdHeader?.trim();
  if (!userId) return unauthorized('The client principal names no user.');
  const roleType = role_typ ?? DEFAULT_ROLE_TYPE;
  const roles = claims.filter((c) => c.typ === roleType || c.typ === 'roles').map((c) => c.val);
  return ok({ userId, roles });
}

/**
 * May this principal use the customer routes of `routeUserId`? Its own: yes. Another customer's: only
 * reading, and only with the `admin` role.
 */
export function authorize(principal: Principal, routeUserId: string, isRead: boolean): Result<Principal> {
  if (principal.userId === routeUserId) return ok(principal);
  if (isRead && principal.roles.includes('admin')) return ok(principal);
  return fail('Forbidden', isRead ? "Only the customer or an admin may read this customer's data." : 'Only the customer may change their own cart and orders.');
}
