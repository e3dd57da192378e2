import { Readable } from 'node:stream';
import { z } from 'zod';
import { member, objectParams, requirePermission, workspaceParams, type ApiModule } from '../../server/api.ts';
import { can } from '../../server/permissions.ts';
import { binary, day, instant, listSchema, noContent } from '../../server/schemas.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { addDays, daysFromTo, localDay } from '../../lib/brand-days.ts';
import { workspaceLocale, workspaceTimeZone } from '../../db/workspace-settings.ts';
import { INBOUND_KINDS } from '../../networks/inbox.ts';
import {
  bulkChange,
  createRule,
  createSavedView,
  deleteRule,
  deleteSavedView,
  inboxSettings,
  saveInboxSettings,
  testRule,
  updateRule,
} from './rule-commands.ts';
import { inboxRulesRepository, type RuleRow, type SavedViewRow } from './rules-repository.ts';
import { ruleActionsSchema, ruleConditionsSchema } from './rules.ts';
import { businessHoursSchema, targetsSchema } from './business-hours.ts';
import { serviceReport, serviceReportCsv } from './service-levels.ts';
import { receivePush } from './sync.ts';
import { answerPushChallenge, removePushSecret, setPushSecret } from './push-setup.ts';
import { CONVERSATION_STATES, PRIORITIES } from './tables.ts';

const ruleParams = objectParams('ruleId');
const viewParams = objectParams('viewId');
const channelParams = objectParams('channelId');
const labelSchema = z.string().trim().min(1).max(40);

const ruleSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  position: z.number().int(),
  enabled: z.boolean(),
  conditions: ruleConditionsSchema,
  actions: z.record(z.string(), z.unknown()),
  matchedCount: z.number().int(),
  lastMatchedAt: instant.nullable(),
  createdAt: instant,
  updatedAt: instant,
});

