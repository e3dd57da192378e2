import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createCaller, createTestApp, ManualClock, type Caller, type TestApp } from '../../../test/helpers/app.ts';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { ingestBatch, WorkspacePipelines } from './ingest.ts';
import { checkReputationAlerts, REPUTATION_ALERT_EVENT } from './alerts.ts';
import { emailPendingAlerts, MAX_EMAIL_ATTEMPTS } from './alert-email.ts';
import { readableMessage, startSmtpCatcher } from '../../../test/helpers/smtp.ts';
import type { SourceItem } from './sources/types.ts';

const NOW = Date.parse('2026-03-10T12:00:00Z');

describe.each(DB_KINDS)('listening API on %s', (kind) => {
  let t: TestApp;
  let owner: Caller;
  let stranger: Caller;
  let ws = '';
  let otherWs = '';
  const clock = new ManualClock(NOW);
  const api = (path: string) => `/api/v1/workspaces/${ws}/listening${path}`;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    owner = await createCaller(t, `owner-${kind}@example.com`);
    stranger = await createCaller(t, `stranger-${kind}@example.com`);
    ws = (await owner.request('POST', '/api/v1/workspaces', { name: 'Acme', timeZone: 'Europe/Madrid', language: 'es' })).json().id;
    otherWs = (await stranger.request('POST', '/api/v1/workspaces', { name: 'Other', timeZone: 'UTC', language: 'en' })).json().id;
  }, 60_000);
  afterAll(async () => t?.close());

  it('saves brand, competitor and topic queries; refuses bad ones with position and expected in both languages', async () => {
    const brand = await owner.request('POST', api('/queries'), { name: 'Acme', query: 'acme OR @acme OR #acme', kind: 'brand' });
    expect(brand.statusCode).toBe(201);
    ids.brand = brand.json().id;
    const competitor = await owner.request('POST', api('/queries'), {
      name: 'Beta',
      query: 'betacorp',
      kind: 'competitor',
      competitorName: 'BetaCorp',
    });
    expect(competitor.json()).toMatchObject({ kind: 'competitor', competitorName: 'BetaCorp' });
    ids.competitor = competitor.json().id;
    ids.topic = (
      await owner.request('POST', api('/queries'), { name: 'Café', query: '"café de especialidad" OR cafe NEAR/2 precio', kind: 'topic' })
    ).json().id;

    const bad = await owner.request('POST', api('/queries'), { name: 'Broken', query: '(acme OR beta', kind: 'brand' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_query');
    expect(bad.json().error.details).toMatchObject({ position: 13, expected: expect.stringContaining(')') });
    expect(bad.json().error.details).toMatchObject({ reason: 'unexpected_end', params: { expected: 'closing_paren' } });
    expect(bad.json().error.details.messageEs).toBeUndefined();
    const noName = await owner.request('POST', api('/queries'), { name: 'X', query: 'gamma', kind: 'competitor' });
    expect(noName.statusCode).toBe(400);

    const patched = await owner.request('PATCH', api(`/queries/${ids.topic}`), { query: 'market*' });
    expect(patched.statusCode).toBe(400);
    const list = await owner.request('GET', api('/queries'));
    expect(list.json().items.map((q: { name: string }) => q.name)).toEqual(['Acme', 'Beta', 'Café']);
  });

  it('imports a CSV all-or-nothing with per-row errors, then matches, scores and de-duplicates', async () => {
    const badCsv = 'text,date,url\nAcme es genial,2026-03-10T10:00:00Z,https://x.example/1\n,2026-03-10T10:00:00Z,\nOtro,not a date,\n';
    const refused = await owner.request('POST', api('/import'), { csv: badCsv });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.rows.map((r: { row: number }) => r.row)).toEqual([2, 3]);
    expect((await owner.request('GET', api('/mentions'))).json().items).toHaveLength(0);

    const csv = [
      'id,text,author,network,date,url,reach',
      'a1,"Me encanta Acme, el mejor servicio",ana,bluesky,2026-03-10T10:00:00Z,https://bsky.app/profile/ana/post/1,1500',
      'a2,Acme es un desastre: pésima atención,luis,mastodon,2026-03-10T10:05:00Z,https://m.example/@luis/2,300',
      'a3,BetaCorp launches a great new phone,kate,bluesky,2026-03-10T10:10:00Z,,90000',
      'a4,Hoy llueve en Madrid,pepe,rss,2026-03-10T10:20:00Z,,',
    ].join('\n');
    const imported = await owner.request('POST', api('/import'), { csv });
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({ rows: 4, stored: 4, matched: 3 });
    const again = await owner.request('POST', api('/import'), { csv });
    expect(again.json()).toMatchObject({ stored: 0, duplicates: 4 });
  });

  it('lists mentions with filters and the original link; corrections are stored and shown', async () => {
    const all = (await owner.request('GET', api('/mentions'))).json().items;
    expect(all).toHaveLength(4);
    const acme = (await owner.request('GET', api(`/mentions?queryId=${ids.brand}`))).json().items;
    expect(acme.map((m: { author: { handle: string } }) => m.author.handle).sort()).toEqual(['ana', 'luis']);
    const negative = (await owner.request('GET', api('/mentions?sentiment=negative'))).json().items;
    expect(negative.map((m: { remoteId: string }) => m.remoteId)).toEqual(['a2']);
    const english = (await owner.request('GET', api('/mentions?lang=en'))).json().items;
    expect(english.map((m: { remoteId: string }) => m.remoteId)).toEqual(['a3']);
    const bluesky = (await owner.request('GET', api('/mentions?network=bluesky&from=2026-03-10T10:01:00Z'))).json().items;
    expect(bluesky.map((m: { remoteId: string }) => m.remoteId)).toEqual(['a3']);
    const page = (await owner.request('GET', api('/mentions?limit=3'))).json();
    expect(page.items).toHaveLength(3);
    const rest = (await owner.request('GET', api(`/mentions?limit=3&cursor=${page.nextCursor}`))).json();
    expect(rest.items.map((m: { remoteId: string }) => m.remoteId)).toEqual(['a1']);
    expect(rest.items[0].url).toBe('https://bsky.app/profile/ana/post/1');

    const rain = all.find((m: { remoteId: string }) => m.remoteId === 'a4');
    const corrected = await owner.request('POST', api(`/mentions/${rain.id}/sentiment`), { label: 'negative' });
    expect(corrected.json()).toMatchObject({ sentiment: 'negative', autoSentiment: rain.sentiment, corrected: true });
    const detail = (await owner.request('GET', api(`/mentions/${rain.id}`))).json();
    expect(detail.corrections).toEqual([expect.objectContaining({ from: rain.sentiment, to: 'negative' })]);
    ids.rain = rain.id;
  });

  it('exports the filtered mentions as CSV, in the brand zone, with formula-looking cells defused', async () => {
    const risky =
      'id,text,author,network,date\nx1,"=HYPERLINK(""http://evil.example"",""Acme"") acme gratis",mallory,bluesky,2026-03-10T09:00:00Z\n';
    expect((await owner.request('POST', api('/import'), { csv: risky })).statusCode).toBe(201);
    const response = await owner.request('GET', api('/mentions/export'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="plaza-mentions-2026-03-10\.csv"/);
    const { parse } = await import('csv-parse/sync');
    const rows = parse(response.body.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.published_at_utc)).toEqual([
      '2026-03-10T10:20:00.000Z',
      '2026-03-10T10:10:00.000Z',
      '2026-03-10T10:05:00.000Z',
      '2026-03-10T10:00:00.000Z',
      '2026-03-10T09:00:00.000Z',
    ]);
    // Europe/Madrid is UTC+1 in March (before the switch to summer time).
    expect(rows[0].published_at_local).toBe('2026-03-10T11:20:00+01:00');
    const rain = rows.find((r) => r.id === ids.rain)!;
    expect(rain).toMatchObject({ sentiment: 'negative', corrected: 'yes', network: 'rss' });
    const evil = rows.find((r) => r.published_at_utc.startsWith('2026-03-10T09'))!;
    expect(evil.text.startsWith("'=HYPERLINK")).toBe(true);
    expect(evil.queries).toBe('Acme');
    const filtered = await owner.request('GET', api(`/mentions/export?sentiment=negative&queryId=${ids.brand}`));
    const negative = parse(filtered.body.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    expect(negative.map((r) => r.author_handle)).toEqual(['luis']);
    expect((await owner.request('GET', api('/mentions/export?sentiment=angry'))).statusCode).toBe(400);
    const backwards = await owner.request('GET', api('/mentions/export?from=2026-03-11T00:00:00Z&to=2026-03-10T00:00:00Z'));
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.message).toContain('"from" must be before "to"');
    expect((await stranger.request('GET', api('/mentions/export'))).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: api('/mentions/export') })).statusCode).toBe(401);
    await t.ctx.database.db.deleteFrom('listening_mentions').where('remote_id', '=', 'x1').execute();
  });

  it('tests saved and unsaved queries against stored mentions at once', async () => {
    const unsaved = await owner.request('POST', api('/queries/test'), { query: 'acme -desastre' });
    expect(unsaved.statusCode).toBe(200);
    expect(unsaved.json()).toMatchObject({ scanned: 4, matched: 1 });
    expect(unsaved.json().items[0].remoteId).toBe('a1');
    const saved = await owner.request('POST', api(`/queries/${ids.competitor}/test`), {});
    expect(saved.json().items.map((m: { remoteId: string }) => m.remoteId)).toEqual(['a3']);
    const langOnly = await owner.request('POST', api('/queries/test'), { query: 'acme lang:en' });
    expect(langOnly.json().matched).toBe(0);
    const bad = await owner.request('POST', api('/queries/test'), { query: 'acme NEAR/20 beta' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.position).toBeGreaterThan(0);
  });

  it('analyses volume, share of voice, net sentiment, authors and terms', async () => {
    const range = 'from=2026-03-10T00:00:00Z&to=2026-03-11T00:00:00Z';
    const volume = (await owner.request('GET', api(`/analysis/volume?${range}&interval=hour`))).json();
    const brandSeries = volume.series.find((s: { queryId: string }) => s.queryId === ids.brand);
    // 10:00 and 10:05 UTC are 11:00 in Madrid: one hourly bucket with both.
    expect(brandSeries.points).toEqual([{ at: '2026-03-10T10:00:00.000Z', count: 2 }]);
    const sov = (await owner.request('GET', api(`/analysis/share-of-voice?${range}`))).json();
    // One decimal, the rounding the analytics dashboards use too (analytics/mention-kpis.ts).
    expect(sov.brand).toEqual({ mentions: 2, share: 66.7 });
    expect(sov.competitors).toEqual([{ name: 'BetaCorp', mentions: 1, share: 33.3 }]);
    const sentiment = (await owner.request('GET', api(`/analysis/sentiment?${range}`))).json();
    expect(sentiment.total).toBe(4);
    expect(sentiment.netSentiment).toBeCloseTo(((sentiment.counts.positive - sentiment.counts.negative) / 4) * 100);
    expect(sentiment.formula).toMatch(/neutral/);
    const authors = (await owner.request('GET', api(`/analysis/authors?${range}`))).json().items;
    expect(authors.find((a: { handle: string }) => a.handle === 'kate')).toMatchObject({ reach: 90000, mentions: 1, network: 'bluesky' });
    const terms = (await owner.request('GET', api(`/analysis/terms?${range}&queryId=${ids.brand}`))).json();
    expect(terms.terms[0]).toEqual({ term: 'acme', count: 2 });
  });

  it('raises a reputation alert once when negative mentions spike, with the mentions, as an event', async () => {
    const pipelines = new WorkspacePipelines(t.ctx);
    const windowMs = 15 * 60_000;
    const start = NOW - 49 * windowMs;
    const items: SourceItem[] = [];
    // Background: 1–2 negative mentions per window for 48 windows, then 14 in the last one.
    for (let w = 0; w < 49; w++) {
      const count = w === 48 ? 14 : 1 + (w % 2);
      for (let i = 0; i < count; i++)
        items.push({
          remoteId: `neg-${w}-${i}`,
          text: `Acme es horrible y pésimo, qué desastre ${w} ${i} ${'x'.repeat(i)}`,
          network: 'bluesky',
          authorHandle: `u${w}_${i}`,
          publishedAt: new Date(start + w * windowMs + i * 1000),
        });
    }
    await ingestBatch(t.ctx, pipelines, { workspaceId: ws, sourceId: null, sourceKey: 'test', items, storeUnmatched: true });
    clock.set(NOW + 1000);
    const alerts = await checkReputationAlerts(t.ctx, ws, { windowMs, history: 48 });
    expect(alerts.map((a) => a.scope).sort()).toEqual([`query:${ids.brand}`, 'workspace'].sort());
    expect(alerts[0].count).toBe(14);
    expect(alerts[0].mentionIds).toHaveLength(14);
    expect(await checkReputationAlerts(t.ctx, ws, { windowMs, history: 48 })).toEqual([]);
    const listed = (await owner.request('GET', api('/alerts'))).json().items;
    expect(listed).toHaveLength(2);
    const events = await t.ctx.database.db
      .selectFrom('events')
      .selectAll()
      .where('type', '=', REPUTATION_ALERT_EVENT)
      .where('workspace_id', '=', ws)
      .execute();
    expect(events).toHaveLength(2);
    expect((events[0].data as { mentionIds: string[] }).mentionIds).toHaveLength(14);
    const ack = await owner.request('POST', api(`/alerts/${listed[0].id}/acknowledge`));
    expect(ack.json().acknowledgedAt).not.toBeNull();
    clock.set(NOW);
  });

  it('lets managers tune alert sensitivity (validated, audited), and the check follows it', async () => {
    expect((await owner.request('GET', api('/alert-settings'))).json()).toEqual({
      enabled: true,
      windowMinutes: 15,
      historyWindows: 48,
      threshold: 4,
      minCount: 5,
      notifyEmails: [],
      updatedAt: null,
    });
    const bad = await owner.request('PUT', api('/alert-settings'), { threshold: 0.2, windowMinutes: 2 });
    expect(bad.statusCode).toBe(400);
    expect((await owner.request('PUT', api('/alert-settings'), { sound: true })).statusCode).toBe(400);
    const tooLong = await owner.request('PUT', api('/alert-settings'), { windowMinutes: 1440, historyWindows: 100 });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.message).toContain('90 days');
    const raised = await owner.request('PUT', api('/alert-settings'), { minCount: 20 });
    expect(raised.statusCode).toBe(200);
    expect(raised.json()).toMatchObject({ enabled: true, minCount: 20, threshold: 4, updatedAt: expect.any(String) });
    // The spike above had 14 negative mentions: with at least 20 required, the same data raises nothing.
    clock.set(NOW + 1000);
    await t.ctx.database.db.deleteFrom('listening_alerts').where('workspace_id', '=', ws).execute();
    expect(await checkReputationAlerts(t.ctx, ws)).toEqual([]);
    await owner.request('PUT', api('/alert-settings'), { minCount: 5, enabled: false });
    expect(await checkReputationAlerts(t.ctx, ws)).toEqual([]);
    await owner.request('PUT', api('/alert-settings'), { enabled: true });
    expect((await checkReputationAlerts(t.ctx, ws)).map((a) => a.count)).toEqual([14, 14]);
    clock.set(NOW);
    const events = await t.ctx.database.db
      .selectFrom('events')
      .select(['data'])
      .where('type', '=', 'listening.alert_settings_changed')
      .where('workspace_id', '=', ws)
      .orderBy('created_at')
      .execute();
    expect(events.map((e) => e.data)).toEqual([
      { changed: { minCount: { from: 5, to: 20 } } },
      { changed: { minCount: { from: 20, to: 5 }, enabled: { from: true, to: false } } },
      { changed: { enabled: { from: false, to: true } } },
    ]);
  });

  it('e-mails each new alert once to the notify list, in the brand’s language and zone; a failing server is retried, then given up', async () => {
    const smtp = await startSmtpCatcher();
    const db = t.ctx.database.db;
    // The catcher listens on loopback: the admin switch PLAZA_ALLOW_PRIVATE_URLS, on.
    (t.ctx.config as { allowPrivateUrls: boolean }).allowPrivateUrls = true;
    try {
      // The SMTP server is the workspace's report settings.
      await owner.request('PUT', `/api/v1/workspaces/${ws}/analytics/settings`, {
        smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'plaza@example.com', ignoreTls: true },
      });
      const saved = await owner.request('PUT', api('/alert-settings'), {
        notifyEmails: ['Crisis@Acme.example', 'crisis@acme.example', 'pr@acme.example'],
      });
      expect(saved.json().notifyEmails).toEqual(['crisis@acme.example', 'pr@acme.example']);
      expect((await owner.request('PUT', api('/alert-settings'), { notifyEmails: ['not-an-address'] })).statusCode).toBe(400);
      expect(
        (await owner.request('PUT', api('/alert-settings'), { notifyEmails: Array.from({ length: 11 }, (_, i) => `p${i}@acme.example`) }))
          .statusCode,
      ).toBe(400);

      clock.set(NOW + 1000);
      await db.deleteFrom('listening_alerts').where('workspace_id', '=', ws).execute();
      expect(await checkReputationAlerts(t.ctx, ws)).toHaveLength(2);
      expect(await emailPendingAlerts(t.ctx, ws)).toBe(2);
      expect(await emailPendingAlerts(t.ctx, ws)).toBe(0); // once per alert
      expect(smtp.messages).toHaveLength(2);
      expect(smtp.messages[0].to.sort()).toEqual(['crisis@acme.example', 'pr@acme.example']);
      const messages = smtp.messages.map((m) => readableMessage(m.raw));
      // The workspace speaks Spanish and lives in Europe/Madrid (UTC+1 in March): 11:45–12:00 UTC is 12:45–13:00 CET.
      expect(messages.join('\n')).toContain('Alerta de reputación: 14 menciones negativas (Acme)');
      expect(messages.join('\n')).toContain(
        '14 menciones negativas (todas las menciones) entre 10 mar 2026 12:45 CET – 10 mar 2026 13:00 CET, frente a 1,5 habituales.',
      );
      expect(messages.join('\n')).toMatch(/Acme es horrible y pésimo/);
      const listed = (await owner.request('GET', api('/alerts'))).json().items;
      expect(listed.every((a: { emailedAt: string | null }) => a.emailedAt !== null)).toBe(true);

      // The server goes away: the next alert records the error and is retried, at most MAX_EMAIL_ATTEMPTS times.
      await smtp.close();
      await db.deleteFrom('listening_alerts').where('workspace_id', '=', ws).execute();
      expect(await checkReputationAlerts(t.ctx, ws)).toHaveLength(2);
      for (let attempt = 0; attempt < MAX_EMAIL_ATTEMPTS + 2; attempt++) expect(await emailPendingAlerts(t.ctx, ws)).toBe(0);
      const failed = await db
        .selectFrom('listening_alerts')
        .select(['email_attempts', 'email_error', 'emailed_at'])
        .where('workspace_id', '=', ws)
        .execute();
      expect(failed.map((a) => a.email_attempts)).toEqual([MAX_EMAIL_ATTEMPTS, MAX_EMAIL_ATTEMPTS]);
      // Generic: no host, port or errno (details only in the server log).
      expect(failed[0].email_error).toBe('Could not reach the SMTP server; check its host and port');
      expect(failed[0].emailed_at).toBeNull();
    } finally {
      (t.ctx.config as { allowPrivateUrls: boolean }).allowPrivateUrls = false;
      await smtp.close().catch(() => undefined);
      await owner.request('PUT', api('/alert-settings'), { notifyEmails: [] });
      clock.set(NOW);
    }
  });

  it('manages sources and shows their lag; refuses a channel from another workspace', async () => {
    const created = await owner.request('POST', api('/sources'), {
      kind: 'rss',
      name: 'Blog',
      config: { url: 'https://blog.example.com/feed.xml', intervalMinutes: 30 },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'rss', status: 'idle', lagMs: null, queueDepth: 0, itemsIngested: 0 });
    const masto = await owner.request('POST', api('/sources'), {
      kind: 'mastodon',
      name: 'Tag',
      config: { instanceUrl: 'https://mastodon.example', mode: 'stream', timeline: 'hashtag', hashtag: 'acme', accessToken: 'secret' },
    });
    expect(masto.json().config.accessToken).toBe('••••');
    const badMasto = await owner.request('POST', api('/sources'), {
      kind: 'mastodon',
      name: 'Search',
      config: { instanceUrl: 'https://mastodon.example', mode: 'search' },
    });
    expect(badMasto.statusCode).toBe(400);
    const foreignChannel = await owner.request('POST', api('/sources'), {
      kind: 'channel_mentions',
      name: 'X',
      config: { channelId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(foreignChannel.statusCode).toBe(404);
    expect(foreignChannel.json().error.code).toBe('listening_channel_unknown');
    const paused = await owner.request('PATCH', api(`/sources/${created.json().id}`), { active: false });
    expect(paused.json()).toMatchObject({ active: false, status: 'paused' });
    expect((await owner.request('GET', api('/sources'))).json().items).toHaveLength(2);
    ids.source = created.json().id;
  });

  it('edits a source’s settings: validated like create, token re-sealed and hidden, cursor reset on a new target, audited', async () => {
    const masto = await owner.request('POST', api('/sources'), {
      kind: 'mastodon',
      name: 'Edit me',
      config: {
        instanceUrl: 'https://mastodon.example',
        mode: 'stream',
        timeline: 'hashtag',
        hashtag: 'acme',
        accessToken: 'first-secret',
      },
    });
    const id = masto.json().id;
    const stored = async () => t.ctx.database.db.selectFrom('listening_sources').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await t.ctx.database.db
      .updateTable('listening_sources')
      .set({ cursor: JSON.stringify({ lastId: '109' }) })
      .where('id', '=', id)
      .execute();
    const firstSealed = (await stored()).config.accessTokenSealed;

    // Only the polling interval: the same stream, so the cursor and the sealed token stay.
    const interval = await owner.request('PATCH', api(`/sources/${id}`), { config: { intervalMinutes: 10 } });
    expect(interval.statusCode).toBe(200);
    expect(interval.json()).toMatchObject({
      cursor: { lastId: '109' },
      config: { intervalMinutes: 10, hashtag: 'acme', accessToken: '••••' },
    });
    expect((await stored()).config.accessTokenSealed).toBe(firstSealed);

    // A new hashtag and token: another stream, so the cursor is reset; the token is sealed again, never shown.
    const retarget = await owner.request('PATCH', api(`/sources/${id}`), { config: { hashtag: 'acmecorp', accessToken: 'second-secret' } });
    expect(retarget.statusCode).toBe(200);
    expect(retarget.json()).toMatchObject({ cursor: null, config: { hashtag: 'acmecorp', accessToken: '••••' } });
    expect(JSON.stringify(retarget.json())).not.toContain('second-secret');
    const sealed = (await stored()).config.accessTokenSealed as string;
    expect(sealed).not.toBe(firstSealed);
    expect(t.ctx.secrets.open(sealed)).toBe('second-secret');

    // Same rules as create.
    const noHashtag = await owner.request('PATCH', api(`/sources/${id}`), { config: { hashtag: null } });
    expect(noHashtag.statusCode).toBe(400);
    expect((await owner.request('PATCH', api(`/sources/${id}`), { config: { mode: 'search' } })).statusCode).toBe(400);
    expect((await owner.request('PATCH', api(`/sources/${id}`), { config: { surprise: true } })).statusCode).toBe(400);
    expect((await owner.request('PATCH', api(`/sources/${id}`), { config: { instanceUrl: 'ftp://mastodon.example' } })).statusCode).toBe(
      400,
    );
    const loopback = await owner.request('PATCH', api(`/sources/${id}`), { config: { instanceUrl: 'http://127.0.0.1:8080' } });
    expect(loopback.statusCode).toBe(400);
    expect(loopback.json().error.details).toMatchObject({ field: 'config.instanceUrl' });
    const feed = await owner.request('POST', api('/sources'), {
      kind: 'rss',
      name: 'Intranet',
      config: { url: 'http://localhost/feed.xml' },
    });
    expect(feed.statusCode).toBe(400);
    const firehose = await owner.request('POST', api('/sources'), {
      kind: 'bluesky_firehose',
      name: 'Firehose',
      config: { serviceUrl: 'wss://bsky.network' },
    });
    expect(firehose.statusCode).toBe(201);
    expect(
      (await owner.request('PATCH', api(`/sources/${firehose.json().id}`), { config: { serviceUrl: 'ws://[::1]:2583' } })).statusCode,
    ).toBe(400);
    (t.ctx.config as { allowPrivateUrls: boolean }).allowPrivateUrls = true;
    const allowed = await owner.request('PATCH', api(`/sources/${firehose.json().id}`), { config: { serviceUrl: 'ws://127.0.0.1:2583' } });
    (t.ctx.config as { allowPrivateUrls: boolean }).allowPrivateUrls = false;
    expect(allowed.json()).toMatchObject({ config: { serviceUrl: 'ws://127.0.0.1:2583' }, cursor: null });
    expect((await stored()).config).toMatchObject({ hashtag: 'acmecorp', intervalMinutes: 10 });

    const events = await t.ctx.database.db
      .selectFrom('events')
      .select(['data'])
      .where('type', '=', 'listening.source_updated')
      .where('subject_id', '=', id)
      .execute();
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.data)).toEqual(
      expect.arrayContaining([
        { changed: ['intervalMinutes'], cursorReset: false },
        { changed: ['accessToken', 'hashtag'], cursorReset: true },
      ]),
    );
    expect(JSON.stringify(events)).not.toContain('second-secret');
  });

  it('lets editors write queries and labels but only owners and managers manage sources', async () => {
    const editor = await createCaller(t, `editor-${kind}@example.com`);
    await addMember(t, owner, ws, { email: `editor-${kind}@example.com`, role: 'editor' });
    const query = await editor.request('POST', api('/queries'), { name: 'Editor', query: 'editorial', kind: 'topic' });
    expect(query.statusCode).toBe(201);
    expect((await editor.request('POST', api(`/mentions/${ids.rain}/sentiment`), { label: 'negative' })).statusCode).toBe(200);
    expect(
      (await editor.request('POST', api('/sources'), { kind: 'rss', name: 'No', config: { url: 'https://blog.example.com/x.xml' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await editor.request('PATCH', api(`/sources/${ids.source}`), { config: { url: 'https://blog.example.com/y.xml' } })).statusCode,
    ).toBe(403);
    expect((await editor.request('DELETE', api(`/queries/${query.json().id}`))).statusCode).toBe(204);
    expect((await editor.request('GET', api('/alert-settings'))).statusCode).toBe(200);
    expect((await editor.request('PUT', api('/alert-settings'), { enabled: false })).statusCode).toBe(403);
  });

  it('needs sign-in (401) and hides another workspace’s objects (404)', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: api('/queries') });
    expect(anonymous.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: api('/queries/test'), payload: { query: 'acme' } })).statusCode).toBe(401);
    expect((await stranger.request('GET', api('/mentions'))).statusCode).toBe(404);
    expect((await stranger.request('GET', api(`/queries/${ids.brand}`))).statusCode).toBe(404);
    const other = (path: string) => `/api/v1/workspaces/${otherWs}/listening${path}`;
    expect((await stranger.request('GET', other(`/queries/${ids.brand}`))).statusCode).toBe(404);
    expect((await stranger.request('PATCH', other(`/queries/${ids.brand}`), { name: 'x' })).statusCode).toBe(404);
    expect((await stranger.request('DELETE', other(`/sources/${ids.source}`))).statusCode).toBe(404);
    expect((await stranger.request('GET', other(`/mentions/${ids.rain}`))).statusCode).toBe(404);
    expect((await stranger.request('POST', other(`/mentions/${ids.rain}/sentiment`), { label: 'positive' })).statusCode).toBe(404);
    expect((await stranger.request('GET', other('/mentions'))).json().items).toEqual([]);
  });

  it('deletes a query and its matches, keeping the mentions', async () => {
    expect((await owner.request('DELETE', api(`/queries/${ids.competitor}`))).statusCode).toBe(204);
    expect((await owner.request('GET', api(`/queries/${ids.competitor}`))).statusCode).toBe(404);
    const sov = (await owner.request('GET', api('/analysis/share-of-voice?from=2026-03-10T00:00:00Z&to=2026-03-11T00:00:00Z'))).json();
    expect(sov.competitors).toEqual([]);
  });
});
