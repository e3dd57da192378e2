/**
 * Named queries of the media library: search, usage, storage, names/alt/tags, crops and deletion.
 * With repository.ts, the only media code that builds SQL.
 */
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { MediaCrop, MediaTable } from '../../db/schema.ts';
import type { Cursor } from '../../lib/pagination.ts';
import { exactInstant, olderThanCursor } from '../../db/sql-fragments.ts';

export type MediaRow = Omit<Selectable<MediaTable>, 'search_vector'>;
export type LibraryRow = MediaRow & { cursor_at: string; usage_count: number };

/** Columns of a media row, without the generated search vector. */
const MEDIA_COLUMNS = [
  'media.id',
  'media.workspace_id',
  'media.sha256',
  'media.mime_type',
  'media.size_bytes',
  'media.width',
  'media.height',
  'media.kind',
  'media.duration_seconds',
  'media.codec',
  'media.created_at',
  'media.name',
  'media.alt_text',
  'media.tags',
  'media.original_id',
  'media.crop',
  'media.updated_at',
] as const;

/** Publication states in which a post has not gone out yet: its files must stay. */
export const WAITING_PUBLICATION_STATES = ['pending', 'scheduled', 'publishing'] as const;

export interface LibraryFilter {
  /** A prefix tsquery over folded words (see library.ts `searchQuery`), or null for no text search. */
  tsquery: string | null;
  tag?: string;
  kind?: 'image' | 'video';
  unused?: boolean;
  usedInPostId?: string;
  /** Only the crops made from this file. */
  originalId?: string;
  /** Only files that are not crops of another one (uploads, and crops whose original was deleted). */
  originalsOnly?: boolean;
  after: Cursor | null;
  limit: number;
}

/** How many of the newest files a text search looks through before it asks the search indexes. */
const RECENT_WINDOW = 3000;

/**
 * One page of the library. Text search `recent`: among the RECENT_WINDOW newest files (after the
 * cursor); `indexed`: every file matching through the GIN indexes (name, alt text, tags; post words).
 */
async function searchWith(db: Db, workspaceId: string, filter: LibraryFilter, text: 'recent' | 'indexed' | null): Promise<LibraryRow[]> {
  // `recent` reads the newest files in date order (a derived table named like the table), then matches words.
  let source = db.selectFrom('media').selectAll().where('media.workspace_id', '=', workspaceId);
  if (text === 'recent') {
    if (filter.after) source = source.where(olderThanCursor('media.created_at', 'media.id', filter.after));
    source = source.orderBy('media.created_at', 'desc').orderBy('media.id', 'desc').limit(RECENT_WINDOW);
  }
  let query = db
    .selectFrom(source.as('media'))
    .select(MEDIA_COLUMNS)
    .select(exactInstant('media.created_at').as('cursor_at'))
    .select((eb) =>
      eb
        .selectFrom('media_usages')
        .select(sql<number>`count(DISTINCT media_usages.post_id)::int`.as('n'))
        .whereRef('media_usages.media_id', '=', 'media.id')
        .as('usage_count'),
    );
  const q = sql`to_tsquery('simple'::regconfig, ${filter.tsquery})`;
  if (text === 'recent') {
    query = query.where(
      sql<boolean>`(media.search_vector @@ ${q} OR EXISTS (SELECT 1 FROM media_usages u WHERE u.media_id = media.id AND u.post_words @@ ${q}))`,
    );
  } else if (text === 'indexed') {
    query = query.where(
      'media.id',
      'in',
      sql<string>`(SELECT id FROM media WHERE workspace_id = ${workspaceId} AND search_vector @@ ${q}
        UNION SELECT media_id FROM media_usages WHERE workspace_id = ${workspaceId} AND post_words @@ ${q})`,
    );
  }
  if (filter.tag) query = query.where(sql<boolean>`media.tags @> ARRAY[${filter.tag}]::text[]`);
  if (filter.kind) query = query.where('media.kind', '=', filter.kind);
  if (filter.unused)
    query = query.where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('media_usages').select('media_usages.media_id').whereRef('media_usages.media_id', '=', 'media.id'))),
    );
  if (filter.usedInPostId) {
    const postId = filter.usedInPostId;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('media_usages')
          .select('media_usages.media_id')
          .whereRef('media_usages.media_id', '=', 'media.id')
          .where('media_usages.post_id', '=', postId),
      ),
    );
  }
  if (filter.originalId) query = query.where('media.original_id', '=', filter.originalId);
  if (filter.originalsOnly) query = query.where('media.original_id', 'is', null);
  if (filter.after) query = query.where(olderThanCursor('media.created_at', 'media.id', filter.after));
  const rows = await query
    .orderBy('media.created_at', 'desc')
    .orderBy('media.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
  return rows.map((row) => ({ ...row, usage_count: Number(row.usage_count ?? 0) }));
}

