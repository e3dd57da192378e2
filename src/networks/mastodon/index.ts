/**
 * Mastodon network adapter: publish, reconcile, metrics and mentions over the
 * documented REST API of any Mastodon instance.
 */
import { createMastodonAdapter } from './adapter.ts';

export { createMastodonAdapter, fetchInstanceLimits, idempotencyKeyFor, MASTODON_METRICS } from './adapter.ts';
export type { MastodonAdapterOptions, MastodonReconcileInput } from './adapter.ts';
export { validateMastodonPost, MASTODON_DEFAULT_LIMITS } from './validate.ts';
export type { MastodonLimits } from './validate.ts';
export { countStatusChars, countableText } from './text.ts';

/** The Mastodon adapter with real fetch, real clock and default timeouts. */
export const mastodonAdapter = createMastodonAdapter();
