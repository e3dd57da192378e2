import { z } from 'zod';
import { member, workspaceParams, type ApiModule } from '../../server/api.ts';
import type { AppContext } from '../../server/context.ts';
import { instant } from '../../server/schemas.ts';
import { onEvent } from '../events/events.ts';
import { sandboxTimeline } from './sandbox-timeline.ts';
import { streamCaller, streamTimings } from './stream-guard.ts';
import { redactEventData } from '../events/redact.ts';
import { can } from '../../server/permissions.ts';
import { sequenceIdSchema } from '../../lib/input.ts';
import type { Role } from '../../db/schema.ts';
import { activityRepository, type EventRowWithActor } from './repository.ts';
import { markNotificationsRead } from './commands.ts';

/** Event types that become in-app notifications (they need someone's attention). */
export const NOTIFICATION_TYPES = [
  'post.failed',
  'channel.needs_reconnect',
  'channel.token_expiring',
  'post.submit',
  'post.approve',
  'post.reject',
  'post.commented',
  'post.published',
  // The inbox tells one person (data.recipientUserId): the assignee, the teammate mentioned, the reply's author.
  'inbox.conversation.assigned',
  'inbox.note.mentioned',
  'inbox.reply.failed',
] as const;

/** An event as the web app's activity stream and notifications show it. */
export interface ActivityItem {
  id: string;
  type: string;
  subjectType: string | null;
  subjectId: string | null;
  actorUserId: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

/** An activity item (schema of the answers that carry one). */
const activityItemSchema = z.object({
  id: z.string(),
  type: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: instant,
});

const metricCountsSchema = z.object({
  likes: z.number(),
  replies: z.number(),
  reposts: z.number(),
  quotes: z.number(),
  impressions: z.number(),
  reach: z.number(),
  clicks: z.number(),
});

/** The sandbox timeline (see sandbox-timeline.ts), labelled as simulated. */
const sandboxTimelineSchema = z.object({
  simulated: z.literal(true),
  channels: z.array(
    z.object({ id: z.string().uuid(), name: z.string(), handle: z.string(), followers: z.number().nullable(), inProcess: z.boolean() }),
  ),
  entries: z.array(
    z.object({
      remotePostId: z.string(),
      channelId: z.string().uuid(),
      channelName: z.string(),
      handle: z.string(),
      text: z.string(),
      mediaCount: z.number().int(),
      acceptedAt: instant,
      publicationId: z.string().nullable(),
      postId: z.string().uuid().nullable(),
      metrics: metricCountsSchema.nullable(),
      replies: z.array(
        z.object({
          id: z.string(),
          authorHandle: z.string(),
          authorName: z.string(),
          text: z.string(),
          createdAt: instant,
          sentiment: z.string(),
        }),
      ),
    }),
  ),
});

function present(row: EventRowWithActor): ActivityItem {
  return {
    id: String(row.id),
    type: row.type,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    data: typeof row.data === 'string' ? (JSON.parse(row.data) as Record<string, unknown>) : row.data,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * Events of a workspace after `afterId`, oldest first, with the actor's name.
 * Reading the table (not only in-process listeners) sees events written by any
 * process sharing the database, including the engine's bulk post.published/failed.
 */
export async function eventsAfter(ctx: AppContext, workspaceId: string, afterId: string, limit = 200): Promise<ActivityItem[]> {
  const rows = await activityRepository.eventsAfter(ctx.database.raw, workspaceId, afterId, limit);
  return rows.map(present);
}

/** The opening words of a post (at most ~60 characters, cut at a word, on one line) to name it in a notification. */
export function postExcerpt(text: string | null): string | null {
  const line = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!line) return null;
  if (line.length <= 60) return line;
  const cut = line.slice(0, 60);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > 30 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/** An activity item as `role` may see it (webhook URLs and secret-like fields hidden from roles without the webhook permission). */
function redactItem(item: ActivityItem, role: Role): ActivityItem {
  return { ...item, data: redactEventData(item.type, item.subjectType, item.data, role) };
}

/** Live activity (server-sent events), in-app notifications and the sandbox timeline. */
export const activityRoutes: ApiModule = async (app, ctx) => {
  app.get(
    '/workspaces/:workspaceId/activity/stream',
    {
      config: { access: 'read' },
      schema: {
        tags: ['activity'],
        summary: 'Live activity of a workspace as server-sent events (each event: id, type, subject); resumes after Last-Event-ID',
        params: workspaceParams,
        querystring: z.object({ after: sequenceIdSchema.optional() }),
        produces: ['text/event-stream'],
        response: { 200: z.string().describe('Server-sent events: `activity` (an activity item as JSON) and `revoked`') },
      },
    },
    async (request, reply) => {
      const { workspaceId } = request.params;
      let { role } = member(request);
      const caller = streamCaller(ctx, request, workspaceId);
      const resumeFrom = request.headers['last-event-id'];
      let lastSeen =
        typeof resumeFrom === 'string' && sequenceIdSchema.safeParse(resumeFrom).success
          ? resumeFrom
          : (request.query.after ?? (await activityRepository.latestEventId(ctx.database.raw, workspaceId)));
      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      out.write(`retry: 2000\n: connected\n\n`);
      let closed = false;
      let busy = false;
      let again = false;
      const pump = async (): Promise<void> => {
        if (closed) return;
        if (busy) {
          again = true;
          return;
        }
        busy = true;
        try {
          do {
            again = false;
            const items = await eventsAfter(ctx, workspaceId, lastSeen);
            for (const item of items) {
              if (closed) return;
              out.write(`id: ${item.id}\nevent: activity\ndata: ${JSON.stringify(redactItem(item, role))}\n\n`);
              lastSeen = item.id;
            }
          } while (again && !closed);
        } catch (error) {
          ctx.logger.warn({ err: error }, 'activity stream poll failed');
        } finally {
          busy = false;
        }
      };
      // Poll every second (works across processes); in-process events push at once.
      const poll = setInterval(() => void pump(), 1_000);
      const heartbeat = setInterval(() => out.write(': keep-alive\n\n'), 15_000);
      const unsubscribe = onEvent((event) => {
        if (event.workspaceId === workspaceId) void pump();
      });
      // Revoking a token, ending a session or removing the member ends the stream at the next check.
      const recheck = setInterval(() => {
        void caller
          .currentRole()
          .then((current) => {
            if (closed) return;
            if (current && can(current, 'read')) {
              role = current;
              return;
            }
            out.write(`event: revoked\ndata: ${JSON.stringify({ code: 'access_revoked' })}\n\n`);
            close();
            out.end();
          })
          .catch((error: unknown) => ctx.logger.warn({ err: error }, 'activity stream re-check failed'));
      }, streamTimings.recheckMs);
      const close = () => {
        closed = true;
        clearInterval(poll);
        clearInterval(heartbeat);
        clearInterval(recheck);
        unsubscribe();
      };
      request.raw.on('close', close);
      out.on('close', close);
      void pump();
    },
  );

  app.get(
    '/workspaces/:workspaceId/notifications',
    {
      config: { access: 'read' },
      schema: {
        tags: ['activity'],
        summary: 'In-app notifications: failures, reconnect-needed channels, reviews, approvals and comments; with the unread count',
        params: workspaceParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(30) }),
        response: {
          200: z.object({
            items: z.array(
              activityItemSchema.extend({
                unread: z.boolean(),
                /** The opening words of the post it is about (to name it), or null. */
                postExcerpt: z.string().nullable(),
              }),
            ),
            unread: z.number().int(),
            lastReadEventId: z.string(),
          }),
        },
      },
    },
    async (request) => {
      const { user, role, workspaceId } = member(request);
      const rows = await activityRepository.notificationEvents(
        ctx.database.raw,
        workspaceId,
        [...NOTIFICATION_TYPES],
        user.id,
        request.query.limit,
      );
      const lastRead = await activityRepository.lastReadEventId(ctx.database.raw, user.id, workspaceId);
      const items = rows.map((row) => {
        const item = present(row);
        return { ...redactItem(item, role), unread: BigInt(item.id) > lastRead, postExcerpt: postExcerpt(row.post_text) };
      });
      return { items, unread: items.filter((item) => item.unread).length, lastReadEventId: lastRead.toString() };
    },
  );

  app.post(
    '/workspaces/:workspaceId/notifications/read',
    {
      config: { access: 'read' },
      schema: {
        tags: ['activity'],
        summary: 'Mark notifications read up to an event id',
        params: workspaceParams,
        body: z.object({ upToEventId: sequenceIdSchema }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      await markNotificationsRead(ctx, { userId: user.id, workspaceId, upToEventId: request.body.upToEventId });
      return { ok: true as const };
    },
  );

  app.get(
    '/workspaces/:workspaceId/sandbox/timeline',
    {
      config: { access: 'read' },
      schema: {
        tags: ['activity'],
        summary:
          'What the simulated (sandbox) network received from this workspace’s sandbox channels, and how its simulated audience reacted',
        params: workspaceParams,
        response: { 200: sandboxTimelineSchema },
      },
    },
    async (request) => {
      return sandboxTimeline(ctx, request.params.workspaceId);
    },
  );
};
