/**
 * X inbox (../inbox.ts), on the X API v2 (requests and answers checked against X's OpenAPI
 * document in tests):
 * - mentions: GET /2/users/:id/mentions, newest first, paged with pagination_token; the first read
 *   starts at `start_time`, later ones at `since_id` = the newest id read (the durable cursor). A
 *   post answering the account (`in_reply_to_user_id`) is a reply in the conversation
 *   (`conversation_id`); others are lone mentions.
 * - reply: POST /2/tweets with reply.in_reply_to_tweet_id. X takes no idempotency key, so the
 *   story is reconcile-by-lookup, as for posts: before sending, and in findReply, our recent posts
 *   (GET /2/users/:id/tweets) are searched for a reply to the same post with the same text; X's own
 *   refusal of duplicate content (403) is answered the same way.
 * - like/unlike (POST/DELETE /2/users/:id/likes), hide/unhide replies to our posts
 *   (PUT /2/tweets/:id/hidden), delete our posts, mute (POST /2/users/:id/muting).
 *   Blocking is not in X's published API document: not offered.
 * Direct messages (/2/dm_events) need the dm.read/dm.write scopes Plaza does not ask for yet: not read.
 */
import type { InboundItem, InboundPage, InboxAction, InboxAdapter, InboxTarget, ReplyInput, ReplyResult } from '../inbox.ts';
import { encodeInboxCursor, parseInboxCursor } from '../inbox-cursor.ts';
import { NetworkError, type ChannelContext } from '../types.ts';
import type { XRequestFn } from './http.ts';

interface XInboxPost {
  id: string;
  text?: string;
  created_at?: string;
  conversation_id?: string;
  author_id?: string;
  in_reply_to_user_id?: string;
  lang?: string;
  referenced_posts?: Array<{ type: string; id: string }>;
  entities?: { urls?: Array<{ url?: string | null; expanded_url?: string | null; media_key?: string | null }> | null };
}

interface XInboxList {
  data?: XInboxPost[];
  includes?: { users?: Array<{ id: string; username: string; name?: string; profile_image_url?: string }> };
  meta?: { next_token?: string; newest_id?: string };
}

interface Cursor {
  /** Newest mention id read. */
  s?: string;
  /** Mid-walk: X's pagination token and the newest id of the walk. */
  p?: string;
  t?: string;
}

const MAX_PAGES = 5;
const ID = /^\d{1,19}$/;

