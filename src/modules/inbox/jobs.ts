import { defineJob } from '../../jobs/registry.ts';
import { processDueReplies } from './replies.ts';
import { syncAllChannels } from './sync.ts';

/** Reads every inbox channel's new items (and each new channel's 30-day backfill). */
export const inboxPollJob = defineJob({
  name: 'inbox.poll',
  service: 'worker',
  description: 'Reads new inbox items of every channel whose network has an inbox (backfill on first read)',
  schedule: { everyMs: 30_000 },
  leaseMs: 300_000,
  handler: ({ ctx, signal }) => syncAllChannels(ctx, { signal }),
});

/** Sends queued inbox replies exactly once. */
export const inboxRepliesJob = defineJob({
  name: 'inbox.replies',
  service: 'worker',
  description: 'Sends queued inbox replies exactly once (leases, reconcile after ambiguous outcomes)',
  schedule: { everyMs: 1_000 },
  handler: ({ ctx }) => processDueReplies(ctx),
});

/** The inbox module's background jobs. */
export const inboxJobs = [inboxPollJob, inboxRepliesJob];
