/**
 * Analytics benchmark: dashboard queries over N metric snapshots (Postgres and
 * embedded PGlite) and tracked-link redirects under load while clicks are stored.
 *
 *   node bin/run-ts.mjs bench/analytics.ts [--json] [--snapshots N] [--embedded-snapshots N] [--iterations N] [--seconds N]
 *
 * Data are generated in SQL (generate_series, deterministic hashes: fixed seed)
 * in a throw-away database on 127.0.0.1:5432 and an in-memory PGlite.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import autocannon from 'autocannon';
import { openDatabase, migrate, type PlazaDatabase } from '../src/db/database.ts';
import { loadConfig } from '../src/config.ts';
import { SecretBox } from '../src/lib/crypto.ts';
import { systemClock } from '../src/lib/clock.ts';
import { FileMediaStore } from '../src/modules/media/store.ts';
import { NetworkRegistry } from '../src/networks/registry.ts';
import { defaultAdapters } from '../src/networks/index.ts';
import type { AppContext } from '../src/server/context.ts';
import { buildApp } from '../src/server/app.ts';
import { dashboard } from '../src/modules/analytics/dashboards.ts';
import { clickRecorderFor, registerShortLinkRoutes } from '../src/modules/links/short-links.ts';
import { createTrackedLink } from '../src/modules/links/service.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const JSON_OUT = flag('json');
const SNAPSHOTS = option('snapshots', 10_000_000);
const EMBEDDED_SNAPSHOTS = option('embedded-snapshots', Math.min(1_000_000, SNAPSHOTS));
const ITERATIONS = option('iterations', 200);
const SECONDS = option('seconds', 10);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const STEPS = 6;
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Deterministic PRNG (mulberry32): the query mix is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function contextFor(database: PlazaDatabase): AppContext {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-bench-'));
  return {
    config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://127.0.0.1' } as NodeJS.ProcessEnv),
    database,
    secrets: new SecretBox('bench-secret-bench-secret-bench-secret-01'),
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    media: new FileMediaStore(path.join(dataDir, 'media')),
    networks: new NetworkRegistry(defaultAdapters()),
  };
}

const DAYS = 730;
const START = '2024-01-01T00:00:00Z';

/**
 * Generates `snapshots` snapshots (6 per publication) across workspaces of 10
 * channels, posts spread over two years, plus the newest-counts table, the
 * daily rollup and daily followers, exactly as the collector would leave them.
 */
