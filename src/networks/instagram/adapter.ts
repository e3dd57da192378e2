/**
 * The Instagram adapter (professional accounts): Graph API content publishing, version pinned in
 * meta-graph/version.ts, on graph.instagram.com (Instagram Login) or graph.facebook.com (Facebook
 * Login), as the channel's `settings.api` says.
 *
 * Publishing is two steps: create a media container (Instagram fetches the file from its public
 * URL, `MediaInput.publicUrl`), poll its `status_code` until FINISHED, then `media_publish` it.
 *
 * Idempotency, with the container as the retry anchor and nothing stored:
 * - Creating a container publishes nothing: an unpublished container expires by itself after 24
 *   hours. So a lost answer while creating or polling one is just `transient` (a retry makes a new
 *   container) and never a duplicate.
 * - Only `media_publish` makes a post. A lost answer there is `ambiguous`. Instagram has no
 *   idempotency key, so `findPublished` looks at the account's own recent media (the `stories`
 *   edge for stories) created since the first attempt, minus clock skew, and matches the exact
 *   caption: the post this publication's container became.
 * - `publish` itself runs that lookup before creating anything, so even a retry that skipped
 *   reconciling returns the existing post instead of publishing twice.
 * Without `firstAttemptAt` the lookup covers the last 24 hours; a captionless post or a story is
 * only matched within a known attempt window (there is nothing else to tell it apart). Known
 * limit: a story has no caption, so after a lost answer the lookup takes the newest story since
 * the first attempt; two stories of one account whose answers are both lost in the same minutes
 * cannot be told apart. `publish` therefore skips its own pre-lookup for stories and captionless posts.
 */
import { createGraphClient, type GraphRequestFn } from '../meta-graph/client.ts';
import { PUBLISHING_LIMIT_WAIT_MS } from '../meta-graph/errors.ts';
import { META_HOSTS, graphUrl, type MetaHost } from '../meta-graph/version.ts';
import {
  NetworkError,
  type ChannelContext,
  type ChannelHealth,
  type MediaInput,
  type MetricsSupport,
  type MissingMetrics,
  type NetworkAdapter,
  type PostMetrics,
  type PostType,
  type PublishInput,
  type PublishResult,
  type RemoteMention,
  unhealthy,
} from '../types.ts';
import { createInstagramInbox } from './inbox.ts';
import { createInstagramFacebookLoginProvider, createInstagramLoginProvider } from './oauth.ts';
import { INSTAGRAM_CAPABILITIES, INSTAGRAM_LIMITS, instagramPostType, isVideo, validateInstagramPost } from './validate.ts';

export interface InstagramAdapterOptions {
  /** Tests only: replaces the guarded fetch. */
  fetch?: typeof fetch;
  now?: () => number;
  /** Waits between container status polls; injected so tests never sleep. */
  sleep?: (ms: number) => Promise<void>;
  requestTimeoutMs?: number;
  /** Meta suggests polling once a minute for at most five minutes; images are usually ready at once. */
  pollIntervalMs?: number;
  pollMaxAttempts?: number;
  /** How far back findPublished looks when the input carries no `firstAttemptAt`. */
  reconcileLookbackMs?: number;
}

/** Instagram media insights: reach, views, likes, comments, saved, shares. */
export const INSTAGRAM_METRICS: MetricsSupport = {
  reported: ['likes', 'replies', 'reposts', 'impressions', 'reach', 'followers'],
  missing: { quotes: 'not_provided_by_network', clicks: 'use_tracked_links' },
  extra: ['saves', 'views'],
};

const CLOCK_SKEW_MS = 5 * 60_000;
const MEDIA_PAGE_SIZE = 50;
const MENTION_MEDIA_SCANNED = 5;

interface IgChannel {
  igUserId: string;
  token: string;
  host: MetaHost;
  api: 'instagram' | 'facebook';
}

interface IgMedia {
  id: string;
  caption?: string;
  timestamp?: string;
  permalink?: string;
  media_type?: string;
}

