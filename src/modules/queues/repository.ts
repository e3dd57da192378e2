/**
 * Named queries of the queues module: queues, their channels and weekly slots, and the posts
 * they hold. The only code of the module that touches the database.
 */
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database, PostState, QueuesTable } from '../../db/schema.ts';
import type { WeeklySlot } from './slots.ts';

export type QueueRow = Selectable<QueuesTable>;

/** A post a queue holds: scheduled in one of its slots, or waiting (paused queue) with no time. */
export interface QueuedPost {
  id: string;
  state: string;
  scheduled_at: Date | null;
  content: string;
  created_at: Date;
}

/**
 * What a queue holds from `after` on: its posts scheduled after then (not yet publishing), and
 * its posts waiting with no time (a paused queue).
 */
function holds(eb: ExpressionBuilder<Database, 'posts'>, after: Date) {
  return eb.or([
    eb.and([eb('state', '=', 'scheduled'), eb('scheduled_at', '>', after)]),
    eb.and([eb('state', 'in', ['draft', 'approved']), eb('scheduled_at', 'is', null)]),
  ]);
}

export const queuesRepository = {
  list(db: Db, workspaceId: string) {
    return db.selectFrom('queues').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').orderBy('id').execute();
  },

  find(db: Db, workspaceId: string, queueId: string) {
    return db.selectFrom('queues').selectAll().where('id', '=', queueId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  },

  /**
   * One queue, locked for the rest of the transaction: every change to what a queue holds takes
   * this lock first, so two people adding at once never get the same slot.
   */
  lock(db: Db, workspaceId: string, queueId: string) {
    return db
      .selectFrom('queues')
      .selectAll()
      .where('id', '=', queueId)
      .where('workspace_id', '=', workspaceId)
      .forUpdate()
      .executeTakeFirst();
  },

  insert(db: Db, values: { workspaceId: string; name: string; now: Date }) {
    return db
      .insertInto('queues')
      .values({ workspace_id: values.workspaceId, name: values.name, created_at: values.now, updated_at: values.now })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  update(db: Db, queueId: string, values: { name?: string; paused?: boolean; now: Date }) {
    return db
      .updateTable('queues')
      .set({
        ...(values.name !== undefined ? { name: values.name } : {}),
        ...(values.paused !== undefined ? { paused: values.paused } : {}),
        updated_at: values.now,
      })
      .where('id', '=', queueId)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async delete(db: Db, queueId: string): Promise<void> {
    await db.deleteFrom('queues').where('id', '=', queueId).execute();
  },

  /** Channels and slots of several queues at once. */
  async partsOf(db: Db, queueIds: string[]) {
    if (!queueIds.length) return { channels: [], slots: [] };
    const [channels, slots] = await Promise.all([
      db.selectFrom('queue_channels').select(['queue_id', 'channel_id']).where('queue_id', 'in', queueIds).execute(),
      db
        .selectFrom('queue_slots')
        .select(['queue_id', 'weekday', 'minute'])
        .where('queue_id', 'in', queueIds)
        .orderBy('weekday')
        .orderBy('minute')
        .execute(),
    ]);
    return { channels, slots };
  },

  async slotsOf(db: Db, queueId: string): Promise<WeeklySlot[]> {
    return db.selectFrom('queue_slots').select(['weekday', 'minute']).where('queue_id', '=', queueId).execute();
  },

  async replaceChannels(db: Db, queueId: string, channelIds: string[]): Promise<void> {
    await db.deleteFrom('queue_channels').where('queue_id', '=', queueId).execute();
    if (channelIds.length)
      await db
        .insertInto('queue_channels')
        .values(channelIds.map((channelId) => ({ queue_id: queueId, channel_id: channelId })))
        .execute();
  },

  async replaceSlots(db: Db, queueId: string, slots: WeeklySlot[]): Promise<void> {
    await db.deleteFrom('queue_slots').where('queue_id', '=', queueId).execute();
    if (slots.length)
      await db
        .insertInto('queue_slots')
        .values(slots.map((slot) => ({ queue_id: queueId, weekday: slot.weekday, minute: slot.minute })))
        .execute();
  },

  /** The ids among `channelIds` that are channels of the workspace. */
  async channelsInWorkspace(db: Db, workspaceId: string, channelIds: string[]): Promise<string[]> {
    if (!channelIds.length) return [];
    const rows = await db
      .selectFrom('channels')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', channelIds)
      .execute();
    return rows.map((r) => r.id);
  },

  /**
   * What the queue holds from `after` on: posts scheduled in it that have not started publishing,
   * and posts waiting in it with no time (a paused queue); in queue order (time, then age).
   */
  held(db: Db, queueId: string, after: Date): Promise<QueuedPost[]> {
    return db
      .selectFrom('posts')
      .select(['id', 'state', 'scheduled_at', 'content', 'created_at'])
      .where('queue_id', '=', queueId)
      .where((eb) => holds(eb, after))
      .orderBy('scheduled_at', (ob) => ob.asc().nullsLast())
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  },

  /** How many posts each queue holds from `after` on. */
  async heldCounts(db: Db, queueIds: string[], after: Date): Promise<Map<string, number>> {
    if (!queueIds.length) return new Map();
    const rows = await db
      .selectFrom('posts')
      .select(['queue_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('queue_id', 'in', queueIds)
      .where((eb) => holds(eb, after))
      .groupBy('queue_id')
      .execute();
    return new Map(rows.map((r) => [r.queue_id as string, Number(r.n)]));
  },

  /** The slot instants (ms) the queue's posts in `states` already occupy after `after`. */
  async takenInstants(
    db: Db,
    queueId: string,
    after: Date,
    states: PostState[] = ['scheduled', 'publishing', 'published'],
  ): Promise<Set<number>> {
    const rows = await db
      .selectFrom('posts')
      .select('scheduled_at')
      .where('queue_id', '=', queueId)
      .where('state', 'in', states)
      .where('scheduled_at', '>', after)
      .execute();
    return new Set(rows.map((r) => (r.scheduled_at as Date).getTime()));
  },

  async setPostQueue(db: Db, postId: string, queueId: string | null): Promise<void> {
    await db.updateTable('posts').set({ queue_id: queueId }).where('id', '=', postId).execute();
  },
};
