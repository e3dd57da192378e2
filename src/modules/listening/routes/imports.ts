import { member, workspaceParams, type ApiModule } from '../../../server/api.ts';
import { importMentions } from '../commands.ts';
import { WorkspacePipelines } from '../ingest.ts';
import { importBody, importResultSchema, LISTENING_BASE as base, LISTENING_TAGS as tags } from '../schemas.ts';

/** Importing mentions from another tool's CSV export. */
export const listeningImportRoutes: ApiModule = async (app, ctx) => {
  // Only used to score CSV imports (no live de-duplication state is needed across requests).
  const importPipelines = new WorkspacePipelines(ctx, 0);

  app.post(
    `${base}/import`,
    {
      config: { access: 'listening.write' },
      schema: {
        tags,
        summary: 'Import mentions from a CSV exported by another tool: every row is stored, or none, with an error per failing row',
        params: workspaceParams,
        body: importBody,
        response: { 201: importResultSchema },
      },
      bodyLimit: 25 * 1024 * 1024,
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const result = await importMentions(ctx, importPipelines, { workspaceId, actorUserId: user.id, body: request.body });
      return reply.status(201).send(result);
    },
  );
};
