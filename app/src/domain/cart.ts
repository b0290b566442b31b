// A customer's shopping cart: one ShoppingCart entity per userId. It stores only product ids and
// quantities; views join it with the inventory (cartView.ts). During checkout the cart is frozen so the
// lines being sold cannot change underneath the sale (see app/README.md, "Checkout").
import type { CartLine } from './inventory';
import { fail, ok, type DomainError, type Result } from './result';

export interface CartState {
  lines: CartLine[];
  /** set while a checkout holds the cart; writes answer CheckoutInProgress until it completes or aborts */
  checkoutId: string | null;
  /**
   * The last checkouts completed on this cart, most recent first: a checkout run again under the same id
   * (a retried or restarted orchestration) is recognized instead of selling the cart's new lines.
   */
  completedCheckouts: string[];
  /**
   * The outcomes of the last writes clients sent as signals, most recent first. A signal returns nothing,
   * so the HTTP function that sent it reads the cart until its requestId shows up here (read-your-writes
   * without an orchestration per write); a requestId still here is not applied again.
   */
  recentWrites: CartWriteOutcome[];
}

/** What became of one signalled write: error null when it was applied; `at` when (epoch ms). */
export interface CartWriteOutcome {
  requestId: string;
  error: DomainError | null;
  at: number;
}

/** How many completed checkout ids a cart remembers. */
export const MAX_COMPLETED_CHECKOUTS = 16;

/**
 * Which write outcomes a cart keeps: always the last KEEP_LAST_OUTCOMES, and any younger than
 * KEEP_OUTCOMES_FOR_MS (so a burst of writes applied in one batch all keep theirs until their writers have
 * read them), never more than MAX_OUTCOMES. A writer reads its outcome milliseconds after it is applied;
 * one whose outcome is gone (more than KEEP_LAST_OUTCOMES later writes and over KEEP_OUTCOMES_FOR_MS
 * before it read) answers 202: applied or refused, not known (functions/http/cartWrites.ts).
 */
export const KEEP_LAST_OUTCOMES = 8;
export const KEEP_OUTCOMES_FOR_MS = 1_000;
export const MAX_OUTCOMES = 256;

/**
 * A write sent with an Idempotency-Key has a requestId derived from it (KEYED_REQUEST_PREFIX + a hash:
 * functions/http/cartWrites.ts). Its client may retry long after a 202, so the last KEEP_KEYED_OUTCOMES of
 * those are also kept for KEEP_KEYED_OUTCOMES_FOR_MS: a retry within that finds its outcome and is not
 * applied again.
 */
export const KEYED_REQUEST_PREFIX = 'key-';
export const KEEP_KEYED_OUTCOMES = 32;
export const KEEP_KEYED_OUTCOMES_FOR_MS = 24 * 60 * 60 * 1_000;

export const emptyCart = (): CartState => ({ lines: [], checkoutId: null, completedCheckouts: [], recentWrites: [] });

/**
 * Applies a signalled write once and records its outcome under requestId, whether it succeeded or not (the
 * failure is what the waiting client answers with). A requestId already recorded changes nothing.
 */
export function recordWrite(
  cart: CartState,
  requestId: string,
  write: (cart: CartState) => Result<CartState>,
  now: number,
): { state: CartState; outcome: CartWriteOutcome } {
  const seen = cart.recentWrites.find((w) => w.requestId === requestId);
  if (seen) return { state: cart, outcome: seen };
  const result = write(cart);
  const outcome: CartWriteOutcome = { requestId, error: result.ok ? null : result.error, at: now };
  const next = result.ok ? result.value : cart;
  let keyed = 0;
  const kept = [outcome, ...cart.recentWrites].filter((w, i) => {
    const isKeyed = w.requestId.startsWith(KEYED_REQUEST_PREFIX) && keyed++ < KEEP_KEYED_OUTCOMES && now - w.at < KEEP_KEYED_OUTCOMES_FOR_MS;
    return i < KEEP_LAST_OUTCOMES || now - w.at < KEEP_OUTCOMES_FOR_MS || isKeyed;
  });
  return { state: { ...next, recentWrites: kept.slice(0, MAX_OUTCOMES) }, outcome };
}

