import { z } from 'zod';
import QRCode from 'qrcode';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { workspaceParams, type ApiModule } from '../../server/api.ts';
import type { AppContext } from '../../server/context.ts';
import { requireRole } from '../../server/auth.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { isoInstantSchema } from '../../lib/timezones.ts';
import { calendarDaySchema } from '../../lib/input.ts';
import { recordEvent } from '../events/events.ts';
import { workspaceTimeZone } from '../../db/workspace-settings.ts';
import { analyticsSettings, ClickRecorder, createTrackedLink, recordConversion, roiBreakdown, secretMatches, shortLinkBase } from './service.ts';
import type { TrackedLinksTable } from '../../db/schema.ts';
import type { Selectable } from 'kysely';
import { assertReferencesInWorkspace } from '../workspaces/references.ts';
import { publicUrlWarning } from '../../lib/public-url.ts';
import { assertReportRange } from '../../lib/input.ts';

const recorders = new WeakMap<AppContext, ClickRecorder>();

/** The click recorder shared by the redirect route and the API of one context. */
export function clickRecorderFor(ctx: AppContext): ClickRecorder {
  let recorder = recorders.get(ctx);
  if (!recorder) {
    recorder = new ClickRecorder(ctx);
    recorders.set(ctx, recorder);
  }
  return recorder;
}

const linkParams = workspaceParams.extend({ linkId: z.string().uuid() });
const rangeQuery = z.object({ from: isoInstantSchema.optional(), to: isoInstantSchema.optional() });

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

/** A 1×1 transparent GIF for the conversion pixel. */
const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const conversionBody = z.object({
  code: z.string().max(40).optional(),
  postId: z.string().max(64).optional(),
  utmContent: z.string().max(64).optional(),
  utmCampaign: z.string().max(120).optional(),
  kind: z.string().trim().min(1).max(40).optional(),
  value: z.number().finite().min(0).max(1e12).optional(),
  currency: z.string().length(3).optional(),
  externalId: z.string().max(200).optional(),
  occurredAt: isoInstantSchema.optional(),
});

