import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { Range } from '../rules.ts';
import { matchesQuery } from './scope.ts';

/**
 * Which mentions a dashboard panel counts: the workspace's stored mentions published in
 * [from, to), optionally only those matching one query. Every panel that counts mentions (total,
 * sentiment split, volume's total line, sources, authors, terms) starts from this one definition,
 * so their numbers agree. Duplicates never reach it: the pipeline drops them before storing.
 */
export interface MentionScope extends Range {
  queryId?: string;
}

/** The mentions of a scope, as a query to select and group from (alias `m`). */
function mentionsIn(db: Db, workspaceId: string, scope: MentionScope) {
  const query = db
    .selectFrom('listening_mentions as m')
    .where('m.workspace_id', '=', workspaceId)
    .where('m.published_at', '>=', scope.from)
    .where('m.published_at', '<', scope.to);
  return scope.queryId ? query.where(matchesQuery(scope.queryId)) : query;
}

/** Sums and samples over stored mentions for the listening analysis (analysis.ts does the rest). */
export const analysisRepository = {
  /** Mentions of the scope in buckets of an hour or a day, truncated in `timeZone` (the volume chart's total line). */
  totalBuckets(db: Db, workspaceId: string, scope: MentionScope, interval: 'hour' | 'day', timeZone: string) {
    return mentionsIn(db, workspaceId, scope)
      .select([sql<Date>`date_trunc(${interval}, m.published_at, ${timeZone})`.as('bucket'), sql<number>`count(*)::int`.as('count')])
      .groupBy(sql`1`)
      .orderBy(sql`1`)
      .execute();
  },

  /** Mentions of the scope per source (CSV imports and removed sources have none) and network. */
  sourceCounts(db: Db, workspaceId: string, scope: MentionScope) {
    return mentionsIn(db, workspaceId, scope)
      .leftJoin('listening_sources as s', 's.id', 'm.source_id')
      .select(['m.source_id', 's.name', 's.kind', 'm.network', sql<number>`count(*)::int`.as('count')])
      .groupBy(['m.source_id', 's.name', 's.kind', 'm.network'])
      .orderBy('count', 'desc')
      .execute();
  },

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

  /** Mentions of the scope per effective sentiment label (null when none was read). */
  sentimentCounts(db: Db, workspaceId: string, scope: MentionScope) {
    return mentionsIn(db, workspaceId, scope)
      .select(['m.sentiment', sql<number>`count(*)::int`.as('count')])
      .groupBy('m.sentiment')
      .execute();
  },

  /** Authors with the most mentions in the scope, with their largest known reach. */
  topAuthors(db: Db, workspaceId: string, scope: MentionScope, limit: number) {
    return mentionsIn(db, workspaceId, scope)
      .select([
        'm.author_handle',
        'm.network',
        sql<number>`count(*)::int`.as('mentions'),
        sql<number | null>`max(m.author_reach)`.as('reach'),
        sql<string | null>`max(m.author_name)`.as('name'),
      ])
      .where('m.author_handle', '!=', '')
      .groupBy(['m.author_handle', 'm.network'])
      .orderBy('mentions', 'desc')
      .orderBy('reach', (ob) => ob.desc().nullsLast())
      .limit(limit)
      .execute();
  },

  /** Texts of the newest mentions of the scope (at most `sample`). */
  async newestTexts(db: Db, workspaceId: string, scope: MentionScope, sample: number): Promise<string[]> {
    const rows = await mentionsIn(db, workspaceId, scope).select('m.text').orderBy('m.published_at', 'desc').limit(sample).execute();
    return rows.map((r) => r.text);
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
