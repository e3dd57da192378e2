/**
 * Facebook Pages inbox (../inbox.ts), on the Graph API (version pinned in meta-graph/version.ts):
 * - comments and replies on the Page's posts: the posts of the last 30 days (`/{page}/posts`),
 *   those touched since the cursor (`updated_time`) read with `/{post}/comments?filter=stream`
 *   (every level, newest first, `parent` says what a reply answers) down to the cursor;
 * - Messenger: `/{page}/conversations?platform=messenger` (newest first by `updated_time`) with
 *   their latest messages; one conversation per person (thread `messenger:<PSID>`), so a message
 *   read by polling and the same one pushed (`mid`) are one item in one conversation;
 * - answering: a public reply (`POST /{comment}/comments`), a private reply to a comment
 *   (`POST /{page}/messages` with `recipient.comment_id`: Messenger allows one, within 7 days),
 *   a Messenger message (`recipient.id` = PSID, `messaging_type=RESPONSE`: within 24 hours of the
 *   person's last message; outside it Graph answers code 10 / 2018278 → `messaging_window_closed`);
 *   Graph takes no idempotency key, so `reply` and `findReply` first look for the Page's own
 *   answer with the same text under the comment or in the conversation;
 * - like / unlike (`/{comment}/likes`), hide / unhide (`POST /{comment}` `is_hidden`), delete;
 * - pushes: the Page webhook (`feed` comments, `messages`), signed with the app secret
 *   (meta-graph/webhooks.ts); polling stays the fallback and each item is stored once.
 * Permissions: pages_read_engagement, pages_read_user_content, pages_manage_engagement,
 * pages_messaging (Messenger); without pages_messaging the read says so (`unavailable`).
 */
import type { GraphRequestFn } from '../meta-graph/client.ts';
import { META_HOSTS, graphUrl } from '../meta-graph/version.ts';
import { addDirectMessages } from '../meta-graph/inbox-messages.ts';
import { answerMetaChallenge, metaTime, parseMetaWebhook, verifyMetaPush } from '../meta-graph/webhooks.ts';
import type { InboundItem, InboundPage, InboxAdapter, InboxTarget, ReplyInput, ReplyResult } from '../inbox.ts';
import { encodeInboxCursor, newestMark as mark, parseInboxCursor, unseenSince as unseen } from '../inbox-cursor.ts';
import { NetworkError, type ChannelContext } from '../types.ts';

interface Paged<T> {
  data?: T[];
  paging?: { next?: string; cursors?: { after?: string } };
}

interface GraphComment {
  id: string;
  message?: string;
  created_time?: string;
  from?: { id: string; name?: string };
  parent?: { id: string };
  permalink_url?: string;
  is_hidden?: boolean;
}

interface GraphMessage {
  id: string;
  message?: string;
  created_time?: string;
  from?: { id: string; name?: string };
}

interface GraphConversation {
  id: string;
  updated_time?: string;
  participants?: { data?: Array<{ id: string; name?: string }> };
  messages?: Paged<GraphMessage>;
}

interface Cursor {
  /** Newest comment read (ms), and the ids read at that instant (Graph times are whole seconds). */
  c?: number;
  ci?: string[];
  /** Newest Messenger message read (ms), and the ids read at that instant. */
  m?: number;
  mi?: string[];
}

const DAY_MS = 24 * 3_600_000;
const BACKFILL_MS = 30 * DAY_MS;
const MAX_POSTS = 100;
const MAX_CONVERSATIONS = 50;
const GRAPH_ID = /^[0-9_]{1,80}$/;
const PSID = /^\d{1,40}$/;

/** The thread of one person's Messenger conversation with the Page. */
export const messengerThread = (psid: string) => `messenger:${psid}`;
const commentUrl = (id: string) => `https://www.facebook.com/${id}`;

