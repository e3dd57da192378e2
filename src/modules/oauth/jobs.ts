import { defineJob } from '../../jobs/registry.ts';
import { oauthRepository } from './repository.ts';
import { refreshDueChannels, warnExpiringChannels } from './refresh.ts';

/**
 * Tokens stay alive: every five minutes, refresh the tokens that end within their network's margin
 * (one refresh per channel across processes), warn a week before a connection ends, and forget
 * sign-ins and pickers that expired.
 */
export const oauthJobs = [
  defineJob({
    name: 'oauth.refresh-tokens',
    service: 'worker',
    description: 'Refreshes sign-in tokens before they expire and warns a week before a connection ends',
    schedule: { everyMs: 5 * 60_000 },
    leaseMs: 5 * 60_000,
    handler: async ({ ctx }) => {
      const refreshed = await refreshDueChannels(ctx);
      const warned = await warnExpiringChannels(ctx);
      await oauthRepository.purgeExpired(ctx.database.db, new Date(ctx.clock.now() - 60 * 60_000));
      return { ...refreshed, warned };
    },
  }),
];
