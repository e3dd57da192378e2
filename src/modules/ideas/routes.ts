import { z } from 'zod';
import { member, objectParams, workspaceParams, type ApiModule } from '../../server/api.ts';
import { instant, listSchema, noContent } from '../../server/schemas.ts';
import { POST_STATES } from '../../db/schema.ts';
import { BOARD_COLUMNS } from './board.ts';
import {
  commentOnIdea,
  createIdea,
  createSnippet,
  deleteIdea,
  deleteSnippet,
  ideaToPost,
  moveIdea,
  updateIdea,
  updateSnippet,
} from './commands.ts';
import { hashtagSuggestions, ideaDetail, ideasBoard, listSnippets, presentSnippet } from './queries.ts';
import { SNIPPET_KINDS } from './tables.ts';

const ideaParams = objectParams('ideaId');
const snippetParams = objectParams('snippetId');
const reference = z.string().uuid().nullable().optional();

const ideaFieldsSchema = z.object({
  title: z.string().trim().min(1).max(300),
  notes: z.string().max(10_000).optional(),
  pillarId: reference,
  campaignId: reference,
  objectiveId: reference,
  channelIds: z.array(z.string().uuid()).max(50).optional(),
  position: z.number().finite().optional(),
});

const cardSchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  notes: z.string(),
  column: z.enum(BOARD_COLUMNS),
  pillarId: z.string().uuid().nullable(),
  campaignId: z.string().uuid().nullable(),
  objectiveId: z.string().uuid().nullable(),
  channelIds: z.array(z.string().uuid()),
  postId: z.string().uuid().nullable(),
  postState: z.enum(POST_STATES).nullable(),
  postScheduledAt: instant.nullable(),
  position: z.number(),
  authorName: z.string().nullable(),
  comments: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
});
const commentSchema = z.object({
  id: z.string().uuid(),
  body: z.string(),
  authorId: z.string().uuid().nullable(),
  authorName: z.string().nullable(),
  createdAt: instant,
});
const cardDetailSchema = cardSchema.extend({ commentList: z.array(commentSchema) });

const snippetSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(SNIPPET_KINDS),
  name: z.string(),
  body: z.string(),
  hashtags: z.array(z.string()),
  createdAt: instant,
  updatedAt: instant,
});

const suggestionsSchema = z.object({
  days: z.number().int(),
  ownPosts: z.object({
    measuredPosts: z.number().int(),
    baselineRate: z.number(),
    minPosts: z.number().int(),
    items: z.array(
      z.object({
        tag: z.string(),
        key: z.string(),
        posts: z.number().int(),
        engagementRate: z.number(),
        baselineRate: z.number(),
        lift: z.number().nullable(),
      }),
    ),
  }),
  trends: z.object({
    windowHours: z.number(),
    historyWindows: z.number().int(),
    mentionsRead: z.number().int(),
    minRecent: z.number().int(),
    items: z.array(z.object({ tag: z.string(), key: z.string(), recent: z.number().int(), before: z.number(), growth: z.number() })),
  }),
});

