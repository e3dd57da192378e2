/**
 * LinkedIn inbox (../inbox.ts), on the versioned Comments and Reactions APIs:
 * - reading: the comments on the channel's posts of the last 30 days — the author's posts
 *   (`/rest/posts?q=author`: every post of an organization, whoever made it) and the posts Plaza
 *   published there (ChannelContext.publishedOnChannel) — with `/rest/socialActions/{post}/comments`
 *   (first level, `comment`) and, for a comment that has answers, `/rest/socialActions/{comment}/comments`
 *   (nested, `reply`; LinkedIn nests one level). Everything under one post is one conversation
 *   (threadRemoteId = the post's URN); ids are comment URNs. The durable cursor is the newest comment
 *   time read and the URNs read at it; the first read starts at `since` (the 30-day backfill).
 *   A member's own posts and their comments are readable only with r_member_social, which LinkedIn
 *   grants to approved partners: without it a profile's read says so (`unavailable`).
 * - reply: a public comment as the channel's author (`actor` = the organization or member URN),
 *   nested under the comment answered (a reply to a nested comment goes under its first-level
 *   comment, as on LinkedIn). LinkedIn takes no idempotency key: before sending, and in findReply,
 *   the comments under that comment are read for the author's own one with the same text made since
 *   the reply was queued and not already recorded as another reply (reconcile-by-lookup), so a lost
 *   answer is never sent blindly again.
 * - like / unlike as the author (Reactions API, `root` = the comment); delete for the author's own
 *   comments (`DELETE …/comments/{id}?actor=`). LinkedIn's API cannot hide a comment, delete someone
 *   else's, mute or block, and has no private replies or messages for pages: not offered.
 */
import type { InboundItem, InboundPage, InboxAdapter, InboxTarget, ReplyInput, ReplyResult } from '../inbox.ts';
import { encodeInboxCursor, newestMark, parseInboxCursor, unseenSince } from '../inbox-cursor.ts';
import { NetworkError, type ChannelContext } from '../types.ts';
import {
  LINKEDIN_API,
  channelAuthor,
  encodeUrn,
  memberUnreadable,
  restliQuery,
  type LinkedInAuthor,
  type LinkedInRequestFn,
} from './api.ts';
import { commentIdOf, commentUrl, commentUrnOf, listComments, type LinkedInComment } from './comments.ts';

interface Cursor {
  /** Newest comment time read (ms), and the URNs read at that instant. */
  c?: number;
  ci?: string[];
}

const DAY_MS = 24 * 3_600_000;
const BACKFILL_MS = 30 * DAY_MS;
/** Pages of the author's posts read (50 a page). */
const POST_PAGES = 2;
/** Posts Plaza published on the channel taken into account. */
const MAX_PUBLISHED = 100;
/** Pages of comments read per post or comment (100 a page). */
const COMMENT_PAGES = 5;
/** The longest comment LinkedIn takes. */
export const LINKEDIN_MAX_COMMENT_CHARS = 1_250;
/** Clock difference allowed between Plaza and LinkedIn when telling an earlier reply from this one. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Said on a profile channel whose token cannot read comments (no r_member_social). */
export const MEMBER_COMMENTS_RESTRICTED = 'linkedin_member_comments_restricted';

