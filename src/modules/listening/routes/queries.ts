import { member, workspaceParams, type ApiModule } from '../../../server/api.ts';
import { notFound } from '../../../lib/errors.ts';
import { listSchema, noContent } from '../../../server/schemas.ts';
import { createQuery, deleteQuery, updateQuery } from '../commands.ts';
import { presentQuery } from '../present.ts';
import { testQuery } from '../query-tester.ts';
import { queryRepository } from '../repository/queries.ts';
import {
  LISTENING_BASE as base,
  LISTENING_TAGS as tags,
  queryBody,
  queryParams,
  querySchema,
  queryTestBody,
  queryTestSchema,
} from '../schemas.ts';

/** Saved listening queries, and the tester that runs a query against the stored mentions at once. */
export const listeningQueryRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;

  app.get(
    `${base}/queries`,
    {
      config: { access: 'read' },
      schema: { tags, summary: 'Saved listening queries', params: workspaceParams, response: { 200: listSchema(querySchema) } },
    },
    async (request) => ({ items: (await queryRepository.list(db, request.params.workspaceId)).map(presentQuery) }),
  );

  app.post(
    `${base}/queries`,
    {
      config: { access: 'listening.write' },
      schema: {
        tags,
        summary: 'Save a query (brand, competitor with its name, or topic); a bad query is a 400 with position and expected',
        params: workspaceParams,
        body: queryBody,
        response: { 201: querySchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const row = await createQuery(ctx, { workspaceId, actorUserId: user.id, body: request.body });
      return reply.status(201).send(presentQuery(row));
    },
  );

  app.get(
    `${base}/queries/:queryId`,
    { config: { access: 'read' }, schema: { tags, summary: 'One saved query', params: queryParams, response: { 200: querySchema } } },
    async (request) => {
      const row = await queryRepository.find(db, request.params.workspaceId, request.params.queryId);
      if (!row) throw notFound('Query');
      return presentQuery(row);
    },
  );

  app.patch(
    `${base}/queries/:queryId`,
    {
      config: { access: 'listening.write' },
      schema: { tags, summary: 'Change a saved query', params: queryParams, body: queryBody.partial(), response: { 200: querySchema } },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return presentQuery(
        await updateQuery(ctx, { workspaceId, actorUserId: user.id, queryId: request.params.queryId, body: request.body }),
      );
    },
  );

  app.delete(
    `${base}/queries/:queryId`,
    {
      config: { access: 'listening.write' },
      schema: {
        tags,
        summary: 'Delete a saved query (its matches go with it; mentions stay)',
        params: queryParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      await deleteQuery(ctx, { workspaceId, actorUserId: user.id, queryId: request.params.queryId });
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${base}/queries/test`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Run an unsaved query against the stored mentions at once',
        params: workspaceParams,
        body: queryTestBody,
        response: { 200: queryTestSchema },
      },
    },
    async (request) => testQuery(ctx, request.params.workspaceId, request.body),
  );

  app.post(
    `${base}/queries/:queryId/test`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Run a saved query against the stored mentions at once',
        params: queryParams,
        body: queryTestBody.omit({ query: true }),
        response: { 200: queryTestSchema },
      },
    },
    async (request) => {
      const saved = await queryRepository.find(db, request.params.workspaceId, request.params.queryId);
      if (!saved) throw notFound('Query');
      return testQuery(ctx, request.params.workspaceId, { ...request.body, query: saved.query });
    },
  );
};
