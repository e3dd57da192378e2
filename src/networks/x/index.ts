/**
 * X network adapter (API v2): posts, threads, media, reply settings, metrics and mentions, with
 * sign-in by OAuth 2.0 (PKCE) and the API's cost per publication.
 */
import type { NetworkPackage } from '../package.ts';
import { createXAdapter } from './adapter.ts';

export { createXAdapter, X_METRICS, xPostUrl } from './adapter.ts';
export type { XAdapterOptions } from './adapter.ts';
export { estimateXApiCost, X_API_PRICES } from './cost.ts';
export type { XApiCostEstimate } from './cost.ts';
export { createXOAuthProvider, xOAuthProvider, X_SCOPES } from './oauth.ts';
export { countXChars, X_MAX_WEIGHTED_LENGTH } from './text.ts';
export { validateXPost, X_CAPABILITIES, X_LIMITS } from './validate.ts';

/** The X adapter with real fetch, real clock and default timeouts. */
export const xAdapter = createXAdapter();

/** X as Plaza ships it (its mentions come through the adapter's fetchMentions). */
export const x: NetworkPackage = { adapter: xAdapter, listeningSources: [] };
