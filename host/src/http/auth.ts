// --enable-auth mode (spec §2.2): function keys as Azure enforces them, and an emulation of App Service
// Authentication ("Easy Auth"), which strips client-sent x-ms-client-principal* headers and injects its own.
// Without the flag the host enforces nothing and passes headers through untouched, as Core Tools does.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError, sendJson } from './errors.js';
import type { HttpRoute } from './routeTable.js';
import { collectHeaders } from './rpcHttp.js';

/** Environment variables (or local.settings.json Values) holding the keys; unset ones are generated at start. */
export const KEY_VARIABLES = {
  master: 'FUNCTIONS_MASTER_KEY',
  host: 'FUNCTIONS_HOST_KEY',
  function: 'FUNCTIONS_FUNCTION_KEY',
  /** the Durable Task extension's system key, `durabletask_extension` on Azure (README "Keys and sign-in") */
  system: 'FUNCTIONS_SYSTEM_KEY',
} as const;

export interface HostKeys {
  master: string;
  host: string;
  function: string;
  /** system key of the durable extension's webhooks (`durabletask_extension`) */
  system: string;
  /** names of the keys generated because their variable was unset */
  generated: (keyof typeof KEY_VARIABLES)[];
}

export function loadKeys(env: NodeJS.ProcessEnv = process.env): HostKeys {
  const generated: HostKeys['generated'] = [];
  const pick = (kind: keyof typeof KEY_VARIABLES) => {
    const value = env[KEY_VARIABLES[kind]];
    if (value) return value;
    generated.push(kind);
    return randomBytes(32).toString('base64url');
  };
  return { master: pick('master'), host: pick('host'), function: pick('function'), system: pick('system'), generated };
}

/** The key a request gives: query `code`, else header `x-functions-key` (spec §2.2). */
export function givenKey(url: URL, headers: Record<string, string | string[] | undefined>): string | undefined {
  const header = headers['x-functions-key'];
  return url.searchParams.get('code') ?? (Array.isArray(header) ? header[0] : header);
}

export function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const DEV_PRINCIPAL_HEADER = 'x-dev-principal';
export const DEV_SESSION_COOKIE = 'LocalDevAuthSession';
const CLAIM_NAME = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';
const CLAIM_NAME_ID = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier';
const CLAIM_ROLE = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';
const USER_ID = /^[A-Za-z0-9._@-]{1,128}$/;
const ROLE = /^[A-Za-z0-9._-]{1,64}$/;

export interface DevPrincipal {
  userId: string;
  roles: string[];
}

/** Parses "<userId>[;role1,role2]" (header or cookie value). Returns an error sentence when malformed. */
export function parseDevPrincipal(text: string): DevPrincipal | string {
  const [user = '', rolesText = '', ...extra] = text.split(';');
  const userId = user.trim();
  if (extra.length > 0) return 'expected "<userId>[;role1,role2]"';
  if (!USER_ID.test(userId)) return 'the user id must be 1-128 characters of letters, digits, "." "_" "@" "-"';
  const roles = rolesText.split(',').map((r) => r.trim()).filter((r) => r !== '');
  const badRole = roles.find((r) => !ROLE.test(r));
  if (badRole !== undefined) return `role "${badRole}" must be 1-64 characters of letters, digits, "." "_" "-"`;
  return { userId, roles: [...new Set(roles)] };
}

function principalClaims(principal: DevPrincipal): { typ: string; val: string }[] {
  return [
    { typ: CLAIM_NAME_ID, val: principal.userId },
    { typ: CLAIM_NAME, val: principal.userId },
    ...principal.roles.map((role) => ({ typ: CLAIM_ROLE, val: role })),
  ];
}

/** The headers Easy Auth injects for a signed-in user (x-ms-client-principal is base64 JSON). */
export function principalHeaders(principal: DevPrincipal): Record<string, string> {
  const clientPrincipal = {
    auth_typ: 'aad',
    claims: principalClaims(principal),
    name_typ: CLAIM_NAME,
    role_typ: CLAIM_ROLE,
  };
  return {
    'x-ms-client-principal': Buffer.from(JSON.stringify(clientPrincipal)).toString('base64'),
    'x-ms-client-principal-id': principal.userId,
    'x-ms-client-principal-name': principal.userId,
    'x-ms-client-principal-idp': 'aad',
  };
}

