import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { ListeningMentionMatchesTable, ListeningMentionsTable } from '../../../db/schema.ts';
import type { Cursor } from '../../../lib/pagination.ts';
import { exactInstant, olderThanCursor } from '../../../db/sql-fragments.ts';
import type { MentionFilters } from '../schemas.ts';
import { matchesQuery } from './scope.ts';

export type MentionRow = Selectable<ListeningMentionsTable>;

/** Stored mentions, their query matches and sentiment corrections. */
export const mentionRepository = {
  /**
   * One page of the workspace's mentions that pass the filters (the stream and the export share it),
   * newest first, after `after`; each row carries its exact sort instant as `cursor_at`.
   */
  page(db: Db, workspaceId: string, f: MentionFilters, after: Cursor | null, limit: number) {
    let query = db
      .selectFrom('listening_mentions as m')
      .selectAll('m')
      .select(exactInstant('m.published_at').as('cursor_at'))
      .where('m.workspace_id', '=', workspaceId);
    if (f.from) query = query.where('m.published_at', '>=', new Date(f.from));
    if (f.to) query = query.where('m.published_at', '<', new Date(f.to));
    if (f.sentiment) query = query.where('m.sentiment', '=', f.sentiment);
    if (f.lang) query = query.where('m.lang', '=', f.lang);
    if (f.network) query = query.where('m.network', '=', f.network);
    if (f.q) query = query.where('m.text', 'ilike', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (f.queryId) query = query.where(matchesQuery(f.queryId));
    if (after) query = query.where(olderThanCursor('m.published_at', 'm.id', after));
    return query.orderBy('m.published_at', 'desc').orderBy('m.id', 'desc').limit(limit).execute();
  },

  /** The newest `scan` mentions published in the range (the query tester runs over them). */
  newestInRange(db: Db, workspaceId: string, range: { from: Date; to: Date }, scan: number) {
    return db
      .selectFrom('listening_mentions')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('published_at', '>=', range.from)
      .where('published_at', '<', range.to)
      .orderBy('published_at', 'desc')
      .limit(scan)
      .execute();
  },

  /** One mention of a workspace, or undefined. */
  find(db: Db, workspaceId: string, mentionId: string) {
    return db
      .selectFrom('listening_mentions')
      .selectAll()
      .where('id', '=', mentionId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
  },

  /** Text, link and author of the given mentions (examples in an alert e-mail). */
  examples(db: Db, mentionIds: string[]) {
    if (mentionIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('listening_mentions').select(['text', 'url', 'author_handle']).where('id', 'in', mentionIds).execute();
  },

  /** Query ids matched by each mention. */
  async matchesOf(db: Db, mentionIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (!mentionIds.length) return map;
    const rows = await db
      .selectFrom('listening_mention_matches')
      .select(['mention_id', 'query_id'])
      .where('mention_id', 'in', mentionIds)
      .execute();
    for (const row of rows) map.set(row.mention_id, [...(map.get(row.mention_id) ?? []), row.query_id]);
    return map;
  },

  /** A mention's sentiment corrections with who made them, newest first. */
  corrections(db: Db, mentionId: string) {
    return db
      .selectFrom('listening_sentiment_corrections as c')
      .leftJoin('users as u', 'u.id', 'c.user_id')
      .select(['c.id', 'c.from_label', 'c.to_label', 'c.created_at', 'u.name as userName'])
      .where('c.mention_id', '=', mentionId)
      .orderBy('c.created_at', 'desc')
      .execute();
  },

  /** Stores a user's correction and makes its label the mention's effective sentiment. */
  async correctSentiment(db: Db, mention: Pick<MentionRow, 'id' | 'workspace_id' | 'sentiment'>, userId: string, label: string) {
    await db
      .insertInto('listening_sentiment_corrections')
      .values({
        workspace_id: mention.workspace_id,
        mention_id: mention.id,
        user_id: userId,
        from_label: mention.sentiment,
        to_label: label,
      })
      .execute();
    return db
      .updateTable('listening_mentions')
      .set({ sentiment: label })
      .where('id', '=', mention.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** Inserts mentions; one already stored (same workspace, source key and remote id) is skipped. Returns the new rows. */
  insertNew(db: Db, rows: Array<Insertable<ListeningMentionsTable>>) {
    return db
      .insertInto('listening_mentions')
      .values(rows)
      .onConflict((oc) => oc.columns(['workspace_id', 'source_key', 'remote_id']).doNothing())
      .returning(['id', 'remote_id', 'published_at'])
      .execute();
  },

  /** Inserts query matches (skipping any already stored), in statements under Postgres' parameter limit. */
  async insertMatches(db: Db, rows: Array<Insertable<ListeningMentionMatchesTable>>): Promise<void> {
    // Postgres allows 65,535 parameters per statement: 4 per match row.
    for (let m = 0; m < rows.length; m += 10_000)
      await db
        .insertInto('listening_mention_matches')
        .values(rows.slice(m, m + 10_000))
        .onConflict((oc) => oc.doNothing())
        .execute();
  },
};
