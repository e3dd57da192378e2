import { z } from 'zod';
import type { ApiModule } from '../../server/api.ts';
import { requireRole, requireUser } from '../../server/auth.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';
import { timeZoneSchema } from '../../lib/timezones.ts';
import { ROLES } from '../../db/schema.ts';
import { recordEvent } from '../events/events.ts';
import { decodeSequenceCursor, encodeSequenceCursor, pageQuerySchema } from '../../lib/pagination.ts';
import { parseEventData, redactEventData } from '../events/redact.ts';

import { workspaceParams } from '../../server/api.ts';
const workspaceBody = z.object({
  name: z.string().trim().min(1).max(120),
  timeZone: timeZoneSchema,
  language: z.enum(['es', 'en']),
  approvalRequired: z.boolean().default(false),
  missedGraceMinutes: z.number().int().min(0).max(10_080).default(60),
});

/** Presents a workspace row to the API. */
function present(row: { id: string; name: string; time_zone: string; language: string; approval_required: boolean; missed_grace_minutes: number; created_at: Date }) {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    language: row.language,
    approvalRequired: row.approval_required,
    missedGraceMinutes: row.missed_grace_minutes,
    createdAt: row.created_at,
  };
}

/** Workspaces (one per brand or client), their members and roles, and the audit log. */
export const workspaceRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;

  app.post('/workspaces', { schema: { tags: ['workspaces'], summary: 'Create a workspace; you become its owner', body: workspaceBody } }, async (request, reply) => {
    const user = requireUser(request);
    const body = request.body;
    const created = await db.transaction().execute(async (trx) => {
      const workspace = await trx
        .insertInto('workspaces')
        .values({ name: body.name, time_zone: body.timeZone, language: body.language, approval_required: body.approvalRequired, missed_grace_minutes: body.missedGraceMinutes })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx.insertInto('memberships').values({ workspace_id: workspace.id, user_id: user.id, role: 'owner' }).execute();
      await recordEvent(trx, { workspaceId: workspace.id, actorUserId: user.id, type: 'workspace.created', subjectType: 'workspace', subjectId: workspace.id, data: { name: body.name } });
      return workspace;
    });
    return reply.status(201).send(present(created));
  });

  app.get('/workspaces', { schema: { tags: ['workspaces'], summary: 'Workspaces you belong to' } }, async (request) => {
    const user = requireUser(request);
    const rows = await db
      .selectFrom('workspaces')
      .innerJoin('memberships', 'memberships.workspace_id', 'workspaces.id')
      .selectAll('workspaces')
      .select('memberships.role')
      .where('memberships.user_id', '=', user.id)
      .orderBy('workspaces.name')
      .execute();
    return { items: rows.map((row) => ({ ...present(row), role: row.role })) };
  });

  app.get('/workspaces/:workspaceId', { schema: { tags: ['workspaces'], params: workspaceParams } }, async (request) => {
    const { role } = await requireRole(ctx, request, request.params.workspaceId, 'read');
    const row = await db.selectFrom('workspaces').selectAll().where('id', '=', request.params.workspaceId).executeTakeFirstOrThrow();
    return { ...present(row), role };
  });

  app.patch(
    '/workspaces/:workspaceId',
    { schema: { tags: ['workspaces'], params: workspaceParams, body: workspaceBody.partial() } },
    async (request) => {
      const { user } = await requireRole(ctx, request, request.params.workspaceId, 'workspace.manage');
      const b = request.body;
      const row = await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('workspaces')
          .set({
            ...(b.name !== undefined && { name: b.name }),
            ...(b.timeZone !== undefined && { time_zone: b.timeZone }),
            ...(b.language !== undefined && { language: b.language }),
            ...(b.approvalRequired !== undefined && { approval_required: b.approvalRequired }),
            ...(b.missedGraceMinutes !== undefined && { missed_grace_minutes: b.missedGraceMinutes }),
          })
          .where('id', '=', request.params.workspaceId)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordEvent(trx, { workspaceId: updated.id, actorUserId: user.id, type: 'workspace.updated', subjectType: 'workspace', subjectId: updated.id, data: b });
        return updated;
      });
      return present(row);
    },
  );

  app.delete('/workspaces/:workspaceId', { schema: { tags: ['workspaces'], params: workspaceParams } }, async (request, reply) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'workspace.delete');
    await db.deleteFrom('workspaces').where('id', '=', request.params.workspaceId).execute();
    await recordEvent(db, { workspaceId: null, actorUserId: user.id, type: 'workspace.deleted', subjectType: 'workspace', subjectId: request.params.workspaceId });
    return reply.status(204).send();
  });

  app.get('/workspaces/:workspaceId/members', { schema: { tags: ['workspaces'], params: workspaceParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const items = await db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id as userId', 'users.email', 'users.name', 'memberships.role', 'memberships.created_at as joinedAt'])
      .where('memberships.workspace_id', '=', request.params.workspaceId)
      .orderBy('users.name')
      .execute();
    return { items };
  });

  // Members join by invitation (modules/invitations): nobody adds an existing account directly.

  app.patch(
    '/workspaces/:workspaceId/members/:userId',
    { schema: { tags: ['workspaces'], params: workspaceParams.extend({ userId: z.string().uuid() }), body: z.object({ role: z.enum(ROLES) }) } },
    async (request) => {
      const { user, role: myRole } = await requireRole(ctx, request, request.params.workspaceId, 'member.manage');
      const { workspaceId, userId } = request.params;
      return db.transaction().execute(async (trx) => {
        const current = await trx.selectFrom('memberships').select('role').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).forUpdate().executeTakeFirst();
        if (!current) throw notFound('Member');
        if ((current.role === 'owner' || request.body.role === 'owner') && myRole !== 'owner') throw forbidden('Only an owner can change owners');
        if (current.role === 'owner' && request.body.role !== 'owner') await assertAnotherOwner(trx, workspaceId, userId);
        await trx.updateTable('memberships').set({ role: request.body.role }).where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute();
        await recordEvent(trx, { workspaceId, actorUserId: user.id, type: 'member.role_changed', subjectType: 'user', subjectId: userId, data: { from: current.role, to: request.body.role } });
        return { userId, role: request.body.role };
      });
    },
  );

  app.delete(
    '/workspaces/:workspaceId/members/:userId',
    { schema: { tags: ['workspaces'], params: workspaceParams.extend({ userId: z.string().uuid() }) } },
    async (request, reply) => {
      const { user, role: myRole } = await requireRole(ctx, request, request.params.workspaceId, 'member.manage');
      const { workspaceId, userId } = request.params;
      await db.transaction().execute(async (trx) => {
        const current = await trx.selectFrom('memberships').select('role').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).forUpdate().executeTakeFirst();
        if (!current) throw notFound('Member');
        if (current.role === 'owner' && myRole !== 'owner') throw forbidden('Only an owner can remove an owner');
        if (current.role === 'owner') await assertAnotherOwner(trx, workspaceId, userId);
        await trx.deleteFrom('memberships').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute();
        await recordEvent(trx, { workspaceId, actorUserId: user.id, type: 'member.removed', subjectType: 'user', subjectId: userId });
      });
      return reply.status(204).send();
    },
  );

  app.get('/workspaces/:workspaceId/export', { schema: { tags: ['workspaces'], summary: 'Export the whole workspace as JSON (no secrets)', params: workspaceParams } }, async (request) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'workspace.manage');
    await recordEvent(db, { workspaceId: request.params.workspaceId, actorUserId: user.id, type: 'workspace.exported', subjectType: 'workspace', subjectId: request.params.workspaceId });
    return exportWorkspace(db, request.params.workspaceId);
  });

  app.get(
    '/workspaces/:workspaceId/events',
    { schema: { tags: ['workspaces'], summary: 'Audit log: every change, newest first', params: workspaceParams, querystring: pageQuerySchema.extend({ type: z.string().max(100).optional() }) } },
    async (request) => {
      const { role } = await requireRole(ctx, request, request.params.workspaceId, 'read');
      const { limit, cursor, type } = request.query;
      const afterId = decodeSequenceCursor(cursor);
      let query = db
        .selectFrom('events')
        .leftJoin('users', 'users.id', 'events.actor_user_id')
        .select(['events.id', 'events.type', 'events.subject_type', 'events.subject_id', 'events.data', 'events.created_at', 'users.name as actorName', 'events.actor_user_id'])
        .where('events.workspace_id', '=', request.params.workspaceId);
      if (type) query = query.where('events.type', '=', type);
      if (afterId !== null) query = query.where('events.id', '<', String(afterId));
      const rows = await query.orderBy('events.id', 'desc').limit(limit + 1).execute();
      const items = rows.slice(0, limit).map((row) => ({ ...row, data: redactEventData(row.type, row.subject_type, parseEventData(row.data), role) }));
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeSequenceCursor(Number(last.id)) : null };
    },
  );
};

