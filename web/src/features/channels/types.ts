/** Channels API shapes, derived from the generated schema (api/schema.d.ts). */
import type { ApiItem } from '../../api/types.ts';

/** One network of GET /networks, with its limits and connection fields. */
export type NetworkInfo = ApiItem<'/api/v1/networks', 'get'>;

/** A network's limits (text length, images, threads, options). */
export type NetworkLimits = NetworkInfo['limits'];

/** One channel of GET channels. */
export type Channel = ApiItem<'/api/v1/workspaces/{workspaceId}/channels', 'get'>;

/** The parts of a channel's remote account the web app shows. */
export interface ChannelAccount {
  handle?: string;
  displayName?: string;
}

/** A channel's remote account: the route's schema leaves `account` free-form, so its fields are checked here. */
export function channelAccount(channel: Pick<Channel, 'account'>): ChannelAccount {
  const account = channel.account ?? {};
  return {
    handle: typeof account.handle === 'string' ? account.handle : undefined,
    displayName: typeof account.displayName === 'string' ? account.displayName : undefined,
  };
}

/** A network's connection guide (docs/networks/<name>.md, in English and Spanish). */
export function networkGuideUrl(network: string): string {
  return `https://github.com/plaza-social/plaza/blob/main/docs/networks/${network}.md`;
}
