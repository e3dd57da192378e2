import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';

/** Metric collection errors (shown in the collection page). */
export const collectionErrorsRepository = {
  /** The newest 100 errors of a workspace, with the post, channel name and network they concern. */
  list(db: Db, workspaceId: string) {
    return db
      .selectFrom('metric_collection_errors as e')
      .leftJoin('publications as p', 'p.id', 'e.publication_id')
      .leftJoin('channels as c', (join) => join.on(sql<boolean>`c.id = coalesce(e.channel_id, p.channel_id)`))
      .selectAll('e')
      .select(['p.post_id', 'c.name as channel_name', sql<string | null>`coalesce(p.network, c.network)`.as('network')])
      .where('e.workspace_id', '=', workspaceId)
      .orderBy('e.id', 'desc')
      .limit(100)
      .execute();
  },

  /** Records one error (message cut to 1,000 characters). */
  record(
    db: Db,
    values: { workspaceId: string; channelId: string | null; publicationId: string | null; code: string; message: string; now: Date },
  ) {
    return db
      .insertInto('metric_collection_errors')
      .values({
        workspace_id: values.workspaceId,
        channel_id: values.channelId,
        publication_id: values.publicationId,
        code: values.code,
        message: values.message.slice(0, 1000),
        created_at: values.now,
      })
      .execute();
  },
};

/** A schedule row claimed by a collector (leased). */
export interface ClaimedScheduleRow {
  publication_id: string;
  workspace_id: string;
  channel_id: string;
  published_at: Date;
  next_step: number;
  attempts: number;
}

/** The metric collector's queries: the snapshot schedule (the queue itself), follower counts, publications to snapshot. */
export const collectionRepository = {
  /**
   * Puts publications published since `since` on the snapshot schedule, the first snapshot due
   * `firstDelayMs` after publishing (step 0, an early take of the 1 h step); how many were new.
   */
  async scheduleNewPublications(db: Db, since: Date, firstDelayMs: number): Promise<number> {
    const result = await sql<{ publication_id: string }>`
    INSERT INTO metric_schedule (publication_id, workspace_id, channel_id, published_at, next_step, next_due_at)
    SELECT p.id, p.workspace_id, p.channel_id, p.published_at, 0, p.published_at + ${firstDelayMs} * interval '1 millisecond'
    FROM publications p
    WHERE p.state = 'published' AND p.published_at >= ${since}
    ON CONFLICT (publication_id) DO NOTHING
    RETURNING publication_id`.execute(db);
    return result.rows.length;
  },

  /**
   * Active channels without a follower count for today (the day in their brand's zone, computed in SQL
   * per workspace), each with that day as `local_day`; at most 200.
   */
  channelsWithoutFollowersToday(db: Db, now: Date, workspaceId?: string) {
    const today = sql<string>`to_char((${now}::timestamptz AT TIME ZONE w.time_zone)::date, 'YYYY-MM-DD')`;
    let query = db
      .selectFrom('channels as c')
      .innerJoin('workspaces as w', 'w.id', 'c.workspace_id')
      .selectAll('c')
      .select(today.as('local_day'))
      .where('c.status', '=', 'active')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('channel_follower_snapshots as f')
              .select('f.day')
              .whereRef('f.channel_id', '=', 'c.id')
              .where(sql<boolean>`f.day = (${now}::timestamptz AT TIME ZONE w.time_zone)::date`),
          ),
        ),
      );
    if (workspaceId) query = query.where('c.workspace_id', '=', workspaceId);
    return query.limit(200).execute();
  },

  /** Stores (or replaces) a channel's follower count for a day. */
  saveFollowers(db: Db, values: { channelId: string; workspaceId: string; day: string; followers: number; capturedAt: Date }) {
    return db
      .insertInto('channel_follower_snapshots')
      .values({
        channel_id: values.channelId,
        workspace_id: values.workspaceId,
        day: values.day,
        followers: values.followers,
        captured_at: values.capturedAt,
      })
      .onConflict((oc) => oc.columns(['channel_id', 'day']).doUpdateSet({ followers: values.followers, captured_at: values.capturedAt }))
      .execute();
  },

  /** Claims up to `limit` due schedule rows (skipping ones other workers hold) and leases them until `leaseUntil`. */
  async claimDue(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedScheduleRow[]> {
    const result = await sql<ClaimedScheduleRow>`
    UPDATE metric_schedule s SET next_due_at = ${leaseUntil}
    WHERE s.publication_id IN (
      SELECT publication_id FROM metric_schedule
      WHERE next_due_at IS NOT NULL AND next_due_at <= ${now}
      ORDER BY next_due_at LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING s.publication_id, s.workspace_id, s.channel_id, s.published_at, s.next_step, s.attempts`.execute(db);
    return result.rows.map((row) => ({ ...row, published_at: new Date(row.published_at) }));
  },

  /** Moves a schedule row: its next step, when it is due, attempts and the last error. */
  reschedule(
    db: Db,
    publicationId: string,
    changes: { next_step?: number; next_due_at: Date | null; attempts?: number; last_error?: string; last_error_at?: Date },
  ) {
    return db.updateTable('metric_schedule').set(changes).where('publication_id', '=', publicationId).execute();
  },

  async publicationRemoteId(db: Db, publicationId: string): Promise<string | null> {
    return (await db.selectFrom('publications').select(['remote_id']).where('id', '=', publicationId).executeTakeFirstOrThrow()).remote_id;
  },

  async publicationChannelId(db: Db, publicationId: string): Promise<string> {
    return (await db.selectFrom('publications').select('channel_id').where('id', '=', publicationId).executeTakeFirstOrThrow()).channel_id;
  },

  channel(db: Db, channelId: string) {
    return db.selectFrom('channels').selectAll().where('id', '=', channelId).executeTakeFirstOrThrow();
  },

  /**
   * Published publications without any metrics yet (at most 500), published in [from, to) when a
   * range is given or among `publicationIds`, with their schedule row's due time (`scheduled` false:
   * the collector has not seen them yet).
   */
  awaitingFirstMetrics(db: Db, workspaceId: string, filter: { from: Date; to: Date } | { publicationIds: string[] }) {
    let query = db
      .selectFrom('publications as p')
      .leftJoin('publication_metrics as m', 'm.publication_id', 'p.id')
      .leftJoin('metric_schedule as s', 's.publication_id', 'p.id')
      .select(['p.id', 'p.published_at', 's.next_due_at', sql<boolean>`s.publication_id IS NOT NULL`.as('scheduled')])
      .where('p.workspace_id', '=', workspaceId)
      .where('p.state', '=', 'published')
      .where('m.publication_id', 'is', null);
    if ('publicationIds' in filter) {
      if (!filter.publicationIds.length) return Promise.resolve([]);
      query = query.where('p.id', 'in', filter.publicationIds);
    } else query = query.where('p.published_at', '>=', filter.from).where('p.published_at', '<', filter.to);
    return query.orderBy('p.published_at').limit(500).execute();
  },

  /** The workspace's published publications, oldest first. */
  async publishedIds(db: Db, workspaceId: string): Promise<string[]> {
    return (
      await db
        .selectFrom('publications')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('state', '=', 'published')
        .orderBy('published_at')
        .execute()
    ).map((r) => r.id);
  },
};
