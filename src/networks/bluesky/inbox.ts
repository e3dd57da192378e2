/**
 * Bluesky inbox (../inbox.ts): what people write to the brand, and answering it.
 *
 * - Replies, mentions and quotes come from app.bsky.notification.listNotifications (AppView,
 *   proxied by the user's PDS), read newest first down to a durable watermark; the threads under
 *   our posts are read with app.bsky.feed.getPostThread, which also brings back our own replies
 *   (`fromUs`).
 * - Direct messages come from the chat service (chat.bsky.convo.*), reached through the PDS with
 *   the `atproto-proxy: did:web:api.bsky.chat#bsky_chat` header. The PDS only proxies them for an
 *   app password created with "Allow access to your direct messages"; otherwise it answers
 *   400 InvalidToken "Bad token method", which becomes `dm_access_required`.
 * - A public reply is a post whose record key is derived from Plaza's reply id (record-key.ts),
 *   as publishing does: a retry targets the same key and cannot post twice; findReply reads it.
 * - Chat messages have no idempotency key: before sending, and in findReply, the conversation is
 *   read back and an identical message of ours after their last message counts as already sent.
 *
 * Not confirmed from documentation: the order of chat.bsky.convo.listConvos (taken as most recent
 * activity first, as the Bluesky app shows it), and that message ids are unique across convos
 * (remote ids are prefixed with the convo id anyway).
 */
import type {
  AppBskyFeedDefs,
  AppBskyNotificationListNotifications,
  AtpAgent,
  ChatBskyConvoDefs,
  ComAtprotoRepoStrongRef,
} from '@atproto/api';
import type { InboundItem, InboundKind, InboundPage, InboxAction, InboxAdapter, InboxTarget, ReplyResult } from '../inbox.ts';
import { encodeInboxCursor, parseInboxCursor } from '../inbox-cursor.ts';
import { NetworkError, type ChannelContext } from '../types.ts';
import { isXrpcError } from './atproto.ts';
import type { RequestKind } from './errors.ts';
import { inboxReplyRecordKey, subjectRecordKey } from './record-key.ts';

type StrongRef = ComAtprotoRepoStrongRef.Main;

export interface BlueskySessionInfo {
  agent: AtpAgent;
  did: string;
  handle: string;
}

/** What the adapter lends the inbox: its session handling, error classification and post writing. */
export interface BlueskyInboxDeps {
  appUrl: string;
  /** `atproto-proxy` value for chat.bsky.* calls. */
  chatProxy: string;
  withSession<T>(ctx: ChannelContext, kind: RequestKind, work: (session: BlueskySessionInfo) => Promise<T>): Promise<T>;
  classify(error: unknown, kind: RequestKind, ctx: ChannelContext): NetworkError;
  getPostRecord(
    ctx: ChannelContext,
    session: BlueskySessionInfo,
    rkey: string,
  ): Promise<{ ref: StrongRef; value: Record<string, unknown> } | null>;
  createPost(
    ctx: ChannelContext,
    session: BlueskySessionInfo,
    rkey: string,
    text: string,
    reply: { root: StrongRef; parent: StrongRef },
  ): Promise<StrongRef>;
  postUrl(session: BlueskySessionInfo, rkey: string): string;
}

/** The chat service of bsky.social. */
export const BLUESKY_CHAT_PROXY = 'did:web:api.bsky.chat#bsky_chat';
const NOTIFICATION_REASONS = ['reply', 'mention', 'quote'] as const;
/** Pages read per fetchInbound call; more means `hasMore` and the cursor resumes the walk. */
const MAX_NOTIFICATION_PAGES = 5;
const NOTIFICATION_PAGE_SIZE = 50;
/** Threads under our posts read per call (each one getPostThread). */
const MAX_THREADS_PER_CALL = 10;
const MAX_CONVO_PAGES = 3;
const MAX_MESSAGE_PAGES = 3;
const REPLY_MAX_GRAPHEMES = 300;

interface InboxCursor {
  /** Notifications indexed before this (ISO) were read already. */
  n?: string;
  /** Mid-walk: the AppView's own pagination cursor, and the newest indexedAt seen in this walk. */
  b?: string;
  t?: string;
  /** Direct messages sent before this (ISO) were read already. */
  d?: string;
}

