import { z } from 'zod';
import { sql, type Selectable } from 'kysely';
import type { MetricBackfillsTable } from '../../db/schema.ts';
import type { AppContext } from '../../server/context.ts';
import { workspaceParams, type ApiModule } from '../../server/api.ts';
import { requireRole } from '../../server/auth.ts';
import { badRequest, notFound, unauthorized } from '../../lib/errors.ts';
import { isoInstantSchema, timeZoneSchema } from '../../lib/timezones.ts';
import { assertReportRange, calendarDaySchema } from '../../lib/input.ts';
import { recordEvent } from '../events/events.ts';
import { clickRecorderFor } from '../links/routes.ts';
import { shortLinkBase } from '../links/service.ts';
import { backfillMetrics, collectDueMetrics, type BackfillProgress } from './collector.ts';
import { channelBreakdown, dashboard, NETWORK_REPORTS, type DashboardScope } from './dashboards.ts';
import { missingMetricCodes } from '../../networks/metrics.ts';
import { bestTime, channelFit, evaluateObjectives, objectiveProgress, suggestTime } from './insights.ts';
import { computeKpis, KPI_CATALOG } from './kpis.ts';
import { buildReportData, nextRunAfter, renderReport, runReportSchedule, type SmtpSettings } from './reports.ts';
import { assertSmtpHostAllowed } from '../../lib/smtp.ts';
import { addDays, localDay, startOfLocalDay } from '../../lib/brand-days.ts';
import { workspaceTimeZone } from '../../db/workspace-settings.ts';
import { assertReferencesInWorkspace } from '../workspaces/references.ts';

/** A calendar date (a whole day in the brand's zone) or an instant with an offset. */
const dayOrInstant = z.union([calendarDaySchema, isoInstantSchema]);
const rangeQuery = z.object({
  from: dayOrInstant.optional(),
  to: dayOrInstant.optional(),
  compare: z.enum(['true', 'false']).default('true'),
});

/** A running backfill whose row was not touched for this long belongs to a process that died. */
const BACKFILL_STALE_MS = 5 * 60_000;
/** Progress is written at most this often, not once per post (a workspace may have thousands). */
const BACKFILL_WRITE_EVERY_MS = 500;
/** A live backfill touches its row at least this often, so a slow post never makes it look interrupted. */
const BACKFILL_HEARTBEAT_MS = 60_000;
/** The error of a backfill whose process stopped before finishing. */
export const BACKFILL_INTERRUPTED = 'interrupted';

type BackfillRow = Selectable<MetricBackfillsTable>;

