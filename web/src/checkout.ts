// A checkout attempt that a double click, a retry or a reload cannot turn into two orders (app/README.md,
// "Idempotency-Key"): the attempt's key is made once and kept (sessionStorage) until the attempt has a
// definite outcome; every send of the attempt carries it. A 202 means "not known yet": the page polls the
// status URL the store gave (Location, when it is the store's own /api route) or sends the same attempt
// again, which the store answers with the order it placed, the refusal, or another 202.
import { ApiFailure, api, sameOriginApiPath } from './api/client';
import type { Order } from './api/types';

export interface Placed {
  order: Order;
  /** the store answered with the order an earlier send of this attempt placed */
  replayed: boolean;
}

const storageKey = (userId: string) => `contoso.checkoutAttempt.${userId}`;

/** The key of this customer's open attempt, made when there is none. */
export function attemptKey(userId: string): string {
  const stored = sessionStorage.getItem(storageKey(userId));
  if (stored && /^[A-Za-z0-9_-]{1,64}$/.test(stored)) return stored;
  const key = crypto.randomUUID();
  sessionStorage.setItem(storageKey(userId), key);
  return key;
}

/** True when an attempt was sent and its outcome is not known (e.g. the page was reloaded meanwhile). */
export function hasOpenAttempt(userId: string): boolean {
  return sessionStorage.getItem(storageKey(userId)) !== null;
}

/** The attempt has a definite outcome (an order, or a refusal that changed nothing): the next one is new. */
export function closeAttempt(userId: string): void {
  sessionStorage.removeItem(storageKey(userId));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface PlaceOrderOptions {
  /** how long to keep asking after a 202 before giving up with "not known yet" */
  patienceMs?: number;
  onWaiting?: () => void;
}

/**
 * Sends the attempt and, on a 202, polls until the order or a refusal comes back. Throws ApiFailure:
 * a definite refusal (4xx), or an uncertain one (network, 5xx, 202 after `patienceMs`) that the caller
 * reports as "not known yet" while keeping the attempt open.
 */
export async function placeOrder(userId: string, key: string, options: PlaceOrderOptions = {}): Promise<Placed> {
  try {
    return await api.checkout(userId, key);
  } catch (error) {
    if (!(error instanceof ApiFailure) || error.status !== 202) throw error;
    options.onWaiting?.();
    return await awaitOutcome(userId, key, error.location, options.patienceMs ?? 60_000);
  }
}

async function awaitOutcome(userId: string, key: string, location: string | undefined, patienceMs: number): Promise<Placed> {
  const deadline = Date.now() + patienceMs;
  let delay = 250;
  let lastFailure: ApiFailure | undefined;
  while (Date.now() < deadline) {
    await sleep(delay);
    delay = Math.min(delay * 2, 2_000);
    const statusPath = location ? sameOriginApiPath(location) : undefined;
    try {
      return statusPath ? await api.checkoutStatus(statusPath) : await api.checkout(userId, key);
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      if (error.status === 202) {
        location = error.location ?? location;
        continue;
      }
      if (error.uncertain) {
        lastFailure = error;
        continue;
      }
      throw error;
    }
  }
  throw new ApiFailure(
    202,
    'OutcomeNotKnown',
    'Your order is still being processed. It will appear under Orders once placed; trying again will not place it twice.',
    lastFailure?.details,
  );
}
