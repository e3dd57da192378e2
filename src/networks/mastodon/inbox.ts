/**
 * Mastodon inbox (../inbox.ts), on the documented REST API:
 * - mentions: GET /api/v1/notifications?types[]=mention. The first read walks back (max_id,
 *   Link rel="next") to `since`; later reads go forward from the newest id seen (min_id, Link
 *   rel="prev"), which is the durable cursor. A mention that answers one of our statuses is a
 *   reply in the thread of our root status (GET /api/v1/statuses/:id/context), which also brings
 *   back our own replies (`fromUs`).
 * - direct messages: GET /api/v1/conversations (paged by the last status id, Link headers); the
 *   messages of a conversation are the last status and its ancestors (context). Direct statuses
 *   also arrive as mention notifications: those are left to the conversation read.
 * - reply: POST /api/v1/statuses with in_reply_to_id and `Idempotency-Key: plaza-reply:<replyId>`
 *   (Mastodon replays a key for one hour); a direct-message reply is a `direct` status that
 *   mentions the person. findReply looks for our status under the item with the same text.
 * - favourite/unfavourite, delete (our own statuses), mute, block (accounts).
 *
 * Not confirmed from documentation: that the conversation Link header ids are last-status ids
 * (read from Mastodon's source, AccountConversation pagination).
 */
import type { InboundItem, InboundPage, InboxAction, InboxAdapter, InboxTarget, ReplyInput, ReplyResult } from '../inbox.ts';
import { encodeInboxCursor, parseInboxCursor } from '../inbox-cursor.ts';
import { NetworkError, type ChannelContext } from '../types.ts';
import type { MastodonAccount, MastodonContext, MastodonNotification, MastodonStatus } from './entities.ts';
import type { MastodonRequestFn } from './http.ts';
import { htmlToPlainText } from './text.ts';

const NOTIFICATION_PAGE_SIZE = 80; // documented maximum
const CONVERSATION_PAGE_SIZE = 40; // documented maximum
const MAX_PAGES = 5;
const MAX_THREADS_PER_CALL = 10;

interface Cursor {
  /** Newest mention notification id read. */
  n?: string;
  /** Mid backfill: where the backward walk continues (max_id) and the newest id it saw. */
  b?: string;
  t?: string;
  /** Newest conversation last-status id read. */
  c?: string;
}

interface Conversation {
  id: string;
  unread: boolean;
  accounts: MastodonAccount[];
  last_status: MastodonStatus | null;
}

type Status = MastodonStatus & { in_reply_to_account_id?: string | null; account: MastodonAccount & { avatar?: string } };

/** Snowflake-style ids compare as numbers; longer is larger. */
function newerId(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return BigInt(a) >= BigInt(b) ? a : b;
}

/** The `max_id`/`min_id` of a Link header relation (rel="next" | rel="prev"). */
export function linkParam(headers: Headers, rel: 'next' | 'prev', param: 'max_id' | 'min_id' | 'since_id'): string | undefined {
  const link = headers.get('link');
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = part.match(/<([^>]+)>\s*;\s*rel="?([a-z]+)"?/i);
    if (match && match[2] === rel) return new URL(match[1]!).searchParams.get(param) ?? undefined;
  }
  return undefined;
}

