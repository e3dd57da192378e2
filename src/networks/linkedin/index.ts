/**
 * LinkedIn: member profiles and organization pages through the versioned Posts API, sign-in
 * with LinkedIn (OAuth 2.0), page share statistics and follower counts, comments as mentions and in
 * the inbox (inbox.ts: read, answered, liked, our own deleted).
 */
import type { NetworkPackage } from '../package.ts';
import { createLinkedInAdapter } from './adapter.ts';

export { createLinkedInAdapter, LINKEDIN_METRICS, channelAuthor } from './adapter.ts';
export type { LinkedInAdapterOptions } from './adapter.ts';
export { LINKEDIN_API } from './api.ts';
export { createLinkedInOAuthProvider, LINKEDIN_MEMBER_SCOPES, LINKEDIN_ORGANIZATION_SCOPES } from './oauth.ts';
export { validateLinkedInPost, LINKEDIN_LIMITS, LINKEDIN_CAPABILITIES } from './validate.ts';
export { toLittleText, fromLittleText } from './text.ts';

/** The LinkedIn adapter with the guarded fetch, the real clock and default timeouts. */
export const linkedinAdapter = createLinkedInAdapter();

/** LinkedIn as Plaza ships it (its comments reach listening through the channel-mentions source). */
export const linkedin: NetworkPackage = { adapter: linkedinAdapter, listeningSources: [] };
