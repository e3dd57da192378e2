/**
 * The mixed-network publishing run (`npm run bench:publish -- --only=networks [--small]`, and part
 * of the full bench): publications due within a window across the farm's networks (Facebook,
 * Instagram, Threads, X, LinkedIn, Pinterest, Google Business Profile, Telegram, Discord, Slack,
 * YouTube, TikTok and a real WordPress), each channel its own account on the network's local
 * contract server (network-farm.ts), with 5% 5xx and 2% timeouts after acceptance on every POST
 * (and PUT for YouTube's and TikTok's uploads; the fault proxy) and one of two worker processes
 * SIGKILLed halfway. YouTube posts carry a small MP4; TikTok posts alternate between that video
 * (uploaded in chunks) and a photo post (pulled by URL), each after the creator-info query and
 * polled to PUBLISH_COMPLETE; WordPress posts are text.
 *
 * Each channel gets only as many posts as its network's documented posting rate allows
 * (`postsPerMinutePerChannel`, as the engine obeys it, with a quarter's room), spaced accordingly,
 * so lateness is the engine's and not the rate limit's; posts above a channel's limit are still
 * counted from the networks' own post stamps (`rateViolations`).
 *
 * Oracles, from the servers' state: duplicates (posts per text per account above one), lost
 * (publications not settled, or settled as published with no post on the network, or only one not
 * finished: a YouTube video still private, a WordPress post not `publish`), and lateness per
 * network = when the network made the post − due time (for Instagram and Threads that is the
 * container's publish call, media_publish / threads_publish; for YouTube the videos.update that
 * takes the uploaded video out of private).
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { ChildProcess } from 'node:child_process';
import { openDatabase, migrate } from '../../src/db/database.ts';
import type { SecretBox } from '../../src/lib/crypto.ts';
import { FileMediaStore } from '../../src/modules/media/store.ts';
import { tinyVideo } from '../../src/modules/media/testing/tiny-video.ts';
import { defaultAdapters } from '../../src/networks/index.ts';
import { postingBucket } from '../../src/networks/rate-rule.ts';
import { FARM_NETWORKS, injectedFaults, startNetworkFarm, type FarmNetwork, type NetworkFarm } from './network-farm.ts';
import { createPgDatabase } from './pg.ts';
import { percentile, startProcess, stopProcess } from './processes.ts';

export interface NetworksRunOptions {
  /** Publications in all (split as evenly as they go across the farm's networks, FARM_NETWORKS). */
  publications: number;
  /** Window the due times fall in (ms). */
  windowMs: number;
  /** Time between storing the workload and the first due time (ms). */
  leadMs: number;
  secret: string;
  secrets: SecretBox;
  /** Where the worker processes keep media (FileMediaStore root). */
  mediaRoot: string;
  log(line: string): void;
  /** Give up waiting for open publications this long after the last due time. */
  settleTimeoutMs?: number;
  rate5xx?: number;
  lostAnswerRate?: number;
}

export interface NetworkNumbers {
  channels: number;
  publications: number;
  published: number;
  failed: number;
  duplicates: number;
  lost: number;
  rateViolations: number;
  p50: number;
  p99: number;
  max: number;
}

export interface NetworksRunResult {
  publications: number;
  published: number;
  failed: number;
  failedWithoutReason: number;
  duplicates: number;
  lost: number;
  rateViolations: number;
  kills: number;
  injected: { error5xx: number; lostAnswers: number };
  unroutedRequests: number;
  attempts: Record<string, number>;
  networks: Record<FarmNetwork, NetworkNumbers>;
}

/** The full run: 2,000 publications due within one minute. */
export const FULL_RUN = { publications: 2_000, windowMs: 60_000, leadMs: 10_000 } as const;
/**
 * `--small` (and the test suite's run): 224 publications due within 20 seconds, about 17 a network
 * (the ten networks of part 1 had 20 each of 200; YouTube, TikTok and WordPress add a few).
 */
export const SMALL_RUN = { publications: 224, windowMs: 20_000, leadMs: 4_000 } as const;

/** A tiny JPEG (Instagram publishes no text-only posts: its publications carry this image). */
const JPEG = Uint8Array.from(
  Buffer.from(
    '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
    'base64',
  ),
);

