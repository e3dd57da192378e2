import { z } from 'zod';
import { sql } from 'kysely';
import { workspaceParams, type ApiModule } from '../../server/api.ts';
import type { AppContext } from '../../server/context.ts';
import { requireRole } from '../../server/auth.ts';
import { notFound } from '../../lib/errors.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import { recordEvent } from '../events/events.ts';
import { renderIcal, type CalendarEvent } from './ical.ts';
import { isoInstantSchema } from '../../lib/timezones.ts';
import { POST_STATES } from '../../db/schema.ts';
import { publicBaseUrl, publicUrlWarning } from '../../lib/public-url.ts';

const FEED_WINDOW_PAST_DAYS = 90;
const FEED_WINDOW_FUTURE_DAYS = 400;

/** Where feed URLs point: PUBLIC_URL, else the loopback default (never the client's Host header). */
function baseUrl(ctx: AppContext): string {
  return publicBaseUrl(ctx.config);
}

/** The feed URL a calendar app subscribes to (the token is the only credential). */
export function feedUrl(base: string, token: string): string {
  return `${base}/api/v1/calendar/${token}.ics`;
}

/** Builds the iCalendar entries of a workspace's dated posts within the feed window. */
export async function calendarEntries(ctx: AppContext, workspaceId: string, base: string): Promise<CalendarEvent[]> {
  const now = ctx.clock.now();
  const { rows } = await ctx.database.raw.query<{ id: string; content: string; state: string; scheduled_at: Date | string; updated_at: Date | string; channels: string | null }>(
    `SELECT p.id, p.content, p.state, p.scheduled_at, p.updated_at,
            (SELECT string_agg(c.name, ', ' ORDER BY c.name) FROM publications pub JOIN channels c ON c.id = pub.channel_id WHERE pub.post_id = p.id) AS channels
       FROM posts p
      WHERE p.workspace_id = $1 AND p.scheduled_at IS NOT NULL AND p.scheduled_at >= $2 AND p.scheduled_at < $3
      ORDER BY p.scheduled_at LIMIT 5000`,
    [workspaceId, new Date(now - FEED_WINDOW_PAST_DAYS * 86_400_000), new Date(now + FEED_WINDOW_FUTURE_DAYS * 86_400_000)],
  );
  return rows.map((row) => {
    const firstLine = row.content.split('\n')[0].trim();
    const summary = `[${row.state}] ${firstLine.length > 60 ? `${firstLine.slice(0, 59)}…` : firstLine || '(media)'}`;
    return {
      uid: `${row.id}@plaza`,
      start: new Date(row.scheduled_at),
      durationMinutes: 15,
      summary,
      description: `${row.content}\n\n${row.channels ?? ''}`.trim(),
      url: `${base}/posts/${row.id}`,
      status: row.state === 'canceled' ? 'CANCELLED' : row.state === 'scheduled' || row.state === 'published' ? 'CONFIRMED' : 'TENTATIVE',
      updatedAt: new Date(row.updated_at),
    };
  });
}