export function createMastodonInbox(deps: {
  clientFor(ctx: ChannelContext): MastodonRequestFn;
  verifyCredentials(request: MastodonRequestFn): Promise<MastodonAccount>;
}): InboxAdapter {
  function authorOf(account: MastodonAccount & { avatar?: string }): InboundItem['author'] {
    const author: InboundItem['author'] = { id: account.id, handle: account.acct };
    if (account.display_name) author.displayName = account.display_name;
    if (account.avatar) author.avatarUrl = account.avatar;
    if (account.url) author.profileUrl = account.url;
    return author;
  }

  function itemOf(status: Status, me: MastodonAccount, kind: InboundItem['kind'], threadRemoteId: string): InboundItem {
    const item: InboundItem = {
      remoteId: status.id,
      kind,
      threadRemoteId,
      author: authorOf(status.account),
      text: htmlToPlainText(status.content),
      url: status.url ?? status.uri ?? null,
      createdAt: status.created_at,
    };
    if (kind === 'reply' || kind === 'comment') item.postRemoteId = threadRemoteId;
    if (status.in_reply_to_id) item.inReplyToRemoteId = status.in_reply_to_id;
    if (status.account.id === me.id) item.fromUs = true;
    if (status.language) item.language = status.language;
    const attachments = status.media_attachments
      .filter((media) => media.url)
      .map((media) => ({
        kind: (media.type === 'image' || media.type === 'video' ? media.type : 'other') as 'image' | 'video' | 'other',
        url: media.url as string,
        ...(media.description ? { alt: media.description } : {}),
      }));
    if (attachments.length > 0) item.attachments = attachments;
    return item;
  }

  async function context(request: MastodonRequestFn, statusId: string): Promise<MastodonContext | null> {
    try {
      return (await request<MastodonContext>({ method: 'GET', path: `/api/v1/statuses/${encodeURIComponent(statusId)}/context` })).body;
    } catch (error) {
      if (error instanceof NetworkError && error.code === 'not_found') return null;
      throw error;
    }
  }

  async function readMentions(
    request: MastodonRequestFn,
    state: Cursor,
    since: string | undefined,
  ): Promise<{ notifications: MastodonNotification[]; next: Cursor; hasMore: boolean }> {
    const notifications: MastodonNotification[] = [];
    const base: Array<[string, string]> = [
      ['types[]', 'mention'],
      ['limit', String(NOTIFICATION_PAGE_SIZE)],
    ];
    if (state.n && !state.b) {
      // Forward from the newest id read: min_id gives the page right after it; rel="prev" continues.
      let minId: string | undefined = state.n;
      let newest = state.n;
      for (let page = 0; page < MAX_PAGES && minId; page += 1) {
        const query: Array<[string, string]> = [...base, ['min_id', minId]];
        const { body, headers }: { body: MastodonNotification[]; headers: Headers } = await request<MastodonNotification[]>({
          method: 'GET',
          path: '/api/v1/notifications',
          query,
        });
        const list = Array.isArray(body) ? body : [];
        notifications.push(...list);
        for (const notification of list) newest = newerId(newest, notification.id) ?? newest;
        if (list.length < NOTIFICATION_PAGE_SIZE) return { notifications, next: { n: newest }, hasMore: false };
        minId = linkParam(headers, 'prev', 'min_id') ?? newest;
      }
      return { notifications, next: { n: newest }, hasMore: true };
    }
    // Backward from the newest (or from where the last call stopped) down to `since`.
    const sinceMs = since ? Date.parse(since) : Number.NEGATIVE_INFINITY;
    let maxId = state.b;
    let top = state.t;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const query: Array<[string, string]> = [...base];
      if (maxId) query.push(['max_id', maxId]);
      const { body, headers } = await request<MastodonNotification[]>({ method: 'GET', path: '/api/v1/notifications', query });
      const list = Array.isArray(body) ? body : [];
      let reachedSince = false;
      for (const notification of list) {
        if (Date.parse(notification.created_at) < sinceMs) {
          reachedSince = true;
          continue;
        }
        top = newerId(top, notification.id);
        notifications.push(notification);
      }
      maxId = linkParam(headers, 'next', 'max_id') ?? list.at(-1)?.id;
      if (reachedSince || list.length < NOTIFICATION_PAGE_SIZE || !maxId) {
        const watermark = newerId(top, state.n);
        return { notifications, next: watermark ? { n: watermark } : {}, hasMore: false };
      }
    }
    const next: Cursor = { b: maxId };
    if (top) next.t = top;
    if (state.n) next.n = state.n;
    return { notifications, next, hasMore: true };
  }

  /** Mentions as items: replies in the thread of our root status (read with our own replies), or lone mentions. */
  async function mentionItems(
    request: MastodonRequestFn,
    me: MastodonAccount,
    notifications: MastodonNotification[],
  ): Promise<InboundItem[]> {
    const items: InboundItem[] = [];
    const threads = new Map<string, MastodonContext | null>();
    let contexts = 0;
    for (const notification of notifications) {
      const status = notification.status as Status | null | undefined;
      if (notification.type !== 'mention' || !status || status.visibility === 'direct') continue;
      if (!status.in_reply_to_id) {
        items.push(itemOf(status, me, 'mention', status.id));
        continue;
      }
      let root: string | undefined;
      if (contexts < MAX_THREADS_PER_CALL) {
        contexts += 1;
        const around = await context(request, status.id);
        const first = around?.ancestors[0];
        if (first && first.account.id === me.id) root = first.id;
      } else if (status.in_reply_to_account_id === me.id) {
        root = status.in_reply_to_id;
      }
      if (!root) {
        items.push(itemOf(status, me, 'mention', status.id));
        continue;
      }
      items.push(itemOf(status, me, 'reply', root));
      if (!threads.has(root)) threads.set(root, null);
    }
    // Each thread under our status once: everyone's replies, ours marked fromUs.
    for (const root of [...threads.keys()].slice(0, MAX_THREADS_PER_CALL)) {
      const thread = await context(request, root);
      for (const status of thread?.descendants ?? []) items.push(itemOf(status as Status, me, 'reply', root));
    }
    return items;
  }

  async function readConversations(
    request: MastodonRequestFn,
    me: MastodonAccount,
    after: string | undefined,
    since: string | undefined,
  ): Promise<{ items: InboundItem[]; newest: string | undefined }> {
    const sinceMs = since && !after ? Date.parse(since) : Number.NEGATIVE_INFINITY;
    const items: InboundItem[] = [];
    let newest = after;
    let maxId: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const query: Array<[string, string]> = [['limit', String(CONVERSATION_PAGE_SIZE)]];
      if (maxId) query.push(['max_id', maxId]);
      const { body, headers } = await request<Conversation[]>({ method: 'GET', path: '/api/v1/conversations', query });
      const list = Array.isArray(body) ? body : [];
      let older = false;
      for (const conversation of list) {
        const last = conversation.last_status as Status | null;
        if (!last) continue;
        if ((after && BigInt(last.id) <= BigInt(after)) || Date.parse(last.created_at) < sinceMs) {
          older = true;
          break;
        }
        newest = newerId(newest, last.id);
        const around = await context(request, last.id);
        for (const status of [...(around?.ancestors ?? []), last] as Status[]) {
          if (status.visibility !== 'direct') continue;
          if (after && BigInt(status.id) <= BigInt(after)) continue;
          if (Date.parse(status.created_at) < sinceMs) continue;
          items.push(itemOf(status, me, 'direct_message', conversation.id));
        }
      }
      maxId = linkParam(headers, 'next', 'max_id');
      if (older || !maxId || list.length < CONVERSATION_PAGE_SIZE) break;
    }
    return { items, newest };
  }

  /** Our status answering `target` with this text, if one exists. */
  async function findOurReply(request: MastodonRequestFn, me: MastodonAccount, input: ReplyInput): Promise<ReplyResult | null> {
    const around = await context(request, input.target.remoteId);
    const text = input.text.trim();
    for (const status of around?.descendants ?? []) {
      if (status.account.id !== me.id || status.in_reply_to_id !== input.target.remoteId) continue;
      const plain = htmlToPlainText(status.content).trim();
      if (plain === text || plain === replyText(input).trim()) return { remoteId: status.id, remoteUrl: status.url ?? status.uri ?? null };
    }
    return null;
  }

  /** A direct status reaches only the accounts it mentions: make sure it mentions the person. */
  function replyText(input: ReplyInput): string {
    if (input.mode !== 'direct_message') return input.text;
    const handle = `@${input.target.authorHandle}`;
    return input.text.includes(handle) ? input.text : `${handle} ${input.text}`;
  }

  return {
    capabilities: {
      kinds: ['reply', 'mention', 'direct_message'],
      actions: ['reply', 'direct_message', 'like', 'unlike', 'delete', 'mute', 'block'],
      maxReplyChars: 500,
    },

    async fetchInbound(ctx, { cursor, since }): Promise<InboundPage> {
      const request = deps.clientFor(ctx);
      const state = parseInboxCursor<Cursor>(cursor);
      const me = await deps.verifyCredentials(request);
      const mentions = await readMentions(request, state, since);
      const items = await mentionItems(request, me, mentions.notifications);
      const conversations = await readConversations(request, me, state.c, since);
      const next: Cursor = { ...mentions.next };
      if (conversations.newest) next.c = conversations.newest;
      const unique = new Map<string, InboundItem>();
      for (const item of [...items, ...conversations.items]) if (!unique.has(item.remoteId)) unique.set(item.remoteId, item);
      return {
        items: [...unique.values()].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)),
        cursor: encodeInboxCursor(next),
        hasMore: mentions.hasMore,
      };
    },

    async reply(ctx, input): Promise<ReplyResult> {
      if (input.mode === 'private')
        throw new NetworkError('permanent', 'action_not_supported', 'Mastodon has no private replies to a status');
      if (input.text.trim() === '') throw new NetworkError('permanent', 'invalid_content', 'The reply is empty');
      const request = deps.clientFor(ctx);
      const payload: Record<string, unknown> = { status: replyText(input), in_reply_to_id: input.target.remoteId };
      if (input.mode === 'direct_message') payload.visibility = 'direct';
      const { body } = await request<MastodonStatus>({
        method: 'POST',
        path: '/api/v1/statuses',
        json: payload,
        idempotencyKey: `plaza-reply:${input.replyId}`,
      });
      return { remoteId: body.id, remoteUrl: body.url ?? body.uri ?? null };
    },

    async findReply(ctx, input): Promise<ReplyResult | null> {
      const request = deps.clientFor(ctx);
      const me = await deps.verifyCredentials(request);
      return findOurReply(request, me, input);
    },

    async act(ctx, action: Exclude<InboxAction, 'reply' | 'private_reply' | 'direct_message'>, target: InboxTarget): Promise<void> {
      const request = deps.clientFor(ctx);
      const status = `/api/v1/statuses/${encodeURIComponent(target.remoteId)}`;
      const account = `/api/v1/accounts/${encodeURIComponent(target.authorId)}`;
      switch (action) {
        case 'like':
          await request({ method: 'POST', path: `${status}/favourite` });
          return;
        case 'unlike':
          await request({ method: 'POST', path: `${status}/unfavourite` });
          return;
        case 'delete':
          await request({ method: 'DELETE', path: status }).catch((error: unknown) => {
            // Deleting twice: it is gone, which is what was asked.
            if (error instanceof NetworkError && error.code === 'not_found') return;
            if (error instanceof NetworkError && error.code === 'forbidden') {
              throw new NetworkError('permanent', 'not_owner', 'Only our own statuses can be deleted', error.details);
            }
            throw error;
          });
          return;
        case 'mute':
          await request({ method: 'POST', path: `${account}/mute` });
          return;
        case 'block':
          await request({ method: 'POST', path: `${account}/block` });
          return;
        default:
          throw new NetworkError('permanent', 'action_not_supported', `Mastodon has no "${action}" for inbox items`);
      }
    },
  };
}
