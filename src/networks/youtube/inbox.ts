/**
 * YouTube inbox (../inbox.ts), on the Data API v3:
 * - reading: commentThreads.list with allThreadsRelatedToChannelId (every video of the channel),
 *   newest first; a thread's top-level comment is a `comment` and its answers `reply`s, grouped by
 *   video (threadRemoteId = the video id). A thread carries at most five replies, so a thread with
 *   more is completed with comments.list (parentId). The durable cursor is the newest comment time
 *   read: later reads walk pages until they reach threads older than it. YouTube sorts threads by
 *   the top-level comment's time, so an answer to a thread older than the cursor's first page walk
 *   (5 pages of 100 threads) is not seen.
 * - reply: comments.insert with snippet.parentId (YouTube answers only top-level comments: a reply
 *   to a reply goes to its thread; a reply's id is `<parent id>.<id>`). No idempotency key: before
 *   sending, and in findReply, the thread's replies are read for the channel's own reply with the
 *   same text (reconcile-by-lookup).
 * - moderation as the channel owner: hide = comments.setModerationStatus heldForReview, unhide =
 *   published, block = rejected with banAuthor (the author's later comments are hidden too),
 *   delete = comments.delete for the channel's own comments, rejected for anyone else's.
 * Every call counts against the daily quota (list 1 unit, insert / moderation / delete 50).
 */
import type { InboundItem, InboundPage, InboxAdapter, InboxTarget, ReplyInput, ReplyResult } from '../inbox.ts';
import { encodeInboxCursor, parseInboxCursor } from '../inbox-cursor.ts';
import type { GoogleRequest } from '../google-api/client.ts';
import { NetworkError, type ChannelContext } from '../types.ts';
import { YOUTUBE_API, type YouTubeComment, type YouTubeCommentThread, type YouTubeList } from './api.ts';
import type { YouTubeMethod } from './quota.ts';

/** One counted YouTube call (adapter.ts clientFor). */
export type YouTubeCall = <T>(method: YouTubeMethod, req: GoogleRequest) => Promise<{ body: T | undefined }>;

interface Cursor {
  /** Newest comment time read (ISO). */
  a?: string;
}

const MAX_PAGES = 5;
/** The longest comment YouTube takes (characters). */
const MAX_REPLY_CHARS = 10_000;

/** The top-level comment a comment belongs to (itself when it is one). */
export const topLevelCommentId = (commentId: string): string => commentId.split('.')[0] ?? commentId;

