import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller, createTestApp, ManualClock, type Caller, type TestApp } from '../../../test/helpers/app.ts';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { SandboxNetwork, setInProcessSandbox } from '../../networks/sandbox/index.ts';
import { channelContext } from '../channels/service.ts';
import { registerShortLinkRoutes } from '../links/short-links.ts';
import { buildApp } from '../../server/app.ts';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { NetworkError } from '../../networks/types.ts';
import { KPI_REASON_TEXT, KPI_REASON_TEXT_ES } from '../../lib/kpi-reasons.ts';
import { backfillMetrics, collectDueMetrics } from './collector.ts';

const HOUR = 3_600_000;

describe.each(DB_KINDS)('analytics API on %s', (kind) => {
  const clock = new ManualClock(Date.parse('2026-03-02T09:00:00Z'));
  let t: TestApp;
  let publicApp: FastifyInstance;
  let owner: Caller;
  let stranger: Caller;
  let workspaceId: string;
  let strangerWorkspaceId: string;
  let channelId: string;
  let objectiveId: string;
  let campaignId: string;
  const postIds: string[] = [];
  let engagedFollowers = 0;
  const base = () => `/api/v1/workspaces/${workspaceId}`;

  beforeAll(async () => {
    setInProcessSandbox(new SandboxNetwork({ now: () => clock.now(), seed: 7 }));
    t = await createTestApp(kind, { clock });
    // The public short-link routes live outside /api, as the runtime mounts them.
    publicApp = await buildApp(t.ctx, { extraPlugins: [(app) => registerShortLinkRoutes(app, t.ctx)] });
    owner = await createCaller(t, `owner-${kind}@example.com`);
    stranger = await createCaller(t, `stranger-${kind}@example.com`);
    workspaceId = (await owner.request('POST', '/api/v1/workspaces', { name: 'Café', timeZone: 'Europe/Madrid', language: 'es' })).json()
      .id;
    strangerWorkspaceId = (await stranger.request('POST', '/api/v1/workspaces', { name: 'Other', timeZone: 'UTC', language: 'en' })).json()
      .id;
    const ch = await owner.request('POST', `${base()}/channels`, {
      network: 'sandbox',
      name: 'Sandbox',
      fields: { handle: `cafe${kind}`, token: 'tok' },
    });
    expect(ch.statusCode, ch.body).toBe(201);
    channelId = ch.json().id;
  });
  afterAll(async () => {
    await publicApp?.close();
    await t?.close();
  });

  it('strategy CRUD: objectives, campaigns, segments, pillars; 400, 401 and 404', async () => {
    const objective = await owner.request('POST', `${base()}/objectives`, {
      name: 'Reach café lovers',
      kpi: 'engagements',
      target: 1_000_000,
      startAt: '2026-03-01T00:00:00Z',
      deadline: '2026-03-31T00:00:00Z',
      channelIds: [channelId],
    });
    expect(objective.statusCode, objective.body).toBe(201);
    objectiveId = objective.json().id;
    expect(objective.json().kpiLabel.es).toBe('Interacciones');
    const bad = await owner.request('POST', `${base()}/objectives`, {
      name: 'x',
      kpi: 'engagements',
      target: 1,
      startAt: '2026-03-05T00:00:00Z',
      deadline: '2026-03-01T00:00:00Z',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await owner.request('POST', `${base()}/objectives`, {
          name: 'x',
          kpi: 'likes',
          target: 1,
          startAt: '2026-03-01T00:00:00Z',
          deadline: '2026-03-02T00:00:00Z',
        })
      ).statusCode,
    ).toBe(400);
    const campaign = await owner.request('POST', `${base()}/campaigns`, { name: 'Primavera Café', objectiveId, budget: 100 });
    expect(campaign.statusCode, campaign.body).toBe(201);
    campaignId = campaign.json().id;
    expect(campaign.json().slug).toBe('Primavera Café');
    expect(
      (
        await owner.request('POST', `${base()}/segments`, {
          name: 'Students',
          networks: ['sandbox'],
          interests: ['coffee'],
          activeHours: [{ weekday: 1, fromHour: 8, toHour: 10 }],
        })
      ).statusCode,
    ).toBe(201);
    const pillar = await owner.request('POST', `${base()}/pillars`, { name: 'Recipes', color: '#ff0000' });
    expect(pillar.statusCode).toBe(201);
    const patched = await owner.request('PATCH', `${base()}/pillars/${pillar.json().id}`, { name: 'Recetas' });
    expect(patched.json().name).toBe('Recetas');
    expect((await owner.request('GET', `${base()}/campaigns`)).json().items).toHaveLength(1);
    expect((await t.app.inject({ method: 'GET', url: `${base()}/objectives` })).statusCode).toBe(401);
    expect((await stranger.request('GET', `${base()}/objectives/${objectiveId}`)).statusCode).toBe(404);
    expect((await stranger.request('GET', `/api/v1/workspaces/${strangerWorkspaceId}/objectives/${objectiveId}`)).statusCode).toBe(404);
    expect((await stranger.request('DELETE', `/api/v1/workspaces/${strangerWorkspaceId}/pillars/${pillar.json().id}`)).statusCode).toBe(
      404,
    );
    expect((await owner.request('DELETE', `${base()}/pillars/${pillar.json().id}`)).statusCode).toBe(204);
  });

  it('collects snapshots on the decaying schedule and followers daily', async () => {
    const adapter = t.ctx.networks.get('sandbox');
    const channel = await t.ctx.database.db.selectFrom('channels').selectAll().where('id', '=', channelId).executeTakeFirstOrThrow();
    const texts = ['Nuevo café de temporada ☕ ¿lo has probado?', 'Receta: latte de avena #cafe #receta', 'Horario de Semana Santa'];
    for (const text of texts) {
      const created = await owner.request('POST', `${base()}/posts`, {
        content: text,
        channels: [{ channelId }],
        campaignId,
        objectiveId,
        action: 'draft',
      });
      expect(created.statusCode, created.body).toBe(201);
      const publicationId = created.json().publications[0].id;
      postIds.push(created.json().id);
      const result = await adapter.publish(channelContext(t.ctx, channel), { publicationId, text, media: [] });
      await t.ctx.database.db
        .updateTable('publications')
        .set({ state: 'published', remote_id: result.remoteId, published_at: new Date(clock.now()) })
        .where('id', '=', publicationId)
        .execute();
      await t.ctx.database.db.updateTable('posts').set({ state: 'published' }).where('id', '=', created.json().id).execute();
    }
    // Nothing due yet: only discovery and today's followers.
    let pass = await collectDueMetrics(t.ctx);
    expect(pass).toMatchObject({ discovered: 3, snapshots: 0, followers: 1 });
    clock.advance(HOUR + 60_000);
    pass = await collectDueMetrics(t.ctx);
    expect(pass.snapshots).toBe(3);
    // Every step once: 6 h, 24 h, 3 d, 7 d, 30 d.
    for (const hours of [6, 24, 72, 168, 720]) {
      clock.set(Date.parse('2026-03-02T09:00:00Z') + hours * HOUR + 60_000);
      expect((await collectDueMetrics(t.ctx)).snapshots).toBe(3);
    }
    clock.advance(100 * 86_400_000);
    expect((await collectDueMetrics(t.ctx)).snapshots).toBe(0);
    const db = t.ctx.database.db;
    const snapshots = await db
      .selectFrom('post_metric_snapshots')
      .select(['step', 'likes', 'impressions'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('captured_at')
      .execute();
    expect(snapshots).toHaveLength(18);
    expect(snapshots.map((s) => s.step).slice(0, 3)).toEqual([0, 0, 0]);
    const latest = await db.selectFrom('publication_metrics').selectAll().where('workspace_id', '=', workspaceId).execute();
    expect(latest).toHaveLength(3);
    expect(latest.every((m) => m.engagements_24h !== null && m.followers_at_post! > 0)).toBe(true);
    const daily = await db.selectFrom('metric_daily').selectAll().where('workspace_id', '=', workspaceId).execute();
    // The rollup holds exactly the newest counts.
    expect(daily.reduce((s, d) => s + Number(d.posts), 0)).toBe(3);
    expect(daily.reduce((s, d) => s + Number(d.likes), 0)).toBe(latest.reduce((s, m) => s + (m.likes ?? 0), 0));
    expect(
      (await db.selectFrom('channel_follower_snapshots').selectAll().where('channel_id', '=', channelId).execute()).length,
    ).toBeGreaterThanOrEqual(5);

    // Engaging accounts were taken at the 24 h and 7 d steps, stored only as salted hashes.
    const fetches = await db.selectFrom('post_engager_fetches').selectAll().where('workspace_id', '=', workspaceId).execute();
    expect(fetches).toHaveLength(3);
    const stored = await db.selectFrom('post_engagers').selectAll().where('workspace_id', '=', workspaceId).execute();
    const publications = await db.selectFrom('publications').select(['id', 'remote_id']).where('workspace_id', '=', workspaceId).execute();
    // What the network says at the 7 d step, when they were last fetched.
    clock.set(Date.parse('2026-03-02T09:00:00Z') + 168 * HOUR + 60_000);
    const followerIds = new Set<string>();
    let followerEngagements = 0;
    for (const publication of publications) {
      const remote = await adapter.fetchEngagers!(channelContext(t.ctx, channel), publication.remote_id!);
      expect(stored.filter((e) => e.publication_id === publication.id)).toHaveLength(remote.accounts.length);
      expect(fetches.find((f) => f.publication_id === publication.id)?.accounts).toBe(remote.accounts.length);
      for (const account of remote.accounts.filter((a) => a.follower)) {
        followerIds.add(account.id);
        followerEngagements++;
        expect(stored.some((e) => e.account_hash.includes(account.id))).toBe(false);
      }
    }
    expect(stored.every((e) => /^[0-9a-f]{64}$/.test(e.account_hash))).toBe(true);
    const followerHashes = new Set(stored.filter((e) => e.is_follower).map((e) => e.account_hash));
    expect(followerHashes.size).toBe(followerIds.size);
    // The same fans engage with several posts: counted once.
    expect(followerIds.size).toBeGreaterThan(0);
    expect(followerIds.size).toBeLessThan(followerEngagements);
    engagedFollowers = followerIds.size;
    clock.set(Date.parse('2026-03-20T12:00:00Z'));
  });

  it('dashboards: overview with KPIs, reasons and the previous period; channel, campaign, objective, post; 401 and 404', async () => {
    const q = '?from=2026-03-01T00:00:00Z&to=2026-03-15T00:00:00Z';
    const overview = await owner.request('GET', `${base()}/analytics/overview${q}`);
    expect(overview.statusCode, overview.body).toBe(200);
    const body = overview.json();
    expect(body.current.totals.posts).toBe(3);
    const kpi = (name: string) => body.current.kpis.find((k: { name: string }) => k.name === name);
    expect(kpi('engagement_rate_by_impressions').value).toBeGreaterThan(0);
    expect(kpi('engagements').value).toBe(body.current.totals.engagements);
    expect(body.current.totals.followersEnd).toBeGreaterThan(0);
    expect(kpi('interested_followers').value).toBe(Math.round((engagedFollowers / body.current.totals.followersEnd) * 10_000) / 100);
    expect(kpi('interested_followers').reason).toBeNull();
    expect(body.previous.kpis.find((k: { name: string }) => k.name === 'interested_followers').reason).toBe('no_posts');
    expect(kpi('roi').reason).toBe('no_costs'); // a code the web app translates
    expect(body.previous.totals.posts).toBe(0);
    expect(body.posts.top.length).toBe(3);
    for (const path of [`channels/${channelId}`, `campaigns/${campaignId}`, `objectives/${objectiveId}`, `posts/${postIds[0]}`]) {
      const res = await owner.request('GET', `${base()}/analytics/${path}${path.startsWith('posts') ? '' : q}`);
      expect(res.statusCode, `${path} ${res.body}`).toBe(200);
      expect((await stranger.request('GET', `/api/v1/workspaces/${strangerWorkspaceId}/analytics/${path}`)).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: `${base()}/analytics/${path}` })).statusCode).toBe(401);
    }
    const campaign = (await owner.request('GET', `${base()}/analytics/campaigns/${campaignId}${q}`)).json();
    expect(campaign.current.totals.posts).toBe(3);
    const post = (await owner.request('GET', `${base()}/analytics/posts/${postIds[0]}`)).json();
    expect(post.publications[0].snapshots).toHaveLength(6);
    expect(post.publications[0].kpis.find((k: { name: string }) => k.name === 'engagement_rate_by_reach').value).toBeGreaterThan(0);
    expect((await stranger.request('GET', `${base()}/analytics/overview`)).statusCode).toBe(404);
  });

  it('saves and views per post: stored from the network’s own metrics, or the reason when a network does not report them', async () => {
    const before = (await owner.request('GET', `${base()}/analytics/posts/${postIds[0]}`)).json().publications[0];
    // The sandbox reports neither.
    expect(before.snapshots.at(-1)).toMatchObject({ saves: null, views: null });
    expect(before.missing).toMatchObject({ saves: 'not_provided_by_network', views: 'not_provided_by_network' });
    const publication = await t.ctx.database.db
      .selectFrom('publications')
      .select(['id', 'channel_id', 'post_id', 'published_at'])
      .where('post_id', '=', postIds[0]!)
      .executeTakeFirstOrThrow();
    const { recordSnapshot } = await import('./repository/snapshots.ts');
    const target = {
      publicationId: publication.id,
      workspaceId,
      postId: publication.post_id,
      channelId: publication.channel_id,
      network: 'sandbox',
      publishedAt: publication.published_at!,
      campaignId: null,
      objectiveId: null,
      segmentId: null,
      pillarId: null,
      hasMedia: false,
    };
    const counts = { likes: 1, replies: 0, reposts: 0, quotes: 0, impressions: 10, reach: 9, clicks: null, missing: {} };
    // Instagram answers `saved`; a later snapshot carries the newest counts.
    await t.ctx.database.db
      .transaction()
      .execute((tx) =>
        recordSnapshot(
          tx,
          target,
          { ...counts, networkMetrics: { saved: 12, views: 340 } },
          new Date(clock.now() + 365 * 24 * 3600_000),
          null,
        ),
      );
    const after = (await owner.request('GET', `${base()}/analytics/posts/${postIds[0]}`)).json().publications[0];
    expect(after.snapshots.at(-1)).toMatchObject({ saves: 12, views: 340 });
    expect(after.missing.saves).toBeUndefined();
    expect(after.missing.views).toBeUndefined();
    const newest = await t.ctx.database.db
      .selectFrom('publication_metrics')
      .select(['saves', 'views'])
      .where('publication_id', '=', publication.id)
      .executeTakeFirstOrThrow();
    expect(newest).toEqual({ saves: 12, views: 340 });
  });

  it('objective off track: forecast, evidence, suggestions, alert and event', async () => {
    const progress = (await owner.request('GET', `${base()}/analytics/objectives/${objectiveId}`)).json().progress;
    expect(progress.status).toBe('off_track');
    expect(progress.forecast.ewma).toBeLessThan(1_000_000);
    expect(progress.forecast.methodEs).toMatch(/El estado usa la EWMA/);
    expect(progress.suggestions.length).toBeGreaterThan(0);
    expect(progress.evidence.underperformingPosts.length).toBeGreaterThan(0);
    const evaluated = await owner.request('POST', `${base()}/analytics/evaluate`);
    expect(evaluated.json().items[0]).toMatchObject({ objectiveId, status: 'off_track', changed: true });
    const alerts = (await owner.request('GET', `${base()}/analytics/alerts`)).json().items;
    expect(alerts[0]).toMatchObject({ objectiveId, kind: 'off_track' });
    // Spanish text is stored next to the English one (in the data JSON) and returned as messageEs.
    expect(alerts[0].message).toMatch(/is off track/);
    expect(alerts[0].messageEs).toMatch(/se ha desviado: previsión .+ frente a un objetivo de/);
    const events = await t.ctx.database.db
      .selectFrom('events')
      .select('type')
      .where('workspace_id', '=', workspaceId)
      .where('type', '=', 'objective.off_track')
      .execute();
    expect(events).toHaveLength(1);
    // Re-evaluating without change does not alert again.
    expect((await owner.request('POST', `${base()}/analytics/evaluate`)).json().items[0].changed).toBe(false);
    expect((await stranger.request('POST', `${base()}/analytics/alerts/${alerts[0].id}/ack`)).statusCode).toBe(404);
    expect((await owner.request('POST', `${base()}/analytics/alerts/${alerts[0].id}/ack`)).statusCode).toBe(200);
  });

  it('tracked links: UTM, redirect with click logging (bots apart, unique visitors, no raw IP), QR', async () => {
    const created = await owner.request('POST', `${base()}/links`, { url: 'https://cafe.example/menu?x=1', postId: postIds[0], channelId });
    expect(created.statusCode, created.body).toBe(201);
    const link = created.json();
    const destination = new URL(link.destinationUrl);
    expect(Object.fromEntries(destination.searchParams)).toEqual({
      x: '1',
      utm_source: 'sandbox',
      utm_medium: 'social',
      utm_campaign: 'Primavera Café',
      utm_content: postIds[0],
    });
    expect(link.campaignId).toBe(campaignId);
    expect(link.objectiveId).toBe(objectiveId);
    const browser = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15';
    for (let i = 0; i < 3; i++) {
      const res = await publicApp.inject({
        method: 'GET',
        url: `/l/${link.code}`,
        headers: { 'user-agent': browser, referer: 'https://bsky.app/profile/x/post/1' },
        remoteAddress: '203.0.113.9',
      });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe(link.destinationUrl);
    }
    await publicApp.inject({ method: 'GET', url: `/l/${link.code}`, headers: { 'user-agent': browser }, remoteAddress: '198.51.100.7' });
    await publicApp.inject({
      method: 'GET',
      url: `/l/${link.code}`,
      headers: { 'user-agent': 'Mozilla/5.0 (compatible; Bluesky Cardyb/1.1)' },
      remoteAddress: '198.51.100.8',
    });
    expect((await publicApp.inject({ method: 'GET', url: '/l/nothere1' })).statusCode).toBe(404);
    const stats = (await owner.request('GET', `${base()}/links/${link.id}`)).json();
    expect(stats.clicks).toEqual({ total: 5, human: 4, bots: 1, uniqueVisitors: 2 });
    expect(stats.referrers).toContainEqual({ host: 'bsky.app', clicks: 3 });
    const stored = await t.ctx.database.db.selectFrom('link_clicks').selectAll().where('link_id', '=', link.id).execute();
    expect(JSON.stringify(stored)).not.toContain('203.0.113.9');
    const qr = await owner.request('GET', `${base()}/links/${link.id}/qr`);
    expect(qr.headers['content-type']).toBe('image/png');
    expect(qr.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect((await owner.request('GET', `${base()}/links/${link.id}/qr?format=svg`)).body).toContain('<svg');
    expect((await stranger.request('GET', `${base()}/links/${link.id}`)).statusCode).toBe(404);
    expect((await stranger.request('GET', `/api/v1/workspaces/${strangerWorkspaceId}/links/${link.id}/qr`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `${base()}/links` })).statusCode).toBe(401);
  });

  it('conversions by webhook and pixel, costs, CPL and ROI', async () => {
    const link = (await owner.request('GET', `${base()}/links`)).json().items[0];
    const settings = (await owner.request('GET', `${base()}/conversion-settings`)).json();
    expect(settings.secret).toMatch(/^cvs_/);
    const url = `${base()}/conversions/webhook`;
    const payload = { code: link.code, kind: 'lead', value: 120, externalId: 'order-1' };
    expect((await t.app.inject({ method: 'POST', url, payload })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url, payload, headers: { 'x-plaza-conversion-key': 'cvs_wrong' } })).statusCode).toBe(401);
    const ok = await t.app.inject({ method: 'POST', url, payload, headers: { 'x-plaza-conversion-key': settings.secret } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ duplicate: false, linkId: link.id, postId: postIds[0], campaignId, objectiveId, value: 120 });
    const again = await t.app.inject({ method: 'POST', url, payload, headers: { 'x-plaza-conversion-key': settings.secret } });
    expect(again.json().duplicate).toBe(true);
    const pixelPath = new URL(settings.pixelUrl).pathname;
    const pixel = await publicApp.inject({ method: 'GET', url: `${pixelPath}?code=${link.code}&kind=lead&value=80&id=order-2` });
    expect(pixel.headers['content-type']).toBe('image/gif');
    expect((await owner.request('GET', `${base()}/conversions`)).json().items).toHaveLength(2);
    expect(
      (await owner.request('POST', `${base()}/costs`, { amount: 50, campaignId, channelId, incurredOn: '2026-03-10' })).statusCode,
    ).toBe(201);
    expect(
      (await owner.request('POST', `${base()}/costs`, { amount: 50, campaignId: strangerWorkspaceId, incurredOn: '2026-03-10' }))
        .statusCode,
    ).toBe(422);
    const roi = (await owner.request('GET', `${base()}/roi?by=campaign&from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z`)).json();
    const row = roi.items.find((r: { campaignId: string }) => r.campaignId === campaignId);
    // 2 leads worth 200 for a cost of 50: CPL 25, ROI (200 − 50) / 50 × 100 = 300 %.
    expect(row).toMatchObject({ leads: 2, value: 200, cost: 50, cpl: 25, roi: 300 });
    expect(roi.formulasEs).toEqual({ cpl: 'coste / leads', roi: '(valor − coste) / coste × 100' });
    expect((await stranger.request('GET', `${base()}/roi`)).statusCode).toBe(404);
    expect((await stranger.request('GET', `${base()}/conversion-settings`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `${base()}/costs` })).statusCode).toBe(401);
  });

  it('best time, suggest a time and channel fit', async () => {
    const grid = (await owner.request('GET', `${base()}/analytics/best-time?minSample=1`)).json();
    expect(grid.cells).toHaveLength(168);
    expect(grid.samples).toBe(3);
    expect(grid.timeZone).toBe('Europe/Madrid');
    expect(grid.methodEs).toMatch(/^Tasa de interacción por seguidores/);
    // Posted Monday 10:00 Madrid time.
    expect(grid.cells.find((c: { weekday: number; hour: number }) => c.weekday === 1 && c.hour === 10).posts).toBe(3);
    // Three posts in that cell meet the minimum sample: the next Monday 10:00 in Madrid (09:00 UTC).
    const suggested = (await owner.request('GET', `${base()}/analytics/suggest-time`)).json();
    expect(suggested.suggestion).toBe('2026-03-23T09:00:00.000Z');
    const strict = (
      await owner.request('GET', `${base()}/analytics/suggest-time?channelId=${channelId}&after=2026-03-20T12:00:00Z`)
    ).json();
    expect(strict.cell).toMatchObject({ weekday: 1, hour: 10, posts: 3 });
    expect(strict).toMatchObject({ reason: null, reasonCode: null });
    // A brand with no measured posts: no suggestion, and why as a code + params (the web app and the CLI word it).
    const none = (await stranger.request('GET', `/api/v1/workspaces/${strangerWorkspaceId}/analytics/suggest-time`)).json();
    expect(none).toMatchObject({ suggestion: null, reasonCode: 'not_enough_posts', reasonParams: { minSample: 3 } });
    expect(none.reason).toMatch(/^Not enough posts yet/);
    const fit = (await owner.request('GET', `${base()}/analytics/channel-fit?objectiveId=${objectiveId}&days=60`)).json();
    expect(fit.networks[0]).toMatchObject({ rank: 1, network: 'sandbox', posts: 3, enoughData: false });
    expect((await stranger.request('GET', `${base()}/analytics/best-time`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `${base()}/analytics/channel-fit` })).statusCode).toBe(401);
  });

  it('reports: PDF and CSV in both languages; 401 and 404', async () => {
    const q = 'from=2026-03-01T00:00:00Z&to=2026-03-15T00:00:00Z';
    const pdf = await owner.request('GET', `${base()}/analytics/report?format=pdf&language=es&${q}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const csv = await owner.request('GET', `${base()}/analytics/report?format=csv&language=es&${q}`);
    expect(csv.body).toContain('Tasa de interacción (por impresiones)');
    const csvEn = await owner.request('GET', `${base()}/analytics/report?format=csv&language=en&campaignId=${campaignId}&${q}`);
    expect(csvEn.body).toContain('Engagement rate (by impressions)');
    // Without a language: the workspace's (Spanish), KPI n/a reasons included — never the English ones.
    const csvDefault = (await owner.request('GET', `${base()}/analytics/report?format=csv&${q}`)).body;
    expect(Object.values(KPI_REASON_TEXT_ES).some((text) => csvDefault.includes(text))).toBe(true);
    expect(Object.values(KPI_REASON_TEXT).filter((text) => csvDefault.includes(text))).toEqual([]);
    expect(Object.values(KPI_REASON_TEXT).some((text) => csvEn.body.includes(text))).toBe(true);
    expect((await stranger.request('GET', `${base()}/analytics/report`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `${base()}/analytics/report` })).statusCode).toBe(401);
  });

  it('records an engager fetch failure as a collection error, keeps the snapshot and the stored engagers', async () => {
    const sandbox = t.ctx.networks.get('sandbox');
    const db = t.ctx.database.db;
    const before = await db
      .selectFrom('post_engagers')
      .select(sql<number>`count(*)`.as('n'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    // The sandbox as it would be behind a network answering 429 to the engagers listing only.
    t.ctx.networks.register({
      ...sandbox,
      fetchEngagers: async () => {
        throw new NetworkError('rate_limited', 'rate_limited', 'Too many requests', { retryAfterMs: 30_000 });
      },
    });
    try {
      const progress = await backfillMetrics(t.ctx, workspaceId);
      expect(progress).toMatchObject({ total: 3, done: 3, failed: 0, finished: true });
    } finally {
      t.ctx.networks.register(sandbox);
    }
    const errors = await db
      .selectFrom('metric_collection_errors')
      .select(['code', 'message'])
      .where('workspace_id', '=', workspaceId)
      .where('code', '=', 'engagers_rate_limited')
      .execute();
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors[0]!.message).toMatch(/^Engaging accounts: Too many requests/);
    const after = await db
      .selectFrom('post_engagers')
      .select(sql<number>`count(*)`.as('n'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
