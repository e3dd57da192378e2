/**
 * The networks Plaza ships with. Adding a network is one folder under src/networks/<name>/
 * whose index.ts exports a NetworkPackage, and one line in NETWORKS below
 * (see docs/networks/adding-a-network.md).
 */
import type { NetworkAdapter } from './types.ts';
import type { NetworkPackage } from './package.ts';
import type { ListeningSourceKind } from '../modules/listening/sources/types.ts';
import { bluesky } from './bluesky/index.ts';
import { discord } from './discord/index.ts';
import { facebook } from './facebook/index.ts';
import { googleBusiness } from './google-business/index.ts';
import { instagram } from './instagram/index.ts';
import { linkedin } from './linkedin/index.ts';
import { mastodon } from './mastodon/index.ts';
import { pinterest } from './pinterest/index.ts';
import { sandbox } from './sandbox/index.ts';
import { threads } from './threads/index.ts';
import { tiktok } from './tiktok/index.ts';
import { x } from './x/index.ts';
import { wordpress } from './wordpress/index.ts';
import { telegram } from './telegram/index.ts';
import { slack } from './slack/index.ts';
import { youtube } from './youtube/index.ts';

/** Every network this build of Plaza knows, once. */
export const NETWORKS: readonly NetworkPackage[] = [
  bluesky,
  mastodon,
  sandbox,
  facebook,
  instagram,
  linkedin,
  threads,
  x,
  wordpress,
  telegram,
  slack,
  pinterest,
  discord,
  tiktok,
  youtube,
  googleBusiness,
];

/** The adapters every Plaza process ships with. */
export function defaultAdapters(): NetworkAdapter[] {
  return NETWORKS.map((network) => network.adapter);
}

/** The listening source kinds the networks bring (generic sources are added by the listening module). */
export function networkListeningSources(): ListeningSourceKind[] {
  return NETWORKS.flatMap((network) => network.listeningSources);
}