/** A backfill as the API shows it; a stale `running` row is reported as failed ("interrupted"). */
function presentBackfill(row: BackfillRow, now: number) {
  const interrupted = row.state === 'running' && now - row.updated_at.getTime() > BACKFILL_STALE_MS;
  const state = interrupted ? 'failed' : row.state;
  return {
    jobId: row.id,
    state,
    total: row.total,
    done: row.done,
    failed: row.failed,
    finished: state !== 'running',
    error: interrupted ? BACKFILL_INTERRUPTED : row.error,
    startedBy: row.started_by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Starts a backfill for the workspace unless one is already running there
 * (the partial unique index settles races between processes). A running row
 * left behind by a dead process is closed as interrupted first.
 */
async function startBackfill(ctx: AppContext, workspaceId: string, userId: string): Promise<{ row: BackfillRow; started: boolean }> {
  const db = ctx.database.db;
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = new Date(ctx.clock.now());
    await db
      .updateTable('metric_backfills')
      .set({ state: 'failed', error: BACKFILL_INTERRUPTED, finished_at: now, updated_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('state', '=', 'running')
      .where('updated_at', '<', new Date(now.getTime() - BACKFILL_STALE_MS))
      .execute();
    const inserted = await db
      .insertInto('metric_backfills')
      .values({ workspace_id: workspaceId, started_by: userId, state: 'running', started_at: now, updated_at: now })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { row: inserted, started: true };
    const running = await db.selectFrom('metric_backfills').selectAll().where('workspace_id', '=', workspaceId).where('state', '=', 'running').executeTakeFirst();
    if (running) return { row: running, started: false };
    // The running one finished between our insert and our read: try again.
  }
  throw new Error('Could not start a backfill');
}

/**
 * Runs the backfill in the background of this process, writing its progress
 * to its row at most every 500 ms (plus a heartbeat) and its outcome at the end.
 */
function runBackfill(ctx: AppContext, row: BackfillRow): Promise<void> {
  const db = ctx.database.db;
  let latest: BackfillProgress = { total: 0, done: 0, failed: 0, finished: false };
  let dirty = false;
  let lastWriteAt = Date.now();
  // Writes are chained so a late progress write can never land after the final one.
  let writes = Promise.resolve();
  const writeProgress = () => {
    const progress = latest;
    dirty = false;
    lastWriteAt = Date.now();
    writes = writes
      .then(() => db.updateTable('metric_backfills').set({ total: progress.total, done: progress.done, failed: progress.failed, updated_at: new Date(ctx.clock.now()) }).where('id', '=', row.id).where('state', '=', 'running').execute())
      .then(
        () => undefined,
        (error: unknown) => ctx.logger.warn({ err: error, backfillId: row.id }, 'could not save backfill progress'),
      );
  };
  const timer = setInterval(() => {
    if (dirty || Date.now() - lastWriteAt >= BACKFILL_HEARTBEAT_MS) writeProgress();
  }, BACKFILL_WRITE_EVERY_MS);
  timer.unref();
  const finish = async (state: 'done' | 'failed', error: string | null) => {
    clearInterval(timer);
    await writes;
    const now = new Date(ctx.clock.now());
    await db.updateTable('metric_backfills').set({ state, error, total: latest.total, done: latest.done, failed: latest.failed, finished_at: now, updated_at: now }).where('id', '=', row.id).execute();
  };
  return backfillMetrics(ctx, row.workspace_id, (progress) => {
    latest = progress;
    dirty = true;
  })
    .then(
      (progress) => {
        latest = progress;
        return finish('done', null);
      },
      (error: unknown) => finish('failed', error instanceof Error ? error.message : String(error)),
    )
    .catch((error: unknown) => ctx.logger.error({ err: error, backfillId: row.id }, 'could not save the outcome of a backfill'));
}

/** Dashboards, best time, channel fit, objective progress, alerts, backfill, reports and their schedules. */
export const analyticsRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;
  const tags = ['analytics'];
  /**
   * The requested range in the brand's zone: a plain date `from` starts that
   * day, a plain date `to` includes that day; the default is the last 30 days
   * including today. Dashboards then cover the whole brand-zone days touched.
   */
  const rangeOf = async (workspaceId: string, q: { from?: Date | string; to?: Date | string }) => {
    const zone = await workspaceTimeZone(db, workspaceId);
    const to = q.to === undefined ? new Date(ctx.clock.now()) : typeof q.to === 'string' ? startOfLocalDay(addDays(q.to, 1), zone) : q.to;
    const from = q.from === undefined ? startOfLocalDay(addDays(localDay(to.getTime() - 1, zone), -29), zone) : typeof q.from === 'string' ? startOfLocalDay(q.from, zone) : q.from;
    assertReportRange({ from, to });
    if (to.getTime() - from.getTime() > 3 * 366 * 86_400_000) throw badRequest('The range may span at most three years');
    return { from, to };
  };
  const ensure = async (table: 'channels' | 'campaigns' | 'objectives' | 'posts', workspaceId: string, id: string, label: string) => {
    const row = await db.selectFrom(table).select('id').where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
    if (!row) throw notFound(label);
  };
  const run = async (workspaceId: string, scope: DashboardScope, q: z.infer<typeof rangeQuery>) => {
    await clickRecorderFor(ctx).flush();
    return dashboard(db, workspaceId, scope, await rangeOf(workspaceId, q), { compare: q.compare === 'true' });
  };

  app.get('/workspaces/:workspaceId/analytics/overview', { schema: { tags, summary: 'Overview dashboard: KPIs with reasons, daily series, followers, best/worst posts, per-channel breakdown, previous period', params: workspaceParams, querystring: rangeQuery } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const result = await run(request.params.workspaceId, {}, request.query);
    return { ...result, channels: await channelBreakdown(db, request.params.workspaceId, result.days), networkReports: NETWORK_REPORTS };
  });

  app.get('/workspaces/:workspaceId/analytics/channels/:channelId', { schema: { tags, summary: 'Channel dashboard', params: workspaceParams.extend({ channelId: z.string().uuid() }), querystring: rangeQuery } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    await ensure('channels', request.params.workspaceId, request.params.channelId, 'Channel');
    return run(request.params.workspaceId, { channelId: request.params.channelId }, request.query);
  });

  app.get('/workspaces/:workspaceId/analytics/campaigns/:campaignId', { schema: { tags, summary: 'Campaign dashboard', params: workspaceParams.extend({ campaignId: z.string().uuid() }), querystring: rangeQuery } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    await ensure('campaigns', request.params.workspaceId, request.params.campaignId, 'Campaign');
    return run(request.params.workspaceId, { campaignId: request.params.campaignId }, request.query);
  });

  app.get('/workspaces/:workspaceId/analytics/objectives/:objectiveId', { schema: { tags, summary: 'Objective dashboard with progress, forecast, off-track evidence and suggestions', params: workspaceParams.extend({ objectiveId: z.string().uuid() }), querystring: rangeQuery } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    await ensure('objectives', request.params.workspaceId, request.params.objectiveId, 'Objective');
    const [progress, board] = await Promise.all([objectiveProgress(ctx, request.params.workspaceId, request.params.objectiveId), run(request.params.workspaceId, { objectiveId: request.params.objectiveId }, request.query)]);
    return { progress, dashboard: board };
  });

  app.get('/workspaces/:workspaceId/analytics/objectives', { schema: { tags, summary: 'Every objective with its progress and status', params: workspaceParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const objectives = await db.selectFrom('objectives').select('id').where('workspace_id', '=', request.params.workspaceId).orderBy('deadline').execute();
    const items = [];
    for (const o of objectives) {
      const p = await objectiveProgress(ctx, request.params.workspaceId, o.id);
      items.push({ objective: p.objective, status: p.status, current: p.current, forecast: p.forecast, reason: p.reason, suggestions: p.suggestions });
    }
    return { items };
  });

  app.get('/workspaces/:workspaceId/analytics/posts/:postId', { schema: { tags, summary: 'Post dashboard: each publication’s snapshots over time, KPIs with reasons, tracked links', params: workspaceParams.extend({ postId: z.string().uuid() }) } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    await ensure('posts', request.params.workspaceId, request.params.postId, 'Post');
    await clickRecorderFor(ctx).flush();
    const publications = await db.selectFrom('publications').select(['id', 'channel_id', 'network', 'published_at', 'remote_url', 'state']).where('post_id', '=', request.params.postId).execute();
    const items = [];
    for (const p of publications) {
      const [snapshots, latest, clicks, conversions] = await Promise.all([
        db.selectFrom('post_metric_snapshots').select(['captured_at', 'step', 'likes', 'replies', 'reposts', 'quotes', 'impressions', 'reach', 'clicks']).where('publication_id', '=', p.id).orderBy('captured_at').limit(500).execute(),
        db.selectFrom('publication_metrics').selectAll().where('publication_id', '=', p.id).executeTakeFirst(),
        db.selectFrom('link_clicks as c').innerJoin('tracked_links as l', 'l.id', 'c.link_id').select(sql<number>`count(*)`.as('n')).where('l.post_id', '=', request.params.postId).where((eb) => eb.or([eb('l.channel_id', '=', p.channel_id), eb('l.channel_id', 'is', null)])).where('c.is_bot', '=', false).executeTakeFirst(),
        db.selectFrom('conversions').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('value').as('value')]).where('post_id', '=', request.params.postId).executeTakeFirst(),
      ]);
      const kpis = latest
        ? computeKpis({
            posts: 1,
            likes: latest.likes ?? 0,
            replies: latest.replies ?? 0,
            reposts: latest.reposts ?? 0,
            quotes: latest.quotes ?? 0,
            networkClicks: latest.clicks,
            impressions: latest.impressions,
            reach: latest.reach,
            followersAtPost: latest.followers_at_post,
            followersStart: null,
            followersEnd: null,
            followersGained: null,
            followersLost: null,
            linkClicks: Number(clicks?.n ?? 0),
            leads: Number(conversions?.n ?? 0),
            conversionValue: Number(conversions?.value ?? 0),
            cost: 0,
            missing: missingMetricCodes(latest.missing),
          }).filter((k) => !['follower_growth_rate', 'followers', 'share_of_voice', 'net_sentiment', 'cpl', 'roi'].includes(k.name))
        : [];
      items.push({ publicationId: p.id, channelId: p.channel_id, network: p.network, state: p.state, publishedAt: p.published_at, remoteUrl: p.remote_url, missing: latest ? missingMetricCodes(latest.missing) : (NETWORK_REPORTS[p.network]?.missing ?? {}), snapshots, kpis });
    }
    const post = await db.selectFrom('posts').select('content').where('id', '=', request.params.postId).executeTakeFirstOrThrow();
    const linkRows = await db
      .selectFrom('tracked_links as l')
      .select(['l.id', 'l.code', 'l.target_url', 'l.channel_id', 'l.network'])
      .select((eb) => [
        eb.selectFrom('link_clicks as c').select(eb.fn.countAll<number>().as('n')).whereRef('c.link_id', '=', 'l.id').where('c.is_bot', '=', false).as('clicks'),
        eb.selectFrom('link_clicks as c').select(sql<number>`count(DISTINCT c.visitor_hash)`.as('n')).whereRef('c.link_id', '=', 'l.id').where('c.is_bot', '=', false).as('unique_visitors'),
        eb.selectFrom('conversions as v').select(eb.fn.countAll<number>().as('n')).whereRef('v.link_id', '=', 'l.id').as('conversions'),
        eb.selectFrom('conversions as v').select(sql<number>`coalesce(sum(v.value), 0)`.as('n')).whereRef('v.link_id', '=', 'l.id').as('conversion_value'),
      ])
      .where('l.workspace_id', '=', request.params.workspaceId)
      .where('l.post_id', '=', request.params.postId)
      .orderBy('l.created_at')
      .limit(200)
      .execute();
    const linkBase = shortLinkBase(ctx);
    const links = linkRows.map((l) => ({ id: l.id, shortUrl: `${linkBase}/l/${l.code}`, targetUrl: l.target_url, channelId: l.channel_id, network: l.network, clicks: Number(l.clicks ?? 0), uniqueVisitors: Number(l.unique_visitors ?? 0), conversions: Number(l.conversions ?? 0), conversionValue: Number(l.conversion_value ?? 0) }));
    return { postId: request.params.postId, content: post.content, publications: items, links };
  });

  app.get('/workspaces/:workspaceId/analytics/best-time', { schema: { tags, summary: '7×24 best-time grid in the workspace time zone (method included)', params: workspaceParams, querystring: z.object({ channelId: z.string().uuid().optional(), days: z.coerce.number().int().min(7).max(730).optional(), minSample: z.coerce.number().int().min(1).max(50).optional() }) } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    if (request.query.channelId) await ensure('channels', request.params.workspaceId, request.query.channelId, 'Channel');
    return bestTime(db, request.params.workspaceId, { ...request.query, now: ctx.clock.now() });
  });

  app.get('/workspaces/:workspaceId/analytics/suggest-time', { schema: { tags, summary: 'The next best time to post (composer button)', params: workspaceParams, querystring: z.object({ channelId: z.string().uuid().optional(), after: isoInstantSchema.optional() }) } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    if (request.query.channelId) await ensure('channels', request.params.workspaceId, request.query.channelId, 'Channel');
    return suggestTime(db, request.params.workspaceId, { channelId: request.query.channelId, after: request.query.after?.getTime() ?? ctx.clock.now(), now: ctx.clock.now() });
  });

  app.get('/workspaces/:workspaceId/analytics/channel-fit', { schema: { tags, summary: 'Networks ranked by measured results, per objective or segment', params: workspaceParams, querystring: z.object({ objectiveId: z.string().uuid().optional(), segmentId: z.string().uuid().optional(), days: z.coerce.number().int().min(7).max(730).optional() }) } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    if (request.query.objectiveId) await ensure('objectives', request.params.workspaceId, request.query.objectiveId, 'Objective');
    return channelFit(db, request.params.workspaceId, { ...request.query, now: ctx.clock.now() });
  });

  app.get('/workspaces/:workspaceId/analytics/alerts', { schema: { tags, summary: 'Objective alerts (off track / back on track), newest first', params: workspaceParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const rows = await db.selectFrom('analytics_alerts').selectAll().where('workspace_id', '=', request.params.workspaceId).orderBy('created_at', 'desc').limit(200).execute();
    return { items: rows.map((r) => ({ id: r.id, objectiveId: r.objective_id, kind: r.kind, message: r.message, messageEs: typeof r.data.messageEs === 'string' ? r.data.messageEs : null, data: r.data, createdAt: r.created_at, acknowledgedAt: r.acknowledged_at })) };
  });

  app.post('/workspaces/:workspaceId/analytics/alerts/:alertId/ack', { schema: { tags, summary: 'Acknowledge an alert', params: workspaceParams.extend({ alertId: z.string().uuid() }) } }, async (request) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'comment');
    const row = await db.updateTable('analytics_alerts').set({ acknowledged_at: new Date(ctx.clock.now()) }).where('id', '=', request.params.alertId).where('workspace_id', '=', request.params.workspaceId).returning('id').executeTakeFirst();
    if (!row) throw notFound('Alert');
    await recordEvent(db, { workspaceId: request.params.workspaceId, actorUserId: user.id, type: 'alert.acknowledged', subjectType: 'alert', subjectId: row.id });
    return { ok: true };
  });

  app.post('/workspaces/:workspaceId/analytics/evaluate', { schema: { tags, summary: 'Re-evaluate the objectives now (alerts when one goes off track)', params: workspaceParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'workspace.manage');
    return { items: await evaluateObjectives(ctx, { workspaceId: request.params.workspaceId }) };
  });

  app.post('/workspaces/:workspaceId/analytics/backfill', { schema: { tags, summary: 'Snapshot every published post now (background); poll its progress. While one runs in the workspace, answers 200 with it instead of starting another', params: workspaceParams } }, async (request, reply) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'workspace.manage');
    const { row, started } = await startBackfill(ctx, request.params.workspaceId, user.id);
    if (!started) return reply.status(200).send({ ...presentBackfill(row, ctx.clock.now()), alreadyRunning: true });
    await recordEvent(db, { workspaceId: request.params.workspaceId, actorUserId: user.id, type: 'analytics.backfill_started', subjectType: 'workspace', subjectId: request.params.workspaceId, data: { jobId: row.id } });
    void runBackfill(ctx, row);
    return reply.status(202).send({ ...presentBackfill(row, ctx.clock.now()), alreadyRunning: false });
  });

  app.get('/workspaces/:workspaceId/analytics/backfill/:jobId', { schema: { tags, summary: 'Progress of a backfill (from any process)', params: workspaceParams.extend({ jobId: z.string().uuid() }) } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const row = await db.selectFrom('metric_backfills').selectAll().where('id', '=', request.params.jobId).where('workspace_id', '=', request.params.workspaceId).executeTakeFirst();
    if (!row) throw notFound('Backfill');
    return presentBackfill(row, ctx.clock.now());
  });

  app.get('/workspaces/:workspaceId/analytics/backfills', { schema: { tags, summary: 'Recent backfills, newest first', params: workspaceParams, querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const rows = await db.selectFrom('metric_backfills').selectAll().where('workspace_id', '=', request.params.workspaceId).orderBy('started_at', 'desc').orderBy('id').limit(request.query.limit).execute();
    const now = ctx.clock.now();
    return { items: rows.map((r) => presentBackfill(r, now)) };
  });

  app.post('/workspaces/:workspaceId/analytics/collect', { schema: { tags, summary: 'Run one metric collection pass now (all workspaces’ due snapshots)', params: workspaceParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'workspace.manage');
    return collectDueMetrics(ctx);
  });

  app.get('/workspaces/:workspaceId/analytics/errors', { schema: { tags, summary: 'Recent metric collection errors', params: workspaceParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const rows = await db
      .selectFrom('metric_collection_errors as e')
      .leftJoin('publications as p', 'p.id', 'e.publication_id')
      .leftJoin('channels as c', (join) => join.on(sql<boolean>`c.id = coalesce(e.channel_id, p.channel_id)`))
      .selectAll('e')
      .select(['p.post_id', 'c.name as channel_name', sql<string | null>`coalesce(p.network, c.network)`.as('network')])
      .where('e.workspace_id', '=', request.params.workspaceId)
      .orderBy('e.id', 'desc')
      .limit(100)
      .execute();
    return { items: rows.map((r) => ({ id: r.id, channelId: r.channel_id, channelName: r.channel_name, network: r.network, publicationId: r.publication_id, postId: r.post_id, code: r.code, message: r.message, createdAt: r.created_at })) };
  });

  app.get('/analytics/kpis', { schema: { tags, summary: 'KPI catalog with formulas and what each network reports' } }, async (request) => {
    if (!request.user) throw unauthorized();
    return { kpis: KPI_CATALOG, networks: NETWORK_REPORTS };
  });

  // ---------------- reports ----------------

  const reportQuery = z.object({
    format: z.enum(['pdf', 'csv']).default('pdf'),
    language: z.enum(['en', 'es']).optional(),
    from: dayOrInstant.optional(),
    to: dayOrInstant.optional(),
    channelId: z.string().uuid().optional(),
    campaignId: z.string().uuid().optional(),
    objectiveId: z.string().uuid().optional(),
  });
  app.get('/workspaces/:workspaceId/analytics/report', { schema: { tags, summary: 'Download a report (PDF with charts, or CSV), in Spanish or English', params: workspaceParams, querystring: reportQuery } }, async (request, reply) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const q = request.query;
    if (q.channelId) await ensure('channels', request.params.workspaceId, q.channelId, 'Channel');
    if (q.campaignId) await ensure('campaigns', request.params.workspaceId, q.campaignId, 'Campaign');
    if (q.objectiveId) await ensure('objectives', request.params.workspaceId, q.objectiveId, 'Objective');
    const workspace = await db.selectFrom('workspaces').select('language').where('id', '=', request.params.workspaceId).executeTakeFirstOrThrow();
    const language = q.language ?? (workspace.language === 'es' ? 'es' : 'en');
    await clickRecorderFor(ctx).flush();
    const data = await buildReportData(ctx, request.params.workspaceId, { channelId: q.channelId, campaignId: q.campaignId, objectiveId: q.objectiveId }, await rangeOf(request.params.workspaceId, q), language);
    // The file is dated by the brand's day, like everything in the report.
    const [file] = await renderReport(data, [q.format], `plaza-report-${localDay(ctx.clock.now(), data.timeZone)}`, ctx.logger);
    return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.content);
  });

  const settingsBody = z.object({
    brandColor: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
    logoMediaId: z.string().uuid().nullable().optional(),
    smtp: z.object({ host: z.string().min(1).max(255), port: z.number().int().min(1).max(65535), secure: z.boolean().default(false), user: z.string().max(255).optional(), password: z.string().max(255).optional(), from: z.string().min(3).max(255), ignoreTls: z.boolean().optional() }).nullable().optional(),
  });
  const presentSettings = (s: { brand_color: string; logo_media_id: string | null; smtp_sealed: string | null }) => {
    const smtp = s.smtp_sealed ? ctx.secrets.open<SmtpSettings>(s.smtp_sealed) : null;
    return { brandColor: s.brand_color, logoMediaId: s.logo_media_id, smtp: smtp ? { host: smtp.host, port: smtp.port, secure: smtp.secure, user: smtp.user ?? null, from: smtp.from, hasPassword: Boolean(smtp.password) } : null };
  };
  app.get('/workspaces/:workspaceId/analytics/settings', { schema: { tags, summary: 'Report branding and SMTP settings (password never returned)', params: workspaceParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'workspace.manage');
    const { analyticsSettings } = await import('../links/service.ts');
    return presentSettings(await analyticsSettings(ctx, request.params.workspaceId));
  });
  app.put('/workspaces/:workspaceId/analytics/settings', { schema: { tags, summary: 'Set report branding and SMTP settings', params: workspaceParams, body: settingsBody } }, async (request) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'workspace.manage');
    const { analyticsSettings } = await import('../links/service.ts');
    await analyticsSettings(ctx, request.params.workspaceId);
    const b = request.body;
    if (b.logoMediaId) {
      // Only the workspace's own images can become its logo.
      const media = await db.selectFrom('media').select(['mime_type', 'sha256']).where('id', '=', b.logoMediaId).where('workspace_id', '=', request.params.workspaceId).executeTakeFirst();
      if (!media) throw badRequest('logoMediaId: no such media in this workspace');
      if (!/^image\/(png|jpeg)$/.test(media.mime_type)) throw badRequest('logoMediaId: the logo must be a PNG or JPEG image');
      // Decoded again: media stored before uploads were decoded may not be an image at all.
      const bytes = await ctx.media.get(media.sha256);
      if (!bytes) throw badRequest('logoMediaId: the image file is missing');
      const { verifyImage } = await import('../media/image.ts');
      await verifyImage(bytes);
    }
    if (b.smtp) await assertSmtpHostAllowed(b.smtp.host, ctx.config.allowPrivateUrls);
    const row = await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('analytics_settings')
        .set({ ...(b.brandColor && { brand_color: b.brandColor }), ...(b.logoMediaId !== undefined && { logo_media_id: b.logoMediaId }), ...(b.smtp !== undefined && { smtp_sealed: b.smtp ? ctx.secrets.seal(b.smtp) : null }), updated_at: new Date(ctx.clock.now()) })
        .where('workspace_id', '=', request.params.workspaceId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordEvent(trx, { workspaceId: request.params.workspaceId, actorUserId: user.id, type: 'analytics.settings_updated', subjectType: 'workspace', subjectId: request.params.workspaceId, data: { fields: Object.keys(b) } });
      return updated;
    });
    return presentSettings(row);
  });

  const scheduleBody = z.object({
    name: z.string().trim().min(1).max(120),
    frequency: z.enum(['weekly', 'monthly']),
    formats: z.array(z.enum(['pdf', 'csv'])).min(1).max(2).default(['pdf']),
    language: z.enum(['en', 'es']).default('en'),
    recipients: z.array(z.string().email()).min(1).max(50),
    scope: z.object({ channelId: z.string().uuid().optional(), campaignId: z.string().uuid().optional(), objectiveId: z.string().uuid().optional() }).default({}),
  });
  const presentSchedule = (r: { id: string; name: string; frequency: string; formats: string[]; language: string; recipients: string[]; scope: unknown; next_run_at: Date; last_run_at: Date | null; last_error: string | null }) => ({ id: r.id, name: r.name, frequency: r.frequency, formats: r.formats, language: r.language, recipients: r.recipients, scope: r.scope, nextRunAt: r.next_run_at, lastRunAt: r.last_run_at, lastError: r.last_error });
  const scheduleParams = workspaceParams.extend({ scheduleId: z.string().uuid() });
  app.get('/workspaces/:workspaceId/report-schedules', { schema: { tags, summary: 'Scheduled e-mail reports', params: workspaceParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const rows = await db.selectFrom('report_schedules').selectAll().where('workspace_id', '=', request.params.workspaceId).orderBy('created_at').execute();
    return { items: rows.map(presentSchedule) };
  });
  app.post('/workspaces/:workspaceId/report-schedules', { schema: { tags, summary: 'Schedule a weekly or monthly report by e-mail', params: workspaceParams, body: scheduleBody } }, async (request, reply) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'workspace.manage');
    const workspace = await db.selectFrom('workspaces').select('time_zone').where('id', '=', request.params.workspaceId).executeTakeFirstOrThrow();
    timeZoneSchema.parse(workspace.time_zone);
    const b = request.body;
    await assertReferencesInWorkspace(db, request.params.workspaceId, { channelId: b.scope.channelId, campaignId: b.scope.campaignId, objectiveId: b.scope.objectiveId });
    const row = await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('report_schedules')
        .values({ workspace_id: request.params.workspaceId, name: b.name, frequency: b.frequency, formats: JSON.stringify(b.formats), language: b.language, recipients: JSON.stringify(b.recipients), scope: JSON.stringify(b.scope), next_run_at: nextRunAfter(b.frequency, ctx.clock.now(), workspace.time_zone), created_at: new Date(ctx.clock.now()) })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordEvent(trx, { workspaceId: inserted.workspace_id, actorUserId: user.id, type: 'report_schedule.created', subjectType: 'report_schedule', subjectId: inserted.id, data: { name: inserted.name } });
      return inserted;
    });
    return reply.status(201).send(presentSchedule(row));
  });
  app.delete('/workspaces/:workspaceId/report-schedules/:scheduleId', { schema: { tags, summary: 'Delete a report schedule', params: scheduleParams } }, async (request, reply) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'workspace.manage');
    const row = await db.deleteFrom('report_schedules').where('id', '=', request.params.scheduleId).where('workspace_id', '=', request.params.workspaceId).returning('id').executeTakeFirst();
    if (!row) throw notFound('Report schedule');
    await recordEvent(db, { workspaceId: request.params.workspaceId, actorUserId: user.id, type: 'report_schedule.deleted', subjectType: 'report_schedule', subjectId: row.id });
    return reply.status(204).send();
  });
  app.post('/workspaces/:workspaceId/report-schedules/:scheduleId/run', { schema: { tags, summary: 'Send a scheduled report now', params: scheduleParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'workspace.manage');
    const row = await db.selectFrom('report_schedules').select('id').where('id', '=', request.params.scheduleId).where('workspace_id', '=', request.params.workspaceId).executeTakeFirst();
    if (!row) throw notFound('Report schedule');
    return runReportSchedule(ctx, row.id);
  });
};
