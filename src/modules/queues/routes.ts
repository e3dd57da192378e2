import { z } from 'zod';
import { member, objectParams, workspaceParams, type ApiModule } from '../../server/api.ts';
import { instant, listSchema, noContent } from '../../server/schemas.ts';
import { addToQueue, createQueue, deleteQueue, reorderQueue, updateQueue } from './commands.ts';
import { listQueues, queueDetail, suggestedSlots } from './queries.ts';
import { parseSlotTime } from './slots.ts';

const queueParams = objectParams('queueId');

/** A weekly slot as people write it: ISO weekday (1 = Monday) and "HH:MM" in the brand's zone. */
const slotSchema = z.object({ weekday: z.number().int().min(1).max(7), time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/) });
const slotsBody = z.array(slotSchema).max(7 * 48);
const toSlots = (slots: Array<z.infer<typeof slotSchema>>) => slots.map((s) => ({ weekday: s.weekday, minute: parseSlotTime(s.time)! }));

const queueSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  paused: z.boolean(),
  timeZone: z.string(),
  channelIds: z.array(z.string().uuid()),
  slots: z.array(slotSchema),
  posts: z.number().int(),
  nextFreeSlots: z.array(instant),
  createdAt: instant,
  updatedAt: instant,
});
const queueDetailSchema = queueSchema.extend({
  heldPosts: z.array(z.object({ id: z.string().uuid(), state: z.string(), scheduledAt: instant.nullable(), content: z.string() })),
});

/** Queues with weekly time slots: "add to queue" puts a post in the next free slot (issue 16). */
export const queueRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;
  const tags = ['queues'];
  const now = () => ctx.clock.now();

  app.get(
    '/workspaces/:workspaceId/queues',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Queues with their slots, channels, posts held and next free slots',
        params: workspaceParams,
        response: { 200: listSchema(queueSchema) },
      },
    },
    async (request) => ({ items: await listQueues(db, request.params.workspaceId, now()) }),
  );

  app.post(
    '/workspaces/:workspaceId/queues',
    {
      config: { access: 'post.publish' },
      schema: {
        tags,
        summary: 'Create a queue: a name, its channels and weekly slots in the workspace time zone',
        params: workspaceParams,
        body: z.object({
          name: z.string().trim().min(1).max(100),
          channelIds: z.array(z.string().uuid()).max(50).default([]),
          slots: slotsBody.default([]),
        }),
        response: { 201: queueSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const queue = await createQueue(ctx, workspaceId, user.id, { ...request.body, slots: toSlots(request.body.slots) });
      return reply.status(201).send((await queueDetail(db, workspaceId, queue.id, now())) as z.infer<typeof queueSchema>);
    },
  );

  app.get(
    '/workspaces/:workspaceId/queues/suggested-slots',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Slots proposed from the best-time grid (best hours by engagement rate), with their evidence',
        params: workspaceParams,
        querystring: z.object({ perWeek: z.coerce.number().int().min(1).max(42).default(7), channelId: z.string().uuid().optional() }),
        response: {
          200: z.object({
            timeZone: z.string(),
            samples: z.number().int(),
            minSample: z.number().int(),
            slots: z.array(slotSchema.extend({ rate: z.number(), posts: z.number().int() })),
            reasonCode: z.enum(['not_enough_posts']).nullable(),
          }),
        },
      },
    },
    async (request) => suggestedSlots(db, request.params.workspaceId, { ...request.query, now: now() }),
  );

  app.get(
    '/workspaces/:workspaceId/queues/:queueId',
    {
      config: { access: 'read' },
      schema: { tags, summary: 'One queue with the posts it holds, in order', params: queueParams, response: { 200: queueDetailSchema } },
    },
    async (request) => queueDetail(db, request.params.workspaceId, request.params.queueId, now()),
  );

  app.patch(
    '/workspaces/:workspaceId/queues/:queueId',
    {
      config: { access: 'post.publish' },
      schema: {
        tags,
        summary: 'Rename, change channels or slots (its posts move to the new slots, in order), pause or resume',
        params: queueParams,
        body: z.object({
          name: z.string().trim().min(1).max(100).optional(),
          channelIds: z.array(z.string().uuid()).max(50).optional(),
          slots: slotsBody.optional(),
          paused: z.boolean().optional(),
        }),
        response: { 200: queueDetailSchema.extend({ moved: z.number().int() }) },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      const { slots, ...rest } = request.body;
      const { moved } = await updateQueue(ctx, workspaceId, request.params.queueId, user.id, { ...rest, slots: slots && toSlots(slots) });
      return { ...(await queueDetail(db, workspaceId, request.params.queueId, now())), moved };
    },
  );

  app.delete(
    '/workspaces/:workspaceId/queues/:queueId',
    {
      config: { access: 'post.publish' },
      schema: { tags, summary: 'Delete a queue (its posts keep their times)', params: queueParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      await deleteQueue(ctx, workspaceId, request.params.queueId, user.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/workspaces/:workspaceId/queues/:queueId/posts',
    {
      config: { access: 'post.publish' },
      schema: {
        tags,
        summary: 'Add a post to the queue: it is scheduled in the next free slot (held unscheduled while the queue is paused)',
        params: queueParams,
        body: z.object({ postId: z.string().uuid() }),
        response: { 200: z.object({ queueId: z.string().uuid(), postId: z.string().uuid(), scheduledAt: instant.nullable() }) },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return addToQueue(ctx, workspaceId, request.params.queueId, request.body.postId, user.id);
    },
  );

  app.put(
    '/workspaces/:workspaceId/queues/:queueId/order',
    {
      config: { access: 'post.publish' },
      schema: {
        tags,
        summary: 'Reorder the posts a queue holds (every one of them, in the new order); their slot times are handed out again',
        params: queueParams,
        body: z.object({ postIds: z.array(z.string().uuid()).max(5000) }),
        response: { 200: z.object({ moved: z.number().int() }) },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return reorderQueue(ctx, workspaceId, request.params.queueId, request.body.postIds, user.id);
    },
  );
};
