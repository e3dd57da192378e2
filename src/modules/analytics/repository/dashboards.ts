import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Db } from '../../../db/database.ts';
import type { BrandDays } from '../../../lib/brand-days.ts';
import { NO_KEY } from './snapshots.ts';

/** Which posts a dashboard covers. */
export interface DashboardScope {
  channelId?: string;
  campaignId?: string;
  objectiveId?: string;
}

/** A half-open time range [from, to). */
export interface DateRange {
  from: Date;
  to: Date;
}

/** One end (top or bottom) of a period's post ranking. */
export interface RankedRow {
  publication_id: string;
  post_id: string;
  channel_id: string;
  network: string;
  published_at: Date;
  has_media: boolean;
  pillar_id: string | null;
  engagements: number;
  rate: number | null;
  end_: string;
}

/** Channels in scope: one channel, an objective's channels, or every channel of the workspace. */
export async function channelsInScope(
  db: Db,
  workspaceId: string,
  scope: DashboardScope,
): Promise<Array<{ id: string; network: string; name: string }>> {
  let query = db.selectFrom('channels').select(['id', 'network', 'name']).where('workspace_id', '=', workspaceId);
  if (scope.channelId) query = query.where('id', '=', scope.channelId);
  else if (scope.objectiveId) {
    const objective = await db.selectFrom('objectives').select('channel_ids').where('id', '=', scope.objectiveId).executeTakeFirst();
    if (objective?.channel_ids.length) query = query.where('id', 'in', objective.channel_ids);
  }
  return query.execute();
}

/** Human link clicks, unique visitors, leads, conversion value and cost of a scope over brand-zone days. */
export async function linkAndMoney(db: Db, workspaceId: string, scope: DashboardScope, range: BrandDays, campaignKeys: string[] | null) {
  let clicks = db
    .selectFrom('link_clicks as c')
    .innerJoin('tracked_links as l', 'l.id', 'c.link_id')
    .select((eb) => [eb.fn.countAll<number>().as('clicks'), eb.fn.count<number>(sql`DISTINCT c.visitor_hash`).as('unique_visitors')])
    .where('c.workspace_id', '=', workspaceId)
    .where('c.is_bot', '=', false)
    .where('c.clicked_at', '>=', range.from)
    .where('c.clicked_at', '<', range.to);
  let conversions = db
    .selectFrom('conversions')
    .select((eb) => [eb.fn.countAll<number>().as('leads'), eb.fn.sum<number>('value').as('value')])
    .where('workspace_id', '=', workspaceId)
    .where('occurred_at', '>=', range.from)
    .where('occurred_at', '<', range.to);
  let costs = db
    .selectFrom('costs')
    .select((eb) => eb.fn.sum<number>('amount').as('cost'))
    .where('workspace_id', '=', workspaceId)
    .where('incurred_on', '>=', range.firstDay)
    .where('incurred_on', '<=', range.lastDay);
  if (scope.channelId) {
    clicks = clicks.where('l.channel_id', '=', scope.channelId);
    conversions = conversions.where('channel_id', '=', scope.channelId);
    costs = costs.where('channel_id', '=', scope.channelId);
  }
  if (scope.campaignId) {
    clicks = clicks.where('l.campaign_id', '=', scope.campaignId);
    conversions = conversions.where('campaign_id', '=', scope.campaignId);
    costs = costs.where('campaign_id', '=', scope.campaignId);
  }
  if (scope.objectiveId) {
    const id = scope.objectiveId;
    const keys = campaignKeys?.length ? campaignKeys : [NO_KEY];
    clicks = clicks.where((eb) => eb.or([eb('l.objective_id', '=', id), eb('l.campaign_id', 'in', keys)]));
    conversions = conversions.where((eb) => eb.or([eb('objective_id', '=', id), eb('campaign_id', 'in', keys)]));
    costs = costs.where('campaign_id', 'in', keys);
  }
  const [c, v, k] = await Promise.all([clicks.executeTakeFirst(), conversions.executeTakeFirst(), costs.executeTakeFirst()]);
  return {
    linkClicks: Number(c?.clicks ?? 0),
    uniqueVisitors: Number(c?.unique_visitors ?? 0),
    leads: Number(v?.leads ?? 0),
    conversionValue: Number(v?.value ?? 0),
    cost: Number(k?.cost ?? 0),
  };
}

/** Campaign ids serving an objective (their posts count towards it). */
export async function campaignsOfObjective(db: Db, workspaceId: string, objectiveId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('campaigns')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('objective_id', '=', objectiveId)
    .execute();
  return rows.map((r) => r.id);
}