/** Tracked links, click analytics, QR codes, conversions (webhook), costs and ROI. */
export const linkRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;
  const tags = ['links'];
  const loadLink = async (workspaceId: string, linkId: string) => {
    const row = await db.selectFrom('tracked_links').selectAll().where('id', '=', linkId).where('workspace_id', '=', workspaceId).executeTakeFirst();
    if (!row) throw notFound('Link');
    return row;
  };

  app.post(
    '/workspaces/:workspaceId/links',
    {
      schema: {
        tags,
        summary: 'Create a tracked short link (UTM: source = network, medium = social, campaign, content = post)',
        params: workspaceParams,
        body: z.object({ url: z.string().url().max(2000), postId: z.string().uuid().nullable().optional(), channelId: z.string().uuid().nullable().optional(), campaignId: z.string().uuid().nullable().optional(), objectiveId: z.string().uuid().nullable().optional(), utmSource: z.string().max(60).optional(), utmCampaign: z.string().max(120).optional(), utmContent: z.string().max(120).optional() }),
      },
    },
    async (request, reply) => {
      const { user } = await requireRole(ctx, request, request.params.workspaceId, 'post.write');
      const row = await db.transaction().execute(async (trx) => {
        const link = await createTrackedLink(ctx, trx, request.params.workspaceId, request.body, user.id);
        await recordEvent(trx, { workspaceId: link.workspace_id, actorUserId: user.id, type: 'link.created', subjectType: 'link', subjectId: link.id, data: { code: link.code, url: link.target_url } });
        return link;
      });
      return reply.status(201).send(presentLink(ctx, row));
    },
  );

  app.get('/workspaces/:workspaceId/links', { schema: { tags, summary: 'List tracked links with their human clicks', params: workspaceParams, querystring: z.object({ postId: z.string().uuid().optional(), campaignId: z.string().uuid().optional() }) } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    let query = db
      .selectFrom('tracked_links as l')
      .selectAll('l')
      .select((eb) => eb.selectFrom('link_clicks as c').select(eb.fn.countAll<number>().as('n')).whereRef('c.link_id', '=', 'l.id').where('c.is_bot', '=', false).as('clicks'))
      .where('l.workspace_id', '=', request.params.workspaceId);
    if (request.query.postId) query = query.where('l.post_id', '=', request.query.postId);
    if (request.query.campaignId) query = query.where('l.campaign_id', '=', request.query.campaignId);
    const rows = await query.orderBy('l.created_at', 'desc').limit(500).execute();
    return { items: rows.map((r) => ({ ...presentLink(ctx, r), clicks: Number(r.clicks ?? 0) })) };
  });

  app.get('/workspaces/:workspaceId/links/:linkId', { schema: { tags, summary: 'A link with its click analytics (human vs bot, unique visitors, by day, referrers)', params: linkParams, querystring: rangeQuery } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const link = await loadLink(request.params.workspaceId, request.params.linkId);
    await clickRecorderFor(ctx).flush();
    const from = request.query.from ?? new Date(0);
    const to = request.query.to ?? new Date(ctx.clock.now() + 1);
    const base = db.selectFrom('link_clicks').where('link_id', '=', link.id).where('clicked_at', '>=', from).where('clicked_at', '<', to);
    // Clicks by day in the brand's time zone, like every analytics day.
    const zone = await workspaceTimeZone(db, request.params.workspaceId);
    const [totals, byDay, referrers, conversions] = await Promise.all([
      base.select((eb) => [eb.fn.countAll<number>().as('all'), sql<number>`count(*) FILTER (WHERE NOT is_bot)`.as('human'), sql<number>`count(DISTINCT visitor_hash) FILTER (WHERE NOT is_bot)`.as('unique')]).executeTakeFirst(),
      base.select([sql<string>`to_char(clicked_at AT TIME ZONE ${zone}, 'YYYY-MM-DD')`.as('day'), sql<number>`count(*)`.as('clicks'), sql<number>`count(DISTINCT visitor_hash)`.as('unique')]).where('is_bot', '=', false).groupBy(sql`1`).orderBy(sql`1`).execute(),
      base.select([sql<string | null>`referrer_host`.as('host'), sql<number>`count(*)`.as('clicks')]).where('is_bot', '=', false).groupBy('referrer_host').orderBy(sql`2`, 'desc').limit(20).execute(),
      db.selectFrom('conversions').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('value').as('value')]).where('link_id', '=', link.id).executeTakeFirst(),
    ]);
    return {
      ...presentLink(ctx, link),
      clicks: { total: Number(totals?.all ?? 0), human: Number(totals?.human ?? 0), bots: Number(totals?.all ?? 0) - Number(totals?.human ?? 0), uniqueVisitors: Number(totals?.unique ?? 0) },
      byDay: byDay.map((r) => ({ day: r.day, clicks: Number(r.clicks), uniqueVisitors: Number(r.unique) })),
      referrers: referrers.map((r) => ({ host: r.host, clicks: Number(r.clicks) })),
      conversions: { count: Number(conversions?.n ?? 0), value: Number(conversions?.value ?? 0) },
    };
  });

  app.get('/workspaces/:workspaceId/links/:linkId/qr', { schema: { tags, summary: 'QR code of the short link (png or svg)', params: linkParams, querystring: z.object({ format: z.enum(['png', 'svg']).default('png'), size: z.coerce.number().int().min(64).max(2048).default(512) }) } }, async (request, reply) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const link = await loadLink(request.params.workspaceId, request.params.linkId);
    const url = presentLink(ctx, link).shortUrl;
    if (request.query.format === 'svg') return reply.type('image/svg+xml').send(await QRCode.toString(url, { type: 'svg', width: request.query.size, margin: 2 }));
    return reply.type('image/png').send(await QRCode.toBuffer(url, { type: 'png', width: request.query.size, margin: 2 }));
  });

  app.delete('/workspaces/:workspaceId/links/:linkId', { schema: { tags, summary: 'Delete a link (its short URL stops redirecting)', params: linkParams } }, async (request, reply) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'post.write');
    const link = await loadLink(request.params.workspaceId, request.params.linkId);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('tracked_links').where('id', '=', link.id).execute();
      await recordEvent(trx, { workspaceId: link.workspace_id, actorUserId: user.id, type: 'link.deleted', subjectType: 'link', subjectId: link.id, data: { code: link.code } });
    });
    clickRecorderFor(ctx).forget(link.code);
    return reply.status(204).send();
  });

  // ---------------- conversions ----------------

  app.get('/workspaces/:workspaceId/conversion-settings', { schema: { tags, summary: 'The conversion webhook secret and pixel URL of the workspace', params: workspaceParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'workspace.manage');
    const settings = await analyticsSettings(ctx, request.params.workspaceId);
    const base = shortLinkBase(ctx);
    return {
      webhookUrl: `${base}/api/v1/workspaces/${request.params.workspaceId}/conversions/webhook`,
      webhookHeader: 'x-plaza-conversion-key',
      secret: ctx.secrets.open<string>(settings.conversion_secret_sealed),
      pixelUrl: `${base}/px/${settings.pixel_key}.gif?code={code}&kind=lead&value={value}&id={orderId}`,
      urlWarning: publicUrlWarning(ctx.config),
    };
  });

  app.post(
    '/workspaces/:workspaceId/conversions/webhook',
    { schema: { tags, summary: 'Server-to-server conversion (header x-plaza-conversion-key); attributed link → post → campaign → objective', params: workspaceParams, body: conversionBody, security: [] } },
    async (request, reply) => {
      const settings = await db.selectFrom('analytics_settings').selectAll().where('workspace_id', '=', request.params.workspaceId).executeTakeFirst();
      const presented = request.headers['x-plaza-conversion-key'];
      if (!settings || !secretMatches(ctx, settings.conversion_secret_sealed, typeof presented === 'string' ? presented : undefined)) {
        throw new AppError(401, 'unauthorized', 'Missing or wrong x-plaza-conversion-key');
      }
      const body = request.body;
      const { conversion, duplicate } = await recordConversion(ctx, request.params.workspaceId, { ...body, postId: body.postId ?? body.utmContent, campaign: body.utmCampaign }, 'webhook');
      return reply.status(duplicate ? 200 : 201).send({ id: conversion.id, duplicate, linkId: conversion.link_id, postId: conversion.post_id, campaignId: conversion.campaign_id, objectiveId: conversion.objective_id, value: conversion.value });
    },
  );

  app.post('/workspaces/:workspaceId/conversions', { schema: { tags, summary: 'Record a conversion by hand', params: workspaceParams, body: conversionBody } }, async (request, reply) => {
    await requireRole(ctx, request, request.params.workspaceId, 'workspace.manage');
    const body = request.body;
    const { conversion, duplicate } = await recordConversion(ctx, request.params.workspaceId, { ...body, postId: body.postId ?? body.utmContent, campaign: body.utmCampaign }, 'webhook');
    return reply.status(duplicate ? 200 : 201).send({ id: conversion.id, duplicate, linkId: conversion.link_id, postId: conversion.post_id, campaignId: conversion.campaign_id, objectiveId: conversion.objective_id, value: conversion.value });
  });

  app.get('/workspaces/:workspaceId/conversions', { schema: { tags, summary: 'Conversions, newest first', params: workspaceParams, querystring: rangeQuery } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    let query = db.selectFrom('conversions').selectAll().where('workspace_id', '=', request.params.workspaceId);
    if (request.query.from) query = query.where('occurred_at', '>=', request.query.from);
    if (request.query.to) query = query.where('occurred_at', '<', request.query.to);
    const rows = await query.orderBy('occurred_at', 'desc').limit(500).execute();
    return { items: rows.map((r) => ({ id: r.id, kind: r.kind, value: r.value, currency: r.currency, source: r.source, linkId: r.link_id, postId: r.post_id, channelId: r.channel_id, campaignId: r.campaign_id, objectiveId: r.objective_id, externalId: r.external_id, occurredAt: r.occurred_at })) };
  });

  // ---------------- costs and ROI ----------------

  const costParams = workspaceParams.extend({ costId: z.string().uuid() });
  app.post(
    '/workspaces/:workspaceId/costs',
    { schema: { tags, summary: 'Record a cost for a campaign and/or channel', params: workspaceParams, body: z.object({ amount: z.number().finite().min(0).max(1e12), currency: z.string().length(3).optional(), campaignId: z.string().uuid().nullable().optional(), channelId: z.string().uuid().nullable().optional(), incurredOn: calendarDaySchema, note: z.string().max(500).optional() }) } },
    async (request, reply) => {
      const { user } = await requireRole(ctx, request, request.params.workspaceId, 'workspace.manage');
      const body = request.body;
      await assertReferencesInWorkspace(db, request.params.workspaceId, { campaignId: body.campaignId, channelId: body.channelId });
      const row = await db.transaction().execute(async (trx) => {
        const cost = await trx.insertInto('costs').values({ workspace_id: request.params.workspaceId, amount: body.amount, currency: body.currency ?? 'EUR', campaign_id: body.campaignId ?? null, channel_id: body.channelId ?? null, incurred_on: body.incurredOn, note: body.note ?? '', created_at: new Date(ctx.clock.now()) }).returningAll().executeTakeFirstOrThrow();
        await recordEvent(trx, { workspaceId: cost.workspace_id, actorUserId: user.id, type: 'cost.created', subjectType: 'cost', subjectId: cost.id, data: { amount: cost.amount, campaignId: cost.campaign_id, channelId: cost.channel_id } });
        return cost;
      });
      return reply.status(201).send({ id: row.id, amount: row.amount, currency: row.currency, campaignId: row.campaign_id, channelId: row.channel_id, incurredOn: body.incurredOn, note: row.note });
    },
  );
  app.get('/workspaces/:workspaceId/costs', { schema: { tags, summary: 'Costs', params: workspaceParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const rows = await db.selectFrom('costs').selectAll().select(sql<string>`to_char(incurred_on, 'YYYY-MM-DD')`.as('day')).where('workspace_id', '=', request.params.workspaceId).orderBy('incurred_on', 'desc').limit(1000).execute();
    return { items: rows.map((r) => ({ id: r.id, amount: r.amount, currency: r.currency, campaignId: r.campaign_id, channelId: r.channel_id, incurredOn: r.day, note: r.note })) };
  });
  app.delete('/workspaces/:workspaceId/costs/:costId', { schema: { tags, summary: 'Delete a cost', params: costParams } }, async (request, reply) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'workspace.manage');
    const row = await db.selectFrom('costs').select('id').where('id', '=', request.params.costId).where('workspace_id', '=', request.params.workspaceId).executeTakeFirst();
    if (!row) throw notFound('Cost');
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('costs').where('id', '=', row.id).execute();
      await recordEvent(trx, { workspaceId: request.params.workspaceId, actorUserId: user.id, type: 'cost.deleted', subjectType: 'cost', subjectId: row.id });
    });
    return reply.status(204).send();
  });
  app.get('/workspaces/:workspaceId/roi', { schema: { tags, summary: 'Clicks, leads, value, cost, CPL and ROI by campaign, channel or objective', params: workspaceParams, querystring: rangeQuery.extend({ by: z.enum(['campaign', 'channel', 'objective']).default('campaign') }) } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    await clickRecorderFor(ctx).flush();
    const range = { from: request.query.from ?? new Date(ctx.clock.now() - 90 * 86_400_000), to: request.query.to ?? new Date(ctx.clock.now() + 86_400_000) };
    assertReportRange(range);
    return { by: request.query.by, range, formulas: { cpl: 'cost / leads', roi: '(value − cost) / cost × 100' }, formulasEs: { cpl: 'coste / leads', roi: '(valor − coste) / coste × 100' }, items: await roiBreakdown(db, request.params.workspaceId, request.query.by, range) };
  });
};

