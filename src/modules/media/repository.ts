import type { Db } from '../../db/database.ts';

/** The media table: the only code that reads or writes it. */
export const mediaRepository = {
  /** One workspace's copy of a stored file, by content hash. */
  findBySha256(db: Db, workspaceId: string, sha256: string) {
    return db.selectFrom('media').selectAll().where('workspace_id', '=', workspaceId).where('sha256', '=', sha256).executeTakeFirst();
  },

  /** One media item of a workspace, or undefined. */
  findById(db: Db, workspaceId: string, mediaId: string) {
    return db.selectFrom('media').selectAll().where('id', '=', mediaId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  },

  insert(db: Db, values: { workspaceId: string; sha256: string; mimeType: string; sizeBytes: number; width: number; height: number }) {
    return db
      .insertInto('media')
      .values({
        workspace_id: values.workspaceId,
        sha256: values.sha256,
        mime_type: values.mimeType,
        size_bytes: values.sizeBytes,
        width: values.width,
        height: values.height,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },
};