/** Reads `{ igUserId, api }` and the token the API needs from the channel. */
export function instagramChannel(ctx: ChannelContext): IgChannel {
  const igUserId = ctx.settings.igUserId;
  const api = ctx.settings.api === 'facebook' ? 'facebook' : 'instagram';
  const token = api === 'facebook' ? (ctx.credentials.pageAccessToken ?? ctx.credentials.accessToken) : ctx.credentials.accessToken;
  if (typeof igUserId !== 'string' || !/^\d+$/.test(igUserId))
    throw new NetworkError('permanent', 'invalid_settings', 'Instagram channel needs settings.igUserId');
  if (typeof token !== 'string' || token === '') throw new NetworkError('auth', 'missing_token', 'Instagram channel has no access token');
  return { igUserId, token, api, host: api === 'facebook' ? META_HOSTS.graph : META_HOSTS.instagramGraph };
}

function publicUrlOf(item: MediaInput, index: number): string {
  if (!item.publicUrl) {
    throw new NetworkError(
      'permanent',
      'media_url_missing',
      `Instagram fetches media from a public address, and media ${index + 1} has none: set PUBLIC_URL to an address reachable from the internet.`,
    );
  }
  return item.publicUrl;
}

function insightValue(entry: { values?: Array<{ value?: unknown }>; total_value?: { value?: unknown } } | undefined): number | null {
  const raw = entry?.total_value?.value ?? entry?.values?.[entry.values.length - 1]?.value;
  return typeof raw === 'number' ? raw : null;
}

