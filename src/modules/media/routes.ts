import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { member, objectParams, workspaceParams, type ApiModule } from '../../server/api.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, badRequest, notFound } from '../../lib/errors.ts';
import { binary, instant } from '../../server/schemas.ts';
import { mediaRepository } from './repository.ts';
import { verifyMediaToken } from './signed-urls.ts';
import { sendStored } from './serve.ts';
import { storeMedia } from './commands.ts';
import { appendChunk, createUpload, MAX_CHUNK_BYTES, presentUpload } from './uploads.ts';
import { VIDEO_MIME_TYPES } from './video.ts';
import { IMAGE_FORMATS } from './image.ts';

const mediaSchema = z.object({
  id: z.string().uuid(),
  mimeType: z.string(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  sha256: z.string(),
  kind: z.enum(['image', 'video']),
  durationSeconds: z.number().nullable(),
  codec: z.string().nullable(),
});

type MediaRow = NonNullable<Awaited<ReturnType<typeof mediaRepository.findById>>>;

/** A media row as the API shows it. */
function presentMedia(row: MediaRow) {
  return {
    id: row.id,
    mimeType: row.mime_type,
    size: row.size_bytes,
    width: row.width,
    height: row.height,
    sha256: row.sha256,
    kind: row.kind === 'video' ? ('video' as const) : ('image' as const),
    durationSeconds: row.duration_seconds === null ? null : Number(row.duration_seconds),
    codec: row.codec,
  };
}

const uploadSchema = z.object({
  id: z.string().uuid(),
  offset: z.number().int(),
  size: z.number().int(),
  expiresAt: instant,
  mediaId: z.string().uuid().nullable(),
  media: mediaSchema.nullable(),
});

const uploadParams = objectParams('uploadId');
const ACCEPTED_UPLOAD_TYPES = [...Object.values(IMAGE_FORMATS), ...VIDEO_MIME_TYPES] as unknown as [string, ...string[]];

/** The bytes of a chunk: streamed by the handler, never buffered by the parser. */
const CHUNK_CONTENT_TYPE = 'application/offset+octet-stream';

/** Uploads (content-addressed, deduplicated per workspace) and serving of media. */
export const mediaRoutes: ApiModule = async (app, ctx) => {
  app.addContentTypeParser(CHUNK_CONTENT_TYPE, (_request, _payload, done) => done(null));

  app.post(
    '/workspaces/:workspaceId/media',
    {
      config: { access: 'post.write' },
      schema: {
        tags: ['media'],
        summary: 'Upload an image or a short video (multipart field "file", up to 20 MB; larger files: resumable uploads)',
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
      const row = await storeMedia(ctx, { workspaceId, actorUserId: user.id, bytes, name: file.filename });
      return reply.status(201).send(presentMedia(row));
    },
  );

  app.post(
    '/workspaces/:workspaceId/media/uploads',
    {
      config: { access: 'post.write' },
      schema: {
        tags: ['media'],
        summary: 'Start a resumable upload (then PATCH its chunks with Upload-Offset; GET it to resume)',
        params: workspaceParams,
        body: z.object({
          fileName: z.string().min(1).max(255),
          mimeType: z.enum(ACCEPTED_UPLOAD_TYPES),
          size: z.number().int().min(1),
        }),
        response: { 201: uploadSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const row = await createUpload(ctx, { workspaceId, userId: user.id, ...request.body });
      return reply
        .status(201)
        .header('upload-offset', '0')
        .send({ ...presentUpload(row), media: null });
    },
  );

  app.get(
    '/workspaces/:workspaceId/media/uploads/:uploadId',
    {
      config: { access: 'post.write' },
      schema: {
        tags: ['media'],
        summary: 'How much of an upload arrived (resume from `offset`)',
        params: uploadParams,
        response: { 200: uploadSchema },
      },
    },
    async (request, reply) => {
      const { workspaceId } = member(request);
      const row = await mediaRepository.findUpload(ctx.database.db, workspaceId, request.params.uploadId);
      if (!row) throw notFound('Upload');
      const media = row.media_id ? await mediaRepository.findById(ctx.database.db, workspaceId, row.media_id) : undefined;
      return reply
        .header('upload-offset', String(row.received_bytes))
        .header('cache-control', 'no-store')
        .send({ ...presentUpload(row), media: media ? presentMedia(media) : null });
    },
  );

  app.patch(
    '/workspaces/:workspaceId/media/uploads/:uploadId',
    {
      config: { access: 'post.write' },
      bodyLimit: MAX_CHUNK_BYTES,
      schema: {
        tags: ['media'],
        summary: `Send the next chunk (body: up to ${MAX_CHUNK_BYTES / 1024 / 1024} MB as ${CHUNK_CONTENT_TYPE}; header Upload-Offset)`,
        params: uploadParams,
        headers: z.object({ 'upload-offset': z.coerce.number().int().min(0) }),
        consumes: [CHUNK_CONTENT_TYPE],
        response: { 200: uploadSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      if (!request.headers['content-type']?.startsWith(CHUNK_CONTENT_TYPE))
        throw new AppError(415, 'unsupported_content_type', `Send the chunk as ${CHUNK_CONTENT_TYPE}`);
      const { upload, media } = await appendChunk(ctx, {
        workspaceId,
        userId: user.id,
        uploadId: request.params.uploadId,
        offset: request.headers['upload-offset'],
        body: request.raw,
      });
      return reply
        .header('upload-offset', String(upload.received_bytes))
        .send({ ...presentUpload(upload), media: media ? presentMedia(media) : null });
    },
  );

  app.get(
    '/workspaces/:workspaceId/media/:mediaId',
    {
      config: { access: 'read' },
      schema: {
        tags: ['media'],
        summary: 'The file bytes (streamed; a Range header asks for part of it)',
        params: objectParams('mediaId'),
        produces: ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'video/mp4', 'video/quicktime'],
        response: { 200: binary('The file'), 206: binary('The asked byte range of the file') },
      },
    },
    async (request, reply) => {
      const row = await mediaRepository.findById(ctx.database.db, request.params.workspaceId, request.params.mediaId);
      if (!row) throw notFound('Media');
      const sent = await sendStored(
        reply,
        ctx.media,
        { sha256: row.sha256, mimeType: row.mime_type },
        request.headers.range,
        'private, max-age=31536000, immutable',
      );
      if (!sent) throw notFound('Media file');
      return sent;
    },
  );
};

/**
 * `GET /media/signed/<token>`: a media file for a network that fetches media by URL, without a
 * session, while the token's signature holds and it has not expired (see signed-urls.ts).
 */
export async function signedMediaRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/media/signed/:token', { schema: { hide: true } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const mediaId = verifyMediaToken(ctx.secrets, token, ctx.clock.now());
    if (!mediaId || !/^[0-9a-f-]{36}$/i.test(mediaId))
      throw new AppError(404, 'media_link_invalid', 'This media link is not valid or has expired');
    const row = await mediaRepository.findAnyById(ctx.database.db, mediaId);
    const sent = row
      ? await sendStored(reply, ctx.media, { sha256: row.sha256, mimeType: row.mime_type }, request.headers.range, 'private, max-age=3600')
      : null;
    if (!sent) throw new AppError(404, 'media_link_invalid', 'This media link is not valid or has expired');
    return sent;
  });
}
