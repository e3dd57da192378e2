import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';

/** What the post dashboard reads: a post's publications, their snapshots and newest counts, tracked links and conversions. */
export const postMetricsRepository = {
  publicationsOfPost(db: Db, postId: string) {
    return db
      .selectFrom('publications')
      .select(['id', 'channel_id', 'network', 'published_at', 'remote_url', 'state'])
      .where('post_id', '=', postId)
      .execute();
  },

  /** A publication's snapshots over time (at most 500), with its newest counts. */
  async publicationMetrics(db: Db, publicationId: string) {
    const [snapshots, latest] = await Promise.all([
      db
        .selectFrom('post_metric_snapshots')
        .select(['captured_at', 'step', 'likes', 'replies', 'reposts', 'quotes', 'impressions', 'reach', 'clicks', 'saves', 'views'])
        .where('publication_id', '=', publicationId)
        .orderBy('captured_at')
        .limit(500)
        .execute(),
      db.selectFrom('publication_metrics').selectAll().where('publication_id', '=', publicationId).executeTakeFirst(),
    ]);
    return { snapshots, latest };
  },

  /** Human clicks on the post's links for one channel (or links without a channel). */
  async humanClicksOfPost(db: Db, postId: string, channelId: string): Promise<number> {
    const row = await db
      .selectFrom('link_clicks as c')
      .innerJoin('tracked_links as l', 'l.id', 'c.link_id')
      .select(sql<number>`count(*)`.as('n'))
      .where('l.post_id', '=', postId)
      .where((eb) => eb.or([eb('l.channel_id', '=', channelId), eb('l.channel_id', 'is', null)]))
      .where('c.is_bot', '=', false)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  },

  /** Count and value of the post's conversions. */
  async conversionsOfPost(db: Db, postId: string): Promise<{ count: number; value: number }> {
    const row = await db
      .selectFrom('conversions')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('value').as('value')])
      .where('post_id', '=', postId)
      .executeTakeFirst();
    return { count: Number(row?.n ?? 0), value: Number(row?.value ?? 0) };
  },

  async postContent(db: Db, postId: string): Promise<string> {
    return (await db.selectFrom('posts').select('content').where('id', '=', postId).executeTakeFirstOrThrow()).content;
  },

  /** The post's tracked links (at most 200) with human clicks, unique visitors, conversions and their value. */
  postLinks(db: Db, workspaceId: string, postId: string) {
    return db
      .selectFrom('tracked_links as l')
      .select(['l.id', 'l.code', 'l.target_url', 'l.channel_id', 'l.network'])
      .select((eb) => [
        eb
          .selectFrom('link_clicks as c')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('c.link_id', '=', 'l.id')
          .where('c.is_bot', '=', false)
          .as('clicks'),
        eb
          .selectFrom('link_clicks as c')
          .select(sql<number>`count(DISTINCT c.visitor_hash)`.as('n'))
          .whereRef('c.link_id', '=', 'l.id')
          .where('c.is_bot', '=', false)
          .as('unique_visitors'),
        eb.selectFrom('conversions as v').select(eb.fn.countAll<number>().as('n')).whereRef('v.link_id', '=', 'l.id').as('conversions'),
        eb
          .selectFrom('conversions as v')
          .select(sql<number>`coalesce(sum(v.value), 0)`.as('n'))
          .whereRef('v.link_id', '=', 'l.id')
          .as('conversion_value'),
      ])
      .where('l.workspace_id', '=', workspaceId)
      .where('l.post_id', '=', postId)
      .orderBy('l.created_at')
      .limit(200)
      .execute();
  },
};
