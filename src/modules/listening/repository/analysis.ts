import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { Range } from '../rules.ts';

/** Sums and samples over stored mentions for the listening analysis (analysis.ts does the rest). */
export const analysisRepository = {
  /** Matches per query in buckets of an hour or a day, truncated in `timeZone`. */
  async volumeBuckets(db: Db, workspaceId: string, range: Range, interval: 'hour' | 'day', timeZone: string) {
    const rows = await sql<{ query_id: string; bucket: Date; count: number }>`
      SELECT query_id, date_trunc(${interval}, published_at, ${timeZone}) AS bucket, count(*)::int AS count
      FROM listening_mention_matches
      WHERE workspace_id = ${workspaceId} AND published_at >= ${range.from} AND published_at < ${range.to}
      GROUP BY 1, 2 ORDER BY 2`.execute(db);
    return rows.rows;
  },

  /** Distinct mentions of the brand ('' label) and of each competitor (by its name) in range. */
  async brandAndCompetitorCounts(db: Db, workspaceId: string, range: Range) {
    const rows = await sql<{ label: string; kind: string; count: number }>`
      SELECT CASE WHEN q.kind = 'brand' THEN '' ELSE coalesce(q.competitor_name, q.name) END AS label, q.kind, count(DISTINCT m.mention_id)::int AS count
      FROM listening_mention_matches m JOIN listening_queries q ON q.id = m.query_id
      WHERE m.workspace_id = ${workspaceId} AND q.kind IN ('brand', 'competitor') AND m.published_at >= ${range.from} AND m.published_at < ${range.to}
      GROUP BY 1, 2`.execute(db);
    return rows.rows;
  },

  /** Mentions in range per effective sentiment label, optionally only those matching one query. */
  sentimentCounts(db: Db, workspaceId: string, range: Range, queryId?: string) {
    let query = db
      .selectFrom('listening_mentions as m')
      .select(['m.sentiment', sql<number>`count(*)::int`.as('count')])
      .where('m.workspace_id', '=', workspaceId)
      .where('m.published_at', '>=', range.from)
      .where('m.published_at', '<', range.to)
      .groupBy('m.sentiment');
    if (queryId)
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('listening_mention_matches as x')
            .select('x.query_id')
            .whereRef('x.mention_id', '=', 'm.id')
            .where('x.query_id', '=', queryId),
        ),
      );
    return query.execute();
  },

  /** Authors with the most mentions in range, with their largest known reach. */
  topAuthors(db: Db, workspaceId: string, range: Range, limit: number) {
    return db
      .selectFrom('listening_mentions')
      .select([
        'author_handle',
        'network',
        sql<number>`count(*)::int`.as('mentions'),
        sql<number | null>`max(author_reach)`.as('reach'),
        sql<string | null>`max(author_name)`.as('name'),
      ])
      .where('workspace_id', '=', workspaceId)
      .where('published_at', '>=', range.from)
      .where('published_at', '<', range.to)
      .where('author_handle', '!=', '')
      .groupBy(['author_handle', 'network'])
      .orderBy('mentions', 'desc')
      .orderBy('reach', (ob) => ob.desc().nullsLast())
      .limit(limit)
      .execute();
  },

  /** Texts of the newest mentions in range (at most `sample`), optionally only those matching one query. */
  async newestTexts(db: Db, workspaceId: string, range: Range, sample: number, queryId?: string): Promise<string[]> {
    let query = db
      .selectFrom('listening_mentions as m')
      .select('m.text')
      .where('m.workspace_id', '=', workspaceId)
      .where('m.published_at', '>=', range.from)
      .where('m.published_at', '<', range.to)
      .orderBy('m.published_at', 'desc')
      .limit(sample);
    if (queryId)
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('listening_mention_matches as x')
            .select('x.query_id')
            .whereRef('x.mention_id', '=', 'm.id')
            .where('x.query_id', '=', queryId),
        ),
      );
    return (await query.execute()).map((r) => r.text);
  },

  /** Mentions in range, newest first (at most 30,000 rows), one row per matched query (or one unmatched). */
  mentionsWithMatches(db: Db, workspaceId: string, range: Range) {
    return db
      .selectFrom('listening_mentions as m')
      .leftJoin('listening_mention_matches as x', 'x.mention_id', 'm.id')
      .select(['m.id', 'm.text', 'm.published_at', 'x.query_id'])
      .where('m.workspace_id', '=', workspaceId)
      .where('m.published_at', '>=', range.from)
      .where('m.published_at', '<', range.to)
      .orderBy('m.published_at', 'desc')
      .limit(30_000)
      .execute();
  },
};
