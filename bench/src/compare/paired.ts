// A paired comparison (compare/main.ts, and the store/floor rows of npm run bench): two builds measured at
// the same time, so what the machine does to one (a noisy neighbour, a slower minute) it does to the other,
// and their ratio keeps only what differs between the builds.
import { prepareAlone } from '../scenarios/all.ts';
import { createCatalog } from '../scenarios/catalog.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import type { Settings } from '../settings.ts';
import { startStore, type StoreBuild } from '../systems/store.ts';
import type { SystemUnderTest } from '../systems/system.ts';

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

/** `rounds` rounds of A and B started fresh and run side by side under the same scenario (start order alternates). */
export async function runPaired(builds: { a: StoreBuild; b: StoreBuild }, scenario: Scenario, settings: Settings, rounds: number, log: (line: string) => void): Promise<PairedRound[]> {
  const results: PairedRound[] = [];
  for (let round = 0; round < rounds; round++) {
    const first = round % 2 === 0 ? 'a' : 'b';
    const started: SystemUnderTest[] = [];
    try {
      const systems: Partial<Record<'a' | 'b', SystemUnderTest>> = {};
      for (const side of first === 'a' ? (['a', 'b'] as const) : (['b', 'a'] as const)) started.push((systems[side] = await startStore(builds[side])));
      const { a, b } = systems as Record<'a' | 'b', SystemUnderTest>;
      for (const system of [a, b]) await createCatalog(system);
      await Promise.all([a, b].map((s) => prepareAlone(scenario, s, settings)));
      const [ra, rb] = await Promise.all([scenario.run(a, settings), scenario.run(b, settings)]);
      if (ra.errors + rb.errors > 0) log(`  errors: A ${ra.errors}, B ${rb.errors}`);
      results.push({ a: ra.requestsPerSec, b: rb.requestsPerSec, first });
      log(`  round ${round + 1} (${first.toUpperCase()} started first): A ${ra.requestsPerSec.toFixed(0)}/s, B ${rb.requestsPerSec.toFixed(0)}/s, B/A ${(rb.requestsPerSec / ra.requestsPerSec).toFixed(3)}`);
    } finally {
      for (const system of started) await system.stop();
    }
  }
  return results;
}
