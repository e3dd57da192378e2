/**
 * Publishing benchmark (`npm run bench:publish [-- --json] [-- --quick]`).
 *
 * 1. Lateness: N publications due within one minute (a fifth of them in the same
 *    second) across C sandbox channels behind a real HTTP sandbox server (another
 *    process) with 50 ms latency, on Postgres: Plaza's engine, then the naive
 *    pg-boss use (one job per publication with startAfter) as the baseline, in the
 *    same run; then the engine on the embedded database.
 *    Lateness = when the sandbox accepted the post − when it was due (so it
 *    includes the 50 ms network latency).
 * 2. Chaos: N publications with 5% 5xx, 2% timeouts after acceptance, 2% 429, a
 *    sandbox that does NOT honour idempotency keys, and the worker process killed
 *    with SIGKILL 3 times: duplicates (from the sandbox's record), lost, failures
 *    without a reason.
 * 3. Claim: 1,000,000 future publications stored; p99 of one claim round.
 * 4. Scale-out: 4 worker processes on one Postgres, 40,000 publications due within
 *    one minute across 4,000 channels, with the chaos of 2. and one worker SIGKILLed:
 *    lateness, duplicates, lost, and posts above a channel's limit (counted by the
 *    sandbox server). `--only=scaleout` runs just this one.
 * 5. Networks: 2,000 publications due within one minute across Facebook, Instagram, Threads, X,
 *    LinkedIn, Pinterest, Google Business Profile, Telegram, Discord, Slack, YouTube and TikTok
 *    channels on their local contract servers and WordPress channels on a real WordPress
 *    (bench/lib/network-farm.ts), within each network's posting limits, with 5% 5xx and 2%
 *    timeouts after acceptance and one worker SIGKILLed: duplicates, lost, lateness p99 per
 *    network (bench/lib/networks-run.ts). `--only=networks` runs just this one; `--small` makes
 *    it 224 publications due within 20 s (what the test suite runs).
 * 6. Resumable upload: a 200 MB video (20 MB with --quick) to the YouTube test server (another
 *    process) with the connection cut at 30 %, 60 % and 90 %: videos created (1), bytes resent
 *    (`upload_resend_ratio`), the worker's memory above its level before (`upload_peak_rss_mb`).
 *    `--only=upload` runs just this one.
 */
