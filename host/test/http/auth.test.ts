// --enable-auth: function keys (spec §2.2) and the Easy Auth emulation; without the flag nothing is enforced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startHost, type RunningHost } from '../support/spawnHost.js';

const KEYS = { FUNCTIONS_FUNCTION_KEY: 'fn-key-1', FUNCTIONS_HOST_KEY: 'host-key-1', FUNCTIONS_MASTER_KEY: 'master-key-1' };
const forgedPrincipal = Buffer.from(JSON.stringify({ auth_typ: 'aad', claims: [{ typ: 'roles', val: 'admin' }] })).toString('base64');

interface WhoAmI {
  headers: Record<string, string>;
  principal: { auth_typ: string; claims: { typ: string; val: string }[]; name_typ: string; role_typ: string } | null;
  user: { type: string; id: string; username: string } | null;
  authEnabled: string | null;
}

describe('with --enable-auth', () => {
  let host: RunningHost;
  beforeAll(async () => {
    host = await startHost(fixture('http-cjs'), { args: ['--enable-auth'], env: KEYS });
  });
  afterAll(async () => {
    await host?.stop();
  });
  const call = (path: string, headers: Record<string, string> = {}) => fetch(`${host.url}${path}`, { headers });

  it('prints where the keys come from', () => {
    expect(host.stdout()).toContain('function: fn-key-1 (from FUNCTIONS_FUNCTION_KEY)');
    expect(host.stdout()).toContain('master: master-key-1 (from FUNCTIONS_MASTER_KEY)');
  });

  it('anonymous functions need no key', async () => {
    expect((await call('/api/whoami')).status).toBe(200);
  });

  it('tells the app that App Service Authentication is on (WEBSITE_AUTH_ENABLED=true), as App Service does', async () => {
    expect(((await (await call('/api/whoami')).json()) as WhoAmI).authEnabled).toBe('true');
  });

  it.each([
    ['no key', '/api/secure/function', {}, 401],
    ['wrong key', '/api/secure/function?code=nope', {}, 401],
    ['function key in query', '/api/secure/function?code=fn-key-1', {}, 200],
    ['host key in header', '/api/secure/function', { 'x-functions-key': 'host-key-1' }, 200],
    ['master key on function level', '/api/secure/function', { 'x-functions-key': 'master-key-1' }, 200],
    ['function key on admin level', '/api/secure/admin?code=fn-key-1', {}, 401],
    ['host key on admin level', '/api/secure/admin', { 'x-functions-key': 'host-key-1' }, 401],
    ['master key on admin level', '/api/secure/admin?code=master-key-1', {}, 200],
  ])('%s → %i', async (_case, path, headers, status) => {
    const res = await call(path, headers as Record<string, string>);
    expect(res.status).toBe(status);
    if (status === 401) {
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('Unauthorized');
      expect(body.error.message).toMatch(/x-functions-key/);
    }
  });

  it('strips client-sent x-ms-client-principal* headers', async () => {
    const res = await call('/api/whoami', {
      'x-ms-client-principal': forgedPrincipal,
      'x-ms-client-principal-id': 'mallory',
      'x-ms-client-principal-name': 'mallory',
    });
    expect(await res.json()).toEqual({ headers: {}, principal: null, user: null, authEnabled: 'true' });
  });

  it('turns the x-dev-principal header into the headers Easy Auth injects', async () => {
    const res = await call('/api/whoami', { 'x-dev-principal': 'alice;admin,barista', 'x-ms-client-principal-id': 'mallory' });
    const who = (await res.json()) as WhoAmI;
    expect(who.headers['x-ms-client-principal-id']).toBe('alice');
    expect(who.headers['x-ms-client-principal-name']).toBe('alice');
    expect(who.headers['x-dev-principal']).toBeUndefined();
    expect(who.principal!.auth_typ).toBe('aad');
    const roles = who.principal!.claims.filter((c) => c.typ === who.principal!.role_typ).map((c) => c.val);
    expect(roles).toEqual(['admin', 'barista']);
    expect(who.principal!.claims.find((c) => c.typ === who.principal!.name_typ)?.val).toBe('alice');
    expect(who.user).toEqual({ type: 'AppService', id: 'alice', username: 'alice' });
  });

  it('signs in with GET /.auth/login/dev, keeps the session in a cookie, and signs out', async () => {
    const login = await call('/.auth/login/dev?user=bob&roles=staff');
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    expect(cookie).toMatch(/^LocalDevAuthSession=/);

    const who = (await (await call('/api/whoami', { cookie })).json()) as WhoAmI;
    expect(who.user?.id).toBe('bob');
    expect(who.principal!.claims.filter((c) => c.typ === who.principal!.role_typ).map((c) => c.val)).toEqual(['staff']);

    const me = (await (await call('/.auth/me', { cookie })).json()) as { user_id: string }[];
    expect(me[0]!.user_id).toBe('bob');

    const logout = await call('/.auth/logout', { cookie });
    expect(logout.headers.getSetCookie()[0]).toMatch(/^LocalDevAuthSession=; .*Max-Age=0/);
    expect(await (await call('/.auth/me')).json()).toEqual([]);
  });

  it('redirects after sign-in to a same-origin path only', async () => {
    const ok = await fetch(`${host.url}/.auth/login/dev?user=dana&post_login_redirect_uri=/api/whoami`, { redirect: 'manual' });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe('/api/whoami');
    expect(ok.headers.getSetCookie()[0]).toMatch(/^LocalDevAuthSession=dana/);
    const offsite = await call('/.auth/login/dev?user=dana&post_login_redirect_uri=//evil.example/');
    expect(offsite.status).toBe(400);
  });

  it('rejects a malformed development sign-in with 400', async () => {
    expect((await call('/.auth/login/dev?user=')).status).toBe(400);
    expect((await call('/.auth/login/dev?user=a%20b')).status).toBe(400);
    const res = await call('/api/whoami', { 'x-dev-principal': 'alice;bad role!' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BadRequest');
  });
});

describe('with --enable-auth and no configured keys', () => {
  it('generates keys at start and prints them', async () => {
    const host = await startHost(fixture('http-cjs'), {
      args: ['--enable-auth'],
      env: { FUNCTIONS_FUNCTION_KEY: '', FUNCTIONS_HOST_KEY: '', FUNCTIONS_MASTER_KEY: '' },
    });
    try {
      const master = /master: (\S+) \(generated/.exec(host.stdout())?.[1];
      expect(master).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await fetch(`${host.url}/api/secure/admin?code=${master}`)).status).toBe(200);
      expect((await fetch(`${host.url}/api/secure/admin`)).status).toBe(401);
    } finally {
      await host.stop();
    }
  });
});

describe('without --enable-auth (as Core Tools)', () => {
  let host: RunningHost;
  beforeAll(async () => {
    host = await startHost(fixture('http-cjs'));
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('does not enforce keys', async () => {
    expect((await fetch(`${host.url}/api/secure/admin`)).status).toBe(200);
  });

  it('passes principal headers through untouched and does not serve /.auth', async () => {
    const res = await fetch(`${host.url}/api/whoami`, {
      headers: {
        'x-ms-client-principal': forgedPrincipal,
        'x-ms-client-principal-id': 'carol',
        'x-ms-client-principal-name': 'carol',
        'x-ms-client-principal-idp': 'aad',
      },
    });
    const who = (await res.json()) as WhoAmI;
    expect(who.headers['x-ms-client-principal']).toBe(forgedPrincipal);
    expect(who.user).toEqual({ type: 'AppService', id: 'carol', username: 'carol' });
    expect(who.authEnabled).toBeNull();
    expect((await fetch(`${host.url}/.auth/login/dev?user=x`)).status).toBe(404);
  });
});