function presentRule(row: RuleRow) {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    enabled: row.enabled,
    conditions: row.conditions as z.infer<typeof ruleConditionsSchema>,
    actions: row.actions as Record<string, unknown>,
    matchedCount: row.matched_count,
    lastMatchedAt: row.last_matched_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const viewFilterSchema = z
  .object({
    view: z.enum(['all', 'mine', 'unassigned']).optional(),
    state: z.enum(['active', 'any', ...CONVERSATION_STATES]).optional(),
    channelId: z.string().uuid().optional(),
    kind: z.enum(INBOUND_KINDS).optional(),
    label: labelSchema.optional(),
    q: z.string().trim().max(200).optional(),
  })
  .strict();

const viewSchema = z.object({ id: z.string().uuid(), name: z.string(), shared: z.boolean(), filter: viewFilterSchema, createdAt: instant });

function presentView(row: SavedViewRow) {
  return {
    id: row.id,
    name: row.name,
    shared: row.user_id === null,
    filter: row.filter as z.infer<typeof viewFilterSchema>,
    createdAt: row.created_at,
  };
}

const settingsSchema = z.object({
  autoReplies: z.boolean(),
  businessHours: businessHoursSchema,
  targets: targetsSchema,
  timeZone: z.string(),
});

const statsSchema = z.object({ count: z.number().int(), median: z.number().nullable(), mean: z.number().nullable() });
const countsSchema = z.array(z.object({ key: z.string(), count: z.number().int() }));
const reportSchema = z.object({
  from: instant,
  to: instant,
  firstDay: day,
  lastDay: day,
  timeZone: z.string(),
  targets: targetsSchema,
  firstResponse: z.object({ calendar: statsSchema, business: statsSchema }),
  replyTime: z.object({ calendar: statsSchema, business: statsSchema }),
  withinTarget: z.object({ answered: z.number().int(), within: z.number().int(), share: z.number().nullable() }),
  responseRate: z.object({ conversations: z.number().int(), answered: z.number().int(), share: z.number().nullable() }),
  inbound: z.number().int(),
  replies: z.number().int(),
  volume: z.object({ byKind: countsSchema, byNetwork: countsSchema, bySentiment: countsSchema, byLabel: countsSchema }),
  perTeammate: z.array(z.object({ userId: z.string(), name: z.string(), replies: z.number().int(), resolved: z.number().int() })),
});

const reportQuery = z.object({ from: day.optional(), to: day.optional() });

/** Brand days of a report: the given ones, or the last 30 up to today; at most 366 days, backwards is a 400. */
async function reportDays(
  db: Parameters<typeof workspaceTimeZone>[0],
  workspaceId: string,
  now: number,
  query: z.infer<typeof reportQuery>,
) {
  const zone = await workspaceTimeZone(db, workspaceId);
  const last = query.to ?? localDay(now, zone);
  const first = query.from ?? addDays(last, -29);
  if (first > last) throw badRequest('bad_range', '"from" must not be after "to"');
  if (addDays(first, 366) <= last) throw badRequest('range_too_long', 'A report covers at most 366 days');
  return daysFromTo(first, last, zone);
}

/**
 * The inbox's rules (managers), rule tester, settings (auto-replies, business hours, targets),
 * service report (JSON, CSV and PDF), saved views, bulk actions, push secrets and the push route.
 */
export const inboxRulesRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;
  const tags = ['inbox'];
  const base = '/workspaces/:workspaceId/inbox';

  // ---------------- rules ----------------

  app.get(
    `${base}/rules`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Rules, in the order they are tried on each new message (the first that matches acts)',
        params: workspaceParams,
        response: { 200: listSchema(ruleSchema) },
      },
    },
    async (request) => ({ items: (await inboxRulesRepository.listRules(db, member(request).workspaceId)).map(presentRule) }),
  );

  const ruleBody = z.object({
    name: z.string().trim().min(1).max(120),
    enabled: z.boolean().default(true),
    conditions: ruleConditionsSchema,
    actions: ruleActionsSchema,
  });

  app.post(
    `${base}/rules`,
    {
      config: { access: 'inbox.manage' },
      schema: {
        tags,
        summary: 'Add a rule at the end of the order; a malformed query is a 400 invalid_query with its position',
        params: workspaceParams,
        body: ruleBody,
        response: { 201: ruleSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const row = await createRule(ctx, { workspaceId, actorUserId: user.id, ...request.body });
      return reply.status(201).send(presentRule(row));
    },
  );

  app.patch(
    `${base}/rules/:ruleId`,
    {
      config: { access: 'inbox.manage' },
      schema: {
        tags,
        summary: 'Change a rule: name, on/off, conditions, actions, or its place in the order (position, from 1)',
        params: ruleParams,
        body: ruleBody.partial().extend({ position: z.number().int().min(1).max(10_000).optional() }),
        response: { 200: ruleSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      const { enabled, ...rest } = request.body;
      const row = await updateRule(ctx, {
        workspaceId,
        actorUserId: user.id,
        ruleId: request.params.ruleId,
        patch: { ...rest, ...(enabled !== undefined ? { enabled } : {}) },
      });
      return presentRule(row);
    },
  );

  app.delete(
    `${base}/rules/:ruleId`,
    {
      config: { access: 'inbox.manage' },
      schema: { tags, summary: 'Delete a rule', params: ruleParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      await deleteRule(ctx, { workspaceId, actorUserId: user.id, ruleId: request.params.ruleId });
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${base}/rules/test`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary:
          'What a rule (saved, with ruleId, or not yet) would have done on the last 30 days: matches, how many it would act on (first match wins), examples',
        params: workspaceParams,
        body: z.object({
          ruleId: z.string().uuid().optional(),
          position: z.number().int().min(1).optional(),
          conditions: ruleConditionsSchema,
          actions: z.object({}).passthrough().default({}),
        }),
        response: {
          200: z.object({
            since: instant,
            scanned: z.number().int(),
            truncated: z.boolean(),
            matched: z.number().int(),
            wouldAct: z.number().int(),
            conversations: z.number().int(),
            usesContactStage: z.boolean(),
            matches: z.array(
              z.object({
                itemId: z.string().uuid(),
                conversationId: z.string().uuid(),
                at: instant,
                network: z.string(),
                kind: z.string(),
                authorHandle: z.string(),
                preview: z.string(),
                takenByRuleId: z.string().uuid().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { workspaceId } = member(request);
      return testRule(ctx, { workspaceId, ...request.body, actions: {} });
    },
  );

  // ---------------- settings ----------------

  app.get(
    `${base}/settings`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary:
          'Auto-replies (off by default), business hours (Monday first, brand zone) and answer targets per priority in business minutes',
        params: workspaceParams,
        response: { 200: settingsSchema },
      },
    },
    async (request) => inboxSettings(db, member(request).workspaceId),
  );

  app.put(
    `${base}/settings`,
    {
      config: { access: 'inbox.manage' },
      schema: {
        tags,
        summary: 'Set auto-replies, business hours and targets per priority',
        params: workspaceParams,
        body: z.object({ autoReplies: z.boolean(), businessHours: businessHoursSchema, targets: targetsSchema }),
        response: { 200: settingsSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return saveInboxSettings(ctx, { workspaceId, actorUserId: user.id, ...request.body });
    },
  );

  // ---------------- service report ----------------

  app.get(
    `${base}/reports/service`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary:
          'Service report of brand days (default: the last 30): first response and reply times (median, mean; calendar and business minutes), share within target, response rate, volume, per teammate',
        params: workspaceParams,
        querystring: reportQuery,
        response: { 200: reportSchema },
      },
    },
    async (request) => {
      const { workspaceId } = member(request);
      const days = await reportDays(db, workspaceId, ctx.clock.now(), request.query);
      const report = await serviceReport(db, workspaceId, days);
      return { ...report, firstDay: days.firstDay, lastDay: days.lastDay };
    },
  );

  app.get(
    `${base}/reports/service.csv`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'The service report as CSV (section, key, value)',
        params: workspaceParams,
        querystring: reportQuery,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV, UTF-8') },
      },
    },
    async (request, reply) => {
      const { workspaceId } = member(request);
      const days = await reportDays(db, workspaceId, ctx.clock.now(), request.query);
      const csv = serviceReportCsv(await serviceReport(db, workspaceId, days));
      const body = Readable.from(csv) as unknown as string;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="inbox-service-${days.firstDay}-${days.lastDay}.csv"`)
        .send(body);
    },
  );

  app.get(
    `${base}/reports/service.pdf`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'The service report as a PDF with charts, in Spanish or English (default: the workspace’s language)',
        params: workspaceParams,
        querystring: reportQuery.extend({ language: z.enum(['en', 'es']).optional() }),
        produces: ['application/pdf'],
        response: { 200: binary('The service report as a PDF') },
      },
    },
    async (request, reply) => {
      const { workspaceId } = member(request);
      const workspace = await workspaceLocale(db, workspaceId);
      if (!workspace) throw notFound('Workspace');
      const days = await reportDays(db, workspaceId, ctx.clock.now(), request.query);
      const report = await serviceReport(db, workspaceId, days);
      // pdfkit and the fonts load only when a PDF is asked for.
      const { renderServiceReportPdf } = await import('./service-report-pdf.ts');
      const pdf = await renderServiceReportPdf({
        report: { ...report, firstDay: days.firstDay, lastDay: days.lastDay },
        workspaceName: workspace.name,
        language: request.query.language ?? (workspace.language === 'es' ? 'es' : 'en'),
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="inbox-service-${days.firstDay}-${days.lastDay}.pdf"`)
        .send(pdf);
    },
  );

  // ---------------- saved views ----------------

  app.get(
    `${base}/views`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Saved views: your own and the shared ones',
        params: workspaceParams,
        response: { 200: listSchema(viewSchema) },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return { items: (await inboxRulesRepository.listViews(db, workspaceId, user.id)).map(presentView) };
    },
  );

  app.post(
    `${base}/views`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Save the list’s filter as a view (shared with the workspace: managers only)',
        params: workspaceParams,
        body: z.object({ name: z.string().trim().min(1).max(80), shared: z.boolean().default(false), filter: viewFilterSchema }),
        response: { 201: viewSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      if (request.body.shared) requirePermission(request, 'inbox.manage');
      const row = await createSavedView(ctx, { workspaceId, actorUserId: user.id, ...request.body });
      return reply.status(201).send(presentView(row));
    },
  );

  app.delete(
    `${base}/views/:viewId`,
    {
      config: { access: 'read' },
      schema: { tags, summary: 'Delete a saved view (yours; shared ones: managers)', params: viewParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      const { user, role, workspaceId } = member(request);
      await deleteSavedView(ctx, {
        workspaceId,
        actorUserId: user.id,
        viewId: request.params.viewId,
        mayManage: can(role, 'inbox.manage'),
      });
      return reply.status(204).send(null);
    },
  );

  // ---------------- bulk actions ----------------

  app.post(
    `${base}/conversations/bulk`,
    {
      config: { access: 'inbox.reply' },
      schema: {
        tags,
        summary: 'The same change on up to 200 conversations: resolve, reopen, assign, priority, add labels, mark read',
        params: workspaceParams,
        body: z.object({
          conversationIds: z.array(z.string().uuid()).min(1).max(200),
          state: z.enum(CONVERSATION_STATES).optional(),
          assigneeUserId: z.string().uuid().nullable().optional(),
          priority: z.enum(PRIORITIES).optional(),
          addLabels: z.array(labelSchema).max(10).optional(),
          read: z.boolean().optional(),
        }),
        response: { 200: z.object({ changed: z.number().int() }) },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      const { conversationIds, ...change } = request.body;
      return bulkChange(ctx, { workspaceId, actorUserId: user.id, conversationIds, change });
    },
  );

  // ---------------- pushes ----------------

  app.post(
    `${base}/channels/:channelId/push-secret`,
    {
      config: { access: 'inbox.manage' },
      schema: {
        tags,
        summary:
          'A new push (webhook) secret for a channel whose network pushes; shown once with the address to give the network. ' +
          'Send `secret` when the network signs with a secret of its own (Meta: the app secret); `verifyToken` answers its address check. ' +
          'Networks Plaza registers pushes with itself (Telegram: setWebhook) are told the address first: PUBLIC_URL must be HTTPS ' +
          '(`inbox_push_public_url_required`), and a refusal is `inbox_push_register_failed` with nothing kept',
        params: channelParams,
        body: z.object({ secret: z.string().min(8).max(200).optional() }).nullish(),
        response: { 200: z.object({ url: z.string(), secret: z.string(), verifyToken: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { workspaceId } = member(request);
      return setPushSecret(ctx, workspaceId, request.params.channelId, request.body?.secret);
    },
  );

  app.delete(
    `${base}/channels/:channelId/push-secret`,
    {
      config: { access: 'inbox.manage' },
      schema: {
        tags,
        summary:
          'Stops a channel’s pushes: forgets its push secret (pushes are refused from then on) after telling the network when Plaza ' +
          'registered them (Telegram: deleteWebhook); polling goes on. 404 when the channel takes no pushes',
        params: channelParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const { workspaceId } = member(request);
      await removePushSecret(ctx, workspaceId, request.params.channelId);
      return reply.status(204).send(null);
    },
  );

  // A network's check of the push address before it sends (Meta: hub.mode, hub.verify_token, hub.challenge).
  app.get(
    '/inbox/push/:channelId',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary:
          'A network’s subscription check of a channel’s push address: echoes `hub.challenge` when `hub.verify_token` is the channel’s',
        params: z.object({ channelId: z.string().uuid() }),
        querystring: z.object({
          'hub.mode': z.string().max(40).optional(),
          'hub.verify_token': z.string().max(200).optional(),
          'hub.challenge': z.string().max(200).optional(),
        }),
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const challenge = await answerPushChallenge(ctx, request.params.channelId, request.query);
      return reply.type('text/plain; charset=utf-8').send(challenge);
    },
  );

  // The network calls this: no session; the signature over the raw body (channel's push secret) is the proof.
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      ['application/json', 'text/plain'],
      { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      '/inbox/push/:channelId',
      {
        config: { access: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary:
            'A network’s push (webhook) for one channel, signed with the channel’s push secret; stored as polling stores, each item once',
          params: z.object({ channelId: z.string().uuid() }),
          response: { 200: z.object({ created: z.number().int(), duplicates: z.number().int() }) },
        },
      },
      async (request) => {
        const rawBody = request.body;
        if (!Buffer.isBuffer(rawBody)) throw badRequest('invalid_input', 'A push has a JSON body');
        return receivePush(ctx, (request.params as { channelId: string }).channelId, { headers: request.headers, rawBody });
      },
    );
  });
};
