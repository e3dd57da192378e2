import { defineJob, type JobContext } from '../../jobs/registry.ts';
import { deliverWebhook, runWebhookOutbox, WEBHOOK_QUEUE } from './webhooks.ts';

/** The job queue a worker process started (worker and scheduler processes have one). */
function queueOf(job: JobContext) {
  if (!job.boss) throw new Error('The webhook jobs need the job queue (pg-boss), started by the worker service');
  return job.boss;
}

/** Sends one webhook delivery per queued job; a failure throws, and pg-boss retries it with backoff. */
export const webhookDeliveryJob = defineJob<{ deliveryId: string }>({
  name: 'events.webhook-deliver',
  service: 'worker',
  description: 'Sends a signed webhook delivery (retried by the queue with backoff)',
  trigger: { queue: WEBHOOK_QUEUE, batchSize: 10, pollingIntervalSeconds: 1 },
  handler: ({ ctx }, data) => deliverWebhook(ctx, data.deliveryId),
});

/** Follows the events table and queues the deliveries of new events (events written by any process). */
export const webhookOutboxJob = defineJob({
  name: 'events.webhook-outbox',
  service: 'worker',
  description: 'Queues a webhook delivery for each new subscribed event',
  schedule: { everyMs: 1_000 },
  handler: (job) => runWebhookOutbox(job.ctx, queueOf(job)),
});

/** The events module's background jobs. */
export const eventJobs = [webhookDeliveryJob, webhookOutboxJob];
