import type { Db } from '../../../db/database.ts';

/** Objective alerts (off track / back on track). */
export const alertsRepository = {
  /** The newest 200 alerts of a workspace. */
  list(db: Db, workspaceId: string) {
    return db
      .selectFrom('analytics_alerts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at', 'desc')
      .limit(200)
      .execute();
  },

  /** Marks an alert acknowledged; its id, or undefined when the workspace has no such alert. */
  acknowledge(db: Db, workspaceId: string, alertId: string, now: Date) {
    return db
      .updateTable('analytics_alerts')
      .set({ acknowledged_at: now })
      .where('id', '=', alertId)
      .where('workspace_id', '=', workspaceId)
      .returning('id')
      .executeTakeFirst();
  },

  insert(db: Db, values: { workspace_id: string; objective_id: string; kind: string; message: string; data: string; created_at: Date }) {
    return db.insertInto('analytics_alerts').values(values).execute();
  },
};
