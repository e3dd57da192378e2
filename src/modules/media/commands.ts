import type { AppContext } from '../../server/context.ts';
import { recordEvent } from '../events/events.ts';
import { verifyImage } from './image.ts';
import { mediaRepository } from './repository.ts';

/**
 * Stores an uploaded image once per workspace (content-addressed). The bytes are decoded in
 * full within the limits before anything is stored; the decoder's type and size are kept.
 */
export async function uploadImage(ctx: AppContext, input: { workspaceId: string; actorUserId: string; bytes: Uint8Array }) {
  const image = await verifyImage(input.bytes);
  const stored = await ctx.media.put(input.bytes);
  return ctx.database.db.transaction().execute(async (trx) => {
    const existing = await mediaRepository.findBySha256(trx, input.workspaceId, stored.sha256);
    if (existing) return existing;
    const inserted = await mediaRepository.insert(trx, {
      workspaceId: input.workspaceId,
      sha256: stored.sha256,
      mimeType: image.mimeType,
      sizeBytes: stored.size,
      width: image.width,
      height: image.height,
    });
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'media.uploaded',
      subjectType: 'media',
      subjectId: inserted.id,
      data: { mime: image.mimeType, size: stored.size },
    });
    return inserted;
  });
}
