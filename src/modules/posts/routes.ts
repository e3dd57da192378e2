import { z } from 'zod';
import { caller, member, objectParams, workspaceParams, type ApiModule } from '../../server/api.ts';
import type { Permission } from '../../server/permissions.ts';
import { noContent, pageSchema } from '../../server/schemas.ts';
import { pageQuerySchema } from '../../lib/pagination.ts';
import { isoInstantSchema } from '../../lib/timezones.ts';
import { POST_STATES } from '../../db/schema.ts';
import {
  commentOnPost,
  createPost,
  deletePost,
  importPosts,
  retryFirstComment,
  retryPublication,
  transitionPost,
  updatePost,
} from './commands.ts';
import { listPosts, loadPost, loadPostDetail, presentComment } from './queries.ts';
import {
  channelIssuesSchema,
  commentSchema,
  postBodySchema,
  postDetailSchema,
  postSchema,
  postWithValidationSchema,
  transitionBodySchema,
  TRANSITIONS,
  type Transition,
} from './schemas.ts';
import { validateVariants } from './validation.ts';

const postParams = objectParams('postId');

/** Who may take each workflow step. */
const TRANSITION_ACCESS: Record<Transition, Permission> = {
  submit: 'post.write',
  approve: 'post.approve',
  reject: 'post.approve',
  schedule: 'post.publish',
  unschedule: 'post.publish',
  publish_now: 'post.publish',
  cancel: 'post.publish',
  restore: 'post.publish',
};

const TRANSITION_SUMMARY: Record<Transition, string> = {
  submit: 'Workflow: submit the post for review (approved at once when the workspace needs no approval)',
  approve:
    'Workflow: approve a post in review. A dated post is scheduled at its time; an undated one becomes approved (waiting for a date); ' +
    'one whose time has passed is refused (409 scheduled_time_passed) unless the body gives a new scheduledAt or publishNow: true',
  reject: 'Workflow: send a post back to draft, saying why in a comment',
  schedule: 'Workflow: schedule (or reschedule) the post at scheduledAt',
  unschedule: 'Workflow: take a scheduled post off the queue',
  publish_now: 'Workflow: publish the post now',
  cancel: 'Workflow: cancel the post (publications not yet sent are canceled; restore undoes it for a few minutes)',
  restore: 'Workflow: undo a recent cancel: the post returns to the state it had (409 restore_window_passed when too late)',
};

