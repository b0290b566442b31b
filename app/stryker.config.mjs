// Mutation testing of the store's domain logic, entities and orchestrations (README "Tests"):
// `npm run mutate -w app`, or one file: `npm run mutate -w app -- --mutate src/domain/cart.ts`.
// Only the in-process tests run (vitest.stryker.config.mts): the end-to-end tests load the app from dist/
// in a spawned host, which Stryker does not mutate, so they could never kill a mutant.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.mts', related: true },
  coverageAnalysis: 'perTest',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  mutate: ['src/domain/**/*.ts', 'src/entities/**/*.ts', 'src/orchestrations/**/*.ts'],
  // the machine is shared: one test runner (and one checker) at a time
  concurrency: 1,
  reporters: ['clear-text', 'html', 'json', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  tempDirName: '.stryker-tmp',
  // not copied into the sandbox: builds, reports, other runs' sandboxes
  ignorePatterns: ['dist', 'reports', '.stryker-tmp*'],
  cleanTempDir: 'always',
  // a mutant that loops forever: a timeout above vitest's testTimeout (vitest.stryker.config), which catches hangs first
  timeoutMS: 10_000,
  // `-- --incremental` keeps results here: a rerun tests only mutants whose code or tests changed
  incrementalFile: 'reports/stryker-incremental.json',
};