/** A 6-second vertical MP4 (720×1280, AVC) that YouTube and TikTok accept (TikTok: 3 s at least, 9:16 to 16:9). */
const VIDEO = { bytes: tinyVideo({ width: 720, height: 1280, seconds: 6 }), width: 720, height: 1280, seconds: 6, codec: 'avc1' };

/**
 * What the `n`th bench post of `network` carries: Instagram publishes no text-only posts and a pin
 * is an image; YouTube takes a video; TikTok alternates a video and a photo post, with the privacy
 * level TikTok asks the creator to choose (one its creator info offers).
 */
function benchPost(network: FarmNetwork, n: number, media: { image: string; video: string }) {
  switch (network) {
    case 'instagram':
    case 'pinterest':
      return { media: [{ mediaId: media.image }], options: {} };
    case 'youtube':
      return { media: [{ mediaId: media.video }], options: {} };
    case 'tiktok':
      return { media: [{ mediaId: n % 2 === 0 ? media.video : media.image }], options: { network: { privacy: 'PUBLIC_TO_EVERYONE' } } };
    default:
      return { media: [], options: {} };
  }
}

const adapters = new Map(defaultAdapters().map((a) => [a.name as string, a]));

/** Posts one channel of `network` may get within `windowMs`, and how far apart they are. */
export function channelShape(network: FarmNetwork, windowMs: number): { perChannel: number; spacingMs: number } {
  const perMinute = adapters.get(network)!.limits.postsPerMinutePerChannel;
  // A quarter's room over the rate the engine keeps, so each post's slot is free at its due time.
  const spacingMs = Math.ceil((60_000 / perMinute) * 1.25);
  return { perChannel: Math.max(1, Math.floor(windowMs / spacingMs)), spacingMs };
}

/** One earlier post of Plaza's on each Telegram channel, sent without faults and recorded as published a minute ago. */
async function seedTelegramHistory(
  raw: { query(text: string, params?: unknown[]): Promise<unknown> },
  workspaceId: string,
  farm: NetworkFarm,
  channels: Array<{ id: string; network: FarmNetwork; account: number }>,
  secrets: SecretBox,
): Promise<void> {
  const adapter = adapters.get('telegram')!;
  const mine = channels.filter((c) => c.network === 'telegram');
  const seeded = await Promise.all(
    mine.map(async (c) => {
      const { settings, credentials } = farm.channel(c.account);
      const publicationId = randomUUID();
      const text = `Plaza bench telegram welcome ${publicationId}`;
      const ctx = {
        channelId: c.id,
        settings,
        credentials: secrets.open<Record<string, unknown>>(secrets.seal(credentials)),
        origin: farm.directOrigin,
        allowPrivateUrls: true,
      };
      const result = await adapter.publish(ctx, { publicationId, text, media: [] });
      return { channelId: c.id, publicationId, text, remoteId: result.remoteId };
    }),
  );
  const posts = seeded.map(() => randomUUID());
  const at = new Date(Date.now() - 60_000);
  await raw.query(
    `INSERT INTO posts (id, workspace_id, content, state, scheduled_at) SELECT v.id, $2, v.text, 'published', $3 FROM unnest($1::uuid[], $4::text[]) AS v(id, text)`,
    [posts, workspaceId, at, seeded.map((s) => s.text)],
  );
  await raw.query(
    `INSERT INTO publications (id, post_id, workspace_id, channel_id, network, text, media, state, due_at, remote_id, published_at, first_attempt_at, attempts)
     SELECT v.id, v.post, $3, v.channel, 'telegram', v.text, '[]'::jsonb, 'published', $4, v.remote, $4, $4, 1
       FROM unnest($1::uuid[], $2::uuid[], $5::uuid[], $6::text[], $7::text[]) AS v(id, post, channel, text, remote)`,
    [
      seeded.map((s) => s.publicationId),
      posts,
      workspaceId,
      at,
      seeded.map((s) => s.channelId),
      seeded.map((s) => s.text),
      seeded.map((s) => s.remoteId),
    ],
  );
}