async function generate(
  database: PlazaDatabase,
  snapshots: number,
  workspaces: number,
): Promise<{ workspaceIds: string[]; channelIds: string[][]; campaignIds: string[][]; publicationIds: string[] }> {
  const raw = database.raw;
  const publications = Math.ceil(snapshots / STEPS);
  const channelsPer = 10;
  const campaignsPer = 5;
  const t0 = Date.now();
  await raw.exec(`
    INSERT INTO users (id, email, name, password_hash) VALUES ('00000000-0000-0000-0000-0000000000aa', 'bench@example.com', 'Bench', 'x');
    INSERT INTO workspaces (id, name, time_zone, language)
      SELECT md5('ws' || w)::uuid, 'Workspace ' || w, 'Europe/Madrid', 'en' FROM generate_series(1, ${workspaces}) w;
    INSERT INTO channels (id, workspace_id, network, name, credentials_sealed)
      SELECT md5('ch' || w || '-' || c)::uuid, md5('ws' || w)::uuid, (ARRAY['sandbox','bluesky','mastodon'])[1 + c % 3], 'Channel ' || c, 'x'
      FROM generate_series(1, ${workspaces}) w, generate_series(1, ${channelsPer}) c;
    INSERT INTO campaigns (id, workspace_id, name, slug)
      SELECT md5('cp' || w || '-' || c)::uuid, md5('ws' || w)::uuid, 'Campaign ' || c, 'campaign-' || c
      FROM generate_series(1, ${workspaces}) w, generate_series(1, ${campaignsPer}) c;
  `);
  // Publication i: workspace 1 + i % W, channel 1 + (i / W) % 10, published at a hashed time over two years.
  const pubExpr = (i: string) => ({
    ws: `md5('ws' || (1 + ${i} % ${workspaces}))::uuid`,
    ch: `md5('ch' || (1 + ${i} % ${workspaces}) || '-' || (1 + (${i} / ${workspaces}) % ${channelsPer}))::uuid`,
    cp: `CASE WHEN ${i} % 3 = 0 THEN NULL ELSE md5('cp' || (1 + ${i} % ${workspaces}) || '-' || (1 + (${i} / 7) % ${campaignsPer}))::uuid END`,
    pub: `md5('pub' || ${i})::uuid`,
    post: `md5('post' || ${i})::uuid`,
    at: `(timestamptz '${START}' + (((${i}::bigint * 2654435761) % (${DAYS} * 86400)) || ' seconds')::interval)`,
    followers: `(1000 + (${i}::bigint * 7919) % 9000)::int`,
  });
  const p = pubExpr('i');
  await raw.exec(`
    INSERT INTO posts (id, workspace_id, content, state, campaign_id, created_at, updated_at)
      SELECT ${p.post}, ${p.ws}, 'Benchmark post ' || i, 'published', ${p.cp}, ${p.at}, ${p.at} FROM generate_series(0, ${publications - 1}) i;
  `);
  log(`  posts: ${publications} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  // Bulk load without the index, then build it once.
  await raw.exec(`DROP INDEX post_metric_snapshots_pub_idx`);
  const t1 = Date.now();
  const batch = 2_000_000;
  for (let from = 0; from < snapshots; from += batch) {
    const to = Math.min(snapshots, from + batch) - 1;
    const s = pubExpr('(g / 6)');
    await raw.exec(`
      INSERT INTO post_metric_snapshots (workspace_id, publication_id, channel_id, captured_at, step, likes, replies, reposts, quotes, impressions, reach, clicks)
      SELECT ${s.ws}, ${s.pub}, ${s.ch}, ${s.at} + ((ARRAY[1,6,24,72,168,720])[1 + g % 6] || ' hours')::interval, g % 6,
        ((g / 6) * 31 % 50) * (1 + g % 6) / 6, ((g / 6) * 17 % 8) * (1 + g % 6) / 6, ((g / 6) * 13 % 10) * (1 + g % 6) / 6, ((g / 6) * 11 % 3) * (1 + g % 6) / 6,
        CASE WHEN (g / 6) % ${workspaces} % 3 = 0 THEN ((g / 6) * 37 % 3000) * (1 + g % 6) / 6 END,
        CASE WHEN (g / 6) % ${workspaces} % 3 = 0 THEN ((g / 6) * 29 % 2000) * (1 + g % 6) / 6 END,
        CASE WHEN (g / 6) % ${workspaces} % 3 = 0 THEN ((g / 6) * 3 % 40) * (1 + g % 6) / 6 END
      FROM generate_series(${from}, ${to}) g`);
    log(`  snapshots: ${to + 1} / ${snapshots} (${((Date.now() - t1) / 1000).toFixed(0)} s)`);
  }
  await raw.exec(`CREATE INDEX post_metric_snapshots_pub_idx ON post_metric_snapshots (publication_id, captured_at)`);
  log(`  snapshot index built (${((Date.now() - t1) / 1000).toFixed(0)} s since start of load)`);
  await raw.exec(`
    INSERT INTO publication_metrics (publication_id, workspace_id, post_id, channel_id, network, campaign_id, has_media, published_at, followers_at_post, captured_at,
        likes, replies, reposts, quotes, impressions, reach, clicks, engagements_24h)
      SELECT ${p.pub}, ${p.ws}, ${p.post}, ${p.ch}, 'sandbox', ${p.cp}, i % 4 = 0, ${p.at}, ${p.followers}, ${p.at} + interval '30 days',
        i * 31 % 50, i * 17 % 8, i * 13 % 10, i * 11 % 3,
        CASE WHEN i % ${workspaces} % 3 = 0 THEN i * 37 % 3000 END, CASE WHEN i % ${workspaces} % 3 = 0 THEN i * 29 % 2000 END, CASE WHEN i % ${workspaces} % 3 = 0 THEN i * 3 % 40 END,
        (i * 31 % 50 + i * 17 % 8) / 2
      FROM generate_series(0, ${publications - 1}) i;
    INSERT INTO metric_daily (workspace_id, day, channel_id, campaign_key, objective_key, posts, likes, replies, reposts, quotes,
        impressions, impressions_posts, reach, reach_posts, clicks, clicks_posts, followers_at_post)
      SELECT workspace_id, (published_at AT TIME ZONE 'UTC')::date, channel_id, COALESCE(campaign_id, '00000000-0000-0000-0000-000000000000'::uuid), '00000000-0000-0000-0000-000000000000'::uuid,
        count(*), sum(likes), sum(replies), sum(reposts), sum(quotes), COALESCE(sum(impressions),0), count(impressions), COALESCE(sum(reach),0), count(reach),
        COALESCE(sum(clicks),0), count(clicks), sum(followers_at_post)
      FROM publication_metrics GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO channel_follower_snapshots (channel_id, workspace_id, day, followers, captured_at)
      SELECT c.id, c.workspace_id, (timestamptz '${START}' + (d || ' days')::interval)::date, 1000 + d * 3 + (hashtext(c.id::text) & 255), now()
      FROM channels c, generate_series(0, ${DAYS}) d;
    ANALYZE;
  `);
  // As autovacuum would: sets the visibility map so covering indexes give index-only scans.
  await raw.exec(`VACUUM ANALYZE publication_metrics`);
  await raw.exec(`VACUUM ANALYZE metric_daily`);
  log(`  rollups and followers: ${((Date.now() - t0) / 1000).toFixed(0)} s total`);
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => i + 1);
  const md5uuid = async (values: string[]) =>
    (
      await raw.query<{ id: string }>(`SELECT md5(v)::uuid::text AS id FROM unnest($1::text[]) WITH ORDINALITY AS t(v, n) ORDER BY n`, [
        values,
      ])
    ).rows.map((r) => r.id);
  const workspaceIds = await md5uuid(ids('ws', workspaces).map((w) => `ws${w}`));
  const channelIds: string[][] = [];
  const campaignIds: string[][] = [];
  for (let w = 1; w <= workspaces; w++) {
    channelIds.push(await md5uuid(Array.from({ length: channelsPer }, (_, c) => `ch${w}-${c + 1}`)));
    campaignIds.push(await md5uuid(Array.from({ length: campaignsPer }, (_, c) => `cp${w}-${c + 1}`)));
  }
  const publicationIds = await md5uuid(Array.from({ length: 200 }, (_, i) => `pub${Math.floor((i * publications) / 200)}`));
  return { workspaceIds, channelIds, campaignIds, publicationIds };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** Runs the dashboard mix (overview, channel, campaign with previous period; post timeline) and returns latencies. */
async function runDashboards(database: PlazaDatabase, data: Awaited<ReturnType<typeof generate>>, iterations: number) {
  const random = prng(42);
  const latencies: Record<string, number[]> = { overview: [], channel: [], campaign: [], post: [] };
  const all: number[] = [];
  for (let i = 0; i < iterations + 10; i++) {
    const w = Math.floor(random() * data.workspaceIds.length);
    const workspaceId = data.workspaceIds[w];
    const rangeDays = [7, 30, 90][Math.floor(random() * 3)];
    const fromMs = Date.parse(START) + Math.floor(random() * (DAYS - rangeDays)) * 86_400_000;
    const range = { from: new Date(fromMs), to: new Date(fromMs + rangeDays * 86_400_000) };
    const kinds: Array<[string, () => Promise<unknown>]> = [
      ['overview', () => dashboard(database.db, workspaceId, {}, range)],
      ['channel', () => dashboard(database.db, workspaceId, { channelId: data.channelIds[w][Math.floor(random() * 10)] }, range)],
      ['campaign', () => dashboard(database.db, workspaceId, { campaignId: data.campaignIds[w][Math.floor(random() * 5)] }, range)],
      [
        'post',
        () =>
          database.db
            .selectFrom('post_metric_snapshots')
            .selectAll()
            .where('publication_id', '=', data.publicationIds[Math.floor(random() * data.publicationIds.length)])
            .orderBy('captured_at')
            .execute(),
      ],
    ];
    for (const [name, fn] of kinds) {
      const t = performance.now();
      await fn();
      const ms = performance.now() - t;
      if (i >= 10) {
        latencies[name].push(ms);
        all.push(ms);
      }
    }
  }
  return {
    p95: percentile(all, 95),
    p50: percentile(all, 50),
    byKind: Object.fromEntries(Object.entries(latencies).map(([k, v]) => [k, { p50: percentile(v, 50), p95: percentile(v, 95) }])),
  };
}

/** Child-process mode: serves short links on loopback so autocannon (in the parent) does not share its event loop. */
async function serveRedirects(databaseUrl: string): Promise<void> {
  const database = await openDatabase({ databaseUrl, poolSize: 5 });
  const ctx = contextFor(database);
  const app = await buildApp(ctx, { extraPlugins: [(a) => registerShortLinkRoutes(a, ctx)] });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`LISTENING ${address}\n`);
  process.on('message', async (message) => {
    if (message !== 'stop') return;
    await clickRecorderFor(ctx).flush();
    await app.close();
    await database.close();
    process.exit(0);
  });
}

async function redirectBench(databaseUrl: string, database: PlazaDatabase, workspaceId: string, seconds: number) {
  const ctx = contextFor(database);
  const links = [];
  for (let i = 0; i < 50; i++)
    links.push(await createTrackedLink(ctx, database.db, workspaceId, { url: `https://shop.example/p/${i}` }, null));
  const { fork } = await import('node:child_process');
  const child = fork(new URL(import.meta.url).pathname, ['--serve-redirects', databaseUrl], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /LISTENING (\S+)/.exec(buffer);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`redirect server exited with ${code}`)));
  });
  const count = async () => Number((await database.raw.query<{ n: number }>('SELECT count(*)::int AS n FROM link_clicks')).rows[0].n);
  const before = await count();
  const requests = links.map((l) => ({
    method: 'GET' as const,
    path: `/l/${l.code}`,
    headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0' },
  }));
  await autocannon({ url: address, connections: 10, duration: 1, requests }); // warm-up (JIT, link cache)
  await new Promise((resolve) => setTimeout(resolve, 400)); // let the warm-up batch land
  const warm = await count();
  const result = await autocannon({ url: address, connections: 50, pipelining: 1, duration: seconds, requests });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send('stop');
  await exited;
  const after = await count();
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    requests: result.requests.total,
    redirects: result['3xx'],
    stored: after - warm,
    warmup: warm - before,
    errors: result.errors,
  };
}