import pino from 'pino';
import { randomBytes, randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { openDatabase, migrate, type PlazaDatabase } from '../src/db/database.ts';
import { SecretBox } from '../src/lib/crypto.ts';
import { systemClock } from '../src/lib/clock.ts';
import { FileMediaStore } from '../src/modules/media/store.ts';
import { NetworkRegistry } from '../src/networks/registry.ts';
import { defaultAdapters } from '../src/networks/index.ts';
import { configureSandboxHttpAgent, sandboxAdapter } from '../src/networks/sandbox/index.ts';
import { PublishingEngine, type EngineOptions } from '../src/modules/publishing/engine.ts';
import { startQueue } from '../src/jobs/queue.ts';
import { loadConfig } from '../src/config.ts';
import { percentile, startProcess, stopProcess } from './lib/processes.ts';
import { createPgDatabase } from './lib/pg.ts';
import { FULL_RUN, SMALL_RUN, runNetworks, type NetworksRunResult } from './lib/networks-run.ts';
import { postingBucket } from '../src/networks/rate-rule.ts';
import { runUploadBench } from './lib/youtube-upload.ts';

const args = new Set(process.argv.slice(2));
const JSON_OUT = args.has('--json');
const QUICK = args.has('--quick');
const POSTS = QUICK ? 2_000 : 10_000;
const CHANNELS = QUICK ? 200 : 1_000;
const SAME_SECOND = QUICK ? 400 : 2_000;
const CLAIM_ROWS = QUICK ? 100_000 : 1_000_000;
const LATENCY_MS = 50;
const SECRET = `bench-${randomBytes(16).toString('hex')}`;
const secrets = new SecretBox(SECRET);
const logger = pino({ level: 'warn' });

const log = (line: string) => {
  if (!JSON_OUT) process.stderr.write(`${line}\n`);
  else process.stderr.write(`# ${line}\n`);
};

interface Workload {
  workspaceId: string;
  publications: Array<{ id: string; dueAt: number }>;
}

interface WorkloadShape {
  posts: number;
  channels: number;
  sameSecond: number;
  /** Besides: `posts` publications on each of the first `channels` channels, due evenly over `spreadMs` from `offsetMs`. */
  hot?: { channels: number; posts: number; offsetMs: number; spreadMs: number };
}

/**
 * Inserts a workspace, the sandbox channels and the scheduled publications:
 * `sameSecond` of them due at one instant, the rest spread over a minute.
 */
async function insertWorkload(
  database: PlazaDatabase,
  serverUrl: string,
  startAt: number,
  shape: WorkloadShape = { posts: POSTS, channels: CHANNELS, sameSecond: SAME_SECOND },
): Promise<Workload & { channelOf: Map<string, number> }> {
  const { posts: POSTS, channels: CHANNELS, sameSecond: SAME_SECOND } = shape;
  const hotPosts = shape.hot ? shape.hot.channels * shape.hot.posts : 0;
  const channelIndex = (i: number) => (i < hotPosts ? Math.floor(i / shape.hot!.posts) : i % CHANNELS);
  const raw = database.raw;
  const { rows: ws } = await raw.query<{ id: string }>(
    `INSERT INTO workspaces (name, time_zone, language, missed_grace_minutes) VALUES ('Bench', 'Europe/Madrid', 'es', 600) RETURNING id`,
  );
  const workspaceId = ws[0].id;
  const channelIds: string[] = [];
  for (let i = 0; i < CHANNELS; i++) channelIds.push(randomUUID());
  const sealed = channelIds.map((_, i) => secrets.seal({ token: `tok-${i}` }));
  await raw.query(
    `INSERT INTO channels (id, workspace_id, network, name, settings, credentials_sealed)
     SELECT v.id, $2, 'sandbox', 'bench ' || v.n, jsonb_build_object('handle', 'bench_' || v.n, 'serverUrl', $3::text, 'timeoutMs', 5000), v.sealed
       FROM unnest($1::uuid[], $4::text[], $5::int[]) AS v(id, sealed, n)`,
    [channelIds, workspaceId, serverUrl, sealed, channelIds.map((_, i) => i)],
  );
  const publications: Workload['publications'] = [];
  const channelOf = new Map<string, number>();
  const spikeAt = startAt + 20_000;
  for (let i = 0; i < POSTS; i++) {
    const hot = shape.hot;
    const j = i - hotPosts;
    const dueAt =
      hot && i < hotPosts
        ? startAt + hot.offsetMs + Math.floor(((i % hot.posts) / hot.posts) * hot.spreadMs)
        : j < SAME_SECOND
          ? spikeAt
          : startAt + Math.floor(((j - SAME_SECOND) / (POSTS - hotPosts - SAME_SECOND)) * 60_000);
    publications.push({ id: randomUUID(), dueAt });
    channelOf.set(publications[i].id, channelIndex(i));
  }
  const BATCH = 2_000;
  for (let offset = 0; offset < publications.length; offset += BATCH) {
    const slice = publications.slice(offset, offset + BATCH);
    const postIds = slice.map(() => randomUUID());
    await raw.query(
      `INSERT INTO posts (id, workspace_id, content, state, scheduled_at)
       SELECT v.id, $2, 'Bench post ' || v.n, 'scheduled', v.due FROM unnest($1::uuid[], $3::timestamptz[], $4::int[]) AS v(id, due, n)`,
      [postIds, workspaceId, slice.map((p) => new Date(p.dueAt)), slice.map((_, i) => offset + i)],
    );
    await raw.query(
      `INSERT INTO publications (id, post_id, workspace_id, channel_id, network, text, state, due_at)
       SELECT v.id, v.post, $2, v.channel, 'sandbox', 'Bench post ' || v.n || ' #plaza', 'scheduled', v.due
         FROM unnest($1::uuid[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::int[]) AS v(id, post, channel, due, n)`,
      [
        slice.map((p) => p.id),
        workspaceId,
        postIds,
        slice.map((_, i) => channelIds[channelIndex(offset + i)]),
        slice.map((p) => new Date(p.dueAt)),
        slice.map((_, i) => offset + i),
      ],
    );
  }
  return { workspaceId, publications, channelOf };
}

interface RecordEntry {
  marker?: string;
  acceptedAt: number;
}

async function sandboxRecord(serverUrl: string): Promise<RecordEntry[]> {
  const response = await fetch(`${serverUrl}/api/record`);
  const body = (await response.json()) as { accepted?: RecordEntry[] } | RecordEntry[];
  return Array.isArray(body) ? body : (body.accepted ?? []);
}

async function sandboxControl(serverUrl: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${serverUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
}

/** Lateness of each publication from the sandbox's record (first acceptance per marker). */
function latenessFrom(record: RecordEntry[], workload: Workload) {
  const due = new Map(workload.publications.map((p) => [p.id, p.dueAt]));
  const first = new Map<string, number>();
  for (const entry of record) {
    if (!entry.marker || !due.has(entry.marker)) continue;
    if (!first.has(entry.marker)) first.set(entry.marker, entry.acceptedAt);
  }
  const lateness = [...first].map(([marker, at]) => at - due.get(marker)!);
  return { published: first.size, p50: percentile(lateness, 50), p99: percentile(lateness, 99), max: Math.max(...lateness) };
}

async function waitForRecord(serverUrl: string, expected: number, deadline: number): Promise<RecordEntry[]> {
  for (;;) {
    const record = await sandboxRecord(serverUrl);
    if (record.length >= expected || Date.now() > deadline) return record;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

function contextFor(database: PlazaDatabase) {
  return {
    database,
    secrets,
    clock: systemClock,
    logger,
    media: new FileMediaStore('/tmp/plaza-bench-media'),
    networks: new NetworkRegistry(defaultAdapters()),
    // The bench's sandbox server listens on loopback: the admin switch PLAZA_ALLOW_PRIVATE_URLS, on.
    config: loadConfig({ PLAZA_ALLOW_PRIVATE_URLS: 'true', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv),
  };
}

const ENGINE: EngineOptions = { lookaheadMs: 5_000, pollMs: 250, publishTimeoutMs: 5_000, concurrencyPerNetwork: 512 };

async function runEngineLateness(database: PlazaDatabase, serverUrl: string) {
  const workload = await insertWorkload(database, serverUrl, Date.now() + 10_000);
  const engine = new PublishingEngine(contextFor(database), ENGINE);
  await engine.start();
  const lastDue = Math.max(...workload.publications.map((p) => p.dueAt));
  const record = await waitForRecord(serverUrl, POSTS, lastDue + 60_000);
  await engine.stop(5_000);
  return latenessFrom(record, workload);
}

/** The naive baseline: one pg-boss job per publication with startAfter, publishing in the handler. */
async function runNaiveLateness(database: PlazaDatabase, serverUrl: string) {
  const workload = await insertWorkload(database, serverUrl, Date.now() + 15_000);
  const boss = await startQueue(database, { supervise: true, schedule: false });
  await boss.createQueue('bench-naive');
  const { rows: channels } = await database.raw.query<{ id: string; settings: Record<string, unknown>; credentials_sealed: string }>(
    'SELECT id, settings, credentials_sealed FROM channels WHERE workspace_id = $1',
    [workload.workspaceId],
  );
  const { rows: pubs } = await database.raw.query<{ id: string; channel_id: string; text: string }>(
    'SELECT id, channel_id, text FROM publications WHERE workspace_id = $1',
    [workload.workspaceId],
  );
  const byId = new Map(pubs.map((p) => [p.id, p]));
  const channelById = new Map(channels.map((c) => [c.id, c]));
  const jobs = workload.publications.map((p) => ({ name: 'bench-naive', data: { publicationId: p.id }, startAfter: new Date(p.dueAt) }));
  for (let i = 0; i < jobs.length; i += 1_000) await boss.insert(jobs.slice(i, i + 1_000));
  await boss.work<{ publicationId: string }>('bench-naive', { batchSize: 50, pollingIntervalSeconds: 1 }, async (batch) => {
    await Promise.all(
      batch.map(async (job) => {
        const publication = byId.get(job.data.publicationId)!;
        const channel = channelById.get(publication.channel_id)!;
        await sandboxAdapter.publish(
          {
            channelId: channel.id,
            settings: channel.settings,
            credentials: secrets.open(channel.credentials_sealed),
            allowPrivateUrls: true,
          },
          { publicationId: publication.id, text: publication.text, media: [] },
        );
      }),
    );
  });
  const lastDue = Math.max(...workload.publications.map((p) => p.dueAt));
  const record = await waitForRecord(serverUrl, POSTS, lastDue + 120_000);
  await boss.stop({ graceful: false, wait: true, timeout: 2_000 }).catch(() => undefined);
  return latenessFrom(record, workload);
}

async function runLateness() {
  const sandbox = await startProcess('bench/lib/sandbox-server-main.ts', {
    SANDBOX_OPTIONS: JSON.stringify({ latencyMs: LATENCY_MS, seed: 1 }),
  });
  await configureSandboxHttpAgent({ connections: 512 });
  const results: Record<string, ReturnType<typeof latenessFrom>> = {};
  try {
    const pgDb = await createPgDatabase();
    try {
      const database = await openDatabase({ databaseUrl: pgDb.url, poolSize: 10 });
      await migrate(database);
      log(`lateness: engine on Postgres, ${POSTS} publications, ${CHANNELS} channels, ${SAME_SECOND} in the same second…`);
      results.postgres = await runEngineLateness(database, sandbox.ready);
      await sandboxControl(sandbox.ready, '/api/reset', {});
      log('lateness: naive pg-boss baseline on Postgres…');
      results.baseline = await runNaiveLateness(database, sandbox.ready);
      await database.close();
    } finally {
      await pgDb.drop();
    }
    await sandboxControl(sandbox.ready, '/api/reset', {});
    log('lateness: engine on the embedded database (PGlite)…');
    const embedded = await openDatabase({});
    await migrate(embedded);
    results.embedded = await runEngineLateness(embedded, sandbox.ready);
    await embedded.close();
  } finally {
    await stopProcess(sandbox.child);
  }
  return results;
}

async function runChaos() {
  const sandbox = await startProcess('bench/lib/sandbox-server-main.ts', {
    SANDBOX_OPTIONS: JSON.stringify({
      latencyMs: LATENCY_MS,
      seed: 42,
      errorRate5xx: 0.05,
      timeoutAfterAcceptRate: 0.02,
      rateLimitRate: 0.02,
      retryAfterSeconds: 1,
      honourIdempotencyKey: false,
      hangMs: 8_000,
    }),
  });
  const pgDb = await createPgDatabase();
  let worker: ChildProcess | null = null;
  try {
    const database = await openDatabase({ databaseUrl: pgDb.url, poolSize: 4 });
    await migrate(database);
    const workload = await insertWorkload(database, sandbox.ready, Date.now() + 8_000);
    const env = {
      DATABASE_URL: pgDb.url,
      BENCH_SECRET: SECRET,
      PLAZA_ALLOW_PRIVATE_URLS: 'true',
      ENGINE_OPTIONS: JSON.stringify({
        ...ENGINE,
        publishTimeoutMs: 3_000,
        leaseMarginMs: 2_000,
        claimLeaseMs: 5_000,
        baseBackoffMs: 500,
        maxBackoffMs: 4_000,
        maxAttempts: 12,
      }),
    };
    const spawnWorker = async () => (await startProcess('bench/lib/publish-worker-main.ts', env)).child;
    worker = await spawnWorker();
    const started = Date.now();
    let kills = 0;
    for (const at of [12_000, 24_000, 40_000]) {
      await new Promise((r) => setTimeout(r, Math.max(0, started + at - Date.now())));
      worker.kill('SIGKILL');
      await new Promise((r) => worker!.once('exit', r));
      kills++;
      log(`chaos: worker killed (${kills}/3), starting a new one`);
      worker = await spawnWorker();
    }
    const deadline = Date.now() + 240_000;
    for (;;) {
      const { rows } = await database.raw.query<{ open: number }>(
        `SELECT count(*)::int AS open FROM publications WHERE state IN ('scheduled', 'publishing', 'pending')`,
      );
      if (rows[0].open === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    await stopProcess(worker);
    worker = null;
    const record = await sandboxRecord(sandbox.ready);
    const { rows } = await database.raw.query<{ id: string; state: string; error_message: string | null }>(
      'SELECT id, state, error_message FROM publications',
    );
    const acceptedCount = new Map<string, number>();
    for (const entry of record) if (entry.marker) acceptedCount.set(entry.marker, (acceptedCount.get(entry.marker) ?? 0) + 1);
    const duplicates = [...acceptedCount.values()].filter((n) => n > 1).reduce((sum, n) => sum + n - 1, 0);
    const published = rows.filter((r) => r.state === 'published');
    const failed = rows.filter((r) => r.state === 'failed');
    const lost =
      rows.filter((r) => r.state !== 'published' && r.state !== 'failed').length + published.filter((r) => !acceptedCount.has(r.id)).length;
    const failedWithoutReason = failed.filter((r) => !r.error_message).length;
    const { rows: attempts } = await database.raw.query<{ outcome: string; n: number }>(
      'SELECT outcome, count(*)::int AS n FROM publication_attempts GROUP BY outcome ORDER BY outcome',
    );
    // An attempt that ends before it starts means two clocks, or a line written for another attempt.
    const { rows: backwards } = await database.raw.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM publication_attempts WHERE finished_at < started_at',
    );
    const duplicated = [...acceptedCount].filter(([, n]) => n > 1).map(([marker]) => marker);
    if (duplicated.length) {
      const { rows: history } = await database.raw.query(
        'SELECT publication_id, worker_id, started_at, finished_at, outcome, error_kind, error_code FROM publication_attempts WHERE publication_id = ANY($1::uuid[]) ORDER BY publication_id, id',
        [duplicated],
      );
      log(`duplicated publications' attempts: ${JSON.stringify(history)}`);
      log(`their acceptances: ${JSON.stringify(record.filter((e) => e.marker && duplicated.includes(e.marker)))}`);
    }
    await database.close();
    return {
      publications: rows.length,
      published: published.length,
      failed: failed.length,
      duplicates,
      lost,
      failedWithoutReason,
      kills,
      attemptsFinishedBeforeStarted: backwards[0].n,
      attempts: Object.fromEntries(attempts.map((a) => [a.outcome, a.n])),
      lateness: latenessFrom(record, workload),
    };
  } finally {
    if (worker) await stopProcess(worker, 'SIGKILL');
    await stopProcess(sandbox.child);
    await pgDb.drop();
  }
}

/**
 * Scale-out: several worker processes on one Postgres, with chaos and one worker
 * SIGKILLed (not replaced). 2 hot channels get 300 posts each due over 20 s (15 a
 * second, above the sandbox's 600 posts/min), so the shared limit must hold across
 * workers; the sandbox server counts every post above a channel's limit from its
 * own acceptance times.
 *
 * Lateness = first acceptance − the earliest instant the channel's limit allowed
 * the post (its due time, unless earlier posts of the same channel used the
 * tokens); `raw` is against the due time alone.
 */
async function runScaleout() {
  const WORKERS = 4;
  const shape: WorkloadShape = QUICK
    ? { posts: 4_000, channels: 400, sameSecond: 400, hot: { channels: 1, posts: 200, offsetMs: 40_000, spreadMs: 10_000 } }
    : { posts: 40_000, channels: 4_000, sameSecond: 2_000, hot: { channels: 2, posts: 300, offsetMs: 40_000, spreadMs: 20_000 } };
  const sandbox = await startProcess('bench/lib/sandbox-server-main.ts', {
    SANDBOX_OPTIONS: JSON.stringify({
      latencyMs: LATENCY_MS,
      seed: 7,
      errorRate5xx: 0.05,
      timeoutAfterAcceptRate: 0.02,
      rateLimitRate: 0.02,
      retryAfterSeconds: 1,
      honourIdempotencyKey: false,
      hangMs: 8_000,
    }),
  });
  const pgDb = await createPgDatabase();
  const workers: ChildProcess[] = [];
  try {
    const database = await openDatabase({ databaseUrl: pgDb.url, poolSize: 4 });
    await migrate(database);
    const env = {
      DATABASE_URL: pgDb.url,
      BENCH_SECRET: SECRET,
      // The bench's sandbox server listens on loopback: the admin switch PLAZA_ALLOW_PRIVATE_URLS, on.
      PLAZA_ALLOW_PRIVATE_URLS: 'true',
      // Default leases (30 s claims, 30 s margin): a dead worker's work must not wait for them.
      ENGINE_OPTIONS: JSON.stringify({
        ...ENGINE,
        publishTimeoutMs: 3_000,
        baseBackoffMs: 500,
        maxBackoffMs: 4_000,
        maxAttempts: 12,
        heartbeatMs: 1_000,
        deadAfterMs: 5_000,
      }),
    };
    workers.push(
      ...(await Promise.all(
        Array.from({ length: WORKERS }, async () => (await startProcess('bench/lib/publish-worker-main.ts', env)).child),
      )),
    );
    // Far enough ahead that the insert (and the first claims) are done before the first due time.
    const startAt = Date.now() + (QUICK ? 8_000 : 20_000);
    const workload = await insertWorkload(database, sandbox.ready, startAt, shape);
    log(`scale-out: workload stored ${startAt - Date.now()} ms before the first due time`);
    const killAt = startAt + 35_000;
    await new Promise((r) => setTimeout(r, Math.max(0, killAt - Date.now())));
    workers[1].kill('SIGKILL');
    await new Promise((r) => workers[1].once('exit', r));
    log(`scale-out: worker 2 of ${WORKERS} killed with SIGKILL ${Date.now() - startAt} ms after the first due time`);
    const deadline = Date.now() + 240_000;
    for (;;) {
      const { rows } = await database.raw.query<{ open: number }>(
        `SELECT count(*)::int AS open FROM publications WHERE state IN ('scheduled', 'publishing', 'pending')`,
      );
      if (rows[0].open === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const record = await sandboxRecord(sandbox.ready);
    const rates = (await (await fetch(`${sandbox.ready}/api/rate-violations`)).json()) as {
      violations: number;
      maxPerSecond: number;
      postsPerMinutePerChannel: number;
      accounts: Record<string, number>;
    };
    const { rows } = await database.raw.query<{ id: string; state: string; error_message: string | null }>(
      'SELECT id, state, error_message FROM publications',
    );
    const acceptedCount = new Map<string, number>();
    const firstAccepted = new Map<string, number>();
    for (const entry of record) {
      if (!entry.marker) continue;
      acceptedCount.set(entry.marker, (acceptedCount.get(entry.marker) ?? 0) + 1);
      if (!firstAccepted.has(entry.marker)) firstAccepted.set(entry.marker, entry.acceptedAt);
    }
    const duplicates = [...acceptedCount.values()].filter((n) => n > 1).reduce((sum, n) => sum + n - 1, 0);
    const published = rows.filter((r) => r.state === 'published');
    const failed = rows.filter((r) => r.state === 'failed');
    const lost =
      rows.filter((r) => r.state !== 'published' && r.state !== 'failed').length + published.filter((r) => !acceptedCount.has(r.id)).length;
    // The earliest instant each post could go under its channel's limit.
    const allowedAt = new Map<string, number>();
    const byChannel = new Map<number, Array<{ id: string; dueAt: number }>>();
    for (const p of workload.publications) {
      const c = workload.channelOf.get(p.id)!;
      if (!byChannel.has(c)) byChannel.set(c, []);
      byChannel.get(c)!.push(p);
    }
    const rule = postingBucket(sandboxAdapter.limits.postsPerMinutePerChannel);
    for (const list of byChannel.values()) {
      list.sort((a, b) => a.dueAt - b.dueAt);
      let tokens = rule.capacity;
      let at = -Infinity;
      for (const p of list) {
        const t0 = Math.max(p.dueAt, at);
        tokens = at === -Infinity ? rule.capacity : Math.min(rule.capacity, tokens + (t0 - at) * rule.refillPerMs);
        let t = t0;
        if (tokens < 1) {
          t = t0 + (1 - tokens) / rule.refillPerMs;
          tokens = 1;
        }
        tokens -= 1;
        at = t;
        allowedAt.set(p.id, t);
      }
    }
    const due = new Map(workload.publications.map((p) => [p.id, p.dueAt]));
    const lateness: number[] = [];
    const raw: number[] = [];
    const nearKill: number[] = [];
    for (const [marker, at] of firstAccepted) {
      if (!due.has(marker)) continue;
      lateness.push(at - allowedAt.get(marker)!);
      raw.push(at - due.get(marker)!);
      if (due.get(marker)! >= killAt - 1_000 && due.get(marker)! <= killAt + 5_000) nearKill.push(at - allowedAt.get(marker)!);
    }
    const { rows: attempts } = await database.raw.query<{ outcome: string; n: number }>(
      'SELECT outcome, count(*)::int AS n FROM publication_attempts GROUP BY outcome ORDER BY outcome',
    );
    if (process.env.BENCH_LATE_FILE) {
      // Where the late ones come from: their due time (from the first), lateness and attempts.
      const late = [...firstAccepted].filter(([m, at]) => due.has(m) && at - allowedAt.get(m)! > 2_000).map(([m]) => m);
      const { rows: history } = await database.raw.query<{ publication_id: string }>(
        `SELECT publication_id, worker_id, started_at, finished_at, outcome, error_code FROM publication_attempts WHERE publication_id = ANY($1::uuid[]) ORDER BY publication_id, id`,
        [late],
      );
      const byId = new Map<string, Array<Record<string, unknown>>>();
      for (const h of history) byId.set(h.publication_id, [...(byId.get(h.publication_id) ?? []), { ...h, publication_id: undefined }]);
      const lines = late.map((m) =>
        JSON.stringify({
          due: due.get(m)! - startAt,
          late: firstAccepted.get(m)! - allowedAt.get(m)!,
          channel: workload.channelOf.get(m),
          attempts: byId.get(m) ?? [],
        }),
      );
      (await import('node:fs')).writeFileSync(process.env.BENCH_LATE_FILE, `killAt ${killAt - startAt}\n${lines.join('\n')}\n`);
    }
    const duplicated = [...acceptedCount].filter(([, n]) => n > 1).map(([marker]) => marker);
    if (duplicated.length) {
      const { rows: history } = await database.raw.query(
        'SELECT publication_id, worker_id, started_at, finished_at, outcome, error_kind, error_code FROM publication_attempts WHERE publication_id = ANY($1::uuid[]) ORDER BY publication_id, id',
        [duplicated.slice(0, 20)],
      );
      log(`duplicated publications' attempts: ${JSON.stringify(history)}`);
    }
    await database.close();
    return {
      workers: WORKERS,
      publications: rows.length,
      channels: shape.channels,
      published: published.length,
      failed: failed.length,
      failedWithoutReason: failed.filter((r) => !r.error_message).length,
      duplicates,
      lost,
      rateViolations: rates.violations,
      maxPerSecondOneChannel: rates.maxPerSecond,
      p50: percentile(lateness, 50),
      p99: percentile(lateness, 99),
      max: Math.max(...lateness),
      rawP99: percentile(raw, 99),
      nearKillMax: nearKill.length ? Math.max(...nearKill) : NaN,
      nearKillP99: percentile(nearKill, 99),
      attempts: Object.fromEntries(attempts.map((a) => [a.outcome, a.n])),
    };
  } finally {
    for (const worker of workers) await stopProcess(worker, 'SIGKILL');
    await stopProcess(sandbox.child);
    await pgDb.drop();
  }
}

async function runClaim() {
  const pgDb = await createPgDatabase();
  try {
    const database = await openDatabase({ databaseUrl: pgDb.url, poolSize: 4 });
    await migrate(database);
    const workload = await insertWorkloadForClaim(database);
    const engine = new PublishingEngine(contextFor(database), { ...ENGINE, claimBatch: 100 });
    const timings: number[] = [];
    for (let round = 0; round < 300; round++) {
      // 20 publications fall due, among the million future ones.
      await database.raw.query(
        `UPDATE publications SET due_at = now() - interval '1 second' WHERE id IN (SELECT id FROM publications WHERE state = 'scheduled' AND claimed_by IS NULL ORDER BY due_at DESC LIMIT 20)`,
      );
      const started = performance.now();
      const claimed = await engine.poll();
      timings.push(performance.now() - started);
      if (claimed < 20) throw new Error(`claimed ${claimed}, expected 20`);
      await database.raw.query(`UPDATE publications SET state = 'canceled' WHERE claimed_by = $1`, [engine.workerId]);
    }
    await engine.stop(0);
    await database.close();
    return { stored: workload, p50: percentile(timings, 50), p99: percentile(timings, 99), max: Math.max(...timings) };
  } finally {
    await pgDb.drop();
  }
}

async function insertWorkloadForClaim(database: PlazaDatabase): Promise<number> {
  const raw = database.raw;
  const { rows: ws } = await raw.query<{ id: string }>(
    `INSERT INTO workspaces (name, time_zone, language) VALUES ('Claim', 'UTC', 'en') RETURNING id`,
  );
  const { rows: ch } = await raw.query<{ id: string }>(
    `INSERT INTO channels (workspace_id, network, name, credentials_sealed) SELECT $1, 'sandbox', 'c' || g, 'x' FROM generate_series(1, 1000) g RETURNING id`,
    [ws[0].id],
  );
  const { rows: post } = await raw.query<{ id: string }>(
    `INSERT INTO posts (workspace_id, content, state) VALUES ($1, 'future', 'scheduled') RETURNING id`,
    [ws[0].id],
  );
  log(`claim: storing ${CLAIM_ROWS.toLocaleString('en')} future publications…`);
  await raw.query(
    `INSERT INTO publications (post_id, workspace_id, channel_id, network, text, state, due_at)
     SELECT $1, $2, ($3::uuid[])[1 + g % 1000], 'sandbox', 'future', 'scheduled', now() + interval '1 hour' + g * interval '3 seconds'
       FROM generate_series(1, $4::int) g`,
    [post[0].id, ws[0].id, ch.map((c) => c.id), CLAIM_ROWS],
  );
  await raw.exec('ANALYZE publications');
  return CLAIM_ROWS;
}

const SMALL = args.has('--small');

/** The mixed-network run: full (2,000 in a minute) or `--small` (200 in 20 s). */
async function runMixedNetworks(): Promise<NetworksRunResult> {
  return runNetworks({
    ...(SMALL ? SMALL_RUN : FULL_RUN),
    // On a busy machine the full run's retries take a while to settle: wait for them rather than count them lost.
    settleTimeoutMs: SMALL ? 180_000 : 600_000,
    secret: SECRET,
    secrets,
    mediaRoot: '/tmp/plaza-bench-media',
    log,
  });
}

/** The JSON keys of the mixed-network run. */
function networksJson(result: NetworksRunResult) {
  return {
    networks_publications: result.publications,
    networks_published: result.published,
    networks_failed: result.failed,
    networks_duplicates: result.duplicates,
    networks_lost: result.lost,
    networks_rate_violations: result.rateViolations,
    networks_p99_ms: Object.fromEntries(Object.entries(result.networks).map(([name, n]) => [name, n.p99])),
  };
}

function networksLine(result: NetworksRunResult): string {
  const per = Object.entries(result.networks)
    .map(
      ([name, n]) =>
        `${name} ${n.published}/${n.publications} on ${n.channels} channels, p50 ${n.p50} ms, p99 ${n.p99} ms, max ${n.max} ms`,
    )
    .join('; ');
  return `networks: ${result.publications} publications, ${result.published} published, ${result.failed} failed (${result.failedWithoutReason} without a reason), duplicates ${result.duplicates}, lost ${result.lost}, posts above a channel's limit ${result.rateViolations}, injected ${result.injected.error5xx} 5xx and ${result.injected.lostAnswers} lost answers, worker SIGKILLs ${result.kills}; ${per}`;
}

async function runUpload() {
  const server = await startProcess('bench/lib/youtube-server-main.ts', {});
  try {
    return await runUploadBench({ serverUrl: server.ready, sizeBytes: (QUICK ? 20 : 200) * 1024 * 1024, cuts: [0.3, 0.6, 0.9] });
  } finally {
    await stopProcess(server.child);
  }
}

const ONLY = [...args].find((a) => a.startsWith('--only='))?.slice('--only='.length);
if (ONLY === 'upload') {
  process.stdout.write(`${JSON.stringify(await runUpload())}\n`);
  process.exit(0);
}
if (ONLY === 'engine-postgres') {
  const sandbox = await startProcess('bench/lib/sandbox-server-main.ts', {
    SANDBOX_OPTIONS: JSON.stringify({ latencyMs: LATENCY_MS, seed: 1 }),
  });
  await configureSandboxHttpAgent({ connections: 512 });
  const pgDb = await createPgDatabase();
  const database = await openDatabase({ databaseUrl: pgDb.url, poolSize: 10 });
  await migrate(database);
  const result = await runEngineLateness(database, sandbox.ready);
  await database.close();
  await pgDb.drop();
  await stopProcess(sandbox.child);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}
if (ONLY === 'scaleout') {
  const result = await runScaleout();
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}
if (ONLY === 'engine-embedded') {
  const sandbox = await startProcess('bench/lib/sandbox-server-main.ts', {
    SANDBOX_OPTIONS: JSON.stringify({ latencyMs: LATENCY_MS, seed: 1 }),
  });
  await configureSandboxHttpAgent({ connections: 512 });
  const embedded = await openDatabase({});
  await migrate(embedded);
  const result = await runEngineLateness(embedded, sandbox.ready);
  await embedded.close();
  await stopProcess(sandbox.child);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}
if (ONLY === 'networks') {
  const result = await runMixedNetworks();
  process.stderr.write(`${networksLine(result)}\n`);
  process.stdout.write(`${JSON.stringify(JSON_OUT ? networksJson(result) : result)}\n`);
  process.exit(0);
}
if (ONLY === 'chaos') {
  const result = await runChaos();
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}
const lateness = await runLateness();
log('chaos: 5% 5xx, 2% timeouts after acceptance, 2% 429, no idempotency on the network, 3 SIGKILLs…');
const chaos = await runChaos();
const claim = await runClaim();
log('scale-out: 4 worker processes on one Postgres, chaos, one worker SIGKILLed…');
const scaleout = await runScaleout();
log('networks: thirteen networks on their contract servers and a real WordPress, chaos, one worker SIGKILLed…');
const networks = await runMixedNetworks();
log('resumable upload: a video to the YouTube test server, cut at 30 %, 60 % and 90 %…');
const upload = await runUpload();

const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : 'n/a');
const table = [
  ['scenario', 'published', 'p50 ms', 'p99 ms', 'max ms'],
  [`engine, Postgres`, lateness.postgres.published, lateness.postgres.p50, lateness.postgres.p99, lateness.postgres.max],
  [`naive pg-boss (baseline), Postgres`, lateness.baseline.published, lateness.baseline.p50, lateness.baseline.p99, lateness.baseline.max],
  [`engine, embedded (PGlite)`, lateness.embedded.published, lateness.embedded.p50, lateness.embedded.p99, lateness.embedded.max],
  [`chaos (engine, Postgres)`, chaos.published, chaos.lateness.p50, chaos.lateness.p99, chaos.lateness.max],
];
const out = [
  `Publishing benchmark: ${POSTS.toLocaleString('en')} publications due within 1 min (${SAME_SECOND.toLocaleString('en')} in the same second), ${CHANNELS} sandbox channels, ${LATENCY_MS} ms network latency`,
  '',
  ...table.map((row) =>
    row.map((cell, i) => (typeof cell === 'number' ? fmt(cell) : cell).padStart(i === 0 ? 0 : 10).padEnd(i === 0 ? 36 : 0)).join(' '),
  ),
  '',
  `chaos: ${chaos.publications} publications, ${chaos.published} published, ${chaos.failed} failed (${chaos.failedWithoutReason} without a reason), duplicates ${chaos.duplicates}, lost ${chaos.lost}, worker SIGKILLs ${chaos.kills}`,
  `chaos attempts by outcome: ${JSON.stringify(chaos.attempts)}; finished before they started: ${chaos.attemptsFinishedBeforeStarted}`,
  `scale-out: ${scaleout.workers} workers, ${scaleout.publications} publications on ${scaleout.channels} channels: ${scaleout.published} published, ${scaleout.failed} failed, duplicates ${scaleout.duplicates}, lost ${scaleout.lost}, posts above a channel's limit ${scaleout.rateViolations}; lateness p50 ${fmt(scaleout.p50)} ms, p99 ${fmt(scaleout.p99)} ms (against due time alone ${fmt(scaleout.rawP99)} ms), max ${fmt(scaleout.max)} ms; due around the kill: max ${fmt(scaleout.nearKillMax)} ms`,
  `scale-out attempts by outcome: ${JSON.stringify(scaleout.attempts)}`,
  networksLine(networks),
  `resumable upload: ${(upload.upload_bytes / 1024 / 1024).toFixed(0)} MB cut ${upload.upload_cuts} times: ${upload.upload_videos} video(s), intact ${upload.upload_intact}, resend ratio ${upload.upload_resend_ratio}, peak RSS +${upload.upload_peak_rss_mb} MB, ${upload.upload_seconds} s`,
  `claim with ${claim.stored.toLocaleString('en')} future publications stored: p50 ${claim.p50.toFixed(2)} ms, p99 ${claim.p99.toFixed(2)} ms, max ${claim.max.toFixed(2)} ms (300 rounds)`,
];
if (!JSON_OUT) process.stdout.write(`${out.join('\n')}\n`);
else {
  process.stderr.write(`${out.join('\n')}\n`);
  process.stdout.write(
    `${JSON.stringify({
      p50_ms: lateness.postgres.p50,
      p99_ms: lateness.postgres.p99,
      max_ms: lateness.postgres.max,
      baseline_p99_ms: lateness.baseline.p99,
      embedded_p99_ms: lateness.embedded.p99,
      embedded_max_ms: lateness.embedded.max,
      published: lateness.postgres.published,
      duplicates: chaos.duplicates,
      lost: chaos.lost,
      chaos_failed_without_reason: chaos.failedWithoutReason,
      claim_p99_ms: Number(claim.p99.toFixed(2)),
      scaleout_p99_ms: scaleout.p99,
      scaleout_duplicates: scaleout.duplicates,
      scaleout_lost: scaleout.lost,
      scaleout_rate_violations: scaleout.rateViolations,
      ...networksJson(networks),
      upload_videos: upload.upload_videos,
      upload_intact: upload.upload_intact,
      upload_resend_ratio: upload.upload_resend_ratio,
      upload_peak_rss_mb: upload.upload_peak_rss_mb,
    })}\n`,
  );
}
process.exit(0);
