import { z } from 'zod';
import QRCode from 'qrcode';
import type { Selectable } from 'kysely';
import { member, objectParams, workspaceParams, type ApiModule } from '../../server/api.ts';
import type { AppContext } from '../../server/context.ts';
import { binary, day, instant, listSchema, noContent } from '../../server/schemas.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { isoInstantSchema } from '../../lib/timezones.ts';
import { assertReportRange, calendarDaySchema } from '../../lib/input.ts';
import { publicUrlWarning } from '../../lib/public-url.ts';
import { currencySchema } from '../../lib/currency.ts';
import { workspaceTimeZone } from '../../db/workspace-settings.ts';
import type { ConversionsTable, TrackedLinksTable } from '../../db/schema.ts';
import { analyticsSettings, recordConversion, roiBreakdown, secretMatches, shortLinkBase } from './service.ts';
import { createCost, createLink, deleteCost, deleteLink } from './commands.ts';
import { linksRepository } from './repository.ts';
import { clickRecorderFor } from './short-links.ts';

const linkParams = objectParams('linkId');
const costParams = objectParams('costId');
const rangeQuery = z.object({ from: isoInstantSchema.optional(), to: isoInstantSchema.optional() });

/** Why short links may not reach other people (no PUBLIC_URL), or null. */
const urlWarningSchema = z.object({ code: z.literal('public_url_unset'), message: z.string(), base: z.string() }).nullable();

const linkSchema = z.object({
  id: z.string().uuid(),
  code: z.string(),
  shortUrl: z.string(),
  urlWarning: urlWarningSchema,
  targetUrl: z.string(),
  destinationUrl: z.string(),
  postId: z.string().uuid().nullable(),
  channelId: z.string().uuid().nullable(),
  network: z.string().nullable(),
  campaignId: z.string().uuid().nullable(),
  objectiveId: z.string().uuid().nullable(),
  createdAt: instant,
});

const linkDetailSchema = linkSchema.extend({
  clicks: z.object({ total: z.number(), human: z.number(), bots: z.number(), uniqueVisitors: z.number() }),
  byDay: z.array(z.object({ day, clicks: z.number(), uniqueVisitors: z.number() })),
  referrers: z.array(z.object({ host: z.string().nullable(), clicks: z.number() })),
  conversions: z.object({ count: z.number(), value: z.number() }),
});

const conversionResultSchema = z.object({
  id: z.string().uuid(),
  duplicate: z.boolean(),
  linkId: z.string().uuid().nullable(),
  postId: z.string().uuid().nullable(),
  campaignId: z.string().uuid().nullable(),
  objectiveId: z.string().uuid().nullable(),
  value: z.number(),
});

const conversionSchema = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  value: z.number(),
  currency: z.string(),
  source: z.string(),
  linkId: z.string().uuid().nullable(),
  postId: z.string().uuid().nullable(),
  channelId: z.string().uuid().nullable(),
  campaignId: z.string().uuid().nullable(),
  objectiveId: z.string().uuid().nullable(),
  externalId: z.string().nullable(),
  occurredAt: instant,
});

const costSchema = z.object({
  id: z.string().uuid(),
  amount: z.number(),
  currency: z.string(),
  campaignId: z.string().uuid().nullable(),
  channelId: z.string().uuid().nullable(),
  incurredOn: day,
  note: z.string(),
});

const roiItemSchema = z.object({
  campaignId: z.string().uuid().nullable().optional(),
  channelId: z.string().uuid().nullable().optional(),
  objectiveId: z.string().uuid().nullable().optional(),
  clicks: z.number(),
  leads: z.number(),
  value: z.number(),
  cost: z.number(),
  cpl: z.number().nullable(),
  cplReason: z.string().nullable(),
  roi: z.number().nullable(),
  roiReason: z.string().nullable(),
});

const roiSchema = z.object({
  by: z.enum(['campaign', 'channel', 'objective']),
  range: z.object({ from: instant, to: instant }),
  formulas: z.object({ cpl: z.string(), roi: z.string() }),
  formulasEs: z.object({ cpl: z.string(), roi: z.string() }),
  items: z.array(roiItemSchema),
});

const conversionSettingsSchema = z.object({
  webhookUrl: z.string(),
  webhookHeader: z.string(),
  secret: z.string(),
  pixelUrl: z.string(),
  urlWarning: urlWarningSchema,
});

