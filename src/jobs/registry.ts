import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type PgBoss from 'pg-boss';
import { SERVICE_NAMES, type ServiceName } from '../config.ts';
import type { AppContext } from '../server/context.ts';
import { claimJobSlot, ensureJobSchedule, finishJobRun, jobSlotState, releaseAllJobLocks, renewJobLock } from './repository.ts';

/**
 * The registry of Plaza's background work. Each job is declared once, in its module's
 * `jobs.ts`, with `defineJob`: its name, the `startPlaza` service that runs it, and either
 * - a `schedule` and a `handler`: a periodic job, run once per slot across every process
 *   sharing the database (a `job_schedules` row is claimed before each run);
 * - a `trigger` (a pg-boss queue) and a `handler` called for each job sent to it;
 * - a `runner`: a long-running loop of its own (the publishing engine, the listener's sources)
 *   with `start` and the `stop` it returns.
 * `startJobs` checks the whole list first (a duplicate name or a missing handler stops start-up
 * with a message that names the job), then starts the jobs of the process's services in order,
 * and stops them in reverse.
 */

/** What a job's code gets: the context, the queue (worker and scheduler processes), the services of this process. */
export interface JobContext {
  ctx: AppContext;
  boss: PgBoss | null;
  services: ReadonlySet<ServiceName>;
  /** Aborted when the process stops: a long handler ends early. */
  signal: AbortSignal;
}

interface JobBase {
  /** Unique, `<module>.<what>` (e.g. `events.webhook-outbox`). */
  name: string;
  /** The `startPlaza` service whose processes run it. */
  service: ServiceName;
  /** One line: what it does (logs, ARCHITECTURE.md). */
  description: string;
}

/** Runs every `everyMs`, once per slot across all processes. */
export interface PeriodicJob extends JobBase {
  schedule: { everyMs: number };
  /** How long a claimed run holds the job before another process may take it over (renewed while it runs; default 60 s). */
  leaseMs?: number;
  handler: (job: JobContext & { slot: Date }) => Promise<unknown>;
}

/** Runs for each job sent to a pg-boss queue (retries, backoff and expiry are the sender's options). */
export interface QueueJob<T = unknown> extends JobBase {
  trigger: { queue: string; batchSize?: number; pollingIntervalSeconds?: number };
  handler: (job: JobContext, data: T) => Promise<unknown>;
}

/** A loop with its own timers and state, started and stopped with the process. */
export interface RunnerJob extends JobBase {
  runner: { start: (job: JobContext) => Promise<RunningJob> };
}

/** A started runner: `stop` ends it; `value` is what it exposes to the runtime (e.g. the engine). */
export interface RunningJob {
  stop(): Promise<void>;
  value?: unknown;
}

export type JobDefinition = PeriodicJob | QueueJob<never> | RunnerJob;

/** Declares a job (typed by its shape); checked with every other job when the registry starts. */
export function defineJob<T>(job: QueueJob<T>): QueueJob<T>;
export function defineJob<J extends PeriodicJob | RunnerJob>(job: J): J;
export function defineJob(job: JobDefinition): JobDefinition {
  return job;
}

/** A registry that cannot start: its message names the job and says what to fix. */
export class JobRegistryError extends Error {
  override name = 'JobRegistryError';
}

const DEFAULT_LEASE_MS = 60_000;

/** Which kind a declaration is, or the reason it is none. */
function kindOf(job: JobDefinition): 'periodic' | 'queue' | 'runner' | string {
  const record = job as Partial<PeriodicJob & QueueJob & RunnerJob>;
  const shapes = [record.schedule && 'schedule', record.trigger && 'trigger', record.runner && 'runner'].filter(Boolean);
  if (shapes.length !== 1)
    return `it must have exactly one of schedule, trigger or runner (it has ${shapes.length ? shapes.join(' and ') : 'none'})`;
  if (record.runner) return typeof record.runner.start === 'function' ? 'runner' : 'its runner has no start function';
  if (typeof record.handler !== 'function') return `it has no handler: a job with a ${shapes[0]} needs handler(...)`;
  return record.schedule ? 'periodic' : 'queue';
}

