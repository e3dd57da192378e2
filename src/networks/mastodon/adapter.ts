/**
 * The Mastodon adapter: plain fetch against the documented REST API.
 * See README.md in this folder for endpoints, idempotency and limits.
 */
import {
  NetworkError,
  type ChannelContext,
  type ChannelHealth,
  type MediaInput,
  type MetricsSupport,
  type FirstCommentInput,
  type MissingMetrics,
  type NetworkAdapter,
  type NetworkCapabilities,
  type PostEngagers,
  type PostMetrics,
  type PublishInput,
  type PublishResult,
  type RemoteMention,
} from '../types.ts';
import type {
  MastodonAccount,
  MastodonContext,
  MastodonInstanceV2,
  MastodonMediaAttachment,
  MastodonNotification,
  MastodonStatus,
} from './entities.ts';
import { fetchMastodonEngagers } from './engagers.ts';
import { createMastodonInbox } from './inbox.ts';
import { mastodonOAuth } from './oauth.ts';
import { guardedFetch } from '../../lib/safe-fetch.ts';
import { mastodonAccountShape, parseNetworkAnswer } from '../response-shape.ts';
import { createMastodonClient, type MastodonRequestFn } from './http.ts';
import { countStatusChars, DEFAULT_URL_CHARS, htmlToPlainText, matchKey } from './text.ts';
import { MASTODON_DEFAULT_LIMITS, validateMastodonPost, type MastodonLimits } from './validate.ts';

export interface MastodonAdapterOptions {
  /** Tests only: replaces the guarded fetch (safe dispatcher per channel's allowPrivateUrls). */
  fetch?: typeof fetch;
  now?: () => number;
  /** Waits between media-processing polls; injected so tests never sleep. */
  sleep?: (ms: number) => Promise<void>;
  requestTimeoutMs?: number;
  mediaPollIntervalMs?: number;
  mediaPollMaxAttempts?: number;
  /**
   * How far back findPublished looks when the input carries no `firstAttemptAt`.
   * Bounds the risk of matching an older post with the same text (recurring posts).
   */
  reconcileLookbackMs?: number;
  /** Pages of 40 own statuses findPublished reads at most. */
  reconcileMaxPages?: number;
}

/**
 * PublishInput as the engine may pass it to findPublished: when it knows when
 * the publication was first attempted, matching is limited to posts created
 * after that moment (minus clock skew).
 */
export interface MastodonReconcileInput extends PublishInput {
  firstAttemptAt?: string;
}

const CLOCK_SKEW_MS = 5 * 60_000;
const MENTION_PAGE_SIZE = 80; // Maximum of GET /api/v1/notifications
const MENTION_MAX_PAGES = 5;
const PAGE_SIZE = 40; // Maximum of GET /api/v1/accounts/:id/statuses

/**
 * What Mastodon publishes: text (the instance builds link previews itself), up to four images,
 * threads, and a first comment (a reply to the post, under its own Idempotency-Key).
 */
export const MASTODON_CAPABILITIES: NetworkCapabilities = {
  postTypes: ['text', 'link', 'image', 'thread'],
  maxCarouselItems: 4,
  firstComment: true,
  mediaByUrl: false,
  charCounting: 'graphemes',
  // Links count 23 characters whatever their length, as Mastodon counts them.
  countChars: (text) => countStatusChars(text),
  options: [],
};

/** Idempotency key of a publication's first comment. */
export function firstCommentIdempotencyKey(publicationId: string): string {
  return `${publicationId}:first-comment`;
}

/** Idempotency key of thread part `index` (0 = the root post). */
export function idempotencyKeyFor(publicationId: string, index: number): string {
  return index === 0 ? publicationId : `${publicationId}:${index}`;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'image/avif': 'avif',
};

function toPublishResult(root: MastodonStatus, followUps: MastodonStatus[]): PublishResult {
  const result: PublishResult = { remoteId: root.id, remoteUrl: root.url ?? root.uri ?? null };
  if (followUps.length > 0) result.threadRemoteIds = followUps.map((status) => status.id);
  return result;
}

