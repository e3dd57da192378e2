/**
 * Batch operations on posts (the calendar's and the posts list's selection): move by days, reschedule
 * from a time, add to a queue, delete — all or nothing, in one transaction, and undoable for
 * {@link UNDO_WINDOW_MS}. Also "duplicate a post" (a new draft with the same channels and texts).
 */
import { DateTime } from 'luxon';
import type { AppContext } from '../../server/context.ts';
import type { Db } from '../../db/database.ts';
import type { PostState } from '../../db/schema.ts';
import type { PostType } from '../../networks/types.ts';
import { workspaceTimeZone } from '../../db/workspace-settings.ts';
import { AppError, conflict, notFound } from '../../lib/errors.ts';
import { recordEvent } from '../events/events.ts';
import { createPost, transitionPostIn } from '../posts/commands.ts';
import { postsRepository } from '../posts/repository.ts';
import { addToQueueIn } from '../queues/commands.ts';
import { postBatchesRepository as batches } from './repository.ts';
import type { DeletedRows, PostMark } from './tables.ts';

/** How long a batch can be undone (the web app offers "Undo" for a few seconds; the API and CLI for longer). */
export const UNDO_WINDOW_MS = 5 * 60_000;

/** What a batch does to every selected post. */
export type BatchOperation =
  | { action: 'move'; days: number }
  | { action: 'reschedule'; scheduledAt: Date; spacingMinutes: number }
  | { action: 'queue'; queueId: string }
  | { action: 'delete' };

/** One post a batch could not change (the batch then changes none). */
export interface BatchItemError {
  postId: string;
  code: string;
  message: string;
}

const FINISHED: PostState[] = ['publishing', 'published', 'canceled'];

type LockedPost = { id: string; state: PostState; scheduled_at: Date | null; queue_id: string | null };

const mark = (post: LockedPost): PostMark => ({
  id: post.id,
  state: post.state,
  scheduledAt: post.scheduled_at ? post.scheduled_at.toISOString() : null,
  queueId: post.queue_id,
});

const sameMark = (a: PostMark, b: PostMark) =>
  a.state === b.state &&
  a.queueId === b.queueId &&
  (a.scheduledAt === null ? b.scheduledAt === null : Date.parse(a.scheduledAt) === Date.parse(b.scheduledAt ?? ''));

/** The same wall-clock time `days` later in the brand's zone (daylight saving kept: 10:00 stays 10:00). */
export function shiftedByDays(at: Date, days: number, zone: string): Date {
  return DateTime.fromJSDate(at, { zone }).plus({ days }).toJSDate();
}

/**
 * Runs one operation on every selected post, in the order given, in one transaction: either every
 * post changes or none does (422 `batch_failed` lists each post that could not, with its code).
 * Returns the batch's id, to undo it within {@link UNDO_WINDOW_MS}.
 */
