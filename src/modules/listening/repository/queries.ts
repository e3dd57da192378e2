import type { Selectable } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { ListeningQueriesTable, ListeningQueryKind } from '../../../db/schema.ts';

export type QueryRow = Selectable<ListeningQueriesTable>;

/** Saved listening queries: the only code that reads or writes `listening_queries`. */
export const queryRepository = {
  /** A workspace's saved queries, oldest first. */
  list(db: Db, workspaceId: string) {
    return db.selectFrom('listening_queries').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
  },

  /** One saved query of a workspace, or undefined. */
  find(db: Db, workspaceId: string, queryId: string) {
    return db
      .selectFrom('listening_queries')
      .selectAll()
      .where('id', '=', queryId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
  },

  /** The workspace's active queries, to compile into its matcher. */
  active(db: Db, workspaceId: string) {
    return db
      .selectFrom('listening_queries')
      .select(['id', 'query'])
      .where('workspace_id', '=', workspaceId)
      .where('active', '=', true)
      .execute();
  },

  /** The workspace's brand queries (reputation alerts are measured on them). */
  brand(db: Db, workspaceId: string) {
    return db
      .selectFrom('listening_queries')
      .select(['id', 'name'])
      .where('workspace_id', '=', workspaceId)
      .where('kind', '=', 'brand')
      .execute();
  },

  /** Each query of the workspace with what a volume series shows of it, oldest first. */
  forSeries(db: Db, workspaceId: string) {
    return db
      .selectFrom('listening_queries')
      .select(['id', 'name', 'kind', 'competitor_name'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at')
      .execute();
  },

  /** Query id → name for a workspace's queries. */
  async namesOf(db: Db, workspaceId: string): Promise<Map<string, string>> {
    const rows = await db.selectFrom('listening_queries').select(['id', 'name']).where('workspace_id', '=', workspaceId).execute();
    return new Map(rows.map((q) => [q.id, q.name]));
  },

  /** Query id → name for the given ids. */
  async namesByIds(db: Db, queryIds: string[]): Promise<Map<string, string>> {
    if (queryIds.length === 0) return new Map();
    const rows = await db.selectFrom('listening_queries').select(['id', 'name']).where('id', 'in', queryIds).execute();
    return new Map(rows.map((q) => [q.id, q.name]));
  },

  /** Workspaces that have at least one saved query (the ones reputation alerts check). */
  async workspacesWithQueries(db: Db): Promise<string[]> {
    const rows = await db.selectFrom('listening_queries').select('workspace_id').distinct().execute();
    return rows.map((r) => r.workspace_id);
  },

  insert(
    db: Db,
    values: {
      workspaceId: string;
      name: string;
      query: string;
      kind: ListeningQueryKind;
      competitorName: string | null;
      active: boolean;
      createdBy: string;
    },
  ) {
    return db
      .insertInto('listening_queries')
      .values({
        workspace_id: values.workspaceId,
        name: values.name,
        query: values.query,
        kind: values.kind,
        competitor_name: values.competitorName,
        active: values.active,
        created_by: values.createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  update(
    db: Db,
    queryId: string,
    changes: { name?: string; query?: string; active?: boolean; kind: ListeningQueryKind; competitorName: string | null; updatedAt: Date },
  ) {
    return db
      .updateTable('listening_queries')
      .set({
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.query !== undefined && { query: changes.query }),
        ...(changes.active !== undefined && { active: changes.active }),
        kind: changes.kind,
        competitor_name: changes.competitorName,
        updated_at: changes.updatedAt,
      })
      .where('id', '=', queryId)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async delete(db: Db, queryId: string): Promise<void> {
    await db.deleteFrom('listening_queries').where('id', '=', queryId).execute();
  },
};
