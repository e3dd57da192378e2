/**
 * Many workers, one database: the posting limit of a channel holds across
 * engines, and the work of a worker whose heartbeat stopped is taken over within
 * seconds, without duplicates.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DB_KINDS } from './helpers/db.ts';
import { until } from './helpers/wait.ts';
import type { PlazaDatabase } from '../src/db/database.ts';
import { SecretBox } from '../src/lib/crypto.ts';
import { ManualClock, systemClock } from '../src/lib/clock.ts';
import { FileMediaStore } from '../src/modules/media/store.ts';
import { NetworkRegistry } from '../src/networks/registry.ts';
import { SandboxNetwork, sandboxAdapter, startSandboxServer } from '../src/networks/sandbox/index.ts';
import type { SandboxServer } from '../src/networks/sandbox/server.ts';
import { PublishingEngine, type EngineOptions } from '../src/modules/publishing/engine.ts';
import { SharedRateLimiter } from '../src/modules/publishing/rate-limiter.ts';
import { WorkerLiveness } from '../src/modules/publishing/workers.ts';
import { startFaultProxy } from '../src/networks/testing/fault-proxy.ts';

const LOW_LIMIT = 60; // per minute: a burst of 6, then one a second
const secrets = new SecretBox('test-secret-test-secret-test-secret-0123');
const logger = pino({ level: 'silent' });

describe.each(DB_KINDS)('publishing with several workers on %s', (kind) => {
  let database: PlazaDatabase & { url?: string };
  let server: SandboxServer;
  let workspaceId: string;
  let mediaDir: string;
  const engines: PublishingEngine[] = [];

  const contextWith = (postsPerMinute?: number) => ({
    database,
    secrets,
    clock: systemClock,
    logger,
    // The sandbox server listens on loopback, which only PLAZA_ALLOW_PRIVATE_URLS lets adapters reach.
    config: { allowPrivateUrls: true },
    media: new FileMediaStore(mediaDir),
    networks: new NetworkRegistry([
      postsPerMinute === undefined
        ? sandboxAdapter
        : { ...sandboxAdapter, limits: { ...sandboxAdapter.limits, postsPerMinutePerChannel: postsPerMinute } },
    ]),
  });
  const engine = (postsPerMinute: number | undefined, options: EngineOptions) => {
    const created = new PublishingEngine(contextWith(postsPerMinute), {
      pollMs: 100,
      baseBackoffMs: 50,
      maxBackoffMs: 200,
      publishTimeoutMs: 1_500,
      leaseMarginMs: 1_000,
      ...options,
    });
    engines.push(created);
    return created;
  };

  const addChannel = async (handle: string, serverUrl = server.url): Promise<string> => {
    const { rows } = await database.raw.query<{ id: string }>(
      `INSERT INTO channels (workspace_id, network, name, settings, credentials_sealed)
       VALUES ($1, 'sandbox', $2, jsonb_build_object('handle', $2::text, 'serverUrl', $3::text, 'timeoutMs', 5000), $4) RETURNING id`,
      [workspaceId, handle, serverUrl, secrets.seal({ token: `tok-${handle}` })],
    );
    return rows[0].id;
  };

  /** `count` publications of one channel due at `dueAt`, in `state`, optionally claimed. */
  const addPublications = async (
    channelId: string,
    count: number,
    dueAt: number,
    extra: { state?: string; claimedBy?: string; leaseUntil?: number; attempts?: number } = {},
  ) => {
    const ids = Array.from({ length: count }, () => randomUUID());
    const posts = ids.map(() => randomUUID());
    await database.raw.query(
      `INSERT INTO posts (id, workspace_id, content, state, scheduled_at) SELECT unnest($1::uuid[]), $2, 'post', 'scheduled', $3`,
      [posts, workspaceId, new Date(dueAt)],
    );
    await database.raw.query(
      `INSERT INTO publications (id, post_id, workspace_id, channel_id, network, text, state, due_at, claimed_by, lease_until, attempts, first_attempt_at)
       SELECT v.id, v.post, $3, $4, 'sandbox', 'Post ' || v.id, $5, $6::timestamptz, $7, $8::timestamptz, $9::int, CASE WHEN $9::int > 0 THEN $6::timestamptz END
         FROM unnest($1::uuid[], $2::uuid[]) AS v(id, post)`,
      [
        ids,
        posts,
        workspaceId,
        channelId,
        extra.state ?? 'scheduled',
        new Date(dueAt),
        extra.claimedBy ?? null,
        extra.leaseUntil ? new Date(extra.leaseUntil) : null,
        extra.attempts ?? 0,
      ],
    );
    return ids;
  };

  const states = async (ids: string[]) =>
    (
      await database.raw.query<{ id: string; state: string; published_at: Date | null; attempts: number; needs_reconcile: boolean }>(
        'SELECT id, state, published_at, attempts, needs_reconcile FROM publications WHERE id = ANY($1::uuid[])',
        [ids],
      )
    ).rows;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-scaleout-'));
    server = await startSandboxServer({ network: new SandboxNetwork({ seed: 5 }), rateLimit: { postsPerMinutePerChannel: LOW_LIMIT } });
    const { rows } = await database.raw.query<{ id: string }>(
      `INSERT INTO workspaces (name, time_zone, language) VALUES ('Scale', 'UTC', 'en') RETURNING id`,
    );
    workspaceId = rows[0].id;
  });
  afterAll(async () => {
    for (const e of engines) await e.stop(500);
    await server?.close();
    await database?.close();
    if (mediaDir) fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  it('two engines share one channel’s posting limit: the network never sees more than the limit', async () => {
    server.rates.reset();
    const channelId = await addChannel('limited');
    const ids = await addPublications(channelId, 30, Date.now() + 1_200);
    // Each engine claims half of the publications, so both fire at the same instant.
    const a = engine(LOW_LIMIT, { claimBatch: 15, pollMs: 1_000 });
    await a.start();
    await until(async () => a.stats.claimed >= 15);
    const b = engine(LOW_LIMIT, { claimBatch: 15, pollMs: 1_000 });
    await b.start();
    await until(async () => b.stats.claimed >= 15);
    // A burst of 6 goes at once; then one a second.
    await until(async () => server.network.postsOf('limited', { limit: 1000 }).length >= 8, 10_000);
    await a.stop(1_000);
    await b.stop(1_000);
    expect(a.stats.fired).toBeGreaterThan(0);
    expect(b.stats.fired).toBeGreaterThan(0);
    const accepted = server.network.accepted.filter((e) => e.accountHandle === 'limited').map((e) => e.acceptedAt);
    const report = server.rates.report();
    expect(report.postsPerMinutePerChannel).toBe(LOW_LIMIT);
    expect(report.violations, JSON.stringify({ report, accepted: accepted.map((t) => t - accepted[0]) })).toBe(0);
    // The first second holds the burst and at most one or two refills, not a burst per engine.
    expect(accepted.filter((t) => t - accepted[0] < 1_000).length).toBeLessThanOrEqual(7);
    expect(server.network.countDuplicates()).toBe(0);
    // The rest wait their turn, scheduled again for later (no attempt spent on waiting).
    const rows = await states(ids);
    expect(rows.filter((r) => r.state === 'published').length).toBe(accepted.length);
    expect(rows.filter((r) => r.state === 'scheduled').length).toBe(30 - accepted.length);
  });

  it('a refused attempt (503) gives its posting slot back; a lost answer keeps it, and its retry reconciles without a slot', async () => {
    // 6 a minute: one post, then one every 10 s.
    const perMinute = 6;
    const spacing = 10_000;
    const proxy = await startFaultProxy(server.url);
    try {
      const refused = await addChannel('slot-refused', proxy.url);
      const lost = await addChannel('slot-lost', proxy.url);
      const onPosts = (handle: string) => (method: string, path: string) => method === 'POST' && path.includes(`/${handle}/posts`);
      proxy.answerNext(onPosts('slot-refused'), 503);
      proxy.loseNextAnswer(onPosts('slot-lost'));
      const live = engine(perMinute, { reconcileDelayMs: 200 });
      await live.start();
      const dueAt = Date.now() + 1_000;
      // Each channel: one publication at dueAt (its first attempt fails), one a second later.
      const first = [...(await addPublications(refused, 1, dueAt)), ...(await addPublications(lost, 1, dueAt))];
      const second = [...(await addPublications(refused, 1, dueAt + 1_000)), ...(await addPublications(lost, 1, dueAt + 1_000))];
      const done = await until(async () => {
        const rows = await states([...first, ...second]);
        return rows.every((r) => r.state === 'published') ? rows : null;
      }, 20_000);
      await live.stop(500);
      const byId = new Map(done.map((r) => [r.id, r]));
      const acceptedAt = (handle: string) =>
        server.network.accepted.filter((e) => e.accountHandle === handle).map((e) => e.acceptedAt - dueAt);
      // The 503 posted nothing: its retry went within a backoff, not 10 s later at the next slot.
      const [refusedFirst, refusedSecond] = acceptedAt('slot-refused');
      expect(acceptedAt('slot-refused')).toHaveLength(2);
      // (Before, it went at the next slot: 10 s. Half of that leaves room for a loaded machine.)
      expect(refusedFirst!).toBeLessThan(spacing / 2);
      expect(byId.get(first[0]!)!.attempts).toBe(2);
      // The lost answer did post (at its due time) and was found by the retry, without waiting for a slot.
      const [lostFirst, lostSecond] = acceptedAt('slot-lost');
      expect(acceptedAt('slot-lost')).toHaveLength(2);
      expect(lostFirst!).toBeLessThan(spacing / 2);
      expect(new Date(byId.get(first[1]!)!.published_at!).getTime() - dueAt).toBeLessThan(spacing / 2);
      // Both channels' limit held: the second post went a full slot after the first (as the network stamps them).
      // (The stamps are when each request reached the server, a token's grant plus the trip there: on a
      // loaded machine that trip varies by hundreds of milliseconds. The limiter's own spacing is
      // checked exactly in src/modules/publishing/rate-limiter.test.ts.)
      expect(refusedSecond! - refusedFirst!).toBeGreaterThanOrEqual(spacing - 1_000);
      expect(lostSecond! - lostFirst!).toBeGreaterThanOrEqual(spacing - 1_000);
      for (const id of [...first, ...second])
        expect(
          server.network.postsOf('slot-refused', { marker: id }).length + server.network.postsOf('slot-lost', { marker: id }).length,
        ).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('takes a silent worker’s claims over within seconds: unstarted ones at once, in-flight ones reconciled, no duplicate', async () => {
    const channelId = await addChannel('takeover');
    const now = Date.now();
    // A worker that stopped heartbeating 1.5 s ago (dead after 1 s); its calls lasted at most 1.5 s.
    await database.raw.query(
      `INSERT INTO publishing_workers (id, started_at, heartbeat_at, dead_after_ms, send_window_ms) VALUES ('dead-worker', $1, $2, 1000, 1500)`,
      [new Date(now - 60_000), new Date(now - 1_500)],
    );
    // Claimed, not started: its lease would keep them for 35 s.
    const claimed = await addPublications(channelId, 10, now - 100, { claimedBy: 'dead-worker', leaseUntil: now + 35_000 });
    // Started (in 'publishing'), lease 60 s; the first one's call did reach the network before the worker died.
    const inFlight = await addPublications(channelId, 3, now - 200, {
      state: 'publishing',
      claimedBy: 'dead-worker',
      leaseUntil: now + 60_000,
      attempts: 1,
    });
    await database.raw.query(
      `INSERT INTO publication_attempts (publication_id, worker_id, started_at, outcome) SELECT unnest($1::uuid[]), 'dead-worker', $2, 'started'`,
      [inFlight, new Date(now - 200)],
    );
    server.network.acceptPost('takeover', { text: `Post ${inFlight[0]}`, media: [], marker: inFlight[0] });

    const live = engine(undefined, { heartbeatMs: 200, deadAfterMs: 1_000, reconcileDelayMs: 200 });
    await live.start();
    const all = [...claimed, ...inFlight];
    const done = await until(async () => {
      const rows = await states(all);
      return rows.every((r) => r.state === 'published') ? rows : null;
    }, 10_000);
    const publishedAt = new Map(done.map((r) => [r.id, new Date(r.published_at!).getTime()]));
    // Unstarted claims: out within seconds, not after the 35 s lease.
    for (const id of claimed) expect(publishedAt.get(id)! - now).toBeLessThan(5_000);
    // In flight: not before their calls could have landed (heartbeat + 1 s + 1.5 s + 0.2 s settle = now + 1.2 s), well before the 60 s lease.
    for (const id of inFlight) {
      expect(publishedAt.get(id)! - now).toBeGreaterThanOrEqual(1_150);
      expect(publishedAt.get(id)! - now).toBeLessThan(8_000);
    }
    // Exactly one post per publication on the network; the one that had landed was found, not posted again.
    for (const id of all) expect(server.network.postsOf('takeover', { marker: id })).toHaveLength(1);
    const { rows: attempts } = await database.raw.query<{ publication_id: string; outcome: string; worker_id: string }>(
      'SELECT publication_id, outcome, worker_id FROM publication_attempts WHERE publication_id = ANY($1::uuid[]) ORDER BY id',
      [inFlight],
    );
    expect(attempts.filter((a) => a.publication_id === inFlight[0]).map((a) => a.outcome)).toEqual(['abandoned', 'reconciled']);
    const { rows: workers } = await database.raw.query<{ id: string }>('SELECT id FROM publishing_workers');
    expect(workers.map((w) => w.id)).toEqual([live.workerId]);
    expect(live.liveness.taken).toMatchObject({ workers: 1, released: 10, requeued: 3 });
    await live.stop(500);
  });

  it.runIf(kind === 'postgres')(
    'sees a killed worker at once by its lost advisory lock, while a live one with the same silence is left alone',
    async () => {
      const clock = new ManualClock(Date.now());
      const options = { heartbeatMs: 60_000, deadAfterMs: 60_000, sendWindowMs: 1_000, settleMs: 0 };
      // Its heartbeat is fresh, but no connection holds its lock: the process is gone.
      await database.raw.query(
        `INSERT INTO publishing_workers (id, started_at, heartbeat_at, dead_after_ms, send_window_ms, lock_key) VALUES ('killed', $1, $1, 60000, 1000, 424242)`,
        [new Date(clock.now())],
      );
      const alive = new WorkerLiveness(database, clock, logger, 'alive', options);
      const watcher = new WorkerLiveness(database, clock, logger, 'watcher', options);
      await alive.start();
      await watcher.start();
      const result = await watcher.takeOverDead();
      expect(result.workers).toBe(1);
      const { rows } = await database.raw.query<{ id: string }>('SELECT id FROM publishing_workers ORDER BY id');
      expect(rows.map((r) => r.id)).toEqual(['alive', 'watcher']);
      await alive.stop();
      await watcher.stop();
    },
  );

  it('a granted request in flight stops the refill until it is answered, or until its deadline if its worker died', async () => {
    // 6 a minute: one token, refilled every 11 s (a minute's tenth plus the transit margin).
    const channelId = await addChannel('in-flight');
    const limiter = new SharedRateLimiter(database.raw);
    const t0 = Date.now();
    expect(await limiter.take(channelId, 6, t0, t0 + 30_000)).toBe(0);
    // The worker stalls with its request unsent: 20 s later the bucket has not refilled, so the next
    // post cannot land right beside the stalled one.
    expect(await limiter.take(channelId, 6, t0 + 20_000, t0 + 50_000)).toBeGreaterThan(0);
    // Answered at 25 s: the refill starts there, a whole refill before the next token.
    await limiter.answered(channelId, t0 + 25_000);
    expect(await limiter.take(channelId, 6, t0 + 30_000, t0 + 60_000)).toBeGreaterThan(0);
    expect(await limiter.take(channelId, 6, t0 + 36_100, t0 + 40_000)).toBe(0);
    // That one's worker dies in flight: the refill starts at its deadline (40 s).
    expect(await limiter.take(channelId, 6, t0 + 45_000, t0 + 75_000)).toBeGreaterThan(0);
    expect(await limiter.take(channelId, 6, t0 + 51_100, t0 + 80_000)).toBe(0);
  });

  it('shares tokens and 429 blocks between limiter instances (one statement per batch)', async () => {
    const channelId = await addChannel('buckets');
    const one = new SharedRateLimiter(database.raw);
    const two = new SharedRateLimiter(database.raw);
    const t0 = Date.now();
    const first = await Promise.all(Array.from({ length: 4 }, () => one.take(channelId, LOW_LIMIT, t0)));
    const second = await Promise.all(Array.from({ length: 4 }, () => two.take(channelId, LOW_LIMIT, t0)));
    expect(first).toEqual([0, 0, 0, 0]);
    // 6 tokens in all: two more go, the other two wait one and two refills (1.1 s each: a second and
    // the engine's transit margin, rate-rule.ts).
    expect(second.slice(0, 2)).toEqual([0, 0]);
    expect(second[2]).toBeGreaterThan(1_000);
    expect(second[2]).toBeLessThanOrEqual(1_100);
    expect(second[3]).toBeGreaterThan(2_100);
    expect(second[3]).toBeLessThanOrEqual(2_200);
    // Refilled after 3.3 s: 3 tokens.
    const later = await Promise.all(Array.from({ length: 4 }, () => two.take(channelId, LOW_LIMIT, t0 + 3_300)));
    expect(later.filter((w) => w === 0)).toHaveLength(3);
    // A 429 seen by one worker holds the channel for all.
    one.block(channelId, t0 + 20_000);
    await until(async () => {
      const { rows } = await database.raw.query<{ blocked_until: Date | null }>(
        'SELECT blocked_until FROM publishing_rate_buckets WHERE channel_id = $1',
        [channelId],
      );
      return rows[0]?.blocked_until !== null;
    });
    const blocked = await two.take(channelId, LOW_LIMIT, t0 + 10_000);
    expect(blocked).toBeGreaterThanOrEqual(10_000);
  });

  it('a worker whose heartbeat is too old stops sending, and drops the calls of batches started before it was taken over', async () => {
    const clock = new ManualClock(Date.now());
    const liveness = new WorkerLiveness(database, clock, logger, 'fence-test', {
      heartbeatMs: 60_000,
      deadAfterMs: 1_000,
      sendWindowMs: 1_000,
      settleMs: 0,
    });
    expect(liveness.maySend()).toBe(false);
    await liveness.start();
    const registered = clock.now();
    expect(liveness.maySend()).toBe(true);
    expect(await liveness.confirm(registered)).toBe(true);
    liveness.silence();
    clock.advance(999);
    expect(liveness.maySend()).toBe(true);
    clock.advance(1);
    expect(liveness.maySend()).toBe(false);
    // Silent, so nobody heartbeats for it: no call goes.
    expect(await liveness.confirm(registered)).toBe(false);
    // Another worker takes it over; when it beats again it registers anew, and what it started before stays dropped.
    const other = new WorkerLiveness(database, clock, logger, 'fence-other', {
      heartbeatMs: 60_000,
      deadAfterMs: 1_000,
      sendWindowMs: 1_000,
      settleMs: 0,
    });
    await other.start();
    clock.advance(1);
    expect((await other.takeOverDead()).workers).toBe(1);
    clock.advance(10);
    await (liveness as unknown as { beat(): Promise<void> }).beat();
    expect(liveness.maySend()).toBe(true);
    expect(await liveness.confirm(registered)).toBe(false);
    expect(await liveness.confirm(clock.now())).toBe(true);
    await liveness.stop();
    await other.stop();
    const { rows } = await database.raw.query('SELECT id FROM publishing_workers WHERE id = ANY($1::text[])', [
      ['fence-test', 'fence-other'],
    ]);
    expect(rows).toHaveLength(0);
  });
});