/** The ideas board (cards tied to pillars, campaigns and objectives that become posts), snippets and hashtag suggestions (issue 16, parts 8–9). */
export const ideaRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;
  const tags = ['ideas'];

  app.get(
    '/workspaces/:workspaceId/ideas',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'The ideas board: its columns (idea → draft → in review → scheduled → published) and every card with its column',
        params: workspaceParams,
        response: { 200: listSchema(cardSchema).extend({ columns: z.array(z.enum(BOARD_COLUMNS)) }) },
      },
    },
    async (request) => ideasBoard(db, request.params.workspaceId),
  );

  app.post(
    '/workspaces/:workspaceId/ideas',
    {
      config: { access: 'post.write' },
      schema: {
        tags,
        summary: 'Add an idea card, optionally tied to a pillar, campaign and objective and with the channels its post will go to',
        params: workspaceParams,
        body: ideaFieldsSchema,
        response: { 201: cardDetailSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const idea = await createIdea(ctx, workspaceId, user.id, request.body);
      return reply.status(201).send((await ideaDetail(db, workspaceId, idea.id)) as z.infer<typeof cardDetailSchema>);
    },
  );

  app.get(
    '/workspaces/:workspaceId/ideas/:ideaId',
    {
      config: { access: 'read' },
      schema: { tags, summary: 'One idea card with its comments', params: ideaParams, response: { 200: cardDetailSchema } },
    },
    async (request) => ideaDetail(db, request.params.workspaceId, request.params.ideaId),
  );

  app.patch(
    '/workspaces/:workspaceId/ideas/:ideaId',
    {
      config: { access: 'post.write' },
      schema: {
        tags,
        summary: 'Edit an idea: title, notes, pillar, campaign, objective, channels, place on the board',
        params: ideaParams,
        body: ideaFieldsSchema.partial(),
        response: { 200: cardDetailSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      await updateIdea(ctx, workspaceId, request.params.ideaId, user.id, request.body);
      return ideaDetail(db, workspaceId, request.params.ideaId);
    },
  );

  app.delete(
    '/workspaces/:workspaceId/ideas/:ideaId',
    {
      config: { access: 'post.write' },
      schema: { tags, summary: 'Delete an idea card (a post made from it stays)', params: ideaParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      await deleteIdea(ctx, workspaceId, request.params.ideaId, user.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/workspaces/:workspaceId/ideas/:ideaId/post',
    {
      config: { access: 'post.write' },
      schema: {
        tags,
        summary: 'Turn an idea into a draft post in one step (its text, pillar, campaign, objective; its channels unless others are given)',
        params: ideaParams,
        body: z.object({ channelIds: z.array(z.string().uuid()).max(50).optional(), content: z.string().max(20_000).optional() }),
        response: { 201: z.object({ ideaId: z.string().uuid(), postId: z.string().uuid() }) },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const { ideaId, postId } = await ideaToPost(ctx, workspaceId, request.params.ideaId, user.id, request.body);
      return reply.status(201).send({ ideaId, postId });
    },
  );

  app.post(
    '/workspaces/:workspaceId/ideas/:ideaId/move',
    {
      config: { access: 'post.write' },
      schema: {
        tags,
        summary: 'Move a card on the board: idea → draft makes its post, draft → in review submits it; within a column, its place',
        params: ideaParams,
        body: z.object({
          column: z.enum(BOARD_COLUMNS),
          position: z.number().finite().optional(),
          channelIds: z.array(z.string().uuid()).max(50).optional(),
        }),
        response: {
          200: z.object({ from: z.enum(BOARD_COLUMNS), to: z.enum(BOARD_COLUMNS), postId: z.string().uuid().nullable() }),
        },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return moveIdea(ctx, workspaceId, request.params.ideaId, user.id, request.body);
    },
  );

  app.post(
    '/workspaces/:workspaceId/ideas/:ideaId/comments',
    {
      config: { access: 'comment' },
      schema: {
        tags,
        summary: 'Comment on an idea card',
        params: ideaParams,
        body: z.object({ body: z.string().trim().min(1).max(5000) }),
        response: { 201: commentSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const row = await commentOnIdea(ctx, { workspaceId, ideaId: request.params.ideaId, authorId: user.id, body: request.body.body });
      return reply
        .status(201)
        .send({ id: row.id, body: row.body, authorId: row.author_id, authorName: user.name ?? null, createdAt: row.created_at });
    },
  );

  app.get(
    '/workspaces/:workspaceId/snippets',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Saved text snippets and hashtag sets',
        params: workspaceParams,
        querystring: z.object({ kind: z.enum(SNIPPET_KINDS).optional() }),
        response: { 200: listSchema(snippetSchema) },
      },
    },
    async (request) => ({ items: await listSnippets(db, request.params.workspaceId, request.query.kind) }),
  );

  app.post(
    '/workspaces/:workspaceId/snippets',
    {
      config: { access: 'post.write' },
      schema: {
        tags,
        summary: 'Save a text snippet, or a hashtag set (tags separated by spaces or commas; the “#” may be left out)',
        params: workspaceParams,
        body: z.object({ kind: z.enum(SNIPPET_KINDS), name: z.string().trim().min(1).max(100), body: z.string().trim().min(1).max(5000) }),
        response: { 201: snippetSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      return reply.status(201).send(presentSnippet(await createSnippet(ctx, workspaceId, user.id, request.body)));
    },
  );

  app.patch(
    '/workspaces/:workspaceId/snippets/:snippetId',
    {
      config: { access: 'post.write' },
      schema: {
        tags,
        summary: 'Rename a snippet or change its text',
        params: snippetParams,
        body: z.object({ name: z.string().trim().min(1).max(100).optional(), body: z.string().trim().min(1).max(5000).optional() }),
        response: { 200: snippetSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return presentSnippet(await updateSnippet(ctx, workspaceId, request.params.snippetId, user.id, request.body));
    },
  );

  app.delete(
    '/workspaces/:workspaceId/snippets/:snippetId',
    {
      config: { access: 'post.write' },
      schema: { tags, summary: 'Delete a snippet or hashtag set', params: snippetParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      await deleteSnippet(ctx, workspaceId, request.params.snippetId, user.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/workspaces/:workspaceId/hashtag-suggestions',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary:
          'Hashtags suggested from the brand’s own data, with evidence: its best-performing posts (engagement rate by followers, first 24 h) and listening’s current trends (growth over the last day)',
        params: workspaceParams,
        querystring: z.object({ days: z.coerce.number().int().min(7).max(365).default(90) }),
        response: { 200: suggestionsSchema },
      },
    },
    async (request) => hashtagSuggestions(db, request.params.workspaceId, { now: ctx.clock.now(), days: request.query.days }),
  );
};
