import { defineJob } from '../../jobs/registry.ts';
import { pollDueFeeds } from './commands.ts';

/** Reads the feeds that are due (each at its own interval, with a conditional GET). */
export const feedsPollJob = defineJob({
  name: 'feeds.poll',
  service: 'worker',
  description: 'Reads due RSS/Atom feeds (conditional GET, safe fetcher) and turns their new items into posts, each once',
  schedule: { everyMs: 60_000 },
  leaseMs: 300_000,
  handler: ({ ctx, signal }) => pollDueFeeds(ctx, { signal }),
});

/** The feeds module's background jobs. */
export const feedsJobs = [feedsPollJob];
