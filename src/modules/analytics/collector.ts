import { sql } from 'kysely';
import type { AppContext } from '../../server/context.ts';
import { NetworkError } from '../../networks/types.ts';
import { channelContext, probeChannel } from '../channels/service.ts';
import { ChannelRateLimiter } from '../publishing/rate-limiter.ts';
import { collectEngagers } from './engagers.ts';
import { FIRST_DAY_STEP, loadSnapshotTarget, rebuildDailyRollup, recordSnapshot, SNAPSHOT_OFFSETS_MS } from './snapshots.ts';

/** Metric reads per minute per channel the collector allows itself (networks' read limits are far higher). */
const READS_PER_MINUTE = 60;
/** Lease on a claimed schedule row: another worker retries it after this if we die. */
const LEASE_MS = 5 * 60_000;
/** Publications older than this are not discovered automatically (use the backfill). */
const DISCOVERY_WINDOW_MS = 31 * 86_400_000;
const MAX_ATTEMPTS_PER_STEP = 5;
/**
 * Steps after which engaging accounts are fetched: 24 h (most engagement has
 * happened, the post is in the period dashboards show first) and 7 d (late
 * likes and replies). Listing engagers costs several paged requests per post,
 * so not at every snapshot; null is a backfill, which takes them once too.
 */
const ENGAGER_STEPS: ReadonlyArray<number | null> = [FIRST_DAY_STEP, SNAPSHOT_OFFSETS_MS.indexOf(7 * 86_400_000), null];

/** What one collection pass did. */
export interface CollectionResult {
  discovered: number;
  snapshots: number;
  errors: number;
  deferred: number;
  followers: number;
}

const limiter = new ChannelRateLimiter();

/**
 * Fetches a publication's engagers after a successful snapshot, when its step
 * calls for it. It rides on the snapshot's read token (skipping when a burst
 * used the budget up would lose the step for good); the network's own limit is
 * respected instead: a 429 blocks the channel's reads like one from fetchMetrics.
 * Failures are recorded like other collection errors and never fail the snapshot;
 * a failed 24 h fetch is retried at 7 d.
 */
async function collectEngagersAfterSnapshot(ctx: AppContext, row: { workspace_id: string; channel_id: string; publication_id: string }, step: number | null): Promise<void> {
  if (!ENGAGER_STEPS.includes(step)) return;
  try {
    const error = await collectEngagers(ctx, row.publication_id);
    if (!error) return;
    if (error instanceof NetworkError && error.kind === 'rate_limited') limiter.block(row.channel_id, ctx.clock.now() + (error.details.retryAfterMs ?? 60_000));
    await recordError(ctx, row.workspace_id, row.channel_id, row.publication_id, `engagers_${error instanceof NetworkError ? error.code : 'error'}`, `Engaging accounts: ${error.message}`);
  } catch (error) {
    ctx.logger.error({ err: error, publicationId: row.publication_id }, 'collecting engagers failed');
  }
}

/** Index of the first snapshot step whose time is still ahead of `now`, or null when all have passed. */
export function nextStepAfter(publishedAt: Date, now: number): { step: number; dueAt: Date } | null {
  for (let step = 0; step < SNAPSHOT_OFFSETS_MS.length; step++) {
    const due = publishedAt.getTime() + SNAPSHOT_OFFSETS_MS[step];
    if (due > now) return { step, dueAt: new Date(due) };
  }
  return null;
}

async function recordError(ctx: AppContext, workspaceId: string, channelId: string | null, publicationId: string | null, code: string, message: string): Promise<void> {
  await ctx.database.db
    .insertInto('metric_collection_errors')
    .values({ workspace_id: workspaceId, channel_id: channelId, publication_id: publicationId, code, message: message.slice(0, 1000), created_at: new Date(ctx.clock.now()) })
    .execute();
}

/** Puts newly published publications on the decaying snapshot schedule. */
export async function discoverPublished(ctx: AppContext, sinceMs?: number): Promise<number> {
  const now = ctx.clock.now();
  const since = new Date(sinceMs ?? now - DISCOVERY_WINDOW_MS);
  const result = await sql<{ publication_id: string }>`
    INSERT INTO metric_schedule (publication_id, workspace_id, channel_id, published_at, next_step, next_due_at)
    SELECT p.id, p.workspace_id, p.channel_id, p.published_at, 0, p.published_at + interval '1 hour'
    FROM publications p
    WHERE p.state = 'published' AND p.published_at >= ${since}
    ON CONFLICT (publication_id) DO NOTHING
    RETURNING publication_id`.execute(ctx.database.db);
  return result.rows.length;
}

