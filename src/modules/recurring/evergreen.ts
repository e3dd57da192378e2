/**
 * Evergreen recycling (issue 16, part 3). A post marked evergreen may be shared again by a queue
 * that recycles: the queue fills its free slots of the coming week with copies of its evergreen
 * posts, least recently shared first, never one shared less than the queue's gap (days) before the
 * slot. Variation rule: a copy takes the next of the post's texts (its own, then its alternatives)
 * that differs from the last text sent or planned on each of its channels; on networks that refuse
 * an identical text (X, LinkedIn, Facebook, Threads) a post with no different text is not re-shared.
 */
import type { AppContext } from '../../server/context.ts';
import type { Db } from '../../db/database.ts';
import { workspaceTimeZone } from '../../db/workspace-settings.ts';
import { notFound } from '../../lib/errors.ts';
import { recordEvent } from '../events/events.ts';
import { createPostIn } from '../posts/commands.ts';
import { postsRepository } from '../posts/repository.ts';
import { postBodySchema } from '../posts/schemas.ts';
import { queuesRepository } from '../queues/repository.ts';
import { freeSlots } from '../queues/slots.ts';
import { recurringRepository as repo } from './repository.ts';

/** Networks that refuse a post whose text is identical to the account's previous one. */
export const REFUSES_DUPLICATE_TEXT = new Set(['x', 'linkedin', 'facebook', 'threads']);
/** How far ahead a recycling queue fills its free slots. */
const FILL_AHEAD_MS = 7 * 86_400_000;
const SLOT_MARGIN_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * The text a re-share uses: the first of `texts`, in rotation from `start`, that differs from the last
 * text on every channel; or, when none does, the rotation's first on channels that accept a repeat,
 * and null when one of the channels refuses duplicates.
 */
export function chooseVariation(
  texts: string[],
  start: number,
  channels: Array<{ network: string; lastText: string | undefined }>,
): string | null {
  const ordered = texts.map((_, i) => texts[(start + i) % texts.length]).filter((t) => t.trim().length > 0);
  for (const text of ordered) if (channels.every((c) => c.lastText?.trim() !== text.trim())) return text;
  if (channels.some((c) => REFUSES_DUPLICATE_TEXT.has(c.network))) return null;
  return ordered[0] ?? null;
}

/** Marks a post evergreen (with alternative texts for its re-shares) or takes it out. */
export async function setEvergreen(
  ctx: AppContext,
  workspaceId: string,
  postId: string,
  actorId: string,
  input: { evergreen: boolean; variants?: string[] },
) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const post = await postsRepository.lockPost(trx, workspaceId, postId);
    if (!post) throw notFound('Post');
    const variants = input.variants?.map((v) => v.trim()).filter(Boolean);
    await repo.setEvergreen(trx, postId, input.evergreen, variants);
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: input.evergreen ? 'evergreen.marked' : 'evergreen.unmarked',
      subjectType: 'post',
      subjectId: postId,
      data: { variants: variants?.length ?? null },
    });
    return { evergreen: input.evergreen, variants: variants ?? post.evergreen_variants };
  });
}

/** Turns a queue's recycling on (minimum gap in days between two shares of one post) or off (null). */
export async function setQueueRecycling(ctx: AppContext, workspaceId: string, queueId: string, actorId: string, gapDays: number | null) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const queue = await queuesRepository.lock(trx, workspaceId, queueId);
    if (!queue) throw notFound('Queue');
    await repo.setQueueEvergreenGap(trx, queueId, gapDays);
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: 'evergreen.queue_changed',
      subjectType: 'queue',
      subjectId: queueId,
      data: { name: queue.name, gapDays },
    });
    return { queueId, evergreenGapDays: gapDays };
  });
}

/**
 * Fills a recycling queue's free slots of the coming week with re-shares of its evergreen posts, under
 * the queue's lock (so "add to queue" and recycling never take one slot twice). Returns the re-shares.
 */
export async function recycleQueue(ctx: AppContext, workspaceId: string, queueId: string, actorId: string | null) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const queue = await queuesRepository.lock(trx, workspaceId, queueId);
    if (!queue) throw notFound('Queue');
    const gapDays = queue.evergreen_gap_days;
    if (gapDays === null || queue.paused) return [];
    return fill(ctx, trx, { id: queueId, workspaceId, gapDays }, actorId);
  });
}

