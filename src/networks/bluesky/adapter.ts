/**
 * The Bluesky (AT Protocol) adapter.
 *
 * Idempotency: every post is created with a record key derived from the
 * publication id (see record-key.ts). Publishing the same publication again
 * targets the same keys; a key that already holds a record is read back and
 * returned as success, so a retry never duplicates a post.
 *
 * Metrics and mentions come from the Bluesky AppView (app.bsky.*), reached
 * through the user's PDS, which proxies them. A PDS without an AppView (like the
 * local reference PDS in tests) answers 400 "No service configured": those calls
 * then throw NetworkError('permanent', 'appview_unavailable').
 */
import { blueskySessionShape, parseNetworkAnswer } from '../response-shape.ts';
import { imageSize } from 'image-size';
import type { AppBskyEmbedExternal, AppBskyEmbedImages, AppBskyFeedPost, AtpAgent, AtUri, ComAtprotoRepoStrongRef } from '@atproto/api';
import { atproto, isXrpcError } from './atproto.ts';
import {
  NetworkError,
  type ChannelContext,
  type ChannelHealth,
  type LinkCardInput,
  type MediaInput,
  type NetworkCapabilities,
  type MetricsSupport,
  type NetworkAdapter,
  type PostEngagers,
  type PostMetrics,
  type PublishInput,
  type PublishResult,
  type RemoteMention,
} from '../types.ts';
import { engagersFromAppView, engagersFromPdsRepos } from './engagers.ts';
import { classifyBlueskyError, type RequestKind } from './errors.ts';
import { firstCommentRecordKey, followUpRecordKey, rootRecordKey } from './record-key.ts';
import { buildFacets } from './rich-text.ts';
import { BLUESKY_CHAT_PROXY, createBlueskyInbox } from './inbox.ts';
import { BlueskySessionCache, readConnection } from './session.ts';
import { BLUESKY_LIMITS, validateBlueskyPost } from './validate.ts';

export const POST_COLLECTION = 'app.bsky.feed.post';
/** Bluesky counts likes, replies, reposts and quotes; it reports no impressions, reach or link clicks. */
export const BLUESKY_METRICS: MetricsSupport = {
  reported: ['likes', 'replies', 'reposts', 'quotes', 'followers'],
  missing: { impressions: 'not_provided_by_network', reach: 'not_provided_by_network', clicks: 'use_tracked_links' },
};
/**
 * What Bluesky publishes: text, link cards (app.bsky.embed.external), up to four images, threads,
 * and a first comment (a reply to the post, at a record key derived from the publication id).
 */
export const BLUESKY_CAPABILITIES: NetworkCapabilities = {
  postTypes: ['text', 'link', 'image', 'thread'],
  maxCarouselItems: 4,
  firstComment: true,
  mediaByUrl: false,
  charCounting: 'graphemes',
  options: [],
};
/** app.bsky.embed.external#thumb: an image blob of at most 1,000,000 bytes. */
export const BLUESKY_CARD_THUMB_BYTES = 1_000_000;
/** Pages of notifications read per fetchMentions call at most. */
const MAX_NOTIFICATION_PAGES = 5;

export interface BlueskyAdapterOptions {
  /** Session cache to use; by default one shared by this adapter instance. */
  sessions?: BlueskySessionCache;
  /** fetch used by the default session cache (tests inject faults through it). */
  fetch?: typeof globalThis.fetch;
  /** Clock for createdAt and rate-limit arithmetic. */
  now?: () => number;
  /** Web app that post links point to. */
  appUrl?: string;
  /** `atproto-proxy` for chat.bsky.* (direct messages); bsky.social's chat service by default. */
  chatProxy?: string;
}

interface Session {
  agent: AtpAgent;
  did: string;
  handle: string;
}

type StrongRef = ComAtprotoRepoStrongRef.Main;

interface PostPart {
  text: string;
  media: MediaInput[];
}

function isRecordNotFound(error: unknown): boolean {
  return isXrpcError(error) && (error.error === 'RecordNotFound' || /could not locate record/i.test(error.message));
}

function isAppViewMissing(error: unknown): boolean {
  return isXrpcError(error) && (/no service configured/i.test(error.message) || error.status === 404 || error.status === 501);
}

