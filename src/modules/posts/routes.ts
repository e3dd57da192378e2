import { z } from 'zod';
import { workspaceParams, type ApiModule } from '../../server/api.ts';
import { requireRole } from '../../server/auth.ts';
import { AppError, conflict, notFound } from '../../lib/errors.ts';
import { decodeCursor, exactInstant, olderThanCursor, pageOf, pageQuerySchema } from '../../lib/pagination.ts';
import { isoInstantSchema } from '../../lib/timezones.ts';
import { POST_STATES } from '../../db/schema.ts';
import { listEventsFor, recordEvent } from '../events/events.ts';
import { createPost, createPostIn, postBodySchema, retryPublication, transitionPost, TRANSITIONS, updatePost, validateVariants, type PostRow, type PublicationRow } from './service.ts';

const postParams = workspaceParams.extend({ postId: z.string().uuid() });

/** A publication as the API shows it: status, attempts, remote link and error. */
export function presentPublication(p: PublicationRow) {
  return {
    id: p.id,
    channelId: p.channel_id,
    network: p.network,
    text: p.text,
    media: p.media,
    thread: p.thread,
    options: p.options,
    state: p.state,
    dueAt: p.due_at,
    attempts: p.attempts,
    remoteId: p.remote_id,
    remoteUrl: p.remote_url,
    error: p.error_code ? { code: p.error_code, message: p.error_message } : null,
    firstAttemptAt: p.first_attempt_at,
    publishedAt: p.published_at,
    missedByMs: p.missed_by_ms,
  };
}

/** A post with its publications. */
export function presentPost(post: PostRow, publications: PublicationRow[]) {
  return {
    id: post.id,
    workspaceId: post.workspace_id,
    authorId: post.author_id,
    content: post.content,
    state: post.state,
    scheduledAt: post.scheduled_at,
    campaignId: post.campaign_id,
    objectiveId: post.objective_id,
    segmentId: post.segment_id,
    pillarId: post.pillar_id,
    createdAt: post.created_at,
    updatedAt: post.updated_at,
    publications: publications.map(presentPublication),
  };
}

