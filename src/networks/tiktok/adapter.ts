/**
 * TikTok (Content Posting API): videos and photo posts on a creator's account, posted directly or
 * sent to the creator's TikTok inbox as a draft they finish in the app (when the app is not
 * approved for direct posting, or the post says so). Before every direct post the creator's info
 * is queried (privacy levels on offer, the longest video, interactions the creator turned off),
 * as TikTok requires; the same info, read at sign-in, is kept on the channel (`optionChoices`,
 * `lockedOptions`, `maxVideoSeconds`) so the composer offers only those and a post is refused
 * before saving. Videos are uploaded from the media store in chunks (FILE_UPLOAD), photos are
 * pulled by TikTok from their signed public URLs (PULL_FROM_URL), then the publish status is
 * polled. Metrics come from the video query of the Display API (likes, comments, shares, views).
 *
 * Idempotency: TikTok takes no idempotency key. Only the upload's last chunk (video) or the init
 * (photos) can make a post, so before starting, the adapter looks through the creator's recent
 * videos for one with this caption since the first attempt (reconcile-by-lookup).
 *
 * Facts not confirmed from TikTok's documentation: that `video/list` shows a direct post made
 * private (SELF_ONLY) or by an unaudited app (TikTok documents neither way), so a lost answer for
 * such a post may not be found; the 20 MB photo limit; TikTok's aspect-ratio limits for video.
 * TikTok's API deletes nothing: `delete` refuses with `delete_unsupported`.
 */
import { guardedFetch } from '../../lib/safe-fetch.ts';
import { networkUrl } from '../endpoints.ts';
import { assertMaySend, requestFailure } from '../request-failure.ts';
import { validationIssue } from '../validation.ts';
import {
  NetworkError,
  unhealthy,
  type ChannelContext,
  type ChannelHealth,
  type MediaInput,
  type MetricsSupport,
  type NetworkAdapter,
  type NetworkCapabilities,
  type NetworkLimits,
  type PostMetrics,
  type PublishInput,
  type PublishResult,
  type ValidationIssue,
} from '../types.ts';
import { createTikTokClient, errorFromAnswer, type TikTokRequestFn } from './api.ts';
import { PRIVACY_LEVELS, type CreatorInfo } from './creator.ts';
import { createTikTokOAuthProvider } from './oauth.ts';

export const TIKTOK_MAX = { caption: 2200, photoTitle: 90, photoDescription: 4000, photos: 35 } as const;

export const TIKTOK_LIMITS: NetworkLimits = {
  maxChars: TIKTOK_MAX.caption,
  maxImages: TIKTOK_MAX.photos,
  maxImageBytes: 20 * 1024 * 1024,
  acceptedImageTypes: ['image/jpeg', 'image/webp'],
  maxAltChars: 0,
  supportsThreads: false,
  supportsContentWarning: false,
  supportsVisibility: false,
  postsPerMinutePerChannel: 6,
  // TikTok counts the init call (6 a minute): the slot is taken right before it, after the creator-info query and the look-up.
  takesPostingSlot: true,
};

