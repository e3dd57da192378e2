import net from 'node:net';
import { Readable } from 'node:stream';
import type { Selectable } from 'kysely';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { workspaceParams, type ApiModule } from '../../server/api.ts';
import { requireRole } from '../../server/auth.ts';
import { stringifyCsv } from '../../lib/csv.ts';
import { AppError, badRequest, notFound } from '../../lib/errors.ts';
import { decodeCursor, exactInstant, olderThanCursor, pageOf, type Cursor } from '../../lib/pagination.ts';
import { isoInstantSchema } from '../../lib/timezones.ts';
import { assertFetchableUrl, isPrivateAddress, UnsafeUrlError } from '../../lib/safe-fetch.ts';
import { LISTENING_QUERY_KINDS, type ListeningMentionsTable } from '../../db/schema.ts';
import { recordEvent } from '../events/events.ts';
import { createMatcher, normalizePost, tryParseQuery, QueryParseError } from './core/index.ts';
import { matchesOf, presentAlert, presentMention, presentQuery, presentSource } from './repository.ts';
import { mentionVolume, sentimentReport, shareOfVoiceReport, topAuthors, topTermsReport, trendingNow } from './analysis.ts';
import { processItems, storePrepared, WorkspacePipelines } from './ingest.ts';
import { loadAlertSettings } from './alerts.ts';
import { parseMentionsCsv } from './sources/csv.ts';
import { listeningSourceKind, LISTENING_SOURCE_KINDS, SOURCE_KIND_NAMES } from './sources/registry.ts';

const queryParams = workspaceParams.extend({ queryId: z.string().uuid() });
const sourceParams = workspaceParams.extend({ sourceId: z.string().uuid() });
const mentionParams = workspaceParams.extend({ mentionId: z.string().uuid() });
const alertParams = workspaceParams.extend({ alertId: z.string().uuid() });

const queryBody = z.object({
  name: z.string().trim().min(1).max(120),
  query: z.string().min(1).max(4000),
  kind: z.enum(LISTENING_QUERY_KINDS),
  competitorName: z.string().trim().min(1).max(120).nullish(),
  active: z.boolean().optional(),
});

/** Alert settings a manager may change; every field is optional (the rest keep their value). */
const alertSettingsBody = z
  .object({
    enabled: z.boolean(),
    windowMinutes: z.number().int().min(5).max(1440),
    historyWindows: z.number().int().min(4).max(672),
    threshold: z.number().min(1).max(20),
    minCount: z.number().int().min(1).max(100_000),
    notifyEmails: z.array(z.string().trim().toLowerCase().email().max(254)).max(10),
  })
  .partial()
  .strict();
const MAX_ALERT_BASELINE_MINUTES = 90 * 24 * 60;

/** Kinds a source can be created with, from the one registry (networks' kinds and the generic ones). */
const SOURCE_KINDS = SOURCE_KIND_NAMES;
type SourceKind = string;

const sourceName = z.string().trim().min(1).max(120);
/** One body shape per kind, with that kind's config schema (sources/registry.ts). */
const sourceBody = z.discriminatedUnion(
  'kind',
  LISTENING_SOURCE_KINDS.map((definition) => z.object({ kind: z.literal(definition.kind), name: sourceName, config: definition.config })) as unknown as [
    z.ZodObject<{ kind: z.ZodLiteral<string>; name: typeof sourceName; config: z.ZodObject }>,
  ],
);

const sourcePatchBody = z.object({
  name: sourceName.optional(),
  active: z.boolean().optional(),
  /**
   * Settings to change, merged over the stored ones and checked by the kind's rules;
   * `null` removes an optional setting. A new `accessToken` is sealed again; omit it to keep the stored one.
   */
  config: z.record(z.string(), z.unknown()).optional(),
});

const rangeQuery = z.object({ from: isoInstantSchema.optional(), to: isoInstantSchema.optional() });
const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;

function rangeOf(ctx: { clock: { now(): number } }, query: { from?: string | Date; to?: string | Date }, defaultDays = 7) {
  const to = query.to ? new Date(query.to) : new Date(ctx.clock.now() + 60_000);
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - defaultDays * 86_400_000);
  assertRangeOrder(from, to);
  return { from, to };
}

/** A backwards date range is a 400 (analysis ranges, and the mention stream and export). */
function assertRangeOrder(from: Date, to: Date): void {
  if (from >= to) throw badRequest('"from" must be before "to"');
}

