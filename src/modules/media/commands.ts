import fs from 'node:fs/promises';
import type { AppContext } from '../../server/context.ts';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import { recordEvent } from '../events/events.ts';
import { cropImage, IMAGE_LIMITS, ImageError, verifyImage } from './image.ts';
import { mediaRepository } from './repository.ts';
import { mediaLibraryRepository } from './library-repository.ts';
import { looksLikeIsoMedia, probeVideo, probeVideoFile, type VideoInfo } from './video.ts';
import type { MediaCrop } from '../../db/schema.ts';
import { CROP_ASPECTS, cropRect, normalizeTag, type CropAspect } from './library.ts';

/** What the library knows of a file stored by a crop: its original, rectangle, alt text and tags. */
export interface LibraryFields {
  altText?: string;
  tags?: string[];
  originalId?: string | null;
  crop?: MediaCrop | null;
}

/** A file name as the library shows it: no folders, no control characters, at most 200 characters. */
function libraryName(name: string | undefined): string {
  return (name ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 200);
}

/** The largest upload the config allows, in bytes. */
export function maxUploadBytes(ctx: AppContext): number {
  return ctx.config.maxUploadMb * 1024 * 1024;
}

/**
 * Stores a whole file as a media item: an MP4/MOV is probed for its size, length and codec,
 * anything else must be an image that decodes fully. Content-addressed per workspace.
 */
export async function storeMedia(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; bytes: Uint8Array; name?: string; library?: LibraryFields },
) {
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
export async function storeMediaFile(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; filePath: string; name?: string },
) {
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
  input: { workspaceId: string; actorUserId: string; name?: string; library?: LibraryFields },
  stored: { sha256: string; size: number },
  read: VideoInfo | { kind: 'image'; mimeType: string; width: number; height: number },
) {
  const video = 'kind' in read ? null : read;
  return ctx.database.db.transaction().execute(async (trx) => {
    const existing = await mediaRepository.findBySha256(trx, input.workspaceId, stored.sha256);
    if (existing) {
      // The same bytes again: the file keeps its row; a name is given to one that had none.
      const name = libraryName(input.name);
      if (!existing.name && name) await mediaLibraryRepository.describe(trx, existing.id, { name });
      return existing;
    }
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
    await mediaLibraryRepository.describe(trx, inserted.id, { ...input.library, name: libraryName(input.name) });
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

/** Changes what the library says of a file: name, alt text, tags (replaced, or added and removed). */
export async function updateMediaDetails(
  ctx: AppContext,
  input: {
    workspaceId: string;
    actorUserId: string;
    mediaId: string;
    changes: { name?: string; altText?: string; tags?: string[]; addTags?: string[]; removeTags?: string[] };
  },
) {
  const clean = (tags: string[] | undefined) => (tags ? [...new Set(tags.map(normalizeTag).filter(Boolean))] : undefined);
  const changes = {
    name: input.changes.name === undefined ? undefined : libraryName(input.changes.name),
    altText: input.changes.altText?.trim(),
    tags: clean(input.changes.tags)?.sort(),
    addTags: clean(input.changes.addTags),
    removeTags: clean(input.changes.removeTags),
  };
  return ctx.database.db.transaction().execute(async (trx) => {
    const before = await mediaLibraryRepository.find(trx, input.workspaceId, input.mediaId, { lock: true });
    if (!before) throw notFound('Media');
    await mediaLibraryRepository.update(trx, input.workspaceId, input.mediaId, changes, new Date(ctx.clock.now()));
    const after = (await mediaLibraryRepository.find(trx, input.workspaceId, input.mediaId))!;
    if (after.tags.length > 30) throw badRequest('invalid_input', 'A file can carry at most 30 tags', { max: 30 });
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'media.updated',
      subjectType: 'media',
      subjectId: input.mediaId,
      data: { name: after.name, tags: after.tags, altChanged: before.alt_text !== after.alt_text },
    });
    return after;
  });
}

/**
 * A crop of an image to a network aspect ratio, stored as a new library file that points at its
 * original (which is kept untouched) and inherits its alt text and tags. A video, or a rectangle
 * outside the picture, is refused before anything is written.
 */
export async function cropMedia(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; mediaId: string; aspect: CropAspect; left?: number; top?: number; width?: number },
) {
  const original = await mediaLibraryRepository.find(ctx.database.db, input.workspaceId, input.mediaId);
  if (!original) throw notFound('Media');
  if (original.kind !== 'image' || !original.width || !original.height) throw badRequest('crop_not_image', 'Only images can be cropped');
  const rect = cropRect({ width: original.width, height: original.height }, input.aspect, input);
  const bytes = await ctx.media.get(original.sha256);
  if (!bytes) throw notFound('Media file');
  const cropped = await cropImage(bytes, rect);
  const label = CROP_ASPECTS[input.aspect].label;
  const row = await storeMedia(ctx, {
    workspaceId: input.workspaceId,
    actorUserId: input.actorUserId,
    bytes: cropped,
    name: `${(original.name || 'image').replace(/\.[a-z0-9]{2,5}$/i, '')} (${label})`,
    library: { altText: original.alt_text, tags: original.tags, originalId: original.id, crop: { aspect: input.aspect, ...rect } },
  });
  await recordEvent(ctx.database.db, {
    workspaceId: input.workspaceId,
    actorUserId: input.actorUserId,
    type: 'media.cropped',
    subjectType: 'media',
    subjectId: row.id,
    data: { originalId: original.id, aspect: input.aspect, ...rect },
  });
  return row;
}

/**
 * Deletes a file from the library. Refused (409 `media_in_use`, naming the posts) while a post
 * that has not gone out yet — a draft, one in review, scheduled or publishing — uses it; published
 * posts keep their copies on the networks. The stored bytes go when no workspace holds them any more.
 */
export async function deleteMedia(ctx: AppContext, input: { workspaceId: string; actorUserId: string; mediaId: string }): Promise<void> {
  const sha256 = await ctx.database.db.transaction().execute(async (trx) => {
    const row = await mediaLibraryRepository.find(trx, input.workspaceId, input.mediaId, { lock: true });
    if (!row) throw notFound('Media');
    const waiting = await mediaLibraryRepository.waitingPosts(trx, input.mediaId);
    if (waiting.length) {
      const postIds = [...new Set(waiting.map((w) => w.post_id))];
      throw conflict('media_in_use', `This file is used by ${postIds.length} post(s) that have not been published yet`, {
        postIds,
        scheduled: waiting.some((w) => w.state === 'scheduled' || w.state === 'publishing'),
      });
    }
    await mediaLibraryRepository.delete(trx, input.mediaId);
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'media.deleted',
      subjectType: 'media',
      subjectId: input.mediaId,
      data: { name: row.name, size: row.size_bytes },
    });
    return (await mediaLibraryRepository.bytesStillUsed(trx, row.sha256)) ? null : row.sha256;
  });
  if (sha256) await ctx.media.delete(sha256);
}
