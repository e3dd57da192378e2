/**
 * Instagram inbox (../inbox.ts), on the Instagram Graph API (graph.instagram.com with Instagram
 * Login, graph.facebook.com with Facebook Login, as the channel's `settings.api` says):
 * - comments and replies on the account's media of the last 30 days (`/{ig-user}/media`, then
 *   `/{media}/comments` with their `replies`; media without comments are skipped);
 * - mentions: media the account is tagged in (`/{ig-user}/tags`);
 * - direct messages: `/me/conversations?platform=instagram` with their latest messages; one
 *   conversation per person (thread `instagram:<IGSID>`), so polled and pushed messages (`mid`) meet;
 * - answering: a public reply (`POST /{comment}/replies`), a private reply to a comment
 *   (`POST /me/messages` with `recipient.comment_id`, once, within 7 days), a direct message
 *   (`recipient.id`, within 24 hours of the person's last message; outside it Graph answers
 *   subcode 2534022 → `messaging_window_closed`). No idempotency key: `reply` and `findReply`
 *   look for the account's own answer with the same text first;
 * - hide / unhide (`POST /{comment}` `hide`), delete (`DELETE /{comment}`); Instagram's API has no like.
 * - pushes: the `instagram` webhook (`comments`, `messages`), signed with the app secret.
 * Permissions: instagram_business_basic, instagram_business_manage_comments,
 * instagram_business_manage_messages (Instagram Login); instagram_manage_comments,
 * instagram_manage_messages, pages_manage_metadata (Facebook Login).
 */
import type { GraphRequestFn } from '../meta-graph/client.ts';
import { graphUrl, type MetaHost } from '../meta-graph/version.ts';
import { addDirectMessages } from '../meta-graph/inbox-messages.ts';
import { answerMetaChallenge, metaTime, parseMetaWebhook, verifyMetaPush } from '../meta-graph/webhooks.ts';
import type { InboundItem, InboundPage, InboxAdapter, InboxTarget, ReplyInput, ReplyResult } from '../inbox.ts';
import { encodeInboxCursor, newestMark, parseInboxCursor, unseenSince } from '../inbox-cursor.ts';
import { NetworkError, type ChannelContext } from '../types.ts';

interface IgChannel {
  igUserId: string;
  token: string;
  host: MetaHost;
}

interface IgComment {
  id: string;
  text?: string;
  timestamp?: string;
  username?: string;
  from?: { id: string; username?: string };
  parent_id?: string;
  hidden?: boolean;
  replies?: { data?: IgComment[] };
}

interface IgMessage {
  id: string;
  message?: string;
  created_time?: string;
  from?: { id: string; username?: string };
}

interface Cursor {
  c?: number;
  ci?: string[];
  t?: number;
  ti?: string[];
  m?: number;
  mi?: string[];
}

const DAY_MS = 24 * 3_600_000;
const BACKFILL_MS = 30 * DAY_MS;
const IG_ID = /^\d{1,40}$/;

export const instagramThread = (igsid: string) => `instagram:${igsid}`;

