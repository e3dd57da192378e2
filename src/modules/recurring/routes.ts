import { z } from 'zod';
import { member, objectParams, requirePermission, workspaceParams, type ApiModule } from '../../server/api.ts';
import { instant, listSchema } from '../../server/schemas.ts';
import { postBodySchema } from '../posts/schemas.ts';
import { createRecurring, stopRecurring, updateRecurring } from './commands.ts';
import { recycleQueue, setEvergreen, setQueueRecycling } from './evergreen.ts';
import { evergreenStatus, listEvergreen, listRecurring, recurringDetail } from './queries.ts';

const ruleParams = objectParams('ruleId');
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

const ruleBody = {
  /** RFC 5545 RRULE without DTSTART, e.g. FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10. */
  rule: z.string().trim().min(1).max(500),
  /** The first occurrence on the brand's wall clock. */
  startsLocal: z.string().regex(LOCAL, 'Expected a local date and time, yyyy-MM-ddTHH:mm'),
  /** Days of occurrences created ahead (rolling window); null: refuse a rule that never ends. */
  windowDays: z.number().int().min(1).max(366).nullable().optional(),
};

/** A queue as evergreen answers name it. */
const queueRef = z.object({ id: z.string().uuid(), name: z.string(), gapDays: z.number().int(), paused: z.boolean() });

const ruleSchema = z.object({
  id: z.string().uuid(),
  rule: z.string(),
  startsLocal: z.string(),
  timeZone: z.string(),
  windowDays: z.number().int(),
  content: z.string(),
  channelIds: z.array(z.string()),
  action: z.string(),
  authorId: z.string().uuid().nullable(),
  finished: z.boolean(),
  stoppedAt: instant.nullable(),
  generatedUntil: instant,
  occurrences: z.object({ total: z.number().int(), published: z.number().int(), upcoming: z.number().int() }),
  nextAt: instant.nullable(),
  createdAt: instant,
});
const ruleDetailSchema = ruleSchema.extend({
  template: z.record(z.string(), z.unknown()),
  items: z.array(
    z.object({ postId: z.string().uuid(), state: z.string(), scheduledAt: instant.nullable(), local: z.string(), detached: z.boolean() }),
  ),
});