export const TIKTOK_CAPABILITIES: NetworkCapabilities = {
  postTypes: ['video', 'image', 'carousel'],
  maxCarouselItems: TIKTOK_MAX.photos,
  firstComment: false,
  video: {
    maxBytes: 4 * 1024 * 1024 * 1024,
    minDurationSeconds: 3,
    // The creator's own maximum (60 s to 10 min) is checked per channel.
    maxDurationSeconds: 600,
    minAspectRatio: 9 / 16,
    maxAspectRatio: 16 / 9,
    containers: ['video/mp4', 'video/quicktime', 'video/webm'],
    codecs: ['avc1', 'hvc1', 'hev1', 'vp08', 'vp09'],
  },
  // Photos are pulled by TikTok from their public URL (a verified domain); videos are uploaded.
  mediaByUrl: true,
  charCounting: 'utf16',
  options: [
    {
      name: 'privacy',
      kind: 'select',
      values: [...PRIVACY_LEVELS],
      // TikTok asks that the creator choose: no value is preselected.
      default: '',
      label: { en: 'Who can see it', es: 'Quién puede verlo' },
      valueLabels: {
        PUBLIC_TO_EVERYONE: { en: 'Everyone', es: 'Todo el mundo' },
        MUTUAL_FOLLOW_FRIENDS: { en: 'Friends', es: 'Amigos' },
        FOLLOWER_OF_CREATOR: { en: 'Followers', es: 'Seguidores' },
        SELF_ONLY: { en: 'Only me', es: 'Solo yo' },
      },
    },
    {
      name: 'postMode',
      kind: 'select',
      values: ['direct', 'inbox'],
      label: { en: 'How to post', es: 'Cómo publicar' },
      valueLabels: {
        direct: { en: 'Publish directly', es: 'Publicar directamente' },
        inbox: { en: 'Send to the TikTok app as a draft', es: 'Enviar a la app de TikTok como borrador' },
      },
    },
    { name: 'allowComments', kind: 'boolean', default: false, label: { en: 'Allow comments', es: 'Permitir comentarios' } },
    { name: 'allowDuet', kind: 'boolean', default: false, label: { en: 'Allow Duet', es: 'Permitir Dúo' }, postTypes: ['video'] },
    { name: 'allowStitch', kind: 'boolean', default: false, label: { en: 'Allow Stitch', es: 'Permitir Pegar' }, postTypes: ['video'] },
    {
      name: 'autoAddMusic',
      kind: 'boolean',
      default: false,
      label: { en: 'Add recommended music', es: 'Añadir música recomendada' },
      postTypes: ['image', 'carousel'],
    },
    {
      name: 'brandedContent',
      kind: 'boolean',
      default: false,
      label: { en: 'Paid partnership (branded content)', es: 'Colaboración pagada (contenido de marca)' },
    },
    { name: 'yourBrand', kind: 'boolean', default: false, label: { en: 'Promotes your own brand', es: 'Promociona tu propia marca' } },
  ],
};

export const TIKTOK_METRICS: MetricsSupport = {
  reported: ['likes', 'replies', 'reposts', 'impressions', 'followers'],
  missing: { quotes: 'not_provided_by_network', reach: 'not_provided_by_network', clicks: 'use_tracked_links' },
};

const opt = (input: PublishInput, name: string) => input.options?.network?.[name];
const isVideo = (input: PublishInput) => input.media.some((m) => m.kind === 'video');
const modeOf = (input: PublishInput, settings?: Record<string, unknown>): 'direct' | 'inbox' =>
  opt(input, 'postMode') === 'inbox' || (settings?.directPost === false && opt(input, 'postMode') === undefined) ? 'inbox' : 'direct';

