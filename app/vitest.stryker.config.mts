import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant (stryker.config.mjs): those that import src/ in-process.
// The end-to-end tests (they start the host on dist/) are left out: they never see a mutant.
export default defineConfig({
  test: {
    include: ['test/domain/**/*.test.ts', 'test/entities/**/*.test.ts', 'test/orchestrations/**/*.test.ts', 'test/functions/**/*.test.ts', 'test/contracts/**/*.test.ts'],
    // scans src/ as text: Stryker's instrumented copy reads process.env and globalThis, so the scan would fail
    exclude: ['test/orchestrations/determinism.test.ts'],
    // a mutant that makes a test hang fails it here (killed) instead of hitting Stryker's timeout, which
    // restarts the test runner: far cheaper; a normal test takes well under a second
    testTimeout: 5_000,
    hookTimeout: 10_000,
  },
});
