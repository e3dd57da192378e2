import { z } from 'zod';
import { member, objectParams, workspaceParams, type ApiModule } from '../../server/api.ts';
import { binary, listSchema } from '../../server/schemas.ts';
import { channelSchema } from '../channels/schemas.ts';
import { presentChannel } from '../channels/service.ts';
import { callbackLocation, connectPicked, describePicker, finishSignIn, forwardingPage, startSignIn } from './commands.ts';
import { callbackQuerySchema, pickBodySchema, pickerSchema, startBodySchema, startSchema } from './schemas.ts';

const tags = ['oauth'];
const network = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9-]+$/);

/**
 * Sign in with the network: start (authorize URL), the network's callback (public: the `state`
 * is the credential), and the account picker that turns chosen accounts into channels.
 */
export const oauthRoutes: ApiModule = async (app, ctx) => {
  app.post(
    '/workspaces/:workspaceId/oauth/:network/start',
    {
      config: { access: 'channel.manage' },
      schema: {
        tags,
        summary: 'Start signing in with a network: answers the URL to open (state and PKCE kept server-side, 10 minutes, single use)',
        params: workspaceParams.extend({ network }),
        body: startBodySchema,
        response: { 200: startSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return startSignIn(ctx, {
        workspaceId,
        userId: user.id,
        network: request.params.network,
        instanceUrl: request.body.instanceUrl,
        reconnectChannelId: request.body.channelId,
        way: request.body.way,
      });
    },
  );

  app.get(
    '/oauth/:network/callback',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Where the network sends the browser back: exchanges the code, then redirects to the web app’s account picker (or its error page)',
        params: z.object({ network: z.string().max(40) }),
        querystring: callbackQuerySchema,
        response: { 200: binary('A page that sends the browser on to the web app’s account picker, or to its error page with a code') },
      },
    },
    async (request, reply) => {
      const outcome = await finishSignIn(ctx, { network: request.params.network, ...request.query, userId: request.user?.id ?? null });
      // A page rather than a redirect, so the address with the code never reaches another page as a referrer.
      return reply
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .type('text/html; charset=utf-8')
        .send(forwardingPage(callbackLocation(outcome)));
    },
  );

  const pickerParams = objectParams('pickerId');

  app.get(
    '/workspaces/:workspaceId/oauth/pickers/:pickerId',
    {
      config: { access: 'channel.manage' },
      schema: { tags, summary: 'The accounts the signed-in user can connect', params: pickerParams, response: { 200: pickerSchema } },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return describePicker(ctx, { workspaceId, userId: user.id, pickerId: request.params.pickerId });
    },
  );

  app.post(
    '/workspaces/:workspaceId/oauth/pickers/:pickerId',
    {
      config: { access: 'channel.manage' },
      schema: {
        tags,
        summary: 'Connect the chosen accounts, one channel each (an account already here is reconnected)',
        params: pickerParams,
        body: pickBodySchema,
        response: { 201: listSchema(channelSchema) },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const rows = await connectPicked(ctx, {
        workspaceId,
        userId: user.id,
        pickerId: request.params.pickerId,
        remoteIds: request.body.remoteIds,
      });
      return reply.status(201).send({ items: rows.map((row) => presentChannel(ctx, row)) });
    },
  );
};