/**
 * Checks a list of jobs before anything starts: names unique and present, a known service,
 * a handler (or a runner's start), a positive interval; intervals overridden only for periodic
 * jobs that exist. Throws a `JobRegistryError` listing every problem.
 */
export function checkJobs(jobs: readonly JobDefinition[], intervals: Readonly<Record<string, number | undefined>> = {}): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [index, job] of jobs.entries()) {
    const label = job?.name ? `"${job.name}"` : `#${index + 1}`;
    if (!job || typeof job.name !== 'string' || !job.name.trim()) {
      problems.push(`Background job ${label} has no name.`);
      continue;
    }
    if (seen.has(job.name)) problems.push(`Background job "${job.name}" is declared twice: every job needs its own name.`);
    seen.add(job.name);
    if (!SERVICE_NAMES.includes(job.service))
      problems.push(`Background job ${label} has an unknown service "${String(job.service)}" (one of ${SERVICE_NAMES.join(', ')}).`);
    const kind = kindOf(job);
    if (kind !== 'periodic' && kind !== 'queue' && kind !== 'runner') problems.push(`Background job ${label} cannot start: ${kind}.`);
    if (kind === 'periodic') {
      const everyMs = (job as PeriodicJob).schedule.everyMs;
      if (!(Number.isInteger(everyMs) && everyMs > 0))
        problems.push(`Background job ${label} needs a whole, positive schedule.everyMs (got ${String(everyMs)}).`);
    }
    if (kind === 'queue' && !(job as QueueJob).trigger.queue) problems.push(`Background job ${label} has no trigger.queue.`);
  }
  for (const [name, everyMs] of Object.entries(intervals)) {
    if (everyMs === undefined) continue;
    const job = jobs.find((j) => j?.name === name);
    if (!job || !('schedule' in job)) problems.push(`An interval is set for "${name}", but no periodic background job has that name.`);
    else if (!(Number.isInteger(everyMs) && everyMs > 0))
      problems.push(`The interval set for "${name}" must be a whole, positive number of milliseconds (got ${everyMs}).`);
  }
  if (problems.length) throw new JobRegistryError(`Plaza cannot start its background jobs:\n- ${problems.join('\n- ')}`);
}

/** The jobs a process started. */
export interface RunningJobs {
  /** Names of the jobs started, in start order. */
  readonly names: readonly string[];
  /** What a runner exposes (`RunningJob.value`), by job name. */
  value<T>(name: string): T | null;
  /** Stops every job, in reverse start order; waits for runs in progress. */
  stop(): Promise<void>;
}

export interface StartJobsOptions {
  services: Iterable<ServiceName>;
  /** pg-boss, needed by queue jobs. */
  boss: PgBoss | null;
  /** Interval overrides of periodic jobs by name (tests run them fast). */
  intervals?: Readonly<Record<string, number | undefined>>;
  /**
   * Periodic loops start their first round once this settles. `startPlaza` passes "the web app is
   * listening": on the embedded database (one connection) a dozen first rounds at once would
   * otherwise queue in front of start-up's own queries and delay the first answer by seconds.
   */
  firstRoundAfter?: Promise<unknown>;
}

/**
 * Checks `jobs` (see `checkJobs`), then starts those of `services`: runners and queue workers
 * at once, periodic loops on their schedule rows. A failure while starting stops what already
 * started and throws.
 */