export function createFacebookInbox(deps: {
  clientFor(ctx: ChannelContext): GraphRequestFn;
  pageChannel(ctx: ChannelContext): { pageId: string; token: string };
  now: () => number;
}): InboxAdapter {
  const { now } = deps;

  function checkId(id: string): string {
    if (!GRAPH_ID.test(id)) throw new NetworkError('permanent', 'invalid_id', 'Not a Facebook id');
    return id;
  }

  function commentItem(comment: GraphComment, postId: string, pageId: string): InboundItem {
    const parent = comment.parent?.id;
    const item: InboundItem = {
      remoteId: comment.id,
      kind: parent ? 'reply' : 'comment',
      threadRemoteId: postId,
      postRemoteId: postId,
      author: { id: comment.from?.id ?? 'unknown', handle: comment.from?.name ?? comment.from?.id ?? 'unknown' },
      text: comment.message ?? '',
      url: comment.permalink_url ?? commentUrl(comment.id),
      createdAt: metaTime(comment.created_time, now()),
    };
    if (comment.from?.name) item.author.displayName = comment.from.name;
    item.inReplyToRemoteId = parent ?? postId;
    if (comment.from?.id === pageId) item.fromUs = true;
    return item;
  }

  function messageItem(message: GraphMessage, psid: string, pageId: string, name?: string): InboundItem {
    const fromUs = message.from?.id === pageId;
    const item: InboundItem = {
      remoteId: message.id,
      kind: 'direct_message',
      threadRemoteId: messengerThread(psid),
      author: fromUs
        ? { id: pageId, handle: message.from?.name ?? pageId }
        : {
            id: psid,
            handle: message.from?.name ?? name ?? psid,
            ...(message.from?.name || name ? { displayName: message.from?.name ?? name } : {}),
          },
      text: message.message ?? '',
      url: null,
      createdAt: metaTime(message.created_time, now()),
    };
    if (fromUs) item.fromUs = true;
    return item;
  }

  async function readComments(request: GraphRequestFn, page: { pageId: string; token: string }, sinceMs: number, items: InboundItem[]) {
    const { body: posts } = await request<Paged<{ id: string; updated_time?: string; created_time?: string }>>({
      method: 'GET',
      url: graphUrl(META_HOSTS.graph, `${page.pageId}/posts`, {
        fields: 'id,created_time,updated_time',
        since: Math.floor((now() - BACKFILL_MS) / 1000),
        limit: MAX_POSTS,
      }),
      token: page.token,
    });
    for (const post of posts.data ?? []) {
      if (post.updated_time && Date.parse(metaTime(post.updated_time, now())) < sinceMs) continue;
      let after: string | undefined;
      walk: for (let round = 0; round < 5; round += 1) {
        const { body } = await request<Paged<GraphComment>>({
          method: 'GET',
          url: graphUrl(META_HOSTS.graph, `${post.id}/comments`, {
            filter: 'stream',
            order: 'reverse_chronological',
            fields: 'id,message,created_time,from{id,name},parent{id},permalink_url,is_hidden',
            limit: 100,
            after,
          }),
          token: page.token,
        });
        for (const comment of body.data ?? []) {
          const at = Date.parse(metaTime(comment.created_time, now()));
          if (at < sinceMs) break walk;
          items.push(commentItem(comment, post.id, page.pageId));
        }
        after = body.paging?.next ? body.paging.cursors?.after : undefined;
        if (!after) break;
      }
    }
  }

  async function readMessenger(request: GraphRequestFn, page: { pageId: string; token: string }, sinceMs: number, items: InboundItem[]) {
    const { body } = await request<Paged<GraphConversation>>({
      method: 'GET',
      url: graphUrl(META_HOSTS.graph, `${page.pageId}/conversations`, {
        platform: 'messenger',
        fields: 'id,updated_time,participants,messages.limit(25){id,message,created_time,from}',
        limit: MAX_CONVERSATIONS,
      }),
      token: page.token,
    });
    for (const conversation of body.data ?? []) {
      const updated = Date.parse(metaTime(conversation.updated_time, now()));
      if (updated < sinceMs) break; // newest first
      const person = conversation.participants?.data?.find((p) => p.id !== page.pageId);
      if (!person) continue;
      for (const message of conversation.messages?.data ?? []) {
        if (Date.parse(metaTime(message.created_time, now())) < sinceMs) continue;
        items.push(messageItem(message, person.id, page.pageId, person.name));
      }
    }
  }

  /** The Page's own answer with this text under a comment, if there is one. */
  async function findPublicReply(request: GraphRequestFn, page: { pageId: string; token: string }, input: ReplyInput) {
    const { body } = await request<Paged<GraphComment>>({
      method: 'GET',
      url: graphUrl(META_HOSTS.graph, `${checkId(input.target.remoteId)}/comments`, {
        fields: 'id,message,from{id},permalink_url',
        order: 'reverse_chronological',
        limit: 100,
      }),
      token: page.token,
    });
    const found = (body.data ?? []).find((c) => c.from?.id === page.pageId && (c.message ?? '').trim() === input.text.trim());
    return found ? { remoteId: found.id, remoteUrl: found.permalink_url ?? commentUrl(found.id) } : null;
  }

  /** The Page's message with this text in the person's conversation (a DM or a private reply), if there is one. */
  async function findMessage(
    request: GraphRequestFn,
    page: { pageId: string; token: string },
    input: ReplyInput,
    psid: string | undefined,
  ) {
    if (!psid) return null;
    const { body } = await request<Paged<GraphConversation>>({
      method: 'GET',
      url: graphUrl(META_HOSTS.graph, `${page.pageId}/conversations`, {
        platform: 'messenger',
        user_id: psid,
        fields: 'id,messages.limit(50){id,message,created_time,from}',
      }),
      token: page.token,
    });
    for (const conversation of body.data ?? []) {
      const found = (conversation.messages?.data ?? []).find(
        (m) => m.from?.id === page.pageId && (m.message ?? '').trim() === input.text.trim(),
      );
      if (found) return { remoteId: found.id, remoteUrl: null };
    }
    return null;
  }

  const psidOf = (target: InboxTarget) =>
    target.threadRemoteId.startsWith('messenger:') ? target.threadRemoteId.slice('messenger:'.length) : target.authorId;

  async function lookup(request: GraphRequestFn, page: { pageId: string; token: string }, input: ReplyInput): Promise<ReplyResult | null> {
    if (input.mode === 'public') return findPublicReply(request, page, input);
    const psid = psidOf(input.target);
    return findMessage(request, page, input, PSID.test(psid) ? psid : undefined);
  }

  return {
    capabilities: {
      kinds: ['comment', 'reply', 'direct_message'],
      actions: ['reply', 'private_reply', 'direct_message', 'like', 'unlike', 'hide', 'unhide', 'delete'],
      messagingWindowHours: 24,
      push: true,
      maxReplyChars: 8000,
    },

    async fetchInbound(ctx, { cursor, since }): Promise<InboundPage> {
      const page = deps.pageChannel(ctx);
      const request = deps.clientFor(ctx);
      const state = parseInboxCursor<Cursor>(cursor);
      const start = since ? Date.parse(since) : now() - BACKFILL_MS;
      const read: InboundItem[] = [];
      await readComments(request, page, state.c ?? start, read);
      const comments = unseen(read, state.c, state.ci);
      const commentMark = mark(comments, { at: state.c, ids: state.ci }, start);
      const next: Cursor = { c: commentMark.at, ci: commentMark.ids };
      const result: InboundPage = { items: comments, cursor: null, hasMore: false };
      const messagesSince = async (since: number) => {
        const messages: InboundItem[] = [];
        await readMessenger(request, page, since, messages);
        return messages;
      };
      await addDirectMessages(result, { state, next, start }, messagesSince, 'messenger_permission_required');
      result.items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      result.cursor = encodeInboxCursor(next);
      return result;
    },

    async reply(ctx, input): Promise<ReplyResult> {
      if (input.text.trim() === '') throw new NetworkError('permanent', 'invalid_content', 'The reply is empty');
      const page = deps.pageChannel(ctx);
      const request = deps.clientFor(ctx);
      if (input.mode === 'direct_message' && input.target.kind !== 'direct_message')
        throw new NetworkError('permanent', 'action_not_supported', 'A comment is answered in public or with a private reply');
      if (input.mode !== 'direct_message' && input.target.kind === 'direct_message')
        throw new NetworkError('permanent', 'action_not_supported', 'A Messenger message is answered in Messenger');
      const already = await lookup(request, page, input);
      if (already) return already;
      if (input.mode === 'public') {
        const { body } = await request<{ id?: string }>({
          method: 'POST',
          url: graphUrl(META_HOSTS.graph, `${checkId(input.target.remoteId)}/comments`),
          token: page.token,
          form: { message: input.text },
        });
        if (!body.id) throw new NetworkError('ambiguous', 'unexpected_response', 'Facebook answered the reply without an id');
        return { remoteId: body.id, remoteUrl: commentUrl(body.id) };
      }
      const recipient = input.mode === 'private' ? { comment_id: checkId(input.target.remoteId) } : { id: checkId(psidOf(input.target)) };
      try {
        const { body } = await request<{ message_id?: string; recipient_id?: string }>({
          method: 'POST',
          url: graphUrl(META_HOSTS.graph, `${page.pageId}/messages`),
          token: page.token,
          form: {
            recipient: JSON.stringify(recipient),
            message: JSON.stringify({ text: input.text }),
            messaging_type: 'RESPONSE',
          },
        });
        if (!body.message_id) throw new NetworkError('ambiguous', 'unexpected_response', 'Facebook answered the message without an id');
        return { remoteId: body.message_id, remoteUrl: null };
      } catch (error) {
        // (#10900) one private reply per comment: the earlier one is this reply's, if its text matches.
        if (error instanceof NetworkError && error.details?.body && (error.details.body as { code?: number }).code === 10900) {
          const found = await lookup(request, page, input);
          if (found) return found;
          throw new NetworkError('permanent', 'already_replied_privately', 'This comment already has a private reply', error.details);
        }
        throw error;
      }
    },

    async findReply(ctx, input) {
      return lookup(deps.clientFor(ctx), deps.pageChannel(ctx), input);
    },

    async act(ctx, action, target) {
      const page = deps.pageChannel(ctx);
      const request = deps.clientFor(ctx);
      if (target.kind === 'direct_message')
        throw new NetworkError('permanent', 'action_not_supported', 'Messenger messages cannot be liked, hidden or deleted by the Page');
      const id = checkId(target.remoteId);
      switch (action) {
        case 'like':
        case 'unlike':
          await request({
            method: action === 'like' ? 'POST' : 'DELETE',
            url: graphUrl(META_HOSTS.graph, `${id}/likes`),
            token: page.token,
            ambiguousOnTimeout: false,
          });
          return;
        case 'hide':
        case 'unhide':
          await request({
            method: 'POST',
            url: graphUrl(META_HOSTS.graph, id),
            token: page.token,
            form: { is_hidden: action === 'hide' },
            ambiguousOnTimeout: false,
          });
          return;
        case 'delete':
          try {
            await request({ method: 'DELETE', url: graphUrl(META_HOSTS.graph, id), token: page.token, ambiguousOnTimeout: false });
          } catch (error) {
            if (error instanceof NetworkError && error.code === 'not_found') return; // gone already
            throw error;
          }
          return;
        default:
          throw new NetworkError('permanent', 'action_not_supported', `Facebook has no "${action}" Plaza can use`);
      }
    },

    verifyPush: verifyMetaPush,
    answerPushChallenge: answerMetaChallenge,

    parsePush(ctx, body): InboundItem[] {
      const hook = parseMetaWebhook(body, 'page');
      const pageId = String(ctx.settings.pageId ?? '');
      const items: InboundItem[] = [];
      for (const entry of hook.entry) {
        if (entry.id !== pageId) continue; // another Page of the same app: its own channel polls it
        for (const change of entry.changes ?? []) {
          const value = change.value as {
            item?: string;
            verb?: string;
            comment_id?: string;
            post_id?: string;
            parent_id?: string;
            message?: string;
            created_time?: number | string;
            from?: { id?: string; name?: string };
          };
          if (change.field !== 'feed' || value.item !== 'comment' || value.verb !== 'add') continue;
          if (typeof value.comment_id !== 'string' || typeof value.post_id !== 'string' || !value.from?.id) continue;
          const comment: GraphComment = {
            id: value.comment_id,
            message: typeof value.message === 'string' ? value.message : '',
            created_time: value.created_time === undefined ? undefined : String(value.created_time),
            from: { id: String(value.from.id), ...(value.from.name ? { name: String(value.from.name) } : {}) },
          };
          if (typeof value.created_time === 'number') comment.created_time = metaTime(value.created_time, now());
          if (value.parent_id && value.parent_id !== value.post_id) comment.parent = { id: value.parent_id };
          items.push(commentItem(comment, value.post_id, pageId));
        }
        for (const event of entry.messaging ?? []) {
          if (!event.message || event.message.is_deleted) continue;
          const echo = event.message.is_echo === true;
          const psid = echo ? event.recipient.id : event.sender.id;
          items.push(
            messageItem(
              {
                id: event.message.mid,
                message: event.message.text ?? '',
                created_time: metaTime(event.timestamp, now()),
                from: { id: event.sender.id },
              },
              psid,
              pageId,
            ),
          );
        }
      }
      return items;
    },
  };
}