/** Recurring posts (RRULE) and evergreen recycling (issue 16, parts 2 and 3). */
export const recurringRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;
  const tags = ['recurring'];

  app.get(
    '/workspaces/:workspaceId/recurring',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Recurring posts, newest first, with their occurrence counts',
        params: workspaceParams,
        response: { 200: listSchema(ruleSchema) },
      },
    },
    async (request) => ({ items: await listRecurring(db, request.params.workspaceId) }),
  );

  app.post(
    '/workspaces/:workspaceId/recurring',
    {
      config: { access: 'post.write' },
      schema: {
        tags,
        summary:
          'Create a recurring post: a post body, an RRULE and its first local date and time; occurrences are created as posts up to windowDays ahead',
        params: workspaceParams,
        body: z.object({ post: postBodySchema, ...ruleBody }),
        response: { 201: ruleDetailSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      if (request.body.post.action === 'schedule') requirePermission(request, 'post.publish');
      const { ruleId } = await createRecurring(ctx, workspaceId, user.id, request.body);
      return reply.status(201).send((await recurringDetail(db, workspaceId, ruleId)) as z.infer<typeof ruleDetailSchema>);
    },
  );

  app.get(
    '/workspaces/:workspaceId/recurring/:ruleId',
    {
      config: { access: 'read' },
      schema: { tags, summary: 'One recurring post with its occurrences', params: ruleParams, response: { 200: ruleDetailSchema } },
    },
    async (request) => recurringDetail(db, request.params.workspaceId, request.params.ruleId),
  );

  app.patch(
    '/workspaces/:workspaceId/recurring/:ruleId',
    {
      config: { access: 'post.write' },
      schema: {
        tags,
        summary:
          'Edit all future occurrences (text and channels, rule, start or window); occurrences edited on their own and past ones stay',
        params: ruleParams,
        body: z.object({
          post: postBodySchema.optional(),
          rule: ruleBody.rule.optional(),
          startsLocal: ruleBody.startsLocal.optional(),
          windowDays: ruleBody.windowDays,
        }),
        response: { 200: ruleDetailSchema.extend({ removed: z.number().int(), created: z.number().int() }) },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      if (request.body.post?.action === 'schedule') requirePermission(request, 'post.publish');
      const result = await updateRecurring(ctx, workspaceId, request.params.ruleId, user.id, request.body);
      return { ...(await recurringDetail(db, workspaceId, request.params.ruleId)), ...result };
    },
  );

  app.post(
    '/workspaces/:workspaceId/recurring/:ruleId/stop',
    {
      config: { access: 'post.write' },
      schema: {
        tags,
        summary: 'Stop a recurring post: its future occurrences not yet publishing (and not edited on their own) are deleted',
        params: ruleParams,
        response: { 200: ruleDetailSchema.extend({ removed: z.number().int() }) },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      const { removed } = await stopRecurring(ctx, workspaceId, request.params.ruleId, user.id);
      return { ...(await recurringDetail(db, workspaceId, request.params.ruleId)), removed };
    },
  );

  // ——— Evergreen ———

  app.get(
    '/workspaces/:workspaceId/evergreen',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary:
          'Evergreen posts (shared again by queues that recycle) with their alternative texts, recycling queues, last and next re-share; and every queue with its recycling gap',
        params: workspaceParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string().uuid(),
                content: z.string(),
                variants: z.array(z.string()),
                state: z.string(),
                scheduledAt: instant.nullable(),
                reshares: z.number().int(),
                lastSharedAt: instant.nullable(),
                nextShareAt: instant.nullable(),
                queues: z.array(queueRef),
              }),
            ),
            queues: z.array(queueRef.extend({ gapDays: z.number().int().nullable(), channelIds: z.array(z.string().uuid()) })),
          }),
        },
      },
    },
    async (request) => listEvergreen(db, request.params.workspaceId, new Date(ctx.clock.now())),
  );

  app.get(
    '/workspaces/:workspaceId/posts/:postId/evergreen',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary:
          'A post’s evergreen status: its alternative texts, the queues whose channels cover it (gapDays null: not recycling), networks that refuse a repeated text, last and next re-share',
        params: objectParams('postId'),
        response: {
          200: z.object({
            evergreen: z.boolean(),
            variants: z.array(z.string()),
            sourceId: z.string().uuid().nullable(),
            published: z.boolean(),
            queues: z.array(queueRef.extend({ gapDays: z.number().int().nullable() })),
            refusesDuplicates: z.array(z.string()),
            lastSharedAt: instant.nullable(),
            nextShareAt: instant.nullable(),
            earliestNextAt: instant.nullable(),
            reshares: z.array(
              z.object({
                postId: z.string().uuid(),
                state: z.string(),
                scheduledAt: instant.nullable(),
                text: z.string(),
                queueId: z.string().uuid().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => evergreenStatus(db, request.params.workspaceId, request.params.postId, new Date(ctx.clock.now())),
  );

  app.put(
    '/workspaces/:workspaceId/posts/:postId/evergreen',
    {
      config: { access: 'post.write' },
      schema: {
        tags,
        summary: 'Mark a post evergreen (with alternative texts for its re-shares) or take it out',
        params: objectParams('postId'),
        body: z.object({ evergreen: z.boolean(), variants: z.array(z.string().max(20_000)).max(20).optional() }),
        response: { 200: z.object({ evergreen: z.boolean(), variants: z.array(z.string()) }) },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return setEvergreen(ctx, workspaceId, request.params.postId, user.id, request.body);
    },
  );

  app.put(
    '/workspaces/:workspaceId/queues/:queueId/evergreen',
    {
      config: { access: 'post.publish' },
      schema: {
        tags,
        summary: 'Let a queue recycle evergreen posts into its free slots, at least gapDays apart per post (null: stop recycling)',
        params: objectParams('queueId'),
        body: z.object({ gapDays: z.number().int().min(1).max(365).nullable() }),
        response: { 200: z.object({ queueId: z.string().uuid(), evergreenGapDays: z.number().int().nullable() }) },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return setQueueRecycling(ctx, workspaceId, request.params.queueId, user.id, request.body.gapDays);
    },
  );

  app.post(
    '/workspaces/:workspaceId/queues/:queueId/evergreen/fill',
    {
      config: { access: 'post.publish' },
      schema: {
        tags,
        summary: 'Fill the queue’s free slots of the coming week with evergreen re-shares now (the hourly job does the same)',
        params: objectParams('queueId'),
        response: {
          200: listSchema(z.object({ postId: z.string().uuid(), sourceId: z.string().uuid(), scheduledAt: instant, text: z.string() })),
        },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return { items: await recycleQueue(ctx, workspaceId, request.params.queueId, user.id) };
    },
  );
};