/** Creates the Instagram adapter; `instagramAdapter` (index.ts) is the default instance. */
export function createInstagramAdapter(options: InstagramAdapterOptions = {}): NetworkAdapter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pollIntervalMs = options.pollIntervalMs ?? 5_000;
  const pollMaxAttempts = options.pollMaxAttempts ?? 60;
  const lookbackMs = options.reconcileLookbackMs ?? 24 * 60 * 60_000;
  const clientFor = (ctx: ChannelContext): GraphRequestFn =>
    createGraphClient(ctx, { fetch: options.fetch, now, requestTimeoutMs: options.requestTimeoutMs, network: 'Instagram' });

  /** Refuses before anything is created when the account has used its 24-hour publishing quota. */
  async function checkPublishingLimit(request: GraphRequestFn, ig: IgChannel): Promise<void> {
    const { body } = await request<{ data?: Array<{ quota_usage?: number; config?: { quota_total?: number; quota_duration?: number } }> }>({
      method: 'GET',
      url: graphUrl(ig.host, `${ig.igUserId}/content_publishing_limit`, { fields: 'config,quota_usage' }),
      token: ig.token,
    });
    const entry = body.data?.[0];
    const total = entry?.config?.quota_total;
    if (typeof entry?.quota_usage === 'number' && typeof total === 'number' && entry.quota_usage >= total) {
      throw new NetworkError(
        'rate_limited',
        'publishing_limit',
        `Instagram: this account has published ${entry.quota_usage} of ${total} posts allowed in 24 hours`,
        {
          retryAfterMs: PUBLISHING_LIMIT_WAIT_MS,
        },
      );
    }
  }

  async function createContainer(
    request: GraphRequestFn,
    ig: IgChannel,
    form: Record<string, string | boolean | undefined>,
  ): Promise<string> {
    // A container publishes nothing: losing this answer is harmless (transient, not ambiguous).
    const { body } = await request<{ id: string }>({
      method: 'POST',
      url: graphUrl(ig.host, `${ig.igUserId}/media`),
      token: ig.token,
      form,
      ambiguousOnTimeout: false,
    });
    return body.id;
  }

  /** Polls the container until FINISHED; ERROR and EXPIRED end it. Returns 'PUBLISHED' when it already is. */
  async function waitUntilReady(request: GraphRequestFn, ig: IgChannel, containerId: string): Promise<'FINISHED' | 'PUBLISHED'> {
    for (let attempt = 0; attempt < pollMaxAttempts; attempt += 1) {
      const { body } = await request<{ status_code?: string; status?: string }>({
        method: 'GET',
        url: graphUrl(ig.host, containerId, { fields: 'status_code,status' }),
        token: ig.token,
      });
      switch (body.status_code) {
        case 'FINISHED':
        case 'PUBLISHED':
          return body.status_code;
        case 'ERROR':
          throw new NetworkError(
            'permanent',
            'container_error',
            `Instagram could not process the media: ${body.status ?? 'unknown error'}`,
            { body: { containerId } },
          );
        case 'EXPIRED':
          // Not published within 24 hours: a retry creates a fresh container.
          throw new NetworkError('transient', 'container_expired', 'Instagram’s media container expired before it was published', {
            body: { containerId },
          });
        default:
          await sleep(pollIntervalMs);
      }
    }
    throw new NetworkError('transient', 'container_not_ready', 'Instagram is still processing the media; will try again', {
      body: { containerId },
    });
  }

  async function buildContainer(request: GraphRequestFn, ig: IgChannel, input: PublishInput, postType: PostType): Promise<string> {
    const caption = input.text || undefined;
    const itemForm = (item: MediaInput, index: number, extra: Record<string, string | boolean | undefined> = {}) =>
      isVideo(item)
        ? { video_url: publicUrlOf(item, index), ...extra }
        : { image_url: publicUrlOf(item, index), alt_text: item.alt, ...extra };
    if (postType === 'image') return createContainer(request, ig, { ...itemForm(input.media[0]!, 0), caption });
    if (postType === 'story') {
      const item = input.media[0]!;
      return createContainer(request, ig, { ...itemForm(item, 0), media_type: 'STORIES' });
    }
    if (postType === 'reel') {
      const share = input.options?.network?.shareToFeed;
      return createContainer(request, ig, {
        media_type: 'REELS',
        video_url: publicUrlOf(input.media[0]!, 0),
        caption,
        share_to_feed: typeof share === 'boolean' ? share : true,
      });
    }
    if (postType === 'carousel') {
      const children: string[] = [];
      for (const [index, item] of input.media.entries()) {
        const child = await createContainer(
          request,
          ig,
          itemForm(item, index, { is_carousel_item: true, ...(isVideo(item) ? { media_type: 'VIDEO' } : {}) }),
        );
        await waitUntilReady(request, ig, child);
        children.push(child);
      }
      return createContainer(request, ig, { media_type: 'CAROUSEL', children: children.join(','), caption });
    }
    throw new NetworkError('permanent', 'post_type_unsupported', `Instagram does not publish ${postType} posts through its API`);
  }

  async function permalinkOf(request: GraphRequestFn, ig: IgChannel, mediaId: string): Promise<string | null> {
    try {
      const { body } = await request<{ permalink?: string }>({
        method: 'GET',
        url: graphUrl(ig.host, mediaId, { fields: 'permalink' }),
        token: ig.token,
      });
      return body.permalink ?? null;
    } catch {
      return null; // published already; the link is a nicety
    }
  }

  async function findPublished(ctx: ChannelContext, input: PublishInput): Promise<PublishResult | null> {
    const ig = instagramChannel(ctx);
    const request = clientFor(ctx);
    const firstAttempt = input.firstAttemptAt ? Date.parse(input.firstAttemptAt) : Number.NaN;
    const knownWindow = !Number.isNaN(firstAttempt);
    const since = knownWindow ? firstAttempt - CLOCK_SKEW_MS : now() - lookbackMs;
    const story = instagramPostType(input) === 'story';
    const caption = input.text.trim();
    if ((story || caption === '') && !knownWindow) return null;
    const { body } = await request<{ data?: IgMedia[] }>({
      method: 'GET',
      url: graphUrl(ig.host, `${ig.igUserId}/${story ? 'stories' : 'media'}`, {
        fields: 'id,caption,timestamp,permalink,media_type',
        limit: MEDIA_PAGE_SIZE,
      }),
      token: ig.token,
    });
    const match = (body.data ?? []).find((media) => {
      const created = media.timestamp ? Date.parse(media.timestamp) : Number.NaN;
      if (Number.isNaN(created) || created < since) return false;
      return story || (media.caption ?? '').trim() === caption;
    });
    return match ? { remoteId: match.id, remoteUrl: match.permalink ?? null } : null;
  }

  const adapter: NetworkAdapter = {
    name: 'instagram',
    label: { en: 'Instagram', es: 'Instagram' },
    simulated: false,
    limits: INSTAGRAM_LIMITS,
    capabilities: INSTAGRAM_CAPABILITIES,
    idempotency: 'reconcile-by-lookup',
    metrics: INSTAGRAM_METRICS,
    oauth: createInstagramLoginProvider({ fetch: options.fetch, now, requestTimeoutMs: options.requestTimeoutMs }),
    inbox: createInstagramInbox({ clientFor, instagramChannel, now }),
    oauthWays: [
      {
        id: 'facebook',
        label: { en: 'Via a Facebook Page', es: 'A través de una página de Facebook' },
        hint: {
          en: 'For accounts linked to a Facebook Page (Business Manager): sign in with Facebook, using the Facebook app.',
          es: 'Para cuentas vinculadas a una página de Facebook (Business Manager): entras con Facebook y se usa la app de Facebook.',
        },
        provider: createInstagramFacebookLoginProvider({ fetch: options.fetch, now, requestTimeoutMs: options.requestTimeoutMs }),
        appNetwork: 'facebook',
      },
    ],
    connectionFields: [
      { name: 'igUserId', secret: false, required: true, label: { en: 'Instagram account id', es: 'Id de la cuenta de Instagram' } },
      { name: 'accessToken', secret: true, required: true, label: { en: 'Access token', es: 'Token de acceso' } },
    ],

    validate: validateInstagramPost,

    async checkHealth(ctx): Promise<ChannelHealth> {
      try {
        const ig = instagramChannel(ctx);
        const { body } = await clientFor(ctx)<{ id: string; username?: string; name?: string; followers_count?: number }>({
          method: 'GET',
          url: graphUrl(ig.host, ig.igUserId, { fields: 'id,username,name,followers_count' }),
          token: ig.token,
        });
        const account: NonNullable<ChannelHealth['account']> = { id: body.id, handle: body.username ?? body.id };
        if (body.name) account.displayName = body.name;
        if (typeof body.followers_count === 'number') account.followers = body.followers_count;
        return { ok: true, account };
      } catch (error) {
        return unhealthy(error);
      }
    },

    async publish(ctx, input) {
      const ig = instagramChannel(ctx);
      const request = clientFor(ctx);
      const postType = instagramPostType(input);
      if (input.media.length === 0) throw new NetworkError('permanent', 'media_required', 'Instagram posts need an image or a video');
      for (const [index, item] of input.media.entries()) publicUrlOf(item, index);
      // The retry anchor: a post this publication already made is returned, never made twice.
      // Not for stories or captionless posts: nothing tells them apart, so posts scheduled together
      // would swallow each other. They rely on the engine's findPublished after an ambiguous outcome.
      if (postType !== 'story' && input.text.trim() !== '') {
        const existing = await findPublished(ctx, input);
        if (existing) return existing;
      }
      await checkPublishingLimit(request, ig);
      const containerId = await buildContainer(request, ig, input, postType);
      const state = await waitUntilReady(request, ig, containerId);
      if (state === 'PUBLISHED') {
        // A fresh container is never published by anyone else; if it says so, the post is ours.
        const found = await findPublished(ctx, input);
        if (!found)
          throw new NetworkError(
            'ambiguous',
            'container_published',
            'Instagram says the container is published but the post was not found yet',
          );
        return found;
      }
      // The look-ups and the container are done: the posting slot is taken now, as Instagram counts the post.
      await ctx.postingSlot?.();
      // The only call that makes a post: a lost answer here is ambiguous (client default for POST).
      const { body: published } = await request<{ id: string }>({
        method: 'POST',
        url: graphUrl(ig.host, `${ig.igUserId}/media_publish`),
        token: ig.token,
        form: { creation_id: containerId },
      });
      const mediaId = published.id;
      const result: PublishResult = { remoteId: mediaId, remoteUrl: await permalinkOf(request, ig, mediaId) };
      if (input.firstComment?.trim() && postType !== 'story') {
        try {
          const { body } = await request<{ id: string }>({
            method: 'POST',
            url: graphUrl(ig.host, `${mediaId}/comments`),
            token: ig.token,
            form: { message: input.firstComment },
          });
          result.firstCommentRemoteId = body.id;
        } catch {
          // The post is out: failing now would make the engine retry a published post.
        }
      }
      return result;
    },

    findPublished,

    async delete(ctx, remoteId) {
      const ig = instagramChannel(ctx);
      if (ig.api === 'instagram') {
        throw new NetworkError(
          'permanent',
          'delete_not_supported',
          'Instagram deletes media through the API only for accounts connected with Facebook Login; delete it in the Instagram app',
        );
      }
      try {
        await clientFor(ctx)({ method: 'DELETE', url: graphUrl(ig.host, remoteId), token: ig.token, ambiguousOnTimeout: false });
      } catch (error) {
        if (error instanceof NetworkError && error.code === 'not_found') return;
        throw error;
      }
    },

    async fetchMetrics(ctx, remoteId): Promise<PostMetrics> {
      const ig = instagramChannel(ctx);
      const request = clientFor(ctx);
      const { body: media } = await request<{ like_count?: number; comments_count?: number; media_product_type?: string }>({
        method: 'GET',
        url: graphUrl(ig.host, remoteId, { fields: 'like_count,comments_count,media_product_type' }),
        token: ig.token,
      });
      const missing: MissingMetrics = { ...INSTAGRAM_METRICS.missing };
      const values: Record<string, number | null> = { reach: null, views: null, likes: null, comments: null, saved: null, shares: null };
      try {
        const { body } = await request<{
          data?: Array<{ name: string; values?: Array<{ value?: unknown }>; total_value?: { value?: unknown } }>;
        }>({
          method: 'GET',
          url: graphUrl(ig.host, `${remoteId}/insights`, { metric: 'reach,views,likes,comments,saved,shares' }),
          token: ig.token,
        });
        for (const name of Object.keys(values)) values[name] = insightValue(body.data?.find((entry) => entry.name === name));
      } catch (error) {
        if (!(error instanceof NetworkError) || error.kind === 'transient' || error.kind === 'rate_limited') throw error;
        // Code 10 is also how Instagram says a media has too few viewers for insights (subcode 2108006).
        const subcode = (error.details.body as { subcode?: number } | undefined)?.subcode;
        const reason = error.code === 'missing_permission' && subcode !== 2108006 ? 'needs_permission' : 'not_available_for_account';
        missing.reach = reason;
        missing.impressions = reason;
        missing.reposts = reason;
      }
      const likes = values.likes ?? media.like_count ?? null;
      const replies = values.comments ?? media.comments_count ?? null;
      if (likes === null) missing.likes ??= 'not_available_for_account';
      if (replies === null) missing.replies ??= 'not_available_for_account';
      if (values.reach === null) missing.reach ??= 'not_available_for_account';
      if (values.views === null) missing.impressions ??= 'not_available_for_account';
      if (values.shares === null) missing.reposts ??= 'not_available_for_account';
      const networkMetrics: Record<string, number> = {};
      if (values.saved !== null) networkMetrics.saved = values.saved;
      if (values.views !== null) networkMetrics.views = values.views;
      return {
        likes,
        replies,
        reposts: values.shares,
        quotes: null,
        impressions: values.views,
        reach: values.reach,
        clicks: null,
        missing,
        networkMetrics,
      };
    },

    async fetchMentions(ctx, since): Promise<RemoteMention[]> {
      const ig = instagramChannel(ctx);
      const request = clientFor(ctx);
      const after = since ? Date.parse(since) : 0;
      const mentions: RemoteMention[] = [];
      // Media where the account is tagged.
      const { body: tagged } = await request<{ data?: Array<IgMedia & { username?: string }> }>({
        method: 'GET',
        url: graphUrl(ig.host, `${ig.igUserId}/tags`, { fields: 'id,caption,username,timestamp,permalink', limit: 50 }),
        token: ig.token,
      });
      for (const media of tagged.data ?? []) {
        if (!media.timestamp || Date.parse(media.timestamp) <= after) continue;
        mentions.push({
          remoteId: media.id,
          url: media.permalink ?? null,
          authorHandle: media.username ?? 'unknown',
          text: media.caption ?? '',
          createdAt: new Date(media.timestamp).toISOString(),
        });
      }
      // Comments on the account's latest media.
      const { body: own } = await request<{ data?: IgMedia[] }>({
        method: 'GET',
        url: graphUrl(ig.host, `${ig.igUserId}/media`, { fields: 'id,timestamp,permalink', limit: MENTION_MEDIA_SCANNED }),
        token: ig.token,
      });
      for (const media of own.data ?? []) {
        const { body: comments } = await request<{ data?: Array<{ id: string; text?: string; username?: string; timestamp?: string }> }>({
          method: 'GET',
          url: graphUrl(ig.host, `${media.id}/comments`, { fields: 'id,text,username,timestamp', limit: 50 }),
          token: ig.token,
        });
        for (const comment of comments.data ?? []) {
          if (!comment.timestamp || Date.parse(comment.timestamp) <= after) continue;
          mentions.push({
            remoteId: comment.id,
            url: media.permalink ?? null,
            authorHandle: comment.username ?? 'unknown',
            text: comment.text ?? '',
            createdAt: new Date(comment.timestamp).toISOString(),
            inReplyToRemoteId: media.id,
          });
        }
      }
      return mentions;
    },
  };
  return adapter;
}
