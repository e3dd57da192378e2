/**
 * TikTok: videos and photo posts through the Content Posting API (direct or as inbox drafts),
 * with the creator's own options, and video metrics from the Display API.
 */
import type { NetworkPackage } from '../package.ts';
import { createTikTokAdapter } from './adapter.ts';

export { createTikTokAdapter, TIKTOK_CAPABILITIES, TIKTOK_LIMITS, TIKTOK_METRICS, chunkPlan, validateTikTokPost } from './adapter.ts';
export { creatorSettings, PRIVACY_LEVELS } from './creator.ts';
export type { TikTokAdapterOptions } from './adapter.ts';
export { TIKTOK_API } from './api.ts';
export { createTikTokOAuthProvider, TIKTOK_SCOPES } from './oauth.ts';

export const tiktokAdapter = createTikTokAdapter();

/** TikTok as Plaza ships it (no listening source: its APIs do not read comments). */
export const tiktok: NetworkPackage = { adapter: tiktokAdapter, listeningSources: [] };
