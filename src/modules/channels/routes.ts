import { z } from 'zod';
import { workspaceParams, type ApiModule } from '../../server/api.ts';
import { requireRole } from '../../server/auth.ts';
import { AppError, badRequest, notFound } from '../../lib/errors.ts';
import { recordEvent } from '../events/events.ts';
import { applyHealth, channelContext, presentChannel, probeChannel, verifyNewConnection } from './service.ts';

const channelParams = workspaceParams.extend({ channelId: z.string().uuid() });
const fieldsSchema = z.record(z.string().max(100), z.union([z.string().max(4000), z.number(), z.boolean()]));

/** Splits submitted fields into settings and secrets by the adapter's declaration; 400 on missing ones. */
function splitFields(fields: Record<string, unknown>, declared: Array<{ name: string; secret: boolean; required: boolean }>) {
  const settings: Record<string, unknown> = {};
  const credentials: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const field of declared) {
    const value = fields[field.name];
    if (value === undefined || value === '') {
      if (field.required) missing.push(field.name);
      continue;
    }
    (field.secret ? credentials : settings)[field.name] = value;
  }
  const unknown = Object.keys(fields).filter((name) => !declared.some((f) => f.name === name));
  if (missing.length || unknown.length) throw badRequest('Connection fields do not match the network', { missing, unknown });
  return { settings, credentials };
}

/** Connected social accounts: connect (checked live), list, test, reconnect, disconnect. */
export const channelRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;

  app.get('/networks', { schema: { tags: ['channels'], summary: 'Networks Plaza can connect to, with their limits and connection fields' } }, async () => ({
    items: ctx.networks.list().map((a) => ({ name: a.name, label: a.label, simulated: a.simulated, limits: a.limits, idempotency: a.idempotency, connectionFields: a.connectionFields })),
  }));

  const loadChannel = async (workspaceId: string, channelId: string) => {
    const row = await db.selectFrom('channels').selectAll().where('id', '=', channelId).where('workspace_id', '=', workspaceId).executeTakeFirst();
    if (!row) throw notFound('Channel');
    return row;
  };

  app.get('/workspaces/:workspaceId/channels', { schema: { tags: ['channels'], params: workspaceParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const rows = await db.selectFrom('channels').selectAll().where('workspace_id', '=', request.params.workspaceId).orderBy('created_at').execute();
    return { items: rows.map((row) => presentChannel(ctx, row)) };
  });

  app.post(
    '/workspaces/:workspaceId/channels',
    {
      schema: {
        tags: ['channels'],
        summary: 'Connect an account; the credentials are checked with the network before saving',
        params: workspaceParams,
        body: z.object({ network: z.string().min(1).max(40), name: z.string().trim().min(1).max(120), fields: fieldsSchema }),
      },
    },
    async (request, reply) => {
      const { user } = await requireRole(ctx, request, request.params.workspaceId, 'channel.manage');
      const adapter = ctx.networks.get(request.body.network);
      const { settings, credentials } = splitFields(request.body.fields, adapter.connectionFields);
      const { sealed, health } = await verifyNewConnection(ctx, adapter, 'new', settings, credentials);
      const row = await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('channels')
          .values({
            workspace_id: request.params.workspaceId,
            network: adapter.name,
            name: request.body.name,
            settings: JSON.stringify(settings),
            credentials_sealed: sealed,
            account: JSON.stringify(health.account ?? null),
            last_checked_at: new Date(ctx.clock.now()),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordEvent(trx, { workspaceId: inserted.workspace_id, actorUserId: user.id, type: 'channel.connected', subjectType: 'channel', subjectId: inserted.id, data: { network: adapter.name, name: inserted.name } });
        return inserted;
      });
      return reply.status(201).send(presentChannel(ctx, row));
    },
  );

  app.get('/workspaces/:workspaceId/channels/:channelId', { schema: { tags: ['channels'], params: channelParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    return presentChannel(ctx, await loadChannel(request.params.workspaceId, request.params.channelId));
  });

  app.post('/workspaces/:workspaceId/channels/:channelId/test', { schema: { tags: ['channels'], summary: 'Check the connection now', params: channelParams } }, async (request) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'read');
    const row = await loadChannel(request.params.workspaceId, request.params.channelId);
    if (row.status === 'disconnected') throw new AppError(409, 'disconnected', 'This channel is disconnected; reconnect it first');
    const adapter = ctx.networks.get(row.network);
    const health = await probeChannel(adapter, channelContext(ctx, row), ctx.logger);
    const updated = await applyHealth(db, ctx, row, health, user.id);
    return { health, channel: presentChannel(ctx, updated) };
  });

  app.patch(
    '/workspaces/:workspaceId/channels/:channelId',
    {
      schema: {
        tags: ['channels'],
        summary: 'Rename, or reconnect with new credentials (checked before saving)',
        params: channelParams,
        body: z.object({ name: z.string().trim().min(1).max(120).optional(), fields: fieldsSchema.optional() }),
      },
    },
    async (request) => {
      const { user } = await requireRole(ctx, request, request.params.workspaceId, 'channel.manage');
      const row = await loadChannel(request.params.workspaceId, request.params.channelId);
      const adapter = ctx.networks.get(row.network);
      let patch: { settings?: string; credentials_sealed?: string; account?: string; status?: 'active'; last_error?: null } = {};
      if (request.body.fields) {
        const { settings, credentials } = splitFields(request.body.fields, adapter.connectionFields);
        const { sealed, health } = await verifyNewConnection(ctx, adapter, row.id, settings, credentials);
        patch = { settings: JSON.stringify(settings), credentials_sealed: sealed, account: JSON.stringify(health.account ?? null), status: 'active', last_error: null };
      }
      if (!request.body.fields && !request.body.name) return presentChannel(ctx, row);
      const updated = await db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('channels')
          .set({ ...patch, ...(request.body.name && { name: request.body.name }) })
          .where('id', '=', row.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordEvent(trx, { workspaceId: row.workspace_id, actorUserId: user.id, type: request.body.fields ? 'channel.reconnected' : 'channel.updated', subjectType: 'channel', subjectId: row.id, data: { name: result.name } });
        return result;
      });
      return presentChannel(ctx, updated);
    },
  );

  app.delete(
    '/workspaces/:workspaceId/channels/:channelId',
    { schema: { tags: ['channels'], summary: 'Disconnect: credentials are erased, scheduled publications canceled, history kept', params: channelParams } },
    async (request, reply) => {
      const { user } = await requireRole(ctx, request, request.params.workspaceId, 'channel.manage');
      const row = await loadChannel(request.params.workspaceId, request.params.channelId);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('channels').set({ status: 'disconnected', credentials_sealed: ctx.secrets.seal({}) }).where('id', '=', row.id).execute();
        await trx
          .updateTable('publications')
          .set({ state: 'canceled', error_code: 'channel_disconnected', error_message: 'The channel was disconnected', claimed_by: null, lease_until: null })
          .where('channel_id', '=', row.id)
          .where('state', 'in', ['pending', 'scheduled'])
          .execute();
        await recordEvent(trx, { workspaceId: row.workspace_id, actorUserId: user.id, type: 'channel.disconnected', subjectType: 'channel', subjectId: row.id, data: { network: row.network } });
      });
      return reply.status(204).send();
    },
  );
};