export function createYouTubeInbox(deps: {
  clientFor(ctx: ChannelContext): YouTubeCall;
  channelIdOf(ctx: ChannelContext): string;
  now: () => number;
}): InboxAdapter {
  const commentUrl = (videoId: string | undefined, commentId: string) =>
    videoId ? `${YOUTUBE_API.watch}${videoId}&lc=${commentId}` : null;

  function item(comment: YouTubeComment, thread: YouTubeCommentThread, channelId: string): InboundItem | null {
    const snippet = comment.snippet;
    if (!snippet) return null;
    const videoId = snippet.videoId ?? thread.snippet?.videoId;
    if (!videoId) return null;
    const authorId = snippet.authorChannelId?.value ?? `name:${snippet.authorDisplayName ?? ''}`;
    const handle = snippet.authorChannelUrl?.split('/').pop() ?? snippet.authorDisplayName ?? '';
    const parentId = snippet.parentId;
    return {
      remoteId: comment.id,
      kind: parentId ? 'reply' : 'comment',
      threadRemoteId: videoId,
      postRemoteId: videoId,
      inReplyToRemoteId: parentId ?? videoId,
      author: {
        id: authorId,
        handle,
        ...(snippet.authorDisplayName ? { displayName: snippet.authorDisplayName } : {}),
        ...(snippet.authorProfileImageUrl ? { avatarUrl: snippet.authorProfileImageUrl } : {}),
        ...(snippet.authorChannelUrl ? { profileUrl: snippet.authorChannelUrl } : {}),
      },
      text: snippet.textOriginal ?? snippet.textDisplay ?? '',
      url: commentUrl(videoId, comment.id),
      createdAt: new Date(snippet.publishedAt ?? deps.now()).toISOString(),
      ...(authorId === channelId ? { fromUs: true } : {}),
    };
  }

  async function repliesOf(call: YouTubeCall, parentId: string): Promise<YouTubeComment[]> {
    const replies: YouTubeComment[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const query = new URLSearchParams({ part: 'snippet', parentId, maxResults: '100', textFormat: 'plainText' });
      if (pageToken) query.set('pageToken', pageToken);
      const { body } = await call<YouTubeList<YouTubeComment>>('comments.list', {
        method: 'GET',
        url: `${YOUTUBE_API.base}/comments?${query}`,
      });
      replies.push(...(body?.items ?? []));
      pageToken = body?.nextPageToken;
      if (!pageToken) break;
    }
    return replies;
  }

  async function fetchInbound(ctx: ChannelContext, opts: { cursor: string | null; since?: string }): Promise<InboundPage> {
    const call = deps.clientFor(ctx);
    const channelId = deps.channelIdOf(ctx);
    const state = parseInboxCursor<Cursor>(opts.cursor);
    const after = state.a ?? opts.since ?? new Date(deps.now() - 30 * 24 * 3600_000).toISOString();
    const afterMs = Date.parse(after);
    const items: InboundItem[] = [];
    let newest = Number.isNaN(afterMs) ? 0 : afterMs;
    let pageToken: string | undefined;
    let more = false;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const query = new URLSearchParams({
        part: 'snippet,replies',
        allThreadsRelatedToChannelId: channelId,
        maxResults: '100',
        order: 'time',
        textFormat: 'plainText',
      });
      if (pageToken) query.set('pageToken', pageToken);
      const { body } = await call<YouTubeList<YouTubeCommentThread>>('commentThreads.list', {
        method: 'GET',
        url: `${YOUTUBE_API.base}/commentThreads?${query}`,
      });
      let older = false;
      for (const thread of body?.items ?? []) {
        const top = thread.snippet?.topLevelComment;
        if (!top) continue;
        let replies = thread.replies?.comments ?? [];
        if ((thread.snippet?.totalReplyCount ?? 0) > replies.length) replies = await repliesOf(call, top.id);
        const topAt = Date.parse(top.snippet?.publishedAt ?? '');
        if (!Number.isNaN(topAt) && topAt <= afterMs) older = true;
        for (const comment of [top, ...replies]) {
          const at = Date.parse(comment.snippet?.publishedAt ?? '');
          if (Number.isNaN(at) || at <= afterMs) continue;
          const found = item(comment, thread, channelId);
          if (!found) continue;
          items.push(found);
          newest = Math.max(newest, at);
        }
      }
      pageToken = body?.nextPageToken;
      if (!pageToken || older) break;
      if (page === MAX_PAGES - 1) more = true;
    }
    items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return {
      items,
      cursor: newest > 0 ? encodeInboxCursor({ a: new Date(newest).toISOString() } satisfies Cursor) : (opts.cursor ?? null),
      hasMore: more,
    };
  }

  const parentOf = (target: InboxTarget): string => {
    if (target.kind !== 'comment' && target.kind !== 'reply')
      throw new NetworkError('permanent', 'action_not_supported', 'Only YouTube comments can be answered');
    return topLevelCommentId(target.remoteId);
  };

  async function findReply(ctx: ChannelContext, input: ReplyInput): Promise<ReplyResult | null> {
    const call = deps.clientFor(ctx);
    const channelId = deps.channelIdOf(ctx);
    const replies = await repliesOf(call, parentOf(input.target));
    const text = input.text.trim();
    const mine = replies.find(
      (reply) =>
        reply.snippet?.authorChannelId?.value === channelId &&
        (reply.snippet.textOriginal ?? reply.snippet.textDisplay ?? '').trim() === text,
    );
    return mine ? { remoteId: mine.id, remoteUrl: commentUrl(mine.snippet?.videoId ?? input.target.threadRemoteId, mine.id) } : null;
  }

  async function reply(ctx: ChannelContext, input: ReplyInput): Promise<ReplyResult> {
    if (input.mode !== 'public') throw new NetworkError('permanent', 'action_not_supported', 'YouTube comments are answered in public');
    const earlier = await findReply(ctx, input);
    if (earlier) return earlier;
    const { body } = await deps.clientFor(ctx)<YouTubeComment>('comments.insert', {
      method: 'POST',
      url: `${YOUTUBE_API.base}/comments?part=snippet`,
      json: { snippet: { parentId: parentOf(input.target), textOriginal: input.text } },
    });
    if (!body?.id) throw new NetworkError('ambiguous', 'unexpected_response', 'YouTube answered the reply without naming it');
    return { remoteId: body.id, remoteUrl: commentUrl(body.snippet?.videoId ?? input.target.threadRemoteId, body.id) };
  }

  return {
    capabilities: {
      kinds: ['comment', 'reply'],
      actions: ['reply', 'hide', 'unhide', 'delete', 'block'],
      maxReplyChars: MAX_REPLY_CHARS,
    },
    fetchInbound,
    reply,
    findReply,
    async act(ctx, action, target) {
      const call = deps.clientFor(ctx);
      const moderate = (status: 'heldForReview' | 'published' | 'rejected', ban = false) =>
        call('comments.setModerationStatus', {
          method: 'POST',
          url: `${YOUTUBE_API.base}/comments/setModerationStatus?${new URLSearchParams({
            id: target.remoteId,
            moderationStatus: status,
            ...(ban ? { banAuthor: 'true' } : {}),
          })}`,
        });
      if (action === 'hide') return void (await moderate('heldForReview'));
      if (action === 'unhide') return void (await moderate('published'));
      if (action === 'block') return void (await moderate('rejected', true));
      if (action === 'delete') {
        if (target.authorId === deps.channelIdOf(ctx)) {
          try {
            await call('comments.delete', {
              method: 'DELETE',
              url: `${YOUTUBE_API.base}/comments?id=${encodeURIComponent(target.remoteId)}`,
            });
          } catch (error) {
            if (!(error instanceof NetworkError && error.code === 'not_found')) throw error;
          }
          return;
        }
        return void (await moderate('rejected'));
      }
      throw new NetworkError('permanent', 'action_not_supported', `YouTube comments cannot be answered with "${action}"`);
    },
  };
}
