/**
 * Listening writes: each command checks its rules, then writes its rows and its events
 * (`recordEvent`) in one transaction, so nothing is half-stored.
 */
import type { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import { AppError, badRequest, notFound } from '../../lib/errors.ts';
import { recordEvent } from '../events/events.ts';
import { channelRepository } from '../channels/repository.ts';
import { loadAlertSettings, type AlertSettings } from './alerts.ts';
import { processItems, storePrepared, type WorkspacePipelines } from './ingest.ts';
import { alertRepository } from './repository/alerts.ts';
import { mentionRepository } from './repository/mentions.ts';
import { queryRepository } from './repository/queries.ts';
import { sourceRepository } from './repository/sources.ts';
import { checkQuery } from './rules.ts';
import type { alertSettingsBody, importBody, queryBody, sourceBody, sourcePatchBody } from './schemas.ts';
import { sealSourceSecrets, sourceUrlProblem } from './source-config.ts';
import { listeningSourceKind, mentionNetworks } from './sources/registry.ts';
import { parseMentionsCsv } from './sources/csv.ts';

/** Who asks for a change, in which workspace. */
interface Actor {
  workspaceId: string;
  actorUserId: string;
}

const MAX_ALERT_BASELINE_MINUTES = 90 * 24 * 60;
const MAX_IMPORT_ROWS = 100_000;

// ----- saved queries ---------------------------------------------------------------------------

/** Saves a query (brand, competitor with its name, or topic); a query that does not parse is a 400. */
export async function createQuery(ctx: AppContext, input: Actor & { body: z.output<typeof queryBody> }) {
  const { body } = input;
  checkQuery(body.query);
  if (body.kind === 'competitor' && !body.competitorName)
    throw badRequest('competitor_name_required', 'A competitor query needs the competitor name', { field: 'competitorName' });
  return ctx.database.db.transaction().execute(async (trx) => {
    const created = await queryRepository.insert(trx, {
      workspaceId: input.workspaceId,
      name: body.name,
      query: body.query,
      kind: body.kind,
      competitorName: body.kind === 'competitor' ? body.competitorName! : null,
      active: body.active ?? true,
      createdBy: input.actorUserId,
    });
    const data = { name: created.name, kind: created.kind };
    await recordEvent(trx, {
      workspaceId: created.workspace_id,
      actorUserId: input.actorUserId,
      type: 'listening.query_created',
      subjectType: 'listening_query',
      subjectId: created.id,
      data,
    });
    return created;
  });
}

/** Changes a saved query; a competitor query keeps needing its competitor's name. */
export async function updateQuery(
  ctx: AppContext,
  input: Actor & { queryId: string; body: z.output<ReturnType<typeof queryBody.partial>> },
) {
  const current = await queryRepository.find(ctx.database.db, input.workspaceId, input.queryId);
  if (!current) throw notFound('Query');
  const { body } = input;
  if (body.query !== undefined) checkQuery(body.query);
  const kind = body.kind ?? current.kind;
  const competitorName = kind === 'competitor' ? (body.competitorName ?? current.competitor_name) : null;
  if (kind === 'competitor' && !competitorName)
    throw badRequest('competitor_name_required', 'A competitor query needs the competitor name', { field: 'competitorName' });
  return ctx.database.db.transaction().execute(async (trx) => {
    const updated = await queryRepository.update(trx, current.id, {
      name: body.name,
      query: body.query,
      active: body.active,
      kind,
      competitorName,
      updatedAt: new Date(ctx.clock.now()),
    });
    await recordEvent(trx, {
      workspaceId: current.workspace_id,
      actorUserId: input.actorUserId,
      type: 'listening.query_updated',
      subjectType: 'listening_query',
      subjectId: current.id,
      data: { changed: Object.keys(body) },
    });
    return updated;
  });
}

/** Deletes a saved query (its matches go with it; mentions stay). */
export async function deleteQuery(ctx: AppContext, input: Actor & { queryId: string }): Promise<void> {
  const current = await queryRepository.find(ctx.database.db, input.workspaceId, input.queryId);
  if (!current) throw notFound('Query');
  await ctx.database.db.transaction().execute(async (trx) => {
    await queryRepository.delete(trx, current.id);
    const data = { name: current.name };
    await recordEvent(trx, {
      workspaceId: current.workspace_id,
      actorUserId: input.actorUserId,
      type: 'listening.query_deleted',
      subjectType: 'listening_query',
      subjectId: current.id,
      data,
    });
  });
}

// ----- sources ---------------------------------------------------------------------------------

/** Rules every source config meets beyond its shape, on create and on edit. */
async function checkSourceConfig(ctx: AppContext, workspaceId: string, kind: string, config: Record<string, unknown>): Promise<void> {
  const definition = listeningSourceKind(kind);
  // A kind that reads one of the workspace's channels (a channel's mentions): it must be this workspace's.
  const channelField = definition?.fields.find((field) => field.input === 'channel')?.name;
  if (channelField) {
    const details = { field: `config.${channelField}` };
    const channel = await channelRepository.find(ctx.database.db, workspaceId, String(config[channelField]));
    // 404 for another workspace's channel as for none at all (no existence leak).
    if (!channel) throw new AppError(404, 'listening_channel_unknown', 'That channel is not one of this workspace’s channels', details);
    if (channel.status === 'disconnected' || !mentionNetworks(ctx).includes(channel.network))
      throw new AppError(409, 'listening_channel_unavailable', 'That channel is disconnected or its network cannot read mentions', details);
  }
  const problem = definition?.check?.(config);
  if (problem) throw badRequest('source_setting_required', problem.message, { field: `config.${problem.field}` });
  const urlField = definition?.urlField;
  if (urlField) {
    const urlProblem = sourceUrlProblem(String(config[urlField]), definition.streamUrl, ctx.config.allowPrivateUrls);
    if (urlProblem) throw badRequest('source_url_not_allowed', urlProblem, { field: `config.${urlField}` });
  }
}

/** Adds a source (its secrets stored sealed). */
export async function createSource(ctx: AppContext, input: Actor & { body: z.output<typeof sourceBody> }) {
  const { body } = input;
  await checkSourceConfig(ctx, input.workspaceId, body.kind, body.config);
  return ctx.database.db.transaction().execute(async (trx) => {
    const created = await sourceRepository.insert(trx, {
      workspaceId: input.workspaceId,
      kind: body.kind,
      name: body.name,
      config: sealSourceSecrets(ctx, body.config),
    });
    const data = { kind: created.kind, name: created.name };
    await recordEvent(trx, {
      workspaceId: created.workspace_id,
      actorUserId: input.actorUserId,
      type: 'listening.source_created',
      subjectType: 'listening_source',
      subjectId: created.id,
      data,
    });
    return created;
  });
}

/**
 * Pauses, resumes, renames or changes the settings of a source. New settings are merged over the
 * stored ones (`null` removes one) and checked by the kind's rules; the stored access token stays
 * sealed unless a new one is given or it is removed; a new target resets the cursor.
 */
export async function updateSource(ctx: AppContext, input: Actor & { sourceId: string; body: z.output<typeof sourcePatchBody> }) {
  const current = await sourceRepository.find(ctx.database.db, input.workspaceId, input.sourceId);
  if (!current) throw notFound('Source');
  const { body } = input;
  let nextConfig: Record<string, unknown> | undefined;
  let targetChanged = false;
  if (body.config !== undefined) {
    const definition = listeningSourceKind(current.kind);
    if (!definition) throw badRequest('source_not_editable', `A ${current.kind} source has no settings to change`, { field: 'config' });
    const kind = current.kind;
    const { accessTokenSealed, ...stored } = current.config as Record<string, unknown>;
    const merged: Record<string, unknown> = { ...stored };
    for (const [key, value] of Object.entries(body.config)) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    const parsed = definition.config.strict().safeParse(merged);
    if (!parsed.success) {
      throw badRequest('invalid_source_settings', 'Invalid source settings', {
        issues: parsed.error.issues.map((i) => ({ path: ['config', ...i.path].join('.'), message: i.message })),
      });
    }
    const checked = parsed.data as Record<string, unknown>;
    await checkSourceConfig(ctx, input.workspaceId, kind, checked);
    const newToken = typeof checked.accessToken === 'string' && checked.accessToken !== '' ? checked.accessToken : undefined;
    const removedToken = body.config.accessToken === null;
    // The stored token stays sealed as it is unless a new one is supplied or it is removed.
    nextConfig = newToken
      ? sealSourceSecrets(ctx, checked)
      : {
          ...sealSourceSecrets(ctx, { ...checked, accessToken: undefined }),
          ...(accessTokenSealed && !removedToken ? { accessTokenSealed } : {}),
        };
    targetChanged = definition.targetKeys.some((key) => JSON.stringify(checked[key] ?? null) !== JSON.stringify(stored[key] ?? null));
  }
  return ctx.database.db.transaction().execute(async (trx) => {
    const updated = await sourceRepository.update(trx, current, {
      name: body.name,
      active: body.active,
      config: nextConfig,
      resetCursor: targetChanged,
      updatedAt: new Date(ctx.clock.now()),
    });
    const data = {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.active !== undefined && { active: body.active }),
      ...(body.config !== undefined && { changed: Object.keys(body.config).sort(), cursorReset: targetChanged }),
    };
    await recordEvent(trx, {
      workspaceId: current.workspace_id,
      actorUserId: input.actorUserId,
      type: 'listening.source_updated',
      subjectType: 'listening_source',
      subjectId: current.id,
      data,
    });
    return updated;
  });
}

