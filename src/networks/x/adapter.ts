/**
 * The X adapter (API v2): posts, threads as reply chains, chunked media upload with alt text,
 * reply settings, a first comment as the account's own reply, delete, metrics, mentions.
 *
 * X takes no idempotency key. Its story is `reconcile-by-lookup`: before any retry (the engine
 * passes `firstAttemptAt`) and whenever X answers "duplicate content", Plaza reads the account's
 * own posts since the first attempt (`GET /2/users/:id/tweets`) and matches the publication's
 * text, so a lost answer never publishes twice and a thread resumes where it stopped.
 */
import { createXInbox } from './inbox.ts';
import { guardedFetch } from '../../lib/safe-fetch.ts';
import {
  NetworkError,
  type ChannelContext,
  type ChannelHealth,
  type MediaInput,
  type MetricsSupport,
  type NetworkAdapter,
  type PostMetrics,
  type PublishInput,
  type PublishResult,
  type RemoteMention,
  unhealthy,
} from '../types.ts';
import { X_UPLOAD_CHUNK_BYTES, xApiCost } from './cost.ts';
import { createXClient, isDuplicateError, type XRequestFn } from './http.ts';
import { createXOAuthProvider } from './oauth.ts';
import { linksOf, matchKey, normalizeUrl } from './text.ts';
import { X_CAPABILITIES, X_LIMITS, validateXPost } from './validate.ts';
import { mediaLength, mediaSlice } from '../media-bytes.ts';

export interface XAdapterOptions {
  /** Tests only: replaces the guarded fetch. */
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  requestTimeoutMs?: number;
  /** How far back findPublished looks when the input has no `firstAttemptAt`. */
  reconcileLookbackMs?: number;
  /** Pages of 100 own posts a reconcile reads at most. */
  reconcileMaxPages?: number;
  /** Status checks of a processing video at most. */
  mediaPollMaxAttempts?: number;
  /** Tries of one APPEND segment (the upload resumes at the segment that failed). */
  appendAttempts?: number;
}

/** X reports likes, replies, reposts, quotes and views; link clicks only to the author within 30 days; no reach. */
export const X_METRICS: MetricsSupport = {
  reported: ['likes', 'replies', 'reposts', 'quotes', 'impressions', 'clicks', 'followers'],
  missing: { reach: 'not_provided_by_network' },
};

interface XPost {
  id: string;
  text?: string;
  created_at?: string;
  conversation_id?: string;
  author_id?: string;
  referenced_posts?: Array<{ type: string; id: string }>;
  entities?: { urls?: Array<{ url?: string | null; expanded_url?: string | null; media_key?: string | null }> | null };
  public_metrics?: { like_count: number; reply_count: number; repost_count: number; quote_count: number; impression_count: number };
  non_public_metrics?: { impression_count?: number; url_link_clicks?: number };
}

interface XUser {
  id: string;
  username: string;
  name?: string;
  public_metrics?: { followers_count: number };
}

interface XList<T> {
  data?: T[];
  includes?: { users?: XUser[] };
  meta?: { next_token?: string; result_count?: number };
  errors?: unknown[];
}

const CLOCK_SKEW_MS = 5 * 60_000;
/** A publish call this soon after `firstAttemptAt` is the first attempt itself. */
const FIRST_ATTEMPT_WINDOW_MS = 2_000;
const MENTION_MAX_PAGES = 5;
const MEDIA_CATEGORY: Record<string, string> = { 'image/gif': 'tweet_gif' };

/** X's address of a post (works without the handle). */
export function xPostUrl(id: string): string {
  return `https://x.com/i/web/status/${id}`;
}

/** X wants RFC 3339 times to the second. */
function xTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function replySettingsOf(input: PublishInput): string | undefined {
  const value = input.options?.network?.replySettings;
  return typeof value === 'string' && value !== 'everyone' ? value : undefined;
}

function isVideo(media: MediaInput): boolean {
  return media.kind === 'video' || media.mimeType.startsWith('video/');
}

/**
 * Whether a post X gave back is the text Plaza sent: the words (links and X's escaping aside)
 * and, when X says which links it shortened (`entities.urls`), the same links in the same order,
 * so "New article: <link A>" is never taken for "New article: <link B>".
 */
