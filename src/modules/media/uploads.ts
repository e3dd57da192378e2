/**
 * Resumable uploads (videos and large files), a small documented endpoint set modelled on the
 * tus 1.0 core protocol rather than a tus server library: @tus/server brings its own routing,
 * storage and Node request handling outside Fastify, so it could not declare `config.access`,
 * zod response schemas or our error codes the way every other route does. The semantics are tus's:
 *
 *   POST  /workspaces/:ws/media/uploads            { fileName, mimeType, size } → { id, offset: 0, size }
 *   PATCH /workspaces/:ws/media/uploads/:id        Upload-Offset: n, body: bytes (application/offset+octet-stream)
 *                                                  → { offset, size, media } (media once the last byte arrived)
 *   GET   /workspaces/:ws/media/uploads/:id        → { offset, size, media }: how much arrived, to resume
 *
 * A chunk is written to `<dataDir>/uploads/<id>.part` at its offset as it streams in; when the
 * connection drops mid-chunk the bytes that did arrive are kept and counted, so the client asks
 * for the offset and goes on from there. A PATCH whose Upload-Offset is not the server's answers
 * 409 `upload_offset_mismatch` with the server's offset. The last byte turns the file into a
 * media item (probed, content-addressed, deduplicated) without being read into memory when it is
 * a video: probed by streaming and moved into the media store (commands.ts `storeMediaFile`).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppContext } from '../../server/context.ts';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import { maxUploadBytes, storeMediaFile } from './commands.ts';
import { mediaRepository } from './repository.ts';

/** How long an unfinished upload may wait for its next chunk. */
export const UPLOAD_TTL_MS = 24 * 60 * 60_000;
/** Largest chunk one PATCH may carry. */
export const MAX_CHUNK_BYTES = 16 * 1024 * 1024;

/** Where an upload's bytes wait until complete. */
function partPath(ctx: AppContext, uploadId: string): string {
  return path.join(ctx.config.dataDir, 'uploads', `${uploadId}.part`);
}

/** An upload as the API shows it. */
export function presentUpload(row: { id: string; total_bytes: number; received_bytes: number; expires_at: Date; media_id: string | null }) {
  return {
    id: row.id,
    offset: Number(row.received_bytes),
    size: Number(row.total_bytes),
    expiresAt: row.expires_at,
    mediaId: row.media_id,
  };
}

/** Starts a resumable upload of `size` bytes; refuses sizes over the configured limit (413 `upload_too_large`). */
export async function createUpload(
  ctx: AppContext,
  input: { workspaceId: string; userId: string; fileName: string; mimeType: string; size: number },
) {
  const max = maxUploadBytes(ctx);
  if (input.size > max)
    throw new AppError(413, 'upload_too_large', `The file is larger than ${ctx.config.maxUploadMb} MB`, { maxMb: ctx.config.maxUploadMb });
  const row = await mediaRepository.insertUpload(ctx.database.db, {
    workspaceId: input.workspaceId,
    userId: input.userId,
    fileName: input.fileName,
    mimeType: input.mimeType,
    totalBytes: input.size,
    expiresAt: new Date(ctx.clock.now() + UPLOAD_TTL_MS),
  });
  await fsp.mkdir(path.dirname(partPath(ctx, row.id)), { recursive: true });
  await fsp.writeFile(partPath(ctx, row.id), new Uint8Array(0));
  return row;
}

/** An upload of the workspace that can still take bytes, or the right 4xx. */
async function openUpload(ctx: AppContext, workspaceId: string, uploadId: string) {
  const row = await mediaRepository.findUpload(ctx.database.db, workspaceId, uploadId);
  if (!row) throw notFound('Upload');
  if (row.media_id) throw conflict('upload_already_complete', 'This upload is already complete', presentUpload(row));
  if (row.expires_at.getTime() < ctx.clock.now()) throw new AppError(410, 'upload_expired', 'This upload has expired; start again');
  return row;
}

/** Counts the bytes going through and stops at `limit` (a chunk may not run past the declared size). */
function byteLimit(limit: number): Transform & { seen: number } {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      counter.seen += chunk.length;
      if (counter.seen > limit) done(badRequest('body_too_large', 'The chunk runs past the upload’s declared size'));
      else done(null, chunk);
    },
  }) as Transform & { seen: number };
  counter.seen = 0;
  return counter;
}

/**
 * Writes one chunk at `offset` as it streams in. Returns the upload after the chunk, and the
 * media item when this chunk completed the file. A dropped connection keeps what arrived.
 */
export async function appendChunk(
  ctx: AppContext,
  input: { workspaceId: string; userId: string; uploadId: string; offset: number; body: Readable },
) {
  const row = await openUpload(ctx, input.workspaceId, input.uploadId);
  const received = Number(row.received_bytes);
  const total = Number(row.total_bytes);
  if (input.offset !== received) {
    input.body.resume();
    throw conflict('upload_offset_mismatch', `The upload is at byte ${received}, not ${input.offset}`, { offset: received });
  }
  const file = partPath(ctx, row.id);
  // Bytes past the counted offset (a chunk whose count was never saved) are written over.
  await fsp.truncate(file, received).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    await fsp.writeFile(file, new Uint8Array(0));
  });
  const counter = byteLimit(Math.min(MAX_CHUNK_BYTES, total - received));
  const sink = fs.createWriteStream(file, { flags: 'r+', start: received });
  let failure: unknown = null;
  try {
    await pipeline(input.body, counter, sink);
  } catch (error) {
    failure = error;
  }
  const written = sink.bytesWritten;
  const offset = received + written;
  if (written > 0 && !(await mediaRepository.advanceUpload(ctx.database.db, row.id, received, offset)))
    throw conflict('upload_offset_mismatch', 'Another request moved this upload on', { offset });
  if (failure) {
    if (failure instanceof AppError) throw failure;
    // The client went away mid-chunk: what arrived is kept; it asks for the offset and resumes.
    return { upload: { ...row, received_bytes: offset }, media: null };
  }
  if (offset < total) return { upload: { ...row, received_bytes: offset }, media: null };
  // The file becomes the media item where it lies: a video is probed by streaming and moved into the store.
  const media = await storeMediaFile(ctx, {
    workspaceId: input.workspaceId,
    actorUserId: input.userId,
    filePath: file,
    name: row.file_name,
  });
  await mediaRepository.completeUpload(ctx.database.db, row.id, media.id);
  return { upload: { ...row, received_bytes: offset, media_id: media.id }, media };
}

/** Removes uploads that expired unfinished, and their partial files. */
export async function pruneExpiredUploads(ctx: AppContext): Promise<number> {
  const expired = await mediaRepository.expiredUploads(ctx.database.db, new Date(ctx.clock.now()));
  for (const { id } of expired) await fsp.rm(partPath(ctx, id), { force: true });
  await mediaRepository.deleteUploads(
    ctx.database.db,
    expired.map((e) => e.id),
  );
  return expired.length;
}
