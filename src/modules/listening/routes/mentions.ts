import { Readable } from 'node:stream';
import { z } from 'zod';
import { member, workspaceParams, type ApiModule } from '../../../server/api.ts';
import { notFound } from '../../../lib/errors.ts';
import { decodeCursor, pageOf } from '../../../lib/pagination.ts';
import { correctSentiment } from '../commands.ts';
import { MENTION_EXPORT_MAX_ROWS, mentionExport } from '../mention-export.ts';
import { presentMention } from '../present.ts';
import { mentionRepository } from '../repository/mentions.ts';
import { assertRangeOrder } from '../rules.ts';
import {
  LISTENING_BASE as base,
  LISTENING_TAGS as tags,
  mentionDetailSchema,
  mentionFilterFields,
  mentionFilters,
  mentionPageSchema,
  mentionParams,
  mentionSchema,
  SENTIMENTS,
  type MentionFilters,
} from '../schemas.ts';

/** Refuses a backwards date range before anything is sent (an export's headers go out before its rows). */
function checkMentionRange(f: MentionFilters): void {
  if (f.from && f.to) assertRangeOrder(new Date(f.from), new Date(f.to));
}

/** The mention stream, its CSV export, one mention with its corrections, and sentiment corrections. */
export const listeningMentionRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;

  app.get(
    `${base}/mentions`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Mention stream, newest first, filtered by query, sentiment, language, network, date and text',
        params: workspaceParams,
        querystring: mentionFilters,
        response: { 200: mentionPageSchema },
      },
    },
    async (request) => {
      const f = request.query;
      checkMentionRange(f);
      const rows = await mentionRepository.page(db, request.params.workspaceId, f, decodeCursor(f.cursor), f.limit + 1);
      const page = pageOf(rows, f.limit, (r) => ({ at: r.cursor_at, id: r.id }));
      const matches = await mentionRepository.matchesOf(
        db,
        page.items.map((r) => r.id),
      );
      return { items: page.items.map((r) => presentMention(r, matches.get(r.id))), nextCursor: page.nextCursor };
    },
  );

  app.get(
    `${base}/mentions/export`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: `Download the filtered mentions as CSV (UTF-8, newest first, at most ${MENTION_EXPORT_MAX_ROWS.toLocaleString('en')} rows; times in UTC and in the brand's zone)`,
        params: workspaceParams,
        querystring: mentionFilterFields,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV, UTF-8 with a byte order mark') },
      },
    },
    async (request, reply) => {
      checkMentionRange(request.query);
      const { fileName, csv } = await mentionExport(ctx, request.params.workspaceId, request.query);
      // A stream is sent as it is (the serializer, and so the response schema, only apply to other answers).
      const body = Readable.from(csv) as unknown as string;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).send(body);
    },
  );

  app.get(
    `${base}/mentions/:mentionId`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'One mention with its matched queries and sentiment corrections',
        params: mentionParams,
        response: { 200: mentionDetailSchema },
      },
    },
    async (request) => {
      const row = await mentionRepository.find(db, request.params.workspaceId, request.params.mentionId);
      if (!row) throw notFound('Mention');
      const matches = await mentionRepository.matchesOf(db, [row.id]);
      const corrections = await mentionRepository.corrections(db, row.id);
      return {
        ...presentMention(row, matches.get(row.id)),
        corrections: corrections.map((c) => ({ id: c.id, from: c.from_label, to: c.to_label, by: c.userName, at: c.created_at })),
      };
    },
  );

  app.post(
    `${base}/mentions/:mentionId/sentiment`,
    {
      config: { access: 'listening.write' },
      schema: {
        tags,
        summary: 'Correct a mention’s sentiment label (stored with who and when)',
        params: mentionParams,
        body: z.object({ label: z.enum(SENTIMENTS) }),
        response: { 200: mentionSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      const updated = await correctSentiment(ctx, {
        workspaceId,
        actorUserId: user.id,
        mentionId: request.params.mentionId,
        label: request.body.label,
      });
      const matches = await mentionRepository.matchesOf(db, [updated.id]);
      return presentMention(updated, matches.get(updated.id));
    },
  );
};
