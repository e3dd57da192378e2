import { defineJob } from '../../jobs/registry.ts';
import { pruneExpiredUploads } from './uploads.ts';

/** Removes resumable uploads left unfinished past their expiry, and their partial files. */
export const pruneUploadsJob = defineJob({
  name: 'media.prune-uploads',
  // The partial files live in the data folder of the web processes that took the chunks.
  service: 'web',
  description: 'Removes unfinished uploads past their expiry and their partial files',
  schedule: { everyMs: 60 * 60_000 },
  handler: async ({ ctx }) => {
    await pruneExpiredUploads(ctx);
  },
});

/** The media module's background jobs. */
export const mediaJobs = [pruneUploadsJob];
