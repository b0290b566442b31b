// Money is computed in integer cents so sums never drift (0.1 + 0.2 !== 0.3); JSON carries prices as
// numbers with at most two decimals, converted at the edges only.

/** Cents of a price that has at most two decimals (validated by the contracts). */
export function toCents(price: number): number {
  return Math.round(price * 100);
}

/** The JSON number for an amount of cents, e.g. 450 → 4.5 (two decimals at most). */
export function fromCents(cents: number): number {
  return Number((cents / 100).toFixed(2));
}

/**
 * True when the number is a non-negative amount with at most two decimals: exactly the number that its
 * cents convert back to. JSON text like 9.95 parses to the double nearest 9.95, which is what fromCents(995)
 * gives, so every two-decimal amount passes; an amount too small or too precise to be a whole number of
 * cents (0.001, 5e-324) does not, instead of becoming 0 or another amount in toCents.
 */
export function isMoney(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && fromCents(toCents(value)) === value;
}