/** Removes a source (its mentions stay). */
export async function deleteSource(ctx: AppContext, input: Actor & { sourceId: string }): Promise<void> {
  const current = await sourceRepository.find(ctx.database.db, input.workspaceId, input.sourceId);
  if (!current) throw notFound('Source');
  await ctx.database.db.transaction().execute(async (trx) => {
    await sourceRepository.delete(trx, current.id);
    const data = { kind: current.kind, name: current.name };
    await recordEvent(trx, {
      workspaceId: current.workspace_id,
      actorUserId: input.actorUserId,
      type: 'listening.source_deleted',
      subjectType: 'listening_source',
      subjectId: current.id,
      data,
    });
  });
}

// ----- mentions --------------------------------------------------------------------------------

/** Corrects a mention's sentiment label (stored with who and when); returns the mention. */
export async function correctSentiment(ctx: AppContext, input: Actor & { mentionId: string; label: string }) {
  const row = await mentionRepository.find(ctx.database.db, input.workspaceId, input.mentionId);
  if (!row) throw notFound('Mention');
  return ctx.database.db.transaction().execute(async (trx) => {
    const next = await mentionRepository.correctSentiment(trx, row, input.actorUserId, input.label);
    await recordEvent(trx, {
      workspaceId: row.workspace_id,
      actorUserId: input.actorUserId,
      type: 'listening.sentiment_corrected',
      subjectType: 'listening_mention',
      subjectId: row.id,
      data: { from: row.sentiment, to: input.label },
    });
    return next;
  });
}

