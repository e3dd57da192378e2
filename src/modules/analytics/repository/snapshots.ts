import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import { savesAndViews, type PostMetrics } from '../../../networks/types.ts';
import { localDay } from '../../../lib/brand-days.ts';
import { sqlLocalDate } from '../../../db/sql-fragments.ts';

/** Snapshot offsets after published_at: 1 h, 6 h, 24 h, 3 d, 7 d, 30 d. */
export const SNAPSHOT_OFFSETS_MS = [3_600_000, 6 * 3_600_000, 24 * 3_600_000, 3 * 86_400_000, 7 * 86_400_000, 30 * 86_400_000] as const;
/**
 * A publication's first snapshot is taken this long after it is published (then the usual
 * 1 h, 6 h, … steps), so analytics shows real numbers minutes after a post goes out instead
 * of zeros for an hour. It counts as an early take of step 0: the 1 h snapshot still follows.
 */
export const FIRST_METRICS_DELAY_MS = 5 * 60_000;
/** Index of the 24 h snapshot: its engagements feed the best-time grid. */
export const FIRST_DAY_STEP = 2;
/** Dimension key standing for "none" in the daily rollup's primary key. */
export const NO_KEY = '00000000-0000-0000-0000-000000000000';

/** The publication a snapshot belongs to, with the post's strategy links. */
export interface SnapshotTarget {
  publicationId: string;
  workspaceId: string;
  postId: string;
  channelId: string;
  network: string;
  publishedAt: Date;
  campaignId: string | null;
  objectiveId: string | null;
  segmentId: string | null;
  pillarId: string | null;
  hasMedia: boolean;
}

const COUNTS = ['likes', 'replies', 'reposts', 'quotes', 'impressions', 'reach', 'clicks'] as const;
type CountName = (typeof COUNTS)[number];

/** Loads the snapshot target of a publication (null if it is not published). */
export async function loadSnapshotTarget(db: Db, publicationId: string): Promise<SnapshotTarget | null> {
  const row = await db
    .selectFrom('publications as p')
    .innerJoin('posts as o', 'o.id', 'p.post_id')
    .select([
      'p.id',
      'p.workspace_id',
      'p.post_id',
      'p.channel_id',
      'p.network',
      'p.published_at',
      'p.media',
      'o.campaign_id',
      'o.objective_id',
      'o.segment_id',
      'o.pillar_id',
    ])
    .where('p.id', '=', publicationId)
    .where('p.state', '=', 'published')
    .executeTakeFirst();
  if (!row?.published_at) return null;
  return {
    publicationId: row.id,
    workspaceId: row.workspace_id,
    postId: row.post_id,
    channelId: row.channel_id,
    network: row.network,
    publishedAt: row.published_at,
    campaignId: row.campaign_id,
    objectiveId: row.objective_id,
    segmentId: row.segment_id,
    pillarId: row.pillar_id,
    hasMedia: Array.isArray(row.media) && row.media.length > 0,
  };
}