function toRemoteMention(notification: MastodonNotification, status: MastodonStatus): RemoteMention {
  const mention: RemoteMention = {
    remoteId: status.id,
    url: status.url ?? status.uri ?? null,
    authorHandle: notification.account.acct,
    text: htmlToPlainText(status.content),
    createdAt: status.created_at,
  };
  if (notification.account.display_name) mention.authorName = notification.account.display_name;
  if (status.in_reply_to_id) mention.inReplyToRemoteId = status.in_reply_to_id;
  return mention;
}

/** Mastodon counts favourites, replies, boosts and (4.5 or later) quotes; no impressions, reach or link clicks. */
export const MASTODON_METRICS: MetricsSupport = {
  reported: ['likes', 'replies', 'reposts', 'quotes', 'followers'],
  missing: { impressions: 'not_provided_by_network', reach: 'not_provided_by_network', clicks: 'use_tracked_links' },
};

/** Creates a Mastodon adapter; `mastodonAdapter` is the default instance. */
export function createMastodonAdapter(options: MastodonAdapterOptions = {}): NetworkAdapter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const mediaPollIntervalMs = options.mediaPollIntervalMs ?? 1_000;
  const mediaPollMaxAttempts = options.mediaPollMaxAttempts ?? 30;
  const reconcileLookbackMs = options.reconcileLookbackMs ?? 24 * 60 * 60_000;
  const reconcileMaxPages = options.reconcileMaxPages ?? 5;

  const clientFor = (ctx: ChannelContext): MastodonRequestFn =>
    createMastodonClient(ctx, { fetch: options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true), now, requestTimeoutMs });

  async function verifyCredentials(request: MastodonRequestFn): Promise<MastodonAccount> {
    const { body } = await request<unknown>({ method: 'GET', path: '/api/v1/accounts/verify_credentials' });
    return parseNetworkAnswer(mastodonAccountShape, body, 'verify_credentials') as unknown as MastodonAccount;
  }

  /** Uploads one image with its alt text; waits (bounded) while Mastodon still processes it. */
  async function uploadMedia(request: MastodonRequestFn, media: MediaInput, ctx: ChannelContext): Promise<string> {
    const form = new FormData();
    const filename = `${media.mediaId}.${EXTENSIONS[media.mimeType] ?? 'bin'}`;
    // Copy into a plain ArrayBuffer: Blob does not take views over shared memory.
    const bytes = new Uint8Array(media.bytes.byteLength);
    bytes.set(media.bytes);
    form.append('file', new Blob([bytes.buffer], { type: media.mimeType }), filename);
    if (media.alt) form.append('description', media.alt);
    const uploaded = await request<MastodonMediaAttachment>({ method: 'POST', path: '/api/v2/media', form });
    if (uploaded.status !== 202 && uploaded.body.url !== null) return uploaded.body.id;

    // 202: the full-size file is processed in the background. GET /api/v1/media/:id
    // answers 206 until it is done, then 200 with a non-null url.
    for (let attempt = 0; attempt < mediaPollMaxAttempts; attempt += 1) {
      if (ctx.signal?.aborted) break;
      await sleep(mediaPollIntervalMs);
      const polled = await request<MastodonMediaAttachment | null>({
        method: 'GET',
        path: `/api/v1/media/${encodeURIComponent(uploaded.body.id)}`,
      });
      if (polled.status === 200 && polled.body && polled.body.url) return uploaded.body.id;
    }
    throw new NetworkError(
      'transient',
      'media_processing_timeout',
      `Mastodon was still processing media ${uploaded.body.id} after ${mediaPollMaxAttempts} checks`,
    );
  }

  async function publish(ctx: ChannelContext, input: PublishInput): Promise<PublishResult> {
    const request = clientFor(ctx);
    const parts = [{ text: input.text, media: input.media }, ...(input.thread ?? [])];
    const contentWarning = input.options?.contentWarning?.trim() ?? '';
    const created: MastodonStatus[] = [];
    try {
      for (const [index, part] of parts.entries()) {
        const mediaIds: string[] = [];
        for (const media of part.media) {
          try {
            mediaIds.push(await uploadMedia(request, media, ctx));
          } catch (error) {
            // An unanswered upload creates at most an unattached attachment, which Mastodon
            // cleans up itself: before any status exists, that is a plain retry, not a reconcile.
            if (error instanceof NetworkError && error.kind === 'ambiguous' && created.length === 0) {
              throw new NetworkError('transient', `media_${error.code}`, error.message, error.details);
            }
            throw error;
          }
        }
        const payload: Record<string, unknown> = { status: part.text };
        if (mediaIds.length > 0) payload.media_ids = mediaIds;
        if (input.options?.visibility) payload.visibility = input.options.visibility;
        if (contentWarning !== '') {
          payload.spoiler_text = contentWarning;
          payload.sensitive = true;
        }
        if (input.options?.language) payload.language = input.options.language;
        const previous = created.at(-1);
        if (previous) payload.in_reply_to_id = previous.id;
        const { body } = await request<MastodonStatus>({
          method: 'POST',
          path: '/api/v1/statuses',
          json: payload,
          idempotencyKey: idempotencyKeyFor(input.publicationId, index),
        });
        created.push(body);
      }
    } catch (error) {
      // Part of a thread is already live: say so, so the failure shown to users is accurate.
      // Retrying within an hour resumes the thread, because each part's key is replayed.
      if (error instanceof NetworkError && created.length > 0) {
        const root = created[0]!;
        throw new NetworkError(
          error.kind,
          error.code,
          `${error.message} (after ${created.length} of ${parts.length} thread posts were published)`,
          {
            ...error.details,
            body: { error: error.details.body, partial: toPublishResult(root, created.slice(1)) },
          },
        );
      }
      throw error;
    }
    return toPublishResult(created[0]!, created.slice(1));
  }

  /** The account's own recent top-level statuses created at or after `notBefore`, oldest first. */
  async function recentOwnStatuses(request: MastodonRequestFn, accountId: string, notBefore: number): Promise<MastodonStatus[]> {
    const found: MastodonStatus[] = [];
    let maxId: string | undefined;
    for (let page = 0; page < reconcileMaxPages; page += 1) {
      const query: Array<[string, string]> = [
        ['limit', String(PAGE_SIZE)],
        ['exclude_reblogs', 'true'],
      ];
      if (maxId) query.push(['max_id', maxId]);
      const { body } = await request<MastodonStatus[]>({
        method: 'GET',
        path: `/api/v1/accounts/${encodeURIComponent(accountId)}/statuses`,
        query,
      });
      if (!Array.isArray(body) || body.length === 0) break;
      found.push(...body.filter((status) => Date.parse(status.created_at) >= notBefore));
      const oldest = body[body.length - 1]!;
      if (body.length < PAGE_SIZE || Date.parse(oldest.created_at) < notBefore) break;
      maxId = oldest.id;
    }
    return found.sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
  }

  function sameContent(status: MastodonStatus, text: string, mediaCount: number, contentWarning: string): boolean {
    return (
      status.media_attachments.length === mediaCount &&
      (status.spoiler_text ?? '').trim() === contentWarning &&
      matchKey(htmlToPlainText(status.content)) === matchKey(text)
    );
  }

  /**
   * Reconciliation after an ambiguous outcome. It never posts: it reads the
   * account's own recent statuses and matches the root by text, content
   * warning, attachment count and creation time, then follows the thread
   * through the root's context. Within the first hour a plain `publish` retry
   * is also safe, since Mastodon replays the Idempotency-Key.
   */
  async function findPublished(ctx: ChannelContext, input: PublishInput): Promise<PublishResult | null> {
    const request = clientFor(ctx);
    const me = await verifyCredentials(request);
    const firstAttemptAt = (input as MastodonReconcileInput).firstAttemptAt;
    const firstAttempt = firstAttemptAt ? Date.parse(firstAttemptAt) : Number.NaN;
    const notBefore = Number.isNaN(firstAttempt) ? now() - reconcileLookbackMs : firstAttempt - CLOCK_SKEW_MS;
    const contentWarning = input.options?.contentWarning?.trim() ?? '';

    const candidates = await recentOwnStatuses(request, me.id, notBefore);
    const root = candidates.find(
      (status) =>
        status.in_reply_to_id === null &&
        (input.options?.visibility === undefined || status.visibility === input.options.visibility) &&
        sameContent(status, input.text, input.media.length, contentWarning),
    );
    if (!root) return null;

    const thread = input.thread ?? [];
    if (thread.length === 0) return toPublishResult(root, []);

    const { body: context } = await request<MastodonContext>({
      method: 'GET',
      path: `/api/v1/statuses/${encodeURIComponent(root.id)}/context`,
    });
    const ownReplies = (context.descendants ?? []).filter((status) => status.account?.id === me.id);
    const followUps: MastodonStatus[] = [];
    let parentId = root.id;
    for (const part of thread) {
      const next = ownReplies.find(
        (status) => status.in_reply_to_id === parentId && sameContent(status, part.text, part.media.length, contentWarning),
      );
      if (!next) break; // Partial thread: threadRemoteIds is shorter than input.thread.
      followUps.push(next);
      parentId = next.id;
    }
    return toPublishResult(root, followUps);
  }

  /**
   * The first comment: a reply to the post. With `reconcile`, the post's context is read first and
   * the account's own reply with this text is returned; the post is sent with its own
   * Idempotency-Key, which Mastodon replays for an hour, so a lost answer cannot make two.
   */
  async function publishFirstComment(ctx: ChannelContext, input: FirstCommentInput) {
    const request = clientFor(ctx);
    if (input.reconcile) {
      const me = await verifyCredentials(request);
      const { body: context } = await request<MastodonContext>({
        method: 'GET',
        path: `/api/v1/statuses/${encodeURIComponent(input.postRemoteId)}/context`,
      });
      const found = (context.descendants ?? []).find(
        (status) =>
          status.account?.id === me.id &&
          status.in_reply_to_id === input.postRemoteId &&
          matchKey(htmlToPlainText(status.content)) === matchKey(input.text),
      );
      if (found) return { remoteId: found.id, remoteUrl: found.url ?? found.uri ?? null };
    }
    const { body } = await request<MastodonStatus>({
      method: 'POST',
      path: '/api/v1/statuses',
      json: { status: input.text, in_reply_to_id: input.postRemoteId },
      idempotencyKey: firstCommentIdempotencyKey(input.publicationId),
    });
    return { remoteId: body.id, remoteUrl: body.url ?? body.uri ?? null };
  }

  return {
    name: 'mastodon',
    // Sign in by server (oauth.ts); pasting a token (connectionFields) still works.
    oauth: mastodonOAuth,
    inbox: createMastodonInbox({ clientFor, verifyCredentials }),
    label: { en: 'Mastodon', es: 'Mastodon' },
    simulated: false,
    limits: MASTODON_DEFAULT_LIMITS,
    capabilities: MASTODON_CAPABILITIES,
    idempotency: 'idempotency-key-header',
    metrics: MASTODON_METRICS,
    connectionFields: [
      {
        name: 'instanceUrl',
        secret: false,
        required: true,
        label: {
          en: 'Your Mastodon server (e.g. https://mastodon.social)',
          es: 'Tu servidor de Mastodon (p. ej. https://mastodon.social)',
        },
      },
      {
        name: 'accessToken',
        secret: true,
        required: true,
        label: {
          en: 'Access token (Preferences → Development → New application, with read and write)',
          es: 'Token de acceso (Preferencias → Desarrollo → Nueva aplicación, con lectura y escritura)',
        },
      },
    ],

    validate(input: PublishInput) {
      return validateMastodonPost(input);
    },

    async checkHealth(ctx: ChannelContext): Promise<ChannelHealth> {
      const account = await verifyCredentials(clientFor(ctx));
      return {
        ok: true,
        account: {
          id: account.id,
          handle: account.acct,
          displayName: account.display_name || undefined,
          followers: account.followers_count,
        },
      };
    },

    publish,
    findPublished,
    publishFirstComment,

    async delete(ctx: ChannelContext, remoteId: string): Promise<void> {
      try {
        await clientFor(ctx)({ method: 'DELETE', path: `/api/v1/statuses/${encodeURIComponent(remoteId)}` });
      } catch (error) {
        // Already gone (e.g. a retried delete whose first attempt succeeded): the goal is reached.
        if (error instanceof NetworkError && error.code === 'not_found') return;
        throw error;
      }
    },

    async fetchMetrics(ctx: ChannelContext, remoteId: string): Promise<PostMetrics> {
      const { body } = await clientFor(ctx)<MastodonStatus>({
        method: 'GET',
        path: `/api/v1/statuses/${encodeURIComponent(remoteId)}`,
      });
      const missing: MissingMetrics = { ...MASTODON_METRICS.missing };
      const quotes = typeof body.quotes_count === 'number' ? body.quotes_count : null;
      // Quote counts arrived in Mastodon 4.5; older servers leave the field out.
      if (quotes === null) missing.quotes = 'needs_newer_server';
      return {
        likes: body.favourites_count,
        replies: body.replies_count,
        reposts: body.reblogs_count,
        quotes,
        impressions: null,
        reach: null,
        clicks: null,
        missing,
      };
    },

    /** Favouriters, boosters and repliers with their follower flag (engagers.ts). */
    async fetchEngagers(ctx: ChannelContext, remoteId: string): Promise<PostEngagers> {
      return fetchMastodonEngagers(clientFor(ctx), remoteId);
    },

    /**
     * Mentions from GET /api/v1/notifications?types[]=mention, newest first.
     * `since` is the remoteId (status id) of the newest mention already seen,
     * or an ISO date. Notification ids are not status ids, so the cut is made
     * here: pages are read (max_id) until a mention at or before `since`.
     */
    async fetchMentions(ctx: ChannelContext, since?: string): Promise<RemoteMention[]> {
      const request = clientFor(ctx);
      const sinceStatusId = since && /^\d+$/.test(since) ? BigInt(since) : null;
      const sinceDate = since && sinceStatusId === null ? Date.parse(since) : Number.NaN;
      const isNew = (status: MastodonStatus): boolean => {
        if (sinceStatusId !== null) return /^\d+$/.test(status.id) && BigInt(status.id) > sinceStatusId;
        if (!Number.isNaN(sinceDate)) return Date.parse(status.created_at) > sinceDate;
        return true;
      };
      const pages = since ? MENTION_MAX_PAGES : 1;
      const mentions: RemoteMention[] = [];
      let maxId: string | undefined;
      for (let page = 0; page < pages; page += 1) {
        const query: Array<[string, string]> = [
          ['types[]', 'mention'],
          ['limit', String(MENTION_PAGE_SIZE)],
        ];
        if (maxId) query.push(['max_id', maxId]);
        const { body } = await request<MastodonNotification[]>({ method: 'GET', path: '/api/v1/notifications', query });
        const notifications = Array.isArray(body) ? body : [];
        let reachedSeen = false;
        for (const notification of notifications) {
          const status = notification.status;
          if (notification.type !== 'mention' || !status) continue;
          if (!isNew(status)) {
            reachedSeen = true;
            continue;
          }
          mentions.push(toRemoteMention(notification, status));
        }
        if (reachedSeen || notifications.length < MENTION_PAGE_SIZE) break;
        maxId = notifications[notifications.length - 1]!.id;
      }
      return mentions;
    },
  };
}