async function main() {
  const started = Date.now();
  const name = `plaza_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const results: Record<string, unknown> = {};
  let postgres: PlazaDatabase | null = null;
  let embedded: PlazaDatabase | null = null;
  try {
    postgres = await openDatabase({ databaseUrl: url, poolSize: 20 });
    await migrate(postgres);
    await postgres.raw.exec(`ALTER TABLE post_metric_snapshots SET UNLOGGED`);
    log(`Postgres: generating ${SNAPSHOTS.toLocaleString('en')} snapshots in ${name}…`);
    const tGen = Date.now();
    const data = await generate(postgres, SNAPSHOTS, 50);
    const generateSeconds = (Date.now() - tGen) / 1000;
    log(`Postgres: running ${ITERATIONS} × 4 dashboard requests…`);
    const pgDash = await runDashboards(postgres, data, ITERATIONS);
    results.postgres = { snapshots: SNAPSHOTS, generateSeconds, ...pgDash };

    log(`Redirects: ${SECONDS} s of autocannon on loopback (50 connections), clicks stored in batches…`);
    const redirect = await redirectBench(url, postgres, data.workspaceIds[0], SECONDS);
    results.redirect = redirect;

    log(`Embedded (PGlite): generating ${EMBEDDED_SNAPSHOTS.toLocaleString('en')} snapshots…`);
    embedded = await openDatabase({});
    await migrate(embedded);
    const tEmb = Date.now();
    const embData = await generate(embedded, EMBEDDED_SNAPSHOTS, 5);
    const embGenerate = (Date.now() - tEmb) / 1000;
    const embDash = await runDashboards(embedded, embData, Math.min(ITERATIONS, 100));
    results.embedded = { snapshots: EMBEDDED_SNAPSHOTS, generateSeconds: embGenerate, ...embDash };
  } finally {
    await postgres?.close();
    await embedded?.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  const pgr = results.postgres as {
    p95: number;
    p50: number;
    byKind: Record<string, { p50: number; p95: number }>;
    generateSeconds: number;
  };
  const emb = results.embedded as typeof pgr;
  const red = results.redirect as { rps: number; p99: number; requests: number; redirects: number; stored: number };
  const row = (label: string, value: string, goal: string) => `${label.padEnd(44)} ${value.padStart(14)}   ${goal}`;
  const lines = [
    '',
    'Plaza analytics benchmark',
    row('metric', 'value', 'goal'),
    row(`dashboard p95, Postgres (${SNAPSHOTS.toLocaleString('en')} snapshots)`, `${pgr.p95.toFixed(1)} ms`, '<= 100 ms'),
    ...Object.entries(pgr.byKind).map(([k, v]) => row(`  ${k} p50 / p95`, `${v.p50.toFixed(1)} / ${v.p95.toFixed(1)} ms`, '')),
    row(`dashboard p95, embedded (${EMBEDDED_SNAPSHOTS.toLocaleString('en')} snapshots)`, `${emb.p95.toFixed(1)} ms`, '<= 500 ms'),
    ...Object.entries(emb.byKind).map(([k, v]) => row(`  ${k} p50 / p95`, `${v.p50.toFixed(1)} / ${v.p95.toFixed(1)} ms`, '')),
    row('redirects, requests/s', red.rps.toFixed(0), '>= 5,000'),
    row('redirects, p99 latency', `${red.p99} ms`, '<= 20 ms'),
    // autocannon stops counting with up to 50 requests (one per connection) still in flight; the server
    // answers and stores those too, so stored may exceed counted by at most 50, and must never fall short.
    row('redirects (302) counted / clicks stored', `${red.redirects} / ${red.stored}`, 'stored − counted in 0…50'),
    row('data generation (Postgres / embedded)', `${pgr.generateSeconds.toFixed(0)} s / ${emb.generateSeconds.toFixed(0)} s`, ''),
    row('total run time', `${((Date.now() - started) / 1000).toFixed(0)} s`, ''),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (JSON_OUT) {
    process.stdout.write(
      `${JSON.stringify({
        dashboard_p95_ms_postgres: Math.round(pgr.p95 * 10) / 10,
        dashboard_p95_ms_embedded: Math.round(emb.p95 * 10) / 10,
        redirect_rps: Math.round(red.rps),
        redirect_p99_ms: red.p99,
        snapshots_postgres: SNAPSHOTS,
        snapshots_embedded: EMBEDDED_SNAPSHOTS,
        redirect_requests: red.requests,
        redirect_clicks_stored: red.stored,
        redirect_clicks_lost: Math.max(0, red.redirects - red.stored),
      })}\n`,
    );
  }
}

const serveIndex = args.indexOf('--serve-redirects');
(serveIndex >= 0 ? serveRedirects(args[serveIndex + 1]) : main()).catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
