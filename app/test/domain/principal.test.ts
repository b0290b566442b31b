import { describe, expect, it } from 'vitest';
import { authorize, parsePrincipal } from '../../src/auth/principal';

import { encodePrincipal as encode, NAME_ID, principalOf as principal, ROLE } from '../support/principal';

describe('parsePrincipal', () => {
  it('reads the user id from the nameidentifier claim and roles from role_typ claims', () => {
    expect(parsePrincipal(principal('alice', ['admin', 'reader']), null)).toEqual({ ok: true, value: { userId: 'alice', roles: ['admin', 'reader'] } });
  });
  it('falls back to x-ms-client-principal-id', () => {
    expect(parsePrincipal(encode({ claims: [] }), 'bob')).toEqual({ ok: true, value: { userId: 'bob', roles: [] } });
  });
  it("reads Static Web Apps' principal (the storefront's /api behind a linked Static Web App)", () => {
    const swa = encode({ identityProvider: 'aad', userId: 'd75b260a64504067bfc5b2905e3b8182', userDetails: 'alice@contoso.com', userRoles: ['anonymous', 'authenticated', 'admin'] });
    expect(parsePrincipal(swa, null)).toEqual({ ok: true, value: { userId: 'd75b260a64504067bfc5b2905e3b8182', roles: ['anonymous', 'authenticated', 'admin'] } });
  });
  it.each([
    ['Static Web Apps principal without a user id', encode({ identityProvider: 'aad', userId: '', userRoles: [] })],
    ['Static Web Apps principal with roles that are not a list', encode({ identityProvider: 'aad', userId: 'u1', userRoles: 'admin' })],
    ['missing', null],
    ['empty', ''],
    ['not base64', '!!!not-base64!!!'],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64')],
    ['wrong shape', encode({ claims: 'all of them' })],
    ['no user', encode({ claims: [{ typ: 'name', val: 'x' }] })],
    ['huge', 'A'.repeat(20_000)],
  ])('refuses a %s principal as Unauthorized', (_label, header) => {
    expect(parsePrincipal(header, null)).toMatchObject({ ok: false, error: { code: 'Unauthorized' } });
  });
});

describe('authorize', () => {
  it('lets a customer use their own routes', () => {
    expect(authorize({ userId: 'alice', roles: [] }, 'alice', false).ok).toBe(true);
  });
  it("refuses someone else's routes, except reads by an admin", () => {
    expect(authorize({ userId: 'alice', roles: [] }, 'bob', true)).toMatchObject({ ok: false, error: { code: 'Forbidden' } });
    expect(authorize({ userId: 'alice', roles: ['admin'] }, 'bob', true).ok).toBe(true);
    expect(authorize({ userId: 'alice', roles: ['admin'] }, 'bob', false)).toMatchObject({ ok: false, error: { code: 'Forbidden' } });
  });
});
