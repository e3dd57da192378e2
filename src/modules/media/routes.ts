import { z } from 'zod';
import type { ApiModule } from '../../server/modules.ts';
import { requireRole } from '../../server/auth.ts';
import { AppError, badRequest, notFound } from '../../lib/errors.ts';
import { recordEvent } from '../events/events.ts';
import { workspaceParams } from '../workspaces/routes.ts';
import { IMAGE_FORMATS, signatureFormat, verifyImage } from './image.ts';

/** Image types Plaza accepts, recognised by their first bytes rather than the file name (a first look only: uploads are decoded by `verifyImage`). */
export function sniffImageType(bytes: Uint8Array): string | null {
  const format = signatureFormat(bytes);
  return format ? IMAGE_FORMATS[format] : null;
}

/** Uploads (content-addressed, deduplicated per workspace) and serving of media. */
export const mediaRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;

  app.post('/workspaces/:workspaceId/media', { schema: { tags: ['media'], summary: 'Upload an image (multipart field "file")', params: workspaceParams, consumes: ['multipart/form-data'] } }, async (request, reply) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'post.write');
    if (!request.isMultipart()) throw new AppError(415, 'unsupported_media_type', 'Send the image as multipart/form-data in a field named "file"');
    const file = await request.file();
    if (!file) throw badRequest('No file in the upload');
    const bytes = new Uint8Array(await file.toBuffer());
    if (file.file.truncated) throw new AppError(413, 'too_large', 'The file is larger than 20 MB');
    // Decoded in full within the limits before anything is stored; the decoder's type and size are kept.
    const image = await verifyImage(bytes);
    const mime = image.mimeType;
    const { width, height } = image;
    const stored = await ctx.media.put(bytes);
    const row = await db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('media').selectAll().where('workspace_id', '=', request.params.workspaceId).where('sha256', '=', stored.sha256).executeTakeFirst();
      if (existing) return existing;
      const inserted = await trx
        .insertInto('media')
        .values({ workspace_id: request.params.workspaceId, sha256: stored.sha256, mime_type: mime, size_bytes: stored.size, width, height })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordEvent(trx, { workspaceId: request.params.workspaceId, actorUserId: user.id, type: 'media.uploaded', subjectType: 'media', subjectId: inserted.id, data: { mime, size: stored.size } });
      return inserted;
    });
    return reply.status(201).send({ id: row.id, mimeType: row.mime_type, size: row.size_bytes, width: row.width, height: row.height, sha256: row.sha256 });
  });

  app.get(
    '/workspaces/:workspaceId/media/:mediaId',
    { schema: { tags: ['media'], summary: 'The image bytes', params: workspaceParams.extend({ mediaId: z.string().uuid() }) } },
    async (request, reply) => {
      await requireRole(ctx, request, request.params.workspaceId, 'read');
      const row = await db.selectFrom('media').selectAll().where('id', '=', request.params.mediaId).where('workspace_id', '=', request.params.workspaceId).executeTakeFirst();
      if (!row) throw notFound('Media');
      const bytes = await ctx.media.get(row.sha256);
      if (!bytes) throw notFound('Media file');
      return reply.header('content-type', row.mime_type).header('cache-control', 'private, max-age=31536000, immutable').header('x-content-type-options', 'nosniff').send(Buffer.from(bytes));
    },
  );
};
