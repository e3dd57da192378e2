import { z } from 'zod';
import { member, objectParams, workspaceParams, type ApiModule } from '../../server/api.ts';
import { notFound } from '../../lib/errors.ts';
import { listSchema, noContent } from '../../server/schemas.ts';
import { checkChannel, connectChannel, disconnectChannel, updateChannel } from './commands.ts';
import { channelRepository } from './repository.ts';
import { channelSchema, fieldsSchema, healthSchema, networkSchema } from './schemas.ts';
import { accountOptionChoices, channelApiCosts, presentChannel } from './service.ts';
import { presentCapabilities } from '../posts/capability-schema.ts';

const channelParams = objectParams('channelId');
const tags = ['channels'];

/** Connected social accounts: connect (checked live), list, test, reconnect, disconnect. */
export const channelRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;

  app.get(
    '/networks',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Networks Plaza can connect to, with their limits and connection fields',
        response: { 200: listSchema(networkSchema) },
      },
    },
    async () => ({
      items: ctx.networks.list().map((a) => ({
        name: a.name,
        label: a.label,
        simulated: a.simulated,
        limits: a.limits,
        idempotency: a.idempotency,
        connectionFields: a.connectionFields,
        ...presentCapabilities(ctx.config, a),
        signIn: a.oauth ? (a.oauth.registerApp ? ('instance' as const) : ('app' as const)) : null,
        signInWays: (a.oauth ? (a.oauthWays ?? []) : []).map((way) => ({
          id: way.id,
          label: way.label,
          hint: way.hint,
          appNetwork: way.appNetwork ?? a.name,
        })),
      })),
    }),
  );

  app.get(
    '/workspaces/:workspaceId/channels',
    {
      config: { access: 'read' },
      schema: { tags, summary: 'The workspace’s channels', params: workspaceParams, response: { 200: listSchema(channelSchema) } },
    },
    async (request) => {
      const rows = await channelRepository.list(db, request.params.workspaceId);
      const costs = await channelApiCosts(ctx, request.params.workspaceId, rows);
      return { items: rows.map((row) => presentChannel(ctx, row, costs.get(row.id) ?? null)) };
    },
  );

  app.post(
    '/workspaces/:workspaceId/channels',
    {
      config: { access: 'channel.manage' },
      schema: {
        tags,
        summary: 'Connect an account; the credentials are checked with the network before saving',
        params: workspaceParams,
        body: z.object({ network: z.string().min(1).max(40), name: z.string().trim().min(1).max(120), fields: fieldsSchema }),
        response: { 201: channelSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const row = await connectChannel(ctx, { workspaceId, actorUserId: user.id, ...request.body });
      return reply.status(201).send(presentChannel(ctx, row));
    },
  );

  app.get(
    '/workspaces/:workspaceId/channels/:channelId',
    { config: { access: 'read' }, schema: { tags, summary: 'One channel', params: channelParams, response: { 200: channelSchema } } },
    async (request) => {
      const row = await channelRepository.find(db, request.params.workspaceId, request.params.channelId);
      if (!row) throw notFound('Channel');
      const costs = await channelApiCosts(ctx, request.params.workspaceId, [row]);
      return presentChannel(ctx, row, costs.get(row.id) ?? null);
    },
  );

  app.post(
    '/workspaces/:workspaceId/channels/:channelId/test',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Check the connection now',
        params: channelParams,
        response: { 200: z.object({ health: healthSchema, channel: channelSchema }) },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      const { health, channel } = await checkChannel(ctx, { workspaceId, actorUserId: user.id, channelId: request.params.channelId });
      return { health, channel: presentChannel(ctx, channel) };
    },
  );

  app.get(
    '/workspaces/:workspaceId/channels/:channelId/options/:option/choices',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'The values the account offers for an option (WordPress: the site’s categories or tags), most used first',
        params: channelParams.extend({ option: z.string().min(1).max(100) }),
        response: { 200: listSchema(z.object({ value: z.string(), count: z.number().int().optional() })) },
      },
    },
    async (request) => ({ items: await accountOptionChoices(ctx, { ...request.params }) }),
  );

  app.patch(
    '/workspaces/:workspaceId/channels/:channelId',
    {
      config: { access: 'channel.manage' },
      schema: {
        tags,
        summary: 'Rename, or reconnect with new credentials (checked before saving)',
        params: channelParams,
        body: z.object({ name: z.string().trim().min(1).max(120).optional(), fields: fieldsSchema.optional() }),
        response: { 200: channelSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      const row = await updateChannel(ctx, { workspaceId, actorUserId: user.id, channelId: request.params.channelId, ...request.body });
      return presentChannel(ctx, row);
    },
  );

  app.delete(
    '/workspaces/:workspaceId/channels/:channelId',
    {
      config: { access: 'channel.manage' },
      schema: {
        tags,
        summary: 'Disconnect: credentials are erased, scheduled publications canceled, history kept',
        params: channelParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      await disconnectChannel(ctx, { workspaceId, actorUserId: user.id, channelId: request.params.channelId });
      return reply.status(204).send(null);
    },
  );
};
