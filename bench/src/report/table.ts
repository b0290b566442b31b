// The Markdown tables printed on the console (and pasted into bench/README.md).
import { find, type PairedRow, type ProfileRow, ratio, SCENARIOS, SYSTEMS, type ResultRow } from './results.ts';
import type { TargetCheck } from './targets.ts';

const fmt = (value: number, digits = 1) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (value: number | undefined) => (value === undefined ? '' : `${(value * 100).toFixed(1)}%`);
const times = (value: number | undefined) => (value === undefined ? '' : `${value.toFixed(2)}×`);

export function resultsTable(rows: readonly ResultRow[]): string {
  const lines = [
    '| scenario | system | requests/s | p50 ms | p99 ms | errors | store ÷ ceiling | store ÷ restate |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const scenario of SCENARIOS) {
    for (const system of SYSTEMS) {
      const row = find(rows, scenario, system);
      if (!row) continue;
      const ratios = system === 'store' ? [pct(ratio(rows, scenario, 'ceiling')), times(ratio(rows, scenario, 'restate'))] : ['', ''];
      lines.push(`| ${scenario} | ${system} | ${fmt(row.requestsPerSec, 0)} | ${fmt(row.p50Ms)} | ${fmt(row.p99Ms)} | ${row.errors} | ${ratios.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

/** the host's cost counters per request of each store row (host README "Cost per request") */
const OPS_COLUMNS: [string, string][] = [
  ['signals', 'signals'],
  ['entityOperations', 'entity ops'],
  ['entityBatches', 'batches'],
  ['orchestrationsStarted', 'orch. starts'],
  ['orchestrationEpisodes', 'episodes'],
  ['activityCalls', 'activities'],
  ['entityStateReads', 'state reads'],
  ['statusReads', 'status reads'],
  ['historyRowsWritten', 'history rows'],
  ['storeCommits', 'commits'],
];

export function opsTable(rows: readonly ResultRow[]): string {
  const counted = rows.filter((r) => r.system === 'store' && r.ops);
  if (counted.length === 0) return '(no cost counters: the store was not measured, or its host does not count)';
  return [
    `| per request (store) | ${OPS_COLUMNS.map(([, label]) => label).join(' | ')} |`,
    `|---|${OPS_COLUMNS.map(() => '---:').join('|')}|`,
    ...counted.map((r) => `| ${r.scenario} | ${OPS_COLUMNS.map(([key]) => fmt(r.ops![key] ?? 0, 2)).join(' | ')} |`),
  ].join('\n');
}

export function pairedTable(rows: readonly PairedRow[]): string {
  return ['| scenario | store ÷ floor (paired, median) | rounds |', '|---|---:|---|', ...rows.map((r) => `| ${r.scenario} | ${r.ratio.toFixed(3)} | ${r.rounds.map((x) => x.toFixed(3)).join(', ')} |`)].join('\n');
}

export function profilesTable(rows: readonly ProfileRow[]): string {
  return [
    '| write | under | requests/s | p50 ms | p99 ms | errors | storage reads per write | signals per write |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.scenario} | ${r.system} | ${fmt(r.requestsPerSec, 0)} | ${fmt(r.p50Ms)} | ${fmt(r.p99Ms)} | ${r.errors} | ${r.readsPerWrite ?? 'n/a'} | ${r.ops?.signals ?? 'n/a'} |`),
  ].join('\n');
}

export function targetsTable(checks: readonly TargetCheck[]): string {
  const mark = (met: boolean | undefined) => (met === undefined ? 'not measured' : met ? 'met' : '**missed**');
  return ['| target | actual | |', '|---|---|---|', ...checks.map((c) => `| ${c.target} | ${c.actual} | ${mark(c.met)} |`)].join('\n');
}
