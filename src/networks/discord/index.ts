/**
 * Discord: messages in a server's channel through a webhook or a bot (text, images, a link
 * preview embed, threads and forum posts), with Discord's rate-limit buckets honoured.
 */
import type { NetworkPackage } from '../package.ts';
import { createDiscordAdapter } from './adapter.ts';

export { createDiscordAdapter, DISCORD_CAPABILITIES, DISCORD_LIMITS, DISCORD_METRICS, nonceFor, validateDiscordPost } from './adapter.ts';
export type { DiscordAdapterOptions } from './adapter.ts';
export { DISCORD_API, parseWebhookUrl } from './api.ts';

export const discordAdapter = createDiscordAdapter();

/** Discord as Plaza ships it (no listening source: reading a channel needs the gateway). */
export const discord: NetworkPackage = { adapter: discordAdapter, listeningSources: [] };
