/**
 * The queues module's writes. A queue gives posts their times: "add to queue" schedules a post in
 * the next free weekly slot; changing the slots, reordering or resuming moves the posts it holds
 * to the slots in order; pausing takes them off the schedule but keeps them in the queue.
 * Every command locks the queue first (queuesRepository.lock), so concurrent changes are serial;
 * the exclusion constraint posts_queue_slot_once (migration 1030) is the last guard behind that lock.
 */
import type { AppContext } from '../../server/context.ts';
import type { Db } from '../../db/database.ts';
import type { PostState } from '../../db/schema.ts';
import { workspaceTimeZone } from '../../db/workspace-settings.ts';
import { AppError, conflict, notFound } from '../../lib/errors.ts';
import { announceEvents, recordEvent, recordEvents } from '../events/events.ts';
import { transitionPostIn } from '../posts/commands.ts';
import { postsRepository } from '../posts/repository.ts';
import { assertValid, validateForChannels, validateVariants } from '../posts/validation.ts';
import { queuesRepository as queues, type QueueRow } from './repository.ts';
import { freeSlots, slotInstants, type WeeklySlot } from './slots.ts';

/** A slot closer than this to now is left alone: the engine may already be taking its post. */
const SLOT_MARGIN_MS = 60_000;

/**
 * Runs a queue command's transaction; the database's last guard against two posts in one slot
 * (checked at commit) answers 409 queue_changed, like a reorder that lost a race.
 */
async function inQueueTransaction<T>(ctx: AppContext, work: (trx: Db) => Promise<T>): Promise<T> {
  try {
    return await ctx.database.db.transaction().execute(work);
  } catch (error) {
    throw slotTakenMeanwhile(error);
  }
}

/** The exclusion constraint posts_queue_slot_once as 409 queue_changed; any other error as it is. */
function slotTakenMeanwhile(error: unknown): unknown {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code === '23P01' && (constraint === undefined || constraint === 'posts_queue_slot_once'))
    return conflict('queue_changed', 'Another change took that slot of the queue meanwhile: try again');
  return error;
}

export interface QueueInput {
  name?: string;
  channelIds?: string[];
  slots?: WeeklySlot[];
  paused?: boolean;
}

async function lockQueue(trx: Db, workspaceId: string, queueId: string): Promise<QueueRow> {
  const queue = await queues.lock(trx, workspaceId, queueId);
  if (!queue) throw notFound('Queue');
  return queue;
}

async function assertChannels(trx: Db, workspaceId: string, channelIds: string[]): Promise<void> {
  const found = new Set(await queues.channelsInWorkspace(trx, workspaceId, channelIds));
  const missing = channelIds.filter((id) => !found.has(id));
  if (missing.length)
    throw new AppError(422, 'unknown_reference', 'A channel of the queue is not in this workspace', {
      fields: ['channelIds'],
      channelIds: missing,
    });
}

/** Slots once each, in week order. */
function normalizeSlots(slots: WeeklySlot[]): WeeklySlot[] {
  const seen = new Map(slots.map((s) => [`${s.weekday}:${s.minute}`, s]));
  return [...seen.values()].sort((a, b) => a.weekday - b.weekday || a.minute - b.minute);
}

export async function createQueue(ctx: AppContext, workspaceId: string, actorId: string, input: Required<Omit<QueueInput, 'paused'>>) {
  return ctx.database.db.transaction().execute(async (trx) => {
    await assertChannels(trx, workspaceId, input.channelIds);
    const queue = await queues.insert(trx, { workspaceId, name: input.name, now: new Date(ctx.clock.now()) });
    await queues.replaceChannels(trx, queue.id, input.channelIds);
    await queues.replaceSlots(trx, queue.id, normalizeSlots(input.slots));
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: 'queue.created',
      subjectType: 'queue',
      subjectId: queue.id,
      data: { name: queue.name, slots: input.slots.length },
    });
    return queue;
  });
}