function presentLink(ctx: AppContext, row: Selectable<TrackedLinksTable>) {
  return {
    id: row.id,
    code: row.code,
    shortUrl: `${shortLinkBase(ctx)}/l/${row.code}`,
    urlWarning: publicUrlWarning(ctx.config),
    targetUrl: row.target_url,
    destinationUrl: row.destination_url,
    postId: row.post_id,
    channelId: row.channel_id,
    network: row.network,
    campaignId: row.campaign_id,
    objectiveId: row.objective_id,
    createdAt: row.created_at,
  };
}

const presentConversionResult = ({ conversion, duplicate }: { conversion: Selectable<ConversionsTable>; duplicate: boolean }) => ({
  id: conversion.id,
  duplicate,
  linkId: conversion.link_id,
  postId: conversion.post_id,
  campaignId: conversion.campaign_id,
  objectiveId: conversion.objective_id,
  value: conversion.value,
});

const conversionBody = z.object({
  code: z.string().max(40).optional(),
  postId: z.string().max(64).optional(),
  utmContent: z.string().max(64).optional(),
  utmCampaign: z.string().max(120).optional(),
  kind: z.string().trim().min(1).max(40).optional(),
  value: z.number().finite().min(0).max(1e12).optional(),
  currency: currencySchema.optional(),
  externalId: z.string().max(200).optional(),
  occurredAt: isoInstantSchema.optional(),
});

