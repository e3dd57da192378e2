import type { AppContext } from '../../server/context.ts';
import { AppError } from '../../lib/errors.ts';
import { recordEvent } from '../events/events.ts';
import { verifyImage } from './image.ts';
import { mediaRepository } from './repository.ts';
import { looksLikeIsoMedia, probeVideo } from './video.ts';

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
  return ctx.database.db.transaction().execute(async (trx) => {
    const existing = await mediaRepository.findBySha256(trx, input.workspaceId, stored.sha256);
    if (existing) return existing;
    const inserted = await mediaRepository.insert(trx, {
      workspaceId: input.workspaceId,
      sha256: stored.sha256,
      mimeType: video?.mimeType ?? image!.mimeType,
      sizeBytes: stored.size,
      width: video?.width ?? image!.width,
      height: video?.height ?? image!.height,
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
