/** The recurring module's reads, shaped for the API (routes call these). */
import type { Db } from '../../db/database.ts';
import { workspaceTimeZone } from '../../db/workspace-settings.ts';
import { notFound } from '../../lib/errors.ts';
import type { PostBody } from '../posts/schemas.ts';
import { REFUSES_DUPLICATE_TEXT } from './evergreen.ts';
import { recurringRepository as repo, type RuleRow } from './repository.ts';

async function present(db: Db, rows: RuleRow[]) {
  const counts = await repo.counts(
    db,
    rows.map((r) => r.id),
  );
  const zone = rows.length ? await workspaceTimeZone(db, rows[0].workspace_id) : 'UTC';
  return rows.map((row) => {
    const template = row.template as PostBody;
    const count = counts.get(row.id) ?? { total: 0, published: 0, upcoming: 0, next: null };
    return {
      id: row.id,
      rule: row.rrule,
      startsLocal: row.starts_local,
      timeZone: zone,
      windowDays: row.window_days,
      content: template.content ?? '',
      channelIds: (template.channels ?? []).map((c) => c.channelId),
      action: template.action ?? 'schedule',
      authorId: row.author_id,
      finished: row.finished,
      stoppedAt: row.stopped_at,
      generatedUntil: row.generated_until,
      occurrences: { total: count.total, published: count.published, upcoming: count.upcoming },
      nextAt: count.next,
      createdAt: row.created_at,
    };
  });
}

/** Recurring posts of a workspace, newest first. */
export async function listRecurring(db: Db, workspaceId: string) {
  return present(db, await repo.list(db, workspaceId));
}

/** One recurring post, its template and its occurrences in time order. */
export async function recurringDetail(db: Db, workspaceId: string, ruleId: string) {
  const row = await repo.find(db, workspaceId, ruleId);
  if (!row) throw notFound('Recurring post');
  const [rule] = await present(db, [row]);
  const occurrences = await repo.occurrences(db, ruleId);
  return {
    ...rule,
    template: row.template as Record<string, unknown>,
    items: occurrences.map((o) => ({
      postId: o.id,
      state: o.state,
      scheduledAt: o.scheduled_at,
      local: o.occurrence_local as string,
      detached: o.occurrence_detached,
    })),
  };
}

type QueueWithChannels = Awaited<ReturnType<typeof repo.queuesWithChannels>>[number];

/** A queue as the evergreen views show it; `covers`: every channel of the post is one of the queue's. */
function presentQueue(queue: QueueWithChannels, channelIds: string[]) {
  return {
    id: queue.id,
    name: queue.name,
    paused: queue.paused,
    gapDays: queue.evergreen_gap_days,
    channelIds: queue.channelIds,
    covers: channelIds.length > 0 && channelIds.every((id) => queue.channelIds.includes(id)),
  };
}

/**
 * The earliest a post can be re-shared again: its last share (or its own date) plus the smallest gap
 * of the recycling queues that cover it; null when none covers it.
 */
function earliestNext(lastShared: Date | null, gaps: number[]): Date | null {
  if (!lastShared || !gaps.length) return null;
  return new Date(lastShared.getTime() + Math.min(...gaps) * 86_400_000);
}

/**
 * The evergreen posts of a workspace with their alternative texts, the recycling queues that share
 * them, their last and next re-share; and every queue with its recycling gap.
 */
export async function listEvergreen(db: Db, workspaceId: string, now: Date) {
  const [rows, queues] = await Promise.all([repo.evergreenPosts(db, workspaceId), repo.queuesWithChannels(db, workspaceId)]);
  const ids = rows.map((r) => r.id);
  const [times, channels] = await Promise.all([repo.reshareTimes(db, ids, now), repo.channelsOfPosts(db, ids)]);
  return {
    items: rows.map((r) => {
      const time = times.get(r.id);
      const recycling = queues.filter((q) => q.evergreen_gap_days !== null && presentQueue(q, channels.get(r.id) ?? []).covers);
      const own = r.state === 'published' && r.scheduled_at ? new Date(r.scheduled_at) : null;
      const last = time?.last && (!own || time.last > own) ? time.last : own;
      return {
        id: r.id,
        content: r.content,
        variants: r.evergreen_variants ?? [],
        state: r.state,
        scheduledAt: r.scheduled_at,
        reshares: time?.count ?? 0,
        lastSharedAt: last,
        nextShareAt: time?.next ?? null,
        queues: recycling.map((q) => ({ id: q.id, name: q.name, gapDays: q.evergreen_gap_days as number, paused: q.paused })),
      };
    }),
    queues: queues.map((q) => presentQueue(q, [])).map(({ covers: _c, ...q }) => q),
  };
}

/**
 * One post's evergreen status: marked or not, its alternative texts, the queues that recycle it (and
 * those that could), the networks among its channels that refuse a repeated text, its last and next
 * re-share and the earliest the next one may go out.
 */
export async function evergreenStatus(db: Db, workspaceId: string, postId: string, now: Date) {
  const post = await repo.evergreenPost(db, workspaceId, postId);
  if (!post) throw notFound('Post');
  const channelIds = post.channels.map((c) => c.channel_id);
  const [queues, times, reshares] = await Promise.all([
    repo.queuesWithChannels(db, workspaceId),
    repo.reshareTimes(db, [postId], now),
    repo.reshares(db, postId),
  ]);
  const presented = queues.map((q) => presentQueue(q, channelIds)).filter((q) => q.covers);
  const time = times.get(postId);
  const own = post.state === 'published' && post.scheduled_at ? new Date(post.scheduled_at) : null;
  const last = time?.last && (!own || time.last > own) ? time.last : own;
  const gaps = presented.filter((q) => q.gapDays !== null && !q.paused).map((q) => q.gapDays as number);
  return {
    evergreen: post.evergreen,
    variants: post.evergreen_variants ?? [],
    /** A re-share names the evergreen post it copies. */
    sourceId: post.evergreen_source_id,
    published: post.state === 'published',
    queues: presented.map(({ covers: _c, channelIds: _ids, ...q }) => q),
    refusesDuplicates: [...new Set(post.channels.map((c) => c.network).filter((n) => REFUSES_DUPLICATE_TEXT.has(n)))].sort(),
    lastSharedAt: last,
    nextShareAt: time?.next ?? null,
    earliestNextAt: time?.next ? null : earliestNext(last, gaps),
    reshares: reshares.map((r) => ({ postId: r.id, state: r.state, scheduledAt: r.scheduled_at, text: r.content, queueId: r.queue_id })),
  };
}
