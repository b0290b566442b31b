// `npm run bench`: node --experimental-strip-types src/run.ts [--quick] [--systems store,ceiling,restate]
//   [--scenarios browse,add-to-cart,...] [--paired-rounds N] [--out DIR] [--app APP_DIR[,HOST_CLI]]
// Writes results/latest.json, latest-details.json and ratios.png (a --quick run writes to results/quick/, an
// --app run to results/other-app/).
import { fileURLToPath } from 'node:url';
import { runBench } from './bench.ts';
import { parseCommandLine, usageError } from './harness/cli.ts';
import { ALL_SCENARIOS, SYSTEMS } from './report/results.ts';
import type { ScenarioName } from './scenarios/scenario.ts';

/** the scenarios bench/floor serves, measured paired beside it */
const PAIRED_SCENARIOS: readonly ScenarioName[] = ['add-to-cart', 'read-cart', 'browse'];
import { FULL, QUICK } from './settings.ts';
import { storeBuildArgument } from './systems/store.ts';
import type { SystemName } from './systems/system.ts';

const USAGE = `Usage: npm run bench [-- --quick] [--systems store,ceiling,restate] [--scenarios ${ALL_SCENARIOS.join(',')}] [--paired-rounds N (store beside bench/floor for add-to-cart, read-cart, browse; default 3, 1 with --quick, 0: none)] [--profiles azure-storage,dts|none (add-to-cart again under the host's engine profile; default azure-storage)] [--out DIR] [--app APP_DIR[,HOST_CLI]] (the store system runs that build of an app, e.g. bench/floor, instead of app/)`;
const values = parseCommandLine(USAGE, {
  quick: { type: 'boolean', default: false },
  systems: { type: 'string' },
  scenarios: { type: 'string' },
  out: { type: 'string' },
  app: { type: 'string' },
  'paired-rounds': { type: 'string' },
  profiles: { type: 'string' },
});

function list<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = items.filter((item) => !allowed.includes(item as T));
  if (unknown.length > 0) usageError(USAGE, `unknown ${what}: ${unknown.join(', ')} (choose from ${allowed.join(', ')})`);
  return items as T[];
}

const scenarios = list<ScenarioName>(values.scenarios, ALL_SCENARIOS, 'scenarios');
const systems = list<SystemName>(values.systems, SYSTEMS, 'systems');
const pairedRounds = values['paired-rounds'] === undefined ? (values.quick ? 1 : 3) : Number(values['paired-rounds']);
if (!Number.isInteger(pairedRounds) || pairedRounds < 0) usageError(USAGE, `--paired-rounds must be a whole number ≥ 0, got ${values['paired-rounds']}`);
const pairedScenarios = PAIRED_SCENARIOS.filter((s) => !scenarios || scenarios.includes(s));
const paired = pairedRounds > 0 && !values.app && (!systems || systems.includes('store')) && pairedScenarios.length > 0 ? { scenarios: pairedScenarios, rounds: pairedRounds } : undefined;

const engineProfiles = values.profiles === 'none' ? [] : (list(values.profiles ?? 'azure-storage', ['azure-storage', 'dts'] as const, 'engine profiles') ?? []);
const withProfiles = !values.app && (!systems || systems.includes('store')) && (!scenarios || scenarios.includes('add-to-cart'));

const results = fileURLToPath(new URL('../results/', import.meta.url));
const report = await runBench({
  settings: values.quick ? QUICK : FULL,
  systems,
  scenarios,
  ...(paired ? { paired } : {}),
  ...(withProfiles ? { engineProfiles } : {}),
  // only the repository's own full run replaces the committed results
  outDir: values.out ?? (values.quick ? `${results}quick` : values.app ? `${results}other-app` : results),
  ...(values.app ? { store: storeBuildArgument(USAGE, values.app) } : {}),
});
console.log('\n' + report.markdown);
process.exitCode = Object.keys(report.failures).length > 0 ? 1 : 0;