export function validateTikTokPost(input: PublishInput, channel?: { settings: Record<string, unknown> }): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const settings = channel?.settings;
  const video = isVideo(input);
  const max = video ? TIKTOK_MAX.caption : TIKTOK_MAX.photoDescription;
  if (input.text.length > max) issues.push(validationIssue('text', 'text_too_long', { count: input.text.length, max, network: 'TikTok' }));
  if (!video && input.title && input.title.length > TIKTOK_MAX.photoTitle)
    issues.push(validationIssue('title', 'title_too_long', { count: input.title.length, max: TIKTOK_MAX.photoTitle, network: 'TikTok' }));
  if (input.media.length === 0) issues.push(validationIssue('media', 'media_required', { postType: 'TikTok' }));
  const photos = input.media.filter((m) => m.kind !== 'video');
  if (photos.length > TIKTOK_MAX.photos) issues.push(validationIssue('media', 'too_many_images', { max: TIKTOK_MAX.photos }));
  input.media.forEach((item, index) => {
    if (item.kind === 'video') {
      const limit = typeof settings?.maxVideoSeconds === 'number' ? settings.maxVideoSeconds : undefined;
      if (limit && item.durationSeconds && item.durationSeconds > limit)
        issues.push(validationIssue(`media.${index}`, 'video_too_long', { seconds: Math.round(item.durationSeconds), maxSeconds: limit }));
      return;
    }
    if (!TIKTOK_LIMITS.acceptedImageTypes.includes(item.mimeType))
      issues.push(validationIssue(`media.${index}`, 'unsupported_media_type', { type: item.mimeType }));
    if (item.size > TIKTOK_LIMITS.maxImageBytes) issues.push(validationIssue(`media.${index}`, 'image_too_large', { maxMb: 20 }));
  });
  const mode = modeOf(input, settings);
  const privacy = opt(input, 'privacy');
  if (mode === 'direct' && (typeof privacy !== 'string' || privacy === ''))
    issues.push(validationIssue('options.network.privacy', 'privacy_required', { network: 'TikTok' }));
  if (!channel) return issues;
  // What this creator allows (read at sign-in).
  const choices = (settings?.optionChoices as Record<string, string[]> | undefined)?.privacy;
  if (mode === 'direct' && typeof privacy === 'string' && privacy !== '' && choices && !choices.includes(privacy))
    issues.push(validationIssue('options.network.privacy', 'option_not_allowed_for_account', { option: 'privacy', value: privacy }));
  const locked = (settings?.lockedOptions ?? {}) as Record<string, string | boolean>;
  for (const [name, value] of Object.entries(locked)) {
    const chosen = opt(input, name);
    if (chosen !== undefined && chosen !== value)
      issues.push(validationIssue(`options.network.${name}`, 'option_not_allowed_for_account', { option: name, value: String(chosen) }));
  }
  if (opt(input, 'brandedContent') === true && privacy === 'SELF_ONLY')
    issues.push(validationIssue('options.network.brandedContent', 'option_invalid', { option: 'brandedContent' }));
  return issues;
}

interface StatusAnswer {
  status?: string;
  fail_reason?: string;
  publicaly_available_post_id?: Array<number | string>;
}

interface Video {
  id: string;
  title?: string;
  video_description?: string;
  create_time?: number;
  share_url?: string;
}

export interface TikTokAdapterOptions {
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  requestTimeoutMs?: number;
  /** Bytes per upload chunk (TikTok: 5 MB to 64 MB; the last may hold up to 128 MB). */
  chunkBytes?: number;
  statusPollIntervalMs?: number;
  statusPollTimeoutMs?: number;
  reconcileLookbackMs?: number;
}

const CLOCK_SKEW_MS = 5 * 60_000;
const MIN_CHUNK = 5 * 1024 * 1024;
const MAX_SINGLE = 64 * 1024 * 1024;

/** How a video of `size` bytes is cut: one chunk up to 64 MB, else `chunk`-sized parts whose last takes the rest. */
export function chunkPlan(size: number, chunk: number): { chunkSize: number; count: number } {
  if (size <= MAX_SINGLE) return { chunkSize: size, count: 1 };
  const chunkSize = Math.max(MIN_CHUNK, Math.min(chunk, MAX_SINGLE));
  return { chunkSize, count: Math.floor(size / chunkSize) };
}