/** Token-protected iCalendar feed of a workspace's calendar, and the token's management. */
export const calendarRoutes: ApiModule = async (app, ctx) => {
  app.get(
    '/workspaces/:workspaceId/calendar/entries',
    {
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
      },
    },
    async (request) => {
      await requireRole(ctx, request, request.params.workspaceId, 'read');
      const q = request.query;
      const { rows } = await ctx.database.raw.query<{ id: string; content: string; state: string; scheduled_at: Date; author_id: string | null; campaign_id: string | null; channels: Array<{ channelId: string; state: string }> | null }>(
        `SELECT p.id, left(p.content, 140) AS content, p.state, p.scheduled_at, p.author_id, p.campaign_id,
                (SELECT json_agg(json_build_object('channelId', pub.channel_id, 'state', pub.state) ORDER BY pub.created_at) FROM publications pub WHERE pub.post_id = p.id) AS channels
           FROM posts p
          WHERE p.workspace_id = $1 AND p.scheduled_at >= $2 AND p.scheduled_at < $3
            AND ($4::text IS NULL OR p.state = $4)
            AND ($5::uuid IS NULL OR EXISTS (SELECT 1 FROM publications x WHERE x.post_id = p.id AND x.channel_id = $5))
            AND ($6::uuid IS NULL OR p.campaign_id = $6)
            AND ($7::uuid IS NULL OR p.author_id = $7)
          ORDER BY p.scheduled_at LIMIT 5000`,
        [request.params.workspaceId, q.from, q.to, q.state ?? null, q.channelId ?? null, q.campaignId ?? null, q.authorId ?? null],
      );
      return {
        items: rows.map((row) => ({
          id: row.id,
          content: row.content,
          state: row.state,
          scheduledAt: new Date(row.scheduled_at).toISOString(),
          authorId: row.author_id,
          campaignId: row.campaign_id,
          channels: row.channels ?? [],
        })),
      };
    },
  );

  app.post(
    '/workspaces/:workspaceId/calendar/feed',
    { schema: { tags: ['calendar'], summary: 'Create (or replace) your iCalendar feed URL for this workspace; the URL is shown once', params: workspaceParams } },
    async (request, reply) => {
      const { user } = await requireRole(ctx, request, request.params.workspaceId, 'read');
      const token = randomToken(24);
      const { workspaceId } = request.params;
      // Replacing the feed revokes the old URL in the same transaction as the new one.
      await ctx.database.db.transaction().execute(async (trx) => {
        await sql`UPDATE calendar_feeds SET revoked_at = now() WHERE workspace_id = ${workspaceId} AND user_id = ${user.id} AND revoked_at IS NULL`.execute(trx);
        await sql`INSERT INTO calendar_feeds (workspace_id, user_id, token_hash) VALUES (${workspaceId}, ${user.id}, ${sha256Hex(token)})`.execute(trx);
        await recordEvent(trx, { workspaceId, actorUserId: user.id, type: 'calendar_feed.created', subjectType: 'calendar_feed', subjectId: user.id });
      });
      return reply.status(201).send({ url: feedUrl(baseUrl(ctx), token), urlWarning: publicUrlWarning(ctx.config) });
    },
  );

  app.get(
    '/workspaces/:workspaceId/calendar/feed',
    { schema: { tags: ['calendar'], summary: 'Whether you have an active iCalendar feed URL for this workspace', params: workspaceParams } },
    async (request) => {
      const { user } = await requireRole(ctx, request, request.params.workspaceId, 'read');
      const { rows } = await ctx.database.raw.query<{ created_at: Date }>(
        'SELECT created_at FROM calendar_feeds WHERE workspace_id = $1 AND user_id = $2 AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1',
        [request.params.workspaceId, user.id],
      );
      return { active: rows.length > 0, createdAt: rows[0]?.created_at ?? null };
    },
  );

  app.delete(
    '/workspaces/:workspaceId/calendar/feed',
    { schema: { tags: ['calendar'], summary: 'Revoke your iCalendar feed URL', params: workspaceParams } },
    async (request, reply) => {
      const { user } = await requireRole(ctx, request, request.params.workspaceId, 'read');
      await ctx.database.raw.query('UPDATE calendar_feeds SET revoked_at = now() WHERE workspace_id = $1 AND user_id = $2 AND revoked_at IS NULL', [request.params.workspaceId, user.id]);
      await recordEvent(ctx.database.db, { workspaceId: request.params.workspaceId, actorUserId: user.id, type: 'calendar_feed.revoked', subjectType: 'calendar_feed', subjectId: user.id });
      return reply.status(204).send();
    },
  );

  app.get(
    '/calendar/:feedFile',
    {
      schema: {
        tags: ['calendar'],
        summary: 'The iCalendar feed (text/calendar); the token in the URL is the credential',
        security: [],
        params: z.object({ feedFile: z.string().regex(/^[A-Za-z0-9_-]{16,128}\.ics$/) }),
      },
    },
    async (request, reply) => {
      const token = request.params.feedFile.slice(0, -4);
      const { rows } = await ctx.database.raw.query<{ workspace_id: string; user_id: string; name: string }>(
        `SELECT f.workspace_id, f.user_id, w.name FROM calendar_feeds f
           JOIN workspaces w ON w.id = f.workspace_id
           JOIN memberships m ON m.workspace_id = f.workspace_id AND m.user_id = f.user_id
          WHERE f.token_hash = $1 AND f.revoked_at IS NULL`,
        [sha256Hex(token)],
      );
      // A revoked token, or one whose owner left the workspace, no longer opens the feed.
      if (rows.length === 0) throw notFound('Calendar feed');
      const base = baseUrl(ctx);
      const body = renderIcal(`Plaza · ${rows[0].name}`, await calendarEntries(ctx, rows[0].workspace_id, base), new Date(ctx.clock.now()));
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(body);
    },
  );
};
