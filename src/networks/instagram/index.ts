/**
 * Instagram professional accounts: image, carousel, reel and story containers, first comment,
 * insights and mentions over the Graph API, signing in with Instagram Login (or Facebook Login
 * for accounts linked to a Page). See docs/networks/instagram.md.
 */
import type { NetworkPackage } from '../package.ts';
import { createInstagramAdapter } from './adapter.ts';

export { createInstagramAdapter, INSTAGRAM_METRICS, instagramChannel } from './adapter.ts';
export type { InstagramAdapterOptions } from './adapter.ts';
export {
  createInstagramFacebookLoginProvider,
  createInstagramLoginProvider,
  INSTAGRAM_FACEBOOK_LOGIN_SCOPES,
  INSTAGRAM_LOGIN_SCOPES,
  instagramFacebookLoginProvider,
  instagramLoginProvider,
} from './oauth.ts';
export { INSTAGRAM_CAPABILITIES, INSTAGRAM_LIMITS, validateInstagramPost } from './validate.ts';

/** The Instagram adapter with real fetch, real clock and default timeouts. */
export const instagramAdapter = createInstagramAdapter();

/** Instagram as Plaza ships it: publishing and metrics; mentions through the channel-mentions source. */
export const instagram: NetworkPackage = { adapter: instagramAdapter, listeningSources: [] };
