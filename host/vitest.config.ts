import { defineConfig } from 'vitest/config';

// Tests spawn the built host (dist/cli/main.js; the root `npm test` builds first) and talk real HTTP.
// Generous timeouts: the machine is a loaded 2-core box and every test file starts node processes.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
