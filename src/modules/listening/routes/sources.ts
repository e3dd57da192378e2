import { member, workspaceParams, type ApiModule } from '../../../server/api.ts';
import { notFound } from '../../../lib/errors.ts';
import { noContent } from '../../../server/schemas.ts';
import { createSource, deleteSource, updateSource } from '../commands.ts';
import { presentSource } from '../present.ts';
import { sourceRepository } from '../repository/sources.ts';
import {
  LISTENING_BASE as base,
  LISTENING_TAGS as tags,
  sourceBody,
  sourceListSchema,
  sourceParams,
  sourcePatchBody,
  sourceSchema,
} from '../schemas.ts';
import { SOURCE_KIND_NAMES } from '../sources/registry.ts';

/** Listening sources: what the listener reads (they reach out to other servers, so managers configure them). */
export const listeningSourceRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;

  app.get(
    `${base}/sources`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Listening sources with their status, cursor, lag and queue depth',
        params: workspaceParams,
        response: { 200: sourceListSchema },
      },
    },
    async (request) => ({
      kinds: [...SOURCE_KIND_NAMES],
      items: (await sourceRepository.list(db, request.params.workspaceId)).map(presentSource),
    }),
  );

  app.post(
    `${base}/sources`,
    {
      config: { access: 'listening.manage' },
      schema: {
        tags,
        summary: 'Add a source (Bluesky firehose or Jetstream, RSS/Atom, Mastodon stream or search, a channel’s mentions)',
        params: workspaceParams,
        body: sourceBody,
        response: { 201: sourceSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const row = await createSource(ctx, { workspaceId, actorUserId: user.id, body: request.body });
      return reply.status(201).send(presentSource(row));
    },
  );

  app.get(
    `${base}/sources/:sourceId`,
    { config: { access: 'read' }, schema: { tags, summary: 'One source', params: sourceParams, response: { 200: sourceSchema } } },
    async (request) => {
      const row = await sourceRepository.find(db, request.params.workspaceId, request.params.sourceId);
      if (!row) throw notFound('Source');
      return presentSource(row);
    },
  );

  app.patch(
    `${base}/sources/:sourceId`,
    {
      config: { access: 'listening.manage' },
      schema: {
        tags,
        summary: 'Pause, resume, rename or change the settings of a source (a new target resets its cursor)',
        params: sourceParams,
        body: sourcePatchBody,
        response: { 200: sourceSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return presentSource(
        await updateSource(ctx, { workspaceId, actorUserId: user.id, sourceId: request.params.sourceId, body: request.body }),
      );
    },
  );

  app.delete(
    `${base}/sources/:sourceId`,
    {
      config: { access: 'listening.manage' },
      schema: { tags, summary: 'Remove a source (its mentions stay)', params: sourceParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      await deleteSource(ctx, { workspaceId, actorUserId: user.id, sourceId: request.params.sourceId });
      return reply.status(204).send(null);
    },
  );
};
