import { defineConfig } from 'vitest/config';

const workers = Number(process.env.PLAZA_TEST_WORKERS ?? 3);

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules', 'web/**'],
    pool: 'forks',
    // Reuse each worker process for the next file: loading node_modules (Playwright, Fastify, PGlite's
    // WebAssembly, …) again for every file cost seconds a file. Plaza's own modules are still evaluated
    // afresh in every file (test/setup/fresh-modules.ts).
    poolOptions: { forks: { isolate: false } },
    // Most files wait on Chromium, databases and child processes rather than the CPU: on a 2-core
    // machine Vitest's default (cores - 1 = one file at a time) leaves a core idle most of the run.
    maxWorkers: workers,
    // As many as maxWorkers: with reused processes Tinypool retires an idle worker above minWorkers
    // and, near the end of a run, can tear the same one down twice; the second teardown rejects
    // unhandled ("Terminating worker thread") and Vitest stops before its summary.
    minWorkers: workers,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Unmocked outbound traffic must fail: tests only ever talk to loopback.
    setupFiles: ['test/setup/fresh-modules.ts', 'test/setup/loopback-only.ts'],
    // One migrated database per run, copied by every test that needs one (test/setup/db-templates.ts).
    globalSetup: ['test/setup/db-templates.ts'],
  },
});
