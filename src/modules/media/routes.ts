import { z } from 'zod';
import { member, objectParams, workspaceParams, type ApiModule } from '../../server/api.ts';
import { AppError, badRequest, notFound } from '../../lib/errors.ts';
import { binary } from '../../server/schemas.ts';
import { uploadImage } from './commands.ts';
import { mediaRepository } from './repository.ts';

const mediaSchema = z.object({
  id: z.string().uuid(),
  mimeType: z.string(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  sha256: z.string(),
});

/** Uploads (content-addressed, deduplicated per workspace) and serving of media. */
export const mediaRoutes: ApiModule = async (app, ctx) => {
  app.post(
    '/workspaces/:workspaceId/media',
    {
      config: { access: 'post.write' },
      schema: {
        tags: ['media'],
        summary: 'Upload an image (multipart field "file")',
        params: workspaceParams,
        consumes: ['multipart/form-data'],
        response: { 201: mediaSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      if (!request.isMultipart())
        throw new AppError(415, 'unsupported_media_type', 'Send the image as multipart/form-data in a field named "file"');
      const file = await request.file();
      if (!file) throw badRequest('no_file', 'No file in the upload');
      const bytes = new Uint8Array(await file.toBuffer());
      if (file.file.truncated) throw new AppError(413, 'too_large', 'The file is larger than 20 MB');
      const row = await uploadImage(ctx, { workspaceId, actorUserId: user.id, bytes });
      return reply
        .status(201)
        .send({ id: row.id, mimeType: row.mime_type, size: row.size_bytes, width: row.width, height: row.height, sha256: row.sha256 });
    },
  );

  app.get(
    '/workspaces/:workspaceId/media/:mediaId',
    {
      config: { access: 'read' },
      schema: {
        tags: ['media'],
        summary: 'The image bytes',
        params: objectParams('mediaId'),
        produces: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
        response: { 200: binary('The image') },
      },
    },
    async (request, reply) => {
      const row = await mediaRepository.findById(ctx.database.db, request.params.workspaceId, request.params.mediaId);
      if (!row) throw notFound('Media');
      const bytes = await ctx.media.get(row.sha256);
      if (!bytes) throw notFound('Media file');
      return reply
        .header('content-type', row.mime_type)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(bytes));
    },
  );
};
