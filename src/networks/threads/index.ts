/**
 * Threads network adapter: sign-in (OAuth with long-lived tokens), text, link, image, video,
 * carousel and thread posts through media containers, first comment as a reply, insights,
 * mentions and replies (docs/networks/threads.md).
 */
import type { NetworkPackage } from '../package.ts';
import { createThreadsAdapter } from './adapter.ts';

export { createThreadsAdapter, THREADS_METRICS } from './adapter.ts';
export { threadsTime } from './replies.ts';
export type { ThreadsAdapterOptions } from './adapter.ts';
export { createThreadsOAuth, threadsOAuth, THREADS_SCOPES, THREADS_REFRESH_AHEAD_MS } from './oauth.ts';
export { THREADS_API_VERSION } from './api.ts';
export { countThreadsChars } from './text.ts';
export { validateThreadsPost, THREADS_CAPABILITIES, THREADS_LIMITS } from './validate.ts';

/** The Threads adapter with real fetch, real clock and default timeouts. */
export const threadsAdapter = createThreadsAdapter();

/** Threads as Plaza ships it: publishing and metrics; its mentions feed the channel-mentions source. */
export const threads: NetworkPackage = { adapter: threadsAdapter, listeningSources: [] };
