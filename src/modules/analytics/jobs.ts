import { defineJob } from '../../jobs/registry.ts';
import { collectDueMetrics, type CollectionResult } from './collector.ts';
import { evaluateObjectives } from './insights.ts';
import { runDueReports } from './reports.ts';

/** Publications one collection pass snapshots at most; a full pass is followed by another at once. */
const PASS_LIMIT = 100;

/**
 * Metric snapshots on the decaying schedule (the `metric_schedule` table is the queue, claimed
 * with SKIP LOCKED) and today's follower counts. A slot drains what is due, pass after pass.
 */
export const metricCollectionJob = defineJob({
  name: 'analytics.collect-metrics',
  service: 'worker',
  description: 'Takes due metric snapshots and follower counts',
  schedule: { everyMs: 30_000 },
  leaseMs: 5 * 60_000,
  handler: async ({ ctx, signal }) => {
    let pass: CollectionResult;
    do {
      pass = await collectDueMetrics(ctx, { limit: PASS_LIMIT });
    } while (!signal.aborted && pass.snapshots + pass.errors >= PASS_LIMIT);
  },
});

/** Objective checks; status changes become `objective.*` events (webhooks through the outbox). */
export const objectiveCheckJob = defineJob({
  name: 'analytics.objectives',
  service: 'worker',
  description: 'Checks every objective and records status changes',
  schedule: { everyMs: 3_600_000 },
  handler: ({ ctx }) => evaluateObjectives(ctx),
});

/** Scheduled reports whose time has come: built, e-mailed, `report.sent` / `report.failed` recorded. */
export const scheduledReportsJob = defineJob({
  name: 'analytics.reports',
  service: 'worker',
  description: 'Sends the scheduled reports that are due',
  schedule: { everyMs: 5 * 60_000 },
  leaseMs: 5 * 60_000,
  handler: ({ ctx }) => runDueReports(ctx),
});

/** The analytics module's background jobs. */
export const analyticsJobs = [metricCollectionJob, objectiveCheckJob, scheduledReportsJob];