function later(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

function graphemes(text: string): number {
  let count = 0;
  for (const _ of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) count += 1;
  return count;
}

function hostOf(uri: string): string {
  return uri.replace(/^at:\/\//, '').split('/')[0] ?? '';
}

function rkeyOf(uri: string): string {
  return uri.split('/').pop() ?? '';
}

interface PostRecordShape {
  text?: unknown;
  createdAt?: unknown;
  langs?: unknown;
  reply?: { root?: StrongRef; parent?: StrongRef };
  embed?: { $type?: string; external?: { uri?: unknown }; record?: { uri?: unknown } | { record?: { uri?: unknown } } };
}

/** True when the PDS refused a chat call because the app password has no DM access. */
function isDmAccessRefused(error: unknown): boolean {
  return (
    isXrpcError(error) &&
    ((error.error === 'InvalidToken' && /bad token method/i.test(error.message)) ||
      // The chat service's own answer for a token without the chat scope.
      /missing.*chat|not.*allowed.*chat|chat.*(scope|access)/i.test(error.message))
  );
}

export function createBlueskyInbox(deps: BlueskyInboxDeps): InboxAdapter {
  const { appUrl } = deps;
  const chatHeaders = { 'atproto-proxy': deps.chatProxy };

  function authorOf(profile: { did: string; handle: string; displayName?: string; avatar?: string }) {
    const author: InboundItem['author'] = { id: profile.did, handle: profile.handle, profileUrl: `${appUrl}/profile/${profile.handle}` };
    if (profile.displayName) author.displayName = profile.displayName;
    if (profile.avatar) author.avatarUrl = profile.avatar;
    return author;
  }

  /** One post as an inbound item; `reason` decides what kind of item it is. */
  function itemOfPost(
    session: BlueskySessionInfo,
    post: {
      uri: string;
      author: { did: string; handle: string; displayName?: string; avatar?: string };
      record: unknown;
      indexedAt: string;
    },
    reason: 'reply' | 'mention' | 'quote',
  ): InboundItem {
    const record = (post.record ?? {}) as PostRecordShape;
    const ours = (uri: string | undefined) => (uri ? hostOf(uri) === session.did : false);
    const rootUri = typeof record.reply?.root?.uri === 'string' ? record.reply.root.uri : undefined;
    const parentUri = typeof record.reply?.parent?.uri === 'string' ? record.reply.parent.uri : undefined;
    let kind: InboundKind = reason;
    let threadRemoteId = post.uri;
    let postRemoteId: string | undefined;
    if (reason === 'reply' && rootUri) {
      threadRemoteId = rootUri;
      postRemoteId = ours(rootUri) ? rootUri : ours(parentUri) ? parentUri : undefined;
    } else if (reason === 'quote') {
      const embedded = record.embed?.record as { uri?: unknown; record?: { uri?: unknown } } | undefined;
      const quoted = typeof embedded?.uri === 'string' ? embedded.uri : embedded?.record?.uri;
      if (typeof quoted === 'string') postRemoteId = quoted;
    } else if (reason === 'mention' && rootUri && ours(rootUri)) {
      // A mention inside a thread under our post is a reply in that thread.
      kind = 'reply';
      threadRemoteId = rootUri;
      postRemoteId = rootUri;
    }
    const item: InboundItem = {
      remoteId: post.uri,
      kind,
      threadRemoteId,
      author: authorOf(post.author),
      text: typeof record.text === 'string' ? record.text : '',
      url: `${appUrl}/profile/${post.author.handle}/post/${rkeyOf(post.uri)}`,
      createdAt: typeof record.createdAt === 'string' && !Number.isNaN(Date.parse(record.createdAt)) ? record.createdAt : post.indexedAt,
    };
    if (postRemoteId) item.postRemoteId = postRemoteId;
    if (parentUri) item.inReplyToRemoteId = parentUri;
    if (post.author.did === session.did) item.fromUs = true;
    if (Array.isArray(record.langs) && typeof record.langs[0] === 'string') item.language = record.langs[0];
    const external = record.embed?.external?.uri;
    if (typeof external === 'string') item.attachments = [{ kind: 'link', url: external }];
    return item;
  }

  async function readNotifications(
    ctx: ChannelContext,
    session: BlueskySessionInfo,
    state: InboxCursor,
    since: string | undefined,
  ): Promise<{ items: InboundItem[]; next: InboxCursor; hasMore: boolean }> {
    const floor = state.n ?? since;
    const floorMs = floor ? Date.parse(floor) : Number.NEGATIVE_INFINITY;
    let pageCursor = state.b;
    let top = state.t;
    const items: InboundItem[] = [];
    let exhausted = false;
    for (let page = 0; page < MAX_NOTIFICATION_PAGES; page += 1) {
      let data: AppBskyNotificationListNotifications.OutputSchema;
      try {
        ({ data } = await session.agent.app.bsky.notification.listNotifications(
          { limit: NOTIFICATION_PAGE_SIZE, cursor: pageCursor, reasons: [...NOTIFICATION_REASONS] },
          { signal: ctx.signal },
        ));
      } catch (error) {
        throw appViewError(error, ctx);
      }
      let reachedFloor = false;
      for (const notification of data.notifications) {
        // Equal to the floor: read again (the inbox stores each item once), never skipped.
        if (Date.parse(notification.indexedAt) < floorMs) {
          reachedFloor = true;
          continue;
        }
        top = later(top, notification.indexedAt);
        const reason = NOTIFICATION_REASONS.find((known) => known === notification.reason);
        if (reason) items.push(itemOfPost(session, notification, reason));
      }
      pageCursor = data.cursor;
      if (reachedFloor || !pageCursor || data.notifications.length === 0) {
        exhausted = true;
        break;
      }
    }
    if (exhausted) {
      const watermark = later(top, floor);
      return { items, next: watermark ? { n: watermark } : {}, hasMore: false };
    }
    const next: InboxCursor = { b: pageCursor };
    if (floor) next.n = floor;
    if (top) next.t = top;
    return { items, next, hasMore: true };
  }

  /** Every post of the threads under our posts that `items` touch (our own replies included). */
  async function readThreads(ctx: ChannelContext, session: BlueskySessionInfo, items: InboundItem[]): Promise<InboundItem[]> {
    const roots = [
      ...new Set(
        items.filter((item) => item.kind === 'reply' && hostOf(item.threadRemoteId) === session.did).map((item) => item.threadRemoteId),
      ),
    ];
    const found: InboundItem[] = [];
    for (const uri of roots.slice(0, MAX_THREADS_PER_CALL)) {
      let thread: unknown;
      try {
        ({
          data: { thread },
        } = await session.agent.app.bsky.feed.getPostThread({ uri, depth: 50, parentHeight: 0 }, { signal: ctx.signal }));
      } catch (error) {
        // The root was deleted meanwhile: the notifications are still worth keeping.
        if (isXrpcError(error) && error.error === 'NotFound') continue;
        throw appViewError(error, ctx);
      }
      const walk = (node: unknown, depth: number) => {
        const view = node as AppBskyFeedDefs.ThreadViewPost;
        if (view?.$type !== 'app.bsky.feed.defs#threadViewPost' || depth > 50) return;
        if (depth > 0) found.push(itemOfPost(session, view.post, 'reply'));
        for (const child of view.replies ?? []) walk(child, depth + 1);
      };
      walk(thread, 0);
    }
    return found;
  }

  function appViewError(error: unknown, ctx: ChannelContext): NetworkError {
    if (isXrpcError(error) && (/no service configured/i.test(error.message) || error.status === 404 || error.status === 501)) {
      return new NetworkError('permanent', 'appview_unavailable', `This Bluesky service has no AppView for the inbox: ${error.message}`);
    }
    return deps.classify(error, 'read', ctx);
  }

  function chatError(error: unknown, kind: RequestKind, ctx: ChannelContext): NetworkError {
    if (isDmAccessRefused(error)) {
      return new NetworkError(
        'permanent',
        'dm_access_required',
        'Direct messages need an app password with access to direct messages (Settings → Privacy and security → App passwords)',
        { status: isXrpcError(error) ? error.status : undefined },
      );
    }
    return deps.classify(error, kind, ctx);
  }

  async function readDirectMessages(
    ctx: ChannelContext,
    session: BlueskySessionInfo,
    floor: string | undefined,
  ): Promise<{ items: InboundItem[]; watermark: string | undefined }> {
    const floorMs = floor ? Date.parse(floor) : Number.NEGATIVE_INFINITY;
    const convo = session.agent.chat.bsky.convo;
    const items: InboundItem[] = [];
    let watermark = floor;
    let convoCursor: string | undefined;
    for (let page = 0; page < MAX_CONVO_PAGES; page += 1) {
      const { data } = await convo
        .listConvos({ limit: 50, cursor: convoCursor }, { headers: chatHeaders, signal: ctx.signal })
        .catch((error: unknown) => {
          throw chatError(error, 'read', ctx);
        });
      let older = false;
      for (const view of data.convos) {
        const last = view.lastMessage as { sentAt?: string } | undefined;
        if (!last?.sentAt || Date.parse(last.sentAt) < floorMs) {
          older = Boolean(last?.sentAt);
          continue;
        }
        const members = new Map(view.members.map((member) => [member.did, member]));
        let messageCursor: string | undefined;
        for (let messagePage = 0; messagePage < MAX_MESSAGE_PAGES; messagePage += 1) {
          const { data: messages } = await convo
            .getMessages({ convoId: view.id, limit: 50, cursor: messageCursor }, { headers: chatHeaders, signal: ctx.signal })
            .catch((error: unknown) => {
              throw chatError(error, 'read', ctx);
            });
          let reachedFloor = false;
          for (const raw of messages.messages) {
            if (raw.$type !== 'chat.bsky.convo.defs#messageView') continue;
            const message = raw as ChatBskyConvoDefs.MessageView;
            if (Date.parse(message.sentAt) < floorMs) {
              reachedFloor = true;
              continue;
            }
            watermark = later(watermark, message.sentAt);
            const sender = members.get(message.sender.did);
            const item: InboundItem = {
              remoteId: `${view.id}/${message.id}`,
              kind: 'direct_message',
              threadRemoteId: view.id,
              author: sender ? authorOf(sender) : { id: message.sender.did, handle: message.sender.did },
              text: message.text,
              url: null,
              createdAt: message.sentAt,
            };
            if (message.sender.did === session.did) item.fromUs = true;
            items.push(item);
          }
          messageCursor = messages.cursor;
          if (reachedFloor || !messageCursor || messages.messages.length === 0) break;
        }
      }
      convoCursor = data.cursor;
      if (older || !convoCursor || data.convos.length === 0) break;
    }
    return { items, watermark };
  }

  /** Our message with this text after their last message in the conversation, if any. */
  async function findSentMessage(
    ctx: ChannelContext,
    session: BlueskySessionInfo,
    convoId: string,
    text: string,
  ): Promise<ReplyResult | null> {
    const { data } = await session.agent.chat.bsky.convo
      .getMessages({ convoId, limit: 50 }, { headers: chatHeaders, signal: ctx.signal })
      .catch((error: unknown) => {
        throw chatError(error, 'read', ctx);
      });
    for (const raw of data.messages) {
      if (raw.$type !== 'chat.bsky.convo.defs#messageView') continue;
      const message = raw as ChatBskyConvoDefs.MessageView;
      if (message.sender.did !== session.did) return null;
      if (message.text === text) return { remoteId: `${convoId}/${message.id}`, remoteUrl: null };
    }
    return null;
  }

  /** The DM conversation to answer in: the item's own for a DM, else the one with its author. */
  async function convoFor(ctx: ChannelContext, session: BlueskySessionInfo, target: InboxTarget): Promise<string> {
    if (target.kind === 'direct_message') return target.threadRemoteId;
    const { data } = await session.agent.chat.bsky.convo
      .getConvoForMembers({ members: [target.authorId] }, { headers: chatHeaders, signal: ctx.signal })
      .catch((error: unknown) => {
        throw chatError(error, 'read', ctx);
      });
    return data.convo.id;
  }

  /** The post view of `uri` (cid, record, our like), or a clear not_found. */
  async function postView(ctx: ChannelContext, session: BlueskySessionInfo, uri: string): Promise<AppBskyFeedDefs.PostView> {
    if (!uri.startsWith('at://')) throw new NetworkError('permanent', 'invalid_remote_id', `Not an at:// URI: ${uri}`);
    const { data } = await session.agent.app.bsky.feed.getPosts({ uris: [uri] }, { signal: ctx.signal }).catch((error: unknown) => {
      throw appViewError(error, ctx);
    });
    const post = data.posts.find((item) => item.uri === uri);
    if (!post) throw new NetworkError('permanent', 'not_found', 'The item no longer exists on Bluesky');
    return post;
  }

  async function deleteOwnRecord(ctx: ChannelContext, session: BlueskySessionInfo, uri: string): Promise<void> {
    const [repo, collection, rkey] = uri.replace(/^at:\/\//, '').split('/');
    if (repo !== session.did || !collection || !rkey) {
      throw new NetworkError('permanent', 'not_owner', `${uri} is not a record of ${session.handle}`);
    }
    try {
      await session.agent.com.atproto.repo.deleteRecord({ repo: session.did, collection, rkey }, { signal: ctx.signal });
    } catch (error) {
      throw deps.classify(error, 'write', ctx);
    }
  }

  /** Creates a record at a derived key; an existing record there is the same action done before. */
  async function putOnce(
    ctx: ChannelContext,
    session: BlueskySessionInfo,
    collection: string,
    rkey: string,
    record: Record<string, unknown>,
  ) {
    try {
      await session.agent.com.atproto.repo.createRecord(
        { repo: session.did, collection, rkey, record: { $type: collection, ...record } },
        { signal: ctx.signal },
      );
    } catch (error) {
      const classified = deps.classify(error, 'write', ctx);
      if (classified.kind === 'auth' || classified.kind === 'rate_limited' || ctx.signal?.aborted) throw classified;
      const existing = await session.agent.com.atproto.repo
        .getRecord({ repo: session.did, collection, rkey }, { signal: ctx.signal })
        .then(() => true)
        .catch(() => false);
      if (!existing) throw classified;
    }
  }

  const inbox: InboxAdapter = {
    capabilities: {
      kinds: ['reply', 'mention', 'quote', 'direct_message'],
      actions: ['reply', 'direct_message', 'like', 'unlike', 'delete', 'mute', 'block'],
      maxReplyChars: REPLY_MAX_GRAPHEMES,
    },

    async fetchInbound(ctx, { cursor, since }): Promise<InboundPage> {
      const state = parseInboxCursor<InboxCursor>(cursor);
      return deps.withSession(ctx, 'read', async (session) => {
        const notifications = await readNotifications(ctx, session, state, since);
        const threads = await readThreads(ctx, session, notifications.items);
        const next: InboxCursor = { ...notifications.next };
        const page: InboundPage = { items: [], cursor: null, hasMore: notifications.hasMore };
        let messages: InboundItem[] = [];
        try {
          const dms = await readDirectMessages(ctx, session, state.d ?? since);
          messages = dms.items;
          if (dms.watermark) next.d = dms.watermark;
        } catch (error) {
          if (!(error instanceof NetworkError) || error.code !== 'dm_access_required') throw error;
          // Notifications still flow; the channel says why messages do not.
          if (state.d) next.d = state.d;
          page.unavailable = [{ kinds: ['direct_message'], code: 'dm_access_required' }];
        }
        const unique = new Map<string, InboundItem>();
        for (const item of [...notifications.items, ...threads, ...messages])
          if (!unique.has(item.remoteId)) unique.set(item.remoteId, item);
        page.items = [...unique.values()].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
        page.cursor = encodeInboxCursor(next);
        return page;
      });
    },

    async reply(ctx, input): Promise<ReplyResult> {
      const text = input.text.trim();
      if (text === '') throw new NetworkError('permanent', 'invalid_content', 'The reply is empty');
      if (input.mode === 'private') throw new NetworkError('permanent', 'action_not_supported', 'Bluesky has no private replies');
      if (input.mode === 'direct_message') {
        return deps.withSession(ctx, 'write', async (session) => {
          const convoId = await convoFor(ctx, session, input.target);
          const already = await findSentMessage(ctx, session, convoId, text);
          if (already) return already;
          const { data } = await session.agent.chat.bsky.convo
            .sendMessage({ convoId, message: { text } }, { headers: chatHeaders, signal: ctx.signal })
            .catch((error: unknown) => {
              throw chatError(error, 'write', ctx);
            });
          return { remoteId: `${convoId}/${data.id}`, remoteUrl: null };
        });
      }
      if (graphemes(text) > REPLY_MAX_GRAPHEMES) {
        throw new NetworkError('permanent', 'invalid_content', `Bluesky replies take at most ${REPLY_MAX_GRAPHEMES} characters`);
      }
      const rkey = inboxReplyRecordKey(input.replyId);
      return deps.withSession(ctx, 'write', async (session) => {
        const existing = await deps.getPostRecord(ctx, session, rkey);
        if (existing) return { remoteId: existing.ref.uri, remoteUrl: deps.postUrl(session, rkey) };
        const parent = await postView(ctx, session, input.target.remoteId);
        const parentRecord = parent.record as PostRecordShape;
        const parentRef = { uri: parent.uri, cid: parent.cid };
        const root = parentRecord.reply?.root?.uri && parentRecord.reply.root.cid ? parentRecord.reply.root : parentRef;
        const ref = await deps.createPost(ctx, session, rkey, text, { root: { uri: root.uri, cid: root.cid }, parent: parentRef });
        return { remoteId: ref.uri, remoteUrl: deps.postUrl(session, rkey) };
      });
    },

    async findReply(ctx, input): Promise<ReplyResult | null> {
      if (input.mode === 'direct_message') {
        return deps.withSession(ctx, 'read', async (session) =>
          findSentMessage(ctx, session, await convoFor(ctx, session, input.target), input.text.trim()),
        );
      }
      const rkey = inboxReplyRecordKey(input.replyId);
      return deps.withSession(ctx, 'read', async (session) => {
        const found = await deps.getPostRecord(ctx, session, rkey);
        return found ? { remoteId: found.ref.uri, remoteUrl: deps.postUrl(session, rkey) } : null;
      });
    },

    async act(ctx, action: Exclude<InboxAction, 'reply' | 'private_reply' | 'direct_message'>, target): Promise<void> {
      if (target.kind === 'direct_message' && action !== 'mute' && action !== 'block') {
        throw new NetworkError('permanent', 'action_not_supported', `Bluesky cannot ${action} a direct message`);
      }
      await deps.withSession(ctx, 'write', async (session) => {
        switch (action) {
          case 'like': {
            const post = await postView(ctx, session, target.remoteId);
            if (post.viewer?.like) return;
            await putOnce(ctx, session, 'app.bsky.feed.like', subjectRecordKey('like', post.uri), {
              subject: { uri: post.uri, cid: post.cid },
              createdAt: new Date().toISOString(),
            });
            return;
          }
          case 'unlike': {
            const post = await postView(ctx, session, target.remoteId);
            const likes = new Set<string>([`at://${session.did}/app.bsky.feed.like/${subjectRecordKey('like', post.uri)}`]);
            if (post.viewer?.like) likes.add(post.viewer.like);
            for (const uri of likes) await deleteOwnRecord(ctx, session, uri);
            return;
          }
          case 'delete':
            // Only our own replies can be deleted; others' posts can be muted, blocked or hidden by the app.
            await deleteOwnRecord(ctx, session, target.remoteId);
            return;
          case 'mute':
            await session.agent.app.bsky.graph.muteActor({ actor: target.authorId }, { signal: ctx.signal }).catch((error: unknown) => {
              throw appViewError(error, ctx);
            });
            return;
          case 'block':
            await putOnce(ctx, session, 'app.bsky.graph.block', subjectRecordKey('block', target.authorId), {
              subject: target.authorId,
              createdAt: new Date().toISOString(),
            });
            return;
          default:
            throw new NetworkError('permanent', 'action_not_supported', `Bluesky has no "${action}" for inbox items`);
        }
      });
    },
  };
  return inbox;
}