/** Posts: compose, validate, the approval workflow, scheduling, retries and comments. */
export const postRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;

  app.post(
    '/workspaces/:workspaceId/posts/validate',
    {
      config: { access: 'read' },
      schema: {
        tags: ['posts'],
        summary: 'Check a post against every channel’s limits without saving it',
        params: workspaceParams,
        body: postBodySchema.omit({ action: true, scheduledAt: true }),
        response: { 200: z.object({ ok: z.boolean(), channels: z.array(channelIssuesSchema) }) },
      },
    },
    async (request) => {
      const { results, ok } = await validateVariants(ctx, db, request.params.workspaceId, request.body);
      return { ok, channels: results };
    },
  );

  app.post(
    '/workspaces/:workspaceId/posts',
    {
      config: { access: 'post.write' },
      schema: {
        tags: ['posts'],
        summary: 'Create a post (draft, submit, schedule or publish now)',
        params: workspaceParams,
        body: postBodySchema,
        response: { 201: postWithValidationSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const { post, validation, warnings } = await createPost(ctx, workspaceId, user.id, request.body);
      return reply.status(201).send({ ...(await loadPost(db, post.workspace_id, post.id)), validation, warnings });
    },
  );

  app.post(
    '/workspaces/:workspaceId/posts/bulk',
    {
      config: { access: 'post.write' },
      schema: {
        tags: ['posts'],
        summary: 'Create many posts at once (CSV import): all rows are stored, or none, with an error per failing row',
        params: workspaceParams,
        body: z.object({ posts: z.array(postBodySchema).min(1).max(1000) }),
        response: { 201: z.object({ created: z.number().int(), ids: z.array(z.string().uuid()) }) },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const ids = await importPosts(ctx, workspaceId, user.id, request.body.posts);
      return reply.status(201).send({ created: ids.length, ids });
    },
  );

  app.get(
    '/workspaces/:workspaceId/posts',
    {
      config: { access: 'read' },
      schema: {
        tags: ['posts'],
        summary: 'List posts, newest first; filter by state, channel, campaign, author, time window, undated only and text',
        params: workspaceParams,
        querystring: pageQuerySchema.extend({
          state: z.enum(POST_STATES).optional(),
          channelId: z.string().uuid().optional(),
          campaignId: z.string().uuid().optional(),
          authorId: z.string().uuid().optional(),
          from: isoInstantSchema.optional(),
          to: isoInstantSchema.optional(),
          undated: z.enum(['true', 'false']).optional(),
          q: z.string().trim().max(200).optional(),
        }),
        response: { 200: pageSchema(postSchema) },
      },
    },
    async (request) => {
      const { cursor, limit, undated, ...filters } = request.query;
      return listPosts(db, request.params.workspaceId, { ...filters, undated: undated === 'true' }, { cursor, limit });
    },
  );

  app.get(
    '/workspaces/:workspaceId/posts/:postId',
    {
      config: { access: 'read' },
      schema: {
        tags: ['posts'],
        summary: 'A post with its attempt log, comments and history',
        params: postParams,
        response: { 200: postDetailSchema },
      },
    },
    async (request) => loadPostDetail(db, request.params.workspaceId, request.params.postId),
  );

  app.put(
    '/workspaces/:workspaceId/posts/:postId',
    {
      config: { access: 'post.write' },
      schema: {
        tags: ['posts'],
        summary: 'Replace a post’s content and channels (until it publishes)',
        params: postParams,
        body: postBodySchema.omit({ action: true }),
        response: { 200: postWithValidationSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      const { validation, warnings } = await updatePost(ctx, workspaceId, request.params.postId, user.id, request.body);
      return { ...(await loadPost(db, workspaceId, request.params.postId)), validation, warnings };
    },
  );

  // One route per workflow step, each declaring who may take it.
  for (const transition of TRANSITIONS) {
    app.post(
      `/workspaces/:workspaceId/posts/:postId/${transition}`,
      {
        config: { access: TRANSITION_ACCESS[transition] },
        schema: {
          tags: ['posts'],
          summary: TRANSITION_SUMMARY[transition],
          params: postParams,
          body: transitionBodySchema,
          response: { 200: postSchema },
        },
      },
      async (request) => {
        const { user, workspaceId } = member(request);
        await transitionPost(ctx, workspaceId, request.params.postId, user.id, transition, request.body ?? {});
        return loadPost(db, workspaceId, request.params.postId);
      },
    );
  }

  app.post(
    '/workspaces/:workspaceId/posts/:postId/publications/:publicationId/retry',
    {
      config: { access: 'post.publish' },
      schema: {
        tags: ['posts'],
        summary: 'Retry a failed publication now',
        params: postParams.extend({ publicationId: z.string().uuid() }),
        response: { 200: postSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      await retryPublication(ctx, workspaceId, request.params.postId, request.params.publicationId, user.id);
      return loadPost(db, workspaceId, request.params.postId);
    },
  );

  app.post(
    '/workspaces/:workspaceId/posts/:postId/publications/:publicationId/first-comment/retry',
    {
      config: { access: 'post.publish' },
      schema: {
        tags: ['posts'],
        summary: 'Try a failed first comment again now (only the comment: its post is out and is never sent again)',
        params: postParams.extend({ publicationId: z.string().uuid() }),
        response: { 200: postSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      await retryFirstComment(ctx, workspaceId, request.params.postId, request.params.publicationId, user.id);
      return loadPost(db, workspaceId, request.params.postId);
    },
  );

  app.post(
    '/workspaces/:workspaceId/posts/:postId/comments',
    {
      config: { access: 'comment' },
      schema: {
        tags: ['posts'],
        summary: 'Comment on a post',
        params: postParams,
        body: z.object({ body: z.string().trim().min(1).max(5000) }),
        response: { 201: commentSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const row = await commentOnPost(ctx, { workspaceId, postId: request.params.postId, authorId: user.id, body: request.body.body });
      return reply.status(201).send(presentComment({ ...row, authorName: caller(request).name }));
    },
  );

  app.delete(
    '/workspaces/:workspaceId/posts/:postId',
    {
      config: { access: 'post.write' },
      schema: { tags: ['posts'], summary: 'Delete a post that never published', params: postParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      await deletePost(ctx, { workspaceId, postId: request.params.postId, actorId: user.id });
      return reply.status(204).send(null);
    },
  );
};
