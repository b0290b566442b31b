// The targets for this 2-core machine (bench/README.md "Targets"), checked against a run's figures.
import { find, type PairedRow, type ProfileRow, ratio, PEER_SCENARIOS, type ResultRow, type ScaleRow } from './results.ts';

export interface TargetCheck {
  target: string;
  /** undefined when the run lacks the figures */
  met: boolean | undefined;
  actual: string;
}

export interface TargetInputs {
  checkoutFailures: Record<string, string[]>;
  paired?: readonly PairedRow[];
  profiles?: readonly ProfileRow[];
  scale?: ScaleRow;
  details?: Record<string, Record<string, unknown>>;
}

const NA = { met: undefined, actual: 'not measured' } as const;

export function checkTargets(rows: readonly ResultRow[], inputs: TargetInputs): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const check = (target: string, value: number | undefined, met: (v: number) => boolean, show: (v: number) => string) =>
    checks.push(value === undefined || Number.isNaN(value) ? { target, ...NA } : { target, met: met(value), actual: show(value) });
  const store = (scenario: Parameters<typeof find>[1]) => find(rows, scenario, 'store');
  const perSec = (v: number) => `${v.toFixed(0)}/s`;
  const ms = (v: number) => `${v} ms`;

  // §1 close to the floor
  const pairedOf = (scenario: string) => inputs.paired?.find((p) => p.scenario === scenario);
  check('add to cart: ≥ 0.90 × the floor app (paired, median)', pairedOf('add-to-cart')?.ratio, (v) => v >= 0.9, (v) => `${v.toFixed(3)}× (rounds ${pairedOf('add-to-cart')!.rounds.join(', ')})`);
  check('add to cart: p99 < 50 ms at 64 connections', store('add-to-cart')?.p99Ms, (v) => v < 50, ms);
  for (const scenario of ['read-cart', 'browse']) {
    const p = pairedOf(scenario);
    if (p) checks.push({ target: `${scenario}: store ÷ its floor (paired; context, no target)`, met: true, actual: `${p.ratio.toFixed(3)}×` });
  }

  // §2 flat as the store grows
  const big = store('add-to-cart-1k-catalog');
  const add = store('add-to-cart');
  check('add-to-cart-1k-catalog: ≥ 0.8 × add-to-cart', big && add ? big.requestsPerSec / add.requestsPerSec : undefined, (v) => v >= 0.8, (v) => `${v.toFixed(2)}× (${big!.requestsPerSec}/s vs ${add!.requestsPerSec}/s)`);
  const heavy = store('checkout-10k-orders');
  const checkout = store('checkout');
  const fresh = inputs.details?.['store/checkout-10k-orders']?.ratioToFresh as number | null | undefined;
  check('checkout-10k-orders: ≥ 0.8 × checkout', heavy && checkout ? heavy.requestsPerSec / checkout.requestsPerSec : undefined, (v) => v >= 0.8, (v) => `${v.toFixed(2)}× (${heavy!.requestsPerSec}/s vs ${checkout!.requestsPerSec}/s; same rounds for customers without orders: ${typeof fresh === 'number' ? `${fresh.toFixed(2)}×` : 'n/a'})`);
  check('order-history: first page p99 < 50 ms', store('order-history')?.p99Ms, (v) => v < 50, ms);
  const s = inputs.scale;
  check('1M customers (100k with orders): host RSS < 500 MB', s?.rssMb, (v) => v < 500, (v) => `${v} MB (${s!.date ?? ''})`);
  check('1M customers: start-up < 2 s', s?.startupMs, (v) => v < 2000, (v) => `${v} ms`);
  check('1M customers: cold cart read p99 < 5 ms', s?.coldReadP99Ms, (v) => v < 5, ms);

  // §3 cost per request (local profile)
  check('add to cart: ≤ 1 signal per request', add?.ops?.signals, (v) => v <= 1, (v) => `${v}`);
  check('add to cart: ≤ 2 entity-state reads per request', add?.ops?.entityStateReads, (v) => v <= 2, (v) => `${v}`);
  check('checkout: ≤ 6 entity operations per request', checkout?.ops?.entityOperations, (v) => v <= 6, (v) => `${v}`);

  const azure = inputs.profiles?.find((p) => p.system === 'store (azure-storage)' && p.scenario === 'add-to-cart');
  check('azure-storage profile: ≤ 6 storage reads per cart write', azure?.readsPerWrite, (v) => v <= 6, (v) => `${v} (p50 ${azure!.p50Ms} ms, p99 ${azure!.p99Ms} ms)`);

  // earlier rounds' targets, kept
  const failures = inputs.checkoutFailures.store;
  checks.push({
    target: 'checkout: ≥ 500 checkouts/s with zero oversell',
    met: checkout === undefined ? undefined : checkout.requestsPerSec >= 500 && checkout.errors === 0 && (failures?.length ?? 0) === 0,
    actual: checkout === undefined ? 'not measured' : `${perSec(checkout.requestsPerSec)}, ${failures?.length ? failures.join('; ') : 'sold = stock'}`,
  });
  check('singleton inventory: ≥ 5,000 entity operations/s', store('inventory')?.requestsPerSec, (v) => v >= 5000, (v) => `${v.toFixed(0)} ops/s`);
  const addRatio = ratio(rows, 'add-to-cart', 'ceiling');
  if (addRatio !== undefined) checks.push({ target: 'add to cart ÷ SQLite ceiling (context)', met: true, actual: `${(addRatio * 100).toFixed(1)}%` });
  for (const scenario of PEER_SCENARIOS) {
    const r = ratio(rows, scenario, 'restate');
    check(`ahead of Restate: ${scenario}`, r, (v) => v > 1, (v) => `${v.toFixed(2)}×`);
  }
  return checks;
}
