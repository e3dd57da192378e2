/**
 * The Facebook Pages adapter: Graph API (version pinned in meta-graph/version.ts), plain fetch.
 *
 * Publishes text, link, photo, multi-photo (unpublished photos attached to one feed post), video
 * (resumable upload session: start, transfer chunk by chunk from the offsets Facebook answers,
 * finish) and reels (video_reels start, rupload with an offset, finish), with a first comment.
 *
 * Idempotency: Facebook takes no idempotency key, so this adapter reconciles by lookup. After an
 * ambiguous outcome the engine calls `findPublished`, which reads the Page's own recent posts
 * (`/{page}/posts` since the first attempt, minus clock skew) and matches the exact message. And
 * when Facebook refuses a post as a duplicate (code 506, the same status twice), `publish` looks the
 * earlier one up the same way and returns it instead of failing, so a blind retry never
 * publishes twice and never fails for having succeeded before.
 */
import { createGraphClient, type GraphRequestFn } from '../meta-graph/client.ts';
import { GRAPH_API_VERSION, META_HOSTS, graphUrl } from '../meta-graph/version.ts';
import {
  NetworkError,
  type ChannelContext,
  type PostingSlot,
  type ChannelHealth,
  type MediaInput,
  type MetricsSupport,
  type MissingMetrics,
  type NetworkAdapter,
  type PostMetrics,
  type PublishInput,
  type PublishResult,
  type RemoteMention,
  unhealthy,
} from '../types.ts';
import { createFacebookInbox } from './inbox.ts';
import { createFacebookOAuthProvider } from './oauth.ts';
import { FACEBOOK_CAPABILITIES, FACEBOOK_LIMITS, facebookPostType, firstLink, validateFacebookPost } from './validate.ts';
import { mediaLength, mediaSlice } from '../media-bytes.ts';

export interface FacebookAdapterOptions {
  /** Tests only: replaces the guarded fetch. */
  fetch?: typeof fetch;
  now?: () => number;
  /** Waits between upload retries; injected so tests never sleep. */
  sleep?: (ms: number) => Promise<void>;
  requestTimeoutMs?: number;
  /** Tries of one video chunk that failed in transit before giving up. */
  chunkRetries?: number;
  /** How far back findPublished looks when the input carries no `firstAttemptAt`. */
  reconcileLookbackMs?: number;
}

/**
 * Facebook's 2025 insights: views (`post_media_view`) replace impressions and viewers
 * (`post_total_media_view_unique`) replace reach; reactions, comments and shares from the post.
 */
export const FACEBOOK_METRICS: MetricsSupport = {
  reported: ['likes', 'replies', 'reposts', 'impressions', 'reach', 'followers'],
  missing: { quotes: 'not_provided_by_network', clicks: 'use_tracked_links' },
  extra: ['views'],
};

const CLOCK_SKEW_MS = 5 * 60_000;
const POSTS_PAGE_SIZE = 100;
const RECONCILE_MAX_PAGES = 3;

interface Paged<T> {
  data?: T[];
  paging?: { next?: string; cursors?: { after?: string } };
}

interface PagePost {
  id: string;
  message?: string;
  created_time?: string;
  permalink_url?: string;
}

interface PageChannel {
  pageId: string;
  token: string;
}

/** Reads `{ pageId }` and the Page token (`pageAccessToken`, else `accessToken`) from the channel. */
export function pageChannel(ctx: ChannelContext): PageChannel {
  const pageId = ctx.settings.pageId;
  const token = ctx.credentials.pageAccessToken ?? ctx.credentials.accessToken;
  if (typeof pageId !== 'string' || !/^\d+$/.test(pageId))
    throw new NetworkError('permanent', 'invalid_settings', 'Facebook channel needs settings.pageId');
  if (typeof token !== 'string' || token === '')
    throw new NetworkError('auth', 'missing_token', 'Facebook channel has no Page access token');
  return { pageId, token };
}

const postUrl = (id: string) => `https://www.facebook.com/${id}`;
const fileName = (item: MediaInput, index: number) => `${item.mediaId || `file${index}`}.${item.mimeType.split('/')[1] ?? 'bin'}`;
const blobOf = (bytes: Uint8Array, type: string) => new Blob([bytes as Uint8Array<ArrayBuffer>], { type });

