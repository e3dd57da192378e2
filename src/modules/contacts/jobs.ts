import { defineJob } from '../../jobs/registry.ts';
import { linkInboxAuthors } from './commands.ts';

/** How far back the periodic link looks at stored inbox items (several runs overlap, so none is missed). */
const LINK_WINDOW_MS = 10 * 60_000;

/** Creates a contact for each new inbox author. */
export const contactsLinkJob = defineJob({
  name: 'contacts.link',
  service: 'worker',
  description: 'Creates a contact (stage follower) for every new inbox author, from the items stored in the last 10 minutes',
  schedule: { everyMs: 15_000 },
  handler: ({ ctx }) => linkInboxAuthors(ctx, { storedSince: new Date(ctx.clock.now() - LINK_WINDOW_MS) }).then(() => undefined),
});

/** The contacts module's background jobs. */
export const contactsJobs = [contactsLinkJob];