/** A query parse error as a 400 with the position and what was expected, in English and Spanish. */
function queryError(error: QueryParseError): AppError {
  return new AppError(400, 'invalid_query', error.message, { position: error.position, expected: error.expected, message: error.message, messageEs: error.messageEs });
}

function checkQuery(query: string) {
  const parsed = tryParseQuery(query);
  if (!parsed.ok) throw queryError(parsed.error);
  return parsed.node;
}

/** Listening: saved queries and tester, sources, mentions, corrections, analysis, alerts, CSV import. */
export const listeningRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;
  const base = '/workspaces/:workspaceId/listening';
  const tags = ['listening'];
  // Only used to score CSV imports (no live de-duplication state is needed across requests).
  const importPipelines = new WorkspacePipelines(ctx, 0);

  const loadQuery = async (workspaceId: string, queryId: string) => {
    const row = await db.selectFrom('listening_queries').selectAll().where('id', '=', queryId).where('workspace_id', '=', workspaceId).executeTakeFirst();
    if (!row) throw notFound('Query');
    return row;
  };

  // ----- saved queries -------------------------------------------------------------------------

  app.get(`${base}/queries`, { schema: { tags, summary: 'Saved listening queries', params: workspaceParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const rows = await db.selectFrom('listening_queries').selectAll().where('workspace_id', '=', request.params.workspaceId).orderBy('created_at').execute();
    return { items: rows.map(presentQuery) };
  });

  app.post(`${base}/queries`, { schema: { tags, summary: 'Save a query (brand, competitor with its name, or topic); a bad query is a 400 with position and expected', params: workspaceParams, body: queryBody } }, async (request, reply) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'listening.write');
    const body = request.body;
    checkQuery(body.query);
    if (body.kind === 'competitor' && !body.competitorName) throw badRequest('A competitor query needs the competitor name', { field: 'competitorName' });
    const row = await db.transaction().execute(async (trx) => {
      const created = await trx
        .insertInto('listening_queries')
        .values({ workspace_id: request.params.workspaceId, name: body.name, query: body.query, kind: body.kind, competitor_name: body.kind === 'competitor' ? body.competitorName! : null, active: body.active ?? true, created_by: user.id })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordEvent(trx, { workspaceId: created.workspace_id, actorUserId: user.id, type: 'listening.query_created', subjectType: 'listening_query', subjectId: created.id, data: { name: created.name, kind: created.kind } });
      return created;
    });
    return reply.status(201).send(presentQuery(row));
  });

  app.get(`${base}/queries/:queryId`, { schema: { tags, summary: 'One saved query', params: queryParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    return presentQuery(await loadQuery(request.params.workspaceId, request.params.queryId));
  });

  app.patch(`${base}/queries/:queryId`, { schema: { tags, summary: 'Change a saved query', params: queryParams, body: queryBody.partial() } }, async (request) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'listening.write');
    const current = await loadQuery(request.params.workspaceId, request.params.queryId);
    const body = request.body;
    if (body.query !== undefined) checkQuery(body.query);
    const kind = body.kind ?? current.kind;
    const competitorName = kind === 'competitor' ? (body.competitorName ?? current.competitor_name) : null;
    if (kind === 'competitor' && !competitorName) throw badRequest('A competitor query needs the competitor name', { field: 'competitorName' });
    const row = await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('listening_queries')
        .set({ ...(body.name !== undefined && { name: body.name }), ...(body.query !== undefined && { query: body.query }), ...(body.active !== undefined && { active: body.active }), kind, competitor_name: competitorName, updated_at: new Date(ctx.clock.now()) })
        .where('id', '=', current.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordEvent(trx, { workspaceId: current.workspace_id, actorUserId: user.id, type: 'listening.query_updated', subjectType: 'listening_query', subjectId: current.id, data: { changed: Object.keys(body) } });
      return updated;
    });
    return presentQuery(row);
  });

  app.delete(`${base}/queries/:queryId`, { schema: { tags, summary: 'Delete a saved query (its matches go with it; mentions stay)', params: queryParams } }, async (request, reply) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'listening.write');
    const current = await loadQuery(request.params.workspaceId, request.params.queryId);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('listening_queries').where('id', '=', current.id).execute();
      await recordEvent(trx, { workspaceId: current.workspace_id, actorUserId: user.id, type: 'listening.query_deleted', subjectType: 'listening_query', subjectId: current.id, data: { name: current.name } });
    });
    return reply.status(204).send();
  });

  const testBody = z.object({ query: z.string().min(1).max(4000), from: isoInstantSchema.optional(), to: isoInstantSchema.optional(), limit: z.number().int().min(1).max(200).default(50), scan: z.number().int().min(1).max(50_000).default(10_000) });
  const runTest = async (workspaceId: string, body: z.output<typeof testBody>) => {
    const node = checkQuery(body.query);
    const range = rangeOf(ctx, body, 30);
    const matcher = createMatcher([{ id: 'test', query: node }]);
    const rows = await db
      .selectFrom('listening_mentions')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('published_at', '>=', range.from)
      .where('published_at', '<', range.to)
      .orderBy('published_at', 'desc')
      .limit(body.scan)
      .execute();
    const started = performance.now();
    const hits = rows.filter((row) => {
      const post = normalizePost({ text: row.text, author: row.author_handle, network: row.network, lang: row.lang });
      post.lang = row.lang;
      return matcher.match(post).length > 0;
    });
    const matches = await matchesOf(db, hits.slice(0, body.limit).map((r) => r.id));
    return { scanned: rows.length, matched: hits.length, tookMs: Math.round(performance.now() - started), items: hits.slice(0, body.limit).map((r) => presentMention(r, matches.get(r.id))) };
  };

  app.post(`${base}/queries/test`, { schema: { tags, summary: 'Run an unsaved query against the stored mentions at once', params: workspaceParams, body: testBody } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    return runTest(request.params.workspaceId, request.body);
  });

  app.post(`${base}/queries/:queryId/test`, { schema: { tags, summary: 'Run a saved query against the stored mentions at once', params: queryParams, body: testBody.omit({ query: true }) } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const saved = await loadQuery(request.params.workspaceId, request.params.queryId);
    return runTest(request.params.workspaceId, { ...request.body, query: saved.query });
  });

  // ----- sources -------------------------------------------------------------------------------

  const loadSource = async (workspaceId: string, sourceId: string) => {
    const row = await db.selectFrom('listening_sources').selectAll().where('id', '=', sourceId).where('workspace_id', '=', workspaceId).executeTakeFirst();
    if (!row) throw notFound('Source');
    return row;
  };

  /** Rules every source config meets beyond its shape, on create and on edit. */
  const checkSourceConfig = async (workspaceId: string, kind: SourceKind, config: Record<string, unknown>) => {
    const definition = listeningSourceKind(kind);
    // A kind that reads one of the workspace's channels (a channel's mentions): it must be this workspace's.
    const channelField = definition?.fields.find((field) => field.input === 'channel')?.name;
    if (channelField) {
      const channel = await db.selectFrom('channels').select('id').where('id', '=', String(config[channelField])).where('workspace_id', '=', workspaceId).executeTakeFirst();
      if (!channel) throw notFound('Channel');
    }
    const problem = definition?.check?.(config);
    if (problem) throw badRequest(problem.message, { field: `config.${problem.field}` });
    const urlField = definition?.urlField;
    if (urlField) {
      const urlProblem = sourceUrlProblem(String(config[urlField]), definition.streamUrl, ctx.config.allowPrivateUrls);
      if (urlProblem) throw badRequest(urlProblem, { field: `config.${urlField}` });
    }
  };

  app.get(`${base}/sources`, { schema: { tags, summary: 'Listening sources with their status, cursor, lag and queue depth', params: workspaceParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const rows = await db.selectFrom('listening_sources').selectAll().where('workspace_id', '=', request.params.workspaceId).orderBy('created_at').execute();
    return { kinds: SOURCE_KINDS, items: rows.map(presentSource) };
  });

  app.post(`${base}/sources`, { schema: { tags, summary: 'Add a source (Bluesky firehose or Jetstream, RSS/Atom, Mastodon stream or search, a channel’s mentions)', params: workspaceParams, body: sourceBody } }, async (request, reply) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'listening.manage');
    const body = request.body;
    await checkSourceConfig(request.params.workspaceId, body.kind, body.config);
    const row = await db.transaction().execute(async (trx) => {
      const created = await trx.insertInto('listening_sources').values({ workspace_id: request.params.workspaceId, kind: body.kind, name: body.name, config: JSON.stringify(sealSourceSecrets(ctx, body.config)) }).returningAll().executeTakeFirstOrThrow();
      await recordEvent(trx, { workspaceId: created.workspace_id, actorUserId: user.id, type: 'listening.source_created', subjectType: 'listening_source', subjectId: created.id, data: { kind: created.kind, name: created.name } });
      return created;
    });
    return reply.status(201).send(presentSource(row));
  });

  app.get(`${base}/sources/:sourceId`, { schema: { tags, summary: 'One source', params: sourceParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    return presentSource(await loadSource(request.params.workspaceId, request.params.sourceId));
  });

  app.patch(`${base}/sources/:sourceId`, { schema: { tags, summary: 'Pause, resume, rename or change the settings of a source (a new target resets its cursor)', params: sourceParams, body: sourcePatchBody } }, async (request) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'listening.manage');
    const current = await loadSource(request.params.workspaceId, request.params.sourceId);
    const body = request.body;
    let nextConfig: Record<string, unknown> | undefined;
    let targetChanged = false;
    if (body.config !== undefined) {
      const definition = listeningSourceKind(current.kind);
      if (!definition) throw badRequest(`A ${current.kind} source has no settings to change`, { field: 'config' });
      const kind = current.kind;
      const { accessTokenSealed, ...stored } = current.config as Record<string, unknown>;
      const merged: Record<string, unknown> = { ...stored };
      for (const [key, value] of Object.entries(body.config)) {
        if (value === null) delete merged[key];
        else merged[key] = value;
      }
      const parsed = definition.config.strict().safeParse(merged);
      if (!parsed.success) throw badRequest('Invalid source settings', { issues: parsed.error.issues.map((i) => ({ path: ['config', ...i.path].join('.'), message: i.message })) });
      const checked = parsed.data as Record<string, unknown>;
      await checkSourceConfig(request.params.workspaceId, kind, checked);
      const newToken = typeof checked.accessToken === 'string' && checked.accessToken !== '' ? checked.accessToken : undefined;
      const removedToken = body.config.accessToken === null;
      // The stored token stays sealed as it is unless a new one is supplied or it is removed.
      nextConfig = newToken ? sealSourceSecrets(ctx, checked) : { ...sealSourceSecrets(ctx, { ...checked, accessToken: undefined }), ...(accessTokenSealed && !removedToken ? { accessTokenSealed } : {}) };
      targetChanged = definition.targetKeys.some((key) => JSON.stringify(checked[key] ?? null) !== JSON.stringify(stored[key] ?? null));
    }
    const row = await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('listening_sources')
        .set({
          ...(body.name !== undefined && { name: body.name }),
          ...(body.active !== undefined && { active: body.active, status: body.active ? 'idle' : 'paused' }),
          ...(nextConfig !== undefined && { config: JSON.stringify(nextConfig) }),
          // A cursor is a position in one stream (a firehose sequence, a feed's ETag, a status id):
          // kept across a new target it would skip or replay the wrong items, so the source starts fresh.
          ...(targetChanged && { cursor: null, lag_ms: null, last_error: null, next_poll_at: null, ...(current.active && body.active !== false && { status: 'idle' }) }),
          updated_at: new Date(ctx.clock.now()),
        })
        .where('id', '=', current.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const data = { ...(body.name !== undefined && { name: body.name }), ...(body.active !== undefined && { active: body.active }), ...(body.config !== undefined && { changed: Object.keys(body.config).sort(), cursorReset: targetChanged }) };
      await recordEvent(trx, { workspaceId: current.workspace_id, actorUserId: user.id, type: 'listening.source_updated', subjectType: 'listening_source', subjectId: current.id, data });
      return updated;
    });
    return presentSource(row);
  });

  app.delete(`${base}/sources/:sourceId`, { schema: { tags, summary: 'Remove a source (its mentions stay)', params: sourceParams } }, async (request, reply) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'listening.manage');
    const current = await loadSource(request.params.workspaceId, request.params.sourceId);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('listening_sources').where('id', '=', current.id).execute();
      await recordEvent(trx, { workspaceId: current.workspace_id, actorUserId: user.id, type: 'listening.source_deleted', subjectType: 'listening_source', subjectId: current.id, data: { kind: current.kind, name: current.name } });
    });
    return reply.status(204).send();
  });

  // ----- CSV import ----------------------------------------------------------------------------

  app.post(
    `${base}/import`,
    {
      schema: {
        tags,
        summary: 'Import mentions from a CSV exported by another tool: every row is stored, or none, with an error per failing row',
        params: workspaceParams,
        body: z.object({ csv: z.string().min(1).max(20_000_000), textColumn: z.string().max(100).optional(), defaultNetwork: z.string().max(40).optional() }),
      },
      bodyLimit: 25 * 1024 * 1024,
    },
    async (request, reply) => {
      const { user } = await requireRole(ctx, request, request.params.workspaceId, 'listening.write');
      const parsed = parseMentionsCsv(request.body.csv, { textColumn: request.body.textColumn, defaultNetwork: request.body.defaultNetwork });
      if (parsed.errors.length) throw new AppError(422, 'import_failed', `${parsed.errors.length} rows are invalid; nothing was imported`, { rows: parsed.errors, columns: parsed.columns });
      if (parsed.items.length > 100_000) throw badRequest('At most 100,000 rows per import');
      const pipeline = await importPipelines.get(request.params.workspaceId);
      const sourceKey = 'csv';
      const { prepared, duplicates } = processItems(pipeline, { items: parsed.items, sourceKey, storeUnmatched: true });
      const result = await db.transaction().execute(async (trx) => {
        const stored = await storePrepared(trx, { workspaceId: request.params.workspaceId, sourceId: null, sourceKey, items: parsed.items, storeUnmatched: true }, prepared, new Date(ctx.clock.now()));
        await recordEvent(trx, { workspaceId: request.params.workspaceId, actorUserId: user.id, type: 'listening.mentions_imported', subjectType: 'workspace', subjectId: request.params.workspaceId, data: { rows: parsed.items.length, stored: stored.stored } });
        return stored;
      });
      return reply.status(201).send({ rows: parsed.items.length, stored: result.stored, duplicates: duplicates + result.replayed, matched: prepared.filter((p) => p.matches.length).length, columns: parsed.columns });
    },
  );

  // ----- mentions ------------------------------------------------------------------------------

  const mentionFilterFields = rangeQuery.extend({
    queryId: z.string().uuid().optional(),
    sentiment: z.enum(SENTIMENTS).optional(),
    lang: z.string().max(10).optional(),
    network: z.string().max(40).optional(),
    q: z.string().max(200).optional(),
  });
  const mentionFilters = mentionFilterFields.extend({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
  });
  type MentionFilters = z.infer<typeof mentionFilterFields>;

  /** Refuses a backwards date range before anything is sent (an export's headers go out before its rows). */
  const checkMentionRange = (f: MentionFilters) => {
    if (f.from && f.to) assertRangeOrder(new Date(f.from), new Date(f.to));
  };

  /** The workspace's mentions that pass the filters (the stream and the export share it), newest first. */
  const filteredMentions = (workspaceId: string, f: MentionFilters, after: Cursor | null) => {
    let query = db.selectFrom('listening_mentions as m').selectAll('m').select(exactInstant('m.published_at').as('cursor_at')).where('m.workspace_id', '=', workspaceId);
    if (f.from) query = query.where('m.published_at', '>=', new Date(f.from));
    if (f.to) query = query.where('m.published_at', '<', new Date(f.to));
    if (f.sentiment) query = query.where('m.sentiment', '=', f.sentiment);
    if (f.lang) query = query.where('m.lang', '=', f.lang);
    if (f.network) query = query.where('m.network', '=', f.network);
    if (f.q) query = query.where('m.text', 'ilike', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (f.queryId) {
      const queryId = f.queryId;
      query = query.where((eb) => eb.exists(eb.selectFrom('listening_mention_matches as x').select('x.query_id').whereRef('x.mention_id', '=', 'm.id').where('x.query_id', '=', queryId)));
    }
    if (after) query = query.where(olderThanCursor('m.published_at', 'm.id', after));
    return query.orderBy('m.published_at', 'desc').orderBy('m.id', 'desc');
  };

  app.get(`${base}/mentions`, { schema: { tags, summary: 'Mention stream, newest first, filtered by query, sentiment, language, network, date and text', params: workspaceParams, querystring: mentionFilters } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const f = request.query;
    checkMentionRange(f);
    const rows = await filteredMentions(request.params.workspaceId, f, decodeCursor(f.cursor)).limit(f.limit + 1).execute();
    const page = pageOf(rows, f.limit, (r) => ({ at: r.cursor_at, id: r.id }));
    const matches = await matchesOf(db, page.items.map((r) => r.id));
    return { items: page.items.map((r) => presentMention(r, matches.get(r.id))), nextCursor: page.nextCursor };
  });

  app.get(
    `${base}/mentions/export`,
    {
      schema: {
        tags,
        summary: `Download the filtered mentions as CSV (UTF-8, newest first, at most ${MENTION_EXPORT_MAX_ROWS.toLocaleString('en')} rows; times in UTC and in the brand's zone)`,
        params: workspaceParams,
        querystring: mentionFilterFields,
      },
    },
    async (request, reply) => {
      await requireRole(ctx, request, request.params.workspaceId, 'read');
      const workspaceId = request.params.workspaceId;
      const workspace = await db.selectFrom('workspaces').select(['time_zone', 'name']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
      const queryNames = new Map((await db.selectFrom('listening_queries').select(['id', 'name']).where('workspace_id', '=', workspaceId).execute()).map((q) => [q.id, q.name]));
      const filters = request.query;
      checkMentionRange(filters);
      // Pages of 1,000 by keyset, so a large export never holds every mention in memory.
      async function* csv(): AsyncGenerator<string> {
        yield '\uFEFF' + stringifyCsv([MENTION_EXPORT_COLUMNS]);
        let after: Cursor | null = null;
        for (let sent = 0; sent < MENTION_EXPORT_MAX_ROWS; ) {
          const rows: Array<Selectable<ListeningMentionsTable> & { cursor_at: string }> = await filteredMentions(workspaceId, filters, after).limit(Math.min(1000, MENTION_EXPORT_MAX_ROWS - sent)).execute();
          if (rows.length === 0) return;
          const matches = await matchesOf(db, rows.map((r) => r.id));
          yield stringifyCsv(rows.map((row) => mentionCsvRow(row, matches.get(row.id) ?? [], queryNames, workspace.time_zone)));
          sent += rows.length;
          const last = rows[rows.length - 1];
          after = { at: last.cursor_at, id: last.id };
        }
      }
      const day = DateTime.fromMillis(ctx.clock.now(), { zone: workspace.time_zone }).toISODate();
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="plaza-mentions-${day}.csv"`)
        .send(Readable.from(csv()));
    },
  );

  const loadMention = async (workspaceId: string, mentionId: string) => {
    const row = await db.selectFrom('listening_mentions').selectAll().where('id', '=', mentionId).where('workspace_id', '=', workspaceId).executeTakeFirst();
    if (!row) throw notFound('Mention');
    return row;
  };

  app.get(`${base}/mentions/:mentionId`, { schema: { tags, summary: 'One mention with its matched queries and sentiment corrections', params: mentionParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const row = await loadMention(request.params.workspaceId, request.params.mentionId);
    const matches = await matchesOf(db, [row.id]);
    const corrections = await db
      .selectFrom('listening_sentiment_corrections as c')
      .leftJoin('users as u', 'u.id', 'c.user_id')
      .select(['c.id', 'c.from_label', 'c.to_label', 'c.created_at', 'u.name as userName'])
      .where('c.mention_id', '=', row.id)
      .orderBy('c.created_at', 'desc')
      .execute();
    return { ...presentMention(row, matches.get(row.id)), corrections: corrections.map((c) => ({ id: c.id, from: c.from_label, to: c.to_label, by: c.userName, at: c.created_at })) };
  });

  app.post(`${base}/mentions/:mentionId/sentiment`, { schema: { tags, summary: 'Correct a mention’s sentiment label (stored with who and when)', params: mentionParams, body: z.object({ label: z.enum(SENTIMENTS) }) } }, async (request) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'listening.write');
    const row = await loadMention(request.params.workspaceId, request.params.mentionId);
    const updated = await db.transaction().execute(async (trx) => {
      await trx.insertInto('listening_sentiment_corrections').values({ workspace_id: row.workspace_id, mention_id: row.id, user_id: user.id, from_label: row.sentiment, to_label: request.body.label }).execute();
      const next = await trx.updateTable('listening_mentions').set({ sentiment: request.body.label }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
      await recordEvent(trx, { workspaceId: row.workspace_id, actorUserId: user.id, type: 'listening.sentiment_corrected', subjectType: 'listening_mention', subjectId: row.id, data: { from: row.sentiment, to: request.body.label } });
      return next;
    });
    const matches = await matchesOf(db, [row.id]);
    return presentMention(updated, matches.get(row.id));
  });

  // ----- analysis ------------------------------------------------------------------------------

  const workspaceZone = async (workspaceId: string) => (await db.selectFrom('workspaces').select('time_zone').where('id', '=', workspaceId).executeTakeFirstOrThrow()).time_zone;

  app.get(`${base}/analysis/volume`, { schema: { tags, summary: 'Mention volume over time per query (hour or day buckets, brand time zone)', params: workspaceParams, querystring: rangeQuery.extend({ interval: z.enum(['hour', 'day']).default('day') }) } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    return mentionVolume(ctx, request.params.workspaceId, rangeOf(ctx, request.query, 30), request.query.interval, await workspaceZone(request.params.workspaceId));
  });

  app.get(`${base}/analysis/share-of-voice`, { schema: { tags, summary: 'Share of voice: brand / (brand + competitors) × 100, and each competitor’s share', params: workspaceParams, querystring: rangeQuery } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    return shareOfVoiceReport(ctx, request.params.workspaceId, rangeOf(ctx, request.query, 30));
  });

  app.get(`${base}/analysis/sentiment`, { schema: { tags, summary: 'Sentiment counts and net sentiment ((positive − negative) / all × 100, neutral included)', params: workspaceParams, querystring: rangeQuery.extend({ queryId: z.string().uuid().optional() }) } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    return sentimentReport(ctx, request.params.workspaceId, rangeOf(ctx, request.query, 30), request.query.queryId);
  });

  app.get(`${base}/analysis/authors`, { schema: { tags, summary: 'Top authors with their reach', params: workspaceParams, querystring: rangeQuery.extend({ limit: z.coerce.number().int().min(1).max(100).default(20) }) } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    return { items: await topAuthors(ctx, request.params.workspaceId, rangeOf(ctx, request.query, 30), request.query.limit) };
  });

  app.get(`${base}/analysis/terms`, { schema: { tags, summary: 'Top terms and phrases', params: workspaceParams, querystring: rangeQuery.extend({ queryId: z.string().uuid().optional() }) } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    return topTermsReport(ctx, request.params.workspaceId, rangeOf(ctx, request.query, 30), request.query.queryId);
  });

  app.get(`${base}/trending`, { schema: { tags, summary: 'Trending now: terms, pairs and queries bursting above their own baseline', params: workspaceParams, querystring: z.object({ windowMinutes: z.coerce.number().int().min(5).max(1440).default(60) }) } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    return trendingNow(ctx, request.params.workspaceId, { windowMs: request.query.windowMinutes * 60_000 });
  });

  // ----- alerts --------------------------------------------------------------------------------

  app.get(`${base}/alerts`, { schema: { tags, summary: 'Reputation alerts (negative mention spikes), newest first', params: workspaceParams, querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const rows = await db.selectFrom('listening_alerts').selectAll().where('workspace_id', '=', request.params.workspaceId).orderBy('created_at', 'desc').limit(request.query.limit).execute();
    return { items: rows.map(presentAlert) };
  });

  app.post(`${base}/alerts/:alertId/acknowledge`, { schema: { tags, summary: 'Mark an alert as seen', params: alertParams } }, async (request) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'listening.write');
    const row = await db.selectFrom('listening_alerts').selectAll().where('id', '=', request.params.alertId).where('workspace_id', '=', request.params.workspaceId).executeTakeFirst();
    if (!row) throw notFound('Alert');
    const updated = await db.transaction().execute(async (trx) => {
      const next = await trx.updateTable('listening_alerts').set({ acknowledged_at: new Date(ctx.clock.now()) }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
      await recordEvent(trx, { workspaceId: row.workspace_id, actorUserId: user.id, type: 'listening.alert_acknowledged', subjectType: 'listening_alert', subjectId: row.id });
      return next;
    });
    return presentAlert(updated);
  });

  app.get(`${base}/alert-settings`, { schema: { tags, summary: 'How sensitive reputation alerts are (the defaults until someone changes them)', params: workspaceParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    return loadAlertSettings(ctx, request.params.workspaceId);
  });

  app.put(`${base}/alert-settings`, { schema: { tags, summary: 'Change how sensitive reputation alerts are (owners and managers)', params: workspaceParams, body: alertSettingsBody } }, async (request) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'listening.manage');
    const workspaceId = request.params.workspaceId;
    const before = await loadAlertSettings(ctx, workspaceId);
    const next = { ...before, ...request.body };
    // Every check reads the whole baseline; 90 days keeps it a bounded query.
    if (next.windowMinutes * next.historyWindows > MAX_ALERT_BASELINE_MINUTES) {
      throw badRequest(`The baseline (window × windows) may cover at most 90 days; ${next.windowMinutes} min × ${next.historyWindows} is ${Math.round((next.windowMinutes * next.historyWindows) / 1440)} days`, { field: 'historyWindows', maxMinutes: MAX_ALERT_BASELINE_MINUTES });
    }
    next.notifyEmails = [...new Set(next.notifyEmails)];
    const changed = (Object.keys(request.body) as Array<keyof typeof request.body>).filter((key) => JSON.stringify(next[key]) !== JSON.stringify(before[key]));
    const updatedAt = new Date(ctx.clock.now());
    await db.transaction().execute(async (trx) => {
      const values = { enabled: next.enabled, window_minutes: next.windowMinutes, history_windows: next.historyWindows, z_threshold: next.threshold, min_count: next.minCount, notify_emails: JSON.stringify(next.notifyEmails), updated_by: user.id, updated_at: updatedAt };
      await trx.insertInto('listening_alert_settings').values({ workspace_id: workspaceId, ...values }).onConflict((oc) => oc.column('workspace_id').doUpdateSet(values)).execute();
      if (changed.length > 0) {
        await recordEvent(trx, { workspaceId, actorUserId: user.id, type: 'listening.alert_settings_changed', subjectType: 'workspace', subjectId: workspaceId, data: { changed: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: next[key] }])) } });
      }
    });
    return { ...next, updatedAt: updatedAt.toISOString() };
  });
};

/** Most rows one mention export writes (a CSV that spreadsheets still open). */
const MENTION_EXPORT_MAX_ROWS = 100_000;
const MENTION_EXPORT_COLUMNS = ['published_at_utc', 'published_at_local', 'network', 'author_handle', 'author_name', 'author_reach', 'lang', 'sentiment', 'sentiment_score', 'auto_sentiment', 'corrected', 'queries', 'url', 'text', 'id'];

/**
 * One CSV row of a mention. Cells that a spreadsheet would run as a formula (a stranger's post
 * starting with "=", "+", "-", "@", …) get a leading apostrophe from `stringifyCsv`, in every column.
 */
function mentionCsvRow(row: Selectable<ListeningMentionsTable>, queryIds: string[], queryNames: Map<string, string>, zone: string): Array<string | number> {
  const cell = (value: string | null) => value ?? '';
  const published = new Date(row.published_at);
  return [
    published.toISOString(),
    DateTime.fromJSDate(published, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ"),
    row.network,
    cell(row.author_handle),
    cell(row.author_name),
    row.author_reach ?? '',
    row.lang ?? '',
    row.sentiment ?? '',
    row.sentiment_score ?? '',
    row.auto_sentiment ?? '',
    row.sentiment !== row.auto_sentiment ? 'yes' : 'no',
    cell(queryIds.map((id) => queryNames.get(id) ?? id).join('; ')),
    cell(row.url),
    cell(row.text),
    row.id,
  ];
}

/** Secrets in a source's config (a Mastodon access token) are stored sealed, never in clear. */
function sealSourceSecrets(ctx: { secrets: { seal(value: unknown): string } }, config: Record<string, unknown>): Record<string, unknown> {
  const { accessToken, ...rest } = config;
  return typeof accessToken === 'string' && accessToken ? { ...rest, accessTokenSealed: ctx.secrets.seal(accessToken) } : rest;
}

/**
 * Why a source URL is refused when saved, or null: http(s) only (ws(s) too for streams), no
 * credentials, and no loopback or private address unless PLAZA_ALLOW_PRIVATE_URLS. Host names
 * are resolved when the source connects (safeFetch, assertPublicStreamUrl), which also stops DNS rebinding.
 */
function sourceUrlProblem(raw: string, stream: boolean, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = assertFetchableUrl(stream ? raw.replace(/^ws(s?):/i, 'http$1:') : raw);
  } catch (error) {
    return error instanceof UnsafeUrlError ? error.message : 'Not a valid URL';
  }
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is a loopback address`;
  if (net.isIP(host) && isPrivateAddress(host)) return `${host} is a private address`;
  return null;
}
