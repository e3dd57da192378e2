import { defineJob } from '../../jobs/registry.ts';
import { PublishingEngine, type EngineOptions } from './engine.ts';

/**
 * The publishing engine in each worker process: claims publications due soon (SKIP LOCKED, so
 * workers share the work), fires them from timers, heartbeats and takes over dead workers' work.
 * A runner: its loop and state are its own; the runtime exposes it as `PlazaRuntime.engine`.
 */
export function publishingEngineJob(options: EngineOptions = {}) {
  return defineJob({
    name: 'publishing.engine',
    service: 'worker',
    description: 'Publishes due posts (claim ahead, fire from timers, reconcile after a crash)',
    runner: {
      start: async ({ ctx }) => {
        const engine = new PublishingEngine(ctx, options);
        await engine.start();
        return { value: engine, stop: () => engine.stop() };
      },
    },
  });
}

/**
 * At start-up of a scheduler process without a worker: reports publications missed during the
 * downtime (a worker's engine does the same when it starts, so a process with both does it once).
 */
export function missedPublicationsJob(options: EngineOptions = {}) {
  return defineJob({
    name: 'publishing.recover-missed',
    service: 'scheduler',
    description: 'Reports publications missed while no worker was running',
    runner: {
      start: async ({ ctx, services }) => {
        if (!services.has('worker')) await new PublishingEngine(ctx, options).recover();
        return { stop: async () => undefined };
      },
    },
  });
}

/** The publishing module's background jobs. */
export function publishingJobs(options: EngineOptions = {}) {
  return [publishingEngineJob(options), missedPublicationsJob(options)];
}