/**
 * Imports mentions from a CSV exported by another tool: every row is stored, or none (422 with an
 * error per failing row). Rows are scored and matched by the workspace's pipeline.
 */
export async function importMentions(ctx: AppContext, pipelines: WorkspacePipelines, input: Actor & { body: z.output<typeof importBody> }) {
  const parsed = parseMentionsCsv(input.body.csv, { textColumn: input.body.textColumn, defaultNetwork: input.body.defaultNetwork });
  if (parsed.errors.length)
    throw new AppError(422, 'import_failed', `${parsed.errors.length} rows are invalid; nothing was imported`, {
      rows: parsed.errors,
      columns: parsed.columns,
    });
  if (parsed.items.length > MAX_IMPORT_ROWS)
    throw badRequest('import_too_many_rows', 'At most 100,000 rows per import', { maxRows: MAX_IMPORT_ROWS });
  const pipeline = await pipelines.get(input.workspaceId);
  const sourceKey = 'csv';
  const { prepared, duplicates } = processItems(pipeline, { items: parsed.items, sourceKey, storeUnmatched: true });
  const result = await ctx.database.db.transaction().execute(async (trx) => {
    const batch = { workspaceId: input.workspaceId, sourceId: null, sourceKey, items: parsed.items, storeUnmatched: true };
    const stored = await storePrepared(trx, batch, prepared, new Date(ctx.clock.now()));
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'listening.mentions_imported',
      subjectType: 'workspace',
      subjectId: input.workspaceId,
      data: { rows: parsed.items.length, stored: stored.stored },
    });
    return stored;
  });
  return {
    rows: parsed.items.length,
    stored: result.stored,
    duplicates: duplicates + result.replayed,
    matched: prepared.filter((p) => p.matches.length).length,
    columns: parsed.columns,
  };
}

