/**
 * The YouTube adapter (Data API v3): videos and Shorts uploaded with Google's resumable protocol,
 * statistics, comment threads as mentions and in the inbox (inbox.ts). See docs/networks/youtube.md.
 *
 * Publishing at Plaza's time: the engine calls `publish` when the post is due; the video is
 * uploaded **private**, its thumbnail set, and then it is switched to the chosen privacy
 * (videos.update). So it never shows in public without its thumbnail and settings, and a cut
 * upload never leaves a half-configured public video. YouTube's own `publishAt` is not used.
 *
 * Idempotency (reconcile-by-lookup): YouTube takes no idempotency key. Before uploading again
 * for a publication first tried earlier, the channel's uploads playlist is read and a video with
 * this publication's title and description, uploaded since its first attempt, is taken as ours.
 * Inside one publish, a cut upload is resumed on the same session (never a second video).
 *
 * Facts not confirmed from documentation: that playlistItems of the uploads playlist list the
 * owner's private videos immediately after upload (the test server does so); how subscribers are
 * notified when a private video turns public later (notifySubscribers is sent on the upload).
 */
import { guardedFetch } from '../../lib/safe-fetch.ts';
import { createGoogleClient, type GoogleRequestFn } from '../google-api/client.ts';
import { resumableUpload } from '../google-api/resumable.ts';
import {
  NetworkError,
  type ChannelContext,
  type ChannelHealth,
  type MetricsSupport,
  type NetworkAdapter,
  type PostMetrics,
  type PublishInput,
  type PublishResult,
  type RemoteMention,
  unhealthy,
} from '../types.ts';
import {
  YOUTUBE_API,
  type YouTubeChannelResource,
  type YouTubeCommentThread,
  type YouTubeList,
  type YouTubePlaylistItem,
  type YouTubeVideoResource,
} from './api.ts';
import { createYouTubeInbox } from './inbox.ts';
import { createYouTubeOAuthProvider } from './oauth.ts';
import { YouTubeQuotaLedger, type QuotaUsage, type YouTubeMethod } from './quota.ts';
import {
  PRIVACY_OPTION,
  YOUTUBE_CAPABILITIES,
  YOUTUBE_LIMITS,
  isShort,
  validateYouTubePost,
  youtubeDescription,
  youtubeMedia,
  youtubeTags,
  youtubeTitle,
} from './validate.ts';

export interface YouTubeAdapterOptions {
  /** Tests only: replaces the guarded fetch. */
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  requestTimeoutMs?: number;
  /** Bytes per upload PUT (multiple of 256 KiB; default 8 MiB). */
  uploadChunkBytes?: number;
  /** The daily quota ledger (one per process by default). */
  quota?: YouTubeQuotaLedger;
  /** How far back a reconcile looks when the publication carries no `firstAttemptAt`. */
  reconcileLookbackMs?: number;
  /** How far back `fetchMentions` reads when no `since` is given. */
  mentionsLookbackMs?: number;
}

export const YOUTUBE_METRICS: MetricsSupport = {
  reported: ['likes', 'replies', 'followers'],
  missing: {
    reposts: 'not_provided_by_network',
    quotes: 'not_provided_by_network',
    // Views come in networkMetrics.views; impressions and reach are in the YouTube Analytics API, not the Data API.
    impressions: 'not_provided_by_network',
    reach: 'not_provided_by_network',
    clicks: 'use_tracked_links',
  },
  extra: ['views'],
};

const CLOCK_SKEW_MS = 5 * 60_000;
/** A publish that runs this long after its first attempt is a retry: look before uploading. */
const RETRY_AFTER_MS = 1_000;
const MAX_LOOKUP_PAGES = 4;

/** The YouTube channel id of a channel (settings.channelId, as the picker stored it). */
export function youtubeChannelId(ctx: ChannelContext): string {
  const id = ctx.settings.channelId;
  if (typeof id !== 'string' || !/^UC[A-Za-z0-9_-]{10,}$/.test(id.trim()))
    throw new NetworkError('permanent', 'invalid_settings', 'The YouTube channel needs settings.channelId (UC…)');
  return id.trim();
}

