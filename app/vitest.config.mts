import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // compile the host and the app first (tsc incremental): an end-to-end test never runs an old dist/
    globalSetup: ['test/support/buildFirst.ts'],
    // e2e tests start the local host as a child process: generous on a loaded 2-core machine
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