export function createLinkedInInbox(deps: {
  clientFor(ctx: ChannelContext): LinkedInRequestFn;
  /** The author's posts created at or after `notBefore`, newest first. */
  recentPosts(request: LinkedInRequestFn, author: string, notBefore: number, maxPages: number): Promise<Array<{ id: string }>>;
  now: () => number;
}): InboxAdapter {
  const { now } = deps;

  function item(comment: LinkedInComment, postUrn: string, author: LinkedInAuthor): InboundItem | null {
    const urn = commentUrnOf(comment);
    if (!urn || !comment.actor) return null;
    const parent = comment.parentComment;
    return {
      remoteId: urn,
      kind: parent ? 'reply' : 'comment',
      threadRemoteId: postUrn,
      postRemoteId: postUrn,
      inReplyToRemoteId: parent ?? postUrn,
      // LinkedIn names the author by URN only (names need the restricted profile APIs).
      author: { id: comment.actor, handle: comment.actor },
      text: comment.message?.text ?? '',
      url: commentUrl(postUrn, urn),
      createdAt: new Date(comment.created?.time ?? now()).toISOString(),
      ...(comment.actor === author.urn ? { fromUs: true } : {}),
    };
  }

  /**
   * The posts whose comments are read: the author's recent ones and those Plaza published there;
   * `restricted` when the author's posts cannot be read (a profile without r_member_social).
   */
  async function postsToRead(ctx: ChannelContext, request: LinkedInRequestFn, author: LinkedInAuthor) {
    const notBefore = now() - BACKFILL_MS;
    const posts = new Set<string>();
    let restricted = false;
    try {
      for (const post of await deps.recentPosts(request, author.urn, notBefore, POST_PAGES)) posts.add(post.id);
    } catch (error) {
      if (!memberUnreadable(author.kind, error)) throw error;
      restricted = true;
    }
    for (const published of (await ctx.publishedOnChannel?.(new Date(notBefore).toISOString(), MAX_PUBLISHED)) ?? [])
      posts.add(published.remoteId);
    return { posts: [...posts], restricted };
  }

  /** A comment's answers need a second read only when LinkedIn says it has some (or does not say). */
  const hasAnswers = (comment: LinkedInComment) =>
    comment.commentsSummary === undefined || (comment.commentsSummary.aggregatedTotalComments ?? 0) > 0;

  async function fetchInbound(ctx: ChannelContext, opts: { cursor: string | null; since?: string }): Promise<InboundPage> {
    const request = deps.clientFor(ctx);
    const author = channelAuthor(ctx);
    const state = parseInboxCursor<Cursor>(opts.cursor);
    const sinceMs = opts.since ? Date.parse(opts.since) : Number.NaN;
    const start = Number.isNaN(sinceMs) ? now() - BACKFILL_MS : sinceMs;
    const after = state.c ?? start;
    const read: InboundItem[] = [];
    const { posts, restricted: postsRestricted } = await postsToRead(ctx, request, author);
    let restricted = postsRestricted;
    const take = (comments: LinkedInComment[], postUrn: string) => {
      for (const comment of comments) {
        const found = item(comment, postUrn, author);
        if (found && Date.parse(found.createdAt) >= after) read.push(found);
      }
    };
    for (const postUrn of posts) {
      let comments: LinkedInComment[];
      try {
        comments = await listComments(request, postUrn, COMMENT_PAGES);
      } catch (error) {
        if (error instanceof NetworkError && error.code === 'not_found') continue; // the post is gone
        if (memberUnreadable(author.kind, error)) {
          restricted = true;
          continue;
        }
        throw error;
      }
      take(comments, postUrn);
      for (const comment of comments) {
        const urn = commentUrnOf(comment);
        if (!urn || comment.parentComment || !hasAnswers(comment)) continue;
        try {
          take(await listComments(request, urn, COMMENT_PAGES), postUrn);
        } catch (error) {
          if (!(error instanceof NetworkError && error.code === 'not_found')) throw error; // deleted meanwhile
        }
      }
    }
    const items = unseenSince(read, state.c, state.ci);
    const mark = newestMark(items, { at: state.c, ids: state.ci }, start);
    items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return {
      items,
      cursor: encodeInboxCursor({ c: mark.at, ci: mark.ids } satisfies Cursor),
      hasMore: false,
      ...(restricted ? { unavailable: [{ kinds: ['comment', 'reply'], code: MEMBER_COMMENTS_RESTRICTED }] } : {}),
    };
  }

  function checkTarget(target: InboxTarget) {
    if (target.kind !== 'comment' && target.kind !== 'reply')
      throw new NetworkError('permanent', 'action_not_supported', 'Only LinkedIn comments can be answered');
  }

  /**
   * The first-level comment a nested comment is under: from the stored item, else found among the
   * post's comments. (A first-level comment is its own.)
   */
  async function firstLevelOf(request: LinkedInRequestFn, target: InboxTarget): Promise<string> {
    if (target.kind === 'comment') return target.remoteId;
    if (target.inReplyToRemoteId && target.inReplyToRemoteId !== target.threadRemoteId) return target.inReplyToRemoteId;
    for (const comment of await listComments(request, target.threadRemoteId, COMMENT_PAGES)) {
      const urn = commentUrnOf(comment);
      if (!urn || !hasAnswers(comment)) continue;
      const answers = await listComments(request, urn, COMMENT_PAGES);
      if (answers.some((answer) => commentUrnOf(answer) === target.remoteId)) return urn;
    }
    throw new NetworkError('permanent', 'not_found', 'LinkedIn has no such comment under this post any more');
  }

  /** The author's comment under `parent` that is this reply: same text, made since it was queued, not another reply's. */
  async function findMine(
    ctx: ChannelContext,
    request: LinkedInRequestFn,
    author: LinkedInAuthor,
    parent: string,
    input: ReplyInput,
  ): Promise<ReplyResult | null> {
    const answers = await listComments(request, parent, COMMENT_PAGES);
    const others = new Set(
      ((await ctx.repliesOnChannel?.(500)) ?? []).filter((sent) => sent.replyId !== input.replyId).map((sent) => sent.remoteId),
    );
    const queued = input.queuedAt ? Date.parse(input.queuedAt) : Number.NaN;
    const notBefore = Number.isNaN(queued) ? Number.NEGATIVE_INFINITY : queued - CLOCK_SKEW_MS;
    const text = input.text.trim();
    const mine = answers
      .filter((answer) => {
        const urn = commentUrnOf(answer);
        return (
          urn !== undefined &&
          answer.actor === author.urn &&
          (answer.message?.text ?? '').trim() === text &&
          (answer.created?.time ?? Number.POSITIVE_INFINITY) >= notBefore &&
          !others.has(urn)
        );
      })
      .sort((a, b) => (a.created?.time ?? 0) - (b.created?.time ?? 0))[0];
    const urn = mine ? commentUrnOf(mine) : undefined;
    return urn ? { remoteId: urn, remoteUrl: commentUrl(input.target.threadRemoteId, urn) } : null;
  }

  async function findReply(ctx: ChannelContext, input: ReplyInput): Promise<ReplyResult | null> {
    checkTarget(input.target);
    const request = deps.clientFor(ctx);
    return findMine(ctx, request, channelAuthor(ctx), await firstLevelOf(request, input.target), input);
  }

  async function reply(ctx: ChannelContext, input: ReplyInput): Promise<ReplyResult> {
    if (input.mode !== 'public')
      throw new NetworkError('permanent', 'action_not_supported', 'LinkedIn comments are answered in public, with a comment');
    checkTarget(input.target);
    const text = input.text.trim();
    if (text === '') throw new NetworkError('permanent', 'invalid_content', 'The reply is empty');
    const request = deps.clientFor(ctx);
    const author = channelAuthor(ctx);
    const parent = await firstLevelOf(request, input.target);
    const earlier = await findMine(ctx, request, author, parent, input);
    if (earlier) return earlier;
    const postUrn = input.target.threadRemoteId;
    const answer = await request<LinkedInComment | null>({
      method: 'POST',
      url: `${LINKEDIN_API.rest}/socialActions/${encodeUrn(parent)}/comments`,
      json: { actor: author.urn, object: postUrn, parentComment: parent, message: { text } },
    });
    const header = answer.headers.get('x-restli-id');
    const urn = (answer.body ? commentUrnOf(answer.body) : undefined) ?? (header ? decodeURIComponent(header) : undefined);
    if (!urn) throw new NetworkError('ambiguous', 'comment_id_missing', 'LinkedIn did not answer the comment’s id');
    return { remoteId: urn, remoteUrl: commentUrl(postUrn, urn) };
  }

  async function like(request: LinkedInRequestFn, author: LinkedInAuthor, target: InboxTarget, on: boolean) {
    try {
      if (on) {
        await request({
          method: 'POST',
          url: `${LINKEDIN_API.rest}/reactions?${restliQuery([['actor', author.urn]])}`,
          json: { root: target.remoteId, reactionType: 'LIKE' },
        });
      } else {
        await request({
          method: 'DELETE',
          url: `${LINKEDIN_API.rest}/reactions/(actor:${encodeUrn(author.urn)},entity:${encodeUrn(target.remoteId)})`,
        });
      }
    } catch (error) {
      // Liked already (409), or nothing to take back (404): the end state is the one asked for.
      if (error instanceof NetworkError && error.code === (on ? 'http_409' : 'not_found')) return;
      throw error;
    }
  }

  async function remove(request: LinkedInRequestFn, author: LinkedInAuthor, target: InboxTarget) {
    if (target.authorId !== author.urn)
      throw new NetworkError('permanent', 'action_not_supported', 'LinkedIn lets Plaza delete only the channel’s own comments');
    const under = target.kind === 'reply' ? await firstLevelOf(request, target) : target.threadRemoteId;
    try {
      await request({
        method: 'DELETE',
        url: `${LINKEDIN_API.rest}/socialActions/${encodeUrn(under)}/comments/${encodeURIComponent(commentIdOf(target.remoteId))}?${restliQuery([['actor', author.urn]])}`,
      });
    } catch (error) {
      if (!(error instanceof NetworkError && error.code === 'not_found')) throw error; // gone already
    }
  }

  return {
    capabilities: {
      kinds: ['comment', 'reply'],
      actions: ['reply', 'like', 'unlike', 'delete'],
      maxReplyChars: LINKEDIN_MAX_COMMENT_CHARS,
    },
    fetchInbound,
    reply,
    findReply,
    async act(ctx, action, target) {
      checkTarget(target);
      const request = deps.clientFor(ctx);
      const author = channelAuthor(ctx);
      if (action === 'like' || action === 'unlike') return like(request, author, target, action === 'like');
      if (action === 'delete') return remove(request, author, target);
      throw new NetworkError('permanent', 'action_not_supported', `LinkedIn's API has no "${action}" for comments`);
    },
  };
}
