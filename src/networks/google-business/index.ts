/**
 * Google Business Profile: local posts (update, event, offer) on a location, Google sign-in with a
 * locations picker, reviews read and answered, the location's performance.
 */
import type { NetworkPackage } from '../package.ts';
import { createGbpAdapter } from './adapter.ts';

export { createGbpAdapter, GBP_METRICS, gbpLocation } from './adapter.ts';
export type { GbpAdapterOptions } from './adapter.ts';
export { GBP_API, GBP_SCOPES } from './api.ts';
export { createGbpOAuthProvider } from './oauth.ts';
export { validateGbpPost, GBP_LIMITS, GBP_CAPABILITIES } from './validate.ts';

export const googleBusinessAdapter = createGbpAdapter();

/** Google Business Profile as Plaza ships it (reviews reach listening through the channel-mentions source). */
export const googleBusiness: NetworkPackage = { adapter: googleBusinessAdapter, listeningSources: [] };
