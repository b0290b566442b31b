// One benchmark run: every chosen system in turn (started fresh, given the same catalog, driven through every
// chosen scenario, stopped), then the report: Markdown tables, JSON files and the PNG chart.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ratioChartSvg, renderPng } from './report/chart.ts';
import { fileURLToPath } from 'node:url';
import { runPaired, summarizePaired } from './compare/paired.ts';
import { ALL_SCENARIOS, find, rounded, SCENARIOS, STORE_SCENARIOS, SYSTEMS, type PairedRow, type ProfileRow, type ResultRow, type ScaleRow } from './report/results.ts';
import { opsTable, pairedTable, profilesTable, resultsTable, targetsTable } from './report/table.ts';
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
  /** paired rounds of the store beside bench/floor for these scenarios (bench/README.md "The floor"); none when undefined */
  paired?: { scenarios: readonly ScenarioName[]; rounds: number };
  /** add-to-cart again on a store under each of these host engine profiles (Azure's timing) */
  engineProfiles?: readonly ('azure-storage' | 'dts')[];
  log?: (line: string) => void;
}

export const FLOOR_APP = fileURLToPath(new URL('../floor/', import.meta.url));

export interface BenchReport {
  rows: ResultRow[];
  paired: PairedRow[];
  profiles: ProfileRow[];
  details: Record<string, Record<string, unknown>>;
  /** correctness failures by "system/scenario" */
  failures: Record<string, string[]>;
  skipped: Record<string, string>;
  markdown: string;
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const machine = { date: new Date().toISOString(), cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))) };
  const systems = RUN_ORDER.filter((s) => (options.systems ?? SYSTEMS).includes(s));
  const scenarios = ALL_SCENARIOS.filter((s) => (options.scenarios ?? ALL_SCENARIOS).includes(s));
  const rows: ResultRow[] = [];
  const details: BenchReport['details'] = {};
  const failures: BenchReport['failures'] = {};
  const skipped: BenchReport['skipped'] = {};
  // the grown-store scenarios need the repository's app (its Orders state is seeded) and the store's routes
  const seeds = options.store ? [] : [...new Set(scenarios.flatMap((name) => SCENARIO_OF[name].seedStore?.(options.settings) ?? []))];
  const start: Record<SystemName, () => Promise<SystemUnderTest>> = { store: () => startStore(options.store, { seeds }), ceiling: startCeiling, restate: startRestate };

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
        if (STORE_SCENARIOS.includes(scenarioName) && (name !== 'store' || options.store)) continue;
        let result;
        try {
          result = await SCENARIO_OF[scenarioName].run(system, options.settings);
        } catch (error) {
          failures[`${name}/${scenarioName}`] = [`did not complete: ${(error as Error).message}`];
          log(`  ${scenarioName.padEnd(22)} FAILED: ${(error as Error).message}`);
          continue;
        }
        const row = rounded({ scenario: scenarioName, system: name, requestsPerSec: result.requestsPerSec, p50Ms: result.p50Ms, p99Ms: result.p99Ms, errors: result.errors, ...(result.ops ? { ops: result.ops } : {}) });
        rows.push(row);
        details[`${name}/${scenarioName}`] = result.details;
        if (result.failures.length > 0) failures[`${name}/${scenarioName}`] = result.failures;
        log(`  ${scenarioName.padEnd(22)} ${row.requestsPerSec.toString().padStart(8)}/s  p50 ${row.p50Ms} ms  p99 ${row.p99Ms} ms  errors ${row.errors}${result.failures.length ? `  FAILED: ${result.failures.join('; ')}` : ''}`);
      }
    } finally {
      await system.stop();
    }
  }

  const paired: PairedRow[] = [];
  if (options.paired && !options.store && storeUnavailable() === undefined) {
    for (const scenarioName of options.paired.scenarios) {
      log(`▶ store/floor paired: ${scenarioName}, ${options.paired.rounds} round(s) of ${options.settings.durationSec} s`);
      try {
        const rounds = await runPaired({ a: { appDir: FLOOR_APP }, b: {} }, SCENARIO_OF[scenarioName], options.settings, options.paired.rounds, log);
        const summary = summarizePaired(rounds);
        paired.push({ scenario: scenarioName, system: 'store/floor paired', ratio: Number(summary.median.toFixed(3)), rounds: summary.ratios.map((r) => Number(r.toFixed(3))) });
        log(`  store ÷ floor median ${summary.median.toFixed(3)}`);
      } catch (error) {
        failures[`store/floor paired/${scenarioName}`] = [`did not complete: ${(error as Error).message}`];
        log(`  FAILED: ${(error as Error).message}`);
      }
    }
  }
  const profiles: ProfileRow[] = [];
  for (const profile of options.store ? [] : (options.engineProfiles ?? [])) {
    for (const scenario of ['add-to-cart', 'checkout'] as const) {
      log(`▶ store under the ${profile} engine profile: ${scenario}`);
      let system: SystemUnderTest | undefined;
      try {
        system = await startStore({}, { engineProfile: profile });
        await createCatalog(system);
        const result = await SCENARIO_OF[scenario].run(system, options.settings);
        const row = rounded({ scenario, system: 'store', requestsPerSec: result.requestsPerSec, p50Ms: result.p50Ms, p99Ms: result.p99Ms, errors: result.errors });
        const readsPerWrite = result.ops ? Number(((result.ops.entityStateReads ?? 0) + (result.ops.statusReads ?? 0)).toFixed(2)) : undefined;
        profiles.push({ ...row, scenario, system: `store (${profile})`, ...(result.ops ? { ops: result.ops, readsPerWrite } : {}) });
        log(`  ${scenario} ${row.requestsPerSec}/s  p50 ${row.p50Ms} ms  p99 ${row.p99Ms} ms  errors ${row.errors}  reads per write ${readsPerWrite ?? 'n/a'}`);
      } catch (error) {
        failures[`store (${profile})/${scenario}`] = [`did not complete: ${(error as Error).message}`];
        log(`  FAILED: ${(error as Error).message}`);
      } finally {
        await system?.stop();
      }
    }
  }

  const scale = options.outDir ? previousScaleRow(join(options.outDir, 'latest.json')) : undefined;

  const checkoutFailures = Object.fromEntries(SYSTEMS.map((s) => [s, failures[`${s}/checkout`] ?? []]));
  const storefront = find(rows, 'storefront', 'store');
  const loadAverageAtEnd = loadavg().map((l) => Number(l.toFixed(2)));
  const markdown = [
    `Measured ${machine.date} on ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}; load average (1, 5, 15 min) ${machine.loadAverageAtStart.join(', ')} at the start, ${loadAverageAtEnd.join(', ')} at the end.\n`,
    ...(options.store ? [`store = ${[options.store.appDir ?? 'app/', options.store.hostCli].filter(Boolean).join(' on ')} (--app), not the repository's app\n`] : []),
    resultsTable(rows),
    '',
    opsTable(rows),
    '',
    ...(paired.length > 0 ? [pairedTable(paired), ''] : []),
    ...(profiles.length > 0 ? [profilesTable(profiles), ''] : []),
    targetsTable(checkTargets(rows, { checkoutFailures, paired, profiles, scale, details })),
    ...(storefront
      ? [`\nstorefront (store, Debian chromium): catalog page interactive after ${storefront.p50Ms} ms (median of ${details['store/storefront']?.loads} first visits; slowest ${storefront.p99Ms} ms)`]
      : []),
    ...Object.entries(skipped).map(([s, why]) => `\n${s} not measured: ${why}`),
    ...Object.entries(failures).map(([key, list]) => `\nFAILED ${key}: ${list.join('; ')}`),
  ].join('\n');

  if (options.outDir) {
    mkdirSync(options.outDir, { recursive: true });
    // the scale row comes from npm run bench:scale (bench/README.md "Scale"): kept until that run replaces it
    writeFileSync(join(options.outDir, 'latest.json'), JSON.stringify([...rows, ...paired, ...profiles, ...(scale ? [scale] : [])], null, 2) + '\n');
    const meta = { ...machine, loadAverageAtEnd, settings: options.settings, ...(options.store ? { store: options.store } : {}), skipped, failures };
    writeFileSync(join(options.outDir, 'latest-details.json'), JSON.stringify({ meta, details }, null, 2) + '\n');
    const svg = ratioChartSvg(rows, 'The store beside the SQLite ceiling and Restate (requests/s ratios)');
    writeFileSync(join(options.outDir, 'ratios.svg'), svg);
    writeFileSync(join(options.outDir, 'ratios.png'), renderPng(svg));
  }
  return { rows, paired, profiles, details, failures, skipped, markdown };
}

/** the 1m-customers row an earlier npm run bench:scale left in latest.json */
export function previousScaleRow(file: string): ScaleRow | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const rows = JSON.parse(readFileSync(file, 'utf8')) as { scenario?: string }[];
    return rows.find((r) => r.scenario === '1m-customers') as ScaleRow | undefined;
  } catch {
    return undefined;
  }
}
