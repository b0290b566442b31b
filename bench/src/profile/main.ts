// `npm run profile -w bench -- --scenario add-to-cart [--seconds 10] [--connections 64] [--count-requests]`: runs one scenario
// against the store with the host under `node --cpu-prof`, then prints where the host spent its time.
// The .cpuprofile files stay in the printed folder (open them in Chrome DevTools or speedscope for flame graphs).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandLine, positiveInteger, usageError } from '../harness/cli.ts';
import { prepareAlone, scenarioNamed } from '../scenarios/all.ts';
import { createCatalog } from '../scenarios/catalog.ts';
import { FULL } from '../settings.ts';
import { startStore } from '../systems/store.ts';
import { summarize, summaryMarkdown } from './summarize.ts';

const USAGE = 'Usage: npm run profile -w bench -- [--scenario add-to-cart] [--seconds 10] [--connections 64] [--top 25] [--count-requests]';
const values = parseCommandLine(USAGE, {
  scenario: { type: 'string', default: 'add-to-cart' },
  seconds: { type: 'string', default: '10' },
  connections: { type: 'string', default: '64' },
  top: { type: 'string', default: '25' },
  /** also count the requests the host receives (its loopback calls included) */
  'count-requests': { type: 'boolean', default: false },
});
const scenario = scenarioNamed(values.scenario!);
if (!scenario) usageError(USAGE, `unknown scenario ${values.scenario}`);
const seconds = positiveInteger(USAGE, 'seconds', values.seconds!);
const connections = positiveInteger(USAGE, 'connections', values.connections!);
const top = positiveInteger(USAGE, 'top', values.top!);

const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
const counter = fileURLToPath(new URL('./countRequests.cjs', import.meta.url));
process.env.BENCH_HOST_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${dir}` + (values['count-requests'] ? ` --require ${counter}` : '');
process.env.COUNT_REQUESTS_OUT = join(dir, 'requests.txt');
const system = await startStore();
try {
  await createCatalog(system);
  const settings = { ...FULL, durationSec: seconds, connections, warmupSec: 2 };
  await prepareAlone(scenario, system, settings);
  const result = await scenario.run(system, settings);
  console.log(`${values.scenario}: ${result.requestsPerSec.toFixed(0)}/s p50 ${result.p50Ms.toFixed(1)} ms p99 ${result.p99Ms.toFixed(1)} ms errors ${result.errors}`);
} finally {
  await system.stop();
}
if (values['count-requests']) console.log('\n' + readFileSync(join(dir, 'requests.txt'), 'utf8'));
const root = fileURLToPath(new URL('../../../', import.meta.url));
for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
  console.log(`\n## ${join(dir, file)}\n`);
  console.log(summaryMarkdown(summarize(join(dir, file), root, top)));
}