/** Posts: compose, validate, the approval workflow, scheduling, retries and comments. */
export const postRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;

  const loadPost = async (workspaceId: string, postId: string) => {
    const post = await db.selectFrom('posts').selectAll().where('id', '=', postId).where('workspace_id', '=', workspaceId).executeTakeFirst();
    if (!post) throw notFound('Post');
    const publications = await db.selectFrom('publications').selectAll().where('post_id', '=', postId).orderBy('created_at').execute();
    return presentPost(post, publications);
  };

  app.post(
    '/workspaces/:workspaceId/posts/validate',
    { schema: { tags: ['posts'], summary: 'Check a post against every channel’s limits without saving it', params: workspaceParams, body: postBodySchema.omit({ action: true, scheduledAt: true }) } },
    async (request) => {
      await requireRole(ctx, request, request.params.workspaceId, 'read');
      const { results, ok } = await validateVariants(ctx, db, request.params.workspaceId, request.body);
      return { ok, channels: results };
    },
  );

  app.post(
    '/workspaces/:workspaceId/posts',
    { schema: { tags: ['posts'], summary: 'Create a post (draft, submit, schedule or publish now)', params: workspaceParams, body: postBodySchema } },
    async (request, reply) => {
      const { user } = await requireRole(ctx, request, request.params.workspaceId, 'post.write');
      const { post, validation } = await createPost(ctx, request.params.workspaceId, user.id, request.body);
      return reply.status(201).send({ ...(await loadPost(post.workspace_id, post.id)), validation });
    },
  );

  app.post(
    '/workspaces/:workspaceId/posts/bulk',
    {
      schema: {
        tags: ['posts'],
        summary: 'Create many posts at once (CSV import): all rows are stored, or none, with an error per failing row',
        params: workspaceParams,
        body: z.object({ posts: z.array(postBodySchema).min(1).max(1000) }),
      },
    },
    async (request, reply) => {
      const { user } = await requireRole(ctx, request, request.params.workspaceId, 'post.write');
      const rowErrors: Array<{ row: number; code: string; message: string; details: unknown }> = [];
      const created = await db
        .transaction()
        .execute(async (trx) => {
          const ids: string[] = [];
          for (const [index, body] of request.body.posts.entries()) {
            try {
              const { post } = await createPostIn(ctx, trx, request.params.workspaceId, user.id, body);
              ids.push(post.id);
            } catch (error) {
              if (!(error instanceof AppError)) throw error;
              rowErrors.push({ row: index + 1, code: error.code, message: error.message, details: error.details ?? null });
            }
          }
          // Any failing row rolls the whole import back: nothing is half-imported.
          if (rowErrors.length) throw new AppError(422, 'import_failed', `${rowErrors.length} of ${request.body.posts.length} rows are invalid; nothing was imported`, rowErrors);
          return ids;
        });
      return reply.status(201).send({ created: created.length, ids: created });
    },
  );

  app.get(
    '/workspaces/:workspaceId/posts',
    {
      schema: {
        tags: ['posts'],
        summary: 'List posts; filter by state, channel, campaign, author and time window (for the calendar)',
        params: workspaceParams,
        querystring: pageQuerySchema.extend({
          state: z.enum(POST_STATES).optional(),
          channelId: z.string().uuid().optional(),
          campaignId: z.string().uuid().optional(),
          authorId: z.string().uuid().optional(),
          from: isoInstantSchema.optional(),
          to: isoInstantSchema.optional(),
        }),
      },
    },
    async (request) => {
      await requireRole(ctx, request, request.params.workspaceId, 'read');
      const q = request.query;
      const after = decodeCursor(q.cursor);
      let query = db.selectFrom('posts').selectAll().select(exactInstant('posts.created_at').as('cursor_at')).where('workspace_id', '=', request.params.workspaceId);
      if (q.state) query = query.where('state', '=', q.state);
      if (q.campaignId) query = query.where('campaign_id', '=', q.campaignId);
      if (q.authorId) query = query.where('author_id', '=', q.authorId);
      if (q.from) query = query.where('scheduled_at', '>=', q.from);
      if (q.to) query = query.where('scheduled_at', '<', q.to);
      if (q.channelId) {
        const channelId = q.channelId;
        query = query.where((eb) => eb.exists(eb.selectFrom('publications').select('id').whereRef('publications.post_id', '=', 'posts.id').where('publications.channel_id', '=', channelId)));
      }
      if (after) query = query.where(olderThanCursor('posts.created_at', 'posts.id', after));
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit + 1).execute();
      const page = pageOf(rows, q.limit, (row) => ({ at: row.cursor_at, id: row.id }));
      const publications = page.items.length
        ? await db.selectFrom('publications').selectAll().where('post_id', 'in', page.items.map((p) => p.id)).execute()
        : [];
      return { items: page.items.map((post) => presentPost(post, publications.filter((p) => p.post_id === post.id))), nextCursor: page.nextCursor };
    },
  );

  app.get('/workspaces/:workspaceId/posts/:postId', { schema: { tags: ['posts'], params: postParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const post = await loadPost(request.params.workspaceId, request.params.postId);
    const attempts = await db
      .selectFrom('publication_attempts')
      .selectAll()
      .where('publication_id', 'in', post.publications.length ? post.publications.map((p) => p.id) : ['00000000-0000-0000-0000-000000000000'])
      .orderBy('id')
      .execute();
    const comments = await db
      .selectFrom('post_comments')
      .leftJoin('users', 'users.id', 'post_comments.author_id')
      .select(['post_comments.id', 'post_comments.body', 'post_comments.kind', 'post_comments.created_at', 'users.name as authorName', 'post_comments.author_id'])
      .where('post_id', '=', post.id)
      .orderBy('post_comments.created_at')
      .execute();
    const history = await listEventsFor(db, request.params.workspaceId, 'post', post.id);
    return { ...post, attempts, comments, history };
  });

  app.put(
    '/workspaces/:workspaceId/posts/:postId',
    { schema: { tags: ['posts'], summary: 'Replace a post’s content and channels (until it publishes)', params: postParams, body: postBodySchema.omit({ action: true }) } },
    async (request) => {
      const { user } = await requireRole(ctx, request, request.params.workspaceId, 'post.write');
      const { validation } = await updatePost(ctx, request.params.workspaceId, request.params.postId, user.id, request.body);
      return { ...(await loadPost(request.params.workspaceId, request.params.postId)), validation };
    },
  );

  app.post(
    '/workspaces/:workspaceId/posts/:postId/:transition',
    {
      schema: {
        tags: ['posts'],
        summary: 'Workflow: submit, approve, reject (with comment), schedule (or reschedule), unschedule, publish_now, cancel',
        params: postParams.extend({ transition: z.enum(TRANSITIONS) }),
        body: z.object({ comment: z.string().max(5000).optional(), scheduledAt: isoInstantSchema.optional() }).default({}),
      },
    },
    async (request) => {
      const { transition, workspaceId, postId } = request.params;
      const permission = transition === 'approve' || transition === 'reject' ? 'post.approve' : transition === 'submit' ? 'post.write' : 'post.publish';
      const { user } = await requireRole(ctx, request, workspaceId, permission);
      await transitionPost(ctx, workspaceId, postId, user.id, transition, request.body ?? {});
      return loadPost(workspaceId, postId);
    },
  );

  app.post(
    '/workspaces/:workspaceId/posts/:postId/publications/:publicationId/retry',
    { schema: { tags: ['posts'], summary: 'Retry a failed publication now', params: postParams.extend({ publicationId: z.string().uuid() }) } },
    async (request) => {
      const { user } = await requireRole(ctx, request, request.params.workspaceId, 'post.publish');
      await retryPublication(ctx, request.params.workspaceId, request.params.postId, request.params.publicationId, user.id);
      return loadPost(request.params.workspaceId, request.params.postId);
    },
  );

  app.post(
    '/workspaces/:workspaceId/posts/:postId/comments',
    { schema: { tags: ['posts'], summary: 'Comment on a post', params: postParams, body: z.object({ body: z.string().trim().min(1).max(5000) }) } },
    async (request, reply) => {
      const { user } = await requireRole(ctx, request, request.params.workspaceId, 'comment');
      await loadPost(request.params.workspaceId, request.params.postId);
      const comment = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('post_comments')
          .values({ post_id: request.params.postId, workspace_id: request.params.workspaceId, author_id: user.id, body: request.body.body, kind: 'comment' })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordEvent(trx, { workspaceId: request.params.workspaceId, actorUserId: user.id, type: 'post.commented', subjectType: 'post', subjectId: request.params.postId, data: { commentId: row.id } });
        return row;
      });
      return reply.status(201).send(comment);
    },
  );

  app.delete('/workspaces/:workspaceId/posts/:postId', { schema: { tags: ['posts'], summary: 'Delete a post that never published', params: postParams } }, async (request, reply) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'post.write');
    const post = await loadPost(request.params.workspaceId, request.params.postId);
    if (post.publications.some((p) => p.state === 'published' || p.state === 'publishing')) throw conflict('A published post cannot be deleted from Plaza; cancel or delete it on the network');
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('posts').where('id', '=', post.id).execute();
      await recordEvent(trx, { workspaceId: post.workspaceId, actorUserId: user.id, type: 'post.deleted', subjectType: 'post', subjectId: post.id, data: { content: post.content.slice(0, 200) } });
    });
    return reply.status(204).send();
  });
};
