// One benchmark run: every chosen system in turn (started fresh, given the same catalog, driven through every
// chosen scenario, stopped), then the report: Markdown tables, JSON files and the PNG chart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ratioChartSvg, renderPng } from './report/chart.ts';
import { ALL_SCENARIOS, find, rounded, SYSTEMS, type ResultRow } from './report/results.ts';
import { resultsTable, targetsTable } from './report/table.ts';
import { checkTargets } from './report/targets.ts';
import { createCatalog } from './scenarios/catalog.ts';
import { SCENARIO_OF } from './scenarios/all.ts';
import type { ScenarioName } from './scenarios/scenario.ts';
import type { Settings } from './settings.ts';
import { startCeiling } from './systems/ceiling.ts';
import { startRestate } from './systems/restate.ts';
import { startStore, type StoreBuild, storeUnavailable } from './systems/store.ts';
import type { SystemName, SystemUnderTest } from './systems/system.ts';

/** the ceiling first: its figures frame the others */
const RUN_ORDER: readonly SystemName[] = ['ceiling', 'store', 'restate'];

export interface BenchOptions {
  settings: Settings;
  systems?: readonly SystemName[];
  scenarios?: readonly ScenarioName[];
  /** folder for latest.json, latest-details.json, ratios.png, ratios.svg; nothing written when undefined */
  outDir?: string;
  /** another build of the app or the host for the store system (e.g. bench/floor); the repository's when undefined */
  store?: StoreBuild;
  log?: (line: string) => void;
}

export interface BenchReport {
  rows: ResultRow[];
  details: Record<string, Record<string, unknown>>;
  /** correctness failures by "system/scenario" */
  failures: Record<string, string[]>;
  skipped: Record<string, string>;
  markdown: string;
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const systems = RUN_ORDER.filter((s) => (options.systems ?? SYSTEMS).includes(s));
  const scenarios = ALL_SCENARIOS.filter((s) => (options.scenarios ?? ALL_SCENARIOS).includes(s));
  const rows: ResultRow[] = [];
  const details: BenchReport['details'] = {};
  const failures: BenchReport['failures'] = {};
  const skipped: BenchReport['skipped'] = {};
  const start: Record<SystemName, () => Promise<SystemUnderTest>> = { store: () => startStore(options.store), ceiling: startCeiling, restate: startRestate };

  for (const name of systems) {
    const unavailable = name === 'store' ? storeUnavailable(options.store) : undefined;
    if (unavailable) {
      skipped[name] = unavailable;
      log(`! ${name} skipped: ${unavailable}`);
      continue;
    }
    log(`▶ ${name}: starting`);
    let system: SystemUnderTest;
    try {
      system = await start[name]();
      await createCatalog(system);
    } catch (error) {
      // one system failing to start must not cost the figures of the others
      skipped[name] = `failed to start: ${(error as Error).message}`;
      failures[`${name}/start`] = [skipped[name]];
      log(`! ${name} ${skipped[name]}`);
      continue;
    }
    try {
      for (const scenarioName of scenarios) {
        const applies = SCENARIO_OF[scenarioName].systems;
        if (applies && !applies.includes(name)) continue;
        let result;
        try {
          result = await SCENARIO_OF[scenarioName].run(system, options.settings);
        } catch (error) {
          failures[`${name}/${scenarioName}`] = [`did not complete: ${(error as Error).message}`];
          log(`  ${scenarioName.padEnd(12)} FAILED: ${(error as Error).message}`);
          continue;
        }
        const row = rounded({ scenario: scenarioName, system: name, requestsPerSec: result.requestsPerSec, p50Ms: result.p50Ms, p99Ms: result.p99Ms, errors: result.errors });
        rows.push(row);
        details[`${name}/${scenarioName}`] = result.details;
        if (result.failures.length > 0) failures[`${name}/${scenarioName}`] = result.failures;
        log(`  ${scenarioName.padEnd(12)} ${row.requestsPerSec.toString().padStart(8)}/s  p50 ${row.p50Ms} ms  p99 ${row.p99Ms} ms  errors ${row.errors}${result.failures.length ? `  FAILED: ${result.failures.join('; ')}` : ''}`);
      }
    } finally {
      await system.stop();
    }
  }

  const checkoutFailures = Object.fromEntries(SYSTEMS.map((s) => [s, failures[`${s}/checkout`] ?? []]));
  const storefront = find(rows, 'storefront', 'store');
  const markdown = [
    ...(options.store ? [`store = ${[options.store.appDir ?? 'app/', options.store.hostCli].filter(Boolean).join(' on ')} (--app), not the repository's app\n`] : []),
    resultsTable(rows),
    '',
    targetsTable(checkTargets(rows, { checkoutFailures })),
    ...(storefront
      ? [`\nstorefront (store, Debian chromium): catalog page interactive after ${storefront.p50Ms} ms (median of ${details['store/storefront']?.loads} first visits; slowest ${storefront.p99Ms} ms)`]
      : []),
    ...Object.entries(skipped).map(([s, why]) => `\n${s} not measured: ${why}`),
    ...Object.entries(failures).map(([key, list]) => `\nFAILED ${key}: ${list.join('; ')}`),
  ].join('\n');

  if (options.outDir) {
    mkdirSync(options.outDir, { recursive: true });
    writeFileSync(join(options.outDir, 'latest.json'), JSON.stringify(rows, null, 2) + '\n');
    const meta = { date: new Date().toISOString(), settings: options.settings, node: process.version, ...(options.store ? { store: options.store } : {}), skipped, failures };
    writeFileSync(join(options.outDir, 'latest-details.json'), JSON.stringify({ meta, details }, null, 2) + '\n');
    const svg = ratioChartSvg(rows, 'The store beside the SQLite ceiling and Restate (requests/s ratios)');
    writeFileSync(join(options.outDir, 'ratios.svg'), svg);
    writeFileSync(join(options.outDir, 'ratios.png'), renderPng(svg));
  }
  return { rows, details, failures, skipped, markdown };
}