export async function runBatch(ctx: AppContext, workspaceId: string, actorId: string, postIds: string[], operation: BatchOperation) {
  const ids = [...new Set(postIds)];
  return ctx.database.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    // A queue is locked before its posts, as a single "add to queue" does.
    if (operation.action === 'queue' && !(await batches.queueExists(trx, workspaceId, operation.queueId))) throw notFound('Queue');
    const locked = (await batches.lockPosts(trx, workspaceId, ids)) as LockedPost[];
    const byId = new Map(locked.map((p) => [p.id, p]));
    const errors: BatchItemError[] = ids
      .filter((id) => !byId.has(id))
      .map((postId) => ({ postId, code: 'not_found', message: 'Post not found' }));
    const posts = ids.flatMap((id) => byId.get(id) ?? []);
    const before = posts.map(mark);
    const who = (postId: string) => ({ workspaceId, postId, actorId });
    const attempt = async (postId: string, work: () => Promise<unknown>) => {
      try {
        await work();
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        errors.push({ postId, code: error.code, message: error.message });
      }
    };
    let deleted: DeletedRows | null = null;

    switch (operation.action) {
      case 'move': {
        const zone = await workspaceTimeZone(trx, workspaceId);
        for (const post of posts)
          await attempt(post.id, async () => {
            if (!post.scheduled_at) throw conflict('post_undated', 'This post has no date to move: reschedule it instead');
            if (FINISHED.includes(post.state)) throw conflict('post_not_editable', `A ${post.state} post cannot be moved`);
            const at = shiftedByDays(post.scheduled_at, operation.days, zone);
            if (post.state === 'scheduled') await transitionPostIn(ctx, trx, who(post.id), 'schedule', { scheduledAt: at });
            else await postsRepository.setPostState(trx, post.id, { state: post.state, scheduledAt: at, updatedAt: new Date(now) });
          });
        break;
      }
      case 'reschedule':
        for (const [index, post] of posts.entries())
          await attempt(post.id, async () => {
            if (FINISHED.includes(post.state)) throw conflict('post_not_editable', `A ${post.state} post cannot be rescheduled`);
            const at = new Date(operation.scheduledAt.getTime() + index * operation.spacingMinutes * 60_000);
            // A post in review keeps waiting for its approval, now with this date; the others are scheduled.
            if (post.state === 'in_review')
              await postsRepository.setPostState(trx, post.id, { state: post.state, scheduledAt: at, updatedAt: new Date(now) });
            else await transitionPostIn(ctx, trx, who(post.id), 'schedule', { scheduledAt: at });
          });
        break;
      case 'queue':
        for (const post of posts)
          await attempt(post.id, async () => {
            if (FINISHED.includes(post.state)) throw conflict('post_not_editable', `A ${post.state} post cannot be queued`);
            await addToQueueIn(ctx, trx, { workspaceId, queueId: operation.queueId, postId: post.id, actorId });
          });
        break;
      case 'delete': {
        const sent = await batches.withPublished(
          trx,
          posts.map((p) => p.id),
        );
        for (const post of posts)
          if (sent.has(post.id))
            errors.push({
              postId: post.id,
              code: 'published_post_undeletable',
              message: 'A published post cannot be deleted from Plaza; cancel or delete it on the network',
            });
        if (!errors.length) {
          deleted = await batches.snapshot(
            trx,
            posts.map((p) => p.id),
          );
          await batches.deletePosts(
            trx,
            posts.map((p) => p.id),
          );
        }
        break;
      }
    }
    // Any post that could not change rolls the whole batch back: nothing is half-done.
    if (errors.length)
      throw new AppError(422, 'batch_failed', `${errors.length} of ${ids.length} posts cannot be changed; nothing was changed`, errors);

    const after = deleted ? [] : ((await batches.lockPosts(trx, workspaceId, ids)) as LockedPost[]).map(mark);
    await batches.prune(trx, workspaceId, new Date(now - UNDO_WINDOW_MS));
    const batch = await batches.insert(trx, {
      workspaceId,
      actorId,
      action: operation.action,
      postIds: ids,
      before: deleted ?? before,
      after,
      now: new Date(now),
    });
    for (const post of posts)
      await recordEvent(trx, {
        workspaceId,
        actorUserId: actorId,
        type: operation.action === 'delete' ? 'post.deleted' : 'post.batch_changed',
        subjectType: 'post',
        subjectId: post.id,
        data: { batchId: batch.id, action: operation.action },
      });
    const order = new Map(ids.map((id, index) => [id, index]));
    return {
      batchId: batch.id,
      action: operation.action,
      count: posts.length,
      undoUntil: new Date(now + UNDO_WINDOW_MS),
      posts: after.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)),
    };
  });
}

/**
 * Undoes a batch within {@link UNDO_WINDOW_MS}: deleted posts come back exactly as they were; moved,
 * rescheduled or queued posts get their former state, time and queue back. Refused (409) when the
 * window is over, it was undone already, or a post changed since (nothing is undone then).
 */
