import { z } from 'zod';
import { caller, member, objectParams, workspaceParams, type ApiModule } from '../../server/api.ts';
import { binary, listSchema, noContent } from '../../server/schemas.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { isoInstantSchema } from '../../lib/timezones.ts';
import { assertReportRange, calendarDaySchema } from '../../lib/input.ts';
import type { SmtpSettings } from '../../lib/workspace-mail.ts';
import { addDays, localDay, startOfLocalDay } from '../../lib/brand-days.ts';
import { workspaceLocale, workspaceTimeZone } from '../../db/workspace-settings.ts';
import { clickRecorderFor } from '../links/short-links.ts';
import { analyticsSettings, shortLinkBase } from '../links/service.ts';
import { presentBackfill, startBackfill } from './backfill.ts';
import { acknowledgeAlert, createReportSchedule, deleteReportSchedule, updateAnalyticsSettings } from './commands.ts';
import { awaitingFirstMetrics, collectDueMetrics } from './collector.ts';
import { channelBreakdown, dashboard, NETWORK_REPORTS, type DashboardScope } from './dashboards.ts';
import { extraMetricReasons, missingMetricCodes } from '../../networks/metrics.ts';
import { bestTime, channelFit, evaluateObjectives, objectiveProgress, suggestTime } from './insights.ts';
import { computeKpis, KPI_CATALOG } from './kpis.ts';
import { buildReportData, renderReport, runReportSchedule } from './reports.ts';
import { alertsRepository } from './repository/alerts.ts';
import { backfillsRepository } from './repository/backfills.ts';
import { collectionErrorsRepository } from './repository/collection.ts';
import { postMetricsRepository } from './repository/post-metrics.ts';
import { reportsRepository } from './repository/reports.ts';
import { existsInWorkspace, objectiveIdsByDeadline, type ScopeTable } from './repository/scope.ts';
import {
  alertListSchema,
  analyticsSettingsSchema,
  backfillSchema,
  backfillStartSchema,
  bestTimeSchema,
  channelFitSchema,
  collectionErrorListSchema,
  collectionResultSchema,
  dashboardSchema,
  evaluationSchema,
  kpiCatalogSchema,
  objectiveProgressSchema,
  objectiveStatusListSchema,
  okSchema,
  overviewSchema,
  postDashboardSchema,
  reportRunSchema,
  reportScheduleSchema,
  suggestTimeSchema,
} from './schemas.ts';

/** A calendar date (a whole day in the brand's zone) or an instant with an offset. */
const dayOrInstant = z.union([calendarDaySchema, isoInstantSchema]);
const rangeQuery = z.object({
  from: dayOrInstant.optional(),
  to: dayOrInstant.optional(),
  compare: z.enum(['true', 'false']).default('true'),
});

