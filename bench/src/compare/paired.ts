// The arithmetic of a paired comparison (compare/main.ts): two builds measured at the same time, so what
// the machine does to one (a noisy neighbour, a slower minute) it does to the other, and their ratio keeps
// only what differs between the builds.

export interface PairedRound {
  /** requests/s of build A and of build B, measured in the same seconds */
  a: number;
  b: number;
  /** which build was started first this round (alternated, so start order cannot favour one) */
  first: 'a' | 'b';
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** B ÷ A per round, their median, and the spread (smallest, largest) */
export function summarizePaired(rounds: readonly PairedRound[]): { ratios: number[]; median: number; min: number; max: number } {
  const ratios = rounds.map((r) => (r.a > 0 ? r.b / r.a : Number.NaN));
  return { ratios, median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}