/** Renames, changes channels or slots, pauses or resumes; the posts held follow the new slots. */
export async function updateQueue(ctx: AppContext, workspaceId: string, queueId: string, actorId: string, input: QueueInput) {
  return inQueueTransaction(ctx, async (trx) => {
    const before = await lockQueue(trx, workspaceId, queueId);
    if (input.channelIds) {
      await assertChannels(trx, workspaceId, input.channelIds);
      await queues.replaceChannels(trx, queueId, input.channelIds);
    }
    if (input.slots) await queues.replaceSlots(trx, queueId, normalizeSlots(input.slots));
    const queue = await queues.update(trx, queueId, { name: input.name, paused: input.paused, now: new Date(ctx.clock.now()) });
    const moved = input.slots || input.paused !== undefined ? await reflow(ctx, trx, queue, actorId) : 0;
    const pausing = input.paused === true && !before.paused;
    const resuming = input.paused === false && before.paused;
    const type = pausing ? 'queue.paused' : resuming ? 'queue.resumed' : input.slots ? 'queue.slots_changed' : 'queue.updated';
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type,
      subjectType: 'queue',
      subjectId: queueId,
      data: { name: queue.name, moved, ...(input.slots && { slots: input.slots.length }) },
    });
    // New slots in the same change as a pause or resume still tell webhooks that the slots changed.
    if (input.slots && type !== 'queue.slots_changed')
      await recordEvent(trx, {
        workspaceId,
        actorUserId: actorId,
        type: 'queue.slots_changed',
        subjectType: 'queue',
        subjectId: queueId,
        data: { name: queue.name, moved, slots: input.slots.length },
      });
    return { queue, moved };
  });
}

/** Deletes a queue; the posts it scheduled keep their times, as posts scheduled by hand. */
export async function deleteQueue(ctx: AppContext, workspaceId: string, queueId: string, actorId: string): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const queue = await lockQueue(trx, workspaceId, queueId);
    await queues.delete(trx, queueId);
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: 'queue.deleted',
      subjectType: 'queue',
      subjectId: queueId,
      data: { name: queue.name },
    });
  });
}

/**
 * Puts a post in the queue's next free slot (or, in a paused queue, holds it unscheduled until
 * the queue resumes). The post must be one its author could schedule (approval rules apply).
 */
export async function addToQueue(ctx: AppContext, workspaceId: string, queueId: string, postId: string, actorId: string) {
  const who = { workspaceId, queueId, postId, actorId };
  return (await quickAdd(ctx, who)) ?? inQueueTransaction(ctx, (trx) => addToQueueIn(ctx, trx, who));
}

/** Slot instants a quick add offers past those its read saw free: enough for a few adds that land meanwhile. */
const QUICK_FREE_CANDIDATES = 8;

/**
 * The common add in two round trips: one read without locks (readForQuickAdd), the decision here (the
 * slot instants in the brand's zone, the state check, the network validation), then one statement in
 * its own transaction (queue_add_in_slot, migration 1140) that takes the queue's and the post's locks,
 * checks that nothing read changed, and takes the first of the offered instants no post holds — a
 * prefix of the queue's slot instants from the read's start, so the first free slot, as addToQueueIn
 * would choose. Null, having changed nothing, for anything else (a paused queue, a recurring
 * occurrence, a post that cannot be scheduled or is not valid, a change meanwhile, every offered
 * instant taken): the caller runs addToQueueIn under the locks, which answers those cases.
 */
async function quickAdd(
  ctx: AppContext,
  who: { workspaceId: string; queueId: string; postId: string; actorId: string },
): Promise<{ queueId: string; postId: string; scheduledAt: Date } | null> {
  const { workspaceId, queueId, postId, actorId } = who;
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const after = now + SLOT_MARGIN_MS;
  const read = await queues.readForQuickAdd(db, workspaceId, queueId, postId, new Date(after));
  if (!read || read.paused || read.recurringRuleId) return null;
  if (!SCHEDULABLE_FROM[read.approvalRequired ? 'approval' : 'free'].includes(read.postState)) return null;
  const candidates: Date[] = [];
  let free = 0;
  for (const at of slotInstants(read.slots, read.timeZone, after)) {
    candidates.push(new Date(at));
    if (!read.taken.has(at) && ++free === QUICK_FREE_CANDIDATES) break;
  }
  if (free === 0) return null;
  const { ok } = await validateForChannels(
    ctx,
    db,
    workspaceId,
    { content: read.postContent, media: [], thread: [], channels: read.publications },
    read.channels,
  );
  if (!ok) return null;
  const events = [
    {
      workspaceId,
      actorUserId: actorId,
      type: 'post.schedule' as const,
      subjectType: 'post',
      subjectId: postId,
      data: { from: read.postState, to: 'scheduled', scheduledAt: null as Date | null, comment: null },
    },
    {
      workspaceId,
      actorUserId: actorId,
      type: 'queue.post_added' as const,
      subjectType: 'post',
      subjectId: postId,
      data: { queueId, queue: read.name, scheduledAt: null as Date | null },
    },
  ];
  let added: Awaited<ReturnType<typeof queues.addInSlot>>;
  try {
    added = await queues.addInSlot(db, {
      workspaceId,
      queueId,
      postId,
      fingerprint: read.fingerprint,
      candidates,
      now: new Date(now),
      events,
    });
  } catch (error) {
    throw slotTakenMeanwhile(error);
  }
  if (added.outcome !== 'added') return null;
  const scheduledAt = added.slot;
  for (const event of events) event.data.scheduledAt = scheduledAt;
  announceEvents(events, added.eventIds);
  return { queueId, postId, scheduledAt };
}