/** KPIs that make no sense for a single post. */
const NOT_PER_POST = ['follower_growth_rate', 'followers', 'share_of_voice', 'net_sentiment', 'cpl', 'roi'];

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
    const from =
      q.from === undefined
        ? startOfLocalDay(addDays(localDay(to.getTime() - 1, zone), -29), zone)
        : typeof q.from === 'string'
          ? startOfLocalDay(q.from, zone)
          : q.from;
    assertReportRange({ from, to });
    if (to.getTime() - from.getTime() > 3 * 366 * 86_400_000)
      throw badRequest('range_too_long', 'The range may span at most three years', { maxYears: 3 });
    return { from, to };
  };
  const ensure = async (table: ScopeTable, workspaceId: string, id: string, label: string) => {
    if (!(await existsInWorkspace(db, table, workspaceId, id))) throw notFound(label);
  };
  const run = async (workspaceId: string, scope: DashboardScope, q: z.infer<typeof rangeQuery>) => {
    await clickRecorderFor(ctx).flush();
    return dashboard(db, workspaceId, scope, await rangeOf(workspaceId, q), { compare: q.compare === 'true' });
  };

  app.get(
    '/workspaces/:workspaceId/analytics/overview',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Overview dashboard: KPIs with reasons, daily series, followers, best/worst posts, per-channel breakdown, previous period',
        params: workspaceParams,
        querystring: rangeQuery,
        response: { 200: overviewSchema },
      },
    },
    async (request) => {
      const result = await run(request.params.workspaceId, {}, request.query);
      const waiting = await awaitingFirstMetrics(ctx, request.params.workspaceId, { from: result.days.from, to: result.days.to });
      const expected = [...waiting.values()].map((d) => d.getTime());
      return {
        ...result,
        channels: await channelBreakdown(db, request.params.workspaceId, result.days),
        networkReports: NETWORK_REPORTS,
        awaitingFirstMetrics: {
          publications: waiting.size,
          firstExpectedAt: expected.length ? new Date(Math.min(...expected)) : null,
          lastExpectedAt: expected.length ? new Date(Math.max(...expected)) : null,
        },
      };
    },
  );

  app.get(
    '/workspaces/:workspaceId/analytics/channels/:channelId',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Channel dashboard',
        params: objectParams('channelId'),
        querystring: rangeQuery,
        response: { 200: dashboardSchema },
      },
    },
    async (request) => {
      await ensure('channels', request.params.workspaceId, request.params.channelId, 'Channel');
      return run(request.params.workspaceId, { channelId: request.params.channelId }, request.query);
    },
  );

  app.get(
    '/workspaces/:workspaceId/analytics/campaigns/:campaignId',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Campaign dashboard',
        params: objectParams('campaignId'),
        querystring: rangeQuery,
        response: { 200: dashboardSchema },
      },
    },
    async (request) => {
      await ensure('campaigns', request.params.workspaceId, request.params.campaignId, 'Campaign');
      return run(request.params.workspaceId, { campaignId: request.params.campaignId }, request.query);
    },
  );

  app.get(
    '/workspaces/:workspaceId/analytics/objectives/:objectiveId',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Objective dashboard with progress, forecast, off-track evidence and suggestions',
        params: objectParams('objectiveId'),
        querystring: rangeQuery,
        response: { 200: z.object({ progress: objectiveProgressSchema, dashboard: dashboardSchema }) },
      },
    },
    async (request) => {
      const { workspaceId, objectiveId } = request.params;
      await ensure('objectives', workspaceId, objectiveId, 'Objective');
      const [progress, board] = await Promise.all([
        objectiveProgress(ctx, workspaceId, objectiveId),
        run(workspaceId, { objectiveId }, request.query),
      ]);
      return { progress, dashboard: board };
    },
  );

  app.get(
    '/workspaces/:workspaceId/analytics/objectives',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Every objective with its progress and status',
        params: workspaceParams,
        response: { 200: objectiveStatusListSchema },
      },
    },
    async (request) => {
      const items = [];
      for (const id of await objectiveIdsByDeadline(db, request.params.workspaceId)) {
        const p = await objectiveProgress(ctx, request.params.workspaceId, id);
        items.push({
          objective: p.objective,
          status: p.status,
          judgingFrom: p.judgingFrom,
          current: p.current,
          forecast: p.forecast,
          reason: p.reason,
          suggestions: p.suggestions,
        });
      }
      return { items };
    },
  );

  app.get(
    '/workspaces/:workspaceId/analytics/posts/:postId',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Post dashboard: each publication’s snapshots over time, KPIs with reasons, tracked links',
        params: objectParams('postId'),
        response: { 200: postDashboardSchema },
      },
    },
    async (request) => {
      const { workspaceId, postId } = request.params;
      await ensure('posts', workspaceId, postId, 'Post');
      await clickRecorderFor(ctx).flush();
      const publications = await postMetricsRepository.publicationsOfPost(db, postId);
      const waiting = await awaitingFirstMetrics(ctx, workspaceId, { publicationIds: publications.map((p) => p.id) });
      const items = [];
      for (const p of publications) {
        const [{ snapshots, latest }, linkClicks, conversions] = await Promise.all([
          postMetricsRepository.publicationMetrics(db, p.id),
          postMetricsRepository.humanClicksOfPost(db, postId, p.channel_id),
          postMetricsRepository.conversionsOfPost(db, postId),
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
              linkClicks,
              leads: conversions.count,
              conversionValue: conversions.value,
              cost: 0,
              missing: missingMetricCodes(latest.missing),
            }).filter((k) => !NOT_PER_POST.includes(k.name))
          : [];
        items.push({
          publicationId: p.id,
          channelId: p.channel_id,
          network: p.network,
          state: p.state,
          publishedAt: p.published_at,
          remoteUrl: p.remote_url,
          firstMetricsExpectedAt: waiting.get(p.id) ?? null,
          missing: {
            ...(latest ? missingMetricCodes(latest.missing) : (NETWORK_REPORTS[p.network]?.missing ?? {})),
            // Saves and views (1050): reported by some networks only, the reason derived from the adapter's declaration.
            ...extraMetricReasons(ctx.networks.has(p.network) ? ctx.networks.get(p.network).metrics : undefined, latest ?? undefined),
          },
          snapshots: snapshots.map(({ captured_at, ...counts }) => ({ capturedAt: captured_at, ...counts })),
          kpis,
        });
      }
      const content = await postMetricsRepository.postContent(db, postId);
      const linkRows = await postMetricsRepository.postLinks(db, workspaceId, postId);
      const linkBase = shortLinkBase(ctx);
      const links = linkRows.map((l) => ({
        id: l.id,
        shortUrl: `${linkBase}/l/${l.code}`,
        targetUrl: l.target_url,
        channelId: l.channel_id,
        network: l.network,
        clicks: Number(l.clicks ?? 0),
        uniqueVisitors: Number(l.unique_visitors ?? 0),
        conversions: Number(l.conversions ?? 0),
        conversionValue: Number(l.conversion_value ?? 0),
      }));
      return { postId, content, publications: items, links };
    },
  );

  app.get(
    '/workspaces/:workspaceId/analytics/best-time',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: '7×24 best-time grid in the workspace time zone (method included)',
        params: workspaceParams,
        querystring: z.object({
          channelId: z.string().uuid().optional(),
          days: z.coerce.number().int().min(7).max(730).optional(),
          minSample: z.coerce.number().int().min(1).max(50).optional(),
        }),
        response: { 200: bestTimeSchema },
      },
    },
    async (request) => {
      if (request.query.channelId) await ensure('channels', request.params.workspaceId, request.query.channelId, 'Channel');
      return bestTime(db, request.params.workspaceId, { ...request.query, now: ctx.clock.now() });
    },
  );

  app.get(
    '/workspaces/:workspaceId/analytics/suggest-time',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'The next best time to post (composer button)',
        params: workspaceParams,
        querystring: z.object({ channelId: z.string().uuid().optional(), after: isoInstantSchema.optional() }),
        response: { 200: suggestTimeSchema },
      },
    },
    async (request) => {
      if (request.query.channelId) await ensure('channels', request.params.workspaceId, request.query.channelId, 'Channel');
      return suggestTime(db, request.params.workspaceId, {
        channelId: request.query.channelId,
        after: request.query.after?.getTime() ?? ctx.clock.now(),
        now: ctx.clock.now(),
      });
    },
  );

  app.get(
    '/workspaces/:workspaceId/analytics/channel-fit',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Networks ranked by measured results, per objective or segment',
        params: workspaceParams,
        querystring: z.object({
          objectiveId: z.string().uuid().optional(),
          segmentId: z.string().uuid().optional(),
          days: z.coerce.number().int().min(7).max(730).optional(),
        }),
        response: { 200: channelFitSchema },
      },
    },
    async (request) => {
      if (request.query.objectiveId) await ensure('objectives', request.params.workspaceId, request.query.objectiveId, 'Objective');
      return channelFit(db, request.params.workspaceId, { ...request.query, now: ctx.clock.now() });
    },
  );

  app.get(
    '/workspaces/:workspaceId/analytics/alerts',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Objective alerts (off track / back on track), newest first',
        params: workspaceParams,
        response: { 200: alertListSchema },
      },
    },
    async (request) => {
      const rows = await alertsRepository.list(db, request.params.workspaceId);
      return {
        items: rows.map((r) => ({
          id: r.id,
          objectiveId: r.objective_id,
          kind: r.kind,
          message: r.message,
          messageEs: typeof r.data.messageEs === 'string' ? r.data.messageEs : null,
          data: r.data,
          createdAt: r.created_at,
          acknowledgedAt: r.acknowledged_at,
        })),
      };
    },
  );

  app.post(
    '/workspaces/:workspaceId/analytics/alerts/:alertId/ack',
    {
      config: { access: 'comment' },
      schema: { tags, summary: 'Acknowledge an alert', params: objectParams('alertId'), response: { 200: okSchema } },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      await acknowledgeAlert(ctx, { workspaceId, actorUserId: user.id, alertId: request.params.alertId });
      return { ok: true as const };
    },
  );

  app.post(
    '/workspaces/:workspaceId/analytics/evaluate',
    {
      config: { access: 'workspace.manage' },
      schema: {
        tags,
        summary: 'Re-evaluate the objectives now (alerts when one goes off track)',
        params: workspaceParams,
        response: { 200: evaluationSchema },
      },
    },
    async (request) => ({ items: await evaluateObjectives(ctx, { workspaceId: request.params.workspaceId }) }),
  );

  app.post(
    '/workspaces/:workspaceId/analytics/backfill',
    {
      config: { access: 'workspace.manage' },
      schema: {
        tags,
        summary:
          'Snapshot every published post now (background); poll its progress. While one runs in the workspace, answers 200 with it instead of starting another',
        params: workspaceParams,
        response: { 200: backfillStartSchema, 202: backfillStartSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const { row, started } = await startBackfill(ctx, { workspaceId, actorUserId: user.id });
      return reply.status(started ? 202 : 200).send({ ...presentBackfill(row, ctx.clock.now()), alreadyRunning: !started });
    },
  );

  app.get(
    '/workspaces/:workspaceId/analytics/backfill/:jobId',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Progress of a backfill (from any process)',
        params: objectParams('jobId'),
        response: { 200: backfillSchema },
      },
    },
    async (request) => {
      const row = await backfillsRepository.find(db, request.params.workspaceId, request.params.jobId);
      if (!row) throw notFound('Backfill');
      return presentBackfill(row, ctx.clock.now());
    },
  );

  app.get(
    '/workspaces/:workspaceId/analytics/backfills',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Recent backfills, newest first',
        params: workspaceParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: listSchema(backfillSchema) },
      },
    },
    async (request) => {
      const rows = await backfillsRepository.list(db, request.params.workspaceId, request.query.limit);
      const now = ctx.clock.now();
      return { items: rows.map((r) => presentBackfill(r, now)) };
    },
  );

  app.post(
    '/workspaces/:workspaceId/analytics/collect',
    {
      config: { access: 'workspace.manage' },
      schema: {
        tags,
        summary: 'Run one metric collection pass now (all workspaces’ due snapshots)',
        params: workspaceParams,
        response: { 200: collectionResultSchema },
      },
    },
    async () => collectDueMetrics(ctx),
  );

  app.get(
    '/workspaces/:workspaceId/analytics/errors',
    {
      config: { access: 'read' },
      schema: { tags, summary: 'Recent metric collection errors', params: workspaceParams, response: { 200: collectionErrorListSchema } },
    },
    async (request) => {
      const rows = await collectionErrorsRepository.list(db, request.params.workspaceId);
      return {
        items: rows.map((r) => ({
          id: r.id,
          channelId: r.channel_id,
          channelName: r.channel_name,
          network: r.network,
          publicationId: r.publication_id,
          postId: r.post_id,
          code: r.code,
          message: r.message,
          createdAt: r.created_at,
        })),
      };
    },
  );

  app.get(
    '/analytics/kpis',
    {
      config: { access: 'user' },
      schema: { tags, summary: 'KPI catalog with formulas and what each network reports', response: { 200: kpiCatalogSchema } },
    },
    async (request) => {
      caller(request);
      return { kpis: KPI_CATALOG, networks: NETWORK_REPORTS };
    },
  );

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
  app.get(
    '/workspaces/:workspaceId/analytics/report',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Download a report (PDF with charts, or CSV), in Spanish or English',
        params: workspaceParams,
        querystring: reportQuery,
        produces: ['application/pdf', 'text/csv'],
        response: { 200: binary('The report as a PDF or a CSV file') },
      },
    },
    async (request, reply) => {
      const { workspaceId } = request.params;
      const q = request.query;
      if (q.channelId) await ensure('channels', workspaceId, q.channelId, 'Channel');
      if (q.campaignId) await ensure('campaigns', workspaceId, q.campaignId, 'Campaign');
      if (q.objectiveId) await ensure('objectives', workspaceId, q.objectiveId, 'Objective');
      const workspace = await workspaceLocale(db, workspaceId);
      if (!workspace) throw notFound('Workspace');
      const language = q.language ?? (workspace.language === 'es' ? 'es' : 'en');
      await clickRecorderFor(ctx).flush();
      const data = await buildReportData(
        ctx,
        workspaceId,
        { channelId: q.channelId, campaignId: q.campaignId, objectiveId: q.objectiveId },
        await rangeOf(workspaceId, q),
        language,
      );
      // The file is dated by the brand's day, like everything in the report.
      const [file] = await renderReport(data, [q.format], `plaza-report-${localDay(ctx.clock.now(), data.timeZone)}`, ctx.logger);
      return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.content);
    },
  );

  const settingsBody = z.object({
    brandColor: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .optional(),
    logoMediaId: z.string().uuid().nullable().optional(),
    smtp: z
      .object({
        host: z.string().min(1).max(255),
        port: z.number().int().min(1).max(65535),
        secure: z.boolean().default(false),
        user: z.string().max(255).optional(),
        password: z.string().max(255).optional(),
        from: z.string().min(3).max(255),
        ignoreTls: z.boolean().optional(),
      })
      .nullable()
      .optional(),
  });
  const presentSettings = (s: { brand_color: string; logo_media_id: string | null; smtp_sealed: string | null }) => {
    const smtp = s.smtp_sealed ? ctx.secrets.open<SmtpSettings>(s.smtp_sealed) : null;
    return {
      brandColor: s.brand_color,
      logoMediaId: s.logo_media_id,
      smtp: smtp
        ? {
            host: smtp.host,
            port: smtp.port,
            secure: smtp.secure,
            user: smtp.user ?? null,
            from: smtp.from,
            hasPassword: Boolean(smtp.password),
          }
        : null,
    };
  };
  app.get(
    '/workspaces/:workspaceId/analytics/settings',
    {
      config: { access: 'workspace.manage' },
      schema: {
        tags,
        summary: 'Report branding and SMTP settings (password never returned)',
        params: workspaceParams,
        response: { 200: analyticsSettingsSchema },
      },
    },
    async (request) => presentSettings(await analyticsSettings(ctx, request.params.workspaceId)),
  );
  app.put(
    '/workspaces/:workspaceId/analytics/settings',
    {
      config: { access: 'workspace.manage' },
      schema: {
        tags,
        summary: 'Set report branding and SMTP settings',
        params: workspaceParams,
        body: settingsBody,
        response: { 200: analyticsSettingsSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return presentSettings(await updateAnalyticsSettings(ctx, { workspaceId, actorUserId: user.id, settings: request.body }));
    },
  );

  const scheduleBody = z.object({
    name: z.string().trim().min(1).max(120),
    frequency: z.enum(['weekly', 'monthly']),
    formats: z
      .array(z.enum(['pdf', 'csv']))
      .min(1)
      .max(2)
      .default(['pdf']),
    language: z.enum(['en', 'es']).default('en'),
    recipients: z.array(z.string().email()).min(1).max(50),
    scope: z
      .object({
        channelId: z.string().uuid().optional(),
        campaignId: z.string().uuid().optional(),
        objectiveId: z.string().uuid().optional(),
      })
      .default({}),
  });
  const presentSchedule = (r: {
    id: string;
    name: string;
    frequency: 'weekly' | 'monthly';
    formats: Array<'pdf' | 'csv'>;
    language: string;
    recipients: string[];
    scope: { channelId?: string; campaignId?: string; objectiveId?: string };
    next_run_at: Date;
    last_run_at: Date | null;
    last_error: string | null;
    last_error_code: string | null;
  }) => ({
    id: r.id,
    name: r.name,
    frequency: r.frequency,
    formats: r.formats,
    language: r.language,
    recipients: r.recipients,
    scope: r.scope,
    nextRunAt: r.next_run_at,
    lastRunAt: r.last_run_at,
    lastError: r.last_error,
    lastErrorCode: r.last_error_code,
  });
  const scheduleParams = objectParams('scheduleId');
  app.get(
    '/workspaces/:workspaceId/report-schedules',
    {
      config: { access: 'read' },
      schema: { tags, summary: 'Scheduled e-mail reports', params: workspaceParams, response: { 200: listSchema(reportScheduleSchema) } },
    },
    async (request) => ({ items: (await reportsRepository.listSchedules(db, request.params.workspaceId)).map(presentSchedule) }),
  );
  app.post(
    '/workspaces/:workspaceId/report-schedules',
    {
      config: { access: 'workspace.manage' },
      schema: {
        tags,
        summary: 'Schedule a weekly or monthly report by e-mail',
        params: workspaceParams,
        body: scheduleBody,
        response: { 201: reportScheduleSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const row = await createReportSchedule(ctx, { workspaceId, actorUserId: user.id, schedule: request.body });
      return reply.status(201).send(presentSchedule(row));
    },
  );
  app.delete(
    '/workspaces/:workspaceId/report-schedules/:scheduleId',
    {
      config: { access: 'workspace.manage' },
      schema: { tags, summary: 'Delete a report schedule', params: scheduleParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      await deleteReportSchedule(ctx, { workspaceId, actorUserId: user.id, scheduleId: request.params.scheduleId });
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/workspaces/:workspaceId/report-schedules/:scheduleId/run',
    {
      config: { access: 'workspace.manage' },
      schema: { tags, summary: 'Send a scheduled report now', params: scheduleParams, response: { 200: reportRunSchema } },
    },
    async (request) => {
      if (!(await reportsRepository.scheduleExists(db, request.params.workspaceId, request.params.scheduleId)))
        throw notFound('Report schedule');
      return runReportSchedule(ctx, request.params.scheduleId);
    },
  );
};