/** Offsets a resumable upload's server answers with an offset error (`error_data`), if any. */
function offsetsFromError(error: unknown): { start: number; end: number } | undefined {
  if (!(error instanceof NetworkError)) return undefined;
  const data = (error.details.body as { error_data?: { start_offset?: unknown; end_offset?: unknown } } | undefined)?.error_data;
  const start = Number(data?.start_offset);
  const end = Number(data?.end_offset);
  return Number.isFinite(start) && Number.isFinite(end) && data?.start_offset !== undefined ? { start, end } : undefined;
}

const inTransit = (error: unknown) => error instanceof NetworkError && (error.kind === 'transient' || error.kind === 'ambiguous');

function insightValue(entry: { values?: Array<{ value?: unknown }>; total_value?: { value?: unknown } } | undefined): number | null {
  const raw = entry?.total_value?.value ?? entry?.values?.[entry.values.length - 1]?.value;
  return typeof raw === 'number' ? raw : null;
}

/** Creates the Facebook Pages adapter; `facebookAdapter` (index.ts) is the default instance. */
export function createFacebookAdapter(options: FacebookAdapterOptions = {}): NetworkAdapter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const chunkRetries = options.chunkRetries ?? 5;
  const lookbackMs = options.reconcileLookbackMs ?? 24 * 60 * 60_000;
  const clientFor = (ctx: ChannelContext): GraphRequestFn =>
    createGraphClient(ctx, { fetch: options.fetch, now, requestTimeoutMs: options.requestTimeoutMs, network: 'Facebook' });

  async function publishFeed(request: GraphRequestFn, page: PageChannel, input: PublishInput, link: boolean): Promise<PublishResult> {
    const { body } = await request<{ id: string }>({
      method: 'POST',
      url: graphUrl(META_HOSTS.graph, `${page.pageId}/feed`),
      token: page.token,
      form: { message: input.text, link: link ? firstLink(input.text) : undefined },
    });
    return { remoteId: body.id, remoteUrl: postUrl(body.id) };
  }

  function photoForm(item: MediaInput, index: number, published: boolean, caption?: string): FormData {
    const form = new FormData();
    form.set('source', blobOf(item.bytes, item.mimeType), fileName(item, index));
    form.set('published', String(published));
    if (caption) form.set('message', caption);
    if (item.alt) form.set('alt_text_custom', item.alt);
    return form;
  }

  async function publishPhoto(request: GraphRequestFn, page: PageChannel, input: PublishInput): Promise<PublishResult> {
    const { body } = await request<{ id: string; post_id?: string }>({
      method: 'POST',
      url: graphUrl(META_HOSTS.graph, `${page.pageId}/photos`),
      token: page.token,
      multipart: photoForm(input.media[0]!, 0, true, input.text),
    });
    const id = body.post_id ?? body.id;
    return { remoteId: id, remoteUrl: postUrl(id) };
  }

  async function publishMultiPhoto(
    request: GraphRequestFn,
    page: PageChannel,
    input: PublishInput,
    postingSlot: PostingSlot,
  ): Promise<PublishResult> {
    const photoIds: string[] = [];
    for (const [index, item] of input.media.entries()) {
      // An unpublished photo shows nowhere: losing its answer is harmless, so it is not ambiguous.
      const { body } = await request<{ id: string }>({
        method: 'POST',
        url: graphUrl(META_HOSTS.graph, `${page.pageId}/photos`),
        token: page.token,
        multipart: photoForm(item, index, false),
        ambiguousOnTimeout: false,
      });
      photoIds.push(body.id);
    }
    const form: Record<string, string> = { message: input.text };
    photoIds.forEach((id, index) => {
      form[`attached_media[${index}]`] = JSON.stringify({ media_fbid: id });
    });
    await postingSlot();
    const { body } = await request<{ id: string }>({
      method: 'POST',
      url: graphUrl(META_HOSTS.graph, `${page.pageId}/feed`),
      token: page.token,
      form,
    });
    return { remoteId: body.id, remoteUrl: postUrl(body.id) };
  }

  /** The post a published video or reel became (`post_id` of the video node). */
  async function videoPost(request: GraphRequestFn, page: PageChannel, videoId: string): Promise<PublishResult> {
    try {
      const { body } = await request<{ post_id?: string; permalink_url?: string }>({
        method: 'GET',
        url: graphUrl(META_HOSTS.graph, videoId, { fields: 'post_id,permalink_url' }),
        token: page.token,
      });
      const id = body.post_id ?? videoId;
      return {
        remoteId: id,
        remoteUrl: body.permalink_url ? new URL(body.permalink_url, 'https://www.facebook.com').toString() : postUrl(id),
      };
    } catch {
      // Published already: the video id is a usable remote id even when the read fails.
      return { remoteId: videoId, remoteUrl: postUrl(videoId) };
    }
  }

  async function publishVideo(
    request: GraphRequestFn,
    page: PageChannel,
    input: PublishInput,
    postingSlot: PostingSlot,
  ): Promise<PublishResult> {
    const video = input.media[0]!;
    const url = graphUrl(META_HOSTS.graphVideo, `${page.pageId}/videos`);
    const { body: session } = await request<{ upload_session_id: string; video_id: string; start_offset: string; end_offset: string }>({
      method: 'POST',
      url,
      token: page.token,
      form: { upload_phase: 'start', file_size: mediaLength(video) },
      ambiguousOnTimeout: false,
    });
    let start = Number(session.start_offset);
    let end = Number(session.end_offset);
    let failures = 0;
    while (start < end) {
      const form = new FormData();
      form.set('upload_phase', 'transfer');
      form.set('upload_session_id', session.upload_session_id);
      form.set('start_offset', String(start));
      form.set('video_file_chunk', blobOf(await mediaSlice(video, start, end), video.mimeType), 'chunk');
      try {
        const { body } = await request<{ start_offset: string; end_offset: string }>({
          method: 'POST',
          url,
          token: page.token,
          multipart: form,
          ambiguousOnTimeout: false,
        });
        start = Number(body.start_offset);
        end = Number(body.end_offset);
        failures = 0;
      } catch (error) {
        // The chunk may have arrived (answer lost) or not: Facebook says where it stands.
        const offsets = offsetsFromError(error);
        if (offsets) {
          start = offsets.start;
          end = offsets.end;
          continue;
        }
        if (!inTransit(error) || failures >= chunkRetries) throw error;
        failures += 1;
        await sleep(Math.min(30_000, 500 * 2 ** failures));
      }
    }
    await postingSlot();
    await request({
      method: 'POST',
      url,
      token: page.token,
      form: { upload_phase: 'finish', upload_session_id: session.upload_session_id, description: input.text, title: input.title },
    });
    return videoPost(request, page, session.video_id);
  }

  async function publishReel(
    request: GraphRequestFn,
    page: PageChannel,
    input: PublishInput,
    postingSlot: PostingSlot,
  ): Promise<PublishResult> {
    const video = input.media[0]!;
    const reelsUrl = graphUrl(META_HOSTS.graph, `${page.pageId}/video_reels`);
    const { body: started } = await request<{ video_id: string; upload_url?: string }>({
      method: 'POST',
      url: reelsUrl,
      token: page.token,
      form: { upload_phase: 'start' },
      ambiguousOnTimeout: false,
    });
    const uploadUrl = `https://${META_HOSTS.rupload}/video-upload/${GRAPH_API_VERSION}/${started.video_id}`;
    const total = mediaLength(video);
    let offset = 0;
    let failures = 0;
    for (;;) {
      try {
        await request({
          method: 'POST',
          url: uploadUrl,
          token: page.token,
          tokenScheme: 'OAuth',
          binary: {
            bytes: await mediaSlice(video, offset, total),
            headers: { offset: String(offset), file_size: String(total), 'Content-Type': 'application/octet-stream' },
          },
          ambiguousOnTimeout: false,
        });
        break;
      } catch (error) {
        if (!inTransit(error) || failures >= chunkRetries) throw error;
        failures += 1;
        await sleep(Math.min(30_000, 500 * 2 ** failures));
        // Resume where Facebook's upload stands.
        const { body } = await request<{ status?: { uploading_phase?: { status?: string; bytes_transferred?: number } } }>({
          method: 'GET',
          url: graphUrl(META_HOSTS.graph, started.video_id, { fields: 'status' }),
          token: page.token,
        });
        const phase = body.status?.uploading_phase;
        if (phase?.status === 'complete') break;
        offset = Math.min(total, Math.max(0, Number(phase?.bytes_transferred ?? 0)));
      }
    }
    await postingSlot();
    const { body: finished } = await request<{ success?: boolean; post_id?: string }>({
      method: 'POST',
      url: reelsUrl,
      token: page.token,
      form: { upload_phase: 'finish', video_id: started.video_id, video_state: 'PUBLISHED', description: input.text },
    });
    if (finished.post_id) return { remoteId: finished.post_id, remoteUrl: postUrl(finished.post_id) };
    return videoPost(request, page, started.video_id);
  }

  async function findPublished(ctx: ChannelContext, input: PublishInput): Promise<PublishResult | null> {
    const page = pageChannel(ctx);
    const request = clientFor(ctx);
    const firstAttempt = input.firstAttemptAt ? Date.parse(input.firstAttemptAt) : Number.NaN;
    // An empty message matches any captionless post: only trust it inside the known attempt window.
    if (input.text.trim() === '' && Number.isNaN(firstAttempt)) return null;
    const since = Number.isNaN(firstAttempt) ? now() - lookbackMs : firstAttempt - CLOCK_SKEW_MS;
    let after: string | undefined;
    for (let round = 0; round < RECONCILE_MAX_PAGES; round += 1) {
      const { body } = await request<Paged<PagePost>>({
        method: 'GET',
        url: graphUrl(META_HOSTS.graph, `${page.pageId}/posts`, {
          fields: 'id,message,created_time,permalink_url',
          since: Math.floor(since / 1000),
          limit: POSTS_PAGE_SIZE,
          after,
        }),
        token: page.token,
      });
      const match = (body.data ?? []).find(
        (post) =>
          (post.message ?? '').trim() === input.text.trim() && (post.created_time === undefined || Date.parse(post.created_time) >= since),
      );
      if (match) return { remoteId: match.id, remoteUrl: match.permalink_url ?? postUrl(match.id) };
      after = body.paging?.next ? body.paging.cursors?.after : undefined;
      if (!after) break;
    }
    return null;
  }

  const adapter: NetworkAdapter = {
    name: 'facebook',
    label: { en: 'Facebook Pages', es: 'Páginas de Facebook' },
    simulated: false,
    limits: FACEBOOK_LIMITS,
    capabilities: FACEBOOK_CAPABILITIES,
    idempotency: 'reconcile-by-lookup',
    metrics: FACEBOOK_METRICS,
    oauth: createFacebookOAuthProvider({ fetch: options.fetch, now, requestTimeoutMs: options.requestTimeoutMs }),
    inbox: createFacebookInbox({ clientFor, pageChannel, now }),
    connectionFields: [
      { name: 'pageId', secret: false, required: true, label: { en: 'Page id', es: 'Id de la página' } },
      { name: 'pageAccessToken', secret: true, required: true, label: { en: 'Page access token', es: 'Token de acceso de la página' } },
    ],

    validate: validateFacebookPost,

    async checkHealth(ctx): Promise<ChannelHealth> {
      try {
        const page = pageChannel(ctx);
        const { body } = await clientFor(ctx)<{ id: string; name?: string; username?: string; followers_count?: number }>({
          method: 'GET',
          url: graphUrl(META_HOSTS.graph, page.pageId, { fields: 'id,name,username,followers_count' }),
          token: page.token,
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
      const page = pageChannel(ctx);
      const request = clientFor(ctx);
      const postType = facebookPostType(input);
      // Uploads come first for carousels and videos: the posting slot is taken right before the request that makes the post.
      const slot: PostingSlot = async () => ctx.postingSlot?.();
      let result: PublishResult;
      try {
        if (postType === 'text' || postType === 'link' || postType === 'image') await slot();
        // A text post with a link is a link post: Facebook reads the page's Open Graph tags itself to draw the card.
        if (postType === 'text')
          result = await publishFeed(request, page, input, Boolean(firstLink(input.text)) && input.media.length === 0);
        else if (postType === 'link') result = await publishFeed(request, page, input, true);
        else if (postType === 'image') result = await publishPhoto(request, page, input);
        else if (postType === 'carousel') result = await publishMultiPhoto(request, page, input, slot);
        else if (postType === 'video') result = await publishVideo(request, page, input, slot);
        else if (postType === 'reel') result = await publishReel(request, page, input, slot);
        else throw new NetworkError('permanent', 'post_type_unsupported', `Facebook Pages do not publish ${postType} posts`);
      } catch (error) {
        // 506: Facebook already has this post. If it is this publication's (an earlier attempt whose
        // answer was lost), return it; otherwise the refusal stands.
        if (error instanceof NetworkError && error.code === 'duplicate_post') {
          const earlier = await findPublished(ctx, input);
          if (earlier) return earlier;
        }
        throw error;
      }
      return result;
    },

    findPublished,

    /**
     * The first comment, as the Page. With `reconcile` the post's comments are read first and the
     * Page's own comment with this text is returned, so a retry never comments twice.
     */
    async publishFirstComment(ctx, input) {
      const page = pageChannel(ctx);
      const request = clientFor(ctx);
      if (input.reconcile) {
        let after: string | undefined;
        for (let round = 0; round < RECONCILE_MAX_PAGES; round += 1) {
          const { body } = await request<Paged<{ id: string; message?: string; from?: { id: string } }>>({
            method: 'GET',
            url: graphUrl(META_HOSTS.graph, `${input.postRemoteId}/comments`, {
              fields: 'id,message,from',
              filter: 'toplevel',
              limit: 100,
              after,
            }),
            token: page.token,
          });
          const mine = (body.data ?? []).find((c) => c.from?.id === page.pageId && (c.message ?? '').trim() === input.text.trim());
          if (mine) return { remoteId: mine.id, remoteUrl: postUrl(input.postRemoteId) };
          after = body.paging?.next ? body.paging.cursors?.after : undefined;
          if (!after) break;
        }
      }
      const { body } = await request<{ id: string }>({
        method: 'POST',
        url: graphUrl(META_HOSTS.graph, `${input.postRemoteId}/comments`),
        token: page.token,
        form: { message: input.text },
      });
      return { remoteId: body.id, remoteUrl: postUrl(input.postRemoteId) };
    },

    async delete(ctx, remoteId) {
      const page = pageChannel(ctx);
      try {
        await clientFor(ctx)({ method: 'DELETE', url: graphUrl(META_HOSTS.graph, remoteId), token: page.token, ambiguousOnTimeout: false });
      } catch (error) {
        if (error instanceof NetworkError && error.code === 'not_found') return; // already gone
        throw error;
      }
    },

    async fetchMetrics(ctx, remoteId): Promise<PostMetrics> {
      const page = pageChannel(ctx);
      const request = clientFor(ctx);
      const { body: post } = await request<{
        reactions?: { summary?: { total_count?: number } };
        comments?: { summary?: { total_count?: number } };
        shares?: { count?: number };
      }>({
        method: 'GET',
        url: graphUrl(META_HOSTS.graph, remoteId, {
          fields: 'reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares',
        }),
        token: page.token,
      });
      const missing: MissingMetrics = { ...FACEBOOK_METRICS.missing };
      let views: number | null = null;
      let viewers: number | null = null;
      try {
        const { body } = await request<{
          data?: Array<{ name: string; values?: Array<{ value?: unknown }>; total_value?: { value?: unknown } }>;
        }>({
          method: 'GET',
          url: graphUrl(META_HOSTS.graph, `${remoteId}/insights`, {
            metric: 'post_media_view,post_total_media_view_unique',
            period: 'lifetime',
          }),
          token: page.token,
        });
        views = insightValue(body.data?.find((entry) => entry.name === 'post_media_view'));
        viewers = insightValue(body.data?.find((entry) => entry.name === 'post_total_media_view_unique'));
      } catch (error) {
        if (!(error instanceof NetworkError) || error.kind === 'transient' || error.kind === 'rate_limited') throw error;
        const reason = error.code === 'missing_permission' ? 'needs_permission' : 'not_available_for_account';
        missing.impressions = reason;
        missing.reach = reason;
      }
      if (views === null) missing.impressions ??= 'not_available_for_account';
      if (viewers === null) missing.reach ??= 'not_available_for_account';
      const networkMetrics: Record<string, number> = {};
      if (views !== null) networkMetrics.views = views;
      if (viewers !== null) networkMetrics.viewers = viewers;
      return {
        likes: post.reactions?.summary?.total_count ?? 0,
        replies: post.comments?.summary?.total_count ?? 0,
        reposts: post.shares?.count ?? 0,
        quotes: null,
        impressions: views,
        reach: viewers,
        clicks: null,
        missing,
        networkMetrics,
      };
    },

    async fetchMentions(ctx, since): Promise<RemoteMention[]> {
      const page = pageChannel(ctx);
      const { body } = await clientFor(ctx)<
        Paged<{ id: string; message?: string; created_time: string; permalink_url?: string; from?: { id: string; name?: string } }>
      >({
        method: 'GET',
        url: graphUrl(META_HOSTS.graph, `${page.pageId}/tagged`, {
          fields: 'id,message,created_time,permalink_url,from{id,name}',
          since: since ? Math.floor(Date.parse(since) / 1000) : undefined,
          limit: 100,
        }),
        token: page.token,
      });
      return (body.data ?? []).map((post) => {
        const mention: RemoteMention = {
          remoteId: post.id,
          url: post.permalink_url ?? postUrl(post.id),
          authorHandle: post.from?.name ?? post.from?.id ?? 'unknown',
          text: post.message ?? '',
          createdAt: new Date(post.created_time).toISOString(),
        };
        if (post.from?.name) mention.authorName = post.from.name;
        return mention;
      });
    },
  };
  return adapter;
}