async function fill(ctx: AppContext, trx: Db, queue: { id: string; workspaceId: string; gapDays: number }, actorId: string | null) {
  const now = ctx.clock.now();
  const after = now + SLOT_MARGIN_MS;
  const [slots, taken, zone, channelIds] = await Promise.all([
    queuesRepository.slotsOf(trx, queue.id),
    queuesRepository.takenInstants(trx, queue.id, new Date(after)),
    workspaceTimeZone(trx, queue.workspaceId),
    repo.queueChannels(trx, queue.id),
  ]);
  const free = freeSlots(slots, zone, after, taken, 7 * 48).filter((at) => at <= now + FILL_AHEAD_MS);
  if (!free.length) return [];
  const candidates = await repo.evergreenCandidates(trx, queue.workspaceId, channelIds);
  const lastShared = new Map(candidates.map((c) => [c.id, c.last_shared?.getTime() ?? 0]));
  // The rotation goes on from the text the post's last share used (the original counts as the first).
  const lastText = new Map(candidates.map((c) => [c.id, c.last_text ?? c.content]));
  const shares: Array<{ postId: string; sourceId: string; scheduledAt: Date; text: string }> = [];
  for (const slot of free) {
    for (const candidate of candidates) {
      if (slot - (lastShared.get(candidate.id) ?? 0) < queue.gapDays * DAY_MS) continue;
      const publications = await repo.publicationsOf(trx, candidate.id);
      if (!publications.length) continue;
      const last = await repo.lastTextByChannel(
        trx,
        publications.map((p) => p.channel_id),
        new Date(slot),
      );
      const texts = [candidate.content, ...(candidate.evergreen_variants ?? [])];
      const previous = texts.indexOf(lastText.get(candidate.id) ?? candidate.content);
      const text = chooseVariation(
        texts,
        (previous + 1) % texts.length,
        publications.map((p) => ({ network: p.network, lastText: last.get(p.channel_id) })),
      );
      if (text === null) continue;
      const body = postBodySchema.parse({
        content: text,
        channels: publications.map((p) => ({
          channelId: p.channel_id,
          media: p.media,
          thread: p.thread,
          options: p.options ?? {},
          ...(p.post_type ? { postType: p.post_type } : {}),
        })),
        campaignId: candidate.campaign_id,
        objectiveId: candidate.objective_id,
        segmentId: candidate.segment_id,
        pillarId: candidate.pillar_id,
        scheduledAt: new Date(slot).toISOString(),
        action: 'schedule',
      });
      const source = await postsRepository.findPost(trx, queue.workspaceId, candidate.id);
      const authorId = actorId ?? source?.author_id;
      if (!authorId) continue;
      const { post } = await createPostIn(ctx, trx, queue.workspaceId, authorId, body);
      await repo.markReshare(trx, post.id, candidate.id);
      await queuesRepository.setPostQueue(trx, post.id, queue.id);
      await recordEvent(trx, {
        workspaceId: queue.workspaceId,
        actorUserId: actorId,
        type: 'evergreen.reshared',
        subjectType: 'post',
        subjectId: post.id,
        data: { sourceId: candidate.id, queueId: queue.id, scheduledAt: new Date(slot) },
      });
      lastShared.set(candidate.id, slot);
      lastText.set(candidate.id, text);
      shares.push({ postId: post.id, sourceId: candidate.id, scheduledAt: new Date(slot), text });
      break;
    }
  }
  return shares;
}

/** The `recurring.evergreen` job: every recycling queue fills its coming week. Returns re-shares made. */
export async function recycleAllQueues(ctx: AppContext): Promise<number> {
  let made = 0;
  for (const queue of await repo.recyclingQueues(ctx.database.db)) {
    try {
      made += (await recycleQueue(ctx, queue.workspace_id, queue.id, null)).length;
    } catch (error) {
      ctx.logger.warn({ err: error, queueId: queue.id }, 'evergreen: the queue could not recycle');
    }
  }
  return made;
}
