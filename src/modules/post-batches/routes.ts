import { z } from 'zod';
import { member, objectParams, workspaceParams, type ApiModule } from '../../server/api.ts';
import { instant } from '../../server/schemas.ts';
import { isoInstantSchema } from '../../lib/timezones.ts';
import { loadPost } from '../posts/queries.ts';
import { postSchema } from '../posts/schemas.ts';
import { duplicatePost, runBatch, undoBatch } from './commands.ts';

const postIds = z.array(z.string().uuid()).min(1).max(500);

/** One operation on several posts; `action` says which, and what else it needs. */
const batchBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('move'), postIds, days: z.number().int().min(-366).max(366) }),
  z.object({
    action: z.literal('reschedule'),
    postIds,
    scheduledAt: isoInstantSchema,
    spacingMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .default(0),
  }),
  z.object({ action: z.literal('queue'), postIds, queueId: z.string().uuid() }),
  z.object({ action: z.literal('delete'), postIds }),
]);

const markSchema = z.object({
  id: z.string().uuid(),
  state: z.string(),
  scheduledAt: instant.nullable(),
  queueId: z.string().uuid().nullable(),
});

/** Calendar work (issue 16, part 10): batch operations on posts with undo, and duplicating a post. */
export const postBatchRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;
  const tags = ['posts'];

  app.post(
    '/workspaces/:workspaceId/post-batches',
    {
      config: { access: 'post.publish' },
      schema: {
        tags,
        summary:
          'Change several posts at once — move by days (same wall-clock time in the brand’s zone), reschedule from a time ' +
          '(spaced by spacingMinutes, in the order given), add to a queue (next free slots, in order) or delete. All or nothing: ' +
          'when any post cannot change, none does (422 batch_failed, details: one { postId, code, message } per post). ' +
          'Undo with POST …/post-batches/{batchId}/undo until undoUntil.',
        params: workspaceParams,
        body: batchBody,
        response: {
          200: z.object({
            batchId: z.string().uuid(),
            action: z.enum(['move', 'reschedule', 'queue', 'delete']),
            count: z.number().int(),
            undoUntil: instant,
            posts: z.array(markSchema),
          }),
        },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      const { postIds: ids, ...operation } = request.body;
      return runBatch(ctx, workspaceId, user.id, ids, operation);
    },
  );

  app.post(
    '/workspaces/:workspaceId/post-batches/:batchId/undo',
    {
      config: { access: 'post.publish' },
      schema: {
        tags,
        summary:
          'Undo a batch: deleted posts come back as they were; moved, rescheduled or queued posts get their state, time and queue back. ' +
          '409 batch_undo_expired after the window, batch_already_undone, or batch_undo_conflict when a post changed since (nothing undone)',
        params: objectParams('batchId'),
        response: { 200: z.object({ batchId: z.string().uuid(), action: z.string(), count: z.number().int() }) },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return undoBatch(ctx, workspaceId, request.params.batchId, user.id);
    },
  );

  app.post(
    '/workspaces/:workspaceId/posts/:postId/duplicate',
    {
      config: { access: 'post.write' },
      schema: {
        tags,
        summary:
          'Duplicate a post: a new draft with the same channels, texts, media and links to strategy; undated unless scheduledAt is given',
        params: objectParams('postId'),
        body: z.object({ scheduledAt: isoInstantSchema.nullable().optional() }).default({}),
        response: { 201: postSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const copy = await duplicatePost(ctx, workspaceId, request.params.postId, user.id, request.body?.scheduledAt ?? null);
      return reply.status(201).send(await loadPost(db, workspaceId, copy.id));
    },
  );
};
