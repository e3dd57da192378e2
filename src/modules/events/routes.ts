import { z } from 'zod';
import { member, objectParams, workspaceParams, type ApiModule } from '../../server/api.ts';
import { instant, listSchema, noContent } from '../../server/schemas.ts';
import { notFound } from '../../lib/errors.ts';
import { WEBHOOK_EVENTS } from './webhooks.ts';
import { createWebhook, deleteWebhook } from './commands.ts';
import { webhooksRepository } from './repository.ts';

const webhookParams = objectParams('webhookId');

const webhookSchema = z.object({
  id: z.string().uuid(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  createdAt: instant,
});
const deliverySchema = z.object({
  id: z.string().uuid(),
  webhookId: z.string().uuid(),
  eventId: z.string(),
  eventType: z.string(),
  state: z.string(),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  /** Why the last attempt failed, as a code (http_<status>, unreachable, timeout, private_address…); lastError is the raw text. */
  lastErrorCode: z.string().nullable(),
  createdAt: instant,
  deliveredAt: instant.nullable(),
});

/** A webhook row as the API shows it (never its secret). */
function presentWebhook(row: {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  created_at: Date;
}): z.infer<typeof webhookSchema> {
  return { id: row.id, url: row.url, events: row.events, active: row.active, createdAt: row.created_at };
}

/** Outgoing signed webhooks: subscribe a URL to events, see its deliveries. */
export const webhookRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;

  app.get(
    '/workspaces/:workspaceId/webhooks',
    {
      config: { access: 'webhook.manage' },
      schema: { tags: ['webhooks'], params: workspaceParams, response: { 200: listSchema(webhookSchema) } },
    },
    async (request) => ({ items: (await webhooksRepository.listWebhooks(db, member(request).workspaceId)).map(presentWebhook) }),
  );

  app.post(
    '/workspaces/:workspaceId/webhooks',
    {
      config: { access: 'webhook.manage' },
      schema: {
        tags: ['webhooks'],
        summary: 'Subscribe a URL; the signing secret is returned once',
        params: workspaceParams,
        body: z.object({ url: z.string().url().max(2000), events: z.array(z.enum(WEBHOOK_EVENTS)).min(1) }),
        response: { 201: webhookSchema.extend({ secret: z.string() }) },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const created = await createWebhook(ctx, workspaceId, user.id, request.body);
      return reply.status(201).send({ ...presentWebhook(created), secret: created.secret });
    },
  );

  app.delete(
    '/workspaces/:workspaceId/webhooks/:webhookId',
    { config: { access: 'webhook.manage' }, schema: { tags: ['webhooks'], params: webhookParams, response: { 204: noContent } } },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      await deleteWebhook(ctx, workspaceId, user.id, request.params.webhookId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/workspaces/:workspaceId/webhooks/:webhookId/deliveries',
    {
      config: { access: 'webhook.manage' },
      schema: {
        tags: ['webhooks'],
        summary: 'The latest 100 deliveries, newest first',
        params: webhookParams,
        response: { 200: listSchema(deliverySchema) },
      },
    },
    async (request) => {
      const { workspaceId } = member(request);
      if (!(await webhooksRepository.webhookExists(db, workspaceId, request.params.webhookId))) throw notFound('Webhook');
      const rows = await webhooksRepository.listDeliveries(db, request.params.webhookId);
      return {
        items: rows.map((row) => ({
          id: row.id,
          webhookId: row.webhook_id,
          eventId: String(row.event_id),
          eventType: row.event_type,
          state: row.state,
          attempts: row.attempts,
          lastStatus: row.last_status,
          lastError: row.last_error,
          lastErrorCode: row.last_error_code,
          createdAt: row.created_at,
          deliveredAt: row.delivered_at,
        })),
      };
    },
  );
};
