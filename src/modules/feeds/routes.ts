import { z } from 'zod';
import { member, objectParams, workspaceParams, type ApiModule } from '../../server/api.ts';
import { instant, listSchema, noContent } from '../../server/schemas.ts';
import { checkFeedNow, createFeed, deleteFeed, FEED_DESTINATIONS, updateFeed } from './commands.ts';
import { feedDetail, listFeeds } from './queries.ts';

const feedParams = objectParams('feedId');

const feedSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  url: z.string(),
  channelIds: z.array(z.string().uuid()),
  template: z.string(),
  destination: z.enum(FEED_DESTINATIONS),
  queueId: z.string().uuid().nullable(),
  trackLinks: z.boolean(),
  campaignId: z.string().uuid().nullable(),
  intervalMinutes: z.number().int(),
  paused: z.boolean(),
  lastPolledAt: instant.nullable(),
  nextPollAt: instant,
  /** Why the last read failed, as a failure code (`feed_is_html`, `feed_too_large`, `http_404`, `unreachable`…); null when it worked. */
  lastErrorCode: z.string().nullable(),
  lastError: z.string().nullable(),
  itemsPosted: z.number().int(),
  itemsFailed: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
});
const feedDetailSchema = feedSchema.extend({
  items: z.array(
    z.object({
      id: z.string().uuid(),
      guid: z.string(),
      title: z.string(),
      link: z.string().nullable(),
      publishedAt: instant.nullable(),
      status: z.enum(['posted', 'skipped', 'failed']),
      postId: z.string().uuid().nullable(),
      postState: z.string().nullable(),
      /** Why the item did not become a post (or could not join its queue): an API error code. */
      errorCode: z.string().nullable(),
      createdAt: instant,
    }),
  ),
});
const pollSchema = z.object({
  status: z.enum(['read', 'not_modified', 'failed']),
  created: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  errorCode: z.string().nullable(),
});

const template = z.string().trim().min(1).max(2000);
const settings = {
  name: z.string().trim().min(1).max(200).optional(),
  template: template.optional(),
  destination: z.enum(FEED_DESTINATIONS).optional(),
  queueId: z.string().uuid().nullable().optional(),
  trackLinks: z.boolean().optional(),
  campaignId: z.string().uuid().nullable().optional(),
  intervalMinutes: z.number().int().min(5).max(1440).optional(),
  paused: z.boolean().optional(),
};

/** RSS/Atom feeds whose new items become drafts, posts in review or posts in a queue (issue 16, part 4). */
export const feedRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;
  const tags = ['feeds'];

  app.get(
    '/workspaces/:workspaceId/feeds',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Feeds with their settings, last read and problem',
        params: workspaceParams,
        response: { 200: listSchema(feedSchema) },
      },
    },
    async (request) => ({ items: await listFeeds(db, request.params.workspaceId) }),
  );

  app.post(
    '/workspaces/:workspaceId/feeds',
    {
      config: { access: 'post.publish' },
      schema: {
        tags,
        summary:
          'Follow an RSS or Atom feed: it is read at once (a web page, an answer over 5 MB or an unreachable address is refused, nothing stored) and its newest items become posts',
        params: workspaceParams,
        body: z.object({
          url: z.string().trim().min(1).max(2000),
          channelIds: z.array(z.string().uuid()).min(1).max(50),
          ...settings,
        }),
        response: { 201: feedSchema.extend({ poll: pollSchema }) },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const { feed, poll } = await createFeed(ctx, workspaceId, user.id, request.body);
      const [view] = (await listFeeds(db, workspaceId)).filter((f) => f.id === feed.id);
      return reply.status(201).send({ ...view!, poll });
    },
  );

  app.get(
    '/workspaces/:workspaceId/feeds/:feedId',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'One feed with its latest items and the post each became',
        params: feedParams,
        response: { 200: feedDetailSchema },
      },
    },
    async (request) => feedDetail(db, request.params.workspaceId, request.params.feedId),
  );

  app.patch(
    '/workspaces/:workspaceId/feeds/:feedId',
    {
      config: { access: 'post.publish' },
      schema: {
        tags,
        summary: 'Change a feed: channels, template, destination, queue, tracked links, campaign, interval, pause',
        params: feedParams,
        body: z.object({ channelIds: z.array(z.string().uuid()).min(1).max(50).optional(), ...settings }),
        response: { 200: feedDetailSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      await updateFeed(ctx, workspaceId, request.params.feedId, user.id, request.body);
      return feedDetail(db, workspaceId, request.params.feedId);
    },
  );

  app.post(
    '/workspaces/:workspaceId/feeds/:feedId/check',
    {
      config: { access: 'post.publish' },
      schema: {
        tags,
        summary: 'Read the feed now (conditional GET) and turn its new items into posts',
        params: feedParams,
        response: { 200: pollSchema },
      },
    },
    async (request) => checkFeedNow(ctx, request.params.workspaceId, request.params.feedId),
  );

  app.delete(
    '/workspaces/:workspaceId/feeds/:feedId',
    {
      config: { access: 'post.publish' },
      schema: { tags, summary: 'Stop following a feed (the posts it made stay)', params: feedParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      await deleteFeed(ctx, workspaceId, request.params.feedId, user.id);
      return reply.status(204).send(null);
    },
  );
};
