import { sql, type Selectable } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { ListeningSourcesTable } from '../../../db/schema.ts';
import type { SourceCursor } from '../sources/types.ts';

export type SourceRow = Selectable<ListeningSourcesTable>;

/** Listening sources as the API and the ingest see them (the listener's leases are in worker.ts). */
export const sourceRepository = {
  /** A workspace's sources, oldest first. */
  list(db: Db, workspaceId: string) {
    return db.selectFrom('listening_sources').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
  },

  /** One source of a workspace, or undefined. */
  find(db: Db, workspaceId: string, sourceId: string) {
    return db
      .selectFrom('listening_sources')
      .selectAll()
      .where('id', '=', sourceId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
  },

  insert(db: Db, values: { workspaceId: string; kind: string; name: string; config: Record<string, unknown> }) {
    return db
      .insertInto('listening_sources')
      .values({ workspace_id: values.workspaceId, kind: values.kind, name: values.name, config: JSON.stringify(values.config) })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /**
   * Renames, pauses or resumes a source, or stores new settings. `resetCursor` (a new target) clears
   * its position, lag, error and next poll, and sets an active source that stays active back to idle.
   */
  update(
    db: Db,
    current: Pick<SourceRow, 'id' | 'active'>,
    changes: { name?: string; active?: boolean; config?: Record<string, unknown>; resetCursor: boolean; updatedAt: Date },
  ) {
    return db
      .updateTable('listening_sources')
      .set({
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.active !== undefined && { active: changes.active, status: changes.active ? 'idle' : 'paused' }),
        ...(changes.config !== undefined && { config: JSON.stringify(changes.config) }),
        // A cursor is a position in one stream (a firehose sequence, a feed's ETag, a status id):
        // kept across a new target it would skip or replay the wrong items, so the source starts fresh.
        ...(changes.resetCursor && {
          cursor: null,
          lag_ms: null,
          last_error: null,
          last_error_code: null,
          next_poll_at: null,
          ...(current.active && changes.active !== false && { status: 'idle' }),
        }),
        updated_at: changes.updatedAt,
      })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async delete(db: Db, sourceId: string): Promise<void> {
    await db.deleteFrom('listening_sources').where('id', '=', sourceId).execute();
  },

  /**
   * After a stored batch: the source's cursor (only while its config is still `sourceConfig`, when
   * given), items ingested, newest item, lag, and a running status.
   */
  async recordBatch(
    db: Db,
    sourceId: string,
    batch: {
      cursor?: SourceCursor;
      sourceConfig?: Record<string, unknown>;
      stored: number;
      newest: Date | null;
      lagMs?: number | null;
      now: Date;
    },
  ): Promise<void> {
    await db
      .updateTable('listening_sources')
      .set((eb) => ({
        ...(batch.cursor !== undefined && {
          cursor:
            batch.sourceConfig === undefined
              ? JSON.stringify(batch.cursor)
              : sql<string>`case when config = ${JSON.stringify(batch.sourceConfig)}::jsonb then ${JSON.stringify(batch.cursor)}::jsonb else cursor end`,
        }),
        items_ingested: eb('items_ingested', '+', batch.stored),
        ...(batch.newest && { last_item_at: batch.newest }),
        ...(batch.lagMs !== undefined && { lag_ms: batch.lagMs === null ? null : Math.max(0, Math.round(batch.lagMs)) }),
        last_run_at: batch.now,
        status: 'running',
        last_error: null,
        last_error_code: null,
        updated_at: batch.now,
      }))
      .where('id', '=', sourceId)
      .execute();
  },

  // ----- the listener's leases and progress (worker.ts) ---------------------------------------

  /** Claims (or renews) for `owner` until `leaseUntil` the active sources of these kinds that are free, expired, or already its own. */
  claim(db: Db, owner: string, kinds: string[], now: Date, leaseUntil: Date) {
    return db
      .updateTable('listening_sources')
      .set({ lease_owner: owner, lease_until: leaseUntil })
      .where('active', '=', true)
      .where('kind', 'in', kinds)
      .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_until', '<', now), eb('lease_owner', '=', owner)]))
      .returning(['id', 'workspace_id', 'kind', 'config', 'cursor', 'updated_at'])
      .execute();
  },

  /** The source's stored cursor (null when it has none or is gone). */
  async cursorOf(db: Db, sourceId: string) {
    const row = await db.selectFrom('listening_sources').select(['cursor']).where('id', '=', sourceId).executeTakeFirst();
    return row?.cursor ?? null;
  },

  /** After a stored batch: the queue depth, the batch's error (raw text and code) if any, and when to poll next. */
  async recordProgress(
    db: Db,
    sourceId: string,
    progress: { queueDepth: number; error?: string; errorCode?: string; nextPollAt?: Date },
  ): Promise<void> {
    await db
      .updateTable('listening_sources')
      .set({
        queue_depth: progress.queueDepth,
        ...(progress.error && {
          status: 'error',
          last_error: progress.error.slice(0, 500),
          last_error_code: (progress.errorCode ?? 'unexpected').slice(0, 100),
        }),
        ...(progress.nextPollAt && { next_poll_at: progress.nextPollAt }),
      })
      .where('id', '=', sourceId)
      .execute();
  },

  /** Marks a source as stopped by an error: its code, and the raw message cut to 500 characters. */
  async recordError(db: Db, sourceId: string, message: string, code: string): Promise<void> {
    await db
      .updateTable('listening_sources')
      .set({ status: 'error', last_error: message.slice(0, 500), last_error_code: code.slice(0, 100) })
      .where('id', '=', sourceId)
      .execute();
  },

  /** Gives up every lease `owner` holds. */
  async releaseLeases(db: Db, owner: string): Promise<void> {
    await db.updateTable('listening_sources').set({ lease_owner: null, lease_until: null }).where('lease_owner', '=', owner).execute();
  },
};
