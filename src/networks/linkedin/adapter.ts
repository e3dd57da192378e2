/**
 * The LinkedIn adapter: the versioned Posts API for member profiles and organization pages; its inbox
 * (comments read and answered) is inbox.ts.
 * See docs/networks/linkedin.md for the sign-in, scopes and limits.
 *
 * Idempotency: LinkedIn takes no idempotency key, so before any retry (and whenever `publish`
 * runs again for a publication first attempted earlier) the adapter reads the author's recent
 * posts (`/rest/posts?q=author`) and returns the one with this publication's text; LinkedIn's
 * own "Content is a duplicate" refusal is reconciled the same way.
 */
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
import {
  LINKEDIN_API,
  channelAuthor,
  createLinkedInClient,
  duplicateOf,
  encodeUrn,
  memberUnreadable,
  restliQuery,
  type LinkedInAuthor,
  type LinkedInRequestFn,
} from './api.ts';
import { commentUrl, commentUrnOf, listComments, postUrl, type LinkedInComment } from './comments.ts';
import { createLinkedInInbox } from './inbox.ts';
import { createLinkedInOAuthProvider } from './oauth.ts';
import { firstUrl, fromLittleText, toLittleText } from './text.ts';
import {
  LINKEDIN_CAPABILITIES,
  LINKEDIN_IMAGE_TYPES,
  LINKEDIN_MAX_IMAGE_BYTES,
  LINKEDIN_LIMITS,
  LINKEDIN_VISIBILITIES,
  VISIBILITY_OPTION,
  linkedInMediaKind,
  linkedInPostType,
  validateLinkedInPost,
} from './validate.ts';
import { mediaLength, mediaSlice } from '../media-bytes.ts';

export interface LinkedInAdapterOptions {
  /** Tests only: replaces the guarded fetch. */
  fetch?: typeof fetch;
  now?: () => number;
  /** Waits between video status polls and upload retries; injected so tests never sleep. */
  sleep?: (ms: number) => Promise<void>;
  requestTimeoutMs?: number;
  videoPollIntervalMs?: number;
  videoPollMaxAttempts?: number;
  /** Tries per video part before the upload gives up (a cut-off part is sent again, the others are not). */
  uploadPartAttempts?: number;
  /** How far back a reconcile looks when the publication carries no `firstAttemptAt`. */
  reconcileLookbackMs?: number;
  reconcileMaxPages?: number;
  /** How far back `fetchMentions` reads the author's posts for comments when no `since` is given. */
  mentionsLookbackMs?: number;
}

/** Pages report share statistics and followers; personal profiles report nothing without restricted scopes. */
export const LINKEDIN_METRICS: MetricsSupport = {
  reported: ['likes', 'replies', 'reposts', 'impressions', 'reach', 'clicks', 'followers'],
  missing: { quotes: 'not_provided_by_network' },
};

/** A member's own post: reading its counts needs r_member_social / r_member_postAnalytics, which LinkedIn grants only to approved partners. */
const PROFILE_MISSING: PostMetrics['missing'] = {
  likes: 'needs_permission',
  replies: 'needs_permission',
  reposts: 'needs_permission',
  quotes: 'not_provided_by_network',
  impressions: 'needs_permission',
  reach: 'needs_permission',
  clicks: 'use_tracked_links',
};

const CLOCK_SKEW_MS = 5 * 60_000;
const PAGE_SIZE = 50;
/** A publish that runs this long after its first attempt is a retry: look before posting. */
const RETRY_AFTER_MS = 1_000;

interface LinkedInPost {
  id: string;
  author?: string;
  commentary?: string;
  createdAt?: number;
  publishedAt?: number;
  lifecycleState?: string;
  content?: Record<string, unknown>;
}

type Author = LinkedInAuthor;

export { channelAuthor, postUrl };