/** The states a post can be scheduled from, with and without the workspace's approval rule (as transitionPostIn's 'schedule'). */
const SCHEDULABLE_FROM: Record<'approval' | 'free', PostState[]> = {
  approval: ['approved', 'scheduled'],
  free: ['draft', 'approved', 'scheduled', 'failed'],
};

/**
 * addToQueue inside a caller's transaction (a batch adds many posts in one transaction: all or
 * none). Takes the queue's lock, so concurrent adds still get distinct slots.
 *
 * The common case costs four statements: lock the queue and the post (one statement), read the
 * slots, the taken times and the post's variants (one), validate them for their channels (one),
 * schedule the post and its publications (one), and the two events (one). A paused queue or a
 * recurring occurrence goes through the posts module's general transition instead.
 */
export async function addToQueueIn(
  ctx: AppContext,
  trx: Db,
  who: { workspaceId: string; queueId: string; postId: string; actorId: string },
) {
  const { workspaceId, queueId, postId, actorId } = who;
  const locked = await queues.lockForAdd(trx, workspaceId, queueId, postId);
  if (!locked) {
    if (!(await queues.find(trx, workspaceId, queueId))) throw notFound('Queue');
    throw notFound('Post');
  }
  const { queue, post } = locked;
  if (queue.paused || post.recurring_rule_id) return addThroughTransition(ctx, trx, who, queue);
  const now = ctx.clock.now();
  const after = now + SLOT_MARGIN_MS;
  const reading = await queues.readForAdd(trx, queueId, postId, new Date(after));
  const [free] = freeSlots(reading.slots, locked.timeZone, after, reading.taken, 1);
  if (free === undefined) throw noFreeSlot(queue, reading.slots.length > 0);
  const allowed = SCHEDULABLE_FROM[locked.approvalRequired ? 'approval' : 'free'];
  if (!allowed.includes(post.state))
    throw conflict('transition_not_allowed', `Cannot schedule a ${post.state} post`, { transition: 'schedule', from: post.state, allowed });
  const { results } = await validateVariants(ctx, trx, workspaceId, {
    content: post.content,
    media: [],
    thread: [],
    channels: reading.publications,
  });
  assertValid(results);
  const scheduledAt = new Date(free);
  await queues.scheduleInSlot(trx, postId, queueId, scheduledAt, new Date(now));
  await recordEvents(trx, [
    {
      workspaceId,
      actorUserId: actorId,
      type: 'post.schedule',
      subjectType: 'post',
      subjectId: postId,
      data: { from: post.state, to: 'scheduled', scheduledAt, comment: null },
    },
    {
      workspaceId,
      actorUserId: actorId,
      type: 'queue.post_added',
      subjectType: 'post',
      subjectId: postId,
      data: { queueId, queue: queue.name, scheduledAt },
    },
  ]);
  return { queueId, postId, scheduledAt };
}

/** An add through the posts module's general transition: a paused queue, a recurring occurrence. Both rows are already locked. */
async function addThroughTransition(
  ctx: AppContext,
  trx: Db,
  who: { workspaceId: string; queueId: string; postId: string; actorId: string },
  queue: QueueRow,
) {
  const { workspaceId, queueId, postId, actorId } = who;
  const scheduledAt = queue.paused ? null : await nextFreeSlot(ctx, trx, queue);
  if (queue.paused) {
    const post = await postsRepository.findPost(trx, workspaceId, postId);
    if (!post) throw notFound('Post');
    if (post.state === 'scheduled') await transitionPostIn(ctx, trx, { workspaceId, postId, actorId }, 'unschedule', { scheduledAt: null });
  } else await transitionPostIn(ctx, trx, { workspaceId, postId, actorId }, 'schedule', { scheduledAt });
  await queues.setPostQueue(trx, postId, queueId);
  await recordEvent(trx, {
    workspaceId,
    actorUserId: actorId,
    type: 'queue.post_added',
    subjectType: 'post',
    subjectId: postId,
    data: { queueId, queue: queue.name, scheduledAt },
  });
  return { queueId, postId, scheduledAt };
}

