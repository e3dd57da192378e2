import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DB_KINDS } from '../../test/helpers/db.ts';
import { until } from '../../test/helpers/wait.ts';
import { loadConfig } from '../config.ts';
import type { PlazaDatabase } from '../db/database.ts';
import { startPlaza } from '../server/runtime.ts';
import type { AppContext } from '../server/context.ts';
import { systemClock } from '../lib/clock.ts';
import { plazaJobs } from './index.ts';
import { checkJobs, defineJob, JobRegistryError, startJobs, type JobDefinition } from './registry.ts';

const tick = (name: string, everyMs = 1_000) =>
  defineJob({ name, service: 'worker', description: 'test', schedule: { everyMs }, handler: async () => undefined });

/** The message `checkJobs` throws for `jobs`, or null when it accepts them. */
function problemsOf(jobs: unknown[], intervals: Record<string, number> = {}): string | null {
  try {
    checkJobs(jobs as JobDefinition[], intervals);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(JobRegistryError);
    return (error as Error).message;
  }
}

describe('job registry: declarations are checked before anything starts', () => {
  it("accepts Plaza's own jobs: unique names, each with its handler or runner", () => {
    const jobs = plazaJobs();
    expect(problemsOf(jobs)).toBeNull();
    expect(jobs.map((j) => j.name)).toEqual([
      'events.webhook-deliver',
      'events.webhook-outbox',
      'publishing.engine',
      'publishing.recover-missed',
      'analytics.collect-metrics',
      'analytics.objectives',
      'analytics.reports',
      'listening.sources',
      'listening.reputation-alerts',
      'media.prune-uploads',
      'oauth.refresh-tokens',
      'inbox.poll',
      'inbox.replies',
      'recurring.extend',
      'recurring.evergreen',
      'feeds.poll',
      'contacts.link',
    ]);
  });

  it('refuses a duplicate name, naming the job', () => {
    expect(problemsOf([tick('analytics.reports'), tick('events.webhook-outbox'), tick('analytics.reports')])).toBe(
      'Plaza cannot start its background jobs:\n- Background job "analytics.reports" is declared twice: every job needs its own name.',
    );
  });

  it('refuses a job without its handler, saying what is missing', () => {
    expect(problemsOf([{ name: 'reports', service: 'worker', description: 'x', schedule: { everyMs: 1000 } }])).toContain(
      'Background job "reports" cannot start: it has no handler: a job with a schedule needs handler(...).',
    );
    expect(problemsOf([{ name: 'deliver', service: 'worker', description: 'x', trigger: { queue: 'q' }, handler: 'deliver' }])).toContain(
      'Background job "deliver" cannot start: it has no handler: a job with a trigger needs handler(...).',
    );
    expect(problemsOf([{ name: 'engine', service: 'worker', description: 'x', runner: {} }])).toContain(
      'Background job "engine" cannot start: its runner has no start function.',
    );
    expect(problemsOf([{ name: 'nothing', service: 'worker', description: 'x', handler: async () => undefined }])).toContain(
      'Background job "nothing" cannot start: it must have exactly one of schedule, trigger or runner (it has none).',
    );
  });

  it('lists every problem at once: no name, unknown service, bad interval, an interval for no periodic job', () => {
    const message = problemsOf(
      [
        { service: 'worker', description: 'x', schedule: { everyMs: 1000 }, handler: async () => undefined },
        { ...tick('a'), service: 'mailer' },
        tick('b', 0),
        tick('b', 10),
      ],
      { 'no.such-job': 100, a: 1.5 },
    );
    expect(message?.split('\n')).toEqual([
      'Plaza cannot start its background jobs:',
      '- Background job #1 has no name.',
      '- Background job "a" has an unknown service "mailer" (one of web, worker, scheduler, listener).',
      '- Background job "b" needs a whole, positive schedule.everyMs (got 0).',
      '- Background job "b" is declared twice: every job needs its own name.',
      '- An interval is set for "no.such-job", but no periodic background job has that name.',
      '- The interval set for "a" must be a whole, positive number of milliseconds (got 1.5).',
    ]);
  });

  it('startPlaza stops with the message before it opens the database', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-jobs-'));
    try {
      const config = loadConfig({
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        PLAZA_SECRET: 'registry-test-secret-registry-test-0001',
      } as NodeJS.ProcessEnv);
      const doubled = startPlaza({ config, services: ['worker'], logger: pino({ level: 'silent' }), jobs: (jobs) => [...jobs, jobs[1]] });
      await expect(doubled).rejects.toThrow('Background job "events.webhook-outbox" is declared twice');
      const unknown = startPlaza({
        config,
        services: ['worker'],
        logger: pino({ level: 'silent' }),
        intervals: { 'analytics.collector': 100 },
      });
      await expect(unknown).rejects.toThrow('An interval is set for "analytics.collector", but no periodic background job has that name.');
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.each(DB_KINDS)('periodic jobs on %s', (kind) => {
  let database: PlazaDatabase;
  let second: PlazaDatabase | null = null;
  const contextOf = (db: PlazaDatabase) =>
    ({ database: db, logger: pino({ level: 'silent' }), clock: systemClock }) as unknown as AppContext;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // On Postgres a second "process": its own connection pool to the same database.
    if (kind === 'postgres') {
      const { openDatabase } = await import('../db/database.ts');
      second = await openDatabase({ databaseUrl: (database as { url?: string }).url });
    }
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await database?.close();
  });

  it('runs a periodic job slot after slot, and a failing run is recorded without stopping the next ones', async () => {
    let runs = 0;
    const job = defineJob({
      name: 'test.flaky',
      service: 'worker',
      description: 'fails every other run',
      schedule: { everyMs: 60_000 },
      handler: async () => {
        runs++;
        if (runs % 2 === 1) throw new Error(`run ${runs} failed`);
      },
    });
    const running = await startJobs(contextOf(database), [job], { services: ['worker'], boss: null, intervals: { 'test.flaky': 50 } });
    try {
      await until(async () => runs >= 4, 10_000);
    } finally {
      await running.stop();
    }
    const { rows } = await database.raw.query<{ every_ms: number; locked_by: string | null; last_error: string | null }>(
      `SELECT every_ms, locked_by, last_error FROM job_schedules WHERE name = 'test.flaky'`,
    );
    expect(rows).toEqual([{ every_ms: 50, locked_by: null, last_error: runs % 2 === 1 ? `run ${runs} failed` : null }]);
  });

  it('a queue job without the queue stops start-up with a clear message, and nothing started stays running', async () => {
    let ran = 0;
    const jobs = [
      defineJob({ name: 'test.before', service: 'worker', description: 'x', schedule: { everyMs: 20 }, handler: async () => void ran++ }),
      defineJob<{ id: string }>({
        name: 'test.deliver',
        service: 'worker',
        description: 'x',
        trigger: { queue: 'test-deliver' },
        handler: async () => undefined,
      }),
    ];
    await expect(startJobs(contextOf(database), jobs, { services: ['worker'], boss: null })).rejects.toThrow(
      'Background job "test.deliver" needs the job queue, which the worker service did not start.',
    );
    const after = ran;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ran).toBe(after);
  });

  it('two processes on one database run each slot once, never two runs at the same time', async () => {
    const runs: Array<{ process: string; slot: number; start: number; end: number }> = [];
    const job = (process: string) =>
      defineJob({
        name: 'test.once',
        service: 'worker',
        description: 'records its slots',
        schedule: { everyMs: 100 },
        handler: async ({ slot }) => {
          const start = performance.now();
          await new Promise((resolve) => setTimeout(resolve, 30));
          runs.push({ process, slot: slot.getTime(), start, end: performance.now() });
        },
      });
    const a = await startJobs(contextOf(database), [job('a')], { services: ['worker'], boss: null });
    const b = await startJobs(contextOf(second ?? database), [job('b')], { services: ['worker'], boss: null });
    const started = performance.now();
    try {
      await until(async () => runs.length >= 15, 15_000);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    const elapsed = performance.now() - started;
    // Each slot once, in order; never more runs than slots in the time.
    const slots = runs.map((r) => r.slot);
    expect(new Set(slots).size).toBe(slots.length);
    expect([...slots].sort((x, y) => x - y)).toEqual(slots);
    expect(runs.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 1);
    // A run ends before the next one starts, whichever process runs it.
    for (let i = 1; i < runs.length; i++) expect(runs[i].start).toBeGreaterThanOrEqual(runs[i - 1].end);
  }, 30_000);
});
