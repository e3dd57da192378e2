/**
 * Bluesky (AT Protocol) network adapter.
 */
import type { NetworkPackage } from '../package.ts';
import { createBlueskyAdapter } from './adapter.ts';
import { BLUESKY_LISTENING_SOURCES } from './listening/index.ts';

export { createBlueskyAdapter, BLUESKY_METRICS, POST_COLLECTION, type BlueskyAdapterOptions } from './adapter.ts';
export { BlueskySessionCache, DEFAULT_SERVICE_URL, readConnection } from './session.ts';
export { classifyBlueskyError } from './errors.ts';
export { followUpRecordKey, isTid, rootRecordKey } from './record-key.ts';
export { BLUESKY_LIMITS, countGraphemes, validateBlueskyPost } from './validate.ts';

/** The default Bluesky adapter, with its own in-memory session cache. */
export const blueskyAdapter = createBlueskyAdapter();

/** Bluesky as Plaza ships it: publishing, metrics, and its firehose and Jetstream listening sources. */
export const bluesky: NetworkPackage = { adapter: blueskyAdapter, listeningSources: BLUESKY_LISTENING_SOURCES };
