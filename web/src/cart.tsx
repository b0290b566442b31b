// The customer's cart as the server has it. Every write answers with the resulting cart, which replaces
// the one shown; a failed or uncertain write shows why and re-reads the cart, so the page never shows a
// cart the server does not have (app/README.md, "Writes and read-your-writes").
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiFailure, api } from './api/client';
import type { CartView } from './api/types';
import { useIdentity } from './identity';

export interface Cart {
  cart: CartView | undefined;
  /** a failed read, shown instead of the cart */
  loadError: string | undefined;
  busy: boolean;
  refresh(): Promise<CartView | undefined>;
  /** Runs a cart write; returns the failure (already followed by a re-read) or undefined on success. */
  write(op: (userId: string) => Promise<CartView>): Promise<ApiFailure | undefined>;
}

const CartContext = createContext<Cart | undefined>(undefined);

export function explain(error: unknown): ApiFailure {
  return error instanceof ApiFailure ? error : new ApiFailure(0, 'Unexpected', String((error as Error)?.message ?? error));
}

export function CartProvider({ children }: { children: ReactNode }) {
  const { userId } = useIdentity();
  const [cart, setCart] = useState<CartView | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState(0);
  const current = useRef(userId);
  current.current = userId;

  const refresh = useCallback(async () => {
    const id = current.current;
    if (!id) return undefined;
    try {
      const view = await api.cart(id);
      if (current.current === id) {
        setCart(view);
        setLoadError(undefined);
      }
      return view;
    } catch (error) {
      // Unknown state: show nothing rather than a cart the server may not have.
      if (current.current === id) {
        setCart(undefined);
        setLoadError(explain(error).message);
      }
      return undefined;
    }
  }, []);

  useEffect(() => {
    setCart(undefined);
    setLoadError(undefined);
    void refresh();
  }, [userId, refresh]);

  const write = useCallback(
    async (op: (userId: string) => Promise<CartView>) => {
      const id = current.current;
      if (!id) return new ApiFailure(401, 'NotSignedIn', 'Sign in or choose a customer first.');
      setPending((n) => n + 1);
      try {
        const view = await op(id);
        if (current.current === id) setCart(view);
        return undefined;
      } catch (error) {
        await refresh();
        return explain(error);
      } finally {
        setPending((n) => n - 1);
      }
    },
    [refresh],
  );

  const value = useMemo<Cart>(() => ({ cart, loadError, busy: pending > 0, refresh, write }), [cart, loadError, pending, refresh, write]);
  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}

export function useCart(): Cart {
  const cart = useContext(CartContext);
  if (!cart) throw new Error('useCart outside CartProvider');
  return cart;
}
