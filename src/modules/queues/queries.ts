/** The queues module's reads, shaped for the API (routes call these). */
import type { Db } from '../../db/database.ts';
import { workspaceTimeZone } from '../../db/workspace-settings.ts';
import { notFound } from '../../lib/errors.ts';
import { bestTime } from '../analytics/insights.ts';
import { queuesRepository as queues, type QueueRow } from './repository.ts';
import { freeSlots, slotsFromBestCells, slotTime } from './slots.ts';

/** How many upcoming free slot times a queue shows. */
const UPCOMING = 5;

async function present(db: Db, rows: QueueRow[], now: number) {
  const ids = rows.map((r) => r.id);
  const [{ channels, slots }, counts] = await Promise.all([queues.partsOf(db, ids), queues.heldCounts(db, ids, new Date(now))]);
  const zone = rows.length ? await workspaceTimeZone(db, rows[0].workspace_id) : 'UTC';
  return Promise.all(
    rows.map(async (row) => {
      const own = slots.filter((s) => s.queue_id === row.id);
      const taken = await queues.takenInstants(db, row.id, new Date(now));
      return {
        id: row.id,
        name: row.name,
        paused: row.paused,
        timeZone: zone,
        channelIds: channels.filter((c) => c.queue_id === row.id).map((c) => c.channel_id),
        slots: own.map((s) => ({ weekday: s.weekday, time: slotTime(s.minute) })),
        posts: counts.get(row.id) ?? 0,
        nextFreeSlots: freeSlots(own, zone, now, taken, UPCOMING).map((ms) => new Date(ms)),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
    }),
  );
}

export async function listQueues(db: Db, workspaceId: string, now: number) {
  return present(db, await queues.list(db, workspaceId), now);
}

/** One queue with the posts it holds, in order. */
export async function queueDetail(db: Db, workspaceId: string, queueId: string, now: number) {
  const row = await queues.find(db, workspaceId, queueId);
  if (!row) throw notFound('Queue');
  const [queue] = await present(db, [row], now);
  const held = await queues.held(db, queueId, new Date(now));
  return {
    ...queue,
    heldPosts: held.map((p) => ({ id: p.id, state: p.state, scheduledAt: p.scheduled_at, content: p.content.slice(0, 280) })),
  };
}

/**
 * Slots proposed from the brand's best-time grid ("fill my slots with my best hours"), each with
 * its evidence; none, with the grid's reason, when there is not enough data yet.
 */
export async function suggestedSlots(db: Db, workspaceId: string, options: { perWeek: number; channelId?: string; now: number }) {
  const grid = await bestTime(db, workspaceId, { channelId: options.channelId, now: options.now });
  const slots = slotsFromBestCells(grid.cells, options.perWeek).map((s) => ({
    weekday: s.weekday,
    time: slotTime(s.minute),
    rate: s.rate,
    posts: s.posts,
  }));
  return {
    timeZone: grid.timeZone,
    samples: grid.samples,
    minSample: grid.minSample,
    slots,
    reasonCode: slots.length ? null : ('not_enough_posts' as const),
  };
}
