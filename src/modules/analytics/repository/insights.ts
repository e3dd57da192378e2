import type { Db } from '../../../db/database.ts';

/** What best time, channel fit and objective progress read: publication_metrics, conversions, objectives. */
export const insightsRepository = {
  /** Per-post 24 h engagement and followers since `since` (at most 20,000 posts), for the best-time grid. */
  bestTimeSamples(db: Db, workspaceId: string, options: { since: Date; channelId?: string }) {
    let query = db
      .selectFrom('publication_metrics')
      .select(['published_at', 'engagements_24h', 'followers_at_post'])
      .where('workspace_id', '=', workspaceId)
      .where('published_at', '>=', options.since)
      .where('engagements_24h', 'is not', null)
      .where('followers_at_post', '>', 0);
    if (options.channelId) query = query.where('channel_id', '=', options.channelId);
    return query.limit(20_000).execute();
  },

  /** Posts and summed counts per network since `since`, optionally for an objective's or segment's posts. */
  networkTotals(db: Db, workspaceId: string, options: { since: Date; objectiveId?: string; segmentId?: string }) {
    let query = db
      .selectFrom('publication_metrics')
      .select((eb) => [
        'network',
        eb.fn.countAll<number>().as('posts'),
        eb.fn.sum<number>('likes').as('likes'),
        eb.fn.sum<number>('replies').as('replies'),
        eb.fn.sum<number>('reposts').as('reposts'),
        eb.fn.sum<number>('quotes').as('quotes'),
        eb.fn.sum<number>('followers_at_post').as('followers'),
      ])
      .where('workspace_id', '=', workspaceId)
      .where('published_at', '>=', options.since);
    if (options.objectiveId) query = query.where('objective_id', '=', options.objectiveId);
    if (options.segmentId) query = query.where('segment_id', '=', options.segmentId);
    return query.groupBy('network').execute();
  },

  /** Leads and value per network (through the conversion's channel) since `since`. */
  networkConversions(db: Db, workspaceId: string, options: { since: Date; objectiveId?: string }) {
    let query = db
      .selectFrom('conversions as v')
      .innerJoin('channels as c', 'c.id', 'v.channel_id')
      .select((eb) => ['c.network', eb.fn.countAll<number>().as('leads'), eb.fn.sum<number>('v.value').as('value')])
      .where('v.workspace_id', '=', workspaceId)
      .where('v.occurred_at', '>=', options.since);
    if (options.objectiveId) query = query.where('v.objective_id', '=', options.objectiveId);
    return query.groupBy('c.network').execute();
  },

  async objectiveKpi(db: Db, objectiveId: string): Promise<string | null> {
    return (await db.selectFrom('objectives').select('kpi').where('id', '=', objectiveId).executeTakeFirst())?.kpi ?? null;
  },

  /** One objective of the workspace (throws when missing). */
  objective(db: Db, workspaceId: string, objectiveId: string) {
    return db
      .selectFrom('objectives')
      .selectAll()
      .where('id', '=', objectiveId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
  },

  /** Objectives running at `now` (or ended within a day), of one workspace or all. */
  runningObjectives(db: Db, now: Date, workspaceId?: string) {
    let query = db
      .selectFrom('objectives')
      .selectAll()
      .where('start_at', '<=', now)
      .where('deadline', '>=', new Date(now.getTime() - 86_400_000));
    if (workspaceId) query = query.where('workspace_id', '=', workspaceId);
    return query.execute();
  },

  setObjectiveStatus(db: Db, objectiveId: string, status: string) {
    return db.updateTable('objectives').set({ status }).where('id', '=', objectiveId).execute();
  },

  /** Counts of posts with and without media in [from, to). */
  formatTotals(db: Db, workspaceId: string, range: { from: Date; to: Date }) {
    return db
      .selectFrom('publication_metrics')
      .select((eb) => [
        'has_media',
        eb.fn.countAll<number>().as('posts'),
        eb.fn.sum<number>(eb.fn.coalesce('likes', eb.lit(0))).as('likes'),
        eb.fn.sum<number>(eb.fn.coalesce('replies', eb.lit(0))).as('replies'),
        eb.fn.sum<number>(eb.fn.coalesce('reposts', eb.lit(0))).as('reposts'),
        eb.fn.sum<number>(eb.fn.coalesce('quotes', eb.lit(0))).as('quotes'),
        eb.fn.sum<number>('followers_at_post').as('followers'),
      ])
      .where('workspace_id', '=', workspaceId)
      .where('published_at', '>=', range.from)
      .where('published_at', '<', range.to)
      .groupBy('has_media')
      .execute();
  },

  /** Counts per content pillar in [from, to). */
  pillarTotals(db: Db, workspaceId: string, range: { from: Date; to: Date }) {
    return db
      .selectFrom('publication_metrics as m')
      .innerJoin('pillars as p', 'p.id', 'm.pillar_id')
      .select((eb) => [
        'p.name',
        eb.fn.countAll<number>().as('posts'),
        eb.fn.sum<number>(eb.fn.coalesce('m.likes', eb.lit(0))).as('likes'),
        eb.fn.sum<number>(eb.fn.coalesce('m.replies', eb.lit(0))).as('replies'),
        eb.fn.sum<number>(eb.fn.coalesce('m.reposts', eb.lit(0))).as('reposts'),
        eb.fn.sum<number>('m.followers_at_post').as('followers'),
      ])
      .where('m.workspace_id', '=', workspaceId)
      .where('m.published_at', '>=', range.from)
      .where('m.published_at', '<', range.to)
      .groupBy('p.name')
      .execute();
  },
};