/** What the dashboards read: the daily rollup, follower counts, the newest counts per publication, post excerpts. */
export const dashboardsRepository = {
  /** The rollup summed by brand-zone day over [firstDay, lastDay] for a scope (an objective: its posts and its campaigns' posts). */
  dailyRollup(db: Db, workspaceId: string, scope: DashboardScope, range: BrandDays, campaignKeys: string[] | null) {
    let query = db
      .selectFrom('metric_daily')
      .select((eb) => [
        sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'),
        eb.fn.sum<number>('posts').as('posts'),
        eb.fn.sum<number>('likes').as('likes'),
        eb.fn.sum<number>('replies').as('replies'),
        eb.fn.sum<number>('reposts').as('reposts'),
        eb.fn.sum<number>('quotes').as('quotes'),
        eb.fn.sum<number>('impressions').as('impressions'),
        eb.fn.sum<number>('impressions_posts').as('impressions_posts'),
        eb.fn.sum<number>('reach').as('reach'),
        eb.fn.sum<number>('reach_posts').as('reach_posts'),
        eb.fn.sum<number>('clicks').as('clicks'),
        eb.fn.sum<number>('clicks_posts').as('clicks_posts'),
        eb.fn.sum<number>('followers_at_post').as('followers_at_post'),
      ])
      .where('workspace_id', '=', workspaceId)
      .where('day', '>=', range.firstDay)
      .where('day', '<=', range.lastDay);
    if (scope.channelId) query = query.where('channel_id', '=', scope.channelId);
    if (scope.campaignId) query = query.where('campaign_key', '=', scope.campaignId);
    if (scope.objectiveId) {
      const objectiveId = scope.objectiveId;
      query = query.where(
        (eb: ExpressionBuilder<Database, 'metric_daily'>): Expression<SqlBool> =>
          campaignKeys?.length
            ? eb.or([eb('objective_key', '=', objectiveId), eb('campaign_key', 'in', campaignKeys)])
            : eb('objective_key', '=', objectiveId),
      );
    }
    return query.groupBy('day').orderBy('day').execute();
  },

  /** Follower counts of channels per day in [fromDay, toDay]. */
  followerRows(db: Db, channelIds: string[], fromDay: string, toDay: string) {
    return (
      db
        .selectFrom('channel_follower_snapshots')
        .select(['channel_id', sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), 'followers'])
        .where('channel_id', 'in', channelIds)
        // The day before the period gives the count at its start.
        .where('day', '>=', fromDay)
        .where('day', '<=', toDay)
        .orderBy('day')
        .execute()
    );
  },

  /**
   * Top and bottom posts of a period by engagement rate by followers (engagements where followers are unknown), ranked on
   * the newest-counts table alone; `end_` says which end a row belongs to.
   */
  rankedPublications(db: Db, workspaceId: string, scope: DashboardScope, range: DateRange, limit: number) {
    let query = db
      .selectFrom('publication_metrics as m')
      .select([
        'm.publication_id',
        'm.post_id',
        'm.channel_id',
        'm.network',
        'm.published_at',
        'm.has_media',
        'm.pillar_id',
        sql<number>`(coalesce(m.likes,0)+coalesce(m.replies,0)+coalesce(m.reposts,0)+coalesce(m.quotes,0))`.as('engagements'),
        sql<
          number | null
        >`(coalesce(m.likes,0)+coalesce(m.replies,0)+coalesce(m.reposts,0)+coalesce(m.quotes,0))::float8 * 100 / nullif(m.followers_at_post,0)`.as(
          'rate',
        ),
      ])
      .where('m.workspace_id', '=', workspaceId)
      .where('m.published_at', '>=', range.from)
      .where('m.published_at', '<', range.to);
    if (scope.channelId) query = query.where('m.channel_id', '=', scope.channelId);
    if (scope.campaignId) query = query.where('m.campaign_id', '=', scope.campaignId);
    if (scope.objectiveId) query = query.where('m.objective_id', '=', scope.objectiveId);
    // One scan of the period feeds both ends of the ranking (the CTE is evaluated once).
    const ranked = db
      .with('r', () => query)
      .selectFrom('r')
      .selectAll();
    return db
      .selectFrom(
        sql<RankedRow>`((${ranked.orderBy(sql`rate DESC NULLS LAST`).orderBy(sql`engagements DESC`).limit(limit).select(sql<string>`'top'`.as('end_'))}) UNION ALL (${ranked.orderBy(sql`rate ASC NULLS LAST`).orderBy(sql`engagements ASC`).limit(limit).select(sql<string>`'bottom'`.as('end_'))}))`.as(
          'x',
        ),
      )
      .selectAll()
      .execute();
  },

  /** The first 140 characters of each post. */
  async postExcerpts(db: Db, postIds: string[]): Promise<Map<string, string>> {
    if (!postIds.length) return new Map();
    return new Map(
      (
        await db
          .selectFrom('posts')
          .select(['id', sql<string>`left(content, 140)`.as('excerpt')])
          .where('id', 'in', postIds)
          .execute()
      ).map((p) => [p.id, p.excerpt]),
    );
  },

  /** Per-channel sums of the rollup over [firstDay, lastDay]. */
  channelTotals(db: Db, workspaceId: string, range: BrandDays) {
    return db
      .selectFrom('metric_daily as d')
      .innerJoin('channels as c', 'c.id', 'd.channel_id')
      .select((eb) => [
        'd.channel_id',
        'c.name',
        'c.network',
        eb.fn.sum<number>('d.posts').as('posts'),
        sql<number>`sum(d.likes + d.replies + d.reposts + d.quotes)`.as('engagements'),
        eb.fn.sum<number>('d.reposts').as('reposts'),
        eb.fn.sum<number>('d.followers_at_post').as('followers_at_post'),
      ])
      .where('d.workspace_id', '=', workspaceId)
      .where('d.day', '>=', range.firstDay)
      .where('d.day', '<=', range.lastDay)
      .groupBy(['d.channel_id', 'c.name', 'c.network'])
      .execute();
  },
};
