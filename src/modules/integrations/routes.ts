import { z } from 'zod';
import { member, workspaceParams, type ApiModule } from '../../server/api.ts';
import { listSchema, noContent } from '../../server/schemas.ts';
import { removeIntegration, setIntegration } from './commands.ts';
import { integrationBodySchema, integrationSchema } from './schemas.ts';
import { describeIntegrations } from './service.ts';

const tags = ['integrations'];
const networkParams = workspaceParams.extend({ network: z.string().min(1).max(40) });

/**
 * Settings → Integrations: the install's developer app per network (client id and sealed secret),
 * with the redirect URL to register. Only owners change them; the secret is never answered.
 */
export const integrationRoutes: ApiModule = async (app, ctx) => {
  app.get(
    '/workspaces/:workspaceId/integrations',
    {
      config: { access: 'channel.manage' },
      schema: {
        tags,
        summary: 'Networks that connect by signing in, their app (without the secret) and the redirect URL to register',
        params: workspaceParams,
        response: { 200: listSchema(integrationSchema) },
      },
    },
    async () => ({ items: await describeIntegrations(ctx) }),
  );

  app.put(
    '/workspaces/:workspaceId/integrations/:network',
    {
      config: { access: 'integration.manage' },
      schema: {
        tags,
        summary: 'Save a network’s app: client ID and secret (sealed, never shown again)',
        params: networkParams,
        body: integrationBodySchema,
        response: { 200: integrationSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      await setIntegration(ctx, { workspaceId, actorUserId: user.id, network: request.params.network, ...request.body });
      const items = await describeIntegrations(ctx);
      return items.find((item) => item.network === request.params.network)!;
    },
  );

  app.delete(
    '/workspaces/:workspaceId/integrations/:network',
    {
      config: { access: 'integration.manage' },
      schema: { tags, summary: 'Remove a network’s saved app', params: networkParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      await removeIntegration(ctx, { workspaceId, actorUserId: user.id, network: request.params.network });
      return reply.status(204).send(null);
    },
  );
};