const frozen = (cart: CartState) =>
  fail<never>('CheckoutInProgress', 'A checkout of this cart is in progress; try again in a moment.', {
    checkoutId: cart.checkoutId,
  });

/**
 * Adds units of a product. `availableStock` is the product's stock as read just before (undefined when the
 * product is not in the catalog): a cart never holds more units of a product than are in stock.
 */
export function addToCart(
  cart: CartState,
  itemId: string,
  quantity: number,
  availableStock: number | undefined,
): Result<CartState> {
  if (cart.checkoutId !== null) return frozen(cart);
  if (availableStock === undefined) return fail('ItemNotFound', `No product '${itemId}' in the catalog.`, { itemId });
  const current = cart.lines.find((line) => line.itemId === itemId)?.quantity ?? 0;
  const wanted = current + quantity;
  if (wanted > availableStock) {
    return fail('OutOfStock', `Only ${availableStock} unit(s) of '${itemId}' in stock; the cart would hold ${wanted}.`, {
      itemId,
      requested: wanted,
      available: availableStock,
    });
  }
  const lines = current === 0
    ? [...cart.lines, { itemId, quantity }]
    : cart.lines.map((line) => (line.itemId === itemId ? { itemId, quantity: wanted } : line));
  return ok({ ...cart, lines });
}

/** Removes the line, or `quantity` units of it (the line goes when none is left). */
export function removeFromCart(cart: CartState, itemId: string, quantity?: number): Result<CartState> {
  if (cart.checkoutId !== null) return frozen(cart);
  const line = cart.lines.find((l) => l.itemId === itemId);
  if (!line) return fail('ItemNotInCart', `Product '${itemId}' is not in the cart.`, { itemId });
  const left = quantity === undefined ? 0 : line.quantity - quantity;
  const lines = left > 0
    ? cart.lines.map((l) => (l.itemId === itemId ? { itemId, quantity: left } : l))
    : cart.lines.filter((l) => l.itemId !== itemId);
  return ok({ ...cart, lines });
}

export interface BegunCheckout {
  state: CartState;
  lines: CartLine[];
  /** true when this checkout already completed: its order exists, nothing is to be sold again */
  alreadyCompleted: boolean;
}

/** Freezes the cart for this checkout and returns its lines. Idempotent for the same checkoutId. */
export function beginCheckout(cart: CartState, checkoutId: string): Result<BegunCheckout> {
  if (cart.completedCheckouts.includes(checkoutId)) return ok({ state: cart, lines: [], alreadyCompleted: true });
  if (cart.checkoutId === checkoutId) return ok({ state: cart, lines: cart.lines, alreadyCompleted: false });
  if (cart.checkoutId !== null) return frozen(cart);
  if (cart.lines.length === 0) return fail('EmptyCart', 'The cart is empty; add products before checking out.');
  return ok({ state: { ...cart, checkoutId }, lines: cart.lines, alreadyCompleted: false });
}

/** Empties the cart after a successful sale. A no-op unless this checkout holds the cart (replay-safe). */
export function completeCheckout(cart: CartState, checkoutId: string): CartState {
  if (cart.checkoutId !== checkoutId) return cart;
  return { ...cart, lines: [], checkoutId: null, completedCheckouts: [checkoutId, ...cart.completedCheckouts].slice(0, MAX_COMPLETED_CHECKOUTS) };
}

/** Unfreezes the cart, lines intact, after a failed sale. A no-op unless this checkout holds the cart. */
export function abortCheckout(cart: CartState, checkoutId: string): CartState {
  return cart.checkoutId === checkoutId ? { ...cart, checkoutId: null } : cart;
}

/**
 * Does the cart's committed state show this checkout completed (the cart emptied)? Also true for a
 * checkout that has left the last MAX_COMPLETED_CHECKOUTS: it completed long before. A state that still
 * holds the cart frozen for it is an older one (Azure Storage answers an entity call before it stores the
 * entity's state: README "Writes").
 */
export function showsCompletedCheckout(cart: CartState, checkoutId: string): boolean {
  if (cart.completedCheckouts.includes(checkoutId)) return true;
  return cart.checkoutId !== checkoutId && cart.completedCheckouts.length >= MAX_COMPLETED_CHECKOUTS;
}
