import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller, createTestApp, ManualClock, type Caller, type TestApp } from '../../../test/helpers/app.ts';
import { BoundedQueue } from './queue.ts';
import { startListener } from './worker.ts';
import { listeningSourcesJob, reputationAlertsJob } from './jobs.ts';
import { startJobs } from '../../jobs/registry.ts';
import { ingestBatch, WorkspacePipelines } from './ingest.ts';
import type { SourceAdapter } from './sources/types.ts';
import { readableMessage, startSmtpCatcher } from '../../../test/helpers/smtp.ts';

describe('bounded queue', () => {
  it('makes a fast producer wait instead of dropping, and hands everything over in order', async () => {
    const queue = new BoundedQueue<number>(3);
    const produced = (async () => {
      for (let i = 0; i < 20; i++) await queue.push(i);
      queue.close();
    })();
    const taken: number[] = [];
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(queue.size).toBe(3);
    for (;;) {
      const batch = await queue.take(2);
      if (!batch.length) break;
      taken.push(...batch);
    }
    await produced;
    expect(taken).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(queue.pausedPushes).toBeGreaterThan(0);
  });
});

describe('listener service (embedded database)', () => {
  let t: TestApp;
  let ws = '';
  let owner: Caller;
  let server: http.Server;
  let feedUrl = '';
  let version = 1;
  const clock = new ManualClock(Date.parse('2026-03-10T12:00:00Z'));
  const item = (n: number) =>
    `<item><title>Acme noticia ${n}</title><link>https://news.example/${n}</link><guid>g${n}</guid><pubDate>Tue, 10 Mar 2026 10:0${n}:00 GMT</pubDate></item>`;

  beforeAll(async () => {
    t = await createTestApp('embedded', { clock });
    (t.ctx.config as { allowPrivateUrls: boolean }).allowPrivateUrls = true;
    owner = await createCaller(t, 'listener@example.com');
    ws = (await owner.request('POST', '/api/v1/workspaces', { name: 'Acme', timeZone: 'UTC', language: 'es' })).json().id;
    await owner.request('POST', `/api/v1/workspaces/${ws}/listening/queries`, { name: 'Acme', query: 'acme', kind: 'brand' });
    server = http.createServer((req, res) => {
      if (req.url === '/gone.xml') return void res.writeHead(404).end();
      if (req.headers['if-none-match'] === `"v${version}"`) return void res.writeHead(304).end();
      const items = version === 1 ? [1, 2] : [1, 2, 3];
      res
        .writeHead(200, { etag: `"v${version}"`, 'content-type': 'application/rss+xml' })
        .end(`<rss version="2.0"><channel><title>News</title>${items.map(item).join('')}</channel></rss>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  }, 60_000);
  afterAll(async () => {
    server?.close();
    await t?.close();
  });

  const source = async (id: string) =>
    t.ctx.database.db.selectFrom('listening_sources').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  };

  it('polls a feed, stores mentions with the cursor, and after a restart neither misses nor double-counts', async () => {
    const row = await t.ctx.database.db
      .insertInto('listening_sources')
      .values({ workspace_id: ws, kind: 'rss', name: 'News', config: JSON.stringify({ url: feedUrl }) })
      .returning('id')
      .executeTakeFirstOrThrow();
    let listener = await startListener(t.ctx, { syncEveryMs: 50 });
    await until(async () => Number((await source(row.id)).items_ingested) >= 2);
    await listener.stop();
    let saved = await source(row.id);
    expect(Number(saved.items_ingested)).toBe(2);
    expect(saved.cursor).toMatchObject({ etag: '"v1"' });
    expect(saved.lease_owner).toBeNull();

    // The feed gains an item while Plaza is down; the polite interval has passed by restart.
    version = 2;
    clock.advance(20 * 60_000);
    listener = await startListener(t.ctx, { syncEveryMs: 50 });
    await until(async () => Number((await source(row.id)).items_ingested) >= 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await listener.stop();
    saved = await source(row.id);
    expect(Number(saved.items_ingested)).toBe(3);
    const mentions = await t.ctx.database.db
      .selectFrom('listening_mentions')
      .select(['remote_id'])
      .where('source_id', '=', row.id)
      .orderBy('remote_id')
      .execute();
    expect(mentions.map((m) => m.remote_id)).toEqual(['g1', 'g2', 'g3']);
    const matches = await t.ctx.database.db
      .selectFrom('listening_mention_matches')
      .select('mention_id')
      .where('workspace_id', '=', ws)
      .execute();
    expect(matches.length).toBeGreaterThanOrEqual(3);
    await t.ctx.database.db.deleteFrom('listening_sources').where('id', '=', row.id).execute();
  });

  it('keeps why a source failed as a code beside the raw text, and answers both', async () => {
    const row = await t.ctx.database.db
      .insertInto('listening_sources')
      .values({ workspace_id: ws, kind: 'rss', name: 'Gone', config: JSON.stringify({ url: feedUrl.replace('feed.xml', 'gone.xml') }) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const listener = await startListener(t.ctx, { syncEveryMs: 50 });
    await until(async () => (await source(row.id)).last_error_code !== null);
    await listener.stop();
    const listed = (await owner.request('GET', `/api/v1/workspaces/${ws}/listening/sources`)).json();
    const answered = (listed.items ?? listed).find((s: { id: string }) => s.id === row.id);
    expect(answered).toMatchObject({ status: 'error', lastErrorCode: 'http_404', lastError: 'Feed answered HTTP 404' });
    await t.ctx.database.db.deleteFrom('listening_sources').where('id', '=', row.id).execute();
  });

  it('pauses a fast source behind a small queue without dropping anything, and records its lag', async () => {
    const total = 3000;
    let paused = 0;
    const fast: SourceAdapter = {
      kind: 'fast',
      async run({ emit, signal }) {
        for (let i = 0; i < total && !signal.aborted; i += 10) {
          const started = performance.now();
          await emit({
            items: Array.from({ length: 10 }, (_, k) => ({
              remoteId: `f${i + k}`,
              text: `Acme post number ${i + k} with words ${(i + k) % 97}`,
              network: 'bluesky',
              publishedAt: new Date(clock.now() - 5000),
            })),
            cursor: { n: i + 10 },
            lagMs: 5000,
          });
          if (performance.now() - started > 1) paused++;
        }
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      },
    };
    const row = await t.ctx.database.db
      .insertInto('listening_sources')
      .values({ workspace_id: ws, kind: 'fast', name: 'Fast', config: JSON.stringify({}) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const listener = await startListener(t.ctx, { syncEveryMs: 1000, queueCapacity: 4, adapters: { fast } });
    await until(async () => Number((await source(row.id)).items_ingested) >= total);
    await listener.stop();
    const saved = await source(row.id);
    expect(Number(saved.items_ingested)).toBe(total);
    expect(saved.cursor).toEqual({ n: total });
    expect(Number(saved.lag_ms)).toBe(5000);
    expect(paused).toBeGreaterThan(0);
  }, 30_000);

  it('does not let a runner still reading the old target write its cursor over an edit’s reset', async () => {
    const oldConfig = { url: 'https://old.example/feed.xml' };
    const row = await t.ctx.database.db
      .insertInto('listening_sources')
      .values({ workspace_id: ws, kind: 'rss', name: 'Moved', config: JSON.stringify(oldConfig) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const pipelines = new WorkspacePipelines(t.ctx, 0);
    const batch = (n: number) => ({
      workspaceId: ws,
      sourceId: row.id,
      sourceKey: `rss:${row.id}`,
      items: [{ remoteId: `moved-${n}`, text: `Acme moved ${n}`, network: 'rss', publishedAt: new Date(clock.now()) }],
      storeUnmatched: true,
      cursor: { etag: `"old-${n}"` },
      sourceConfig: oldConfig,
    });
    await ingestBatch(t.ctx, pipelines, batch(1));
    expect((await source(row.id)).cursor).toEqual({ etag: '"old-1"' });
    // The edit (PATCH) moved the source to another feed and reset its cursor.
    await t.ctx.database.db
      .updateTable('listening_sources')
      .set({ config: JSON.stringify({ url: 'https://new.example/feed.xml' }), cursor: null })
      .where('id', '=', row.id)
      .execute();
    const late = await ingestBatch(t.ctx, pipelines, batch(2));
    expect(late.stored).toBe(1);
    expect((await source(row.id)).cursor).toBeNull();
    await t.ctx.database.db.deleteFrom('listening_sources').where('id', '=', row.id).execute();
  });

  it('raises reputation alerts from its own loop, with the workspace’s settings, and e-mails them', async () => {
    const smtp = await startSmtpCatcher();
    try {
      await owner.request('PUT', `/api/v1/workspaces/${ws}/analytics/settings`, {
        smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'plaza@example.com', ignoreTls: true },
      });
      // Hourly windows, set by a manager: the loop must use them (24 windows of baseline).
      const saved = await owner.request('PUT', `/api/v1/workspaces/${ws}/listening/alert-settings`, {
        windowMinutes: 60,
        historyWindows: 24,
        notifyEmails: ['guardia@acme.example'],
      });
      expect(saved.statusCode).toBe(200);
      const hour = 3_600_000;
      const end = Math.floor(clock.now() / hour) * hour;
      const items = [];
      for (let w = 0; w < 25; w++) {
        const count = w === 24 ? 15 : w % 3 === 0 ? 1 : 0;
        for (let i = 0; i < count; i++)
          items.push({
            remoteId: `spike-${w}-${i}`,
            text: `Acme es pésimo, un desastre total ${w} ${i} ${'!'.repeat(i)}`,
            network: 'bluesky',
            authorHandle: `neg${w}_${i}`,
            publishedAt: new Date(end - (25 - w) * hour + i * 1000),
          });
      }
      await ingestBatch(t.ctx, new WorkspacePipelines(t.ctx), {
        workspaceId: ws,
        sourceId: null,
        sourceKey: 'spike',
        items,
        storeUnmatched: true,
      });
      const raised: string[] = [];
      // The listener service's jobs, the alert check every 50 ms: its sources, and the reputation alerts.
      const jobs = [listeningSourcesJob({ syncEveryMs: 1000 }), reputationAlertsJob({ onAlert: (alert) => raised.push(alert.scope) })];
      const listener = await startJobs(t.ctx, jobs, {
        services: ['listener'],
        boss: null,
        intervals: { 'listening.reputation-alerts': 50 },
      });
      const emailed = async () =>
        t.ctx.database.db
          .selectFrom('listening_alerts')
          .select('id')
          .where('workspace_id', '=', ws)
          .where('emailed_at', 'is not', null)
          .execute();
      await until(async () => (await emailed()).length >= 2);
      await listener.stop();
      expect(raised.sort()).toEqual(
        [
          'query:' +
            (await t.ctx.database.db.selectFrom('listening_queries').select('id').where('workspace_id', '=', ws).executeTakeFirstOrThrow())
              .id,
          'workspace',
        ].sort(),
      );
      const alerts = await t.ctx.database.db.selectFrom('listening_alerts').selectAll().where('workspace_id', '=', ws).execute();
      expect(alerts.map((a) => new Date(a.window_end).getTime() - new Date(a.window_start).getTime())).toEqual([hour, hour]);
      // The spike as stored (near-duplicate texts are dropped by the pipeline): every one of them is in the alert.
      const spike = await t.ctx.database.db
        .selectFrom('listening_mentions')
        .select('id')
        .where('workspace_id', '=', ws)
        .where('remote_id', 'like', 'spike-24-%')
        .where('sentiment', '=', 'negative')
        .execute();
      expect(spike.length).toBeGreaterThanOrEqual(10);
      expect(alerts.map((a) => a.count)).toEqual([spike.length, spike.length]);
      expect(alerts.every((a) => a.emailed_at !== null)).toBe(true);
      expect(smtp.messages.map((m) => m.to)).toEqual([['guardia@acme.example'], ['guardia@acme.example']]);
      expect(readableMessage(smtp.messages[0].raw)).toContain(`${spike.length} menciones negativas`);
    } finally {
      await smtp.close();
    }
  }, 30_000);
});
