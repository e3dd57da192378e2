/**
 * YouTube: videos and Shorts (Data API v3, resumable uploads), Google sign-in, statistics,
 * comment threads as mentions, the daily quota counted per project and bucket.
 */
import type { NetworkPackage } from '../package.ts';
import { createYouTubeAdapter } from './adapter.ts';

export { createYouTubeAdapter, YOUTUBE_METRICS, youtubeChannelId } from './adapter.ts';
export type { YouTubeAdapterOptions } from './adapter.ts';
export { YOUTUBE_API, YOUTUBE_SCOPES } from './api.ts';
export { createYouTubeOAuthProvider } from './oauth.ts';
export { YouTubeQuotaLedger, YOUTUBE_QUOTA_COSTS, DEFAULT_YOUTUBE_QUOTA } from './quota.ts';
export { validateYouTubePost, YOUTUBE_LIMITS, YOUTUBE_CAPABILITIES } from './validate.ts';

/** The YouTube adapter with the guarded fetch, the real clock and one quota ledger for the process. */
export const youtubeAdapter = createYouTubeAdapter();

/** YouTube as Plaza ships it (its comments reach listening through the channel-mentions source). */
export const youtube: NetworkPackage = { adapter: youtubeAdapter, listeningSources: [] };
