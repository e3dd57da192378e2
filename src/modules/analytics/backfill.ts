import type { Selectable } from 'kysely';
import type { MetricBackfillsTable } from '../../db/schema.ts';
import type { AppContext } from '../../server/context.ts';
import { recordEvent } from '../events/events.ts';
import { backfillMetrics, type BackfillProgress } from './collector.ts';
import { backfillsRepository } from './repository/backfills.ts';

/** A running backfill whose row was not touched for this long belongs to a process that died. */
const BACKFILL_STALE_MS = 5 * 60_000;
/** Progress is written at most this often, not once per post (a workspace may have thousands). */
const BACKFILL_WRITE_EVERY_MS = 500;
/** A live backfill touches its row at least this often, so a slow post never makes it look interrupted. */
const BACKFILL_HEARTBEAT_MS = 60_000;
/** The error of a backfill whose process stopped before finishing. */
export const BACKFILL_INTERRUPTED = 'interrupted';

type BackfillRow = Selectable<MetricBackfillsTable>;

/** A backfill as the API shows it; a stale `running` row is reported as failed ("interrupted"). */
export function presentBackfill(row: BackfillRow, now: number) {
  const interrupted = row.state === 'running' && now - row.updated_at.getTime() > BACKFILL_STALE_MS;
  const state = interrupted ? 'failed' : row.state;
  return {
    jobId: row.id,
    state,
    total: row.total,
    done: row.done,
    failed: row.failed,
    finished: state !== 'running',
    error: interrupted ? BACKFILL_INTERRUPTED : row.error,
    startedBy: row.started_by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Starts a backfill for the workspace unless one is already running there
 * (the partial unique index settles races between processes). A running row
 * left behind by a dead process is closed as interrupted first.
 */
async function claimBackfill(ctx: AppContext, workspaceId: string, userId: string): Promise<{ row: BackfillRow; started: boolean }> {
  const db = ctx.database.db;
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = new Date(ctx.clock.now());
    await backfillsRepository.closeStale(db, workspaceId, new Date(now.getTime() - BACKFILL_STALE_MS), now, BACKFILL_INTERRUPTED);
    const inserted = await backfillsRepository.insertRunning(db, workspaceId, userId, now);
    if (inserted) return { row: inserted, started: true };
    const running = await backfillsRepository.findRunning(db, workspaceId);
    if (running) return { row: running, started: false };
    // The running one finished between our insert and our read: try again.
  }
  throw new Error('Could not start a backfill');
}

/**
 * Runs the backfill in the background of this process, writing its progress
 * to its row at most every 500 ms (plus a heartbeat) and its outcome at the end.
 */
function runBackfill(ctx: AppContext, row: BackfillRow): Promise<void> {
  const db = ctx.database.db;
  let latest: BackfillProgress = { total: 0, done: 0, failed: 0, finished: false };
  let dirty = false;
  let lastWriteAt = Date.now();
  // Writes are chained so a late progress write can never land after the final one.
  let writes = Promise.resolve();
  const writeProgress = () => {
    const progress = latest;
    dirty = false;
    lastWriteAt = Date.now();
    writes = writes
      .then(() => backfillsRepository.saveProgress(db, row.id, progress, new Date(ctx.clock.now())))
      .then(
        () => undefined,
        (error: unknown) => ctx.logger.warn({ err: error, backfillId: row.id }, 'could not save backfill progress'),
      );
  };
  const timer = setInterval(() => {
    if (dirty || Date.now() - lastWriteAt >= BACKFILL_HEARTBEAT_MS) writeProgress();
  }, BACKFILL_WRITE_EVERY_MS);
  timer.unref();
  const finish = async (state: 'done' | 'failed', error: string | null) => {
    clearInterval(timer);
    await writes;
    await backfillsRepository.finish(
      db,
      row.id,
      { state, error, total: latest.total, done: latest.done, failed: latest.failed },
      new Date(ctx.clock.now()),
    );
  };
  return backfillMetrics(ctx, row.workspace_id, (progress) => {
    latest = progress;
    dirty = true;
  })
    .then(
      (progress) => {
        latest = progress;
        return finish('done', null);
      },
      (error: unknown) => finish('failed', error instanceof Error ? error.message : String(error)),
    )
    .catch((error: unknown) => ctx.logger.error({ err: error, backfillId: row.id }, 'could not save the outcome of a backfill'));
}

/**
 * Command: snapshot every published post of the workspace now, in the background of this
 * process, unless a backfill already runs there (then that one is returned, `started: false`).
 * A started backfill records `analytics.backfill_started`.
 */
export async function startBackfill(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string },
): Promise<{ row: BackfillRow; started: boolean }> {
  const { row, started } = await claimBackfill(ctx, input.workspaceId, input.actorUserId);
  if (!started) return { row, started };
  await recordEvent(ctx.database.db, {
    workspaceId: input.workspaceId,
    actorUserId: input.actorUserId,
    type: 'analytics.backfill_started',
    subjectType: 'workspace',
    subjectId: input.workspaceId,
    data: { jobId: row.id },
  });
  void runBackfill(ctx, row);
  return { row, started };
}
