import { defineConfig } from 'vitest/config';

const workers = Number(process.env.PLAZA_TEST_WORKERS ?? 3);
// Opt-in: PLAZA_TEST_REUSE_WORKERS=1 runs the whole suite in about two thirds of the time, but timing-bound
// tests ran slower in long-lived workers (the sandbox throughput burst: 0.6 s isolated, 2–4 s reused), so
// `npm test` and CI keep one process per file. See docs/benchmarks/suite-speed-2026-12-06.md.
const reuseWorkers = process.env.PLAZA_TEST_REUSE_WORKERS === '1';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules', 'web/**'],
    pool: 'forks',
    // With reuse, each worker process serves the next file: loading node_modules (Playwright, Fastify,
    // PGlite's WebAssembly, …) again for every file costs seconds a file. Plaza's own modules are still
    // evaluated afresh in every file (test/setup/fresh-modules.ts).
    poolOptions: { forks: { isolate: !reuseWorkers } },
    // Most files wait on Chromium, databases and child processes rather than the CPU: on a 2-core
    // machine Vitest's default (cores - 1 = one file at a time) leaves a core idle most of the run.
    maxWorkers: workers,
    // With reused processes, as many as maxWorkers: Tinypool retires an idle worker above minWorkers
    // and, near the end of a run, can tear the same one down twice; the second teardown rejects
    // unhandled ("Terminating worker thread") and Vitest stops before its summary.
    minWorkers: reuseWorkers ? workers : 1,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Unmocked outbound traffic must fail: tests only ever talk to loopback.
    setupFiles: [...(reuseWorkers ? ['test/setup/fresh-modules.ts'] : []), 'test/setup/loopback-only.ts'],
    // One migrated database per run, copied by every test that needs one (test/setup/db-templates.ts).
    globalSetup: ['test/setup/db-templates.ts'],
  },
});