export const mediaLibraryRepository = {
  /**
   * One page of a workspace's library, newest first, with each item's usage count (distinct posts).
   * The text matches the name, alt text and tags (GIN over the generated vector) or the text of a
   * post that uses the file (GIN over media_usages.post_words).
   */
  async search(db: Db, workspaceId: string, filter: LibraryFilter): Promise<LibraryRow[]> {
    if (!filter.tsquery) return searchWith(db, workspaceId, filter, null);
    // Words: first among the newest files (a common word fills the page there, walking the date
    // index), then, when the page is not full, through the search indexes (a rare word has few matches).
    const recent = await searchWith(db, workspaceId, filter, 'recent');
    if (recent.length > filter.limit) return recent;
    return searchWith(db, workspaceId, filter, 'indexed');
  },

  /** One item of a workspace with its usage count, or undefined. */
  async find(db: Db, workspaceId: string, mediaId: string, options: { lock?: boolean } = {}): Promise<MediaRow | undefined> {
    let query = db.selectFrom('media').select(MEDIA_COLUMNS).where('media.id', '=', mediaId).where('media.workspace_id', '=', workspaceId);
    if (options.lock) query = query.forUpdate();
    return query.executeTakeFirst();
  },

  /** The posts that use a file, newest first, with their state, time and the networks of the publications naming it. */
  usages(db: Db, mediaId: string) {
    return db
      .selectFrom('media_usages')
      .innerJoin('posts', 'posts.id', 'media_usages.post_id')
      .innerJoin('publications', 'publications.id', 'media_usages.publication_id')
      .select([
        'posts.id as post_id',
        'posts.content',
        'posts.state',
        'posts.scheduled_at',
        'posts.created_at',
        sql<string[]>`array_agg(DISTINCT publications.network ORDER BY publications.network)`.as('networks'),
        sql<string[]>`array_agg(DISTINCT publications.state)`.as('publication_states'),
      ])
      .where('media_usages.media_id', '=', mediaId)
      .groupBy(['posts.id', 'posts.content', 'posts.state', 'posts.scheduled_at', 'posts.created_at'])
      .orderBy('posts.created_at', 'desc')
      .limit(200)
      .execute();
  },

  /** Posts with a publication that has not gone out yet and names this file (they keep it from being deleted). */
  waitingPosts(db: Db, mediaId: string) {
    return db
      .selectFrom('media_usages')
      .innerJoin('publications', 'publications.id', 'media_usages.publication_id')
      .select(['media_usages.post_id', 'publications.state'])
      .distinct()
      .where('media_usages.media_id', '=', mediaId)
      .where('publications.state', 'in', [...WAITING_PUBLICATION_STATES])
      .execute();
  },

  /** The workspace's files: how many, their bytes by kind, and its tags with how many files carry each. */
  async storage(db: Db, workspaceId: string) {
    const byKind = await db
      .selectFrom('media')
      .select(['kind', sql<number>`count(*)::int`.as('count'), sql<string>`coalesce(sum(size_bytes), 0)::text`.as('bytes')])
      .where('workspace_id', '=', workspaceId)
      .groupBy('kind')
      .execute();
    const tags = await db
      .selectFrom(sql<{ tag: string }>`(SELECT unnest(tags) AS tag FROM media WHERE workspace_id = ${workspaceId})`.as('t'))
      .select(['t.tag', sql<number>`count(*)::int`.as('count')])
      .groupBy('t.tag')
      .orderBy('count', 'desc')
      .orderBy('t.tag')
      .limit(200)
      .execute();
    return { byKind, tags };
  },

  /** Changes a file's name, alt text and tags (tags: replaced, or some added and some removed). */
  async update(
    db: Db,
    workspaceId: string,
    mediaId: string,
    changes: { name?: string; altText?: string; tags?: string[]; addTags?: string[]; removeTags?: string[] },
    now: Date,
  ): Promise<void> {
    let tagsExpression = changes.tags ? sql<string[]>`${changes.tags}::text[]` : sql<string[]>`media.tags`;
    if (changes.addTags?.length)
      tagsExpression = sql<string[]>`ARRAY(SELECT DISTINCT t FROM unnest(${tagsExpression} || ${changes.addTags}::text[]) t ORDER BY t)`;
    if (changes.removeTags?.length)
      tagsExpression = sql<string[]>`ARRAY(SELECT t FROM unnest(${tagsExpression}) t WHERE NOT (t = ANY(${changes.removeTags}::text[])))`;
    await db
      .updateTable('media')
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.altText !== undefined ? { alt_text: changes.altText } : {}),
        tags: tagsExpression,
        updated_at: now,
      })
      .where('id', '=', mediaId)
      .where('workspace_id', '=', workspaceId)
      .execute();
  },

  /** Sets the library fields of a file just stored (upload name; a crop's original, rectangle, name, alt and tags). */
  async describe(
    db: Db,
    mediaId: string,
    values: { name: string; altText?: string; tags?: string[]; originalId?: string | null; crop?: MediaCrop | null },
  ): Promise<void> {
    await db
      .updateTable('media')
      .set({
        name: values.name,
        ...(values.altText !== undefined ? { alt_text: values.altText } : {}),
        ...(values.tags !== undefined ? { tags: values.tags } : {}),
        ...(values.originalId !== undefined ? { original_id: values.originalId } : {}),
        ...(values.crop !== undefined ? { crop: values.crop ? JSON.stringify(values.crop) : null } : {}),
      })
      .where('id', '=', mediaId)
      .execute();
  },

  /** Deletes a file's row (its usages go with it; its crops keep living without their original). */
  async delete(db: Db, mediaId: string): Promise<void> {
    await db.deleteFrom('media').where('id', '=', mediaId).execute();
  },

  /** True when any workspace still holds a file with these bytes (the store keeps one copy per content). */
  async bytesStillUsed(db: Db, sha256: string): Promise<boolean> {
    const row = await db.selectFrom('media').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst();
    return row !== undefined;
  },
};
