import { z } from 'zod';
import { workspaceParams, type ApiModule } from '../../server/api.ts';
import { requireRole } from '../../server/auth.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { randomToken } from '../../lib/crypto.ts';
import { assertFetchableUrl, UnsafeUrlError } from '../../lib/safe-fetch.ts';
import { recordEvent } from './events.ts';
import { WEBHOOK_EVENTS } from './webhooks.ts';

const webhookParams = workspaceParams.extend({ webhookId: z.string().uuid() });

/** Outgoing signed webhooks: subscribe a URL to events, see its deliveries. */
export const webhookRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;

  app.get('/workspaces/:workspaceId/webhooks', { schema: { tags: ['webhooks'], params: workspaceParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'webhook.manage');
    const rows = await db.selectFrom('webhooks').select(['id', 'url', 'events', 'active', 'created_at']).where('workspace_id', '=', request.params.workspaceId).orderBy('created_at').execute();
    return { items: rows };
  });

  app.post(
    '/workspaces/:workspaceId/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Subscribe a URL; the signing secret is returned once',
        params: workspaceParams,
        body: z.object({ url: z.string().url().max(2000), events: z.array(z.enum(WEBHOOK_EVENTS)).min(1) }),
      },
    },
    async (request, reply) => {
      const { user } = await requireRole(ctx, request, request.params.workspaceId, 'webhook.manage');
      try {
        assertFetchableUrl(request.body.url);
      } catch (error) {
        if (error instanceof UnsafeUrlError) throw badRequest(error.message);
        throw error;
      }
      const secret = `whsec_${randomToken(24)}`;
      const row = await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('webhooks')
          .values({ workspace_id: request.params.workspaceId, url: request.body.url, secret_sealed: ctx.secrets.seal(secret), events: JSON.stringify(request.body.events) })
          .returning(['id', 'url', 'events', 'active', 'created_at'])
          .executeTakeFirstOrThrow();
        await recordEvent(trx, { workspaceId: request.params.workspaceId, actorUserId: user.id, type: 'webhook.created', subjectType: 'webhook', subjectId: inserted.id, data: { url: inserted.url } });
        return inserted;
      });
      return reply.status(201).send({ ...row, secret });
    },
  );

  app.delete('/workspaces/:workspaceId/webhooks/:webhookId', { schema: { tags: ['webhooks'], params: webhookParams } }, async (request, reply) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'webhook.manage');
    const deleted = await db.deleteFrom('webhooks').where('id', '=', request.params.webhookId).where('workspace_id', '=', request.params.workspaceId).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) throw notFound('Webhook');
    await recordEvent(db, { workspaceId: request.params.workspaceId, actorUserId: user.id, type: 'webhook.deleted', subjectType: 'webhook', subjectId: request.params.webhookId });
    return reply.status(204).send();
  });

  app.get('/workspaces/:workspaceId/webhooks/:webhookId/deliveries', { schema: { tags: ['webhooks'], params: webhookParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'webhook.manage');
    const hook = await db.selectFrom('webhooks').select('id').where('id', '=', request.params.webhookId).where('workspace_id', '=', request.params.workspaceId).executeTakeFirst();
    if (!hook) throw notFound('Webhook');
    const items = await db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', hook.id).orderBy('created_at', 'desc').limit(100).execute();
    return { items };
  });
};