/** Takes the channel's follower count today (the day in its brand's time zone) for active channels that have none yet. */
export async function collectFollowers(ctx: AppContext, options: { workspaceId?: string } = {}): Promise<number> {
  const now = ctx.clock.now();
  // "Today" differs per brand: computed in SQL with the workspace's zone.
  const today = sql<string>`to_char((${new Date(now)}::timestamptz AT TIME ZONE w.time_zone)::date, 'YYYY-MM-DD')`;
  let query = ctx.database.db
    .selectFrom('channels as c')
    .innerJoin('workspaces as w', 'w.id', 'c.workspace_id')
    .selectAll('c')
    .select(today.as('local_day'))
    .where('c.status', '=', 'active')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('channel_follower_snapshots as f').select('f.day').whereRef('f.channel_id', '=', 'c.id').where(sql<boolean>`f.day = (${new Date(now)}::timestamptz AT TIME ZONE w.time_zone)::date`))));
  if (options.workspaceId) query = query.where('c.workspace_id', '=', options.workspaceId);
  const channels = await query.limit(200).execute();
  let stored = 0;
  for (const { local_day: day, ...channel } of channels) {
    if (!ctx.networks.has(channel.network)) continue;
    if (limiter.take(channel.id, READS_PER_MINUTE, now) > 0) continue;
    const health = await probeChannel(ctx.networks.get(channel.network), channelContext(ctx, channel));
    const followers = health.account?.followers;
    if (!health.ok || typeof followers !== 'number') {
      await recordError(ctx, channel.workspace_id, channel.id, null, health.error?.code ?? 'no_followers', health.error?.message ?? `${channel.network} did not report a follower count`);
      continue;
    }
    await ctx.database.db
      .insertInto('channel_follower_snapshots')
      .values({ channel_id: channel.id, workspace_id: channel.workspace_id, day, followers, captured_at: new Date(now) })
      .onConflict((oc) => oc.columns(['channel_id', 'day']).doUpdateSet({ followers, captured_at: new Date(now) }))
      .execute();
    stored++;
  }
  return stored;
}

interface ClaimedRow {
  publication_id: string;
  workspace_id: string;
  channel_id: string;
  published_at: Date;
  next_step: number;
  attempts: number;
}

/** Claims due schedule rows (skipping ones other workers hold) and leases them. */
async function claimDue(ctx: AppContext, limit: number): Promise<ClaimedRow[]> {
  const now = new Date(ctx.clock.now());
  const result = await sql<ClaimedRow>`
    UPDATE metric_schedule s SET next_due_at = ${new Date(now.getTime() + LEASE_MS)}
    WHERE s.publication_id IN (
      SELECT publication_id FROM metric_schedule
      WHERE next_due_at IS NOT NULL AND next_due_at <= ${now}
      ORDER BY next_due_at LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING s.publication_id, s.workspace_id, s.channel_id, s.published_at, s.next_step, s.attempts`.execute(ctx.database.db);
  return result.rows.map((row) => ({ ...row, published_at: new Date(row.published_at) }));
}

