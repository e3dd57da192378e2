import type { AppContext } from '../../server/context.ts';
import { NetworkError } from '../../networks/types.ts';
import { channelContext, probeChannel } from '../channels/service.ts';
import { ChannelRateLimiter } from '../publishing/rate-limiter.ts';
import { collectEngagers } from './engagers.ts';
import {
  FIRST_DAY_STEP,
  FIRST_METRICS_DELAY_MS,
  loadSnapshotTarget,
  rebuildDailyRollup,
  recordSnapshot,
  SNAPSHOT_OFFSETS_MS,
} from './repository/snapshots.ts';
import { collectionErrorsRepository, collectionRepository, type ClaimedScheduleRow } from './repository/collection.ts';

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
async function collectEngagersAfterSnapshot(
  ctx: AppContext,
  row: { workspace_id: string; channel_id: string; publication_id: string },
  step: number | null,
): Promise<void> {
  if (!ENGAGER_STEPS.includes(step)) return;
  try {
    const error = await collectEngagers(ctx, row.publication_id);
    if (!error) return;
    if (error instanceof NetworkError && error.kind === 'rate_limited')
      limiter.block(row.channel_id, ctx.clock.now() + (error.details.retryAfterMs ?? 60_000));
    await recordError(
      ctx,
      row.workspace_id,
      row.channel_id,
      row.publication_id,
      `engagers_${error instanceof NetworkError ? error.code : 'error'}`,
      `Engaging accounts: ${error.message}`,
    );
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

async function recordError(
  ctx: AppContext,
  workspaceId: string,
  channelId: string | null,
  publicationId: string | null,
  code: string,
  message: string,
): Promise<void> {
  await collectionErrorsRepository.record(ctx.database.db, {
    workspaceId,
    channelId,
    publicationId,
    code,
    message,
    now: new Date(ctx.clock.now()),
  });
}

/**
 * Puts newly published publications on the decaying snapshot schedule, the first snapshot
 * due `firstDelayMs` (default FIRST_METRICS_DELAY_MS) after publishing.
 */
export async function discoverPublished(ctx: AppContext, sinceMs?: number, firstDelayMs = FIRST_METRICS_DELAY_MS): Promise<number> {
  const now = ctx.clock.now();
  const since = new Date(sinceMs ?? now - DISCOVERY_WINDOW_MS);
  return collectionRepository.scheduleNewPublications(ctx.database.db, since, firstDelayMs);
}

/**
 * Published publications still waiting for their first metrics, each with when they are expected:
 * its scheduled snapshot, or the first-metrics delay after publishing while the collector has not
 * put it on the schedule yet. A publication whose schedule has no step left (it gave up) is not waiting.
 */
export async function awaitingFirstMetrics(
  ctx: AppContext,
  workspaceId: string,
  filter: { from: Date; to: Date } | { publicationIds: string[] },
): Promise<Map<string, Date>> {
  const rows = await collectionRepository.awaitingFirstMetrics(ctx.database.db, workspaceId, filter);
  const expected = new Map<string, Date>();
  for (const row of rows) {
    if (!row.published_at) continue;
    if (!row.scheduled) expected.set(row.id, new Date(row.published_at.getTime() + FIRST_METRICS_DELAY_MS));
    else if (row.next_due_at) expected.set(row.id, row.next_due_at);
  }
  return expected;
}

/** Takes the channel's follower count today (the day in its brand's time zone) for active channels that have none yet. */
export async function collectFollowers(ctx: AppContext, options: { workspaceId?: string } = {}): Promise<number> {
  const now = ctx.clock.now();
  // "Today" differs per brand: computed in SQL with the workspace's zone.
  const channels = await collectionRepository.channelsWithoutFollowersToday(ctx.database.db, new Date(now), options.workspaceId);
  let stored = 0;
  for (const { local_day: day, ...channel } of channels) {
    if (!ctx.networks.has(channel.network)) continue;
    if (limiter.take(channel.id, READS_PER_MINUTE, now) > 0) continue;
    const health = await probeChannel(ctx.networks.get(channel.network), channelContext(ctx, channel));
    const followers = health.account?.followers;
    if (!health.ok || typeof followers !== 'number') {
      await recordError(
        ctx,
        channel.workspace_id,
        channel.id,
        null,
        health.error?.code ?? 'no_followers',
        health.error?.message ?? `${channel.network} did not report a follower count`,
      );
      continue;
    }
    await collectionRepository.saveFollowers(ctx.database.db, {
      channelId: channel.id,
      workspaceId: channel.workspace_id,
      day,
      followers,
      capturedAt: new Date(now),
    });
    stored++;
  }
  return stored;
}

type ClaimedRow = ClaimedScheduleRow;

/** Claims due schedule rows (skipping ones other workers hold) and leases them. */
async function claimDue(ctx: AppContext, limit: number): Promise<ClaimedRow[]> {
  const now = new Date(ctx.clock.now());
  return collectionRepository.claimDue(ctx.database.db, now, new Date(now.getTime() + LEASE_MS), limit);
}

/** Fetches and stores one publication's metrics now; returns the error when it failed. */
export async function snapshotPublication(
  ctx: AppContext,
  publicationId: string,
  step: number | null,
): Promise<NetworkError | Error | null> {
  const db = ctx.database.db;
  const target = await loadSnapshotTarget(db, publicationId);
  if (!target) return new Error('Publication is not published');
  const remoteId = await collectionRepository.publicationRemoteId(db, publicationId);
  const channel = await collectionRepository.channel(db, target.channelId);
  if (!remoteId) return new NetworkError('permanent', 'no_remote_id', 'The publication has no remote id');
  if (!ctx.networks.has(channel.network)) return new NetworkError('permanent', 'unknown_network', `No adapter for ${channel.network}`);
  try {
    const metrics = await ctx.networks
      .get(channel.network)
      .fetchMetrics(channelContext(ctx, channel, AbortSignal.timeout(15_000)), remoteId);
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
export async function collectDueMetrics(
  ctx: AppContext,
  options: { limit?: number; discoverSinceMs?: number; firstMetricsDelayMs?: number } = {},
): Promise<CollectionResult> {
  const result: CollectionResult = { discovered: 0, snapshots: 0, errors: 0, deferred: 0, followers: 0 };
  result.followers = await collectFollowers(ctx);
  result.discovered = await discoverPublished(ctx, options.discoverSinceMs, options.firstMetricsDelayMs);
  const db = ctx.database.db;
  const rows = await claimDue(ctx, options.limit ?? 100);
  for (const row of rows) {
    const now = ctx.clock.now();
    const wait = limiter.take(row.channel_id, READS_PER_MINUTE, now);
    if (wait > 0) {
      await collectionRepository.reschedule(db, row.publication_id, { next_due_at: new Date(now + wait) });
      result.deferred++;
      continue;
    }
    const error = await snapshotPublication(ctx, row.publication_id, row.next_step);
    const after = ctx.clock.now();
    if (!error) {
      await collectEngagersAfterSnapshot(ctx, row, row.next_step);
      const next = nextStepAfter(row.published_at, after);
      await collectionRepository.reschedule(db, row.publication_id, {
        next_step: next?.step ?? SNAPSHOT_OFFSETS_MS.length,
        next_due_at: next?.dueAt ?? null,
        attempts: 0,
      });
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
    await collectionRepository.reschedule(db, row.publication_id, {
      next_step: nextStep,
      next_due_at: nextDue,
      attempts: kind === 'rate_limited' ? row.attempts : nextStep !== row.next_step ? 0 : attempts,
      last_error: `${code}: ${error.message}`.slice(0, 500),
      last_error_at: new Date(after),
    });
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
export async function backfillMetrics(
  ctx: AppContext,
  workspaceId: string,
  onProgress: (progress: BackfillProgress) => void = () => undefined,
): Promise<BackfillProgress> {
  const db = ctx.database.db;
  await collectFollowers(ctx, { workspaceId });
  await discoverPublished(ctx, 0);
  const ids = (await collectionRepository.publishedIds(db, workspaceId)).map((id) => ({ id }));
  const progress: BackfillProgress = { total: ids.length, done: 0, failed: 0, finished: false };
  onProgress({ ...progress });
  for (const { id } of ids) {
    const error = await snapshotPublication(ctx, id, null);
    if (error) {
      progress.failed++;
      await recordError(ctx, workspaceId, null, id, error instanceof NetworkError ? error.code : 'error', error.message);
    } else {
      const channelId = await collectionRepository.publicationChannelId(db, id);
      await collectEngagersAfterSnapshot(ctx, { workspace_id: workspaceId, channel_id: channelId, publication_id: id }, null);
    }
    progress.done++;
    onProgress({ ...progress });
  }
  await db.transaction().execute((trx) => rebuildDailyRollup(trx, workspaceId));
  progress.finished = true;
  onProgress({ ...progress });
  return progress;
}
