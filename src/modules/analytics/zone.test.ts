import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { sql } from 'kysely';
import { createCaller, createTestApp, ManualClock, type Caller, type TestApp } from '../../../test/helpers/app.ts';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { SandboxNetwork, setInProcessSandbox } from '../../networks/sandbox/index.ts';
import { channelContext } from '../channels/service.ts';
import { backfillMetrics, collectFollowers, snapshotPublication } from './collector.ts';
import { buildReportData, reportPdf } from './reports.ts';
import { brandDays, localDay, previousBrandDays } from '../../lib/brand-days.ts';

describe('brand-zone days', () => {
  it('maps instants to the brand’s calendar day across daylight saving', () => {
    // 23:30 in Madrid on 28 March 2026 (CET, +01:00) is 22:30 UTC the same day; DST starts the next night.
    expect(localDay(new Date('2026-03-28T22:30:00Z'), 'Europe/Madrid')).toBe('2026-03-28');
    // 23:30 on 29 March (CEST, +02:00) is 21:30 UTC.
    expect(localDay(new Date('2026-03-29T21:30:00Z'), 'Europe/Madrid')).toBe('2026-03-29');
    // 19:00 in Mexico City on 31 December is 01:00 UTC on 1 January.
    expect(localDay(new Date('2027-01-01T01:00:00Z'), 'America/Mexico_City')).toBe('2026-12-31');
    expect(localDay(new Date('2027-01-01T01:00:00Z'), 'UTC')).toBe('2027-01-01');
  });

  it('spans whole local days, 23 hours on the spring-forward day, and the previous period by days', () => {
    const days = brandDays({ from: new Date('2026-03-29T10:00:00+02:00'), to: new Date('2026-03-29T12:00:00+02:00') }, 'Europe/Madrid');
    expect(days).toMatchObject({ firstDay: '2026-03-29', lastDay: '2026-03-29' });
    expect(days.from.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(days.to.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    const week = brandDays({ from: new Date('2026-03-30T00:00:00+02:00'), to: new Date('2026-04-06T00:00:00+02:00') }, 'Europe/Madrid');
    expect(week).toMatchObject({ firstDay: '2026-03-30', lastDay: '2026-04-05' });
    const previous = previousBrandDays(week);
    expect(previous).toMatchObject({ firstDay: '2026-03-23', lastDay: '2026-03-29' });
    // The previous week crosses the change: 7 days of 24 h but one of 23 h.
    expect(previous.to.getTime() - previous.from.getTime()).toBe(7 * 86_400_000 - 3_600_000);
  });
});

describe.each(DB_KINDS)('analytics days in the brand’s time zone on %s', (kind) => {
  const clock = new ManualClock(Date.parse('2026-03-28T08:00:00Z'));
  let t: TestApp;
  let owner: Caller;
  let madridId: string;
  let mexicoId: string;
  let madridChannel: string;
  let mexicoChannel: string;
  const madridPublications: string[] = [];

  async function publishAt(workspaceId: string, channelId: string, text: string, at: Date): Promise<string> {
    const created = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, {
      content: text,
      channels: [{ channelId }],
      action: 'draft',
    });
    expect(created.statusCode, created.body).toBe(201);
    const publicationId: string = created.json().publications[0].id;
    const channel = await t.ctx.database.db.selectFrom('channels').selectAll().where('id', '=', channelId).executeTakeFirstOrThrow();
    const result = await t.ctx.networks.get('sandbox').publish(channelContext(t.ctx, channel), { publicationId, text, media: [] });
    await t.ctx.database.db
      .updateTable('publications')
      .set({ state: 'published', remote_id: result.remoteId, published_at: at })
      .where('id', '=', publicationId)
      .execute();
    return publicationId;
  }

  const rollupDays = async (workspaceId: string) =>
    (
      await t.ctx.database.db
        .selectFrom('metric_daily')
        .select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), 'posts'])
        .where('workspace_id', '=', workspaceId)
        .orderBy('day')
        .execute()
    ).map((r) => `${r.day}:${r.posts}`);

  beforeAll(async () => {
    setInProcessSandbox(new SandboxNetwork({ now: () => clock.now(), seed: 11 }));
    t = await createTestApp(kind, { clock });
    owner = await createCaller(t, `zone-${kind}@example.com`);
    madridId = (await owner.request('POST', '/api/v1/workspaces', { name: 'Madrid', timeZone: 'Europe/Madrid', language: 'es' })).json().id;
    mexicoId = (await owner.request('POST', '/api/v1/workspaces', { name: 'CDMX', timeZone: 'America/Mexico_City', language: 'es' })).json()
      .id;
    madridChannel = (
      await owner.request('POST', `/api/v1/workspaces/${madridId}/channels`, {
        network: 'sandbox',
        name: 'Sandbox',
        fields: { handle: `mad${kind}`, token: 'tok' },
      })
    ).json().id;
    mexicoChannel = (
      await owner.request('POST', `/api/v1/workspaces/${mexicoId}/channels`, {
        network: 'sandbox',
        name: 'Sandbox',
        fields: { handle: `mex${kind}`, token: 'tok' },
      })
    ).json().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a post at 23:30 Madrid time on 28 March 2026 counts on the 28th, one at 23:30 on the 29th (after the change) on the 29th', async () => {
    madridPublications.push(await publishAt(madridId, madridChannel, 'Noche de sábado', new Date('2026-03-28T23:30:00+01:00')));
    madridPublications.push(await publishAt(madridId, madridChannel, 'Noche de domingo', new Date('2026-03-29T23:30:00+02:00')));
    clock.set(Date.parse('2026-03-30T10:00:00Z'));
    for (const id of madridPublications) expect(await snapshotPublication(t.ctx, id, null)).toBeNull();
    expect(await rollupDays(madridId)).toEqual(['2026-03-28:1', '2026-03-29:1']);
    // The rebuild (backfill) agrees with the incremental rollup.
    await backfillMetrics(t.ctx, madridId);
    expect(await rollupDays(madridId)).toEqual(['2026-03-28:1', '2026-03-29:1']);
  });

  it('a Mexico City post at 19:00 on 31 December counts on the 31st', async () => {
    const id = await publishAt(mexicoId, mexicoChannel, 'Feliz año', new Date('2026-12-31T19:00:00-06:00'));
    clock.set(Date.parse('2027-01-02T12:00:00Z'));
    expect(await snapshotPublication(t.ctx, id, null)).toBeNull();
    expect(await rollupDays(mexicoId)).toEqual(['2026-12-31:1']);
    const board = await owner.request('GET', `/api/v1/workspaces/${mexicoId}/analytics/overview?from=2026-12-31&to=2026-12-31`);
    expect(board.statusCode, board.body).toBe(200);
    expect(board.json().current.series.map((p: { day: string }) => p.day)).toEqual(['2026-12-31']);
    expect(board.json().posts.top).toHaveLength(1);
  });

  it('dashboard date ranges are brand-zone days (plain dates and instants), previous period by days', async () => {
    const base = `/api/v1/workspaces/${madridId}/analytics/overview`;
    const day28 = (await owner.request('GET', `${base}?from=2026-03-28&to=2026-03-28`)).json();
    expect(day28.current.range).toMatchObject({
      firstDay: '2026-03-28',
      lastDay: '2026-03-28',
      timeZone: 'Europe/Madrid',
      from: '2026-03-27T23:00:00.000Z',
      to: '2026-03-28T23:00:00.000Z',
    });
    expect(day28.current.totals.posts).toBe(1);
    expect(day28.posts.top.map((p: { excerpt: string }) => p.excerpt)).toEqual(['Noche de sábado']);
    expect(day28.previous.range).toMatchObject({ firstDay: '2026-03-27', lastDay: '2026-03-27' });
    const day29 = (await owner.request('GET', `${base}?from=2026-03-29&to=2026-03-29`)).json();
    expect(day29.current.totals.posts).toBe(1);
    expect(day29.current.series.map((p: { day: string }) => p.day)).toEqual(['2026-03-29']);
    // An instant range is widened to the whole local days it touches.
    const instants = (
      await owner.request(
        'GET',
        `${base}?from=${encodeURIComponent('2026-03-28T12:00:00+01:00')}&to=${encodeURIComponent('2026-03-28T23:59:00+01:00')}`,
      )
    ).json();
    expect(instants.current.range).toMatchObject({ firstDay: '2026-03-28', lastDay: '2026-03-28' });
    expect(instants.current.totals.posts).toBe(1);
    expect(
      (await owner.request('GET', `${base}?from=2026-03-28&to=2026-03-29`)).json().current.series.map((p: { day: string }) => p.day),
    ).toEqual(['2026-03-28', '2026-03-29']);
    expect((await owner.request('GET', `${base}?from=2026-02-30`)).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `${base}?from=2026-03-28` })).statusCode).toBe(401);
  });

  it('followers are taken once per brand day', async () => {
    // 23:30 UTC on 30 March is already the 31st in Madrid and still the 30th in Mexico City.
    clock.set(Date.parse('2026-03-30T23:30:00Z'));
    const daysOf = async (channelId: string) =>
      (
        await t.ctx.database.db
          .selectFrom('channel_follower_snapshots')
          .select(sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'))
          .where('channel_id', '=', channelId)
          .orderBy('day')
          .execute()
      ).map((r) => r.day);
    const madridBefore = await daysOf(madridChannel);
    await collectFollowers(t.ctx);
    expect(await daysOf(madridChannel)).toEqual([...madridBefore, '2026-03-31']);
    expect(await daysOf(mexicoChannel)).toEqual(['2026-03-30']);
    // 23:00 on the 30th in Mexico City: still the same brand day there, nothing new anywhere.
    clock.set(Date.parse('2026-03-31T05:00:00Z'));
    await collectFollowers(t.ctx);
    expect(await daysOf(madridChannel)).toEqual([...madridBefore, '2026-03-31']);
    expect(await daysOf(mexicoChannel)).toEqual(['2026-03-30']);
  });

  it('when the brand changes its time zone the rollup is re-dayed on the next dashboard', async () => {
    await t.ctx.database.db.updateTable('workspaces').set({ time_zone: 'UTC' }).where('id', '=', mexicoId).execute();
    const board = (await owner.request('GET', `/api/v1/workspaces/${mexicoId}/analytics/overview?from=2026-12-30&to=2027-01-02`)).json();
    expect(board.current.series.map((p: { day: string }) => p.day)).toEqual(['2027-01-01']);
    expect(await rollupDays(mexicoId)).toEqual(['2027-01-01:1']);
    await t.ctx.database.db.updateTable('workspaces').set({ time_zone: 'America/Mexico_City' }).where('id', '=', mexicoId).execute();
    await owner.request('GET', `/api/v1/workspaces/${mexicoId}/analytics/overview?from=2026-12-30&to=2027-01-02`);
    expect(await rollupDays(mexicoId)).toEqual(['2026-12-31:1']);
  });

  it('the PDF report draws the brand logo (PNG) and is still made when the logo is missing', async () => {
    const png = await QRCode.toBuffer('Plaza', { type: 'png', width: 96 });
    const stored = await t.ctx.media.put(png);
    const media = await t.ctx.database.db
      .insertInto('media')
      .values({
        workspace_id: madridId,
        sha256: stored.sha256,
        mime_type: 'image/png',
        size_bytes: stored.size,
        width: 96,
        height: 96,
        created_at: new Date(clock.now()),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const range = { from: new Date('2026-03-28T00:00:00+01:00'), to: new Date('2026-03-30T00:00:00+02:00') };
    const without = await reportPdf(await buildReportData(t.ctx, madridId, {}, range, 'es'));
    expect(without.toString('latin1')).not.toContain('/Subtype /Image');

    expect((await owner.request('PUT', `/api/v1/workspaces/${madridId}/analytics/settings`, { logoMediaId: media.id })).statusCode).toBe(
      200,
    );
    const data = await buildReportData(t.ctx, madridId, {}, range, 'es');
    expect(data.logo?.format).toBe('png');
    const pdf = await reportPdf(data);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/Subtype /Image');
    const download = await owner.request('GET', `/api/v1/workspaces/${madridId}/analytics/report?format=pdf&from=2026-03-28&to=2026-03-29`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('plaza-report-2026-03-31.pdf');
    expect(download.rawPayload.toString('latin1')).toContain('/Subtype /Image');

    // Another workspace's media is never drawn; a file gone from the store is skipped, not fatal.
    expect((await buildReportData(t.ctx, mexicoId, {}, range, 'es')).logo).toBeNull();
    expect((await owner.request('GET', `/api/v1/workspaces/${mexicoId}/analytics/settings`)).statusCode).toBe(200);
    expect((await owner.request('PUT', `/api/v1/workspaces/${mexicoId}/analytics/settings`, { logoMediaId: media.id })).statusCode).toBe(
      400,
    );
    await t.ctx.database.db
      .updateTable('analytics_settings')
      .set({ logo_media_id: media.id })
      .where('workspace_id', '=', mexicoId)
      .execute();
    expect((await buildReportData(t.ctx, mexicoId, {}, range, 'es')).logo).toBeNull();
    await t.ctx.media.delete(stored.sha256);
    const missing = await buildReportData(t.ctx, madridId, {}, range, 'es');
    expect(missing.logo).toBeNull();
    expect((await reportPdf(missing)).toString('latin1')).not.toContain('/Subtype /Image');
  });
});
