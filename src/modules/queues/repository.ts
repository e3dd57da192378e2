/**
 * Named queries of the queues module: queues, their channels and weekly slots, and the posts
 * they hold. The only code of the module that touches the database.
 */
import { type ExpressionBuilder, type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database, MediaItem, PostState, QueuesTable } from '../../db/schema.ts';
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

/** The queue and the post of an add, both locked, with what the add decides on (one statement). */
export interface LockedAdd {
  queue: QueueRow;
  timeZone: string;
  approvalRequired: boolean;
  post: { id: string; state: PostState; scheduled_at: Date | null; content: string; recurring_rule_id: string | null };
}

/** What an add reads under its locks: the queue's slots and taken times, the post's channel variants. */
export interface AddReading {
  slots: WeeklySlot[];
  taken: Set<number>;
  publications: Array<{
    channelId: string;
    text: string;
    media: MediaItem[];
    thread: Array<{ text: string; media: MediaItem[] }>;
    options: Record<string, unknown>;
  }>;
}

/** What a quick add (one read, one statement) decides on: see readForQuickAdd. */
export interface QuickAddReading {
  paused: boolean;
  name: string;
  timeZone: string;
  approvalRequired: boolean;
  postState: PostState;
  postContent: string;
  recurringRuleId: string | null;
  slots: WeeklySlot[];
  taken: Set<number>;
  publications: AddReading['publications'];
  channels: Array<{
    id: string;
    network: string;
    settings: Record<string, unknown>;
    status: 'active' | 'needs_reconnect' | 'disconnected';
  }>;
  fingerprint: string;
}

