/** Reads of the media library: a searched page, one file with the posts that use it, the workspace's storage. */
import type { AppContext } from '../../server/context.ts';
import { decodeCursor, pageOf } from '../../lib/pagination.ts';
import { notFound } from '../../lib/errors.ts';
import { mediaLibraryRepository, type MediaRow } from './library-repository.ts';
import { normalizeTag, searchQuery } from './library.ts';

/** A library file as the API shows it. */
export function presentLibraryItem(row: MediaRow, usageCount: number) {
  return {
    id: row.id,
    name: row.name,
    mimeType: row.mime_type,
    size: row.size_bytes,
    width: row.width,
    height: row.height,
    kind: row.kind === 'video' ? ('video' as const) : ('image' as const),
    durationSeconds: row.duration_seconds === null ? null : Number(row.duration_seconds),
    altText: row.alt_text,
    tags: row.tags,
    originalId: row.original_id,
    crop: row.crop,
    usageCount,
    createdAt: row.created_at,
  };
}

/** One page of the library: search text (name, tag, alt text, the text of posts using it), tag, kind, unused, used in a post. */
export async function listLibrary(
  ctx: AppContext,
  workspaceId: string,
  params: {
    q?: string;
    tag?: string;
    kind?: 'image' | 'video';
    unused?: boolean;
    postId?: string;
    originalId?: string;
    originals?: boolean;
    cursor?: string;
    limit: number;
  },
) {
  const rows = await mediaLibraryRepository.search(ctx.database.db, workspaceId, {
    tsquery: searchQuery(params.q),
    tag: params.tag ? normalizeTag(params.tag) || undefined : undefined,
    kind: params.kind,
    unused: params.unused,
    usedInPostId: params.postId,
    originalId: params.originalId,
    originalsOnly: params.originals,
    after: decodeCursor(params.cursor),
    limit: params.limit,
  });
  const page = pageOf(rows, params.limit, (row) => ({ at: row.cursor_at, id: row.id }));
  return { items: page.items.map((row) => presentLibraryItem(row, row.usage_count)), nextCursor: page.nextCursor };
}

/** One file with the posts that use it (their state, time and networks). */
export async function mediaDetails(ctx: AppContext, workspaceId: string, mediaId: string) {
  const row = await mediaLibraryRepository.find(ctx.database.db, workspaceId, mediaId);
  if (!row) throw notFound('Media');
  const usages = await mediaLibraryRepository.usages(ctx.database.db, mediaId);
  return {
    ...presentLibraryItem(row, usages.length),
    usages: usages.map((u) => ({
      postId: u.post_id,
      text: u.content.slice(0, 280),
      state: u.state,
      scheduledAt: u.scheduled_at,
      networks: u.networks,
      waiting: u.publication_states.some((s) => s === 'pending' || s === 'scheduled' || s === 'publishing'),
    })),
  };
}

/** One file as the library lists it (with its usage count). */
export async function libraryItem(ctx: AppContext, workspaceId: string, mediaId: string) {
  const { usages, ...item } = await mediaDetails(ctx, workspaceId, mediaId);
  return item;
}

/** What the workspace's files take: count and bytes, by kind and in all, and its tags with their counts. */
export async function mediaStorage(ctx: AppContext, workspaceId: string) {
  const { byKind, tags } = await mediaLibraryRepository.storage(ctx.database.db, workspaceId);
  const of = (kind: string) => byKind.find((k) => k.kind === kind);
  const images = { count: of('image')?.count ?? 0, bytes: Number(of('image')?.bytes ?? 0) };
  const videos = { count: of('video')?.count ?? 0, bytes: Number(of('video')?.bytes ?? 0) };
  return { count: images.count + videos.count, bytes: images.bytes + videos.bytes, images, videos, tags };
}
