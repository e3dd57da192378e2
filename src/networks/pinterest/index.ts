/**
 * Pinterest: pins (image, carousel, video) on the boards of a signed-in account, with title,
 * description, link and alt text; pin analytics and the account's followers.
 */
import type { NetworkPackage } from '../package.ts';
import { createPinterestAdapter } from './adapter.ts';

export { createPinterestAdapter, PINTEREST_METRICS, multipartUpload } from './adapter.ts';
export type { PinterestAdapterOptions } from './adapter.ts';
export { PINTEREST_API } from './api.ts';
export { createPinterestOAuthProvider, PINTEREST_SCOPES } from './oauth.ts';
export { PINTEREST_CAPABILITIES, PINTEREST_LIMITS, validatePin } from './validate.ts';

/** The Pinterest adapter with the guarded fetch and the real clock. */
export const pinterestAdapter = createPinterestAdapter();

/** Pinterest as Plaza ships it (no listening source: API v5 does not read comments). */
export const pinterest: NetworkPackage = { adapter: pinterestAdapter, listeningSources: [] };
