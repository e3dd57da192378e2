/**
 * Named queries of the posts module: posts, their publications, attempts and comments.
 * The only code of the module that touches the database; commands pass their transaction.
 */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { PostState, PostsTable, PublicationsTable, PublicationState } from '../../db/schema.ts';
import type { Cursor } from '../../lib/pagination.ts';
import { exactInstant, olderThanCursor } from '../../db/sql-fragments.ts';

export type PostRow = Selectable<PostsTable>;
export type PublicationRow = Selectable<PublicationsTable>;

/** Filters of the post list (all optional). */
export interface PostFilters {
  state?: PostState;
  channelId?: string;
  campaignId?: string;
  authorId?: string;
  from?: Date;
  to?: Date;
  /** Only posts without a date (undated drafts). */
  undated?: boolean;
  /** Words the post's text contains (case-insensitive). */
  q?: string;
}

/** A publication as inserted by the composer: text, media, thread and options resolved per channel. */
export interface NewPublication {
  channelId: string;
  network: string;
  text: string;
  media: unknown[];
  thread: unknown[];
  options: Record<string, unknown>;
  postType?: string | null;
  firstComment?: string | null;
  title?: string | null;
}

/** Posts, publications, attempts and comments. */
export const postsRepository = {
  /** One post of a workspace, or undefined. */
  findPost(db: Db, workspaceId: string, postId: string) {
    return db.selectFrom('posts').selectAll().where('id', '=', postId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  },

  /** One post of a workspace, locked for the rest of the transaction, or undefined. */
  lockPost(db: Db, workspaceId: string, postId: string) {
    return db
      .selectFrom('posts')
      .selectAll()
      .where('id', '=', postId)
      .where('workspace_id', '=', workspaceId)
      .forUpdate()
      .executeTakeFirst();
  },

  /** A post's publications, oldest first. */
  publicationsOf(db: Db, postId: string) {
    return db.selectFrom('publications').selectAll().where('post_id', '=', postId).orderBy('created_at').execute();
  },

  /** A post's publications, in no particular order (for re-validation). */
  publicationsForValidation(db: Db, postId: string) {
    return db.selectFrom('publications').selectAll().where('post_id', '=', postId).execute();
  },

  /** The publications of many posts (one query for a page of posts). */
  publicationsOfPosts(db: Db, postIds: string[]) {
    return db.selectFrom('publications').selectAll().where('post_id', 'in', postIds).execute();
  },

  /** A page of a workspace's posts, newest first, `limit + 1` rows (the extra one says there is a next page). */
  listPosts(db: Db, workspaceId: string, filters: PostFilters, after: Cursor | null, limit: number) {
    let query = db
      .selectFrom('posts')
      .selectAll()
      .select(exactInstant('posts.created_at').as('cursor_at'))
      .where('workspace_id', '=', workspaceId);
    if (filters.state) query = query.where('state', '=', filters.state);
    if (filters.campaignId) query = query.where('campaign_id', '=', filters.campaignId);
    if (filters.authorId) query = query.where('author_id', '=', filters.authorId);
    if (filters.from) query = query.where('scheduled_at', '>=', filters.from);
    if (filters.to) query = query.where('scheduled_at', '<', filters.to);
    if (filters.undated) query = query.where('scheduled_at', 'is', null);
    // LIKE's own wildcards in the search are taken literally.
    if (filters.q) query = query.where('content', 'ilike', `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (filters.channelId) {
      const channelId = filters.channelId;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('publications')
            .select('id')
            .whereRef('publications.post_id', '=', 'posts.id')
            .where('publications.channel_id', '=', channelId),
        ),
      );
    }
    if (after) query = query.where(olderThanCursor('posts.created_at', 'posts.id', after));
    return query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
  },

  /** The attempt log of some publications, in order. */
  attemptsOf(db: Db, publicationIds: string[]) {
    return db
      .selectFrom('publication_attempts')
      .selectAll()
      .where('publication_id', 'in', publicationIds.length ? publicationIds : ['00000000-0000-0000-0000-000000000000'])
      .orderBy('id')
      .execute();
  },

  /** A post's comments with their authors' names, oldest first. */
  commentsOf(db: Db, postId: string) {
    return db
      .selectFrom('post_comments')
      .leftJoin('users', 'users.id', 'post_comments.author_id')
      .select([
        'post_comments.id',
        'post_comments.body',
        'post_comments.kind',
        'post_comments.created_at',
        'users.name as authorName',
        'post_comments.author_id',
      ])
      .where('post_id', '=', postId)
      .orderBy('post_comments.created_at')
      .execute();
  },

  /** A workspace's row (its approval rule). */
  workspace(db: Db, workspaceId: string) {
    return db.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirstOrThrow();
  },

  /** Channels of a workspace among `ids`. */
  channelsAmong(db: Db, workspaceId: string, ids: string[]) {
    return db.selectFrom('channels').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  },

  /** A channel's status. */
  channelStatus(db: Db, channelId: string) {
    return db.selectFrom('channels').select(['status']).where('id', '=', channelId).executeTakeFirstOrThrow();
  },

  /** Media rows of a workspace among `ids`. */
  mediaAmong(db: Db, workspaceId: string, ids: string[]) {
    return db.selectFrom('media').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  },

  /** Inserts a post. */
  insertPost(
    db: Db,
    values: {
      workspaceId: string;
      authorId: string;
      content: string;
      state: PostState;
      scheduledAt: Date | null;
      campaignId: string | null;
      objectiveId: string | null;
      segmentId: string | null;
      pillarId: string | null;
    },
  ) {
    return db
      .insertInto('posts')
      .values({
        workspace_id: values.workspaceId,
        author_id: values.authorId,
        content: values.content,
        state: values.state,
        scheduled_at: values.scheduledAt,
        campaign_id: values.campaignId,
        objective_id: values.objectiveId,
        segment_id: values.segmentId,
        pillar_id: values.pillarId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** Replaces a post's content, state, time and strategy links. */
  updatePost(
    db: Db,
    postId: string,
    values: {
      content: string;
      state: PostState;
      scheduledAt: Date | null;
      campaignId: string | null;
      objectiveId: string | null;
      segmentId: string | null;
      pillarId: string | null;
      updatedAt: Date;
    },
  ) {
    return db
      .updateTable('posts')
      .set({
        content: values.content,
        state: values.state,
        scheduled_at: values.scheduledAt,
        campaign_id: values.campaignId,
        objective_id: values.objectiveId,
        segment_id: values.segmentId,
        pillar_id: values.pillarId,
        updated_at: values.updatedAt,
      })
      .where('id', '=', postId)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** Moves a post to a workflow state. */
  setPostState(db: Db, postId: string, values: { state: PostState; scheduledAt: Date | null; updatedAt: Date }) {
    return db
      .updateTable('posts')
      .set({ state: values.state, scheduled_at: values.scheduledAt, updated_at: values.updatedAt })
      .where('id', '=', postId)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** Takes a post out of its queue (a time set by hand), or puts it in one. */
  async setPostQueue(db: Db, postId: string, queueId: string | null): Promise<void> {
    await db.updateTable('posts').set({ queue_id: queueId }).where('id', '=', postId).execute();
  },

  /** A retried post is scheduled again (its time stays). */
  async markPostScheduled(db: Db, postId: string, now: Date): Promise<void> {
    await db.updateTable('posts').set({ state: 'scheduled', updated_at: now }).where('id', '=', postId).execute();
  },

  /** Deletes a post (its publications, attempts and comments go with it). */
  async deletePost(db: Db, postId: string): Promise<void> {
    await db.deleteFrom('posts').where('id', '=', postId).execute();
  },

  /** One publication per channel variant: scheduled ones get their due time, the rest wait ('pending'). */
  async insertPublications(
    db: Db,
    postId: string,
    workspaceId: string,
    publications: NewPublication[],
    scheduled: boolean,
    dueAt: Date | null,
  ): Promise<void> {
    await db
      .insertInto('publications')
      .values(
        publications.map((p) => ({
          post_id: postId,
          workspace_id: workspaceId,
          channel_id: p.channelId,
          network: p.network,
          text: p.text,
          media: JSON.stringify(p.media),
          thread: JSON.stringify(p.thread),
          options: JSON.stringify(p.options),
          post_type: p.postType ?? null,
          first_comment: p.firstComment ?? null,
          title: p.title ?? null,
          state: scheduled ? ('scheduled' as const) : ('pending' as const),
          due_at: scheduled ? dueAt : null,
        })),
      )
      .execute();
  },

  /** Deletes a post's publications (before they are written again). */
  async deletePublications(db: Db, postId: string): Promise<void> {
    await db.deleteFrom('publications').where('post_id', '=', postId).execute();
  },

  /** A publication of the post that is sending or sent, if any. */
  findInflightPublication(db: Db, postId: string) {
    return db
      .selectFrom('publications')
      .select('id')
      .where('post_id', '=', postId)
      .where('state', 'in', ['publishing', 'published'])
      .executeTakeFirst();
  },

  /** One publication of a post, locked, or undefined. */
  lockPublication(db: Db, postId: string, publicationId: string) {
    return db
      .selectFrom('publications')
      .selectAll()
      .where('id', '=', publicationId)
      .where('post_id', '=', postId)
      .forUpdate()
      .executeTakeFirst();
  },

  /** Puts a post's waiting publications (in `from`) on the engine's queue at `dueAt`, clearing claims and errors. */
  async schedulePublications(db: Db, postId: string, from: PublicationState[], dueAt: Date | null, now: Date): Promise<void> {
    await db
      .updateTable('publications')
      .set({
        state: 'scheduled',
        due_at: dueAt,
        claimed_by: null,
        lease_until: null,
        error_code: null,
        error_message: null,
        updated_at: now,
      })
      .where('post_id', '=', postId)
      .where('state', 'in', from)
      .execute();
  },

  /** Takes a post's waiting publications (in `from`) off the engine's queue, to `to`. */
  async parkPublications(db: Db, postId: string, from: PublicationState[], to: 'pending' | 'canceled', now: Date): Promise<void> {
    await db
      .updateTable('publications')
      .set({ state: to, claimed_by: null, lease_until: null, updated_at: now })
      .where('post_id', '=', postId)
      .where('state', 'in', from)
      .execute();
  },

  /** A failed first comment due again now, its tries counted afresh (the post stays as it is). */
  async requeueFirstComment(db: Db, publicationId: string, now: Date): Promise<void> {
    await db
      .updateTable('publications')
      .set({ first_comment_state: 'pending', first_comment_due_at: now, first_comment_attempts: 0, updated_at: now })
      .where('id', '=', publicationId)
      .where('first_comment_state', '=', 'failed')
      .execute();
  },

  /** A failed publication back on the queue now, to be reconciled first. */
  async requeuePublication(db: Db, publicationId: string, now: Date): Promise<void> {
    await db
      .updateTable('publications')
      .set({
        state: 'scheduled',
        due_at: now,
        claimed_by: null,
        lease_until: null,
        error_code: null,
        error_message: null,
        needs_reconcile: true,
        updated_at: now,
      })
      .where('id', '=', publicationId)
      .execute();
  },

  /** Adds a comment (or a workflow step's note) to a post. */
  insertComment(db: Db, values: { postId: string; workspaceId: string; authorId: string; body: string; kind: string }) {
    return db
      .insertInto('post_comments')
      .values({
        post_id: values.postId,
        workspace_id: values.workspaceId,
        author_id: values.authorId,
        body: values.body,
        kind: values.kind,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },
};