/** The quota project a channel counts against: every channel of one install shares its Google Cloud project. */
const projectOf = (ctx: { settings: Record<string, unknown> }): string =>
  typeof ctx.settings.quotaProject === 'string' ? ctx.settings.quotaProject : 'default';

export function createYouTubeAdapter(options: YouTubeAdapterOptions = {}): NetworkAdapter & {
  /** Today's quota use of a channel's project (shown on the channel). */
  quotaUsage(channel: { settings: Record<string, unknown> }): QuotaUsage;
} {
  const now = options.now ?? Date.now;
  const quota = options.quota ?? new YouTubeQuotaLedger(undefined, now);
  const lookbackMs = options.reconcileLookbackMs ?? 2 * 24 * 3600_000;

  const googleClient = (ctx: ChannelContext) =>
    createGoogleClient(ctx, {
      network: 'YouTube',
      fetch: options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true),
      now,
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    });

  function clientFor(ctx: ChannelContext) {
    const request = googleClient(ctx);
    const project = projectOf(ctx);
    /** One counted call: refused before sending when it would exceed the quota, counted whatever the answer. */
    return async function call<T>(method: YouTubeMethod, req: Parameters<GoogleRequestFn>[0]) {
      quota.assertFits(project, [method]);
      quota.spend(project, method);
      try {
        return await request<T>(req);
      } catch (error) {
        if (error instanceof NetworkError && error.code === 'quota_exceeded') quota.exhaust(project, method);
        throw error;
      }
    };
  }
  type Call = ReturnType<typeof clientFor>;

  async function uploadsPlaylist(call: Call, ctx: ChannelContext): Promise<string> {
    const stored = ctx.settings.uploadsPlaylistId;
    if (typeof stored === 'string' && stored) return stored;
    const channelId = youtubeChannelId(ctx);
    const { body } = await call<YouTubeList<YouTubeChannelResource>>('channels.list', {
      method: 'GET',
      url: `${YOUTUBE_API.base}/channels?part=contentDetails&id=${encodeURIComponent(channelId)}`,
    });
    const uploads = body?.items?.[0]?.contentDetails?.relatedPlaylists?.uploads;
    if (!uploads) throw new NetworkError('permanent', 'not_found', 'YouTube did not list this channel’s uploads');
    return uploads;
  }

  const resultFor = (videoId: string, input: PublishInput): PublishResult => ({
    remoteId: videoId,
    remoteUrl: isShort(input) ? `${YOUTUBE_API.shorts}${videoId}` : `${YOUTUBE_API.watch}${videoId}`,
  });

  /** A video of this channel with the publication's title and description, uploaded since its first attempt. */
  async function lookUp(call: Call, ctx: ChannelContext, input: PublishInput): Promise<string | null> {
    const playlist = await uploadsPlaylist(call, ctx);
    const title = youtubeTitle(input);
    const description = youtubeDescription(input);
    const first = input.firstAttemptAt ? Date.parse(input.firstAttemptAt) : Number.NaN;
    const since = (Number.isNaN(first) ? now() - lookbackMs : first) - CLOCK_SKEW_MS;
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_LOOKUP_PAGES; page += 1) {
      const query = new URLSearchParams({ part: 'snippet', playlistId: playlist, maxResults: '50' });
      if (pageToken) query.set('pageToken', pageToken);
      const { body } = await call<YouTubeList<YouTubePlaylistItem>>('playlistItems.list', {
        method: 'GET',
        url: `${YOUTUBE_API.base}/playlistItems?${query}`,
      });
      let older = false;
      for (const item of body?.items ?? []) {
        const at = Date.parse(item.snippet?.publishedAt ?? '');
        if (!Number.isNaN(at) && at < since) {
          older = true;
          continue;
        }
        const videoId = item.snippet?.resourceId?.videoId ?? item.contentDetails?.videoId;
        if (videoId && item.snippet?.title === title && (item.snippet?.description ?? '') === description) return videoId;
      }
      pageToken = body?.nextPageToken;
      if (!pageToken || older) break;
    }
    return null;
  }

  const wantedPrivacy = (input: PublishInput): string => {
    const chosen = input.options?.network?.[PRIVACY_OPTION];
    return typeof chosen === 'string' ? chosen : 'public';
  };
  const madeForKids = (input: PublishInput): boolean => input.options?.network?.madeForKids === true;

  /** Switches the uploaded (private) video to the privacy chosen, at Plaza's time. */
  async function release(call: Call, videoId: string, input: PublishInput): Promise<void> {
    const privacy = wantedPrivacy(input);
    if (privacy === 'private') return;
    await call('videos.update', {
      method: 'PUT',
      url: `${YOUTUBE_API.base}/videos?part=status`,
      json: { id: videoId, status: { privacyStatus: privacy, selfDeclaredMadeForKids: madeForKids(input) } },
    });
  }

  async function publish(ctx: ChannelContext, input: PublishInput): Promise<PublishResult> {
    const call = clientFor(ctx);
    const project = projectOf(ctx);
    const { video, thumbnail } = youtubeMedia(input);
    if (!video) throw new NetworkError('permanent', 'media_required', 'A YouTube post needs a video');
    // Refuse before uploading anything when the day's quota cannot take the whole publication.
    const plan: YouTubeMethod[] = ['channels.list', 'playlistItems.list', 'videos.insert', 'videos.update'];
    if (thumbnail) plan.push('thumbnails.set');
    quota.assertFits(project, plan);

    const first = input.firstAttemptAt ? Date.parse(input.firstAttemptAt) : Number.NaN;
    if (input.retry || Number.isNaN(first) || now() - first > RETRY_AFTER_MS) {
      const existing = await lookUp(call, ctx, input);
      if (existing) {
        await ensureReleased(call, existing, input);
        return resultFor(existing, input);
      }
    }
    const notify = input.options?.network?.notifySubscribers !== false;
    const category = input.options?.network?.category;
    const tags = youtubeTags(input);
    const metadata = {
      snippet: {
        title: youtubeTitle(input),
        description: youtubeDescription(input),
        ...(tags.length ? { tags } : {}),
        categoryId: typeof category === 'string' ? category : '22',
        ...(input.options?.language ? { defaultLanguage: input.options.language } : {}),
      },
      status: { privacyStatus: 'private', selfDeclaredMadeForKids: madeForKids(input), embeddable: true },
    };
    let counted = false;
    const uploaded = await resumableUpload<YouTubeVideoResource>({
      // Chunks and status queries are part of the one videos.insert call: counted once, when the session starts.
      request: googleClient(ctx),
      startUrl: `${YOUTUBE_API.upload}/videos?uploadType=resumable&part=snippet,status&notifySubscribers=${notify}`,
      metadata,
      media: video,
      ...(options.uploadChunkBytes ? { chunkBytes: options.uploadChunkBytes } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      onSessionStarted() {
        quota.assertFits(project, ['videos.insert']);
        quota.spend(project, 'videos.insert');
        counted = true;
      },
    }).catch((error: unknown) => {
      if (error instanceof NetworkError && error.code === 'quota_exceeded' && counted) quota.exhaust(project, 'videos.insert');
      throw error;
    });
    const videoId = uploaded.resource?.id;
    if (!videoId) throw new NetworkError('ambiguous', 'unexpected_response', 'YouTube finished the upload without naming the video');
    if (thumbnail) {
      try {
        await call('thumbnails.set', {
          method: 'POST',
          url: `${YOUTUBE_API.upload}/thumbnails/set?videoId=${encodeURIComponent(videoId)}&uploadType=media`,
          bytes: thumbnail.bytes,
          headers: { 'Content-Type': thumbnail.mimeType },
        });
      } catch (error) {
        // A channel that may not set custom thumbnails (not verified) keeps YouTube's own: the video still goes out.
        if (!(error instanceof NetworkError && error.details.status === 403)) throw retryable(error);
      }
    }
    try {
      await release(call, videoId, input);
    } catch (error) {
      throw retryable(error);
    }
    return resultFor(videoId, input);
  }

  /** After the video exists, a failure is retried: the retry finds the video and finishes releasing it. */
  function retryable(error: unknown): unknown {
    if (error instanceof NetworkError && (error.kind === 'permanent' || error.kind === 'ambiguous'))
      return new NetworkError('transient', error.code, error.message, error.details);
    return error;
  }

  async function ensureReleased(call: Call, videoId: string, input: PublishInput): Promise<void> {
    const { body } = await call<YouTubeList<YouTubeVideoResource>>('videos.list', {
      method: 'GET',
      url: `${YOUTUBE_API.base}/videos?part=status&id=${encodeURIComponent(videoId)}`,
    });
    const current = body?.items?.[0]?.status?.privacyStatus;
    if (current && current !== wantedPrivacy(input)) await release(call, videoId, input);
  }

  /** The video an earlier attempt uploaded, released if that attempt was cut off before releasing it. */
  async function findPublished(ctx: ChannelContext, input: PublishInput): Promise<PublishResult | null> {
    const call = clientFor(ctx);
    const found = await lookUp(call, ctx, input);
    if (!found) return null;
    await ensureReleased(call, found, input);
    return resultFor(found, input);
  }

  async function deleteVideo(ctx: ChannelContext, remoteId: string): Promise<void> {
    try {
      await clientFor(ctx)('videos.delete', { method: 'DELETE', url: `${YOUTUBE_API.base}/videos?id=${encodeURIComponent(remoteId)}` });
    } catch (error) {
      if (error instanceof NetworkError && error.code === 'not_found') return;
      throw error;
    }
  }

  async function fetchMetrics(ctx: ChannelContext, remoteId: string): Promise<PostMetrics> {
    const { body } = await clientFor(ctx)<YouTubeList<YouTubeVideoResource>>('videos.list', {
      method: 'GET',
      url: `${YOUTUBE_API.base}/videos?part=statistics&id=${encodeURIComponent(remoteId)}`,
    });
    const video = body?.items?.[0];
    if (!video) throw new NetworkError('permanent', 'not_found', 'YouTube has no such video (deleted?)');
    const stats = video.statistics ?? {};
    const num = (value: string | undefined) => (value === undefined ? null : Number(value));
    const likes = num(stats.likeCount);
    const replies = num(stats.commentCount);
    const missing: PostMetrics['missing'] = { ...YOUTUBE_METRICS.missing };
    // The owner can hide likes, and comments can be off: YouTube then leaves the count out.
    if (likes === null) missing.likes = 'not_available_for_account';
    if (replies === null) missing.replies = 'not_available_for_account';
    const metrics: PostMetrics = { likes, replies, reposts: null, quotes: null, impressions: null, reach: null, clicks: null, missing };
    if (stats.viewCount !== undefined) metrics.networkMetrics = { views: Number(stats.viewCount) };
    return metrics;
  }

  async function fetchMentions(ctx: ChannelContext, since?: string): Promise<RemoteMention[]> {
    const call = clientFor(ctx);
    const channelId = youtubeChannelId(ctx);
    const sinceMs = since ? Date.parse(since) : now() - (options.mentionsLookbackMs ?? 7 * 24 * 3600_000);
    const mentions: RemoteMention[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < 5; page += 1) {
      const query = new URLSearchParams({
        part: 'snippet,replies',
        allThreadsRelatedToChannelId: channelId,
        maxResults: '100',
        order: 'time',
        textFormat: 'plainText',
      });
      if (pageToken) query.set('pageToken', pageToken);
      const { body } = await call<YouTubeList<YouTubeCommentThread>>('commentThreads.list', {
        method: 'GET',
        url: `${YOUTUBE_API.base}/commentThreads?${query}`,
      });
      let older = false;
      for (const thread of body?.items ?? []) {
        const comments = [thread.snippet?.topLevelComment, ...(thread.replies?.comments ?? [])];
        for (const comment of comments) {
          if (!comment?.snippet) continue;
          const at = comment.snippet.publishedAt ?? '';
          if (Date.parse(at) <= sinceMs) {
            if (comment === thread.snippet?.topLevelComment) older = true;
            continue;
          }
          // The channel's own answers are not mentions.
          if (comment.snippet.authorChannelId?.value === channelId) continue;
          const videoId = comment.snippet.videoId ?? thread.snippet?.videoId;
          mentions.push({
            remoteId: comment.id,
            url: videoId ? `${YOUTUBE_API.watch}${videoId}&lc=${comment.id}` : null,
            authorHandle: comment.snippet.authorChannelUrl?.split('/').pop() ?? comment.snippet.authorDisplayName ?? '',
            ...(comment.snippet.authorDisplayName ? { authorName: comment.snippet.authorDisplayName } : {}),
            text: comment.snippet.textOriginal ?? comment.snippet.textDisplay ?? '',
            createdAt: new Date(at).toISOString(),
            ...(comment.snippet.parentId ? { inReplyToRemoteId: comment.snippet.parentId } : videoId ? { inReplyToRemoteId: videoId } : {}),
          });
        }
      }
      pageToken = body?.nextPageToken;
      if (!pageToken || older) break;
    }
    return mentions;
  }

  async function checkHealth(ctx: ChannelContext): Promise<ChannelHealth> {
    try {
      const channelId = youtubeChannelId(ctx);
      const { body } = await clientFor(ctx)<YouTubeList<YouTubeChannelResource>>('channels.list', {
        method: 'GET',
        url: `${YOUTUBE_API.base}/channels?part=snippet,statistics&mine=true`,
      });
      const channel = body?.items?.find((c) => c.id === channelId);
      if (!channel)
        return {
          ok: false,
          error: { code: 'wrong_account', message: 'The token belongs to a Google account without this YouTube channel', kind: 'auth' },
        };
      const account: NonNullable<ChannelHealth['account']> = { id: channel.id, handle: channel.snippet?.customUrl ?? channel.id };
      if (channel.snippet?.title) account.displayName = channel.snippet.title;
      if (channel.statistics?.subscriberCount !== undefined && !channel.statistics.hiddenSubscriberCount)
        account.followers = Number(channel.statistics.subscriberCount);
      return { ok: true, account };
    } catch (error) {
      return unhealthy(error);
    }
  }

  return {
    name: 'youtube',
    label: { en: 'YouTube', es: 'YouTube' },
    simulated: false,
    limits: YOUTUBE_LIMITS,
    capabilities: YOUTUBE_CAPABILITIES,
    idempotency: 'reconcile-by-lookup',
    oauth: createYouTubeOAuthProvider({ ...(options.fetch ? { fetch: options.fetch } : {}), now }),
    connectionFields: [
      { name: 'accessToken', secret: true, required: true, label: { en: 'Access token', es: 'Token de acceso' } },
      { name: 'refreshToken', secret: true, required: false, label: { en: 'Refresh token', es: 'Token de renovación' } },
      { name: 'channelId', secret: false, required: true, label: { en: 'Channel id (UC…)', es: 'Id del canal (UC…)' } },
    ],
    metrics: YOUTUBE_METRICS,
    validate: validateYouTubePost,
    checkHealth,
    publish,
    findPublished,
    delete: deleteVideo,
    fetchMetrics,
    fetchMentions,
    inbox: createYouTubeInbox({ clientFor, channelIdOf: youtubeChannelId, now }),
    quotaUsage: (channel) => quota.usage(projectOf(channel)),
  };
}