/**
 * Public short-link routes outside /api: `GET /l/:code` (302 to the destination
 * with UTM, click logged) and `GET /px/:pixelKey.gif` (conversion pixel). Pass it
 * to `buildApp(ctx, { extraPlugins: [(app) => registerShortLinkRoutes(app, ctx)] })`.
 */
export async function registerShortLinkRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const recorder = clickRecorderFor(ctx);
  app.addHook('onClose', async () => recorder.flush());
  app.get<{ Params: { code: string } }>('/l/:code', { schema: { hide: true } }, async (request, reply) => {
    const code = request.params.code;
    const link = /^[A-Za-z0-9]{4,20}$/.test(code) ? await recorder.resolve(code) : null;
    if (!link) return reply.status(404).type('text/plain').send('Link not found');
    // The response does not wait for the click to be written.
    void recorder.record(link, { ip: request.ip, userAgent: request.headers['user-agent'], referrer: request.headers.referer }).catch((error: unknown) => ctx.logger.error({ err: error }, 'click not recorded'));
    return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer-when-downgrade').redirect(link.destination, 302);
  });
  app.get<{ Params: { key: string }; Querystring: Record<string, string | undefined> }>('/px/:key', { schema: { hide: true } }, async (request, reply) => {
    const key = request.params.key.replace(/\.gif$/, '');
    const settings = await ctx.database.db.selectFrom('analytics_settings').select('workspace_id').where('pixel_key', '=', key).executeTakeFirst();
    if (settings) {
      const q = request.query;
      const value = q.value !== undefined ? Number(q.value) : undefined;
      await recordConversion(
        ctx,
        settings.workspace_id,
        { code: q.code && /^[A-Za-z0-9]{4,20}$/.test(q.code) ? q.code : undefined, postId: q.utm_content, campaign: q.utm_campaign, kind: q.kind?.slice(0, 40), value: value !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined, externalId: q.id?.slice(0, 200), currency: q.currency && /^[A-Z]{3}$/.test(q.currency) ? q.currency : undefined },
        'pixel',
      ).catch(() => undefined); // a pixel always answers with the image
    }
    return reply.header('cache-control', 'no-store').type('image/gif').send(PIXEL_GIF);
  });
}