export function sameText(post: XPost, text: string): boolean {
  if (matchKey(post.text ?? '') !== matchKey(text)) return false;
  const entities = post.entities?.urls;
  if (!entities) return true;
  const links = entities
    .filter((entity) => !entity.media_key && entity.expanded_url)
    .map((entity) => normalizeUrl(entity.expanded_url as string));
  const sent = linksOf(text);
  return links.length === sent.length && links.every((link, i) => link === sent[i]);
}

/** Creates an X adapter; `xAdapter` is the default instance. */
export function createXAdapter(options: XAdapterOptions = {}): NetworkAdapter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const reconcileLookbackMs = options.reconcileLookbackMs ?? 24 * 60 * 60_000;
  const reconcileMaxPages = options.reconcileMaxPages ?? 5;
  const mediaPollMaxAttempts = options.mediaPollMaxAttempts ?? 60;
  const appendAttempts = options.appendAttempts ?? 3;

  const clientFor = (ctx: ChannelContext): XRequestFn =>
    createXClient(ctx, { fetch: options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true), now, requestTimeoutMs });

  async function me(request: XRequestFn): Promise<XUser> {
    const { body } = await request<{ data?: XUser }>({
      method: 'GET',
      path: '/users/me',
      query: [['user.fields', 'name,username,public_metrics']],
    });
    if (!body?.data || typeof body.data.id !== 'string' || typeof body.data.username !== 'string') {
      throw new NetworkError('permanent', 'unexpected_response', 'Unexpected answer to GET /2/users/me');
    }
    return body.data;
  }

  /** The account's id: from the channel (set when it was connected), else asked once. */
  async function ownUserId(ctx: ChannelContext, request: XRequestFn): Promise<string> {
    for (const value of [ctx.settings.userId, ctx.credentials.userId]) {
      if (typeof value === 'string' && /^\d{1,19}$/.test(value)) return value;
    }
    return (await me(request)).id;
  }

  /** initialize → append (each segment retried where it failed) → finalize → status while processing → alt text. */
  async function uploadMedia(request: XRequestFn, media: MediaInput): Promise<string> {
    const category = isVideo(media) ? 'tweet_video' : (MEDIA_CATEGORY[media.mimeType] ?? 'tweet_image');
    const init = await request<{ data?: { id?: string } }>({
      method: 'POST',
      path: '/media/upload/initialize',
      json: { media_type: media.mimeType, total_bytes: mediaLength(media), media_category: category },
    });
    const mediaId = init.body?.data?.id;
    if (typeof mediaId !== 'string') throw new NetworkError('permanent', 'unexpected_response', 'X answered the upload without a media id');
    const segments = Math.max(1, Math.ceil(mediaLength(media) / X_UPLOAD_CHUNK_BYTES));
    for (let index = 0; index < segments; index += 1) {
      const chunk = (await mediaSlice(media, index * X_UPLOAD_CHUNK_BYTES, (index + 1) * X_UPLOAD_CHUNK_BYTES)) as Uint8Array<ArrayBuffer>;
      for (let attempt = 1; ; attempt += 1) {
        const form = new FormData();
        form.append('segment_index', String(index));
        form.append('media', new Blob([chunk], { type: 'application/octet-stream' }), `${media.mediaId}.bin`);
        try {
          await request({ method: 'POST', path: `/media/upload/${mediaId}/append`, form });
          break;
        } catch (error) {
          // An APPEND is safe to send again (same segment index, same session): resume there.
          const retriable = error instanceof NetworkError && (error.kind === 'transient' || error.kind === 'ambiguous');
          if (!retriable || attempt >= appendAttempts) throw error;
          await sleep(500 * attempt);
        }
      }
    }
    type Processing = { data?: { processing_info?: { state?: string; check_after_secs?: number } } };
    let state = (await request<Processing>({ method: 'POST', path: `/media/upload/${mediaId}/finalize` })).body?.data?.processing_info;
    for (let polls = 0; state && state.state !== 'succeeded'; polls += 1) {
      if (state.state === 'failed')
        throw new NetworkError('permanent', 'media_processing_failed', `X could not process media ${media.mediaId}`);
      if (polls >= mediaPollMaxAttempts) {
        throw new NetworkError('transient', 'media_processing_timeout', `X was still processing media ${media.mediaId}`);
      }
      await sleep(Math.max(1, state.check_after_secs ?? 1) * 1000);
      state = (
        await request<Processing>({
          method: 'GET',
          path: '/media/upload',
          query: [
            ['media_id', mediaId],
            ['command', 'STATUS'],
          ],
        })
      ).body?.data?.processing_info;
    }
    if (media.alt) {
      await request({ method: 'POST', path: '/media/metadata', json: { id: mediaId, metadata: { alt_text: { text: media.alt } } } });
    }
    return mediaId;
  }

  async function createPost(
    request: XRequestFn,
    part: { text: string; media: MediaInput[] },
    replyTo: string | undefined,
    replySettings: string | undefined,
    postingSlot: (() => Promise<void>) | undefined,
  ): Promise<string> {
    const mediaIds: string[] = [];
    for (const media of part.media) mediaIds.push(await uploadMedia(request, media));
    // The look-ups and uploads are done: the posting slot is taken now, as X counts the post.
    await postingSlot?.();
    const body: Record<string, unknown> = { text: part.text };
    if (mediaIds.length > 0) body.media = { media_ids: mediaIds };
    if (replyTo) body.reply = { in_reply_to_tweet_id: replyTo };
    if (replySettings) body.reply_settings = replySettings;
    const { body: answer } = await request<{ data?: { id?: string } }>({ method: 'POST', path: '/tweets', json: body });
    const id = answer?.data?.id;
    if (typeof id !== 'string') throw new NetworkError('permanent', 'unexpected_response', 'X answered the post without its id');
    return id;
  }

  /** The account's own posts since `sinceMs`, newest first (bounded pages). */
  async function ownPostsSince(request: XRequestFn, userId: string, sinceMs: number): Promise<XPost[]> {
    const posts: XPost[] = [];
    let token: string | undefined;
    for (let page = 0; page < reconcileMaxPages; page += 1) {
      const query: Array<[string, string]> = [
        ['max_results', '100'],
        ['start_time', xTime(sinceMs)],
        ['post.fields', 'created_at,conversation_id,text,entities'],
      ];
      if (token) query.push(['pagination_token', token]);
      const { body } = await request<XList<XPost>>({ method: 'GET', path: `/users/${userId}/tweets`, query });
      posts.push(...(body?.data ?? []));
      token = body?.meta?.next_token;
      if (!token) break;
    }
    return posts;
  }

  /**
   * What of this publication is already on X: the root, then each thread part and the first
   * comment in its conversation, matched by text (links and X's escaping aside). `parts` holds
   * the prefix found; `complete` says whether nothing is missing.
   */
  async function lookup(
    request: XRequestFn,
    userId: string,
    input: PublishInput,
  ): Promise<{ ids: string[]; firstCommentId?: string; complete: boolean } | null> {
    const since = input.firstAttemptAt ? Date.parse(input.firstAttemptAt) - CLOCK_SKEW_MS : now() - reconcileLookbackMs;
    const posts = (await ownPostsSince(request, userId, Number.isNaN(since) ? now() - reconcileLookbackMs : since)).slice().reverse();
    const root = posts.find((post) => (post.conversation_id ?? post.id) === post.id && sameText(post, input.text));
    if (!root) return null;
    const inConversation = posts.filter((post) => post.conversation_id === root.id && post.id !== root.id);
    const used = new Set<string>([root.id]);
    const ids = [root.id];
    for (const part of input.thread ?? []) {
      const found = inConversation.find((post) => !used.has(post.id) && sameText(post, part.text));
      if (!found) break;
      used.add(found.id);
      ids.push(found.id);
    }
    let firstCommentId: string | undefined;
    if (input.firstComment !== undefined) {
      const comment = input.firstComment;
      firstCommentId = inConversation.find((post) => !used.has(post.id) && sameText(post, comment))?.id;
    }
    const complete = ids.length === 1 + (input.thread?.length ?? 0) && (input.firstComment === undefined || firstCommentId !== undefined);
    return { ids, firstCommentId, complete };
  }

  function resultOf(ids: string[], firstCommentId?: string): PublishResult {
    const result: PublishResult = { remoteId: ids[0], remoteUrl: xPostUrl(ids[0]) };
    if (ids.length > 1) result.threadRemoteIds = ids.slice(1);
    if (firstCommentId) result.firstCommentRemoteId = firstCommentId;
    return result;
  }

  async function publish(ctx: ChannelContext, input: PublishInput): Promise<PublishResult> {
    const request = clientFor(ctx);
    const userId = await ownUserId(ctx, request);
    const replySettings = replySettingsOf(input);
    const parts = [{ text: input.text, media: input.media }, ...(input.thread ?? [])];
    let ids: string[] = [];
    let firstCommentId: string | undefined;

    // A retry (the first attempt began earlier): read what it left on X before sending anything.
    // A first attempt skips the look-up, which X bills; "duplicate content" still reconciles.
    const firstAttempt = input.firstAttemptAt ? Date.parse(input.firstAttemptAt) : Number.NaN;
    if (input.retry || (!Number.isNaN(firstAttempt) && (ctx.now ?? now)() - firstAttempt > FIRST_ATTEMPT_WINDOW_MS)) {
      const found = await lookup(request, userId, input);
      if (found?.complete) return resultOf(found.ids, found.firstCommentId);
      if (found) ({ ids, firstCommentId } = found);
    }

    /** Sends one part; "duplicate content" means an earlier attempt got there: take the post found. */
    const send = async (index: number, part: { text: string; media: MediaInput[] }, replyTo: string | undefined, isComment: boolean) => {
      try {
        return await createPost(request, part, replyTo, replySettings, ctx.postingSlot);
      } catch (error) {
        if (!isDuplicateError(error)) throw error;
        const found = await lookup(request, userId, input);
        const id = isComment ? found?.firstCommentId : found?.ids[index];
        if (id) return id;
        throw new NetworkError(
          'permanent',
          'duplicate_content',
          'X refused the post as a duplicate of one it has, and no matching post was found',
          {
            status: 403,
          },
        );
      }
    };

    for (let index = ids.length; index < parts.length; index += 1) {
      ids.push(await send(index, parts[index], index === 0 ? undefined : ids[index - 1], false));
    }
    if (input.firstComment !== undefined && input.firstComment.trim() !== '' && !firstCommentId) {
      firstCommentId = await send(0, { text: input.firstComment, media: [] }, ids[0], true);
    }
    return resultOf(ids, firstCommentId);
  }

  async function findPublished(ctx: ChannelContext, input: PublishInput): Promise<PublishResult | null> {
    const request = clientFor(ctx);
    const found = await lookup(request, await ownUserId(ctx, request), input);
    // Part of a thread (or no first comment yet): not published; `publish` resumes where it stopped.
    return found?.complete ? resultOf(found.ids, found.firstCommentId) : null;
  }

  async function remove(ctx: ChannelContext, remoteId: string): Promise<void> {
    if (!/^\d{1,19}$/.test(remoteId)) throw new NetworkError('permanent', 'invalid_id', 'Not an X post id');
    try {
      await clientFor(ctx)({ method: 'DELETE', path: `/tweets/${remoteId}` });
    } catch (error) {
      // Already gone: deleting is done.
      if (error instanceof NetworkError && error.code === 'not_found') return;
      throw error;
    }
  }

  async function fetchMetrics(ctx: ChannelContext, remoteId: string): Promise<PostMetrics> {
    if (!/^\d{1,19}$/.test(remoteId)) throw new NetworkError('permanent', 'invalid_id', 'Not an X post id');
    const request = clientFor(ctx);
    const read = (fields: string) =>
      request<{ data?: XPost; errors?: Array<{ type?: string }> }>({
        method: 'GET',
        path: `/tweets/${remoteId}`,
        query: [['post.fields', fields]],
      });
    // Non-public metrics (link clicks) only for the author's own posts of the last 30 days.
    let { body } = await read('public_metrics,non_public_metrics');
    if (!body?.data) ({ body } = await read('public_metrics'));
    const post = body?.data;
    if (!post?.public_metrics) {
      const gone = (body?.errors ?? []).some((e) => /resource-not-found/.test(String(e?.type)));
      throw new NetworkError(
        'permanent',
        gone ? 'not_found' : 'unexpected_response',
        gone ? 'The post is no longer on X' : 'X answered without metrics',
      );
    }
    const pm = post.public_metrics;
    const metrics: PostMetrics = {
      likes: pm.like_count,
      replies: pm.reply_count,
      reposts: pm.repost_count,
      quotes: pm.quote_count,
      impressions: post.non_public_metrics?.impression_count ?? pm.impression_count ?? null,
      reach: null,
      clicks: post.non_public_metrics?.url_link_clicks ?? null,
      missing: { reach: 'not_provided_by_network' },
    };
    if (metrics.impressions === null) metrics.missing.impressions = 'needs_permission';
    if (metrics.clicks === null) metrics.missing.clicks = 'needs_permission';
    return metrics;
  }

  async function fetchMentions(ctx: ChannelContext, since?: string): Promise<RemoteMention[]> {
    const request = clientFor(ctx);
    const userId = await ownUserId(ctx, request);
    const mentions: RemoteMention[] = [];
    let token: string | undefined;
    const sinceMs = since ? Date.parse(since) : Number.NaN;
    for (let page = 0; page < MENTION_MAX_PAGES; page += 1) {
      const query: Array<[string, string]> = [
        ['max_results', '100'],
        ['post.fields', 'created_at,conversation_id,text'],
        ['expansions', 'author_id,referenced_posts'],
        ['user.fields', 'name,username'],
      ];
      if (!Number.isNaN(sinceMs)) query.push(['start_time', xTime(sinceMs)]);
      if (token) query.push(['pagination_token', token]);
      const { body } = await request<XList<XPost>>({ method: 'GET', path: `/users/${userId}/mentions`, query });
      const users = new Map((body?.includes?.users ?? []).map((user) => [user.id, user]));
      for (const post of body?.data ?? []) {
        const author = post.author_id ? users.get(post.author_id) : undefined;
        const mention: RemoteMention = {
          remoteId: post.id,
          url: xPostUrl(post.id),
          authorHandle: author?.username ?? post.author_id ?? 'unknown',
          text: (post.text ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
          createdAt: post.created_at ?? new Date(now()).toISOString(),
        };
        if (author?.name) mention.authorName = author.name;
        const replied = post.referenced_posts?.find((ref) => ref.type === 'replied_to');
        if (replied) mention.inReplyToRemoteId = replied.id;
        mentions.push(mention);
      }
      token = body?.meta?.next_token;
      if (!token) break;
    }
    return mentions;
  }

  async function checkHealth(ctx: ChannelContext): Promise<ChannelHealth> {
    try {
      const user = await me(clientFor(ctx));
      const account: NonNullable<ChannelHealth['account']> = { id: user.id, handle: user.username };
      if (user.name) account.displayName = user.name;
      if (user.public_metrics) account.followers = user.public_metrics.followers_count;
      return { ok: true, account };
    } catch (error) {
      return unhealthy(error);
    }
  }

  return {
    name: 'x',
    label: { en: 'X', es: 'X' },
    simulated: false,
    limits: X_LIMITS,
    idempotency: 'reconcile-by-lookup',
    connectionFields: [
      { name: 'accessToken', secret: true, required: true, label: { en: 'Access token', es: 'Token de acceso' } },
      { name: 'refreshToken', secret: true, required: false, label: { en: 'Refresh token', es: 'Token de renovación' } },
      { name: 'userId', secret: false, required: false, label: { en: 'Account id', es: 'Id de la cuenta' } },
      { name: 'username', secret: false, required: false, label: { en: 'Username', es: 'Nombre de usuario' } },
    ],
    metrics: X_METRICS,
    capabilities: X_CAPABILITIES,
    oauth: createXOAuthProvider({ fetch: options.fetch, now }),
    // X bills per request (pay-per-use): the composer shows this, and each published post records it.
    estimateApiCost: xApiCost,
    validate: validateXPost,
    checkHealth,
    publish,
    findPublished,
    delete: remove,
    fetchMetrics,
    fetchMentions,
    inbox: createXInbox({ clientFor, ownUserId, sameText, postUrl: xPostUrl, now }),
  };
}
