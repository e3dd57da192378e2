import { z } from 'zod';
import { caller, member, objectParams, workspaceParams, type ApiModule } from '../../server/api.ts';
import { listSchema, noContent, pageSchema } from '../../server/schemas.ts';
import { notFound } from '../../lib/errors.ts';
import { timeZoneSchema } from '../../lib/timezones.ts';
import { currencySchema, defaultCurrencyFor } from '../../lib/currency.ts';
import { ROLES } from '../../db/schema.ts';
import { decodeSequenceCursor, encodeSequenceCursor, pageQuerySchema } from '../../lib/pagination.ts';
import { changeMemberRole, createWorkspace, deleteWorkspace, exportWorkspace, removeMember, updateWorkspace } from './commands.ts';
import { workspacesRepository } from './repository.ts';
import {
  auditEventSchema,
  exportSchema,
  memberSchema,
  presentAuditEvent,
  presentExport,
  presentRoles,
  presentWorkspace,
  rolesSchema,
  workspaceSchema,
  workspaceWithRoleSchema,
} from './present.ts';

const workspaceBody = z.object({
  name: z.string().trim().min(1).max(120),
  timeZone: timeZoneSchema,
  language: z.enum(['es', 'en']),
  approvalRequired: z.boolean().default(false),
  missedGraceMinutes: z.number().int().min(0).max(10_080).default(60),
  /** ISO 4217; a new workspace without one counts in euros (Spanish) or dollars (English). */
  currency: currencySchema.optional(),
});

const memberParams = objectParams('userId');

/** Workspaces (one per brand or client), their members and roles, and the audit log. */
export const workspaceRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;

  app.post(
    '/workspaces',
    {
      config: { access: 'user' },
      schema: {
        tags: ['workspaces'],
        summary: 'Create a workspace; you become its owner',
        body: workspaceBody,
        response: { 201: workspaceSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const created = await createWorkspace(ctx, caller(request).id, {
        ...body,
        currency: body.currency ?? defaultCurrencyFor(body.language),
      });
      return reply.status(201).send(presentWorkspace(created));
    },
  );

  app.get(
    '/roles',
    {
      config: { access: 'user' },
      schema: {
        tags: ['workspaces'],
        summary: 'What each role may do (the permission table), to explain roles where they are chosen',
        response: { 200: rolesSchema },
      },
    },
    async () => presentRoles(),
  );

  app.get(
    '/workspaces',
    {
      config: { access: 'user' },
      schema: { tags: ['workspaces'], summary: 'Workspaces you belong to', response: { 200: listSchema(workspaceWithRoleSchema) } },
    },
    async (request) => {
      const rows = await workspacesRepository.listForUser(db, caller(request).id);
      return { items: rows.map((row) => ({ ...presentWorkspace(row), role: row.role })) };
    },
  );

  app.get(
    '/workspaces/:workspaceId',
    { config: { access: 'read' }, schema: { tags: ['workspaces'], params: workspaceParams, response: { 200: workspaceWithRoleSchema } } },
    async (request) => {
      const { role, workspaceId } = member(request);
      const row = await workspacesRepository.findWorkspace(db, workspaceId);
      if (!row) throw notFound('Workspace');
      return { ...presentWorkspace(row), role };
    },
  );

  app.patch(
    '/workspaces/:workspaceId',
    {
      config: { access: 'workspace.manage' },
      schema: { tags: ['workspaces'], params: workspaceParams, body: workspaceBody.partial(), response: { 200: workspaceSchema } },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return presentWorkspace(await updateWorkspace(ctx, workspaceId, user.id, request.body));
    },
  );

  app.delete(
    '/workspaces/:workspaceId',
    { config: { access: 'workspace.delete' }, schema: { tags: ['workspaces'], params: workspaceParams, response: { 204: noContent } } },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      await deleteWorkspace(ctx, workspaceId, user.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/workspaces/:workspaceId/members',
    { config: { access: 'read' }, schema: { tags: ['workspaces'], params: workspaceParams, response: { 200: listSchema(memberSchema) } } },
    async (request) => ({ items: await workspacesRepository.listMembers(db, member(request).workspaceId) }),
  );

  // Members join by invitation (modules/invitations): nobody adds an existing account directly.

  app.patch(
    '/workspaces/:workspaceId/members/:userId',
    {
      config: { access: 'member.manage' },
      schema: {
        tags: ['workspaces'],
        params: memberParams,
        body: z.object({ role: z.enum(ROLES) }),
        response: { 200: z.object({ userId: z.string().uuid(), role: z.enum(ROLES) }) },
      },
    },
    async (request) => {
      const { user, role, workspaceId } = member(request);
      return changeMemberRole(ctx, workspaceId, { userId: user.id, role }, request.params.userId, request.body.role);
    },
  );

  app.delete(
    '/workspaces/:workspaceId/members/:userId',
    { config: { access: 'member.manage' }, schema: { tags: ['workspaces'], params: memberParams, response: { 204: noContent } } },
    async (request, reply) => {
      const { user, role, workspaceId } = member(request);
      await removeMember(ctx, workspaceId, { userId: user.id, role }, request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/workspaces/:workspaceId/export',
    {
      config: { access: 'workspace.manage' },
      schema: {
        tags: ['workspaces'],
        summary: 'Export the whole workspace as JSON (no secrets)',
        params: workspaceParams,
        response: { 200: exportSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return presentExport(await exportWorkspace(ctx, workspaceId, user.id), new Date());
    },
  );

  app.get(
    '/workspaces/:workspaceId/events',
    {
      config: { access: 'read' },
      schema: {
        tags: ['workspaces'],
        summary: 'Audit log: every change, newest first',
        params: workspaceParams,
        querystring: pageQuerySchema.extend({ type: z.string().max(100).optional() }),
        response: { 200: pageSchema(auditEventSchema) },
      },
    },
    async (request) => {
      const { role, workspaceId } = member(request);
      const { limit, cursor, type } = request.query;
      const rows = await workspacesRepository.listAuditEvents(db, workspaceId, { limit, beforeId: decodeSequenceCursor(cursor), type });
      const items = rows.slice(0, limit).map((row) => presentAuditEvent(row, role));
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeSequenceCursor(Number(last.id)) : null };
    },
  );
};
