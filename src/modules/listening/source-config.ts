/**
 * What each kind of listening source holds in its config, and the rules a config meets before it
 * is stored (the same on create and on edit): its shape, the target keys whose change resets the
 * cursor, URLs that may not point inside the network, and secrets stored sealed.
 */
import net from 'node:net';
import { z } from 'zod';
import { assertFetchableUrl, isPrivateAddress, UnsafeUrlError } from '../../lib/safe-fetch.ts';

export const SOURCE_KINDS = ['bluesky_firehose', 'bluesky_jetstream', 'rss', 'mastodon', 'channel_mentions'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** What each kind of source holds in its config (the same rules on create and on edit). */
export const SOURCE_CONFIGS = {
  bluesky_firehose: z.object({ serviceUrl: z.string().url().max(500) }),
  bluesky_jetstream: z.object({ url: z.string().url().max(500) }),
  rss: z.object({ url: z.string().url().max(2000), intervalMinutes: z.number().int().min(5).max(1440).optional() }),
  mastodon: z.object({
    instanceUrl: z.string().url().max(500),
    mode: z.enum(['stream', 'search']),
    timeline: z.enum(['public', 'local', 'hashtag']).optional(),
    hashtag: z.string().max(100).optional(),
    q: z.string().max(500).optional(),
    accessToken: z.string().max(500).optional(),
    intervalMinutes: z.number().int().min(1).max(1440).optional(),
  }),
  channel_mentions: z.object({ channelId: z.string().uuid(), intervalMinutes: z.number().int().min(1).max(1440).optional() }),
} satisfies Record<SourceKind, z.ZodObject>;

/**
 * Config keys that pick the stream a source reads. Changing one makes the stored cursor
 * meaningless (a cursor is a position in one stream), so it is reset; polling intervals are not.
 */
export const SOURCE_TARGET_KEYS: Record<SourceKind, readonly string[]> = {
  bluesky_firehose: ['serviceUrl'],
  bluesky_jetstream: ['url'],
  rss: ['url'],
  mastodon: ['instanceUrl', 'mode', 'timeline', 'hashtag', 'q'],
  channel_mentions: ['channelId'],
};

/** The config field holding the URL a source connects to, by kind (none for a channel's mentions). */
export const SOURCE_URL_FIELDS: Record<SourceKind, string | null> = {
  rss: 'url',
  mastodon: 'instanceUrl',
  bluesky_firehose: 'serviceUrl',
  bluesky_jetstream: 'url',
  channel_mentions: null,
};

/** True when `kind` is one of the kinds a user may create or configure. */
export function isSourceKind(kind: string): kind is SourceKind {
  return kind in SOURCE_CONFIGS;
}

/** Secrets in a source's config (a Mastodon access token) are stored sealed, never in clear. */
export function sealSourceSecrets(
  ctx: { secrets: { seal(value: unknown): string } },
  config: Record<string, unknown>,
): Record<string, unknown> {
  const { accessToken, ...rest } = config;
  return typeof accessToken === 'string' && accessToken ? { ...rest, accessTokenSealed: ctx.secrets.seal(accessToken) } : rest;
}

/**
 * Why a source URL is refused when saved, or null: http(s) only (ws(s) too for streams), no
 * credentials, and no loopback or private address unless PLAZA_ALLOW_PRIVATE_URLS. Host names
 * are resolved when the source connects (safeFetch, assertPublicStreamUrl), which also stops DNS rebinding.
 */
export function sourceUrlProblem(raw: string, stream: boolean, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = assertFetchableUrl(stream ? raw.replace(/^ws(s?):/i, 'http$1:') : raw);
  } catch (error) {
    return error instanceof UnsafeUrlError ? error.message : 'Not a valid URL';
  }
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is a loopback address`;
  if (net.isIP(host) && isPrivateAddress(host)) return `${host} is a private address`;
  return null;
}