/** Followers of a channel on the latest brand-zone day at or before `at` (or the earliest known after it). */
export async function followersNear(db: Db, channelId: string, at: Date, timeZone: string): Promise<number | null> {
  const day = localDay(at, timeZone);
  const before = await db
    .selectFrom('channel_follower_snapshots')
    .select('followers')
    .where('channel_id', '=', channelId)
    .where('day', '<=', day)
    .orderBy('day', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (before) return before.followers;
  const after = await db
    .selectFrom('channel_follower_snapshots')
    .select('followers')
    .where('channel_id', '=', channelId)
    .orderBy('day')
    .limit(1)
    .executeTakeFirst();
  return after?.followers ?? null;
}

/**
 * Stores one snapshot and, in the same transaction, keeps the newest counts per
 * publication and the daily rollup (by publish day) up to date, so dashboards
 * never scan the snapshots.
 */
export async function recordSnapshot(
  db: Db,
  target: SnapshotTarget,
  metrics: PostMetrics,
  capturedAt: Date,
  step: number | null,
): Promise<void> {
  const extra = savesAndViews(metrics.networkMetrics);
  await db
    .insertInto('post_metric_snapshots')
    .values({
      workspace_id: target.workspaceId,
      publication_id: target.publicationId,
      channel_id: target.channelId,
      captured_at: capturedAt,
      step,
      likes: metrics.likes,
      replies: metrics.replies,
      reposts: metrics.reposts,
      quotes: metrics.quotes,
      impressions: metrics.impressions,
      reach: metrics.reach,
      clicks: metrics.clicks,
      ...extra,
      missing: JSON.stringify(metrics.missing ?? {}),
    })
    .execute();

  const previous = await db
    .selectFrom('publication_metrics')
    .selectAll()
    .where('publication_id', '=', target.publicationId)
    .executeTakeFirst();
  // A later snapshot never lowers the newest counts (a late retry of an early step).
  if (previous && previous.captured_at > capturedAt) return;
  const timeZone = await rollupZoneForWrite(db, target.workspaceId);
  const followersAtPost = previous?.followers_at_post ?? (await followersNear(db, target.channelId, target.publishedAt, timeZone));
  const engagements = (metrics.likes ?? 0) + (metrics.replies ?? 0) + (metrics.reposts ?? 0) + (metrics.quotes ?? 0);
  const withinFirstDay = capturedAt.getTime() - target.publishedAt.getTime() <= 25 * 3_600_000;
  const engagements24h = step === FIRST_DAY_STEP || (withinFirstDay && step === null) ? engagements : (previous?.engagements_24h ?? null);

  const values = {
    workspace_id: target.workspaceId,
    post_id: target.postId,
    channel_id: target.channelId,
    network: target.network,
    campaign_id: previous ? previous.campaign_id : target.campaignId,
    objective_id: previous ? previous.objective_id : target.objectiveId,
    segment_id: target.segmentId,
    pillar_id: target.pillarId,
    has_media: target.hasMedia,
    published_at: target.publishedAt,
    followers_at_post: followersAtPost,
    captured_at: capturedAt,
    likes: metrics.likes,
    replies: metrics.replies,
    reposts: metrics.reposts,
    quotes: metrics.quotes,
    impressions: metrics.impressions,
    reach: metrics.reach,
    clicks: metrics.clicks,
    ...extra,
    engagements_24h: engagements24h,
    missing: JSON.stringify(metrics.missing ?? {}),
  };
  if (previous) await db.updateTable('publication_metrics').set(values).where('publication_id', '=', target.publicationId).execute();
  else
    await db
      .insertInto('publication_metrics')
      .values({ publication_id: target.publicationId, ...values })
      .execute();

  const delta = (name: CountName) => (metrics[name] ?? 0) - ((previous?.[name] as number | null | undefined) ?? 0);
  const became = (name: CountName) => (metrics[name] !== null && (previous?.[name] ?? null) === null ? 1 : 0);
  const row = {
    workspace_id: target.workspaceId,
    // The publish day in the brand's zone (the zone the rollup is built in).
    day: sqlLocalDate(target.publishedAt, timeZone),
    channel_id: target.channelId,
    campaign_key: values.campaign_id ?? NO_KEY,
    objective_key: values.objective_id ?? NO_KEY,
    posts: previous ? 0 : 1,
    likes: delta('likes'),
    replies: delta('replies'),
    reposts: delta('reposts'),
    quotes: delta('quotes'),
    impressions: delta('impressions'),
    impressions_posts: became('impressions'),
    reach: delta('reach'),
    reach_posts: became('reach'),
    clicks: delta('clicks'),
    clicks_posts: became('clicks'),
    followers_at_post: previous ? 0 : (followersAtPost ?? 0),
  };
  await db
    .insertInto('metric_daily')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'day', 'channel_id', 'campaign_key', 'objective_key']).doUpdateSet({
        posts: sql`metric_daily.posts + excluded.posts`,
        likes: sql`metric_daily.likes + excluded.likes`,
        replies: sql`metric_daily.replies + excluded.replies`,
        reposts: sql`metric_daily.reposts + excluded.reposts`,
        quotes: sql`metric_daily.quotes + excluded.quotes`,
        impressions: sql`metric_daily.impressions + excluded.impressions`,
        impressions_posts: sql`metric_daily.impressions_posts + excluded.impressions_posts`,
        reach: sql`metric_daily.reach + excluded.reach`,
        reach_posts: sql`metric_daily.reach_posts + excluded.reach_posts`,
        clicks: sql`metric_daily.clicks + excluded.clicks`,
        clicks_posts: sql`metric_daily.clicks_posts + excluded.clicks_posts`,
        followers_at_post: sql`metric_daily.followers_at_post + excluded.followers_at_post`,
      }),
    )
    .execute();
}

