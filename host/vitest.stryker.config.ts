import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant (stryker.config.mjs): those that import src/ in-process.
// The end-to-end tests (they spawn dist/cli/main.js) are left out: they never see a mutant.
export default defineConfig({
  test: {
    include: ['test/durable/**/*.test.ts', 'test/invoke/**/*.test.ts'],
    exclude: ['test/durable/conformance.test.ts', 'test/durable/contention.test.ts', 'test/durable/crash.test.ts', 'test/durable/entityBatch.test.ts', 'test/durable/commitFailure.test.ts'],
    // a mutant that makes a test hang fails it here (killed) instead of hitting Stryker's timeout, which
    // restarts the test runner: far cheaper; a normal test takes well under a second
    testTimeout: 5_000,
    hookTimeout: 10_000,
  },
});
