/**
 * The WordPress adapter: a self-hosted (or WordPress.com Business) blog through its REST API
 * (wp/v2) with an application password. See docs/networks/wordpress.md.
 *
 * - Posts: title (the composer's, else the first line), body as paragraphs, excerpt, featured
 *   image (the first image, uploaded to the media library; the others go into the body),
 *   categories and tags by name (created when missing), status publish / draft / pending.
 * - Timing: Plaza's own. The engine publishes at the scheduled time with status `publish`; WordPress's
 *   `future` status is not used, so moving or cancelling a post in Plaza needs nothing on the site.
 * - Idempotency: WordPress takes no idempotency key. The slug carries a marker derived from the
 *   publication id (content.ts), and every publish first looks that slug up: a retry after a lost
 *   answer returns the post the first attempt made.
 * - Comments: mentions (fetchMentions) and the inbox (read, answer, hide, delete).
 *
 * Facts not confirmed in WordPress's documentation: which codes third-party "disable REST API"
 * plugins answer with (rest_disabled, rest_cannot_access are the common ones), and whether hosts
 * rate-limit the REST API with 429 + Retry-After (core never does).
 */
import { guardedFetch } from '../../lib/safe-fetch.ts';
import type { InboundItem, InboxAdapter, InboxTarget, ReplyInput, ReplyResult } from '../inbox.ts';
import { parseNetworkAnswer } from '../response-shape.ts';
import {
  NetworkError,
  type ChannelContext,
  type ChannelHealth,
  type MediaInput,
  type MetricsSupport,
  type NetworkAdapter,
  type OptionChoice,
  type PostMetrics,
  type PublishInput,
  type PublishResult,
  type RemoteMention,
  unhealthy,
} from '../types.ts';
import { z } from 'zod';
import { createWordPressClient, type WordPressClient } from './api.ts';
import { decodeEntities, htmlToText, postBodyHtml, slugFor } from './content.ts';
import {
  WORDPRESS_CAPABILITIES,
  WORDPRESS_LIMITS,
  WORDPRESS_OPTIONS,
  WORDPRESS_STATUSES,
  postTitle,
  termNames,
  validateWordPressPost,
} from './validate.ts';

export interface WordPressAdapterOptions {
  /** Tests only: replaces the guarded fetch. */
  fetch?: typeof fetch;
  now?: () => number;
  requestTimeoutMs?: number;
  /** How far back fetchMentions reads when no `since` is given. */
  mentionsLookbackMs?: number;
}

/** WordPress core counts comments; views, likes and shares need plugins Plaza does not read. */
export const WORDPRESS_METRICS: MetricsSupport = {
  reported: ['replies'],
  missing: {
    likes: 'not_provided_by_network',
    reposts: 'not_provided_by_network',
    quotes: 'not_provided_by_network',
    impressions: 'not_provided_by_network',
    reach: 'not_provided_by_network',
    clicks: 'use_tracked_links',
  },
};

/** Every status a post of ours can be in (trash is gone for Plaza). */
const OWN_STATUSES = 'publish,future,draft,pending,private';

const postShape = z.object({ id: z.number().int(), link: z.string().optional(), status: z.string().optional() }).passthrough();
const mediaShape = z.object({ id: z.number().int(), source_url: z.string() }).passthrough();
const termShape = z.object({ id: z.number().int(), name: z.string() }).passthrough();
const commentShape = z
  .object({
    id: z.number().int(),
    post: z.number().int(),
    parent: z.number().int(),
    author: z.number().int(),
    author_name: z.string(),
    author_url: z.string().optional(),
    author_avatar_urls: z.record(z.string(), z.string()).optional(),
    date_gmt: z.string(),
    content: z.object({ rendered: z.string() }).passthrough(),
    link: z.string(),
    status: z.string().optional(),
  })
  .passthrough();
type WordPressComment = z.infer<typeof commentShape>;
const meShape = z
  .object({
    id: z.number().int(),
    name: z.string(),
    slug: z.string(),
    capabilities: z.record(z.string(), z.boolean()).optional(),
  })
  .passthrough();
const indexShape = z
  .object({
    name: z.string().optional(),
    url: z.string().optional(),
    namespaces: z.array(z.string()),
    authentication: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
  })
  .passthrough();

