// The host's cost counters around a measured phase, divided by its requests: what one request cost in
// signals, entity operations, reads and history rows (host README "Cost per request").
import type { SystemUnderTest } from '../systems/system.ts';

/** counters settle: work a request started may finish just after its answer (an orchestration's last steps) */
const SETTLE_MS = 300;

export async function countOps<T extends { requests: number }>(system: SystemUnderTest, phase: () => Promise<T>): Promise<{ result: T; ops?: Record<string, number> }> {
  if (!system.counters) return { result: await phase() };
  const before = await system.counters();
  const result = await phase();
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const after = await system.counters();
  return { result, ...(Object.keys(after).length > 0 ? { ops: perRequest(before, after, result.requests) } : {}) };
}

/** (after − before) ÷ requests for every counter, to 0.01 */
export function perRequest(before: Record<string, number>, after: Record<string, number>, requests: number): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((name) => [name, requests > 0 ? Number((((after[name] ?? 0) - (before[name] ?? 0)) / requests).toFixed(2)) : 0]));
}
