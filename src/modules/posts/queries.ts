/**
 * The posts module's reads, as the API answers them (camelCase): a post with its
 * publications, a page of posts, and a post's detail (attempts, comments, history).
 */
import type { Db } from '../../db/database.ts';
import type { PostType } from '../../networks/types.ts';
import { notFound } from '../../lib/errors.ts';
import { decodeCursor, pageOf } from '../../lib/pagination.ts';
import { postsRepository as posts, type PostFilters, type PostRow, type PublicationRow } from './repository.ts';
import { listEventsFor } from '../events/events.ts';

const FIRST_COMMENT_STATES = { pending: 'pending', posting: 'publishing', published: 'published', failed: 'failed' } as const;

/** A publication's first comment as the API shows it: its own state, link and reason; null without one. */
function firstCommentStatusOf(p: PublicationRow) {
  if (!p.first_comment) return null;
  const state = FIRST_COMMENT_STATES[(p.first_comment_state ?? 'pending') as keyof typeof FIRST_COMMENT_STATES] ?? 'pending';
  return {
    state,
    remoteId: p.first_comment_remote_id ?? null,
    remoteUrl: p.first_comment_remote_url ?? null,
    attempts: p.first_comment_attempts ?? 0,
    nextTryAt: state === 'pending' ? (p.first_comment_due_at ?? null) : null,
    publishedAt: p.first_comment_published_at ?? null,
    error:
      state !== 'published' && p.first_comment_error_code
        ? { code: p.first_comment_error_code, message: p.first_comment_error_message ?? null }
        : null,
  };
}

/** A publication as the API shows it: status, attempts, remote link and error. */
export function presentPublication(p: PublicationRow) {
  return {
    id: p.id,
    channelId: p.channel_id,
    network: p.network,
    text: p.text,
    media: p.media,
    thread: p.thread,
    options: p.options,
    postType: (p.post_type ?? null) as PostType | null,
    firstComment: p.first_comment ?? null,
    title: p.title ?? null,
    firstCommentRemoteId: p.first_comment_remote_id ?? null,
    firstCommentStatus: firstCommentStatusOf(p),
    linkCard: p.link_card_url || p.link_card_skipped ? { url: p.link_card_url ?? null, skipped: p.link_card_skipped ?? null } : null,
    state: p.state,
    dueAt: p.due_at,
    attempts: p.attempts,
    remoteId: p.remote_id,
    remoteUrl: p.remote_url,
    error: p.error_code ? { code: p.error_code, message: p.error_message } : null,
    firstAttemptAt: p.first_attempt_at,
    publishedAt: p.published_at,
    missedByMs: p.missed_by_ms === null ? null : Number(p.missed_by_ms),
  };
}

/** A post with its publications. */
export function presentPost(post: PostRow, publications: PublicationRow[]) {
  return {
    id: post.id,
    workspaceId: post.workspace_id,
    authorId: post.author_id,
    content: post.content,
    state: post.state,
    scheduledAt: post.scheduled_at,
    campaignId: post.campaign_id,
    objectiveId: post.objective_id,
    segmentId: post.segment_id,
    pillarId: post.pillar_id,
    recurringRuleId: post.recurring_rule_id ?? null,
    occurrenceDetached: post.occurrence_detached ?? false,
    evergreen: post.evergreen ?? false,
    evergreenSourceId: post.evergreen_source_id ?? null,
    createdAt: post.created_at,
    updatedAt: post.updated_at,
    publications: publications.map(presentPublication),
  };
}

/** A comment as the API shows it. */
export function presentComment(row: {
  id: string;
  body: string;
  kind: string;
  created_at: Date;
  author_id: string;
  authorName?: string | null;
}) {
  return {
    id: row.id,
    body: row.body,
    kind: row.kind,
    createdAt: row.created_at,
    authorId: row.author_id,
    authorName: row.authorName ?? null,
  };
}

/** A post of the workspace with its publications (404 when there is none). */
export async function loadPost(db: Db, workspaceId: string, postId: string) {
  const post = await posts.findPost(db, workspaceId, postId);
  if (!post) throw notFound('Post');
  return presentPost(post, await posts.publicationsOf(db, postId));
}

/** A page of posts, newest first, each with its publications (two queries). */
export async function listPosts(db: Db, workspaceId: string, filters: PostFilters, page: { cursor?: string; limit: number }) {
  const rows = await posts.listPosts(db, workspaceId, filters, decodeCursor(page.cursor), page.limit);
  const { items, nextCursor } = pageOf(rows, page.limit, (row) => ({ at: row.cursor_at, id: row.id }));
  const publications = items.length
    ? await posts.publicationsOfPosts(
        db,
        items.map((p) => p.id),
      )
    : [];
  return {
    items: items.map((post) =>
      presentPost(
        post,
        publications.filter((p) => p.post_id === post.id),
      ),
    ),
    nextCursor,
  };
}

/** A post with its attempt log, comments and audit history. */
export async function loadPostDetail(db: Db, workspaceId: string, postId: string) {
  const post = await loadPost(db, workspaceId, postId);
  const attempts = await posts.attemptsOf(
    db,
    post.publications.map((p) => p.id),
  );
  const comments = await posts.commentsOf(db, post.id);
  const history = await listEventsFor(db, workspaceId, 'post', post.id);
  return {
    ...post,
    attempts: attempts.map((a) => ({
      id: String(a.id),
      publicationId: a.publication_id,
      workerId: a.worker_id,
      startedAt: a.started_at,
      finishedAt: a.finished_at,
      outcome: a.outcome,
      errorKind: a.error_kind,
      errorCode: a.error_code,
      errorMessage: a.error_message,
    })),
    comments: comments.map(presentComment),
    history: history.map((e) => ({
      id: String(e.id),
      type: e.type,
      actorUserId: e.actor_user_id,
      actorName: e.actor_name,
      data: e.data,
      createdAt: e.created_at,
    })),
  };
}