export async function startJobs(ctx: AppContext, jobs: readonly JobDefinition[], options: StartJobsOptions): Promise<RunningJobs> {
  const intervals = options.intervals ?? {};
  checkJobs(jobs, intervals);
  const services = new Set(options.services);
  const mine = jobs.filter((job) => services.has(job.service));
  const controller = new AbortController();
  const base: JobContext = { ctx, boss: options.boss, services, signal: controller.signal };
  const owner = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const started: Array<{ name: string; running: RunningJob }> = [];

  const stopAll = async () => {
    controller.abort();
    for (const { name, running } of [...started].reverse()) {
      await running.stop().catch((error: unknown) => ctx.logger.error({ err: error, job: name }, 'stopping a background job failed'));
    }
  };

  try {
    // The embedded database belongs to this one process (the data folder's lock): a job lock left in it is stale.
    if (ctx.database.kind === 'embedded' && mine.some((job) => 'schedule' in job)) await releaseAllJobLocks(ctx.database.raw);
    for (const job of mine) {
      let running: RunningJob;
      if ('runner' in job) running = await job.runner.start(base);
      else if ('trigger' in job) running = await startQueueWorker(base, job as QueueJob);
      else running = await startPeriodic(base, job, owner, intervals[job.name] ?? job.schedule.everyMs, options.firstRoundAfter);
      started.push({ name: job.name, running });
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    names: started.map((s) => s.name),
    value: <T>(name: string) => (started.find((s) => s.name === name)?.running.value as T | undefined) ?? null,
    stop: stopAll,
  };
}

async function startQueueWorker(base: JobContext, job: QueueJob): Promise<RunningJob> {
  const boss = base.boss;
  if (!boss)
    throw new JobRegistryError(`Background job "${job.name}" needs the job queue, which the ${job.service} service did not start.`);
  const { queue, batchSize = 1, pollingIntervalSeconds = 2 } = job.trigger;
  await boss.createQueue(queue);
  const id = await boss.work<unknown>(queue, { batchSize, pollingIntervalSeconds }, async (batch) => {
    for (const item of batch) await job.handler(base, item.data);
  });
  return { stop: () => boss.offWork({ id }) };
}

/**
 * A periodic job's loop in this process: wakes when the next slot is due (as the schedule row
 * says), tries to claim it, and runs the handler only when the claim succeeded. Losing a claim
 * just means another process runs that slot.
 */
async function startPeriodic(
  base: JobContext,
  job: PeriodicJob,
  owner: string,
  everyMs: number,
  firstRoundAfter: Promise<unknown> = Promise.resolve(),
): Promise<RunningJob> {
  const { ctx } = base;
  const raw = ctx.database.raw;
  const leaseMs = job.leaseMs ?? DEFAULT_LEASE_MS;
  /** Shortest wait between two attempts when a slot is due but held elsewhere. */
  const retryMs = Math.min(everyMs, 250);
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();

  const runOnce = async (): Promise<number> => {
    const claimedAt = Date.now();
    const claim = await claimJobSlot(raw, job.name, owner, everyMs, leaseMs);
    if (!claim) {
      const state = await jobSlotState(raw, job.name);
      if (!state) return retryMs;
      return Math.min(everyMs, Math.max(retryMs, state.dueInMs, state.lockedForMs));
    }
    // Renew the lock while the handler runs, so a long run is never taken over by another process.
    const renew = setInterval(
      () =>
        void renewJobLock(raw, job.name, owner, leaseMs).catch((error: unknown) =>
          ctx.logger.warn({ err: error, job: job.name }, 'renewing a job lock failed'),
        ),
      leaseMs / 3,
    );
    renew.unref?.();
    let failure: string | null = null;
    try {
      await job.handler({ ...base, slot: claim.slot });
    } catch (error) {
      failure = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      ctx.logger.error({ err: error, job: job.name }, 'background job failed');
    } finally {
      clearInterval(renew);
    }
    await finishJobRun(raw, job.name, owner, failure);
    return Math.max(0, claim.nextInMs - (Date.now() - claimedAt));
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      current = runOnce()
        .catch((error: unknown) => {
          ctx.logger.error({ err: error, job: job.name }, 'scheduling a background job failed');
          return everyMs;
        })
        .then(schedule);
    }, delayMs);
    timer.unref?.();
  };

  await ensureJobSchedule(raw, job.name, everyMs);
  void firstRoundAfter.then(
    () => schedule(0),
    () => schedule(0),
  );
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
