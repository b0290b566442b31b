import { defineConfig } from 'vitest/config';

// Browser tests: each file starts the built host (with --static web/dist) and Debian's chromium. One file at
// a time (two browsers and two hosts at once crowd a 2-core machine); generous timeouts for the same reason.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // expect.poll waits for the page to show an outcome; a loaded machine can take seconds.
    expect: { poll: { timeout: 30_000, interval: 50 } },
  },
});