export async function undoBatch(ctx: AppContext, workspaceId: string, batchId: string, actorId: string) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const batch = await batches.lock(trx, workspaceId, batchId);
    if (!batch) throw notFound('Batch');
    if (batch.undone_at) throw conflict('batch_already_undone', 'This change was already undone');
    if (now - batch.created_at.getTime() > UNDO_WINDOW_MS)
      throw conflict('batch_undo_expired', 'This change is too old to undo', { createdAt: batch.created_at.toISOString() });
    const ids = batch.post_ids;
    if (batch.action === 'delete') {
      if ((await batches.countPosts(trx, ids)) > 0) throw conflict('batch_undo_conflict', 'Some of these posts exist again');
      await batches.restore(trx, batch.before as DeletedRows);
    } else {
      const before = batch.before as PostMark[];
      const expected = new Map(batch.after.map((m) => [m.id, m]));
      const current = new Map(((await batches.lockPosts(trx, workspaceId, ids)) as LockedPost[]).map((p) => [p.id, mark(p)]));
      const changed = before.filter((m) => {
        const now_ = current.get(m.id);
        const was = expected.get(m.id);
        return !now_ || !was || !sameMark(now_, was);
      });
      if (changed.length)
        throw conflict('batch_undo_conflict', 'Some of these posts changed since: undo them one by one', {
          postIds: changed.map((m) => m.id),
        });
      for (const old of before) {
        const post = current.get(old.id)!;
        const who = { workspaceId, postId: old.id, actorId };
        const scheduledAt = old.scheduledAt ? new Date(old.scheduledAt) : null;
        if (old.state === 'scheduled') await transitionPostIn(ctx, trx, who, 'schedule', { scheduledAt });
        else if (post.state === 'scheduled') {
          await transitionPostIn(ctx, trx, who, 'unschedule', { scheduledAt });
          if (old.state !== 'draft' && old.state !== 'approved')
            await postsRepository.setPostState(trx, old.id, { state: old.state as PostState, scheduledAt, updatedAt: new Date(now) });
        } else await postsRepository.setPostState(trx, old.id, { state: old.state as PostState, scheduledAt, updatedAt: new Date(now) });
        const queueId = old.queueId && (await batches.queueExists(trx, workspaceId, old.queueId)) ? old.queueId : null;
        await postsRepository.setPostQueue(trx, old.id, queueId);
      }
    }
    await batches.markUndone(trx, batchId, new Date(now));
    for (const postId of ids)
      await recordEvent(trx, {
        workspaceId,
        actorUserId: actorId,
        type: 'post.batch_undone',
        subjectType: 'post',
        subjectId: postId,
        data: { batchId, action: batch.action },
      });
    return { batchId, action: batch.action, count: ids.length };
  });
}

/**
 * Duplicates a post: a new draft with the same channels, per-channel texts, media, options and
 * strategy links, undated (or at `scheduledAt`, still a draft). Any post can be duplicated, published
 * or not.
 */
export async function duplicatePost(ctx: AppContext, workspaceId: string, postId: string, actorId: string, scheduledAt: Date | null) {
  const db: Db = ctx.database.db;
  const post = await postsRepository.findPost(db, workspaceId, postId);
  if (!post) throw notFound('Post');
  const publications = await postsRepository.publicationsForValidation(db, postId);
  const { post: copy } = await createPost(ctx, workspaceId, actorId, {
    action: 'draft',
    content: post.content,
    media: [],
    thread: [],
    scheduledAt,
    campaignId: post.campaign_id,
    objectiveId: post.objective_id,
    segmentId: post.segment_id,
    pillarId: post.pillar_id,
    channels: publications.map((p) => ({
      channelId: p.channel_id,
      text: p.text,
      media: p.media as Array<{ mediaId: string; alt?: string }>,
      thread: p.thread as Array<{ text: string; media: Array<{ mediaId: string; alt?: string }> }>,
      options: (p.options ?? {}) as Record<string, never>,
      ...(p.post_type ? { postType: p.post_type as PostType } : {}),
      ...(p.first_comment ? { firstComment: p.first_comment } : {}),
      ...(p.title ? { title: p.title } : {}),
    })),
  });
  return copy;
}
