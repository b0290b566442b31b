// The Markdown tables printed on the console (and pasted into bench/README.md).
import { find, ratio, SCENARIOS, SYSTEMS, type ResultRow } from './results.ts';
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

export function targetsTable(checks: readonly TargetCheck[]): string {
  const mark = (met: boolean | undefined) => (met === undefined ? 'not measured' : met ? 'met' : '**missed**');
  return ['| target | actual | |', '|---|---|---|', ...checks.map((c) => `| ${c.target} | ${c.actual} | ${mark(c.met)} |`)].join('\n');
}