function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(/[;,]/)) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export class AuthGate {
  readonly keys: HostKeys;

  constructor(keys: HostKeys) {
    this.keys = keys;
  }

  /**
   * An extension's webhooks (the durable API) take its system key or the master key, never a function or
   * host key, as on Azure (SystemAuthorizationLevel). On refusal writes the 401 and returns false.
   */
  authorizeSystem(req: IncomingMessage, url: URL, res: ServerResponse): boolean {
    const given = givenKey(url, req.headers);
    if (given && (sameKey(given, this.keys.system) || sameKey(given, this.keys.master))) return true;
    req.resume();
    sendError(
      res,
      401,
      `${given ? 'The key is not valid' : 'A key is required'}: the durable task webhooks need the system key durabletask_extension (or the master key) in the "code" query parameter or the x-functions-key header.`,
    );
    return false;
  }

  /** The host's admin routes (/admin/...) take the master key only, as on Azure. On refusal writes the 401 and returns false. */
  authorizeMaster(req: IncomingMessage, url: URL, res: ServerResponse): boolean {
    const given = givenKey(url, req.headers);
    if (given && sameKey(given, this.keys.master)) return true;
    req.resume();
    sendError(res, 401, `${given ? 'The key is not valid' : 'A key is required'}: the host's admin routes need the master key in the "code" query parameter or the x-functions-key header.`);
    return false;
  }

  /**
   * Local sign-in routes (Easy Auth lives under /.auth):
   *   GET /.auth/login/dev?user=alice&roles=admin,staff[&post_login_redirect_uri=/path] → sets the session cookie
   *   GET /.auth/logout                                  → clears it
   *   GET /.auth/me                                      → the signed-in principal, [] when none
   */
  async handleOwnRoute(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith('/.auth/')) return false;
    req.resume();
    const path = url.pathname.toLowerCase().replace(/\/+$/, '');
    if (req.method !== 'GET' && req.method !== 'POST') {
      sendError(res, 405, 'Use GET.');
      return true;
    }
    if (path === '/.auth/login/dev') {
      const text = `${url.searchParams.get('user') ?? ''};${url.searchParams.get('roles') ?? ''}`;
      const principal = parseDevPrincipal(text);
      if (typeof principal === 'string') {
        sendError(res, 400, `Invalid development sign-in: ${principal}.`);
        return true;
      }
      const cookie = `${DEV_SESSION_COOKIE}=${encodeURIComponent(`${principal.userId};${principal.roles.join(',')}`)}; Path=/; HttpOnly; SameSite=Lax`;
      // As Easy Auth: ?post_login_redirect_uri=/path sends the browser back (same-origin paths only).
      const redirect = url.searchParams.get('post_login_redirect_uri');
      if (redirect !== null) {
        if (!redirect.startsWith('/') || redirect.startsWith('//') || redirect.includes('\\')) {
          sendError(res, 400, 'post_login_redirect_uri must be a path on this host, e.g. /api/docs.');
          return true;
        }
        res.statusCode = 302;
        res.setHeader('location', redirect);
        res.setHeader('set-cookie', cookie);
        res.end();
        return true;
      }
      sendJson(res, 200, { userId: principal.userId, roles: principal.roles }, { 'set-cookie': cookie });
      return true;
    }
    if (path === '/.auth/logout') {
      sendJson(res, 200, { signedOut: true }, { 'set-cookie': `${DEV_SESSION_COOKIE}=; Path=/; HttpOnly; Max-Age=0` });
      return true;
    }
    if (path === '/.auth/me') {
      const principal = this.#principalFrom(collectHeaders(req));
      if (typeof principal === 'string') {
        sendError(res, 400, `Invalid development sign-in: ${principal}.`);
      } else if (!principal) {
        sendJson(res, 200, []);
      } else {
        sendJson(res, 200, [{ provider_name: 'aad', user_id: principal.userId, user_claims: principalClaims(principal) }]);
      }
      return true;
    }
    sendError(res, 404, 'Unknown /.auth route: use /.auth/login/dev, /.auth/logout or /.auth/me.');
    return true;
  }

  #principalFrom(headers: Record<string, string>): DevPrincipal | string | undefined {
    const fromHeader = headers[DEV_PRINCIPAL_HEADER];
    if (fromHeader !== undefined) return parseDevPrincipal(fromHeader);
    const fromCookie = readCookie(headers['cookie'], DEV_SESSION_COOKIE);
    return fromCookie === undefined || fromCookie === '' ? undefined : parseDevPrincipal(fromCookie);
  }

  /**
   * Checks the route's authLevel and rewrites identity headers in place. On refusal writes the 401/400 and
   * returns false.
   */
  authorize(route: HttpRoute, headers: Record<string, string>, url: URL, res: ServerResponse): boolean {
    if (route.authLevel !== 'anonymous') {
      const given = givenKey(url, headers);
      const accepted =
        given !== undefined &&
        given !== '' &&
        (sameKey(given, this.keys.master) ||
          (route.authLevel === 'function' && (sameKey(given, this.keys.host) || sameKey(given, this.keys.function))));
      if (!accepted) {
        const needed = route.authLevel === 'admin' ? 'the master key' : 'a function key or host key';
        sendError(
          res,
          401,
          `${given ? 'The key is not valid' : 'A key is required'}: this function needs ${needed} in the "code" query parameter or the x-functions-key header.`,
        );
        return false;
      }
    }
    // Easy Auth: never trust identity headers from the client.
    for (const name of Object.keys(headers)) {
      if (name.startsWith('x-ms-client-principal')) delete headers[name];
    }
    const principal = this.#principalFrom(headers);
    delete headers[DEV_PRINCIPAL_HEADER];
    if (typeof principal === 'string') {
      sendError(res, 400, `Invalid development sign-in (${DEV_PRINCIPAL_HEADER} header or ${DEV_SESSION_COOKIE} cookie): ${principal}.`);
      return false;
    }
    if (principal) Object.assign(headers, principalHeaders(principal));
    return true;
  }
}