export async function runNetworks(options: NetworksRunOptions): Promise<NetworksRunResult> {
  // As even as it goes: the first `publications % networks` networks get one more.
  const counts = Object.fromEntries(
    FARM_NETWORKS.map((network, i) => [
      network,
      Math.floor(options.publications / FARM_NETWORKS.length) + (i < options.publications % FARM_NETWORKS.length ? 1 : 0),
    ]),
  ) as Record<FarmNetwork, number>;
  const shapes = Object.fromEntries(
    FARM_NETWORKS.map((network) => {
      const shape = channelShape(network, options.windowMs);
      return [network, { ...shape, channels: Math.ceil(counts[network] / shape.perChannel) }];
    }),
  ) as Record<FarmNetwork, { perChannel: number; spacingMs: number; channels: number }>;
  const farms = new Map<FarmNetwork, NetworkFarm>();
  const pgDb = await createPgDatabase();
  const workers: ChildProcess[] = [];
  const stalls = watchStalls();
  // The networks' servers run in this process and stamp each post when they handle it. A real
  // network's servers are not starved by Plaza's workers; here they share two cores with them (and,
  // in the test suite, with other test files), and a starved loop stamps posts seconds late. Ahead of
  // the workers where the OS lets us (root); the stall watch covers what is left.
  const priority = os.getPriority();
  try {
    os.setPriority(-10);
  } catch {
    options.log('networks: could not raise the servers’ CPU priority (not root); stamps may be late on a loaded machine');
  }
  try {
    let seed = 11;
    for (const network of FARM_NETWORKS) {
      farms.set(
        network,
        await startNetworkFarm(network, shapes[network].channels, {
          rate5xx: options.rate5xx ?? 0.05,
          lostAnswerRate: options.lostAnswerRate ?? 0.02,
          hangMs: 8_000,
          seed: seed++,
        }),
      );
    }
    options.log(
      `networks: ${FARM_NETWORKS.map((n) => `${n} ${shapes[n].channels} channels × ${shapes[n].perChannel}`).join(', ')} (each channel its own account)`,
    );
    const database = await openDatabase({ databaseUrl: pgDb.url, poolSize: 4 });
    await migrate(database);
    const raw = database.raw;
    const env = {
      DATABASE_URL: pgDb.url,
      BENCH_SECRET: options.secret,
      BENCH_MEDIA_ROOT: options.mediaRoot,
      // The contract servers listen on loopback: the admin switch PLAZA_ALLOW_PRIVATE_URLS, on.
      PLAZA_ALLOW_PRIVATE_URLS: 'true',
      PLAZA_NETWORK_ORIGINS: [...farms.values()]
        .filter((f) => f.viaOrigins)
        .map((f) => `${f.network}=${f.origin}`)
        .join(','),
      // Instagram, Threads and TikTok's photos are fetched by URL: a signed URL under PUBLIC_URL (the test servers do not fetch it).
      PUBLIC_URL: 'https://plaza.example',
      ENGINE_OPTIONS: JSON.stringify({
        lookaheadMs: 5_000,
        pollMs: 250,
        publishTimeoutMs: 5_000,
        concurrencyPerNetwork: 256,
        baseBackoffMs: 500,
        maxBackoffMs: 4_000,
        maxAttempts: 12,
        heartbeatMs: 1_000,
        deadAfterMs: 5_000,
      }),
    };
    workers.push(...(await Promise.all([0, 1].map(async () => (await startProcess('bench/lib/publish-worker-main.ts', env)).child))));
    // The workers inherit this process's raised priority: theirs goes back to the usual.
    for (const worker of workers)
      try {
        if (worker.pid) os.setPriority(worker.pid, priority);
      } catch {
        // Already gone; the run will say so.
      }

    const { rows: ws } = await raw.query<{ id: string }>(
      `INSERT INTO workspaces (name, time_zone, language, missed_grace_minutes) VALUES ('Bench networks', 'Europe/Madrid', 'es', 600) RETURNING id`,
    );
    const workspaceId = ws[0]!.id;
    const store = new FileMediaStore(options.mediaRoot);
    const stored = await store.put(JPEG);
    const { rows: media } = await raw.query<{ id: string }>(
      `INSERT INTO media (workspace_id, sha256, mime_type, size_bytes, width, height) VALUES ($1, $2, 'image/jpeg', $3, 1080, 1080) RETURNING id`,
      [workspaceId, stored.sha256, stored.size],
    );
    const storedVideo = await store.put(VIDEO.bytes);
    const { rows: videos } = await raw.query<{ id: string }>(
      `INSERT INTO media (workspace_id, sha256, mime_type, size_bytes, width, height, kind, duration_seconds, codec)
       VALUES ($1, $2, 'video/mp4', $3, $4, $5, 'video', $6, $7) RETURNING id`,
      [workspaceId, storedVideo.sha256, storedVideo.size, VIDEO.width, VIDEO.height, VIDEO.seconds, VIDEO.codec],
    );
    const mediaIds = { image: media[0]!.id, video: videos[0]!.id };

    interface Planned {
      id: string;
      network: FarmNetwork;
      account: number;
      channelId: string;
      dueAt: number;
      text: string;
      media: Array<{ mediaId: string }>;
      options: Record<string, unknown>;
    }
    const planned: Planned[] = [];
    const channelRows: Array<{ id: string; network: FarmNetwork; account: number }> = [];
    const startAt = Date.now() + options.leadMs;
    for (const network of FARM_NETWORKS) {
      const { perChannel, spacingMs, channels } = shapes[network];
      const room = Math.max(0, options.windowMs - (perChannel - 1) * spacingMs);
      let count = 0;
      const perNetwork = counts[network];
      for (let c = 0; c < channels; c++) {
        const channelId = randomUUID();
        channelRows.push({ id: channelId, network, account: c });
        // Channels start at spread offsets (a fixed stride, so runs compare).
        const offset = Math.floor((((c * 7919) % 1000) / 1000) * room);
        for (let j = 0; j < perChannel && count < perNetwork; j++, count++) {
          const id = randomUUID();
          planned.push({
            id,
            network,
            account: c,
            channelId,
            dueAt: startAt + offset + j * spacingMs,
            text: `Plaza bench ${network} ${id}`,
            ...benchPost(network, count, mediaIds),
          });
        }
      }
    }
    await raw.query(
      `INSERT INTO channels (id, workspace_id, network, name, settings, credentials_sealed)
       SELECT v.id, $2, v.network, 'bench ' || v.network || ' ' || v.n, v.settings::jsonb, v.sealed
         FROM unnest($1::uuid[], $3::text[], $4::int[], $5::text[], $6::text[]) AS v(id, network, n, settings, sealed)`,
      [
        channelRows.map((c) => c.id),
        workspaceId,
        channelRows.map((c) => c.network),
        channelRows.map((c) => c.account),
        channelRows.map((c) => JSON.stringify(farms.get(c.network)!.channel(c.account).settings)),
        channelRows.map((c) => options.secrets.seal(farms.get(c.network)!.channel(c.account).credentials)),
      ],
    );
    // Telegram reconciles a lost answer from the messages Plaza published on the channel before
    // (its Bot API cannot read a channel): each channel starts with one earlier post of Plaza's, as
    // any channel has after its first. (A channel's very first post cannot be reconciled across
    // workers: docs/networks/telegram.md.)
    if (farms.has('telegram')) await seedTelegramHistory(raw, workspaceId, farms.get('telegram')!, channelRows, options.secrets);
    const postIds = planned.map(() => randomUUID());
    await raw.query(
      `INSERT INTO posts (id, workspace_id, content, state, scheduled_at)
       SELECT v.id, $2, v.text, 'scheduled', v.due FROM unnest($1::uuid[], $3::text[], $4::timestamptz[]) AS v(id, text, due)`,
      [postIds, workspaceId, planned.map((p) => p.text), planned.map((p) => new Date(p.dueAt))],
    );
    await raw.query(
      `INSERT INTO publications (id, post_id, workspace_id, channel_id, network, text, media, options, state, due_at)
       SELECT v.id, v.post, $2, v.channel, v.network, v.text, v.media::jsonb, v.options::jsonb, 'scheduled', v.due
         FROM unnest($1::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::text[])
           AS v(id, post, channel, network, text, media, due, options)`,
      [
        planned.map((p) => p.id),
        workspaceId,
        postIds,
        planned.map((p) => p.channelId),
        planned.map((p) => p.network),
        planned.map((p) => p.text),
        planned.map((p) => JSON.stringify(p.media)),
        planned.map((p) => new Date(p.dueAt)),
        planned.map((p) => JSON.stringify(p.options)),
      ],
    );
    options.log(`networks: ${planned.length} publications stored ${startAt - Date.now()} ms before the first due time`);

    // One worker SIGKILLed halfway through the window (not replaced: the other takes its work over).
    const killAt = startAt + Math.floor(options.windowMs / 2);
    await new Promise((r) => setTimeout(r, Math.max(0, killAt - Date.now())));
    const victim = workers[0]!;
    victim.kill('SIGKILL');
    await new Promise((r) => victim.once('exit', r));
    options.log(`networks: worker 1 of 2 killed with SIGKILL ${Date.now() - startAt} ms after the first due time`);

    const lastDue = Math.max(...planned.map((p) => p.dueAt));
    const deadline = lastDue + (options.settleTimeoutMs ?? 180_000);
    let nextReport = Date.now() + 15_000;
    for (;;) {
      const { rows } = await raw.query<{ open: number }>(
        `SELECT count(*)::int AS open FROM publications WHERE state IN ('scheduled', 'publishing', 'pending')`,
      );
      if (rows[0]!.open === 0 || Date.now() > deadline) break;
      if (Date.now() >= nextReport) {
        nextReport = Date.now() + 15_000;
        options.log(`networks: ${rows[0]!.open} publications still open ${Date.now() - startAt} ms after the first due time`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }

    const { rows } = await raw.query<{ id: string; state: string; error_message: string | null }>(
      'SELECT id, state, error_message FROM publications',
    );
    const stateOf = new Map(rows.map((r) => [r.id, r]));
    const { rows: attempts } = await raw.query<{ outcome: string; n: number }>(
      'SELECT outcome, count(*)::int AS n FROM publication_attempts GROUP BY outcome ORDER BY outcome',
    );
    const failedReasons = new Map<string, number>();
    for (const r of rows)
      if (r.state === 'failed') failedReasons.set(r.error_message ?? '', (failedReasons.get(r.error_message ?? '') ?? 0) + 1);
    if (failedReasons.size) options.log(`networks: failed publications by reason: ${JSON.stringify(Object.fromEntries(failedReasons))}`);
    await database.close();

    const networks = {} as Record<FarmNetwork, NetworkNumbers>;
    for (const network of FARM_NETWORKS) {
      const farm = farms.get(network)!;
      const mine = planned.filter((p) => p.network === network);
      const rule = postingBucket(adapters.get(network)!.limits.postsPerMinutePerChannel);
      let duplicates = 0;
      let rateViolations = 0;
      const madeAt = new Map<string, number>();
      const textToId = new Map(mine.map((p) => [p.text, p.id]));
      for (let account = 0; account < farm.accounts; account++) {
        const posts = (await farm.posts(account)).sort((a, b) => a.at - b.at);
        const count = new Map<string, number>();
        for (const post of posts) {
          count.set(post.text, (count.get(post.text) ?? 0) + 1);
          const id = textToId.get(post.text);
          // A video left private or a draft is on the network (a duplicate counts it) but not published.
          if (id && !madeAt.has(id) && !post.unfinished) madeAt.set(id, post.at);
        }
        for (const [text, n] of count) {
          if (n < 2) continue;
          duplicates += n - 1;
          const id = textToId.get(text);
          const stamps = posts.filter((p) => p.text === text).map((p) => p.at - startAt);
          options.log(`networks: ${network} account ${account} duplicate ${id ?? text.slice(0, 60)} ×${n} at ${stamps.join(', ')} ms`);
        }
        // The channel's token bucket replayed over the network's own stamps (50 ms of clock slack).
        // A post's stamp is when this process handled its request: a stall here (a starved loop on a
        // loaded machine) stamps it late, and the next one looks closer to it than it was sent.
        // Each post counts from the earliest it may have arrived.
        let tokens = rule.capacity;
        let last = -Infinity;
        let previous: (typeof posts)[number] | undefined;
        for (const post of posts) {
          tokens = last === -Infinity ? rule.capacity : Math.min(rule.capacity, tokens + (post.at - last + 50) * rule.refillPerMs);
          last = post.at - stalls.delayBefore(post.at);
          if (tokens < 1) {
            rateViolations += 1;
            // How far short of the rule the network saw it, so a failure says by how much.
            options.log(
              `networks: ${network} account ${account} post above the limit: ${Math.round((1 - tokens) / rule.refillPerMs)} ms early (${JSON.stringify(
                [previous, post].map(
                  (p) =>
                    p && {
                      text: p.text.slice(0, 60),
                      at: p.at - startAt,
                      due: (planned.find((x) => x.text === p.text)?.dueAt ?? NaN) - startAt,
                      stall: stalls.delayBefore(p.at),
                    },
                ),
              )})`,
            );
          }
          previous = post;
          tokens = Math.max(0, tokens - 1);
        }
      }
      const published = mine.filter((p) => stateOf.get(p.id)?.state === 'published');
      const failed = mine.filter((p) => stateOf.get(p.id)?.state === 'failed');
      const lost =
        mine.filter((p) => !['published', 'failed'].includes(stateOf.get(p.id)?.state ?? '')).length +
        published.filter((p) => !madeAt.has(p.id)).length;
      if (lost > 0)
        options.log(
          `networks: ${network} lost ${JSON.stringify(
            mine
              .filter(
                (p) =>
                  !['published', 'failed'].includes(stateOf.get(p.id)?.state ?? '') ||
                  (stateOf.get(p.id)?.state === 'published' && !madeAt.has(p.id)),
              )
              .map((p) => ({ id: p.id, account: p.account, state: stateOf.get(p.id)?.state })),
          )}`,
        );
      const lateness = mine.filter((p) => madeAt.has(p.id)).map((p) => madeAt.get(p.id)! - p.dueAt);
      networks[network] = {
        channels: farm.accounts,
        publications: mine.length,
        published: published.length,
        failed: failed.length,
        duplicates,
        lost,
        rateViolations,
        p50: percentile(lateness, 50),
        p99: percentile(lateness, 99),
        max: lateness.length ? Math.max(...lateness) : NaN,
      };
    }
    const all = Object.values(networks);
    const sum = (pick: (n: NetworkNumbers) => number) => all.reduce((total, n) => total + pick(n), 0);
    const injected = injectedFaults(farms.values());
    return {
      publications: planned.length,
      published: sum((n) => n.published),
      failed: sum((n) => n.failed),
      failedWithoutReason: rows.filter((r) => r.state === 'failed' && !r.error_message).length,
      duplicates: sum((n) => n.duplicates),
      lost: sum((n) => n.lost),
      rateViolations: sum((n) => n.rateViolations),
      kills: 1,
      injected,
      unroutedRequests: [...farms.values()].reduce((total, f) => total + f.unrouted, 0),
      attempts: Object.fromEntries(attempts.map((a) => [a.outcome, a.n])),
      networks,
    };
  } finally {
    stalls.stop();
    try {
      os.setPriority(priority);
    } catch {
      // Lowering back never fails for the owner; nothing to undo if raising failed.
    }
    for (const worker of workers) await stopProcess(worker, 'SIGKILL');
    for (const farm of farms.values()) await farm.stop();
    await pgDb.drop();
  }
}

/**
 * Watches this process's event loop (where the networks' servers run): a 20 ms timer that fires
 * late shows a stall that ended then. `delayBefore(at)` is the longest stall that ended within the
 * second before `at` (or just after): how late a request that arrived during it may have been handled.
 */
function watchStalls(): { delayBefore(at: number): number; stop(): void } {
  const samples: Array<{ at: number; delay: number }> = [];
  let expected = Date.now() + 20;
  const timer = setInterval(() => {
    const now = Date.now();
    if (now - expected > 30) samples.push({ at: now, delay: now - expected });
    expected = now + 20;
  }, 20);
  return {
    delayBefore: (at) => samples.reduce((max, s) => (s.at >= at - 1_000 && s.at <= at + 50 ? Math.max(max, s.delay) : max), 0),
    stop: () => clearInterval(timer),
  };
}