export function createTikTokAdapter(options: TikTokAdapterOptions = {}): NetworkAdapter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const chunkBytes = options.chunkBytes ?? 10 * 1024 * 1024;
  const pollIntervalMs = options.statusPollIntervalMs ?? 3_000;
  const pollTimeoutMs = options.statusPollTimeoutMs ?? 10 * 60_000;
  const lookbackMs = options.reconcileLookbackMs ?? 24 * 60 * 60_000;
  const clientFor = (ctx: ChannelContext) => createTikTokClient(ctx, { fetch: options.fetch, requestTimeoutMs });

  async function creatorInfo(request: TikTokRequestFn): Promise<CreatorInfo> {
    return request<CreatorInfo>({ method: 'POST', path: '/post/publish/creator_info/query/' });
  }

  /** The post info TikTok takes, checked against what the creator allows right now. */
  function postInfo(input: PublishInput, creator: CreatorInfo, video: boolean): Record<string, unknown> {
    const privacy = opt(input, 'privacy');
    if (typeof privacy !== 'string' || !(creator.privacy_level_options ?? []).includes(privacy))
      throw new NetworkError(
        'permanent',
        'privacy_level_option_mismatch',
        `The creator does not offer the privacy level ${String(privacy)}`,
      );
    const media = input.media.find((m) => m.kind === 'video');
    if (media?.durationSeconds && creator.max_video_post_duration_sec && media.durationSeconds > creator.max_video_post_duration_sec)
      throw new NetworkError(
        'permanent',
        'video_too_long',
        `The video is longer than the creator's ${creator.max_video_post_duration_sec} s`,
      );
    const info: Record<string, unknown> = {
      privacy_level: privacy,
      disable_comment: creator.comment_disabled === true || opt(input, 'allowComments') !== true,
      brand_content_toggle: opt(input, 'brandedContent') === true,
      brand_organic_toggle: opt(input, 'yourBrand') === true,
    };
    if (video) {
      info.title = input.text;
      info.disable_duet = creator.duet_disabled === true || opt(input, 'allowDuet') !== true;
      info.disable_stitch = creator.stitch_disabled === true || opt(input, 'allowStitch') !== true;
    } else {
      if (input.title?.trim()) info.title = input.title.trim();
      info.description = input.text;
      info.auto_add_music = opt(input, 'autoAddMusic') === true;
    }
    return info;
  }

  async function uploadChunks(
    ctx: ChannelContext,
    uploadUrl: string,
    video: MediaInput,
    plan: { chunkSize: number; count: number },
  ): Promise<void> {
    const fetcher = options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true);
    const size = video.size;
    for (let index = 0; index < plan.count; index += 1) {
      const start = index * plan.chunkSize;
      const end = index === plan.count - 1 ? size : start + plan.chunkSize;
      const body = video.openStream ? await collect(video.openStream({ start, end }), end - start) : video.bytes.subarray(start, end);
      assertMaySend(ctx);
      const timeout = AbortSignal.timeout(Math.max(requestTimeoutMs, 120_000));
      const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
      let response: Response;
      try {
        response = await fetcher(networkUrl(uploadUrl, ctx.origin), {
          method: 'PUT',
          headers: {
            'Content-Type': video.mimeType,
            'Content-Range': `bytes ${start}-${end - 1}/${size}`,
            'Content-Length': String(end - start),
          },
          body: body as unknown as BodyInit,
          signal,
        });
        await response.text();
      } catch (error) {
        // Only the last chunk completes the upload (and may publish); an earlier one is a plain retry.
        throw requestFailure(error, { network: 'TikTok', mutating: index === plan.count - 1, timedOut: timeout.aborted });
      }
      if (!response.ok) throw errorFromAnswer(response.status, null, response.headers);
    }
  }

  async function waitForStatus(request: TikTokRequestFn, publishId: string, mode: 'direct' | 'inbox'): Promise<StatusAnswer> {
    const started = now();
    for (;;) {
      const status = await request<StatusAnswer>({ method: 'POST', path: '/post/publish/status/fetch/', json: { publish_id: publishId } });
      if (status.status === 'PUBLISH_COMPLETE' || (mode === 'inbox' && status.status === 'SEND_TO_USER_INBOX')) return status;
      if (status.status === 'FAILED')
        throw new NetworkError(
          'permanent',
          status.fail_reason && /^[a-z_]+$/.test(status.fail_reason) ? status.fail_reason : 'publish_failed',
          `TikTok could not publish the post: ${status.fail_reason ?? 'failed'}`,
        );
      if (now() - started > pollTimeoutMs)
        throw new NetworkError('ambiguous', 'media_processing_timeout', 'TikTok is still processing the post');
      await sleep(pollIntervalMs);
    }
  }

  async function recentVideos(request: TikTokRequestFn, notBefore: number): Promise<Video[]> {
    const found: Video[] = [];
    let cursor: number | undefined;
    for (let page = 0; page < 5; page += 1) {
      const data = await request<{ videos?: Video[]; cursor?: number; has_more?: boolean }>({
        method: 'POST',
        path: '/video/list/',
        query: [['fields', 'id,title,video_description,create_time,share_url']],
        json: { max_count: 20, ...(cursor !== undefined ? { cursor } : {}) },
      });
      const videos = data.videos ?? [];
      found.push(...videos.filter((v) => (v.create_time ?? 0) * 1000 >= notBefore));
      const oldest = videos.at(-1)?.create_time;
      if (!data.has_more || videos.length === 0 || (oldest !== undefined && oldest * 1000 < notBefore)) break;
      cursor = data.cursor;
    }
    return found;
  }

  async function lookUp(request: TikTokRequestFn, input: PublishInput): Promise<Video | null> {
    const first = input.firstAttemptAt ? Date.parse(input.firstAttemptAt) : Number.NaN;
    const notBefore = Number.isNaN(first) ? now() - lookbackMs : first - CLOCK_SKEW_MS;
    const text = input.text.trim();
    return (await recentVideos(request, notBefore)).find((v) => (v.video_description ?? v.title ?? '').trim() === text) ?? null;
  }

  const videoResult = (video: Video): PublishResult => ({ remoteId: video.id, remoteUrl: video.share_url ?? null });

  async function findPublished(ctx: ChannelContext, input: PublishInput): Promise<PublishResult | null> {
    if (modeOf(input, ctx.settings) === 'inbox') return null; // a draft is not a post until the creator posts it
    const found = await lookUp(clientFor(ctx), input);
    return found ? videoResult(found) : null;
  }

  async function publish(ctx: ChannelContext, input: PublishInput): Promise<PublishResult> {
    const request = clientFor(ctx);
    const mode = modeOf(input, ctx.settings);
    const video = input.media.find((m) => m.kind === 'video');
    const photos = input.media.filter((m) => m.kind !== 'video');
    if (!video && photos.length === 0) throw new NetworkError('permanent', 'media_required', 'A TikTok post needs a video or photos');
    let info: Record<string, unknown> | undefined;
    if (mode === 'direct') {
      info = postInfo(input, await creatorInfo(request), Boolean(video));
      const existing = await lookUp(request, input);
      if (existing) return videoResult(existing);
    }
    let publishId: string;
    await ctx.postingSlot?.();
    if (video) {
      const plan = chunkPlan(video.size, chunkBytes);
      const sourceInfo = { source: 'FILE_UPLOAD', video_size: video.size, chunk_size: plan.chunkSize, total_chunk_count: plan.count };
      const init = await request<{ publish_id: string; upload_url: string }>({
        method: 'POST',
        path: mode === 'direct' ? '/post/publish/video/init/' : '/post/publish/inbox/video/init/',
        json: mode === 'direct' ? { post_info: info, source_info: sourceInfo } : { source_info: sourceInfo },
      }).catch((error: unknown) => {
        // No file has been sent: an unanswered init leaves at most an unused upload slot.
        if (error instanceof NetworkError && error.kind === 'ambiguous')
          throw new NetworkError('transient', error.code, error.message, error.details);
        throw error;
      });
      publishId = init.publish_id;
      await uploadChunks(ctx, init.upload_url, video, plan);
    } else {
      const urls = photos.map((p) => p.publicUrl);
      if (urls.some((u) => !u))
        throw new NetworkError('permanent', 'media_url_missing', 'TikTok pulls photos from a public URL: set PUBLIC_URL');
      const init = await request<{ publish_id: string }>({
        method: 'POST',
        path: '/post/publish/content/init/',
        json: {
          post_info: mode === 'direct' ? info : { description: input.text, ...(input.title?.trim() ? { title: input.title.trim() } : {}) },
          source_info: { source: 'PULL_FROM_URL', photo_cover_index: 0, photo_images: urls },
          post_mode: mode === 'direct' ? 'DIRECT_POST' : 'MEDIA_UPLOAD',
          media_type: 'PHOTO',
        },
      });
      publishId = init.publish_id;
    }
    const status = await waitForStatus(request, publishId, mode);
    const postId = status.publicaly_available_post_id?.[0];
    if (postId !== undefined) {
      const username = typeof ctx.settings.username === 'string' ? ctx.settings.username : undefined;
      return { remoteId: String(postId), remoteUrl: username ? `https://www.tiktok.com/@${username}/video/${postId}` : null };
    }
    // A draft in the creator's inbox, or a post only its creator sees: TikTok names it by its publish id.
    return { remoteId: publishId, remoteUrl: null };
  }

  async function fetchMetrics(ctx: ChannelContext, remoteId: string): Promise<PostMetrics> {
    const empty = (reason: 'not_available_for_account'): PostMetrics => ({
      likes: null,
      replies: null,
      reposts: null,
      quotes: null,
      impressions: null,
      reach: null,
      clicks: null,
      missing: { ...TIKTOK_METRICS.missing, likes: reason, replies: reason, reposts: reason, impressions: reason },
    });
    // A draft or a private post has a publish id, not a video id: TikTok reports nothing for it.
    if (!/^\d+$/.test(remoteId)) return empty('not_available_for_account');
    const data = await clientFor(ctx)<{
      videos?: Array<{ id: string; like_count?: number; comment_count?: number; share_count?: number; view_count?: number }>;
    }>({
      method: 'POST',
      path: '/video/query/',
      query: [['fields', 'id,like_count,comment_count,share_count,view_count']],
      json: { filters: { video_ids: [remoteId] } },
    });
    const video = data.videos?.find((v) => v.id === remoteId);
    if (!video) return empty('not_available_for_account');
    return {
      likes: video.like_count ?? 0,
      replies: video.comment_count ?? 0,
      reposts: video.share_count ?? 0,
      quotes: null,
      impressions: video.view_count ?? 0,
      reach: null,
      clicks: null,
      missing: { ...TIKTOK_METRICS.missing },
    };
  }

  async function checkHealth(ctx: ChannelContext): Promise<ChannelHealth> {
    try {
      const data = await clientFor(ctx)<{ user?: { open_id?: string; username?: string; display_name?: string; follower_count?: number } }>(
        {
          method: 'GET',
          path: '/user/info/',
          query: [['fields', 'open_id,display_name,username,follower_count']],
        },
      );
      const user = data.user ?? {};
      return {
        ok: true,
        account: {
          id: user.open_id ?? String(ctx.settings.openId ?? ''),
          handle: user.username ?? user.display_name ?? 'tiktok',
          ...(user.display_name ? { displayName: user.display_name } : {}),
          ...(typeof user.follower_count === 'number' ? { followers: user.follower_count } : {}),
        },
      };
    } catch (error) {
      return unhealthy(error);
    }
  }

  return {
    name: 'tiktok',
    label: { en: 'TikTok', es: 'TikTok' },
    simulated: false,
    limits: TIKTOK_LIMITS,
    capabilities: TIKTOK_CAPABILITIES,
    idempotency: 'reconcile-by-lookup',
    oauth: createTikTokOAuthProvider({ ...(options.fetch ? { fetch: options.fetch } : {}) }),
    connectionFields: [
      { name: 'accessToken', secret: true, required: true, label: { en: 'Access token', es: 'Token de acceso' } },
      { name: 'refreshToken', secret: true, required: false, label: { en: 'Refresh token', es: 'Token de renovación' } },
    ],
    metrics: TIKTOK_METRICS,
    validate: validateTikTokPost,
    checkHealth,
    publish,
    findPublished,
    delete: async () => {
      throw new NetworkError('permanent', 'delete_unsupported', 'TikTok’s API cannot delete posts: delete it in the TikTok app');
    },
    fetchMetrics,
    // Reading comments is not part of TikTok's Content Posting or Display APIs.
    fetchMentions: async () => [],
  };
}

/** A chunk read from the media store into one buffer (TikTok wants each chunk with its length; chunks are at most 128 MB). */
async function collect(stream: AsyncIterable<Uint8Array>, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let offset = 0;
  for await (const part of stream) {
    out.set(part.subarray(0, Math.min(part.length, length - offset)), offset);
    offset += part.length;
    if (offset >= length) break;
  }
  return out;
}
