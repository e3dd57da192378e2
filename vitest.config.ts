import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules', 'web/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Unmocked outbound traffic must fail: tests only ever talk to loopback.
    setupFiles: ['test/setup/loopback-only.ts'],
  },
});
