import { defineConfig } from 'vitest/config';

// The package test runs `npm ci` into a staging folder and starts the built host on the unzipped package:
// generous timeouts for a loaded 2-core machine.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
