/**
 * Mastodon network adapter: publish, reconcile, metrics and mentions over the
 * documented REST API of any Mastodon instance.
 */
import type { NetworkPackage } from '../package.ts';
import { createMastodonAdapter } from './adapter.ts';
import { MASTODON_LISTENING_SOURCES } from './listening/index.ts';

export { createMastodonAdapter, fetchInstanceLimits, idempotencyKeyFor, MASTODON_METRICS } from './adapter.ts';
export type { MastodonAdapterOptions, MastodonReconcileInput } from './adapter.ts';
export { validateMastodonPost, MASTODON_DEFAULT_LIMITS } from './validate.ts';
export type { MastodonLimits } from './validate.ts';
export { countStatusChars, countableText } from './text.ts';

/** The Mastodon adapter with real fetch, real clock and default timeouts. */
export const mastodonAdapter = createMastodonAdapter();

/** Mastodon as Plaza ships it: publishing, metrics, and its timeline/search listening source. */
export const mastodon: NetworkPackage = { adapter: mastodonAdapter, listeningSources: MASTODON_LISTENING_SOURCES };
