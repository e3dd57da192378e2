import { z } from 'zod';
import { workspaceParams, type ApiModule } from '../../server/api.ts';
import type { AppContext } from '../../server/context.ts';
import { requireRole } from '../../server/auth.ts';
import { onEvent } from '../events/events.ts';
import { sandboxTimeline } from './sandbox-timeline.ts';
import { streamCaller, streamTimings } from './stream-guard.ts';
import { redactEventData } from '../events/redact.ts';
import { can } from '../../server/permissions.ts';
import { sequenceIdSchema } from '../../lib/input.ts';
import type { Role } from '../../db/schema.ts';

/** Event types that become in-app notifications (they need someone's attention). */
export const NOTIFICATION_TYPES = ['post.failed', 'channel.needs_reconnect', 'post.submit', 'post.approve', 'post.reject', 'post.commented', 'post.published'] as const;

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

interface EventRowWithActor {
  id: string | number;
  type: string;
  subject_type: string | null;
  subject_id: string | null;
  actor_user_id: string | null;
  actor_name: string | null;
  data: Record<string, unknown> | string;
  created_at: Date | string;
}

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
  const { rows } = await ctx.database.raw.query<EventRowWithActor>(
    `SELECT e.id, e.type, e.subject_type, e.subject_id, e.actor_user_id, u.name AS actor_name, e.data, e.created_at
       FROM events e LEFT JOIN users u ON u.id = e.actor_user_id
      WHERE e.workspace_id = $1 AND e.id > $2
      ORDER BY e.id LIMIT $3`,
    [workspaceId, afterId, limit],
  );
  return rows.map(present);
}

/** An activity item as `role` may see it (webhook URLs and secret-like fields hidden from roles without the webhook permission). */
function redactItem(item: ActivityItem, role: Role): ActivityItem {
  return { ...item, data: redactEventData(item.type, item.subjectType, item.data, role) };
}

async function latestEventId(ctx: AppContext, workspaceId: string): Promise<string> {
  const { rows } = await ctx.database.raw.query<{ id: string | number | null }>('SELECT max(id) AS id FROM events WHERE workspace_id = $1', [workspaceId]);
  return String(rows[0]?.id ?? 0);
}

/** Live activity (server-sent events), in-app notifications and the sandbox timeline. */
export const activityRoutes: ApiModule = async (app, ctx) => {
  app.get(
    '/workspaces/:workspaceId/activity/stream',
    {
      schema: {
        tags: ['activity'],
        summary: 'Live activity of a workspace as server-sent events (each event: id, type, subject); resumes after Last-Event-ID',
        params: workspaceParams,
        querystring: z.object({ after: sequenceIdSchema.optional() }),
      },
    },
    async (request, reply) => {
      const { workspaceId } = request.params;
      let { role } = await requireRole(ctx, request, workspaceId, 'read');
      const caller = streamCaller(ctx, request, workspaceId);
      const resumeFrom = request.headers['last-event-id'];
      let lastSeen = typeof resumeFrom === 'string' && sequenceIdSchema.safeParse(resumeFrom).success ? resumeFrom : (request.query.after ?? (await latestEventId(ctx, workspaceId)));
      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
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
      schema: {
        tags: ['activity'],
        summary: 'In-app notifications: failures, reconnect-needed channels, reviews, approvals and comments; with the unread count',
        params: workspaceParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(30) }),
      },
    },
    async (request) => {
      const { user, role } = await requireRole(ctx, request, request.params.workspaceId, 'read');
      const types = [...NOTIFICATION_TYPES];
      const { rows } = await ctx.database.raw.query<EventRowWithActor>(
        `SELECT e.id, e.type, e.subject_type, e.subject_id, e.actor_user_id, u.name AS actor_name, e.data, e.created_at
           FROM events e LEFT JOIN users u ON u.id = e.actor_user_id
          WHERE e.workspace_id = $1 AND e.type = ANY($2::text[]) AND (e.actor_user_id IS NULL OR e.actor_user_id <> $3)
          ORDER BY e.id DESC LIMIT $4`,
        [request.params.workspaceId, types, user.id, request.query.limit],
      );
      const cursor = await ctx.database.raw.query<{ last_read_event_id: string | number }>(
        'SELECT last_read_event_id FROM notification_cursors WHERE user_id = $1 AND workspace_id = $2',
        [user.id, request.params.workspaceId],
      );
      const lastRead = BigInt(cursor.rows[0]?.last_read_event_id ?? 0);
      const items = rows.map(present).map((item) => ({ ...redactItem(item, role), unread: BigInt(item.id) > lastRead }));
      return { items, unread: items.filter((item) => item.unread).length, lastReadEventId: lastRead.toString() };
    },
  );

  app.post(
    '/workspaces/:workspaceId/notifications/read',
    {
      schema: {
        tags: ['activity'],
        summary: 'Mark notifications read up to an event id',
        params: workspaceParams,
        body: z.object({ upToEventId: sequenceIdSchema }),
      },
    },
    async (request) => {
      const { user } = await requireRole(ctx, request, request.params.workspaceId, 'read');
      await ctx.database.raw.query(
        `INSERT INTO notification_cursors (user_id, workspace_id, last_read_event_id) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, workspace_id) DO UPDATE SET last_read_event_id = GREATEST(notification_cursors.last_read_event_id, EXCLUDED.last_read_event_id)`,
        [user.id, request.params.workspaceId, request.body.upToEventId],
      );
      return { ok: true };
    },
  );

  app.get(
    '/workspaces/:workspaceId/sandbox/timeline',
    {
      schema: {
        tags: ['activity'],
        summary: 'What the simulated (sandbox) network received from this workspace’s sandbox channels, and how its simulated audience reacted',
        params: workspaceParams,
      },
    },
    async (request) => {
      await requireRole(ctx, request, request.params.workspaceId, 'read');
      return sandboxTimeline(ctx, request.params.workspaceId);
    },
  );
};