/** Fetches and stores one publication's metrics now; returns the error when it failed. */
export async function snapshotPublication(ctx: AppContext, publicationId: string, step: number | null): Promise<NetworkError | Error | null> {
  const db = ctx.database.db;
  const target = await loadSnapshotTarget(db, publicationId);
  if (!target) return new Error('Publication is not published');
  const publication = await db.selectFrom('publications').select(['remote_id']).where('id', '=', publicationId).executeTakeFirstOrThrow();
  const channel = await db.selectFrom('channels').selectAll().where('id', '=', target.channelId).executeTakeFirstOrThrow();
  if (!publication.remote_id) return new NetworkError('permanent', 'no_remote_id', 'The publication has no remote id');
  if (!ctx.networks.has(channel.network)) return new NetworkError('permanent', 'unknown_network', `No adapter for ${channel.network}`);
  try {
    const metrics = await ctx.networks.get(channel.network).fetchMetrics(channelContext(ctx, channel, AbortSignal.timeout(15_000)), publication.remote_id);
    const capturedAt = new Date(ctx.clock.now());
    await db.transaction().execute((trx) => recordSnapshot(trx, target, metrics, capturedAt, step));
    return null;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * One pass of the collector: discovers new publications, snapshots the due
 * ones (per-channel read limits, 429s respected), and takes today's followers.
 */
export async function collectDueMetrics(ctx: AppContext, options: { limit?: number; discoverSinceMs?: number } = {}): Promise<CollectionResult> {
  const result: CollectionResult = { discovered: 0, snapshots: 0, errors: 0, deferred: 0, followers: 0 };
  result.followers = await collectFollowers(ctx);
  result.discovered = await discoverPublished(ctx, options.discoverSinceMs);
  const db = ctx.database.db;
  const rows = await claimDue(ctx, options.limit ?? 100);
  for (const row of rows) {
    const now = ctx.clock.now();
    const wait = limiter.take(row.channel_id, READS_PER_MINUTE, now);
    if (wait > 0) {
      await db.updateTable('metric_schedule').set({ next_due_at: new Date(now + wait) }).where('publication_id', '=', row.publication_id).execute();
      result.deferred++;
      continue;
    }
    const error = await snapshotPublication(ctx, row.publication_id, row.next_step);
    const after = ctx.clock.now();
    if (!error) {
      await collectEngagersAfterSnapshot(ctx, row, row.next_step);
      const next = nextStepAfter(row.published_at, after);
      await db
        .updateTable('metric_schedule')
        .set({ next_step: next?.step ?? SNAPSHOT_OFFSETS_MS.length, next_due_at: next?.dueAt ?? null, attempts: 0 })
        .where('publication_id', '=', row.publication_id)
        .execute();
      result.snapshots++;
      continue;
    }
    result.errors++;
    const kind = error instanceof NetworkError ? error.kind : 'transient';
    const code = error instanceof NetworkError ? error.code : 'error';
    await recordError(ctx, row.workspace_id, row.channel_id, row.publication_id, code, error.message);
    const attempts = row.attempts + 1;
    let nextDue: Date | null;
    let nextStep = row.next_step;
    if (kind === 'rate_limited') {
      const retryAfter = error instanceof NetworkError ? (error.details.retryAfterMs ?? 60_000) : 60_000;
      limiter.block(row.channel_id, after + retryAfter);
      nextDue = new Date(after + retryAfter);
    } else if (kind === 'permanent' || kind === 'auth' || attempts >= MAX_ATTEMPTS_PER_STEP) {
      // Give up on this step; later steps may still succeed (e.g. after a reconnect).
      const next = nextStepAfter(row.published_at, after);
      nextStep = next?.step ?? SNAPSHOT_OFFSETS_MS.length;
      nextDue = code === 'not_found' ? null : (next?.dueAt ?? null);
    } else {
      nextDue = new Date(after + Math.min(6 * 3_600_000, 60_000 * 2 ** attempts));
    }
    await db
      .updateTable('metric_schedule')
      .set({ next_step: nextStep, next_due_at: nextDue, attempts: kind === 'rate_limited' ? row.attempts : nextStep !== row.next_step ? 0 : attempts, last_error: `${code}: ${error.message}`.slice(0, 500), last_error_at: new Date(after) })
      .where('publication_id', '=', row.publication_id)
      .execute();
  }
  return result;
}

/** Progress of a backfill. */
export interface BackfillProgress {
  total: number;
  done: number;
  failed: number;
  finished: boolean;
}

/**
 * Snapshots every published publication of a workspace once, now (any age),
 * then rebuilds its daily rollup. Reports progress after each publication.
 */
export async function backfillMetrics(ctx: AppContext, workspaceId: string, onProgress: (progress: BackfillProgress) => void = () => undefined): Promise<BackfillProgress> {
  const db = ctx.database.db;
  await collectFollowers(ctx, { workspaceId });
  await discoverPublished(ctx, 0);
  const ids = await db.selectFrom('publications').select('id').where('workspace_id', '=', workspaceId).where('state', '=', 'published').orderBy('published_at').execute();
  const progress: BackfillProgress = { total: ids.length, done: 0, failed: 0, finished: false };
  onProgress({ ...progress });
  for (const { id } of ids) {
    const error = await snapshotPublication(ctx, id, null);
    if (error) {
      progress.failed++;
      await recordError(ctx, workspaceId, null, id, error instanceof NetworkError ? error.code : 'error', error.message);
    } else {
      const publication = await db.selectFrom('publications').select('channel_id').where('id', '=', id).executeTakeFirstOrThrow();
      await collectEngagersAfterSnapshot(ctx, { workspace_id: workspaceId, channel_id: publication.channel_id, publication_id: id }, null);
    }
    progress.done++;
    onProgress({ ...progress });
  }
  await db.transaction().execute((trx) => rebuildDailyRollup(trx, workspaceId));
  progress.finished = true;
  onProgress({ ...progress });
  return progress;
}