async function assertAnotherOwner(trx: Parameters<typeof recordEvent>[0], workspaceId: string, leavingUserId: string) {
  const others = await trx
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .where('user_id', '!=', leavingUserId)
    .execute();
  if (others.length === 0) throw conflict('A workspace needs at least one owner');
}

/** Everything a workspace holds, as one JSON document (no secrets, no password hashes). */
export async function exportWorkspace(db: Parameters<typeof recordEvent>[0], workspaceId: string) {
  const workspace = await db.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirstOrThrow();
  const members = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.name', 'memberships.role'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  const channels = await db
    .selectFrom('channels')
    .select(['id', 'network', 'name', 'settings', 'status', 'account', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  const posts = await db.selectFrom('posts').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
  const publications = await db
    .selectFrom('publications')
    .select(['id', 'post_id', 'channel_id', 'network', 'text', 'media', 'thread', 'options', 'state', 'due_at', 'attempts', 'remote_id', 'remote_url', 'error_code', 'error_message', 'published_at'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  const comments = await db.selectFrom('post_comments').selectAll().where('workspace_id', '=', workspaceId).execute();
  const media = await db.selectFrom('media').selectAll().where('workspace_id', '=', workspaceId).execute();
  const events = await db.selectFrom('events').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute();
  return { format: 'plaza-workspace-export', version: 1, exportedAt: new Date().toISOString(), workspace, members, channels, posts, publications, comments, media, events };
}