/** Comment ids are prefixed so they never collide with post ids (both are numbers on WordPress). */
const commentRemoteId = (id: number) => `comment-${id}`;
function commentIdOf(remoteId: string): number {
  const match = /^comment-(\d+)$/.exec(remoteId);
  if (!match) throw new NetworkError('permanent', 'invalid_remote_id', `Not a WordPress comment id: ${remoteId}`);
  return Number(match[1]);
}
function postIdOf(remoteId: string): number {
  if (!/^\d+$/.test(remoteId)) throw new NetworkError('permanent', 'invalid_remote_id', `Not a WordPress post id: ${remoteId}`);
  return Number(remoteId);
}
/** WordPress's `date_gmt` has no zone designator: it is UTC. */
const gmt = (date: string) => new Date(`${date.replace(/Z$/, '')}Z`).toISOString();

/** Creates a WordPress adapter; `wordpressAdapter` (index.ts) is the default instance. */
export function createWordPressAdapter(options: WordPressAdapterOptions = {}): NetworkAdapter {
  const now = options.now ?? Date.now;
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  const mentionsLookbackMs = options.mentionsLookbackMs ?? 7 * 24 * 60 * 60_000;

  const clientFor = (ctx: ChannelContext): WordPressClient =>
    createWordPressClient(ctx, { fetch: options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true), now, requestTimeoutMs });

  // ---- posts -------------------------------------------------------------------------------

  /** The post an earlier attempt of this publication created (by its slug), or null. */
  async function lookUp(client: WordPressClient, input: PublishInput): Promise<PublishResult | null> {
    const slug = slugFor(input.publicationId, postTitle(input));
    let body: unknown;
    try {
      ({ body } = await client.request<unknown>({
        method: 'GET',
        route: '/wp/v2/posts',
        query: [
          ['slug', slug],
          ['status', OWN_STATUSES],
          ['context', 'edit'],
          ['_fields', 'id,link,status,slug'],
        ],
      }));
    } catch (error) {
      // A visitor may not ask for drafts ("Status is forbidden", 400): when the site did not take
      // the application password (turned off since), say so rather than blame the request.
      if (error instanceof NetworkError && error.kind === 'permanent') await me(client);
      throw error;
    }
    const posts = parseNetworkAnswer(z.array(postShape.extend({ slug: z.string() })), body, 'the post lookup');
    const found = posts.find((post) => post.slug === slug);
    return found ? { remoteId: String(found.id), remoteUrl: found.link ?? null } : null;
  }

  async function uploadImage(client: WordPressClient, media: MediaInput): Promise<{ id: number; url: string }> {
    const extension = media.mimeType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'bin';
    const { body } = await client.request<unknown>({
      method: 'POST',
      route: '/wp/v2/media',
      query: media.alt ? [['alt_text', media.alt]] : [],
      bytes: media.bytes,
      headers: { 'Content-Type': media.mimeType, 'Content-Disposition': `attachment; filename="plaza-${media.mediaId}.${extension}"` },
    });
    const uploaded = parseNetworkAnswer(mediaShape, body, 'the media upload');
    return { id: uploaded.id, url: uploaded.source_url };
  }

  /** Ids of the categories or tags by name, each created when the site lacks it. */
  async function termIds(client: WordPressClient, taxonomy: 'categories' | 'tags', names: string[]): Promise<number[]> {
    const ids: number[] = [];
    for (const name of names) {
      const { body } = await client.request<unknown>({
        method: 'GET',
        route: `/wp/v2/${taxonomy}`,
        query: [
          ['search', name],
          ['per_page', '100'],
          ['_fields', 'id,name'],
        ],
      });
      const existing = parseNetworkAnswer(z.array(termShape), body, `the ${taxonomy} search`).find(
        (term) => decodeEntities(term.name).toLowerCase() === name.toLowerCase(),
      );
      if (existing) {
        ids.push(existing.id);
        continue;
      }
      try {
        const { body: created } = await client.request<unknown>({ method: 'POST', route: `/wp/v2/${taxonomy}`, json: { name } });
        ids.push(parseNetworkAnswer(termShape, created, `the new ${taxonomy}`).id);
      } catch (error) {
        // Created meanwhile (or differing only in case): WordPress names the term that exists.
        const refusal = error instanceof NetworkError ? (error.details.body as { code?: string; termId?: number } | undefined) : undefined;
        if (refusal?.code === 'term_exists' && refusal.termId) ids.push(refusal.termId);
        else throw error;
      }
    }
    return ids;
  }

  /** The site's categories or tags, most used first (the 100 most used: the composer's list, not a limit). */
  async function optionChoices(ctx: ChannelContext, option: string): Promise<OptionChoice[]> {
    const taxonomy = option === WORDPRESS_OPTIONS.categories ? 'categories' : option === WORDPRESS_OPTIONS.tags ? 'tags' : null;
    if (!taxonomy) return [];
    const { body } = await clientFor(ctx).request<unknown>({
      method: 'GET',
      route: `/wp/v2/${taxonomy}`,
      query: [
        ['per_page', '100'],
        ['orderby', 'count'],
        ['order', 'desc'],
        ['_fields', 'id,name,count'],
      ],
    });
    return parseNetworkAnswer(z.array(termShape.extend({ count: z.number().int().optional() })), body, `the ${taxonomy} list`).map(
      (term) => ({ value: decodeEntities(term.name), ...(term.count !== undefined ? { count: term.count } : {}) }),
    );
  }

  async function publish(ctx: ChannelContext, input: PublishInput): Promise<PublishResult> {
    const client = clientFor(ctx);
    // No idempotency on WordPress: look for this publication's slug before creating anything.
    const earlier = await lookUp(client, input);
    if (earlier) return earlier;
    const title = postTitle(input);
    const network = input.options?.network ?? {};
    const chosen = network[WORDPRESS_OPTIONS.status];
    const status = (WORDPRESS_STATUSES as readonly unknown[]).includes(chosen) ? (chosen as string) : 'publish';
    const images = [];
    for (const media of input.media) images.push({ ...(await uploadImage(client, media)), alt: media.alt });
    const categories = await termIds(client, 'categories', termNames(network[WORDPRESS_OPTIONS.categories]));
    const tags = await termIds(client, 'tags', termNames(network[WORDPRESS_OPTIONS.tags]));
    const excerpt = network[WORDPRESS_OPTIONS.excerpt];
    // The text's first line is the title when no title was given: the body starts after it.
    const bodyText = input.title?.trim() ? input.text : input.text.replace(/^\s*[^\n]*\n?/, '');
    const post: Record<string, unknown> = {
      title,
      content: postBodyHtml(
        bodyText,
        images.slice(1).map(({ url, alt }) => ({ url, alt })),
      ),
      status,
      slug: slugFor(input.publicationId, title),
      ...(typeof excerpt === 'string' && excerpt.trim() ? { excerpt: excerpt.trim() } : {}),
      ...(images[0] ? { featured_media: images[0].id } : {}),
      ...(categories.length ? { categories } : {}),
      ...(tags.length ? { tags } : {}),
    };
    // The lookup, uploads and terms are done: the posting slot is taken now, when the post is made.
    await ctx.postingSlot?.();
    const { body } = await client.request<unknown>({ method: 'POST', route: '/wp/v2/posts', json: post });
    const created = parseNetworkAnswer(postShape, body, 'the new post');
    return { remoteId: String(created.id), remoteUrl: created.link ?? null };
  }

  async function findPublished(ctx: ChannelContext, input: PublishInput): Promise<PublishResult | null> {
    return lookUp(clientFor(ctx), input);
  }

  async function deletePost(ctx: ChannelContext, remoteId: string): Promise<void> {
    const client = clientFor(ctx);
    try {
      // To the trash, where the site's editors can still restore it.
      await client.request({ method: 'DELETE', route: `/wp/v2/posts/${postIdOf(remoteId)}` });
    } catch (error) {
      if (error instanceof NetworkError && error.code === 'not_found') return; // gone, or already in the trash (410)
      throw error;
    }
  }

  async function fetchMetrics(ctx: ChannelContext, remoteId: string): Promise<PostMetrics> {
    const client = clientFor(ctx);
    const { headers } = await client.request<unknown>({
      method: 'GET',
      route: '/wp/v2/comments',
      query: [
        ['post', String(postIdOf(remoteId))],
        ['per_page', '1'],
        ['_fields', 'id'],
      ],
    });
    const total = Number(headers.get('x-wp-total'));
    return {
      likes: null,
      replies: Number.isFinite(total) ? total : null,
      reposts: null,
      quotes: null,
      impressions: null,
      reach: null,
      clicks: null,
      missing: { ...WORDPRESS_METRICS.missing, ...(Number.isFinite(total) ? {} : { replies: 'not_available_for_account' as const }) },
    };
  }

  // ---- comments ----------------------------------------------------------------------------

  async function me(client: WordPressClient) {
    const { body } = await client.request<unknown>({ method: 'GET', route: '/wp/v2/users/me', query: [['context', 'edit']] });
    return parseNetworkAnswer(meShape, body, 'the signed-in user');
  }

  /** Approved comments on the site after `afterIso`, oldest first, at most `pages` pages of 100. */
  async function commentsAfter(
    client: WordPressClient,
    afterIso: string,
    pages = 5,
  ): Promise<{ comments: WordPressComment[]; more: boolean }> {
    const comments: WordPressComment[] = [];
    for (let page = 1; page <= pages; page += 1) {
      const { body, headers } = await client.request<unknown>({
        method: 'GET',
        route: '/wp/v2/comments',
        query: [
          ['after', afterIso.replace(/\.\d+Z$/, 'Z')],
          ['orderby', 'date_gmt'],
          ['order', 'asc'],
          ['per_page', '100'],
          ['page', String(page)],
        ],
      });
      comments.push(...parseNetworkAnswer(z.array(commentShape), body, 'the comments'));
      const totalPages = Number(headers.get('x-wp-totalpages') ?? '1');
      if (page >= totalPages) return { comments, more: false };
    }
    return { comments, more: true };
  }

  async function fetchMentions(ctx: ChannelContext, since?: string): Promise<RemoteMention[]> {
    const client = clientFor(ctx);
    const sinceMs = since ? Date.parse(since) : Number.NaN;
    const after = new Date(Number.isNaN(sinceMs) ? now() - mentionsLookbackMs : sinceMs).toISOString();
    const self = await me(client);
    const { comments } = await commentsAfter(client, after);
    return comments
      .filter((comment) => comment.author !== self.id && Date.parse(gmt(comment.date_gmt)) > (Number.isNaN(sinceMs) ? 0 : sinceMs))
      .map((comment) => ({
        remoteId: commentRemoteId(comment.id),
        url: comment.link,
        authorHandle: comment.author_name,
        authorName: comment.author_name,
        text: htmlToText(comment.content.rendered),
        createdAt: gmt(comment.date_gmt),
        inReplyToRemoteId: comment.parent ? commentRemoteId(comment.parent) : String(comment.post),
      }));
  }

  function inboundItem(comment: WordPressComment, selfId: number): InboundItem {
    return {
      remoteId: commentRemoteId(comment.id),
      kind: comment.parent ? 'reply' : 'comment',
      threadRemoteId: String(comment.post),
      postRemoteId: String(comment.post),
      ...(comment.parent ? { inReplyToRemoteId: commentRemoteId(comment.parent) } : {}),
      author: {
        // Registered users by their user id; visitors by their name (WordPress keeps no account for them).
        id: comment.author ? `user-${comment.author}` : `guest-${comment.author_name}`,
        handle: comment.author_name,
        displayName: comment.author_name,
        ...(comment.author_avatar_urls?.['48'] ? { avatarUrl: comment.author_avatar_urls['48'] } : {}),
        ...(comment.author_url ? { profileUrl: comment.author_url } : {}),
      },
      text: htmlToText(comment.content.rendered),
      url: comment.link,
      createdAt: gmt(comment.date_gmt),
      fromUs: comment.author === selfId,
    };
  }

  /** The reply this replyId made: our own comment under the same parent with the same text. */
  async function findReply(ctx: ChannelContext, input: ReplyInput): Promise<ReplyResult | null> {
    const client = clientFor(ctx);
    const self = await me(client);
    const parent = input.target.kind === 'comment' || input.target.kind === 'reply' ? commentIdOf(input.target.remoteId) : 0;
    const { body } = await client.request<unknown>({
      method: 'GET',
      route: '/wp/v2/comments',
      query: [
        ['post', String(postIdOf(input.target.threadRemoteId))],
        ['parent', String(parent)],
        ['author', String(self.id)],
        ['status', 'all'],
        ['context', 'edit'],
        ['per_page', '100'],
      ],
    });
    const comments = parseNetworkAnswer(
      z.array(commentShape.extend({ content: z.object({ raw: z.string().optional(), rendered: z.string() }) })),
      body,
      'the replies',
    );
    const mine = comments.find((comment) => (comment.content.raw ?? htmlToText(comment.content.rendered)).trim() === input.text.trim());
    return mine ? { remoteId: commentRemoteId(mine.id), remoteUrl: mine.link } : null;
  }

  const inbox: InboxAdapter = {
    capabilities: { kinds: ['comment', 'reply'], actions: ['reply', 'hide', 'unhide', 'delete'] },
    async fetchInbound(ctx, { cursor, since }) {
      const client = clientFor(ctx);
      const after = cursor ?? since ?? new Date(now() - mentionsLookbackMs).toISOString();
      const self = await me(client);
      const { comments, more } = await commentsAfter(client, after, 1);
      const items = comments.map((comment) => inboundItem(comment, self.id));
      const last = comments.at(-1);
      // The cursor is the newest comment's time: WordPress's `after` is exclusive, and ties are re-read harmlessly.
      return { items, cursor: last ? gmt(last.date_gmt) : (cursor ?? null), hasMore: more || comments.length === 100 };
    },
    async reply(ctx, input) {
      const earlier = await findReply(ctx, input);
      if (earlier) return earlier;
      const client = clientFor(ctx);
      const parent = input.target.kind === 'comment' || input.target.kind === 'reply' ? commentIdOf(input.target.remoteId) : 0;
      const { body } = await client.request<unknown>({
        method: 'POST',
        route: '/wp/v2/comments',
        json: { post: postIdOf(input.target.threadRemoteId), parent, content: input.text },
      });
      const created = parseNetworkAnswer(commentShape, body, 'the new reply');
      return { remoteId: commentRemoteId(created.id), remoteUrl: created.link };
    },
    findReply,
    async act(ctx, action, target: InboxTarget) {
      const client = clientFor(ctx);
      const id = commentIdOf(target.remoteId);
      if (action === 'delete') {
        await client.request({ method: 'DELETE', route: `/wp/v2/comments/${id}` });
        return;
      }
      if (action === 'hide' || action === 'unhide') {
        await client.request({ method: 'POST', route: `/wp/v2/comments/${id}`, json: { status: action === 'hide' ? 'hold' : 'approved' } });
        return;
      }
      throw new NetworkError('permanent', 'action_not_supported', `WordPress comments cannot be answered with "${action}"`);
    },
  };

  // ---- connection ----------------------------------------------------------------------------

  async function checkHealth(ctx: ChannelContext): Promise<ChannelHealth> {
    try {
      const client = clientFor(ctx);
      // 1. The REST API answers at all (a site may turn it off, or not be WordPress).
      let index: z.infer<typeof indexShape>;
      try {
        const { body } = await client.request<unknown>({
          method: 'GET',
          route: '/',
          query: [['_fields', 'name,url,namespaces,authentication']],
        });
        index = indexShape.parse(body);
      } catch (error) {
        if (error instanceof NetworkError && !['unexpected_response', 'not_found', 'forbidden', 'invalid_content'].includes(error.code))
          throw error;
        throw new NetworkError(
          'permanent',
          'wordpress_rest_disabled',
          'The site does not answer as a WordPress REST API: it is off, or this is not the site address',
        );
      }
      if (!index.namespaces.includes('wp/v2'))
        throw new NetworkError('permanent', 'wordpress_rest_disabled', 'The site’s REST API lacks the wp/v2 routes (posts, media)');
      // 2. Application passwords are on (WordPress lists them in the index when they are available).
      const authentication = index.authentication && !Array.isArray(index.authentication) ? index.authentication : {};
      if (!('application-passwords' in authentication))
        throw new NetworkError(
          'permanent',
          'wordpress_app_passwords_off',
          'Application passwords are turned off on this site (or it is older than WordPress 5.6)',
        );
      // 3. The user and password work, and the user may publish.
      const user = await me(client);
      if (user.capabilities && user.capabilities.publish_posts !== true)
        throw new NetworkError(
          'permanent',
          'wordpress_cannot_publish',
          `The WordPress user ${user.slug} cannot publish posts (an Author, Editor or Administrator can)`,
        );
      const host = new URL(client.site.siteUrl).host;
      return {
        ok: true,
        account: { id: String(user.id), handle: `${user.slug}@${host}`, displayName: index.name ? decodeEntities(index.name) : user.name },
      };
    } catch (error) {
      return unhealthy(error);
    }
  }

  return {
    name: 'wordpress',
    label: { en: 'WordPress', es: 'WordPress' },
    simulated: false,
    limits: WORDPRESS_LIMITS,
    capabilities: WORDPRESS_CAPABILITIES,
    idempotency: 'reconcile-by-lookup',
    connectionFields: [
      { name: 'siteUrl', secret: false, required: true, label: { en: 'Site address (https://…)', es: 'Dirección del sitio (https://…)' } },
      { name: 'username', secret: false, required: true, label: { en: 'WordPress user name', es: 'Usuario de WordPress' } },
      {
        name: 'applicationPassword',
        secret: true,
        required: true,
        label: { en: 'Application password (Users → Profile)', es: 'Contraseña de aplicación (Usuarios → Perfil)' },
      },
    ],
    metrics: WORDPRESS_METRICS,
    inbox,
    validate: validateWordPressPost,
    checkHealth,
    optionChoices,
    publish,
    findPublished,
    delete: deletePost,
    fetchMetrics,
    fetchMentions,
  };
}
