// Settings that decide identity and timing: authMode (who may use customer routes), the write deadline
// (validated: a bad value falls back to the default with a warning), and the warnings said at load.
import { HttpRequest } from '@azure/functions';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCustomerRoute } from '../../src/functions/http/customer';
import { UserRoute } from '../../src/contracts/requests';
import { authMode, DEFAULT_WRITE_DEADLINE_MS, parseWriteDeadline, startupWarnings, writeDeadlineMs } from '../../src/settings';
import { principalHeader } from '../support/principal';

describe('authMode', () => {
  it.each([
    [{}, 'open'], // locally, nothing set
    [{ STORE_REQUIRE_AUTH: 'false' }, 'open'],
    [{ STORE_REQUIRE_AUTH: 'true' }, 'misconfigured'], // required, but nothing strips a forged header
    [{ STORE_REQUIRE_AUTH: 'TRUE', WEBSITE_AUTH_ENABLED: 'True' }, 'required'],
    [{ STORE_REQUIRE_AUTH: 'true', WEBSITE_AUTH_ENABLED: 'false' }, 'misconfigured'],
    [{ STORE_REQUIRE_AUTH: 'true', WEBSITE_AUTH_ENABLED: '1' }, 'misconfigured'],
    [{ STORE_REQUIRE_AUTH: 'yes', WEBSITE_AUTH_ENABLED: 'true' }, 'required'], // an unknown value fails closed
    [{ WEBSITE_SITE_NAME: 'contoso' }, 'misconfigured'], // on Azure without App Service Authentication
    [{ WEBSITE_SITE_NAME: 'contoso', STORE_REQUIRE_AUTH: '' }, 'misconfigured'],
    [{ WEBSITE_SITE_NAME: 'contoso', WEBSITE_AUTH_ENABLED: 'true' }, 'required'],
    [{ WEBSITE_SITE_NAME: 'contoso', STORE_REQUIRE_AUTH: 'false' }, 'open'], // explicitly open
    [{ WEBSITE_AUTH_ENABLED: 'true' }, 'open'],
  ] as [Record<string, string>, string][])('%j → %s', (env, mode) => {
    expect(authMode(env)).toBe(mode);
  });
});

describe('customer routes', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });
  const request = (headers: Record<string, string> = {}) =>
    new HttpRequest({ method: 'GET', url: 'http://localhost/api/user/ann/shoppingCart', params: { userId: 'ann' }, headers });
  const setEnv = (env: Record<string, string>) => {
    for (const name of ['STORE_REQUIRE_AUTH', 'WEBSITE_AUTH_ENABLED', 'WEBSITE_SITE_NAME']) delete process.env[name];
    Object.assign(process.env, env);
  };

  it('answer 503 AuthNotConfigured, saying why, when a principal is required but authentication is off: a forged header is not believed', () => {
    for (const env of [{ STORE_REQUIRE_AUTH: 'true' }, { WEBSITE_SITE_NAME: 'contoso' }] as Record<string, string>[]) {
      setEnv(env);
      const result = parseCustomerRoute(request(principalHeader('ann')), UserRoute);
      expect(result).toMatchObject({ ok: false, error: { code: 'AuthNotConfigured', message: expect.stringContaining('WEBSITE_AUTH_ENABLED') } });
    }
  });
  it('believe the principal only with App Service Authentication on', () => {
    setEnv({ STORE_REQUIRE_AUTH: 'true', WEBSITE_AUTH_ENABLED: 'true' });
    expect(parseCustomerRoute(request(principalHeader('ann')), UserRoute)).toEqual({ ok: true, value: { userId: 'ann' } });
    expect(parseCustomerRoute(request(principalHeader('bob')), UserRoute)).toMatchObject({ ok: false, error: { code: 'Forbidden' } });
    expect(parseCustomerRoute(request(), UserRoute)).toMatchObject({ ok: false, error: { code: 'Unauthorized' } });
  });
  it('are open locally and on Azure with STORE_REQUIRE_AUTH=false', () => {
    setEnv({ WEBSITE_SITE_NAME: 'contoso', STORE_REQUIRE_AUTH: 'false' });
    expect(parseCustomerRoute(request(), UserRoute)).toEqual({ ok: true, value: { userId: 'ann' } });
  });
});

describe('STORE_WRITE_DEADLINE_MS', () => {
  it('is a whole number of milliseconds from 1 to 120000, else the default with the reason', () => {
    expect(parseWriteDeadline(undefined)).toEqual({ value: DEFAULT_WRITE_DEADLINE_MS });
    expect(parseWriteDeadline(' 5000 ')).toEqual({ value: 5000 });
    expect(parseWriteDeadline('120000')).toEqual({ value: 120_000 });
    for (const bad of ['0', '-5', '1.5', '5s', 'abc', '120001', '99999999999']) {
      expect(parseWriteDeadline(bad)).toEqual({ value: DEFAULT_WRITE_DEADLINE_MS, problem: expect.stringContaining('STORE_WRITE_DEADLINE_MS') });
    }
    expect(writeDeadlineMs({ STORE_WRITE_DEADLINE_MS: 'soon' })).toBe(DEFAULT_WRITE_DEADLINE_MS);
  });
});

describe('startupWarnings', () => {
  it('says why customer routes refuse work and which setting was ignored, and nothing when all is well', () => {
    expect(startupWarnings({ STORE_REQUIRE_AUTH: 'false' })).toEqual([]);
    const warnings = startupWarnings({ WEBSITE_SITE_NAME: 'contoso', STORE_WRITE_DEADLINE_MS: 'x' });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/503 AuthNotConfigured.*WEBSITE_AUTH_ENABLED/);
    expect(warnings[1]).toMatch(/STORE_WRITE_DEADLINE_MS="x"/);
  });
});