const newer = (a: string | undefined, b: string | undefined) => (!a ? b : !b ? a : BigInt(a) >= BigInt(b) ? a : b);
/** X escapes &, < and > in post text. */
const unescapeXText = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function createXInbox(deps: {
  clientFor(ctx: ChannelContext): XRequestFn;
  ownUserId(ctx: ChannelContext, request: XRequestFn): Promise<string>;
  /** Whether a post X gave back is the text Plaza sent (links shortened by X aside). */
  sameText(post: XInboxPost, text: string): boolean;
  postUrl(id: string): string;
  now: () => number;
}): InboxAdapter {
  const xTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

  async function findOurReply(request: XRequestFn, me: string, input: ReplyInput): Promise<ReplyResult | null> {
    let token: string | undefined;
    for (let page = 0; page < 3; page += 1) {
      const query: Array<[string, string]> = [
        ['max_results', '100'],
        ['post.fields', 'created_at,conversation_id,text,entities'],
        ['expansions', 'referenced_posts'],
        ['start_time', xTime(deps.now() - 7 * 24 * 3_600_000)],
      ];
      if (token) query.push(['pagination_token', token]);
      const { body } = await request<XInboxList>({ method: 'GET', path: `/users/${me}/tweets`, query });
      for (const post of body?.data ?? []) {
        const answers = post.referenced_posts?.some((ref) => ref.type === 'replied_to' && ref.id === input.target.remoteId);
        if (answers && deps.sameText(post, input.text)) return { remoteId: post.id, remoteUrl: deps.postUrl(post.id) };
      }
      token = body?.meta?.next_token;
      if (!token) break;
    }
    return null;
  }

  function checkId(id: string): string {
    if (!ID.test(id)) throw new NetworkError('permanent', 'invalid_id', 'Not an X id');
    return id;
  }

  return {
    capabilities: {
      kinds: ['reply', 'mention'],
      actions: ['reply', 'like', 'unlike', 'hide', 'unhide', 'delete', 'mute'],
      maxReplyChars: 280,
    },

    async fetchInbound(ctx, { cursor, since }): Promise<InboundPage> {
      const request = deps.clientFor(ctx);
      const me = await deps.ownUserId(ctx, request);
      const state = parseInboxCursor<Cursor>(cursor);
      const items: InboundItem[] = [];
      let token = state.p;
      let top = state.t;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const query: Array<[string, string]> = [
          ['max_results', '100'],
          ['post.fields', 'created_at,conversation_id,text,lang'],
          ['expansions', 'author_id,referenced_posts,in_reply_to_user_id'],
          ['user.fields', 'name,username,profile_image_url'],
        ];
        if (state.s) query.push(['since_id', state.s]);
        else if (since) query.push(['start_time', xTime(Date.parse(since))]);
        if (token) query.push(['pagination_token', token]);
        const { body } = await request<XInboxList>({ method: 'GET', path: `/users/${me}/mentions`, query });
        const users = new Map((body?.includes?.users ?? []).map((user) => [user.id, user]));
        for (const post of body?.data ?? []) {
          top = newer(top, post.id);
          const author = post.author_id ? users.get(post.author_id) : undefined;
          const replied = post.referenced_posts?.find((ref) => ref.type === 'replied_to')?.id;
          const toUs = post.in_reply_to_user_id === me && replied !== undefined;
          const thread = toUs ? (post.conversation_id ?? replied) : post.id;
          const item: InboundItem = {
            remoteId: post.id,
            kind: toUs ? 'reply' : 'mention',
            threadRemoteId: thread,
            author: { id: post.author_id ?? 'unknown', handle: author?.username ?? post.author_id ?? 'unknown' },
            text: unescapeXText(post.text ?? ''),
            url: deps.postUrl(post.id),
            createdAt: post.created_at ?? new Date(deps.now()).toISOString(),
          };
          if (author?.name) item.author.displayName = author.name;
          if (author?.profile_image_url) item.author.avatarUrl = author.profile_image_url;
          if (author?.username) item.author.profileUrl = `https://x.com/${author.username}`;
          if (toUs) item.postRemoteId = thread;
          if (replied) item.inReplyToRemoteId = replied;
          if (post.author_id === me) item.fromUs = true;
          if (post.lang && post.lang !== 'und') item.language = post.lang;
          items.push(item);
        }
        token = body?.meta?.next_token;
        if (!token) {
          const next: Cursor = {};
          const newest = newer(top, state.s);
          if (newest) next.s = newest;
          return { items: items.reverse(), cursor: encodeInboxCursor(next), hasMore: false };
        }
      }
      // More than MAX_PAGES pages: the next call continues the same walk with X's token.
      const next: Cursor = { p: token };
      if (state.s) next.s = state.s;
      if (top) next.t = top;
      return { items: items.reverse(), cursor: encodeInboxCursor(next), hasMore: true };
    },

    async reply(ctx, input): Promise<ReplyResult> {
      if (input.mode !== 'public') throw new NetworkError('permanent', 'action_not_supported', 'Plaza answers on X in public only');
      if (input.text.trim() === '') throw new NetworkError('permanent', 'invalid_content', 'The reply is empty');
      checkId(input.target.remoteId);
      const request = deps.clientFor(ctx);
      const me = await deps.ownUserId(ctx, request);
      const already = await findOurReply(request, me, input);
      if (already) return already;
      try {
        const { body } = await request<{ data?: { id?: string } }>({
          method: 'POST',
          path: '/tweets',
          json: { text: input.text, reply: { in_reply_to_tweet_id: input.target.remoteId } },
        });
        const id = body?.data?.id;
        if (!id) throw new NetworkError('ambiguous', 'unexpected_response', 'X answered the reply without an id');
        return { remoteId: id, remoteUrl: deps.postUrl(id) };
      } catch (error) {
        // "Duplicate content": a reply we sent before is there; anything else stands.
        if (error instanceof NetworkError && error.code === 'duplicate_content') {
          const found = await findOurReply(request, me, input);
          if (found) return found;
        }
        if (error instanceof NetworkError && error.code === 'invalid_request' && /does not exist|not found/i.test(error.message)) {
          throw new NetworkError('permanent', 'not_found', 'The post to answer no longer exists on X', error.details);
        }
        throw error;
      }
    },

    async findReply(ctx, input): Promise<ReplyResult | null> {
      const request = deps.clientFor(ctx);
      return findOurReply(request, await deps.ownUserId(ctx, request), input);
    },

    async act(ctx, action: Exclude<InboxAction, 'reply' | 'private_reply' | 'direct_message'>, target: InboxTarget): Promise<void> {
      const request = deps.clientFor(ctx);
      const postId = checkId(target.remoteId);
      switch (action) {
        case 'like':
          await request({ method: 'POST', path: `/users/${await deps.ownUserId(ctx, request)}/likes`, json: { tweet_id: postId } });
          return;
        case 'unlike':
          await request({ method: 'DELETE', path: `/users/${await deps.ownUserId(ctx, request)}/likes/${postId}` });
          return;
        case 'hide':
        case 'unhide':
          await request({ method: 'PUT', path: `/tweets/${postId}/hidden`, json: { hidden: action === 'hide' } });
          return;
        case 'delete':
          try {
            await request({ method: 'DELETE', path: `/tweets/${postId}` });
          } catch (error) {
            if (error instanceof NetworkError && error.code === 'not_found') return;
            if (error instanceof NetworkError && error.details?.status === 403) {
              throw new NetworkError('permanent', 'not_owner', 'Only our own posts can be deleted', error.details);
            }
            throw error;
          }
          return;
        case 'mute':
          await request({
            method: 'POST',
            path: `/users/${await deps.ownUserId(ctx, request)}/muting`,
            json: { target_user_id: checkId(target.authorId) },
          });
          return;
        default:
          throw new NetworkError('permanent', 'action_not_supported', `X has no "${action}" Plaza can use`);
      }
    },
  };
}
