/**
 * The Threads adapter: containers (`POST /{user}/threads`) published with
 * `POST /{user}/threads_publish`, over the Threads Graph API (see api.ts and docs/networks/threads.md).
 *
 * Idempotency ('reconcile-by-lookup'): Threads has no idempotency key and no hidden marker, so:
 * - within one attempt the container is the retry anchor: when the publish answer is lost (or a
 *   5xx comes back), the container's status says what happened. FINISHED: it was not published,
 *   and publishing the same container again cannot post twice; PUBLISHED: the post exists and is
 *   looked up. A lost container-creation answer publishes nothing (an unpublished container
 *   expires after 24 hours), so that is a plain retry;
 * - across attempts, before creating anything, the account's own posts (and replies, for thread
 *   parts and the first comment) since the first attempt are read, and a post with the same text
 *   and kind is this publication's: publish resumes after what already exists.
 * The publishing limit (250 posts and 1,000 replies per 24 hours) is read first.
 */
import { guardedFetch } from '../../lib/safe-fetch.ts';
import {
  NetworkError,
  type ChannelContext,
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
import type { InboundItem, InboxAdapter } from '../inbox.ts';
import { encodeInboxCursor, newestMark, parseInboxCursor, unseenSince } from '../inbox-cursor.ts';
import { answerMetaChallenge, verifyMetaPush } from '../meta-graph/webhooks.ts';
import { createThreadsClient, type ThreadsRequestFn } from './api.ts';
import { threadsOAuth } from './oauth.ts';
import { threadsPushItems, threadsReplyItem, threadsTime } from './replies.ts';
import { linksIn } from './text.ts';
import { THREADS_CAPABILITIES, THREADS_LIMITS, validateThreadsPost } from './validate.ts';

export interface ThreadsAdapterOptions {
  /** Tests only: replaces the guarded fetch. */
  fetch?: typeof fetch;
  now?: () => number;
  /** Waits between container status checks; injected so tests never sleep. */
  sleep?: (ms: number) => Promise<void>;
  requestTimeoutMs?: number;
  containerPollIntervalMs?: number;
  containerPollMaxAttempts?: number;
  /** How far back publish and findPublished look when the input has no `firstAttemptAt`. */
  reconcileLookbackMs?: number;
  /** Pages of own posts a lookup reads at most. */
  reconcileMaxPages?: number;
}

/** Threads reports views, likes, replies, reposts, quotes (and shares); not reach or link clicks. */
export const THREADS_METRICS: MetricsSupport = {
  reported: ['likes', 'replies', 'reposts', 'quotes', 'impressions', 'followers'],
  missing: { reach: 'not_provided_by_network', clicks: 'use_tracked_links' },
};

const CLOCK_SKEW_MS = 5 * 60_000;
/** The Threads API refuses `since` before this instant (July 2023). */
const EARLIEST_SINCE = 1688540400;
const PAGE_SIZE = 50;
const POST_FIELDS = 'id,text,timestamp,permalink,media_type,is_reply';
const REPLY_FIELDS = 'id,text,timestamp,permalink,media_type,replied_to,root_post';
const MENTION_FIELDS = 'id,text,username,permalink,timestamp,replied_to';
const INBOX_FIELDS = 'id,text,username,permalink,timestamp,replied_to,root_post,hide_status,is_reply_owned_by_me';
/** Posts of the last 30 days whose replies the inbox reads (newest first). */
const INBOX_POSTS = 50;
const INSIGHT_METRICS = ['views', 'likes', 'replies', 'reposts', 'quotes', 'shares'] as const;
/** A rolling 24-hour publishing window frees one slot at a time: look again in an hour. */
const QUOTA_RETRY_MS = 60 * 60_000;
/** Own posts whose replies the listening source reads. */
const RECENT_POSTS_FOR_REPLIES = 10;

interface ThreadsMedia {
  id: string;
  text?: string;
  timestamp?: string;
  permalink?: string;
  media_type?: string;
  is_reply?: boolean;
  username?: string;
  replied_to?: { id: string };
  root_post?: { id: string };
  hide_status?: string;
  is_reply_owned_by_me?: boolean;
}

interface Page<T> {
  data?: T[];
  paging?: { cursors?: { after?: string }; next?: string };
}

type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

interface Part {
  text: string;
  media: MediaInput[];
}

const mediaKind = (media: MediaInput) => media.kind ?? (media.mimeType.startsWith('video/') ? 'video' : 'image');

/** The media_type Threads reports for a published post made of `part`. */
function expectedMediaType(part: Part): string {
  if (part.media.length > 1) return 'CAROUSEL_ALBUM';
  if (part.media.length === 1) return mediaKind(part.media[0]!) === 'video' ? 'VIDEO' : 'IMAGE';
  return 'TEXT_POST';
}

const sameText = (a: string | undefined, b: string) => (a ?? '').trim() === b.trim();

/** Creates a Threads adapter; `threadsAdapter` is the default instance. */
export function createThreadsAdapter(options: ThreadsAdapterOptions = {}): NetworkAdapter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const pollIntervalMs = options.containerPollIntervalMs ?? 3_000;
  const pollMaxAttempts = options.containerPollMaxAttempts ?? 40;
  const lookbackMs = options.reconcileLookbackMs ?? 15 * 60_000;
  const maxPages = options.reconcileMaxPages ?? 4;

  function channelOf(ctx: ChannelContext): { request: ThreadsRequestFn; userId: string } {
    const token = ctx.credentials.accessToken;
    if (typeof token !== 'string' || token.trim() === '')
      throw new NetworkError('auth', 'missing_token', 'The Threads channel has no access token');
    const userId = [ctx.settings.userId, ctx.credentials.userId].find((value) => typeof value === 'string' && value !== '') as
      | string
      | undefined;
    const client = createThreadsClient(
      { origin: ctx.origin, signal: ctx.signal, deadline: ctx.deadline, now: ctx.now },
      { fetch: options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true), now, requestTimeoutMs },
    );
    const request: ThreadsRequestFn = (req) => client({ ...req, token: token.trim() });
    return { request, userId: userId ?? 'me' };
  }

  /** Unix seconds from which a lookup reads: the first attempt (minus skew), else the lookback. */
  function sinceOf(input: PublishInput): number {
    const first = input.firstAttemptAt ? Date.parse(input.firstAttemptAt) : Number.NaN;
    const from = Number.isNaN(first) ? now() - lookbackMs : first - CLOCK_SKEW_MS;
    return Math.max(EARLIEST_SINCE, Math.floor(from / 1000));
  }

  /** Reads pages of `path` (a list edge) since `since`, stopping at the first item `match` accepts. */
  async function scan(request: ThreadsRequestFn, path: string, fields: string, since: number, match: (item: ThreadsMedia) => boolean) {
    let after: string | undefined;
    const found: ThreadsMedia[] = [];
    for (let page = 0; page < maxPages; page += 1) {
      const { body } = await request<Page<ThreadsMedia>>({
        method: 'GET',
        path,
        query: { fields, since: String(since), limit: String(PAGE_SIZE), after },
      });
      found.push(...(body?.data ?? []).filter(match));
      after = body?.paging?.cursors?.after;
      if (!body?.paging?.next || !after || (body.data ?? []).length === 0) break;
    }
    // Lists are newest first: the oldest match is the one this publication made first.
    return found.sort((a, b) => threadsTime(a.timestamp).localeCompare(threadsTime(b.timestamp)))[0] ?? null;
  }

  async function findRoot(request: ThreadsRequestFn, userId: string, part: Part, since: number): Promise<ThreadsMedia | null> {
    const type = expectedMediaType(part);
    return scan(
      request,
      `/${userId}/threads`,
      POST_FIELDS,
      since,
      (post) => !post.is_reply && sameText(post.text, part.text) && (post.media_type ?? type) === type,
    );
  }

  async function findReply(
    request: ThreadsRequestFn,
    userId: string,
    text: string,
    parentId: string,
    since: number,
  ): Promise<ThreadsMedia | null> {
    return scan(
      request,
      `/${userId}/replies`,
      REPLY_FIELDS,
      since,
      (reply) => reply.replied_to?.id === parentId && sameText(reply.text, text),
    );
  }

  /** What of this publication is already on Threads: root, thread parts in order, first comment. */
  async function lookup(request: ThreadsRequestFn, userId: string, input: PublishInput) {
    const since = sinceOf(input);
    const parts: Part[] = [{ text: input.text, media: input.media }, ...(input.thread ?? [])];
    const found: ThreadsMedia[] = [];
    const root = await findRoot(request, userId, parts[0]!, since);
    if (!root) return { found, firstComment: null as ThreadsMedia | null };
    found.push(root);
    for (const part of parts.slice(1)) {
      const reply = await findReply(request, userId, part.text, found.at(-1)!.id, since);
      if (!reply) break;
      found.push(reply);
    }
    const firstComment =
      input.firstComment && found.length === parts.length ? await findReply(request, userId, input.firstComment, root.id, since) : null;
    return { found, firstComment };
  }

  function resultOf(found: ThreadsMedia[], firstComment: ThreadsMedia | null): PublishResult {
    const root = found[0]!;
    const result: PublishResult = { remoteId: root.id, remoteUrl: root.permalink ?? null };
    if (found.length > 1) result.threadRemoteIds = found.slice(1).map((post) => post.id);
    if (firstComment) result.firstCommentRemoteId = firstComment.id;
    return result;
  }

  /** Reads the publishing limit and refuses (rate_limited) when what remains would exceed it. */
  async function checkQuota(request: ThreadsRequestFn, userId: string, posts: number, replies: number): Promise<void> {
    if (posts === 0 && replies === 0) return;
    let usage:
      | { quota_usage?: number; config?: { quota_total?: number }; reply_quota_usage?: number; reply_config?: { quota_total?: number } }
      | undefined;
    try {
      const { body } = await request<{ data?: Array<typeof usage> }>({
        method: 'GET',
        path: `/${userId}/threads_publishing_limit`,
        query: { fields: 'quota_usage,config,reply_quota_usage,reply_config' },
      });
      usage = body?.data?.[0];
    } catch (error) {
      // Without the permission to read the limit, publishing still reports it when reached.
      if (error instanceof NetworkError && error.code === 'permission_denied') return;
      throw error;
    }
    const full = (used: number | undefined, total: number | undefined, needed: number) =>
      needed > 0 && typeof used === 'number' && typeof total === 'number' && used + needed > total;
    if (full(usage?.quota_usage, usage?.config?.quota_total, posts)) {
      throw new NetworkError(
        'rate_limited',
        'publishing_limit',
        `Threads publishing limit reached (${usage?.quota_usage} of ${usage?.config?.quota_total} posts in 24 hours)`,
        {
          retryAfterMs: QUOTA_RETRY_MS,
        },
      );
    }
    if (full(usage?.reply_quota_usage, usage?.reply_config?.quota_total, replies)) {
      throw new NetworkError(
        'rate_limited',
        'reply_limit',
        `Threads reply limit reached (${usage?.reply_quota_usage} of ${usage?.reply_config?.quota_total} replies in 24 hours)`,
        {
          retryAfterMs: QUOTA_RETRY_MS,
        },
      );
    }
  }

  async function containerStatus(request: ThreadsRequestFn, id: string): Promise<{ status: ContainerStatus; error_message?: string }> {
    const { body } = await request<{ status?: ContainerStatus; error_message?: string }>({
      method: 'GET',
      path: `/${id}`,
      query: { fields: 'id,status,error_message' },
    });
    return { status: body?.status ?? 'IN_PROGRESS', error_message: body?.error_message };
  }

  /** Waits until the container is ready to publish; ERROR is permanent, EXPIRED starts over. */
  async function awaitContainer(request: ThreadsRequestFn, id: string, ctx: ChannelContext): Promise<ContainerStatus> {
    for (let attempt = 0; attempt < pollMaxAttempts; attempt += 1) {
      const { status, error_message } = await containerStatus(request, id);
      if (status === 'FINISHED' || status === 'PUBLISHED') return status;
      if (status === 'ERROR') {
        throw new NetworkError('permanent', 'container_error', `Threads could not process the post: ${error_message ?? 'UNKNOWN'}`, {
          body: { status, error_message },
        });
      }
      if (status === 'EXPIRED')
        throw new NetworkError(
          'transient',
          'container_expired',
          'The Threads container expired before it was published; a new one will be made',
        );
      if (ctx.signal?.aborted) break;
      await sleep(pollIntervalMs);
    }
    throw new NetworkError('transient', 'container_processing_timeout', `Threads was still processing container ${id}`);
  }

  async function createContainer(request: ThreadsRequestFn, userId: string, form: Record<string, string | undefined>): Promise<string> {
    try {
      const { body } = await request<{ id?: string }>({ method: 'POST', path: `/${userId}/threads`, form });
      if (typeof body?.id !== 'string')
        throw new NetworkError('permanent', 'unexpected_response', 'Unexpected answer to container creation');
      return body.id;
    } catch (error) {
      // An unanswered container creation published nothing: an orphan container expires on its own.
      if (error instanceof NetworkError && error.kind === 'ambiguous') {
        throw new NetworkError('transient', `container_${error.code}`, error.message, error.details);
      }
      throw error;
    }
  }

  function mediaForm(media: MediaInput): Record<string, string | undefined> {
    if (!media.publicUrl) {
      throw new NetworkError(
        'permanent',
        'media_url_missing',
        'Threads fetches media from a public URL: set PUBLIC_URL to an address reachable from the internet',
      );
    }
    const video = mediaKind(media) === 'video';
    return {
      media_type: video ? 'VIDEO' : 'IMAGE',
      [video ? 'video_url' : 'image_url']: media.publicUrl,
      alt_text: media.alt || undefined,
    };
  }

  /** Creates the container(s) of one part and waits until it can be published. */
  async function containerFor(
    request: ThreadsRequestFn,
    userId: string,
    ctx: ChannelContext,
    part: Part,
    common: Record<string, string | undefined>,
    link?: string,
  ): Promise<string> {
    let form: Record<string, string | undefined>;
    if (part.media.length === 0) {
      form = { media_type: 'TEXT', text: part.text, link_attachment: link, ...common };
    } else if (part.media.length === 1) {
      form = { ...mediaForm(part.media[0]!), text: part.text || undefined, ...common };
    } else {
      const forms = part.media.map(mediaForm);
      const children: string[] = [];
      for (const child of forms) children.push(await createContainer(request, userId, { ...child, is_carousel_item: 'true' }));
      for (const child of children) await awaitContainer(request, child, ctx);
      form = { media_type: 'CAROUSEL', children: children.join(','), text: part.text || undefined, ...common };
    }
    const id = await createContainer(request, userId, form);
    await awaitContainer(request, id, ctx);
    return id;
  }

  /**
   * Publishes a ready container. The container is the anchor: after a lost answer or a 5xx its
   * status says whether the post exists (PUBLISHED: look it up) or not (FINISHED: publish it again,
   * which cannot post twice).
   */
  async function publishContainer(
    request: ThreadsRequestFn,
    userId: string,
    containerId: string,
    findPost: () => Promise<ThreadsMedia | null>,
  ): Promise<string> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const { body } = await request<{ id?: string }>({
          method: 'POST',
          path: `/${userId}/threads_publish`,
          form: { creation_id: containerId },
        });
        if (typeof body?.id !== 'string')
          throw new NetworkError('ambiguous', 'unexpected_response', 'Unexpected answer to threads_publish');
        return body.id;
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error;
        const unsure = error.kind === 'ambiguous' || error.kind === 'transient' || error.code === 'duplicate';
        if (!unsure || error.code === 'deadline_passed' || error.code === 'aborted') throw error;
        let status: ContainerStatus;
        try {
          status = (await containerStatus(request, containerId)).status;
        } catch {
          throw error.kind === 'transient' ? error : new NetworkError('ambiguous', error.code, error.message, error.details);
        }
        if (status === 'PUBLISHED') {
          const post = await findPost();
          if (post) return post.id;
          throw new NetworkError(
            'ambiguous',
            'published_not_found',
            'Threads says the post was published but it is not in the account’s posts yet',
          );
        }
        // Not published: a 5xx is the network's failure to retry later; a lost answer is retried once here.
        if (error.kind !== 'ambiguous' || attempt > 0 || status !== 'FINISHED') {
          throw error.kind === 'ambiguous'
            ? new NetworkError('transient', error.code, `${error.message} (the post was not published)`, error.details)
            : error;
        }
      }
    }
  }

  async function permalinkOf(request: ThreadsRequestFn, id: string): Promise<string | null> {
    try {
      const { body } = await request<{ permalink?: string }>({ method: 'GET', path: `/${id}`, query: { fields: 'id,permalink' } });
      return body?.permalink ?? null;
    } catch {
      return null;
    }
  }

  async function publish(ctx: ChannelContext, input: PublishInput): Promise<PublishResult> {
    const { request, userId } = channelOf(ctx);
    const parts: Part[] = [{ text: input.text, media: input.media }, ...(input.thread ?? [])];
    // Nothing is sent for media Threads could not fetch.
    for (const part of parts) part.media.forEach(mediaForm);
    const since = sinceOf(input);
    const existing = await lookup(request, userId, input);
    const found = existing.found;
    let firstComment = existing.firstComment;
    const commentPending = input.firstComment !== undefined && input.firstComment.trim() !== '' && !firstComment;
    if (found.length === parts.length && !commentPending) return resultOf(found, firstComment);

    await checkQuota(request, userId, found.length === 0 ? 1 : 0, parts.length - Math.max(found.length, 1) + (commentPending ? 1 : 0));
    const replyControl = input.options?.network?.reply_control;
    const common = { reply_control: typeof replyControl === 'string' ? replyControl : undefined };
    const link = input.postType === 'link' ? linksIn(input.text)[0] : undefined;
    try {
      for (let index = found.length; index < parts.length; index += 1) {
        const part = parts[index]!;
        const parent = found.at(-1);
        const containerId = await containerFor(
          request,
          userId,
          ctx,
          part,
          { ...common, reply_to_id: parent?.id },
          index === 0 ? link : undefined,
        );
        // The container is ready: the posting slot is taken now, as Threads counts the post.
        await ctx.postingSlot?.();
        const postId = await publishContainer(request, userId, containerId, () =>
          parent ? findReply(request, userId, part.text, parent.id, since) : findRoot(request, userId, part, since),
        );
        found.push({
          id: postId,
          text: part.text,
          permalink: index === 0 ? ((await permalinkOf(request, postId)) ?? undefined) : undefined,
        });
      }
    } catch (error) {
      if (error instanceof NetworkError && found.length > 0) {
        throw new NetworkError(
          error.kind,
          error.code,
          `${error.message} (after ${found.length} of ${parts.length} thread posts were published)`,
          error.details,
        );
      }
      throw error;
    }
    if (commentPending) {
      const root = found[0]!;
      try {
        const containerId = await containerFor(request, userId, ctx, { text: input.firstComment!, media: [] }, { reply_to_id: root.id });
        const commentId = await publishContainer(request, userId, containerId, () =>
          findReply(request, userId, input.firstComment!, root.id, since),
        );
        firstComment = { id: commentId };
      } catch (error) {
        // The post is live: a comment Threads refuses for good is left out rather than failing the post.
        if (!(error instanceof NetworkError) || error.kind !== 'permanent') throw error;
      }
    }
    return resultOf(found, firstComment);
  }

  /**
   * The publication as it is on Threads, once complete (every thread part, and the first comment
   * when there is one). A partly published one answers null: publishing again is safe, because
   * `publish` reads what exists first and resumes after it.
   */
  async function findPublished(ctx: ChannelContext, input: PublishInput): Promise<PublishResult | null> {
    const { request, userId } = channelOf(ctx);
    const { found, firstComment } = await lookup(request, userId, input);
    const parts = 1 + (input.thread?.length ?? 0);
    const commentWanted = input.firstComment !== undefined && input.firstComment.trim() !== '';
    if (found.length < parts || (commentWanted && !firstComment)) return null;
    return resultOf(found, firstComment);
  }

  async function fetchFollowers(request: ThreadsRequestFn, userId: string): Promise<number | undefined> {
    try {
      const { body } = await request<{
        data?: Array<{ name?: string; total_value?: { value?: number }; values?: Array<{ value?: number }> }>;
      }>({
        method: 'GET',
        path: `/${userId}/threads_insights`,
        query: { metric: 'followers_count' },
      });
      const entry = body?.data?.find((item) => item.name === 'followers_count');
      const value = entry?.total_value?.value ?? entry?.values?.at(-1)?.value;
      return typeof value === 'number' ? value : undefined;
    } catch {
      return undefined;
    }
  }

  async function checkHealth(ctx: ChannelContext): Promise<ChannelHealth> {
    try {
      const { request, userId } = channelOf(ctx);
      const { body } = await request<{ id?: string; username?: string; name?: string }>({
        method: 'GET',
        path: `/${userId}`,
        query: { fields: 'id,username,name' },
      });
      if (typeof body?.id !== 'string') throw new NetworkError('permanent', 'unexpected_response', 'Unexpected answer to the profile read');
      const account: NonNullable<ChannelHealth['account']> = { id: body.id, handle: body.username ?? body.id };
      if (body.name) account.displayName = body.name;
      const followers = await fetchFollowers(request, userId);
      if (followers !== undefined) account.followers = followers;
      return { ok: true, account };
    } catch (error) {
      return unhealthy(error);
    }
  }

  async function remove(ctx: ChannelContext, remoteId: string): Promise<void> {
    const { request } = channelOf(ctx);
    try {
      await request({ method: 'DELETE', path: `/${encodeURIComponent(remoteId)}` });
    } catch (error) {
      // Already gone is what deleting wanted.
      if (error instanceof NetworkError && error.code === 'not_found') return;
      throw error;
    }
  }

  async function fetchMetrics(ctx: ChannelContext, remoteId: string): Promise<PostMetrics> {
    const { request } = channelOf(ctx);
    const metrics: PostMetrics = {
      likes: null,
      replies: null,
      reposts: null,
      quotes: null,
      impressions: null,
      reach: null,
      clicks: null,
      shares: null,
      missing: { ...THREADS_METRICS.missing },
    };
    let data: Array<{ name?: string; values?: Array<{ value?: number }>; total_value?: { value?: number } }> = [];
    try {
      const { body } = await request<{ data?: typeof data }>({
        method: 'GET',
        path: `/${encodeURIComponent(remoteId)}/insights`,
        query: { metric: INSIGHT_METRICS.join(',') },
      });
      data = body?.data ?? [];
    } catch (error) {
      if (error instanceof NetworkError && error.code === 'permission_denied') {
        const missing: MissingMetrics = { ...metrics.missing };
        for (const name of ['likes', 'replies', 'reposts', 'quotes', 'impressions'] as const) missing[name] = 'needs_permission';
        return { ...metrics, missing };
      }
      throw error;
    }
    const value = (name: string): number | null => {
      const entry = data.find((item) => item.name === name);
      const raw = entry?.total_value?.value ?? entry?.values?.[0]?.value;
      return typeof raw === 'number' ? raw : null;
    };
    const assign = (metric: 'likes' | 'replies' | 'reposts' | 'quotes' | 'impressions', name: string) => {
      metrics[metric] = value(name);
      if (metrics[metric] === null) metrics.missing[metric] = 'not_provided_by_network';
    };
    assign('impressions', 'views');
    assign('likes', 'likes');
    assign('replies', 'replies');
    assign('reposts', 'reposts');
    assign('quotes', 'quotes');
    metrics.shares = value('shares');
    return metrics;
  }

  function mentionOf(item: ThreadsMedia): RemoteMention {
    const mention: RemoteMention = {
      remoteId: item.id,
      url: item.permalink ?? null,
      authorHandle: item.username ?? '',
      text: item.text ?? '',
      createdAt: threadsTime(item.timestamp),
    };
    if (item.replied_to?.id) mention.inReplyToRemoteId = item.replied_to.id;
    return mention;
  }

  /** Posts that mention the account, and replies to its recent posts (the channel-mentions source). */
  async function fetchMentions(ctx: ChannelContext, since?: string): Promise<RemoteMention[]> {
    const { request, userId } = channelOf(ctx);
    const sinceMs = since ? Date.parse(since) : now() - 7 * 24 * 60 * 60_000;
    const sinceSeconds = Math.max(EARLIEST_SINCE, Math.floor((Number.isNaN(sinceMs) ? 0 : sinceMs) / 1000));
    const ownHandle = typeof ctx.settings.username === 'string' ? ctx.settings.username : undefined;
    const byId = new Map<string, RemoteMention>();
    const keep = (item: ThreadsMedia) => {
      if (ownHandle && item.username === ownHandle) return;
      if (Date.parse(threadsTime(item.timestamp)) <= sinceMs) return;
      byId.set(item.id, mentionOf(item));
    };
    const optional = async (read: () => Promise<void>) => {
      try {
        await read();
      } catch (error) {
        // A permission the account did not grant (mentions need threads_manage_mentions) skips that part.
        if (!(error instanceof NetworkError && error.code === 'permission_denied')) throw error;
      }
    };
    await optional(async () => {
      let after: string | undefined;
      for (let page = 0; page < maxPages; page += 1) {
        const { body } = await request<Page<ThreadsMedia>>({
          method: 'GET',
          path: `/${userId}/mentions`,
          query: { fields: MENTION_FIELDS, since: String(sinceSeconds), limit: String(PAGE_SIZE), after },
        });
        (body?.data ?? []).forEach(keep);
        after = body?.paging?.cursors?.after;
        if (!body?.paging?.next || !after) break;
      }
    });
    await optional(async () => {
      // Replies come to recent posts, however old the post: the ten newest posts are read.
      const { body } = await request<Page<ThreadsMedia>>({
        method: 'GET',
        path: `/${userId}/threads`,
        query: { fields: 'id,timestamp', limit: String(RECENT_POSTS_FOR_REPLIES) },
      });
      for (const post of body?.data ?? []) {
        const replies = await request<Page<ThreadsMedia>>({
          method: 'GET',
          path: `/${post.id}/conversation`,
          query: { fields: MENTION_FIELDS },
        });
        (replies.body?.data ?? []).forEach(keep);
      }
    });
    return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /**
   * The inbox: replies to the account's threads of the last 30 days (`/{post}/conversation`, every
   * depth, with `hide_status`), a durable cursor by time; answering with a reply container
   * (`reply_to_id`, then `threads_publish`), looked up first among the account's own replies so
   * it is never published twice; hiding and unhiding (`POST /{reply}/manage_reply`). Threads names
   * authors by username only. Scopes: threads_read_replies, threads_manage_replies.
   * Pushes: the app's `replies` webhook, signed with the app secret like every Meta webhook
   * (replies.ts reads it into the items polling makes; polling stays the fallback).
   */
  const inbox: InboxAdapter = {
    capabilities: { kinds: ['reply'], actions: ['reply', 'hide', 'unhide'], maxReplyChars: 500, push: true },

    async fetchInbound(ctx, { cursor, since }) {
      const { request, userId } = channelOf(ctx);
      const ownHandle = typeof ctx.settings.username === 'string' ? ctx.settings.username : undefined;
      const state = parseInboxCursor<{ r?: number; ri?: string[] }>(cursor);
      const start = since ? Date.parse(since) : now() - 30 * 24 * 3_600_000;
      const from = state.r ?? start;
      const { body } = await request<Page<ThreadsMedia>>({
        method: 'GET',
        path: `/${userId}/threads`,
        query: {
          fields: 'id,timestamp',
          since: String(Math.max(EARLIEST_SINCE, Math.floor((now() - 30 * 24 * 3_600_000) / 1000))),
          limit: String(INBOX_POSTS),
        },
      });
      const read: InboundItem[] = [];
      for (const post of body?.data ?? []) {
        const { body: replies } = await request<Page<ThreadsMedia>>({
          method: 'GET',
          path: `/${post.id}/conversation`,
          query: { fields: INBOX_FIELDS, reverse: 'false' },
        });
        for (const reply of replies?.data ?? []) {
          if (Date.parse(threadsTime(reply.timestamp)) < from) continue;
          const fromUs = reply.is_reply_owned_by_me === true || (ownHandle !== undefined && reply.username === ownHandle);
          read.push(threadsReplyItem(reply, post.id, fromUs));
        }
      }
      const items = unseenSince(read, state.r, state.ri).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      const mark = newestMark(items, { at: state.r, ids: state.ri }, start);
      return { items, cursor: encodeInboxCursor({ r: mark.at, ri: mark.ids }), hasMore: false };
    },

    async reply(ctx, input) {
      if (input.mode !== 'public') throw new NetworkError('permanent', 'action_not_supported', 'Threads replies are public');
      if (input.text.trim() === '') throw new NetworkError('permanent', 'invalid_content', 'The reply is empty');
      const { request, userId } = channelOf(ctx);
      const parent = input.target.remoteId;
      const since = Math.max(EARLIEST_SINCE, Math.floor((now() - 7 * 24 * 3_600_000) / 1000));
      const existing = await findReply(request, userId, input.text, parent, since);
      if (existing) return { remoteId: existing.id, remoteUrl: existing.permalink ?? null };
      await checkQuota(request, userId, 0, 1);
      const containerId = await containerFor(request, userId, ctx, { text: input.text, media: [] }, { reply_to_id: parent });
      const id = await publishContainer(request, userId, containerId, () => findReply(request, userId, input.text, parent, since));
      return { remoteId: id, remoteUrl: await permalinkOf(request, id) };
    },

    async findReply(ctx, input) {
      const { request, userId } = channelOf(ctx);
      const since = Math.max(EARLIEST_SINCE, Math.floor((now() - 7 * 24 * 3_600_000) / 1000));
      const found = await findReply(request, userId, input.text, input.target.remoteId, since);
      return found ? { remoteId: found.id, remoteUrl: found.permalink ?? null } : null;
    },

    async act(ctx, action, target) {
      if (action !== 'hide' && action !== 'unhide')
        throw new NetworkError('permanent', 'action_not_supported', `Threads has no "${action}" Plaza can use on a reply`);
      const { request } = channelOf(ctx);
      if (!/^\d{1,40}$/.test(target.remoteId)) throw new NetworkError('permanent', 'invalid_id', 'Not a Threads id');
      await request({ method: 'POST', path: `/${target.remoteId}/manage_reply`, form: { hide: String(action === 'hide') } });
    },

    verifyPush: verifyMetaPush,
    answerPushChallenge: answerMetaChallenge,

    parsePush(ctx, body) {
      const userId = [ctx.settings.userId, ctx.credentials.userId].find((value) => typeof value === 'string' && value !== '');
      const ownHandle = typeof ctx.settings.username === 'string' ? ctx.settings.username : undefined;
      // Without the channel's user id no delivery can be told to be its own (none is taken): polling reads them.
      return threadsPushItems(body, { userId: typeof userId === 'string' ? userId : '', ownHandle });
    },
  };

  return {
    name: 'threads',
    label: { en: 'Threads', es: 'Threads' },
    simulated: false,
    limits: THREADS_LIMITS,
    capabilities: THREADS_CAPABILITIES,
    idempotency: 'reconcile-by-lookup',
    oauth: threadsOAuth,
    connectionFields: [
      { name: 'accessToken', secret: true, required: true, label: { en: 'Access token', es: 'Token de acceso' } },
      { name: 'userId', secret: false, required: false, label: { en: 'Threads user id', es: 'Id de usuario de Threads' } },
    ],
    metrics: THREADS_METRICS,
    validate: validateThreadsPost,
    checkHealth,
    publish,
    findPublished,
    delete: remove,
    fetchMetrics,
    fetchMentions,
    inbox,
  };
}