/** Tracked links, click analytics, QR codes, conversions (webhook), costs and ROI. */
export const linkRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;
  const tags = ['links'];
  const loadLink = async (workspaceId: string, linkId: string) => {
    const row = await linksRepository.findLink(db, workspaceId, linkId);
    if (!row) throw notFound('Link');
    return row;
  };

  app.post(
    '/workspaces/:workspaceId/links',
    {
      config: { access: 'post.write' },
      schema: {
        tags,
        summary:
          'Create a tracked short link (UTM: source = network, medium = social, campaign = its tag as typed, content = post; each editable)',
        params: workspaceParams,
        body: z.object({
          url: z.string().url().max(2000),
          postId: z.string().uuid().nullable().optional(),
          channelId: z.string().uuid().nullable().optional(),
          campaignId: z.string().uuid().nullable().optional(),
          objectiveId: z.string().uuid().nullable().optional(),
          utmSource: z.string().max(60).optional(),
          utmMedium: z.string().max(60).optional(),
          utmCampaign: z.string().max(120).optional(),
          utmContent: z.string().max(120).optional(),
        }),
        response: { 201: linkSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const row = await createLink(ctx, { workspaceId, actorUserId: user.id, link: request.body });
      return reply.status(201).send(presentLink(ctx, row));
    },
  );

  app.get(
    '/workspaces/:workspaceId/link-settings',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Where short links point (PUBLIC_URL or this machine), with a warning when PUBLIC_URL is unset',
        params: workspaceParams,
        response: { 200: z.object({ shortLinkBase: z.string(), urlWarning: urlWarningSchema }) },
      },
    },
    // Lets the composer warn before a link is shortened, not only after.
    async () => ({ shortLinkBase: `${shortLinkBase(ctx)}/l/`, urlWarning: publicUrlWarning(ctx.config) }),
  );

  app.get(
    '/workspaces/:workspaceId/links',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'List tracked links with their human clicks',
        params: workspaceParams,
        querystring: z.object({ postId: z.string().uuid().optional(), campaignId: z.string().uuid().optional() }),
        response: { 200: listSchema(linkSchema.extend({ clicks: z.number() })) },
      },
    },
    async (request) => {
      const rows = await linksRepository.listLinks(db, request.params.workspaceId, request.query);
      return { items: rows.map((r) => ({ ...presentLink(ctx, r), clicks: Number(r.clicks ?? 0) })) };
    },
  );

  app.get(
    '/workspaces/:workspaceId/links/:linkId',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'A link with its click analytics (human vs bot, unique visitors, by day, referrers)',
        params: linkParams,
        querystring: rangeQuery,
        response: { 200: linkDetailSchema },
      },
    },
    async (request) => {
      const link = await loadLink(request.params.workspaceId, request.params.linkId);
      await clickRecorderFor(ctx).flush();
      const from = request.query.from ?? new Date(0);
      const to = request.query.to ?? new Date(ctx.clock.now() + 1);
      // Clicks by day in the brand's time zone, like every analytics day.
      const zone = await workspaceTimeZone(db, request.params.workspaceId);
      const { totals, byDay, referrers, conversions } = await linksRepository.linkClickStats(db, link.id, { from, to }, zone);
      return {
        ...presentLink(ctx, link),
        clicks: {
          total: Number(totals?.all ?? 0),
          human: Number(totals?.human ?? 0),
          bots: Number(totals?.all ?? 0) - Number(totals?.human ?? 0),
          uniqueVisitors: Number(totals?.unique ?? 0),
        },
        byDay: byDay.map((r) => ({ day: r.day, clicks: Number(r.clicks), uniqueVisitors: Number(r.unique) })),
        referrers: referrers.map((r) => ({ host: r.host, clicks: Number(r.clicks) })),
        conversions: { count: Number(conversions?.n ?? 0), value: Number(conversions?.value ?? 0) },
      };
    },
  );

  app.get(
    '/workspaces/:workspaceId/links/:linkId/qr',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'QR code of the short link (png or svg)',
        params: linkParams,
        querystring: z.object({
          format: z.enum(['png', 'svg']).default('png'),
          size: z.coerce.number().int().min(64).max(2048).default(512),
        }),
        produces: ['image/png', 'image/svg+xml'],
        response: { 200: binary('The QR code as PNG or SVG') },
      },
    },
    async (request, reply) => {
      const link = await loadLink(request.params.workspaceId, request.params.linkId);
      const url = presentLink(ctx, link).shortUrl;
      if (request.query.format === 'svg')
        return reply.type('image/svg+xml').send(await QRCode.toString(url, { type: 'svg', width: request.query.size, margin: 2 }));
      return reply.type('image/png').send(await QRCode.toBuffer(url, { type: 'png', width: request.query.size, margin: 2 }));
    },
  );

  app.delete(
    '/workspaces/:workspaceId/links/:linkId',
    {
      config: { access: 'post.write' },
      schema: { tags, summary: 'Delete a link (its short URL stops redirecting)', params: linkParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      await deleteLink(ctx, { workspaceId, actorUserId: user.id, linkId: request.params.linkId });
      return reply.status(204).send(null);
    },
  );

  // ---------------- conversions ----------------

  app.get(
    '/workspaces/:workspaceId/conversion-settings',
    {
      config: { access: 'workspace.manage' },
      schema: {
        tags,
        summary: 'The conversion webhook secret and pixel URL of the workspace',
        params: workspaceParams,
        response: { 200: conversionSettingsSchema },
      },
    },
    async (request) => {
      const settings = await analyticsSettings(ctx, request.params.workspaceId);
      const base = shortLinkBase(ctx);
      return {
        webhookUrl: `${base}/api/v1/workspaces/${request.params.workspaceId}/conversions/webhook`,
        webhookHeader: 'x-plaza-conversion-key',
        secret: ctx.secrets.open<string>(settings.conversion_secret_sealed),
        pixelUrl: `${base}/px/${settings.pixel_key}.gif?code={code}&kind=lead&value={value}&id={orderId}`,
        urlWarning: publicUrlWarning(ctx.config),
      };
    },
  );

  app.post(
    '/workspaces/:workspaceId/conversions/webhook',
    {
      // The caller proves itself with the workspace's conversion secret, not a session.
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Server-to-server conversion (header x-plaza-conversion-key); attributed link → post → campaign → objective',
        params: workspaceParams,
        body: conversionBody,
        response: { 200: conversionResultSchema, 201: conversionResultSchema },
      },
    },
    async (request, reply) => {
      const settings = await linksRepository.findSettings(db, request.params.workspaceId);
      const presented = request.headers['x-plaza-conversion-key'];
      if (!settings || !secretMatches(ctx, settings.conversion_secret_sealed, typeof presented === 'string' ? presented : undefined)) {
        throw new AppError(401, 'unauthorized', 'Missing or wrong x-plaza-conversion-key');
      }
      const body = request.body;
      const result = await recordConversion(
        ctx,
        request.params.workspaceId,
        { ...body, postId: body.postId ?? body.utmContent, campaign: body.utmCampaign },
        'webhook',
      );
      return reply.status(result.duplicate ? 200 : 201).send(presentConversionResult(result));
    },
  );

  app.post(
    '/workspaces/:workspaceId/conversions',
    {
      config: { access: 'workspace.manage' },
      schema: {
        tags,
        summary: 'Record a conversion by hand',
        params: workspaceParams,
        body: conversionBody,
        response: { 200: conversionResultSchema, 201: conversionResultSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const result = await recordConversion(
        ctx,
        request.params.workspaceId,
        { ...body, postId: body.postId ?? body.utmContent, campaign: body.utmCampaign },
        'webhook',
      );
      return reply.status(result.duplicate ? 200 : 201).send(presentConversionResult(result));
    },
  );

  app.get(
    '/workspaces/:workspaceId/conversions',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Conversions, newest first',
        params: workspaceParams,
        querystring: rangeQuery,
        response: { 200: listSchema(conversionSchema) },
      },
    },
    async (request) => {
      const rows = await linksRepository.listConversions(db, request.params.workspaceId, request.query);
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          value: r.value,
          currency: r.currency,
          source: r.source,
          linkId: r.link_id,
          postId: r.post_id,
          channelId: r.channel_id,
          campaignId: r.campaign_id,
          objectiveId: r.objective_id,
          externalId: r.external_id,
          occurredAt: r.occurred_at,
        })),
      };
    },
  );

  // ---------------- costs and ROI ----------------

  app.post(
    '/workspaces/:workspaceId/costs',
    {
      config: { access: 'workspace.manage' },
      schema: {
        tags,
        summary: 'Record a cost for a campaign and/or channel',
        params: workspaceParams,
        body: z.object({
          amount: z.number().finite().min(0).max(1e12),
          currency: currencySchema.optional(),
          campaignId: z.string().uuid().nullable().optional(),
          channelId: z.string().uuid().nullable().optional(),
          incurredOn: calendarDaySchema,
          note: z.string().max(500).optional(),
        }),
        response: { 201: costSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const row = await createCost(ctx, { workspaceId, actorUserId: user.id, cost: request.body });
      return reply.status(201).send({
        id: row.id,
        amount: row.amount,
        currency: row.currency,
        campaignId: row.campaign_id,
        channelId: row.channel_id,
        incurredOn: request.body.incurredOn,
        note: row.note,
      });
    },
  );

  app.get(
    '/workspaces/:workspaceId/costs',
    { config: { access: 'read' }, schema: { tags, summary: 'Costs', params: workspaceParams, response: { 200: listSchema(costSchema) } } },
    async (request) => {
      const rows = await linksRepository.listCosts(db, request.params.workspaceId);
      return {
        items: rows.map((r) => ({
          id: r.id,
          amount: r.amount,
          currency: r.currency,
          campaignId: r.campaign_id,
          channelId: r.channel_id,
          incurredOn: r.day,
          note: r.note,
        })),
      };
    },
  );

  app.delete(
    '/workspaces/:workspaceId/costs/:costId',
    {
      config: { access: 'workspace.manage' },
      schema: { tags, summary: 'Delete a cost', params: costParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      await deleteCost(ctx, { workspaceId, actorUserId: user.id, costId: request.params.costId });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/workspaces/:workspaceId/roi',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Clicks, leads, value, cost, CPL and ROI by campaign, channel or objective',
        params: workspaceParams,
        querystring: rangeQuery.extend({ by: z.enum(['campaign', 'channel', 'objective']).default('campaign') }),
        response: { 200: roiSchema },
      },
    },
    async (request) => {
      await clickRecorderFor(ctx).flush();
      const range = {
        from: request.query.from ?? new Date(ctx.clock.now() - 90 * 86_400_000),
        to: request.query.to ?? new Date(ctx.clock.now() + 86_400_000),
      };
      assertReportRange(range);
      return {
        by: request.query.by,
        range,
        formulas: { cpl: 'cost / leads', roi: '(value − cost) / cost × 100' },
        formulasEs: { cpl: 'coste / leads', roi: '(valor − coste) / coste × 100' },
        items: await roiBreakdown(db, request.params.workspaceId, request.query.by, range),
      };
    },
  );
};