/** 409 for a queue with no slot ahead: no slots at all, or none free in the next year. */
function noFreeSlot(queue: QueueRow, hasSlots: boolean) {
  return conflict(
    hasSlots ? 'queue_full' : 'queue_has_no_slots',
    hasSlots ? 'The queue has no free slot in the next year' : 'The queue has no time slots yet: add some first',
    { queueId: queue.id },
  );
}

/**
 * Reorders the posts a queue holds: the times they occupy are handed out again in the new order
 * (the first post gets the earliest). `postIds` must name exactly the posts the queue holds.
 */
export async function reorderQueue(ctx: AppContext, workspaceId: string, queueId: string, postIds: string[], actorId: string) {
  return inQueueTransaction(ctx, async (trx) => {
    const queue = await lockQueue(trx, workspaceId, queueId);
    const held = await queues.held(trx, queueId, new Date(ctx.clock.now() + SLOT_MARGIN_MS));
    const heldIds = held.map((p) => p.id);
    if (postIds.length !== heldIds.length || new Set(postIds).size !== postIds.length || !postIds.every((id) => heldIds.includes(id)))
      throw conflict('queue_changed', 'The queue changed meanwhile: reload it and reorder again', { postIds: heldIds });
    const times = held.map((p) => p.scheduled_at);
    let moved = 0;
    for (const [index, postId] of postIds.entries()) {
      const current = held.find((p) => p.id === postId)!;
      const at = times[index];
      if (queue.paused || !at || current.scheduled_at?.getTime() === at.getTime()) continue;
      await transitionPostIn(ctx, trx, { workspaceId, postId, actorId }, 'schedule', { scheduledAt: at });
      await queues.setPostQueue(trx, postId, queueId);
      moved++;
    }
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: 'queue.reordered',
      subjectType: 'queue',
      subjectId: queueId,
      data: { name: queue.name, moved },
    });
    return { moved };
  });
}

/** The next slot of the queue no post of it occupies, or 409 when it has no slot ahead. */
async function nextFreeSlot(ctx: AppContext, trx: Db, queue: QueueRow): Promise<Date> {
  const after = ctx.clock.now() + SLOT_MARGIN_MS;
  const [slots, taken, zone] = await Promise.all([
    queues.slotsOf(trx, queue.id),
    queues.takenInstants(trx, queue.id, new Date(after)),
    workspaceTimeZone(trx, queue.workspace_id),
  ]);
  const [free] = freeSlots(slots, zone, after, taken, 1);
  if (free === undefined) throw noFreeSlot(queue, slots.length > 0);
  return new Date(free);
}

/**
 * Puts the posts a queue holds in its slots again, in their order (after a change of slots, or a
 * resume), or takes them off the schedule (paused). Returns how many moved.
 */
async function reflow(ctx: AppContext, trx: Db, queue: QueueRow, actorId: string): Promise<number> {
  const after = ctx.clock.now() + SLOT_MARGIN_MS;
  const held = await queues.held(trx, queue.id, new Date(after));
  const who = (postId: string) => ({ workspaceId: queue.workspace_id, postId, actorId });
  let moved = 0;
  if (queue.paused) {
    for (const post of held.filter((p) => p.state === 'scheduled')) {
      await transitionPostIn(ctx, trx, who(post.id), 'unschedule', { scheduledAt: null });
      await queues.setPostQueue(trx, post.id, queue.id);
      moved++;
    }
    return moved;
  }
  const zone = await workspaceTimeZone(trx, queue.workspace_id);
  const slots = await queues.slotsOf(trx, queue.id);
  // The held posts are handed slots again; a slot a post of this queue is already publishing in stays taken.
  const times = freeSlots(
    slots,
    zone,
    after,
    await queues.takenInstants(trx, queue.id, new Date(after), ['publishing', 'published']),
    held.length,
  );
  if (times.length < held.length && held.length)
    throw conflict(slots.length ? 'queue_full' : 'queue_has_no_slots', 'The queue has not enough slots for the posts it holds', {
      queueId: queue.id,
      posts: held.length,
    });
  for (const [index, post] of held.entries()) {
    const at = new Date(times[index]);
    if (post.state === 'scheduled' && post.scheduled_at?.getTime() === at.getTime()) continue;
    await transitionPostIn(ctx, trx, who(post.id), 'schedule', { scheduledAt: at });
    await queues.setPostQueue(trx, post.id, queue.id);
    moved++;
  }
  return moved;
}