// ----- alerts ----------------------------------------------------------------------------------

/** Marks an alert as seen. */
export async function acknowledgeAlert(ctx: AppContext, input: Actor & { alertId: string }) {
  const row = await alertRepository.find(ctx.database.db, input.workspaceId, input.alertId);
  if (!row) throw notFound('Alert');
  return ctx.database.db.transaction().execute(async (trx) => {
    const next = await alertRepository.acknowledge(trx, row.id, new Date(ctx.clock.now()));
    await recordEvent(trx, {
      workspaceId: row.workspace_id,
      actorUserId: input.actorUserId,
      type: 'listening.alert_acknowledged',
      subjectType: 'listening_alert',
      subjectId: row.id,
    });
    return next;
  });
}

/**
 * Changes how sensitive reputation alerts are; fields left out keep their value. The baseline
 * (window × windows) covers at most 90 days; the event lists each changed field's old and new value.
 */
export async function changeAlertSettings(
  ctx: AppContext,
  input: Actor & { body: z.output<typeof alertSettingsBody> },
): Promise<AlertSettings> {
  const { workspaceId, body } = input;
  const before = await loadAlertSettings(ctx, workspaceId);
  const next = { ...before, ...body };
  // Every check reads the whole baseline; 90 days keeps it a bounded query.
  if (next.windowMinutes * next.historyWindows > MAX_ALERT_BASELINE_MINUTES) {
    const days = Math.round((next.windowMinutes * next.historyWindows) / 1440);
    throw badRequest(
      'alert_baseline_too_long',
      `The baseline (window × windows) may cover at most 90 days; ${next.windowMinutes} min × ${next.historyWindows} is ${days} days`,
      {
        field: 'historyWindows',
        maxMinutes: MAX_ALERT_BASELINE_MINUTES,
        days,
      },
    );
  }
  next.notifyEmails = [...new Set(next.notifyEmails)];
  const changed = (Object.keys(body) as Array<keyof typeof body>).filter(
    (key) => JSON.stringify(next[key]) !== JSON.stringify(before[key]),
  );
  const updatedAt = new Date(ctx.clock.now());
  await ctx.database.db.transaction().execute(async (trx) => {
    await alertRepository.saveSettings(trx, workspaceId, { ...next, updatedBy: input.actorUserId, updatedAt });
    if (changed.length > 0) {
      const data = { changed: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: next[key] }])) };
      await recordEvent(trx, {
        workspaceId,
        actorUserId: input.actorUserId,
        type: 'listening.alert_settings_changed',
        subjectType: 'workspace',
        subjectId: workspaceId,
        data,
      });
    }
  });
  return { ...next, updatedAt: updatedAt.toISOString() };
}
