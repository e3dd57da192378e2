import type { NetworkAdapter } from './types.ts';
import { blueskyAdapter } from './bluesky/index.ts';
import { mastodonAdapter } from './mastodon/index.ts';
import { sandboxAdapter } from './sandbox/index.ts';

/** The adapters every Plaza process ships with. */
export function defaultAdapters(): NetworkAdapter[] {
  return [blueskyAdapter, mastodonAdapter, sandboxAdapter];
}
