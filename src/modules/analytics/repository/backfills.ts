import type { Db } from '../../../db/database.ts';

/** The metric_backfills table: one row per "collect all metrics now" run, written so every process can report it. */
export const backfillsRepository = {
  /** Closes running backfills not touched since `staleBefore` (their process died) as failed with `error`. */
  closeStale(db: Db, workspaceId: string, staleBefore: Date, now: Date, error: string) {
    return db
      .updateTable('metric_backfills')
      .set({ state: 'failed', error, finished_at: now, updated_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('state', '=', 'running')
      .where('updated_at', '<', staleBefore)
      .execute();
  },

  /** Inserts a running backfill unless one already runs in the workspace (partial unique index): then undefined. */
  insertRunning(db: Db, workspaceId: string, startedBy: string, now: Date) {
    return db
      .insertInto('metric_backfills')
      .values({ workspace_id: workspaceId, started_by: startedBy, state: 'running', started_at: now, updated_at: now })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
  },

  findRunning(db: Db, workspaceId: string) {
    return db
      .selectFrom('metric_backfills')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('state', '=', 'running')
      .executeTakeFirst();
  },

  /** Writes progress while the row is still running. */
  saveProgress(db: Db, id: string, progress: { total: number; done: number; failed: number }, now: Date) {
    return db
      .updateTable('metric_backfills')
      .set({ total: progress.total, done: progress.done, failed: progress.failed, updated_at: now })
      .where('id', '=', id)
      .where('state', '=', 'running')
      .execute();
  },

  /** Writes the outcome. */
  finish(
    db: Db,
    id: string,
    outcome: { state: 'done' | 'failed'; error: string | null; total: number; done: number; failed: number },
    now: Date,
  ) {
    return db
      .updateTable('metric_backfills')
      .set({ ...outcome, finished_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
  },

  find(db: Db, workspaceId: string, id: string) {
    return db.selectFrom('metric_backfills').selectAll().where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
  },

  /** Recent backfills, newest first. */
  list(db: Db, workspaceId: string, limit: number) {
    return db
      .selectFrom('metric_backfills')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('started_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
  },
};
