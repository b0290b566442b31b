// App Service Authentication principals as the platform sends them: base64 JSON in x-ms-client-principal.
// The claim types are written out here (not imported from src/auth) so tests pin the wire format.
export const NAME_ID = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier';
export const ROLE = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';

/** base64 of a string as it is, or of any other value as JSON */
export const encodePrincipal = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64');

/** the encoded principal of `userId` with `roles` */
export const principalOf = (userId: string, roles: string[] = []) =>
  encodePrincipal({ auth_typ: 'aad', name_typ: 'name', role_typ: ROLE, claims: [{ typ: NAME_ID, val: userId }, ...roles.map((val) => ({ typ: ROLE, val }))] });

/** the request header carrying that principal */
export const principalHeader = (userId: string, ...roles: string[]) => ({ 'x-ms-client-principal': principalOf(userId, roles) });
