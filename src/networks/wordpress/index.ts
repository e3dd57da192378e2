/**
 * WordPress blogs: posts with title, excerpt, featured image, categories and tags through the REST
 * API with an application password; comments as mentions and in the inbox.
 */
import type { NetworkPackage } from '../package.ts';
import { createWordPressAdapter } from './adapter.ts';

export { createWordPressAdapter, WORDPRESS_METRICS } from './adapter.ts';
export type { WordPressAdapterOptions } from './adapter.ts';
export { validateWordPressPost, WORDPRESS_LIMITS, WORDPRESS_CAPABILITIES } from './validate.ts';
export { slugFor, postBodyHtml } from './content.ts';

/** The WordPress adapter with the guarded fetch, the real clock and default timeouts. */
export const wordpressAdapter = createWordPressAdapter();

/** WordPress as Plaza ships it (its comments reach listening through the channel-mentions source). */
export const wordpress: NetworkPackage = { adapter: wordpressAdapter, listeningSources: [] };
