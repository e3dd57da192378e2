/**
 * Bluesky (AT Protocol) network adapter.
 */
import { createBlueskyAdapter } from './adapter.ts';

export { createBlueskyAdapter, BLUESKY_METRICS, POST_COLLECTION, type BlueskyAdapterOptions } from './adapter.ts';
export { BlueskySessionCache, DEFAULT_SERVICE_URL, readConnection } from './session.ts';
export { classifyBlueskyError } from './errors.ts';
export { followUpRecordKey, isTid, rootRecordKey } from './record-key.ts';
export { BLUESKY_LIMITS, countGraphemes, validateBlueskyPost } from './validate.ts';

/** The default Bluesky adapter, with its own in-memory session cache. */
export const blueskyAdapter = createBlueskyAdapter();