/**
 * The zone a workspace's daily rollup is kept in, for a writer inside a
 * transaction. Records the workspace's zone when the rollup has none yet, and
 * holds a share lock so a concurrent rebuild into a new zone waits for (or
 * follows) this write instead of mixing days of two zones.
 */
export async function rollupZoneForWrite(db: Db, workspaceId: string): Promise<string> {
  await sql`INSERT INTO metric_rollup_zones (workspace_id, time_zone) SELECT id, time_zone FROM workspaces WHERE id = ${workspaceId} ON CONFLICT (workspace_id) DO NOTHING`.execute(
    db,
  );
  const row = await sql<{
    time_zone: string;
  }>`SELECT time_zone FROM metric_rollup_zones WHERE workspace_id = ${workspaceId} FOR SHARE`.execute(db);
  return row.rows[0]?.time_zone ?? 'UTC';
}

/**
 * The workspace's time zone, with its daily rollup guaranteed to be in that
 * zone: when the workspace's zone changed since the rollup was built, the
 * rollup is rebuilt once (under a row lock, so concurrent readers rebuild once).
 * Costs one indexed lookup when nothing changed.
 */
export async function ensureRollupZone(db: Db, workspaceId: string): Promise<string> {
  const found = await sql<{ zone: string; rollup_zone: string | null }>`
    SELECT w.time_zone AS zone, z.time_zone AS rollup_zone FROM workspaces w LEFT JOIN metric_rollup_zones z ON z.workspace_id = w.id WHERE w.id = ${workspaceId}`.execute(
    db,
  );
  const row = found.rows[0];
  if (!row) return 'UTC';
  // No marker yet means no snapshot was rolled up since the zone-aware rollup: nothing to re-day.
  if (row.rollup_zone === null || row.rollup_zone === row.zone) return row.zone;
  const rebuild = async (trx: Db) => {
    const locked = await sql<{
      time_zone: string;
    }>`SELECT time_zone FROM metric_rollup_zones WHERE workspace_id = ${workspaceId} FOR UPDATE`.execute(trx);
    if (locked.rows[0]?.time_zone !== row.zone) await rebuildDailyRollup(trx, workspaceId);
  };
  if (db.isTransaction) await rebuild(db);
  else await db.transaction().execute(rebuild);
  return row.zone;
}

/**
 * Rebuilds a workspace's daily rollup from the newest counts, by publish day in
 * the workspace's current time zone, e.g. after posts moved to another campaign
 * or the brand changed its zone. Runs inside the caller's transaction.
 */
export async function rebuildDailyRollup(db: Db, workspaceId: string): Promise<void> {
  await sql`INSERT INTO metric_rollup_zones (workspace_id, time_zone) SELECT id, time_zone FROM workspaces WHERE id = ${workspaceId}
    ON CONFLICT (workspace_id) DO UPDATE SET time_zone = excluded.time_zone`.execute(db);
  await db.deleteFrom('metric_daily').where('workspace_id', '=', workspaceId).execute();
  await sql`
    INSERT INTO metric_daily (workspace_id, day, channel_id, campaign_key, objective_key, posts, likes, replies, reposts, quotes,
      impressions, impressions_posts, reach, reach_posts, clicks, clicks_posts, followers_at_post)
    SELECT m.workspace_id, (m.published_at AT TIME ZONE w.time_zone)::date, m.channel_id,
      COALESCE(o.campaign_id, ${NO_KEY}::uuid), COALESCE(o.objective_id, ${NO_KEY}::uuid),
      count(*), COALESCE(sum(m.likes),0), COALESCE(sum(m.replies),0), COALESCE(sum(m.reposts),0), COALESCE(sum(m.quotes),0),
      COALESCE(sum(m.impressions),0), count(m.impressions), COALESCE(sum(m.reach),0), count(m.reach), COALESCE(sum(m.clicks),0), count(m.clicks),
      COALESCE(sum(m.followers_at_post),0)
    FROM publication_metrics m JOIN posts o ON o.id = m.post_id JOIN workspaces w ON w.id = m.workspace_id
    WHERE m.workspace_id = ${workspaceId}
    GROUP BY 1, 2, 3, 4, 5`.execute(db);
  await sql`UPDATE publication_metrics m SET campaign_id = o.campaign_id, objective_id = o.objective_id, segment_id = o.segment_id, pillar_id = o.pillar_id
    FROM posts o WHERE o.id = m.post_id AND m.workspace_id = ${workspaceId}`.execute(db);
}
