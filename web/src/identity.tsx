// Who is shopping (web/README.md, "Identity"). With App Service Authentication (Azure), Static Web Apps'
// authentication, or the local host's development sign-in (--enable-auth), /.auth/me names the principal and
// the user id is its nameidentifier claim (App Service) or userId (Static Web Apps), as the API reads it. Without either (/.auth/me is missing), the store is open and a
// customer picker stands in for sign-in.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type IdentityMode = 'loading' | 'signed-in-service' | 'open';

export interface Identity {
  mode: IdentityMode;
  /** the customer whose cart and orders the pages show; undefined until signed in or picked */
  userId: string | undefined;
  /** true on this machine's development host (sign-in by name), false on Azure (Microsoft sign-in) */
  devSignIn: boolean;
  pick(userId: string): void;
  signInUrl(userId?: string): string;
  signOut(): Promise<void>;
}

const NAME_ID = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier';
const PICKED = 'contoso.customer';
export const CUSTOMER_ID = /^[A-Za-z0-9_-]{1,64}$/;

interface MeEntry {
  user_id?: string;
  user_claims?: { typ: string; val: string }[];
}

const IdentityContext = createContext<Identity | undefined>(undefined);

function isLocalHost(): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(window.location.hostname);
}

function readPicked(): string | undefined {
  const value = localStorage.getItem(PICKED) ?? undefined;
  return value && CUSTOMER_ID.test(value) ? value : undefined;
}

export function IdentityProvider({ children }: { children: ReactNode }) {
  const [mode, setMode] = useState<IdentityMode>('loading');
  const [userId, setUserId] = useState<string | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      let entries: MeEntry[] | undefined;
      try {
        const response = await fetch('/.auth/me', { credentials: 'same-origin', headers: { accept: 'application/json' } });
        const type = response.headers.get('content-type') ?? '';
        // Azure answers 401 while nobody is signed in; the local host answers [].
        if (response.status === 401) entries = [];
        else if (response.ok && type.includes('json')) {
          const body: unknown = await response.json();
          if (Array.isArray(body)) entries = body as MeEntry[];
          // Azure Static Web Apps' own /.auth/me: {"clientPrincipal": {userId, ...} | null}
          else if (body && typeof body === 'object' && 'clientPrincipal' in body) {
            const principal = (body as { clientPrincipal: { userId?: string } | null }).clientPrincipal;
            entries = principal?.userId ? [{ user_id: principal.userId }] : [];
          }
        }
      } catch {
        entries = undefined;
      }
      if (cancelled) return;
      if (entries === undefined) {
        setMode('open');
        setUserId(readPicked());
        return;
      }
      const me = entries[0];
      const claimed = me?.user_claims?.find((c) => c.typ === NAME_ID)?.val ?? me?.user_id;
      setMode('signed-in-service');
      setUserId(claimed);
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  const pick = useCallback((id: string) => {
    localStorage.setItem(PICKED, id);
    setUserId(id);
  }, []);

  const devSignIn = isLocalHost();
  const value = useMemo<Identity>(
    () => ({
      mode,
      userId,
      devSignIn,
      pick,
      signInUrl: (id?: string) => {
        const back = encodeURIComponent(window.location.pathname === '/sign-in' ? '/' : window.location.pathname);
        return devSignIn
          ? `/.auth/login/dev?user=${encodeURIComponent(id ?? '')}&post_login_redirect_uri=${back}`
          : `/.auth/login/aad?post_login_redirect_uri=${back}`;
      },
      signOut: async () => {
        if (mode === 'open') {
          localStorage.removeItem(PICKED);
          setUserId(undefined);
          return;
        }
        if (devSignIn) {
          await fetch('/.auth/logout', { credentials: 'same-origin' }).catch(() => undefined);
          window.location.assign('/');
        } else {
          window.location.assign('/.auth/logout?post_logout_redirect_uri=/');
        }
      },
    }),
    [mode, userId, devSignIn, pick],
  );
  return <IdentityContext.Provider value={value}>{children}</IdentityContext.Provider>;
}

export function useIdentity(): Identity {
  const identity = useContext(IdentityContext);
  if (!identity) throw new Error('useIdentity outside IdentityProvider');
  return identity;
}
