// Mutation testing of the durable task hub and its store (README "Tests", "Mutation testing"):
// `npm run mutate -w host` (all of src/durable and src/store) or
// `npm run mutate -w host -- --mutate src/durable/groupCommit.ts` (one file, minutes instead of an hour).
// Only the in-process tests run (vitest.stryker.config.ts): the end-to-end tests spawn the built host from
// dist/, which Stryker does not mutate, so they could never kill a mutant.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: true },
  coverageAnalysis: 'perTest',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  mutate: ['src/durable/**/*.ts', 'src/store/**/*.ts'],
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
