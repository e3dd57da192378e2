import type { Db } from '../../../db/database.ts';

/** The objects a dashboard or report can be scoped to. */
export type ScopeTable = 'channels' | 'campaigns' | 'objectives' | 'posts';

/** True when the object exists in the workspace. */
export async function existsInWorkspace(db: Db, table: ScopeTable, workspaceId: string, id: string): Promise<boolean> {
  return Boolean(await db.selectFrom(table).select('id').where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst());
}

/** The workspace's objective ids by deadline. */
export async function objectiveIdsByDeadline(db: Db, workspaceId: string): Promise<string[]> {
  return (await db.selectFrom('objectives').select('id').where('workspace_id', '=', workspaceId).orderBy('deadline').execute()).map(
    (o) => o.id,
  );
}
