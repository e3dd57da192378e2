/**
 * Facebook Pages: publishing (text, link, photos, video, reels, first comment), insights and Page
 * mentions over the Graph API, signing in with Facebook Login. See docs/networks/facebook.md.
 */
import type { NetworkPackage } from '../package.ts';
import { createFacebookAdapter } from './adapter.ts';

export { createFacebookAdapter, FACEBOOK_METRICS, pageChannel } from './adapter.ts';
export type { FacebookAdapterOptions } from './adapter.ts';
export { createFacebookOAuthProvider, facebookOAuthProvider, FACEBOOK_SCOPES } from './oauth.ts';
export { FACEBOOK_CAPABILITIES, FACEBOOK_LIMITS, validateFacebookPost } from './validate.ts';

/** The Facebook adapter with real fetch, real clock and default timeouts. */
export const facebookAdapter = createFacebookAdapter();

/** Facebook as Plaza ships it: publishing and metrics; mentions through the channel-mentions source. */
export const facebook: NetworkPackage = { adapter: facebookAdapter, listeningSources: [] };