/** Creates a LinkedIn adapter; `linkedinAdapter` (index.ts) is the default instance. */
export function createLinkedInAdapter(options: LinkedInAdapterOptions = {}): NetworkAdapter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  const videoPollIntervalMs = options.videoPollIntervalMs ?? 3_000;
  const videoPollMaxAttempts = options.videoPollMaxAttempts ?? 60;
  const uploadPartAttempts = options.uploadPartAttempts ?? 3;
  const reconcileLookbackMs = options.reconcileLookbackMs ?? 24 * 60 * 60_000;
  const reconcileMaxPages = options.reconcileMaxPages ?? 5;
  const mentionsLookbackMs = options.mentionsLookbackMs ?? 7 * 24 * 60 * 60_000;

  const clientFor = (ctx: ChannelContext): LinkedInRequestFn =>
    createLinkedInClient(ctx, { fetch: options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true), now, requestTimeoutMs });

  // ---- media -------------------------------------------------------------------------------

  /** PUT to an upload URL LinkedIn handed out; the bearer token only goes to LinkedIn's own hosts. */
  async function put(request: LinkedInRequestFn, uploadUrl: string, bytes: Uint8Array) {
    const host = new URL(uploadUrl).hostname;
    const ours = host === 'linkedin.com' || host.endsWith('.linkedin.com');
    return request<unknown>({ method: 'PUT', url: uploadUrl, bytes, versioned: false, auth: ours });
  }

  /** Images and documents: initializeUpload, then one PUT of the file. Returns the asset URN. */
  async function uploadSimple(request: LinkedInRequestFn, owner: string, media: MediaInput, kind: 'image' | 'document'): Promise<string> {
    const resource = kind === 'image' ? 'images' : 'documents';
    const { body } = await request<{ value?: { uploadUrl?: string; image?: string; document?: string } }>({
      method: 'POST',
      url: `${LINKEDIN_API.rest}/${resource}?action=initializeUpload`,
      json: { initializeUploadRequest: { owner } },
    });
    const urn = kind === 'image' ? body?.value?.image : body?.value?.document;
    const uploadUrl = body?.value?.uploadUrl;
    if (!urn || !uploadUrl)
      throw new NetworkError('permanent', 'unexpected_response', `LinkedIn answered ${resource} initializeUpload without an upload URL`);
    await put(request, uploadUrl, media.bytes);
    return urn;
  }

  /** Video: initializeUpload (parts of ~4 MB), each part PUT (a cut-off part is sent again), finalizeUpload, then wait until AVAILABLE. */
  async function uploadVideo(request: LinkedInRequestFn, owner: string, media: MediaInput, ctx: ChannelContext): Promise<string> {
    const { body } = await request<{
      value?: {
        video?: string;
        uploadToken?: string;
        uploadInstructions?: Array<{ uploadUrl: string; firstByte: number; lastByte: number }>;
      };
    }>({
      method: 'POST',
      url: `${LINKEDIN_API.rest}/videos?action=initializeUpload`,
      json: { initializeUploadRequest: { owner, fileSizeBytes: mediaLength(media), uploadCaptions: false, uploadThumbnail: false } },
    });
    const video = body?.value?.video;
    const instructions = body?.value?.uploadInstructions;
    if (!video || !instructions?.length)
      throw new NetworkError('permanent', 'unexpected_response', 'LinkedIn answered videos initializeUpload without upload instructions');
    const etags: string[] = [];
    for (const part of instructions) {
      const bytes = await mediaSlice(media, part.firstByte, part.lastByte + 1);
      for (let attempt = 1; ; attempt += 1) {
        try {
          const answer = await put(request, part.uploadUrl, bytes);
          const etag = answer.headers.get('etag');
          if (!etag) throw new NetworkError('permanent', 'unexpected_response', 'LinkedIn answered a video part upload without an ETag');
          etags.push(etag);
          break;
        } catch (error) {
          // Re-sending one part is harmless (LinkedIn keeps the last one per URL): resume from it.
          const retryable = error instanceof NetworkError && (error.kind === 'transient' || error.kind === 'ambiguous');
          if (!retryable || attempt >= uploadPartAttempts || ctx.signal?.aborted) throw error;
          await sleep(Math.min(1_000 * 2 ** (attempt - 1), 10_000));
        }
      }
    }
    await request({
      method: 'POST',
      url: `${LINKEDIN_API.rest}/videos?action=finalizeUpload`,
      json: { finalizeUploadRequest: { video, uploadToken: body?.value?.uploadToken ?? '', uploadedPartIds: etags } },
    });
    for (let attempt = 0; attempt < videoPollMaxAttempts; attempt += 1) {
      const { body: status } = await request<{ status?: string }>({
        method: 'GET',
        url: `${LINKEDIN_API.rest}/videos/${encodeUrn(video)}`,
      });
      if (status?.status === 'AVAILABLE') return video;
      if (status?.status === 'PROCESSING_FAILED')
        throw new NetworkError('permanent', 'media_upload_failed', 'LinkedIn could not process the video');
      if (ctx.signal?.aborted) break;
      await sleep(videoPollIntervalMs);
    }
    throw new NetworkError(
      'transient',
      'media_processing_timeout',
      `LinkedIn was still processing video ${video} after ${videoPollMaxAttempts} checks`,
    );
  }

  /** The `content` of the post for its type, uploading media first. */
  async function contentFor(
    request: LinkedInRequestFn,
    author: Author,
    input: PublishInput,
    ctx: ChannelContext,
  ): Promise<Record<string, unknown> | undefined> {
    const postType = linkedInPostType(input);
    const title = input.title?.trim();
    const upload = async (media: MediaInput) => {
      const kind = linkedInMediaKind(media);
      return kind === 'video' ? uploadVideo(request, author.urn, media, ctx) : uploadSimple(request, author.urn, media, kind);
    };
    // The card Plaza read (Open Graph), its image uploaded as the article's thumbnail.
    const card = input.linkCard;
    const cardThumbnail = async () =>
      card?.image
        ? uploadSimple(
            request,
            author.urn,
            {
              mediaId: 'link-card',
              mimeType: card.image.mimeType,
              bytes: card.image.bytes,
              size: card.image.bytes.byteLength,
              kind: 'image',
            },
            'image',
          )
        : undefined;
    switch (postType) {
      case 'text': {
        if (!card) return undefined;
        const article: Record<string, unknown> = { source: card.url, title: card.title };
        if (card.description) article.description = card.description;
        const thumbnail = await cardThumbnail();
        if (thumbnail) article.thumbnail = thumbnail;
        return { article };
      }
      case 'link': {
        const source = firstUrl(input.text)!;
        const fromCard = card && card.url === source ? card : undefined;
        const article: Record<string, unknown> = { source, title: title || fromCard?.title || new URL(source).hostname };
        if (fromCard?.description) article.description = fromCard.description;
        const thumbnail = input.media.find((m) => linkedInMediaKind(m) === 'image');
        if (thumbnail) article.thumbnail = await upload(thumbnail);
        else if (fromCard) {
          const uploaded = await cardThumbnail();
          if (uploaded) article.thumbnail = uploaded;
        }
        return { article };
      }
      case 'image': {
        const media = input.media[0]!;
        return { media: { id: await upload(media), ...(media.alt ? { altText: media.alt } : {}) } };
      }
      case 'carousel': {
        const images: Array<Record<string, unknown>> = [];
        for (const media of input.media) images.push({ id: await upload(media), ...(media.alt ? { altText: media.alt } : {}) });
        return { multiImage: { images } };
      }
      case 'video': {
        const media = input.media.find((m) => linkedInMediaKind(m) === 'video')!;
        return { media: { id: await upload(media), ...(title ? { title } : {}) } };
      }
      case 'document': {
        const media = input.media.find((m) => linkedInMediaKind(m) === 'document')!;
        // LinkedIn shows a document post with its title: the post's title, else its first line.
        const fallback = input.text.split('\n')[0]!.trim().slice(0, 100) || 'Document';
        return { media: { id: await upload(media), title: title || fallback } };
      }
      default:
        throw new NetworkError('permanent', 'invalid_content', `LinkedIn does not publish ${postType} posts`);
    }
  }

  function visibilityFor(author: Author, input: PublishInput): 'PUBLIC' | 'CONNECTIONS' {
    const chosen = input.options?.network?.[VISIBILITY_OPTION];
    const visibility =
      typeof chosen === 'string' && (LINKEDIN_VISIBILITIES as readonly string[]).includes(chosen)
        ? (chosen as 'PUBLIC' | 'CONNECTIONS')
        : input.options?.visibility === 'private'
          ? 'CONNECTIONS'
          : 'PUBLIC';
    if (visibility === 'CONNECTIONS' && author.kind === 'organization') {
      throw new NetworkError(
        'permanent',
        'invalid_content',
        'LinkedIn pages publish to everyone: "connections only" is for personal profiles',
      );
    }
    return visibility;
  }

  // ---- reconcile ---------------------------------------------------------------------------

  /** The author's posts created at or after `notBefore`, newest first (bounded pages). */
  async function recentPosts(
    request: LinkedInRequestFn,
    author: string,
    notBefore: number,
    maxPages = reconcileMaxPages,
  ): Promise<LinkedInPost[]> {
    const found: LinkedInPost[] = [];
    for (let page = 0; page < maxPages; page += 1) {
      const query = restliQuery([
        ['author', author],
        ['q', 'author'],
        ['count', String(PAGE_SIZE)],
        ['start', String(page * PAGE_SIZE)],
        ['sortBy', 'CREATED'],
      ]);
      const { body } = await request<{ elements?: LinkedInPost[] }>({
        method: 'GET',
        url: `${LINKEDIN_API.rest}/posts?${query}`,
        headers: { 'X-RestLi-Method': 'FINDER' },
      });
      const elements = body?.elements ?? [];
      for (const post of elements) if ((post.createdAt ?? post.publishedAt ?? 0) >= notBefore) found.push(post);
      const oldest = elements.at(-1);
      if (elements.length < PAGE_SIZE || !oldest || (oldest.createdAt ?? oldest.publishedAt ?? 0) < notBefore) break;
    }
    return found;
  }

  function notBeforeOf(input: PublishInput): number {
    const first = input.firstAttemptAt ? Date.parse(input.firstAttemptAt) : Number.NaN;
    return Number.isNaN(first) ? now() - reconcileLookbackMs : first - CLOCK_SKEW_MS;
  }

  const sameText = (post: LinkedInPost, input: PublishInput) => fromLittleText(post.commentary ?? '').trim() === input.text.trim();

  /**
   * A profile's own posts cannot be read without r_member_social (memberUnreadable): then the lookup
   * finds nothing, and LinkedIn's own duplicate refusal (which names the earlier post) is what
   * keeps a retry from posting twice.
   */
  const unreadable = (author: Author, error: unknown) => memberUnreadable(author.kind, error);

  async function lookUp(request: LinkedInRequestFn, author: Author, input: PublishInput): Promise<LinkedInPost | null> {
    let posts: LinkedInPost[];
    try {
      posts = await recentPosts(request, author.urn, notBeforeOf(input));
    } catch (error) {
      if (unreadable(author, error)) return null;
      throw error;
    }
    // A text post may carry a link card (an article) or not, depending on whether its page answered.
    const wantsContent = linkedInPostType(input) !== 'text';
    return (
      posts.find(
        (post) =>
          post.lifecycleState !== 'DELETED' &&
          (post.author === undefined || post.author === author.urn) &&
          sameText(post, input) &&
          (!wantsContent || post.content !== undefined),
      ) ?? null
    );
  }

  /** The first comment on `postUrn`: the author's own one with this text, else published now. */
  async function ensureFirstComment(
    request: LinkedInRequestFn,
    author: Author,
    postUrn: string,
    text: string,
    fresh: boolean,
  ): Promise<string | undefined> {
    if (!fresh) {
      try {
        const comments = await listComments(request, postUrn);
        const existing = comments.find((c) => c.actor === author.urn && (c.message?.text ?? '') === text);
        if (existing) return commentUrnOf(existing);
      } catch (error) {
        // A profile's comments cannot be read without r_member_social: comment (the first try's
        // comment was only sent if the post's answer arrived, so it is almost always missing).
        if (!unreadable(author, error)) throw error;
      }
    }
    const answer = await request<LinkedInComment | null>({
      method: 'POST',
      url: `${LINKEDIN_API.rest}/socialActions/${encodeUrn(postUrn)}/comments`,
      json: { actor: author.urn, object: postUrn, message: { text } },
    });
    return (answer.body ? commentUrnOf(answer.body) : undefined) ?? answer.headers.get('x-restli-id') ?? undefined;
  }

  /** The result of a post that is out (its first comment is the engine's next step: publishFirstComment). */
  const complete = (postUrn: string): PublishResult => ({ remoteId: postUrn, remoteUrl: postUrl(postUrn) });

  // ---- adapter -----------------------------------------------------------------------------

  async function findPublished(ctx: ChannelContext, input: PublishInput): Promise<PublishResult | null> {
    const request = clientFor(ctx);
    const author = channelAuthor(ctx);
    const post = await lookUp(request, author, input);
    return post ? complete(post.id) : null;
  }

  async function publish(ctx: ChannelContext, input: PublishInput): Promise<PublishResult> {
    const request = clientFor(ctx);
    const author = channelAuthor(ctx);
    const visibility = visibilityFor(author, input);
    // A retry (or a publication first attempted a while ago): LinkedIn has no idempotency key, so look first.
    const first = input.firstAttemptAt ? Date.parse(input.firstAttemptAt) : Number.NaN;
    if (input.retry || Number.isNaN(first) || now() - first > RETRY_AFTER_MS) {
      const existing = await lookUp(request, author, input);
      if (existing) return complete(existing.id);
    }
    let content: Record<string, unknown> | undefined;
    try {
      content = await contentFor(request, author, input, ctx);
    } catch (error) {
      // No post exists yet: an unanswered upload leaves at most an unused asset, so this is a plain retry.
      if (error instanceof NetworkError && error.kind === 'ambiguous')
        throw new NetworkError('transient', `media_${error.code}`, error.message, error.details);
      throw error;
    }
    const body: Record<string, unknown> = {
      author: author.urn,
      commentary: toLittleText(input.text),
      visibility,
      distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
      lifecycleState: 'PUBLISHED',
      isReshareDisabledByAuthor: false,
    };
    if (content) body.content = content;
    let postUrn: string | null;
    // The lookup and the uploads are done: the posting slot is taken now, as LinkedIn counts the post.
    await ctx.postingSlot?.();
    try {
      const answer = await request<unknown>({ method: 'POST', url: `${LINKEDIN_API.rest}/posts`, json: body });
      postUrn = answer.headers.get('x-restli-id');
    } catch (error) {
      // "Content is a duplicate of urn:li:share:…": the earlier attempt got through. Ours if it carries this text.
      if (error instanceof NetworkError && error.code === 'duplicate_post') {
        // Only a post made since this publication's first attempt is ours; an older twin is a real duplicate.
        const existing = await lookUp(request, author, input);
        if (existing) return complete(existing.id);
        // A profile whose posts Plaza cannot read: the post LinkedIn names has this very content by this author.
        const named = duplicateOf(error.details.body);
        if (author.kind === 'person' && named) return complete(named);
      }
      throw error;
    }
    if (!postUrn) {
      // Created, but LinkedIn did not say which: the reconcile lookup finds it.
      throw new NetworkError('ambiguous', 'no_remote_id', 'LinkedIn created the post without answering its id (x-restli-id)');
    }
    return complete(decodeURIComponent(postUrn));
  }

  async function fetchMetrics(ctx: ChannelContext, remoteId: string): Promise<PostMetrics> {
    const author = channelAuthor(ctx);
    if (author.kind === 'person') {
      return {
        likes: null,
        replies: null,
        reposts: null,
        quotes: null,
        impressions: null,
        reach: null,
        clicks: null,
        missing: { ...PROFILE_MISSING },
      };
    }
    const request = clientFor(ctx);
    const list = remoteId.startsWith('urn:li:ugcPost:') ? 'ugcPosts' : 'shares';
    const query = restliQuery([
      ['q', 'organizationalEntity'],
      ['organizationalEntity', author.urn],
      [list, { list: [remoteId] }],
    ]);
    const { body } = await request<{
      elements?: Array<{ share?: string; ugcPost?: string; totalShareStatistics?: Record<string, number | undefined> }>;
    }>({
      method: 'GET',
      url: `${LINKEDIN_API.rest}/organizationalEntityShareStatistics?${query}`,
    });
    const element = (body?.elements ?? []).find((e) => (e.share ?? e.ugcPost) === remoteId) ?? body?.elements?.[0];
    const stats = element?.totalShareStatistics ?? {};
    const missing: PostMetrics['missing'] = { quotes: 'not_provided_by_network' };
    const value = (name: 'likes' | 'replies' | 'reposts' | 'impressions' | 'reach' | 'clicks', field: string): number | null => {
      const raw = stats[field];
      if (typeof raw === 'number') return raw;
      // No statistics yet for a brand-new post: LinkedIn answers no element at all, which is zero.
      if (!element) return 0;
      missing[name] = 'not_provided_by_network';
      return null;
    };
    return {
      likes: value('likes', 'likeCount'),
      replies: value('replies', 'commentCount'),
      reposts: value('reposts', 'shareCount'),
      quotes: null,
      impressions: value('impressions', 'impressionCount'),
      reach: value('reach', 'uniqueImpressionsCount'),
      clicks: value('clicks', 'clickCount'),
      missing,
    };
  }

  async function fetchMentions(ctx: ChannelContext, since?: string): Promise<RemoteMention[]> {
    const author = channelAuthor(ctx);
    // Comments on a member's own posts need r_member_social, which LinkedIn grants only to approved partners.
    if (author.kind === 'person') return [];
    const request = clientFor(ctx);
    const sinceMs = since ? Date.parse(since) : Number.NaN;
    const notBefore = Number.isNaN(sinceMs) ? now() - mentionsLookbackMs : sinceMs;
    // Comments arrive on posts of the last weeks: read the comments of posts since well before `since`.
    const posts = await recentPosts(request, author.urn, Math.min(notBefore, now() - mentionsLookbackMs), 2);
    const mentions: RemoteMention[] = [];
    for (const post of posts) {
      for (const comment of await listComments(request, post.id)) {
        const urn = commentUrnOf(comment);
        const created = comment.created?.time ?? 0;
        if (!urn || !comment.actor || comment.actor === author.urn || created <= (Number.isNaN(sinceMs) ? 0 : sinceMs)) continue;
        mentions.push({
          remoteId: urn,
          url: commentUrl(post.id, urn),
          authorHandle: comment.actor,
          text: comment.message?.text ?? '',
          createdAt: new Date(created).toISOString(),
          inReplyToRemoteId: comment.parentComment ?? post.id,
        });
      }
    }
    return mentions.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async function deletePost(ctx: ChannelContext, remoteId: string): Promise<void> {
    const request = clientFor(ctx);
    try {
      await request({
        method: 'DELETE',
        url: `${LINKEDIN_API.rest}/posts/${encodeUrn(remoteId)}`,
        headers: { 'X-RestLi-Method': 'DELETE' },
      });
    } catch (error) {
      if (error instanceof NetworkError && error.code === 'not_found') return; // already gone
      throw error;
    }
  }

  async function checkHealth(ctx: ChannelContext): Promise<ChannelHealth> {
    try {
      const author = channelAuthor(ctx);
      const request = clientFor(ctx);
      if (author.kind === 'person') {
        const { body } = await request<{ sub?: string; name?: string }>({ method: 'GET', url: LINKEDIN_API.userinfo, versioned: false });
        const id = author.urn.split(':').pop()!;
        if (body?.sub !== id) {
          return {
            ok: false,
            error: { code: 'wrong_account', message: 'The token belongs to another LinkedIn member than this channel', kind: 'auth' },
          };
        }
        return { ok: true, account: { id: author.urn, handle: body.name ?? author.urn, ...(body.name ? { displayName: body.name } : {}) } };
      }
      const id = author.urn.split(':').pop()!;
      const { body: org } = await request<{ localizedName?: string; vanityName?: string }>({
        method: 'GET',
        url: `${LINKEDIN_API.rest}/organizations/${id}`,
      });
      const { body: size } = await request<{ firstDegreeSize?: number }>({
        method: 'GET',
        url: `${LINKEDIN_API.rest}/networkSizes/${encodeUrn(author.urn)}?${restliQuery([['edgeType', 'COMPANY_FOLLOWED_BY_MEMBER']])}`,
      });
      const account: NonNullable<ChannelHealth['account']> = { id: author.urn, handle: org?.vanityName ?? author.urn };
      if (org?.localizedName) account.displayName = org.localizedName;
      if (typeof size?.firstDegreeSize === 'number') account.followers = size.firstDegreeSize;
      return { ok: true, account };
    } catch (error) {
      return unhealthy(error);
    }
  }

  return {
    name: 'linkedin',
    label: { en: 'LinkedIn', es: 'LinkedIn' },
    simulated: false,
    limits: LINKEDIN_LIMITS,
    capabilities: LINKEDIN_CAPABILITIES,
    linkCards: { thumbnail: true, maxThumbnailBytes: LINKEDIN_MAX_IMAGE_BYTES, thumbnailTypes: LINKEDIN_IMAGE_TYPES },
    idempotency: 'reconcile-by-lookup',
    oauth: createLinkedInOAuthProvider({ ...(options.fetch ? { fetch: options.fetch } : {}), now }),
    connectionFields: [
      { name: 'accessToken', secret: true, required: true, label: { en: 'Access token', es: 'Token de acceso' } },
      { name: 'refreshToken', secret: true, required: false, label: { en: 'Refresh token', es: 'Token de renovación' } },
      {
        name: 'authorUrn',
        secret: false,
        required: true,
        label: {
          en: 'Profile or page URN (urn:li:person:… or urn:li:organization:…)',
          es: 'URN del perfil o la página (urn:li:person:… o urn:li:organization:…)',
        },
      },
    ],
    metrics: LINKEDIN_METRICS,
    validate: validateLinkedInPost,
    checkHealth,
    publish,
    findPublished,

    /**
     * The first comment, as the post's author. With `reconcile` the author's own comment with this
     * text is looked up first (where LinkedIn lets Plaza read comments), so a retry never comments twice.
     */
    async publishFirstComment(ctx, input) {
      const request = clientFor(ctx);
      const author = channelAuthor(ctx);
      const id = await ensureFirstComment(request, author, input.postRemoteId, input.text.trim(), !input.reconcile);
      if (!id) throw new NetworkError('ambiguous', 'comment_id_missing', 'LinkedIn did not answer the comment’s id');
      return { remoteId: id, remoteUrl: commentUrl(input.postRemoteId, id) };
    },
    delete: deletePost,
    fetchMetrics,
    fetchMentions,
    inbox: createLinkedInInbox({
      clientFor,
      recentPosts: (request, author, notBefore, maxPages) => recentPosts(request, author, notBefore, maxPages),
      now,
    }),
  };
}
