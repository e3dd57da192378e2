/** Channels API shapes, derived from the generated schema (api/schema.d.ts). */
import type { ApiItem } from '../../api/types.ts';

/** One network of GET /networks, with its limits and connection fields. */
export type NetworkInfo = ApiItem<'/api/v1/networks', 'get'>;

/** A network's limits (text length, images, threads, options). */
export type NetworkLimits = NetworkInfo['limits'];

/**
 * The remote account a channel posts as. The route's schema leaves it free-form (each network says what it knows);
 * these are the parts the web app reads.
 */
export interface ChannelAccount {
  handle?: string;
  displayName?: string;
  followers?: number;
}

/** One channel of GET channels. */
export type Channel = Omit<ApiItem<'/api/v1/workspaces/{workspaceId}/channels', 'get'>, 'account'> & { account: ChannelAccount | null };
