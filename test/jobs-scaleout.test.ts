import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { defineJob, type JobDefinition } from '../src/jobs/registry.ts';
import { startPlaza, type PlazaRuntime } from '../src/server/runtime.ts';
import { createPostgresDatabaseUrl } from './helpers/db.ts';
import { until } from './helpers/wait.ts';

/**
 * Two worker processes (two `startPlaza` with worker, scheduler and listener) on one Postgres:
 * every periodic job runs once per slot across them, never once per process.
 */
describe('periodic background jobs across two worker processes on one Postgres', () => {
  let url = '';
  let drop: () => Promise<void> = async () => undefined;
  const runtimes: PlazaRuntime[] = [];
  const dataDirs: string[] = [];
  /** Runs seen, by job name: which process, which slot. */
  const runs = new Map<string, Array<{ process: string; slot: number }>>();

  beforeAll(async () => {
    ({ url, drop } = await createPostgresDatabaseUrl());
  }, 60_000);
  afterAll(async () => {
    for (const runtime of runtimes) await runtime.stop();
    await drop();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Plaza's jobs, each periodic one counting its runs, plus a fast test job. */
  const counted = (process: string) => (jobs: JobDefinition[]) => [
    ...jobs.map((job) =>
      'schedule' in job
        ? {
            ...job,
            handler: async (run: Parameters<typeof job.handler>[0]) => {
              runs.set(job.name, [...(runs.get(job.name) ?? []), { process, slot: run.slot.getTime() }]);
              return job.handler(run);
            },
          }
        : job,
    ),
    defineJob({
      name: 'test.every-200ms',
      service: 'worker',
      description: 'counts its slots',
      schedule: { everyMs: 200 },
      handler: async ({ slot }) =>
        void runs.set('test.every-200ms', [...(runs.get('test.every-200ms') ?? []), { process, slot: slot.getTime() }]),
    }),
  ];

  const start = async (process: string) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `plaza-jobs-${process}-`));
    dataDirs.push(dataDir);
    const env = {
      DATA_DIR: dataDir,
      DATABASE_URL: url,
      LOG_LEVEL: 'silent',
      PLAZA_SECRET: 'jobs-scaleout-secret-jobs-scaleout-0001',
    } as NodeJS.ProcessEnv;
    const runtime = await startPlaza({
      config: loadConfig(env),
      services: ['worker', 'scheduler', 'listener'],
      logger: pino({ level: 'silent' }),
      jobs: counted(process),
    });
    runtimes.push(runtime);
  };

  it('runs each slot once: the first slot of every Plaza periodic job, and a fast job slot after slot', async () => {
    const started = performance.now();
    // One after the other: two first starts at once on an empty database race in pg-boss's schema creation.
    await start('a');
    await start('b');
    await until(async () => (runs.get('test.every-200ms')?.length ?? 0) >= 12, 20_000);
    // Every periodic job of Plaza ran its first slot (due at the first start) exactly once, in one of the two.
    for (const name of [
      'events.webhook-outbox',
      'analytics.collect-metrics',
      'analytics.objectives',
      'analytics.reports',
      'listening.reputation-alerts',
    ]) {
      await until(async () => (runs.get(name)?.length ?? 0) >= 1, 10_000);
    }
    for (const runtime of runtimes.splice(0)) await runtime.stop();
    const elapsed = performance.now() - started;
    // Hourly and five-minutely jobs: one run in all, not one per process (the test ends well within 5 minutes).
    expect(runs.get('analytics.objectives')).toHaveLength(1);
    expect(runs.get('analytics.reports')).toHaveLength(1);
    // Every periodic job: no slot run twice, no more runs than slots in the time (one per process would be about twice as many).
    const intervals: Record<string, number> = {
      'test.every-200ms': 200,
      'events.webhook-outbox': 1_000,
      'analytics.collect-metrics': 30_000,
      'listening.reputation-alerts': 60_000,
    };
    for (const [name, everyMs] of Object.entries(intervals)) {
      const slots = (runs.get(name) ?? []).map((r) => r.slot);
      expect(new Set(slots).size, name).toBe(slots.length);
      expect(slots.length, name).toBeLessThanOrEqual(Math.ceil(elapsed / everyMs) + 1);
    }
  }, 90_000);
});