export function createInstagramInbox(deps: {
  clientFor(ctx: ChannelContext): GraphRequestFn;
  instagramChannel(ctx: ChannelContext): IgChannel;
  now: () => number;
}): InboxAdapter {
  const { now } = deps;

  function checkId(id: string): string {
    if (!IG_ID.test(id)) throw new NetworkError('permanent', 'invalid_id', 'Not an Instagram id');
    return id;
  }

  function commentItem(comment: IgComment, mediaId: string, permalink: string | undefined, ig: IgChannel, parent?: string): InboundItem {
    const handle = comment.from?.username ?? comment.username ?? comment.from?.id ?? 'unknown';
    const inReplyTo = parent ?? comment.parent_id;
    const item: InboundItem = {
      remoteId: comment.id,
      kind: inReplyTo ? 'reply' : 'comment',
      threadRemoteId: mediaId,
      postRemoteId: mediaId,
      inReplyToRemoteId: inReplyTo ?? mediaId,
      author: { id: comment.from?.id ?? `username:${handle}`, handle, profileUrl: `https://www.instagram.com/${handle}/` },
      text: comment.text ?? '',
      url: permalink ?? null,
      createdAt: metaTime(comment.timestamp, now()),
    };
    if (comment.from?.id === ig.igUserId) item.fromUs = true;
    return item;
  }

  function messageItem(message: IgMessage, igsid: string, ig: IgChannel, username?: string): InboundItem {
    const fromUs = message.from?.id === ig.igUserId;
    const handle = fromUs ? (message.from?.username ?? ig.igUserId) : (message.from?.username ?? username ?? igsid);
    const item: InboundItem = {
      remoteId: message.id,
      kind: 'direct_message',
      threadRemoteId: instagramThread(igsid),
      author: { id: fromUs ? ig.igUserId : igsid, handle },
      text: message.message ?? '',
      url: null,
      createdAt: metaTime(message.created_time, now()),
    };
    if (fromUs) item.fromUs = true;
    return item;
  }

  async function readComments(request: GraphRequestFn, ig: IgChannel, sinceMs: number): Promise<InboundItem[]> {
    const items: InboundItem[] = [];
    const { body } = await request<{ data?: Array<{ id: string; timestamp?: string; comments_count?: number; permalink?: string }> }>({
      method: 'GET',
      url: graphUrl(ig.host, `${ig.igUserId}/media`, {
        fields: 'id,timestamp,comments_count,permalink',
        since: Math.floor((now() - BACKFILL_MS) / 1000),
        limit: 50,
      }),
      token: ig.token,
    });
    for (const media of body.data ?? []) {
      if (media.comments_count === 0) continue;
      const { body: comments } = await request<{ data?: IgComment[] }>({
        method: 'GET',
        url: graphUrl(ig.host, `${media.id}/comments`, {
          fields:
            'id,text,timestamp,username,from{id,username},parent_id,hidden,replies{id,text,timestamp,username,from{id,username},parent_id,hidden}',
          limit: 50,
        }),
        token: ig.token,
      });
      for (const comment of comments.data ?? []) {
        if (Date.parse(metaTime(comment.timestamp, now())) >= sinceMs) items.push(commentItem(comment, media.id, media.permalink, ig));
        for (const reply of comment.replies?.data ?? [])
          if (Date.parse(metaTime(reply.timestamp, now())) >= sinceMs)
            items.push(commentItem(reply, media.id, media.permalink, ig, comment.id));
      }
    }
    return items;
  }

  async function readTags(request: GraphRequestFn, ig: IgChannel, sinceMs: number): Promise<InboundItem[]> {
    const { body } = await request<{
      data?: Array<{ id: string; caption?: string; username?: string; timestamp?: string; permalink?: string }>;
    }>({
      method: 'GET',
      url: graphUrl(ig.host, `${ig.igUserId}/tags`, { fields: 'id,caption,username,timestamp,permalink', limit: 50 }),
      token: ig.token,
    });
    return (body.data ?? [])
      .filter((media) => Date.parse(metaTime(media.timestamp, now())) >= sinceMs)
      .map((media) => {
        const handle = media.username ?? 'unknown';
        return {
          remoteId: media.id,
          kind: 'mention' as const,
          threadRemoteId: media.id,
          author: { id: `username:${handle}`, handle, profileUrl: `https://www.instagram.com/${handle}/` },
          text: media.caption ?? '',
          url: media.permalink ?? null,
          createdAt: metaTime(media.timestamp, now()),
        };
      });
  }

  async function conversations(request: GraphRequestFn, ig: IgChannel, userId?: string) {
    const { body } = await request<{
      data?: Array<{
        id: string;
        updated_time?: string;
        participants?: { data?: Array<{ id: string; username?: string }> };
        messages?: { data?: IgMessage[] };
      }>;
    }>({
      method: 'GET',
      url: graphUrl(ig.host, 'me/conversations', {
        platform: 'instagram',
        user_id: userId,
        fields: 'id,updated_time,participants,messages.limit(25){id,message,created_time,from}',
        limit: 50,
      }),
      token: ig.token,
    });
    return body.data ?? [];
  }

  async function readMessages(request: GraphRequestFn, ig: IgChannel, sinceMs: number): Promise<InboundItem[]> {
    const items: InboundItem[] = [];
    for (const conversation of await conversations(request, ig)) {
      if (Date.parse(metaTime(conversation.updated_time, now())) < sinceMs) break; // newest first
      const person = conversation.participants?.data?.find((p) => p.id !== ig.igUserId);
      if (!person) continue;
      for (const message of conversation.messages?.data ?? [])
        if (Date.parse(metaTime(message.created_time, now())) >= sinceMs) items.push(messageItem(message, person.id, ig, person.username));
    }
    return items;
  }

  const igsidOf = (target: InboxTarget) =>
    target.threadRemoteId.startsWith('instagram:') ? target.threadRemoteId.slice('instagram:'.length) : target.authorId;

  async function lookup(request: GraphRequestFn, ig: IgChannel, input: ReplyInput): Promise<ReplyResult | null> {
    const text = input.text.trim();
    if (input.mode === 'public') {
      const { body } = await request<{ data?: IgComment[] }>({
        method: 'GET',
        url: graphUrl(ig.host, `${checkId(input.target.remoteId)}/replies`, { fields: 'id,text,from{id,username},username', limit: 50 }),
        token: ig.token,
      });
      const found = (body.data ?? []).find((c) => c.from?.id === ig.igUserId && (c.text ?? '').trim() === text);
      return found ? { remoteId: found.id, remoteUrl: null } : null;
    }
    const person = igsidOf(input.target);
    if (!IG_ID.test(person)) return null;
    for (const conversation of await conversations(request, ig, person)) {
      const found = (conversation.messages?.data ?? []).find((m) => m.from?.id === ig.igUserId && (m.message ?? '').trim() === text);
      if (found) return { remoteId: found.id, remoteUrl: null };
    }
    return null;
  }

  return {
    capabilities: {
      kinds: ['comment', 'reply', 'mention', 'direct_message'],
      actions: ['reply', 'private_reply', 'direct_message', 'hide', 'unhide', 'delete'],
      messagingWindowHours: 24,
      push: true,
      maxReplyChars: 2200,
    },

    async fetchInbound(ctx, { cursor, since }): Promise<InboundPage> {
      const ig = deps.instagramChannel(ctx);
      const request = deps.clientFor(ctx);
      const state = parseInboxCursor<Cursor>(cursor);
      const start = since ? Date.parse(since) : now() - BACKFILL_MS;
      const comments = unseenSince(await readComments(request, ig, state.c ?? start), state.c, state.ci);
      const tags = unseenSince(await readTags(request, ig, state.t ?? start), state.t, state.ti);
      const c = newestMark(comments, { at: state.c, ids: state.ci }, start);
      const t = newestMark(tags, { at: state.t, ids: state.ti }, start);
      const next: Cursor = { c: c.at, ci: c.ids, t: t.at, ti: t.ids };
      const page: InboundPage = { items: [...comments, ...tags], cursor: null, hasMore: false };
      await addDirectMessages(
        page,
        { state, next, start },
        (since) => readMessages(request, ig, since),
        'instagram_messages_permission_required',
      );
      page.items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      page.cursor = encodeInboxCursor(next);
      return page;
    },

    async reply(ctx, input): Promise<ReplyResult> {
      if (input.text.trim() === '') throw new NetworkError('permanent', 'invalid_content', 'The reply is empty');
      const ig = deps.instagramChannel(ctx);
      const request = deps.clientFor(ctx);
      const isMessage = input.target.kind === 'direct_message';
      if (isMessage !== (input.mode === 'direct_message'))
        throw new NetworkError('permanent', 'action_not_supported', 'Comments are answered in public or privately; messages by message');
      if (input.target.kind === 'mention')
        throw new NetworkError('permanent', 'action_not_supported', 'Instagram does not let Plaza answer under another account’s post');
      const already = await lookup(request, ig, input);
      if (already) return already;
      if (input.mode === 'public') {
        const { body } = await request<{ id?: string }>({
          method: 'POST',
          url: graphUrl(ig.host, `${checkId(input.target.remoteId)}/replies`),
          token: ig.token,
          form: { message: input.text },
        });
        if (!body.id) throw new NetworkError('ambiguous', 'unexpected_response', 'Instagram answered the reply without an id');
        return { remoteId: body.id, remoteUrl: null };
      }
      const recipient = input.mode === 'private' ? { comment_id: checkId(input.target.remoteId) } : { id: checkId(igsidOf(input.target)) };
      const { body } = await request<{ message_id?: string }>({
        method: 'POST',
        url: graphUrl(ig.host, 'me/messages'),
        token: ig.token,
        form: { recipient: JSON.stringify(recipient), message: JSON.stringify({ text: input.text }) },
      });
      if (!body.message_id) throw new NetworkError('ambiguous', 'unexpected_response', 'Instagram answered the message without an id');
      return { remoteId: body.message_id, remoteUrl: null };
    },

    async findReply(ctx, input) {
      return lookup(deps.clientFor(ctx), deps.instagramChannel(ctx), input);
    },

    async act(ctx, action, target) {
      const ig = deps.instagramChannel(ctx);
      const request = deps.clientFor(ctx);
      if (target.kind !== 'comment' && target.kind !== 'reply')
        throw new NetworkError('permanent', 'action_not_supported', 'Only comments on the account’s media can be hidden or deleted');
      const id = checkId(target.remoteId);
      switch (action) {
        case 'hide':
        case 'unhide':
          await request({
            method: 'POST',
            url: graphUrl(ig.host, id),
            token: ig.token,
            form: { hide: action === 'hide' },
            ambiguousOnTimeout: false,
          });
          return;
        case 'delete':
          try {
            await request({ method: 'DELETE', url: graphUrl(ig.host, id), token: ig.token, ambiguousOnTimeout: false });
          } catch (error) {
            if (error instanceof NetworkError && error.code === 'not_found') return;
            throw error;
          }
          return;
        default:
          throw new NetworkError('permanent', 'action_not_supported', `Instagram has no "${action}" Plaza can use`);
      }
    },

    verifyPush: verifyMetaPush,
    answerPushChallenge: answerMetaChallenge,

    parsePush(ctx, body): InboundItem[] {
      const hook = parseMetaWebhook(body, 'instagram');
      const ig = { igUserId: String(ctx.settings.igUserId ?? ''), token: '', host: 'graph.instagram.com' as MetaHost };
      const items: InboundItem[] = [];
      for (const entry of hook.entry) {
        if (entry.id !== ig.igUserId) continue;
        for (const change of entry.changes ?? []) {
          if (change.field !== 'comments') continue;
          const value = change.value as {
            id?: string;
            text?: string;
            from?: { id?: string; username?: string };
            media?: { id?: string };
            parent_id?: string;
          };
          if (typeof value.id !== 'string' || typeof value.media?.id !== 'string' || !value.from?.id) continue;
          const comment: IgComment = {
            id: value.id,
            text: typeof value.text === 'string' ? value.text : '',
            timestamp: metaTime(entry.time, now()),
            from: { id: String(value.from.id), ...(value.from.username ? { username: String(value.from.username) } : {}) },
          };
          if (typeof value.parent_id === 'string') comment.parent_id = value.parent_id;
          items.push(commentItem(comment, value.media.id, undefined, ig));
        }
        for (const event of entry.messaging ?? []) {
          if (!event.message || event.message.is_deleted) continue;
          const person = event.message.is_echo ? event.recipient.id : event.sender.id;
          items.push(
            messageItem(
              {
                id: event.message.mid,
                message: event.message.text ?? '',
                created_time: metaTime(event.timestamp, now()),
                from: { id: event.sender.id },
              },
              person,
              ig,
            ),
          );
        }
      }
      return items;
    },
  };
}
