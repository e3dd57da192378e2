import { z } from 'zod';
import { member, workspaceParams, type ApiModule } from '../../server/api.ts';
import type { AppContext } from '../../server/context.ts';
import { instant, listSchema, noContent } from '../../server/schemas.ts';
import { notFound } from '../../lib/errors.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import { isoInstantSchema } from '../../lib/timezones.ts';
import { POST_STATES, PUBLICATION_STATES } from '../../db/schema.ts';
import { publicBaseUrl, publicUrlWarning } from '../../lib/public-url.ts';
import { renderIcal } from './ical.ts';
import { createCalendarFeed, revokeCalendarFeed } from './commands.ts';
import { calendarEntries, feedUrl } from './feed.ts';
import { calendarRepository } from './repository.ts';

/** Where feed URLs point: PUBLIC_URL, else the loopback default (never the client's Host header). */
function baseUrl(ctx: AppContext): string {
  return publicBaseUrl(ctx.config);
}

/** A dated post in the month and week views. */
const calendarEntrySchema = z.object({
  id: z.string().uuid(),
  content: z.string(),
  state: z.enum(POST_STATES),
  scheduledAt: instant,
  authorId: z.string().uuid().nullable(),
  campaignId: z.string().uuid().nullable(),
  /** An occurrence of a recurring post. */
  recurring: z.boolean(),
  channels: z.array(z.object({ channelId: z.string().uuid(), state: z.enum(PUBLICATION_STATES) })),
});

/** Why a link Plaza hands out may not reach other people (PUBLIC_URL unset). */
const urlWarningSchema = z.object({ code: z.string(), message: z.string(), base: z.string() });

/** Token-protected iCalendar feed of a workspace's calendar, and the token's management. */
export const calendarRoutes: ApiModule = async (app, ctx) => {
  app.get(
    '/workspaces/:workspaceId/calendar/entries',
    {
      config: { access: 'read' },
      schema: {
        tags: ['calendar'],
        summary: 'Compact calendar entries (dated posts) in a window, for month/week views: one query, up to 5,000 posts',
        params: workspaceParams,
        querystring: z.object({
          from: isoInstantSchema,
          to: isoInstantSchema,
          state: z.enum(POST_STATES).optional(),
          channelId: z.string().uuid().optional(),
          campaignId: z.string().uuid().optional(),
          authorId: z.string().uuid().optional(),
        }),
        response: { 200: listSchema(calendarEntrySchema) },
      },
    },
    async (request) => {
      const rows = await calendarRepository.entries(ctx.database.raw, request.params.workspaceId, request.query);
      return {
        items: rows.map((row) => ({
          id: row.id,
          content: row.content,
          state: row.state,
          scheduledAt: new Date(row.scheduled_at).toISOString(),
          authorId: row.author_id,
          campaignId: row.campaign_id,
          recurring: row.recurring,
          channels: row.channels,
        })),
      };
    },
  );

  app.post(
    '/workspaces/:workspaceId/calendar/feed',
    {
      config: { access: 'read' },
      schema: {
        tags: ['calendar'],
        summary: 'Create (or replace) your iCalendar feed URL for this workspace; the URL is shown once',
        params: workspaceParams,
        response: { 201: z.object({ url: z.string(), urlWarning: urlWarningSchema.nullable() }) },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const token = await createCalendarFeed(ctx, workspaceId, user.id);
      return reply.status(201).send({ url: feedUrl(baseUrl(ctx), token), urlWarning: publicUrlWarning(ctx.config) });
    },
  );

  app.get(
    '/workspaces/:workspaceId/calendar/feed',
    {
      config: { access: 'read' },
      schema: {
        tags: ['calendar'],
        summary: 'Whether you have an active iCalendar feed URL for this workspace',
        params: workspaceParams,
        response: { 200: z.object({ active: z.boolean(), createdAt: instant.nullable() }) },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      const feed = await calendarRepository.activeFeed(ctx.database.raw, workspaceId, user.id);
      return { active: feed !== undefined, createdAt: feed?.created_at ?? null };
    },
  );

  app.delete(
    '/workspaces/:workspaceId/calendar/feed',
    {
      config: { access: 'read' },
      schema: { tags: ['calendar'], summary: 'Revoke your iCalendar feed URL', params: workspaceParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      await revokeCalendarFeed(ctx, workspaceId, user.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/calendar/:feedFile',
    {
      config: { access: 'public' },
      schema: {
        tags: ['calendar'],
        summary: 'The iCalendar feed (text/calendar); the token in the URL is the credential',
        params: z.object({ feedFile: z.string().regex(/^[A-Za-z0-9_-]{16,128}\.ics$/) }),
        produces: ['text/calendar'],
        response: { 200: z.string().describe('An iCalendar (RFC 5545) document') },
      },
    },
    async (request, reply) => {
      const token = request.params.feedFile.slice(0, -4);
      const feed = await calendarRepository.feedByTokenHash(ctx.database.raw, sha256Hex(token));
      // A revoked token, or one whose owner left the workspace, no longer opens the feed.
      if (!feed) throw notFound('Calendar feed');
      const base = baseUrl(ctx);
      const body = renderIcal(`Plaza · ${feed.name}`, await calendarEntries(ctx, feed.workspace_id, base), new Date(ctx.clock.now()));
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(body);
    },
  );
};