/**
 * Reads the instance's own limits (GET /api/v2/instance), for composers that
 * want to validate against a server with non-default limits via
 * `validateMastodonPost(input, limits)`.
 */
export async function fetchInstanceLimits(ctx: ChannelContext, options: MastodonAdapterOptions = {}): Promise<MastodonLimits> {
  const request = createMastodonClient(ctx, {
    fetch: options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true),
    now: options.now ?? Date.now,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
  });
  const { body } = await request<MastodonInstanceV2>({ method: 'GET', path: '/api/v2/instance' });
  const statuses = body.configuration?.statuses ?? {};
  const media = body.configuration?.media_attachments ?? {};
  const defaults = MASTODON_DEFAULT_LIMITS;
  const imageTypes = media.supported_mime_types?.filter((type) => type.startsWith('image/'));
  return {
    ...defaults,
    maxChars: statuses.max_characters ?? defaults.maxChars,
    maxImages: statuses.max_media_attachments ?? defaults.maxImages,
    maxImageBytes: media.image_size_limit ?? defaults.maxImageBytes,
    acceptedImageTypes: imageTypes && imageTypes.length > 0 ? imageTypes : defaults.acceptedImageTypes,
    maxAltChars: media.description_limit ?? defaults.maxAltChars,
    charactersReservedPerUrl: statuses.characters_reserved_per_url ?? DEFAULT_URL_CHARS,
  };
}
