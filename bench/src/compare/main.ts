// `npm run compare -w bench -- --a APP_DIR[,HOST_CLI] --b APP_DIR[,HOST_CLI] [--scenario add-to-cart]
//   [--rounds 4] [--seconds 10] [--connections 64]`
// A paired A/B comparison of two builds of the store: both hosts run at once, each under its own load of
// the scenario, for every round; the result is B's requests/s over A's. One store measured alone varies by
// about ±10 % from run to run on this machine (bench/README.md), which hides most single changes; run side
// by side, the two share whatever the machine does, and the same build against itself gives B/A within
// about 1-2 %. Make the builds by copying a built app (package.json, host.json, dist/) to another folder,
// and a built host's dist/ for host changes (HOST_CLI = that copy's cli/main.js). Paths are taken from where
// npm was started.
import { parseCommandLine, positiveInteger, usageError } from '../harness/cli.ts';
import { scenarioNamed } from '../scenarios/all.ts';
import type { ScenarioName } from '../scenarios/scenario.ts';
import { FULL } from '../settings.ts';
import { storeBuildArgument } from '../systems/store.ts';
import { runPaired, summarizePaired } from './paired.ts';

const USAGE = 'Usage: npm run compare -w bench -- --a APP_DIR[,HOST_CLI] --b APP_DIR[,HOST_CLI] (built copies of app/ and host/dist/cli/main.js) [--scenario add-to-cart|browse|read-cart] [--rounds 4] [--seconds 10] [--connections 64]';
const values = parseCommandLine(USAGE, {
  a: { type: 'string' },
  b: { type: 'string' },
  scenario: { type: 'string', default: 'add-to-cart' },
  rounds: { type: 'string', default: '4' },
  seconds: { type: 'string', default: '10' },
  connections: { type: 'string', default: String(FULL.connections) },
});
if (!values.a || !values.b) usageError(USAGE, '--a and --b name the two builds');
const scenarioName = values.scenario as ScenarioName;
const scenario = scenarioNamed(scenarioName);
if (!scenario || !['browse', 'add-to-cart', 'read-cart'].includes(scenarioName)) usageError(USAGE, `--scenario must be browse, add-to-cart or read-cart, got ${scenarioName}`);
const builds = { a: storeBuildArgument(USAGE, values.a), b: storeBuildArgument(USAGE, values.b) };
const rounds = positiveInteger(USAGE, 'rounds', values.rounds!);
const settings = { ...FULL, connections: positiveInteger(USAGE, 'connections', values.connections!), durationSec: positiveInteger(USAGE, 'seconds', values.seconds!) };

const results = await runPaired(builds, scenario, settings, rounds, (line) => console.log(line.trimStart()));
const summary = summarizePaired(results);
console.log(`\n${scenarioName}: B/A median ${summary.median.toFixed(3)}, from ${summary.min.toFixed(3)} to ${summary.max.toFixed(3)} (rounds ${summary.ratios.map((r) => r.toFixed(3)).join(', ')})`);
