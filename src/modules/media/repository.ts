import type { Db } from '../../db/database.ts';

/** The media and media_uploads tables: the only code that reads or writes them. */
export const mediaRepository = {
  /** One workspace's copy of a stored file, by content hash. */
  findBySha256(db: Db, workspaceId: string, sha256: string) {
    return db.selectFrom('media').selectAll().where('workspace_id', '=', workspaceId).where('sha256', '=', sha256).executeTakeFirst();
  },

  /** One media item of a workspace, or undefined. */
  findById(db: Db, workspaceId: string, mediaId: string) {
    return db.selectFrom('media').selectAll().where('id', '=', mediaId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  },

  /** One media item by id whatever its workspace (signed links carry the id and are checked by their signature). */
  findAnyById(db: Db, mediaId: string) {
    return db.selectFrom('media').selectAll().where('id', '=', mediaId).executeTakeFirst();
  },

  insert(
    db: Db,
    values: {
      workspaceId: string;
      sha256: string;
      mimeType: string;
      sizeBytes: number;
      width: number;
      height: number;
      kind?: 'image' | 'video';
      durationSeconds?: number | null;
      codec?: string | null;
    },
  ) {
    return db
      .insertInto('media')
      .values({
        workspace_id: values.workspaceId,
        sha256: values.sha256,
        mime_type: values.mimeType,
        size_bytes: values.sizeBytes,
        width: values.width,
        height: values.height,
        kind: values.kind ?? 'image',
        duration_seconds: values.durationSeconds ?? null,
        codec: values.codec ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** Starts a resumable upload. */
  insertUpload(
    db: Db,
    values: { workspaceId: string; userId: string; fileName: string; mimeType: string; totalBytes: number; expiresAt: Date },
  ) {
    return db
      .insertInto('media_uploads')
      .values({
        workspace_id: values.workspaceId,
        user_id: values.userId,
        file_name: values.fileName,
        mime_type: values.mimeType,
        total_bytes: values.totalBytes,
        expires_at: values.expiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** One upload of a workspace, or undefined. */
  findUpload(db: Db, workspaceId: string, uploadId: string) {
    return db.selectFrom('media_uploads').selectAll().where('id', '=', uploadId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  },

  /**
   * Moves an upload's offset from `from` to `to`; false when another request moved it first
   * (the caller's chunk then landed on bytes already counted, which it re-sent identically).
   */
  async advanceUpload(db: Db, uploadId: string, from: number, to: number): Promise<boolean> {
    const result = await db
      .updateTable('media_uploads')
      .set({ received_bytes: to })
      .where('id', '=', uploadId)
      .where('received_bytes', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Marks an upload complete with the media item its bytes became. */
  async completeUpload(db: Db, uploadId: string, mediaId: string): Promise<void> {
    await db.updateTable('media_uploads').set({ media_id: mediaId }).where('id', '=', uploadId).execute();
  },

  /** Uploads that expired unfinished (their partial files can go). */
  expiredUploads(db: Db, now: Date) {
    return db.selectFrom('media_uploads').select(['id']).where('expires_at', '<', now).where('media_id', 'is', null).execute();
  },

  async deleteUploads(db: Db, ids: string[]): Promise<void> {
    if (ids.length) await db.deleteFrom('media_uploads').where('id', 'in', ids).execute();
  },
};