/** Creates a Bluesky adapter; `blueskyAdapter` is the default instance. */
export function createBlueskyAdapter(options: BlueskyAdapterOptions = {}): NetworkAdapter & { sessions: BlueskySessionCache } {
  const sessions = options.sessions ?? new BlueskySessionCache(options.fetch);
  const now = options.now ?? Date.now;
  const appUrl = (options.appUrl ?? 'https://bsky.app').replace(/\/+$/, '');

  function classify(error: unknown, kind: RequestKind, ctx: ChannelContext): NetworkError {
    return classifyBlueskyError(error, kind, { signal: ctx.signal, nowMs: now() });
  }

  /** Runs one XRPC call and classifies its failure. */
  async function call<T>(ctx: ChannelContext, kind: RequestKind, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw classify(error, kind, ctx);
    }
  }

  /**
   * Runs `work` with a logged-in session. If a cached session is refused
   * (revoked or expired beyond refresh), logs in once more and retries; `work`
   * must therefore be safe to repeat, which deterministic record keys make true.
   */
  async function withSession<T>(ctx: ChannelContext, kind: RequestKind, work: (session: Session) => Promise<T>): Promise<T> {
    const connection = readConnection(ctx);
    const run = async (agent: AtpAgent) => {
      const session = agent.session;
      if (!session) throw new NetworkError('auth', 'no_session', 'Bluesky session is missing');
      try {
        return await work({ agent, did: session.did, handle: session.handle });
      } catch (error) {
        throw classify(error, kind, ctx);
      }
    };
    const first = await sessions.getAgent(ctx, connection);
    try {
      return await run(first.agent);
    } catch (error) {
      const classified = classify(error, kind, ctx);
      if (classified.kind !== 'auth' || first.fresh || ctx.signal?.aborted) throw classified;
      sessions.invalidate(ctx.channelId, connection.serviceUrl, first.agent);
      const second = await sessions.getAgent(ctx, connection);
      return run(second.agent);
    }
  }

  function postUrl(session: Session, rkey: string): string {
    const profile = session.handle && session.handle !== 'handle.invalid' ? session.handle : session.did;
    return `${appUrl}/profile/${profile}/post/${rkey}`;
  }

  async function getPostRecord(
    ctx: ChannelContext,
    session: Session,
    rkey: string,
  ): Promise<{ ref: StrongRef; value: Record<string, unknown> } | null> {
    try {
      const { data } = await session.agent.com.atproto.repo.getRecord(
        { repo: session.did, collection: POST_COLLECTION, rkey },
        { signal: ctx.signal },
      );
      if (!data.cid) return null;
      return { ref: { uri: data.uri, cid: data.cid }, value: data.value };
    } catch (error) {
      if (isRecordNotFound(error)) return null;
      throw classify(error, 'read', ctx);
    }
  }

  async function uploadImages(ctx: ChannelContext, session: Session, media: MediaInput[]): Promise<AppBskyEmbedImages.Image[]> {
    const images: AppBskyEmbedImages.Image[] = [];
    for (const item of media) {
      // An interrupted upload leaves at most an unreferenced blob, which the PDS discards: 'read' semantics.
      const { data } = await call(ctx, 'read', () =>
        session.agent.com.atproto.repo.uploadBlob(item.bytes, { encoding: item.mimeType, signal: ctx.signal }),
      );
      const image: AppBskyEmbedImages.Image = { image: data.blob, alt: item.alt ?? '' };
      try {
        const size = imageSize(item.bytes);
        if (size.width && size.height) image.aspectRatio = { width: size.width, height: size.height };
      } catch {
        // Unknown dimensions only cost the app a layout hint.
      }
      images.push(image);
    }
    return images;
  }

  /** Creates one post at `rkey`, or returns the record already there (a retry). */
  async function createPost(
    ctx: ChannelContext,
    session: Session,
    rkey: string,
    part: PostPart,
    language: string | undefined,
    reply: { root: StrongRef; parent: StrongRef } | undefined,
    card?: LinkCardInput,
  ): Promise<StrongRef> {
    const { text, facets } = await call(ctx, 'read', () => buildFacets(session.agent, part.text, ctx.signal));
    const record: AppBskyFeedPost.Record = {
      $type: POST_COLLECTION,
      text,
      createdAt: new Date(now()).toISOString(),
    };
    if (facets.length > 0) record.facets = facets;
    if (language) record.langs = [language];
    if (reply) record.reply = reply;
    if (part.media.length > 0) {
      record.embed = { $type: 'app.bsky.embed.images', images: await uploadImages(ctx, session, part.media) };
    } else if (card) {
      record.embed = await externalEmbed(ctx, session, card);
    }
    try {
      const { data } = await session.agent.com.atproto.repo.createRecord(
        { repo: session.did, collection: POST_COLLECTION, rkey, record: record as unknown as Record<string, unknown> },
        { signal: ctx.signal },
      );
      return { uri: data.uri, cid: data.cid };
    } catch (error) {
      const classified = classify(error, 'write', ctx);
      if (classified.kind === 'auth' || classified.kind === 'rate_limited' || ctx.signal?.aborted) throw classified;
      // The reference PDS answers a taken record key with a 500: look before reporting a failure.
      const existing = await getPostRecord(ctx, session, rkey).catch(() => null);
      if (existing) return existing.ref;
      throw classified;
    }
  }

  /** A link card as app.bsky.embed.external, its image uploaded as the thumb blob. */
  async function externalEmbed(
    ctx: ChannelContext,
    session: Session,
    card: LinkCardInput,
  ): Promise<AppBskyEmbedExternal.Main & { $type: string }> {
    const external: AppBskyEmbedExternal.External = { uri: card.url, title: card.title, description: card.description ?? '' };
    if (card.image && card.image.bytes.byteLength <= BLUESKY_CARD_THUMB_BYTES) {
      const image = card.image;
      const { data } = await call(ctx, 'read', () =>
        session.agent.com.atproto.repo.uploadBlob(image.bytes, { encoding: image.mimeType, signal: ctx.signal }),
      );
      external.thumb = data.blob;
    }
    return { $type: 'app.bsky.embed.external', external };
  }

  function partsOf(input: PublishInput): PostPart[] {
    return [{ text: input.text, media: input.media }, ...(input.thread ?? [])];
  }

  function recordKeyOf(rootKey: string, index: number): string {
    return index === 0 ? rootKey : followUpRecordKey(rootKey, index);
  }

  const inbox = createBlueskyInbox({
    appUrl,
    chatProxy: options.chatProxy ?? BLUESKY_CHAT_PROXY,
    withSession,
    classify,
    getPostRecord,
    createPost: (ctx, session, rkey, text, reply) => createPost(ctx, session, rkey, { text, media: [] }, undefined, reply),
    postUrl,
  });

  const adapter: NetworkAdapter & { sessions: BlueskySessionCache } = {
    name: 'bluesky',
    label: { en: 'Bluesky', es: 'Bluesky' },
    simulated: false,
    limits: BLUESKY_LIMITS,
    capabilities: BLUESKY_CAPABILITIES,
    linkCards: { thumbnail: true, maxThumbnailBytes: BLUESKY_CARD_THUMB_BYTES, thumbnailTypes: ['image/jpeg', 'image/png', 'image/webp'] },
    idempotency: 'deterministic-record-key',
    metrics: BLUESKY_METRICS,
    connectionFields: [
      { name: 'identifier', secret: false, required: true, label: { en: 'Handle or email', es: 'Usuario o correo' } },
      {
        name: 'appPassword',
        secret: true,
        required: true,
        label: {
          en: 'App password (Settings → Privacy and security → App passwords)',
          es: 'Contraseña de aplicación (Ajustes → Privacidad y seguridad → Contraseñas de aplicación)',
        },
      },
      {
        name: 'serviceUrl',
        secret: false,
        required: false,
        label: {
          en: 'Your Bluesky server (leave empty if you use bsky.social)',
          es: 'Tu servidor de Bluesky (déjalo vacío si usas bsky.social)',
        },
      },
    ],
    sessions,
    inbox,

    validate(input) {
      return validateBlueskyPost(input);
    },

    async checkHealth(ctx): Promise<ChannelHealth> {
      try {
        return await withSession(ctx, 'read', async (session) => {
          const { data } = await call(ctx, 'read', () => session.agent.com.atproto.server.getSession(undefined, { signal: ctx.signal }));
          const checked = parseNetworkAnswer(blueskySessionShape, data, 'getSession');
          const account: NonNullable<ChannelHealth['account']> = { id: checked.did, handle: checked.handle };
          try {
            // AppView: absent on a bare PDS; the account is healthy without it.
            const profile = await session.agent.app.bsky.actor.getProfile({ actor: data.did }, { signal: ctx.signal });
            if (profile.data.displayName) account.displayName = profile.data.displayName;
            if (typeof profile.data.followersCount === 'number') account.followers = profile.data.followersCount;
          } catch {
            // Profile details are optional.
          }
          return { ok: true, account };
        });
      } catch (error) {
        const classified = error instanceof NetworkError ? error : classify(error, 'read', ctx);
        return { ok: false, error: { code: classified.code, message: classified.message, kind: classified.kind } };
      }
    },

    async publish(ctx, input): Promise<PublishResult> {
      const issues = validateBlueskyPost(input);
      if (issues.length > 0) {
        throw new NetworkError('permanent', 'invalid_content', issues.map((item) => item.message).join(' '), { body: issues });
      }
      const rootKey = rootRecordKey(input.publicationId);
      return withSession(ctx, 'write', async (session) => {
        const refs: StrongRef[] = [];
        const parts = partsOf(input);
        for (let index = 0; index < parts.length; index += 1) {
          const reply = index === 0 ? undefined : { root: refs[0], parent: refs[index - 1] };
          const card = index === 0 ? input.linkCard : undefined;
          refs.push(await createPost(ctx, session, recordKeyOf(rootKey, index), parts[index], input.options?.language, reply, card));
        }
        const result: PublishResult = { remoteId: refs[0].uri, remoteUrl: postUrl(session, rootKey) };
        if (refs.length > 1) result.threadRemoteIds = refs.slice(1).map((ref) => ref.uri);
        return result;
      });
    },

    /**
     * The first comment: a reply to the post at a record key derived from the publication id. A
     * retry (or a reconcile) finds the record already there and returns it: never a second comment.
     */
    async publishFirstComment(ctx, input) {
      const rkey = firstCommentRecordKey(input.publicationId);
      return withSession(ctx, 'write', async (session) => {
        const existing = await getPostRecord(ctx, session, rkey);
        if (existing) return { remoteId: existing.ref.uri, remoteUrl: postUrl(session, rkey) };
        const { AtUri } = await atproto();
        const post = new AtUri(input.postRemoteId);
        const parent = await getPostRecord(ctx, session, post.rkey);
        if (!parent) throw new NetworkError('permanent', 'post_not_found', `The post ${input.postRemoteId} is not there any more`);
        const ref = await createPost(ctx, session, rkey, { text: input.text, media: [] }, undefined, {
          root: parent.ref,
          parent: parent.ref,
        });
        return { remoteId: ref.uri, remoteUrl: postUrl(session, rkey) };
      });
    },

    /**
     * Null unless every part of the publication exists. A partly published
     * thread also gives null: publishing again is safe and completes it.
     */
    async findPublished(ctx, input): Promise<PublishResult | null> {
      const rootKey = rootRecordKey(input.publicationId);
      return withSession(ctx, 'read', async (session) => {
        const uris: string[] = [];
        const parts = partsOf(input);
        for (let index = 0; index < parts.length; index += 1) {
          const found = await getPostRecord(ctx, session, recordKeyOf(rootKey, index));
          if (!found) return null;
          uris.push(found.ref.uri);
        }
        const result: PublishResult = { remoteId: uris[0], remoteUrl: postUrl(session, rootKey) };
        if (uris.length > 1) result.threadRemoteIds = uris.slice(1);
        return result;
      });
    },

    /** Deletes the post and the thread follow-ups Plaza published under it. Deleting twice is fine. */
    async delete(ctx, remoteId): Promise<void> {
      let uri: AtUri;
      try {
        uri = new (await atproto()).AtUri(remoteId);
      } catch {
        throw new NetworkError('permanent', 'invalid_remote_id', `Not an at:// URI: ${remoteId}`);
      }
      await withSession(ctx, 'write', async (session) => {
        if (uri.collection !== POST_COLLECTION || (uri.host !== session.did && uri.host !== session.handle)) {
          throw new NetworkError('permanent', 'not_owner', `${remoteId} is not a post of ${session.handle}`);
        }
        const rootUri = `at://${session.did}/${POST_COLLECTION}/${uri.rkey}`;
        const followUpKeys: string[] = [];
        for (let index = 1; ; index += 1) {
          const key = followUpRecordKey(uri.rkey, index);
          const found = await getPostRecord(ctx, session, key);
          const replyRoot = (found?.value.reply as { root?: { uri?: string } } | undefined)?.root?.uri;
          if (!found || replyRoot !== rootUri) break;
          followUpKeys.push(key);
        }
        // Last follow-up first, root last: an interrupted delete can simply be repeated.
        for (const rkey of [...followUpKeys.reverse(), uri.rkey]) {
          await call(ctx, 'write', () =>
            session.agent.com.atproto.repo.deleteRecord({ repo: session.did, collection: POST_COLLECTION, rkey }, { signal: ctx.signal }),
          );
        }
      });
    },

    async fetchMetrics(ctx, remoteId): Promise<PostMetrics> {
      return withSession(ctx, 'read', async (session) => {
        const {
          data: { posts },
        } = await session.agent.app.bsky.feed.getPosts({ uris: [remoteId] }, { signal: ctx.signal }).catch((error: unknown) => {
          if (isAppViewMissing(error)) {
            throw new NetworkError(
              'permanent',
              'appview_unavailable',
              `This Bluesky service has no AppView for metrics: ${(error as Error).message}`,
            );
          }
          throw classify(error, 'read', ctx);
        });
        const post = posts.find((item) => item.uri === remoteId);
        if (!post) {
          const uri = new (await atproto()).AtUri(remoteId);
          const stillThere = uri.host === session.did ? await getPostRecord(ctx, session, uri.rkey) : null;
          throw stillThere
            ? new NetworkError('transient', 'not_indexed', 'Bluesky has not indexed this post yet')
            : new NetworkError('permanent', 'not_found', 'The post no longer exists on Bluesky');
        }
        return {
          likes: post.likeCount ?? 0,
          replies: post.replyCount ?? 0,
          reposts: post.repostCount ?? 0,
          quotes: post.quoteCount ?? 0,
          impressions: null,
          reach: null,
          clicks: null,
          missing: { ...BLUESKY_METRICS.missing },
        };
      });
    },

    /** Likers, reposters, quoters and repliers with their follower flag (engagers.ts); a bare PDS is scanned instead. */
    async fetchEngagers(ctx, remoteId): Promise<PostEngagers> {
      return withSession(ctx, 'read', async (session) => {
        try {
          return await engagersFromAppView(session.agent, session.did, remoteId, ctx.signal);
        } catch (error) {
          if (!isAppViewMissing(error)) throw error;
          return engagersFromPdsRepos(session.agent, session.did, remoteId, ctx.signal);
        }
      });
    },

    /** Mentions and replies, newest first, indexed after `since` (ISO date) when given. */
    async fetchMentions(ctx, since): Promise<RemoteMention[]> {
      const sinceMs = since ? Date.parse(since) : Number.NEGATIVE_INFINITY;
      return withSession(ctx, 'read', async (session) => {
        const mentions: RemoteMention[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < MAX_NOTIFICATION_PAGES; page += 1) {
          const { data } = await session.agent.app.bsky.notification
            .listNotifications({ limit: 50, cursor, reasons: ['mention', 'reply'] }, { signal: ctx.signal })
            .catch((error: unknown) => {
              if (isAppViewMissing(error)) {
                throw new NetworkError(
                  'permanent',
                  'appview_unavailable',
                  `This Bluesky service has no AppView for notifications: ${(error as Error).message}`,
                );
              }
              throw classify(error, 'read', ctx);
            });
          let reachedSince = false;
          for (const notification of data.notifications) {
            if (Date.parse(notification.indexedAt) <= sinceMs) {
              reachedSince = true;
              continue;
            }
            if (notification.reason !== 'mention' && notification.reason !== 'reply') continue;
            const record = notification.record as { text?: unknown; createdAt?: unknown; reply?: { parent?: { uri?: unknown } } };
            const uri = new (await atproto()).AtUri(notification.uri);
            const mention: RemoteMention = {
              remoteId: notification.uri,
              url: `${appUrl}/profile/${notification.author.handle}/post/${uri.rkey}`,
              authorHandle: notification.author.handle,
              text: typeof record.text === 'string' ? record.text : '',
              createdAt: typeof record.createdAt === 'string' ? record.createdAt : notification.indexedAt,
            };
            if (notification.author.displayName) mention.authorName = notification.author.displayName;
            if (typeof record.reply?.parent?.uri === 'string') mention.inReplyToRemoteId = record.reply.parent.uri;
            mentions.push(mention);
          }
          cursor = data.cursor;
          if (reachedSince || !cursor || data.notifications.length === 0) break;
        }
        return mentions;
      });
    },
  };
  return adapter;
}
