/**
 * Named queries of the post batches module: the batch records kept for undo, the posts a batch
 * touches, and the snapshot / restore of deleted posts. The only code of the module that builds SQL.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DeletedRows, PostMark } from './tables.ts';
import './tables.ts';

export const postBatchesRepository = {
  /** The workspace's posts among `postIds`, locked for the transaction (in id order, so two batches never deadlock). */
  lockPosts(db: Db, workspaceId: string, postIds: string[]) {
    if (!postIds.length) return Promise.resolve([]);
    return db
      .selectFrom('posts')
      .select(['id', 'state', 'scheduled_at', 'queue_id'])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', postIds)
      .orderBy('id')
      .forUpdate()
      .execute();
  },

  /** The ids among `postIds` with a publication being sent or sent (such posts cannot be deleted). */
  async withPublished(db: Db, postIds: string[]): Promise<Set<string>> {
    if (!postIds.length) return new Set();
    const rows = await db
      .selectFrom('publications')
      .select('post_id')
      .distinct()
      .where('post_id', 'in', postIds)
      .where('state', 'in', ['published', 'publishing'])
      .execute();
    return new Set(rows.map((r) => r.post_id));
  },

  /** Every stored row of the posts (with their publications, comments and attempts), as JSON. */
  async snapshot(db: Db, postIds: string[]): Promise<DeletedRows> {
    const ids = sql.join(postIds);
    const { rows } = await sql<{ posts: unknown[]; publications: unknown[]; comments: unknown[]; attempts: unknown[] }>`
      SELECT
        (SELECT coalesce(jsonb_agg(to_jsonb(p)), '[]'::jsonb) FROM posts p WHERE p.id IN (${ids})) AS posts,
        (SELECT coalesce(jsonb_agg(to_jsonb(u)), '[]'::jsonb) FROM publications u WHERE u.post_id IN (${ids})) AS publications,
        (SELECT coalesce(jsonb_agg(to_jsonb(c)), '[]'::jsonb) FROM post_comments c WHERE c.post_id IN (${ids})) AS comments,
        (SELECT coalesce(jsonb_agg(to_jsonb(a)), '[]'::jsonb) FROM publication_attempts a
          JOIN publications u ON u.id = a.publication_id WHERE u.post_id IN (${ids})) AS attempts`.execute(db);
    return rows[0];
  },

  /** Puts back rows a snapshot holds, exactly as they were (same ids, times and values). */
  async restore(db: Db, rows: DeletedRows): Promise<void> {
    const put = async (table: string, list: unknown[]) => {
      if (!list.length) return;
      await sql`INSERT INTO ${sql.table(table)} SELECT * FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(list)}::jsonb)`.execute(
        db,
      );
    };
    await put('posts', rows.posts);
    await put('publications', rows.publications);
    await put('post_comments', rows.comments);
    await put('publication_attempts', rows.attempts);
  },

  async deletePosts(db: Db, postIds: string[]): Promise<void> {
    if (postIds.length) await db.deleteFrom('posts').where('id', 'in', postIds).execute();
  },

  /** How many of `postIds` exist (a restore refuses to run over posts that exist again). */
  async countPosts(db: Db, postIds: string[]): Promise<number> {
    if (!postIds.length) return 0;
    const row = await db
      .selectFrom('posts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('id', 'in', postIds)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Whether a queue still exists in the workspace. */
  async queueExists(db: Db, workspaceId: string, queueId: string): Promise<boolean> {
    const row = await db
      .selectFrom('queues')
      .select('id')
      .where('id', '=', queueId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return row !== undefined;
  },

  insert(
    db: Db,
    values: {
      workspaceId: string;
      actorId: string;
      action: string;
      postIds: string[];
      before: PostMark[] | DeletedRows;
      after: PostMark[];
      now: Date;
    },
  ) {
    return db
      .insertInto('post_batches')
      .values({
        workspace_id: values.workspaceId,
        actor_id: values.actorId,
        action: values.action,
        post_ids: JSON.stringify(values.postIds),
        before: JSON.stringify(values.before),
        after: JSON.stringify(values.after),
        created_at: values.now,
      })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
  },

  /** One batch of the workspace, locked (an undo runs once). */
  lock(db: Db, workspaceId: string, batchId: string) {
    return db
      .selectFrom('post_batches')
      .selectAll()
      .where('id', '=', batchId)
      .where('workspace_id', '=', workspaceId)
      .forUpdate()
      .executeTakeFirst();
  },

  async markUndone(db: Db, batchId: string, now: Date): Promise<void> {
    await db.updateTable('post_batches').set({ undone_at: now }).where('id', '=', batchId).execute();
  },

  /** Forgets the workspace's batches older than `before` (their undo window is over; deleted rows go for good). */
  async prune(db: Db, workspaceId: string, before: Date): Promise<void> {
    await db.deleteFrom('post_batches').where('workspace_id', '=', workspaceId).where('created_at', '<', before).execute();
  },
};
