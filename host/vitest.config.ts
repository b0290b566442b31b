import { defineConfig } from 'vitest/config';

// Tests spawn the built host (dist/cli/main.js, compiled first by test/support/buildFirst.ts) and talk real HTTP.
// Generous timeouts: the machine is a loaded 2-core box and every test file starts node processes.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // compile first (tsc incremental): an end-to-end test never runs an old dist/
    globalSetup: ['test/support/buildFirst.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
