import { defineJob } from '../../jobs/registry.ts';
import { extendRecurring } from './commands.ts';
import { recycleAllQueues } from './evergreen.ts';

/** Moves every recurring post's rolling window on: occurrences exist about `window_days` ahead. */
export const extendRecurringJob = defineJob({
  name: 'recurring.extend',
  service: 'worker',
  description: 'Creates the next occurrences of recurring posts that never end (rolling window)',
  schedule: { everyMs: 30 * 60_000 },
  handler: async ({ ctx }) => {
    await extendRecurring(ctx);
  },
});

/** Fills recycling queues' free slots of the coming week with evergreen re-shares. */
export const recycleEvergreenJob = defineJob({
  name: 'recurring.evergreen',
  service: 'worker',
  description: 'Re-shares evergreen posts in the free slots of queues that recycle them',
  schedule: { everyMs: 60 * 60_000 },
  handler: async ({ ctx }) => {
    await recycleAllQueues(ctx);
  },
});

/** The recurring module's background jobs. */
export const recurringJobs = [extendRecurringJob, recycleEvergreenJob];