/** States whose posts hold their slot of a queue (the exclusion constraint posts_queue_slot_once). */
const HOLDS_SLOT: PostState[] = ['scheduled', 'publishing', 'published'];

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

  /**
   * An add's locks in one statement: the queue row (every change to what a queue holds takes it
   * first, so two people adding at once never get the same slot), then the post's row; with the
   * brand's zone and approval rule. Undefined when the queue or the post is not in the workspace.
   */
  async lockForAdd(db: Db, workspaceId: string, queueId: string, postId: string): Promise<LockedAdd | undefined> {
    const { rows } = await sql<
      QueueRow & {
        add_time_zone: string;
        add_approval_required: boolean;
        add_post_state: PostState;
        add_post_scheduled_at: Date | null;
        add_post_content: string;
        add_post_recurring_rule_id: string | null;
      }
    >`
      SELECT q.*,
        w.time_zone AS add_time_zone, w.approval_required AS add_approval_required,
        p.state AS add_post_state, p.scheduled_at AS add_post_scheduled_at, p.content AS add_post_content,
        p.recurring_rule_id AS add_post_recurring_rule_id
      FROM queues q
      JOIN workspaces w ON w.id = q.workspace_id
      JOIN posts p ON p.id = ${postId} AND p.workspace_id = q.workspace_id
      WHERE q.id = ${queueId} AND q.workspace_id = ${workspaceId}
      FOR UPDATE OF q, p`.execute(db);
    const row = rows[0];
    if (!row) return undefined;
    const {
      add_time_zone: timeZone,
      add_approval_required: approvalRequired,
      add_post_state: state,
      add_post_scheduled_at: scheduledAt,
      add_post_content: content,
      add_post_recurring_rule_id: recurringRuleId,
      ...queue
    } = row;
    return {
      queue,
      timeZone,
      approvalRequired,
      post: { id: postId, state, scheduled_at: scheduledAt, content, recurring_rule_id: recurringRuleId },
    };
  },

  /**
   * What an add decides with, read in one statement once its locks are held (so it sees every add
   * committed before): the queue's weekly slots, the instants (ms) its posts hold after `after`,
   * and the post's channel variants (to validate it for its networks).
   */
  async readForAdd(db: Db, queueId: string, postId: string, after: Date): Promise<AddReading> {
    const { rows } = await sql<{ slots: WeeklySlot[]; taken: Array<number | string>; publications: AddReading['publications'] }>`
      SELECT
        (SELECT coalesce(json_agg(json_build_object('weekday', weekday, 'minute', minute)), '[]')
          FROM queue_slots WHERE queue_id = ${queueId}) AS slots,
        (SELECT coalesce(json_agg(floor(extract(epoch FROM scheduled_at) * 1000)), '[]')
          FROM posts WHERE queue_id = ${queueId} AND state IN ('scheduled', 'publishing', 'published') AND scheduled_at > ${after}) AS taken,
        (SELECT coalesce(json_agg(json_build_object('channelId', channel_id, 'text', text, 'media', media, 'thread', thread,
            'options', options)), '[]')
          FROM publications WHERE post_id = ${postId}) AS publications`.execute(db);
    const row = rows[0];
    return { slots: row.slots, taken: new Set(row.taken.map(Number)), publications: row.publications };
  },

  /**
   * Schedules a locked post in its queue's slot, in one statement: its waiting publications get the
   * due time, the post the state, time and queue.
   */
  async scheduleInSlot(db: Db, postId: string, queueId: string, at: Date, now: Date): Promise<void> {
    await sql`
      WITH publications_due AS (
        UPDATE publications SET state = 'scheduled', due_at = ${at}, claimed_by = NULL, lease_until = NULL,
          error_code = NULL, error_message = NULL, updated_at = ${now}
        WHERE post_id = ${postId} AND state IN ('pending', 'scheduled', 'failed')
        RETURNING id
      )
      UPDATE posts SET state = 'scheduled', scheduled_at = ${at}, queue_id = ${queueId}, updated_at = ${now}
      WHERE id = ${postId}`.execute(db);
  },

  /**
   * Everything a quick add decides on, read in one statement without locks (queue_add_in_slot checks
   * under its locks that none of it changed: `fingerprint`). Undefined when the queue or the post is
   * not in the workspace.
   */
  async readForQuickAdd(db: Db, workspaceId: string, queueId: string, postId: string, after: Date): Promise<QuickAddReading | undefined> {
    const { rows } = await sql<Omit<QuickAddReading, 'taken'> & { taken: Array<number | string> }>`
      SELECT q.paused, q.name, w.time_zone AS "timeZone", w.approval_required AS "approvalRequired",
        p.state AS "postState", p.content AS "postContent", p.recurring_rule_id AS "recurringRuleId",
        (SELECT coalesce(json_agg(json_build_object('weekday', weekday, 'minute', minute)), '[]')
          FROM queue_slots WHERE queue_id = q.id) AS slots,
        (SELECT coalesce(json_agg(floor(extract(epoch FROM scheduled_at) * 1000)), '[]')
          FROM posts WHERE queue_id = q.id AND state IN ('scheduled', 'publishing', 'published') AND scheduled_at > ${after}) AS taken,
        (SELECT coalesce(json_agg(json_build_object('channelId', pub.channel_id, 'text', pub.text, 'media', pub.media,
            'thread', pub.thread, 'options', pub.options) ORDER BY pub.id), '[]')
          FROM publications pub WHERE pub.post_id = p.id) AS publications,
        (SELECT coalesce(json_agg(json_build_object('id', c.id, 'network', c.network, 'settings', c.settings, 'status', c.status)), '[]')
          FROM channels c WHERE c.workspace_id = q.workspace_id AND c.id IN (SELECT channel_id FROM publications WHERE post_id = p.id)) AS channels,
        queue_add_fingerprint(q.id, p.id) AS fingerprint
      FROM queues q
      JOIN workspaces w ON w.id = q.workspace_id
      JOIN posts p ON p.id = ${postId} AND p.workspace_id = q.workspace_id
      WHERE q.id = ${queueId} AND q.workspace_id = ${workspaceId}`.execute(db);
    const row = rows[0];
    return row && { ...row, taken: new Set(row.taken.map(Number)) };
  },

  /**
   * The add itself, one statement (queue_add_in_slot, migration 1140): locks the queue and the post,
   * checks `fingerprint`, takes the first of `candidates` no post of the queue holds, schedules the
   * post there and writes `events` (their data.scheduledAt set to the slot). 'stale' or 'exhausted'
   * changed nothing.
   */
  async addInSlot(
    db: Db,
    add: {
      workspaceId: string;
      queueId: string;
      postId: string;
      fingerprint: string;
      candidates: Date[];
      now: Date;
      events: ReadonlyArray<{
        workspaceId: string;
        actorUserId: string;
        type: string;
        subjectType: string;
        subjectId: string;
        data: object;
      }>;
    },
  ): Promise<{ outcome: 'added'; slot: Date; eventIds: string[] } | { outcome: 'stale' | 'exhausted' }> {
    const { rows } = await sql<{ outcome: 'added' | 'stale' | 'exhausted'; slot: Date | null; event_ids: Array<string | number> | null }>`
      SELECT outcome, slot, event_ids FROM queue_add_in_slot(${add.workspaceId}::uuid, ${add.queueId}::uuid, ${add.postId}::uuid,
        ${add.fingerprint}, ${add.candidates.map((at) => at.toISOString())}::timestamptz[], ${add.now}::timestamptz,
        ${JSON.stringify(add.events)}::jsonb)`.execute(db);
    const row = rows[0];
    if (row.outcome !== 'added') return { outcome: row.outcome };
    return { outcome: 'added', slot: new Date(row.slot as Date), eventIds: (row.event_ids ?? []).map(String) };
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
  async takenInstants(db: Db, queueId: string, after: Date, states: PostState[] = HOLDS_SLOT): Promise<Set<number>> {
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
