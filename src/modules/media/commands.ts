import fs from 'node:fs/promises';
import type { AppContext } from '../../server/context.ts';
import { AppError } from '../../lib/errors.ts';
import { recordEvent } from '../events/events.ts';
import { IMAGE_LIMITS, ImageError, verifyImage } from './image.ts';
import { mediaRepository } from './repository.ts';
import { looksLikeIsoMedia, probeVideo, probeVideoFile, type VideoInfo } from './video.ts';

/** The largest upload the config allows, in bytes. */
export function maxUploadBytes(ctx: AppContext): number {
  return ctx.config.maxUploadMb * 1024 * 1024;
}

/**
 * Stores a whole file as a media item: an MP4/MOV is probed for its size, length and codec,
 * anything else must be an image that decodes fully. Content-addressed per workspace.
 */
export async function storeMedia(ctx: AppContext, input: { workspaceId: string; actorUserId: string; bytes: Uint8Array }) {
  const isVideo = looksLikeIsoMedia(input.bytes);
  const video = isVideo ? probeVideo(input.bytes) : null;
  const image = isVideo ? null : await verifyImage(input.bytes);
  if (input.bytes.byteLength > maxUploadBytes(ctx))
    throw new AppError(413, 'upload_too_large', `The file is larger than ${ctx.config.maxUploadMb} MB`, { maxMb: ctx.config.maxUploadMb });
  const stored = await ctx.media.put(input.bytes);
  return insertMedia(ctx, input, stored, video ?? { kind: 'image', ...image! });
}

/**
 * Stores a finished upload's file as a media item without reading it into memory when it is a
 * video: probed by streaming (only its boxes are read), then moved into the store. Anything
 * else is an image, read and decoded whole as `storeMedia` does. The file is gone afterwards.
 */
export async function storeMediaFile(ctx: AppContext, input: { workspaceId: string; actorUserId: string; filePath: string }) {
  const handle = await fs.open(input.filePath, 'r');
  const head = new Uint8Array(12);
  let size: number;
  try {
    size = (await handle.stat()).size;
    await handle.read(head, 0, 12, 0);
  } finally {
    await handle.close();
  }
  if (size > maxUploadBytes(ctx))
    throw new AppError(413, 'upload_too_large', `The file is larger than ${ctx.config.maxUploadMb} MB`, { maxMb: ctx.config.maxUploadMb });
  if (!looksLikeIsoMedia(head)) {
    // Not a video: an image, which is small; a large file is refused before it is read.
    if (size > IMAGE_LIMITS.maxBytes)
      throw new ImageError(413, 'too_large', `The file is larger than ${IMAGE_LIMITS.maxBytes / 1024 / 1024} MB`);
    const row = await storeMedia(ctx, { ...input, bytes: new Uint8Array(await fs.readFile(input.filePath)) });
    await fs.rm(input.filePath, { force: true });
    return row;
  }
  const video = await probeVideoFile(input.filePath);
  const stored = await ctx.media.putFile(input.filePath);
  return insertMedia(ctx, input, stored, video);
}

/** The media row of stored bytes (the existing one when the workspace has the same file), and its event. */
async function insertMedia(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string },
  stored: { sha256: string; size: number },
  read: VideoInfo | { kind: 'image'; mimeType: string; width: number; height: number },
) {
  const video = 'kind' in read ? null : read;
  return ctx.database.db.transaction().execute(async (trx) => {
    const existing = await mediaRepository.findBySha256(trx, input.workspaceId, stored.sha256);
    if (existing) return existing;
    const inserted = await mediaRepository.insert(trx, {
      workspaceId: input.workspaceId,
      sha256: stored.sha256,
      mimeType: read.mimeType,
      sizeBytes: stored.size,
      width: read.width,
      height: read.height,
      kind: video ? 'video' : 'image',
      durationSeconds: video?.durationSeconds ?? null,
      codec: video?.codec ?? null,
    });
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'media.uploaded',
      subjectType: 'media',
      subjectId: inserted.id,
      data: { mime: inserted.mime_type, size: stored.size },
    });
    return inserted;
  });
}
