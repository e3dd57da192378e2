/**
 * The listener service: runs every active listening source (one runner per source, held
 * by a lease so several processes never run one source twice), feeds each through a
 * bounded queue (backpressure: a fast source waits, nothing is dropped) into the
 * pipeline and the store, saves each source's cursor with its mentions, and reports lag and
 * queue depth on the source row. Reputation alerts are checked by the `listening.reputation-alerts`
 * job (listening/jobs.ts), once per slot across every listener process.
 */
import { failureCode } from '../../lib/failure-code.ts';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../server/context.ts';
import { checkReputationAlerts, type NewReputationAlert, type ReputationAlertOptions } from './alerts.ts';
import { emailPendingAlerts } from './alert-email.ts';
import { ingestBatch, WorkspacePipelines } from './ingest.ts';
import { BoundedQueue } from './queue.ts';
import { queryRepository } from './repository/queries.ts';
import { sourceRepository } from './repository/sources.ts';
import { SOURCE_ADAPTERS, STORE_UNMATCHED_KINDS } from './sources/registry.ts';
import { abortableSleep, type SourceAdapter, type SourceBatch, type SourceRecord } from './sources/types.ts';

/** Source runners by kind and the curated kinds, from the one registry of source kinds. */
export { SOURCE_ADAPTERS, STORE_UNMATCHED_KINDS };

/** Options of {@link startListener}. */
export interface ListenerOptions {
  /** How often to look for new, changed or removed sources (default 5 s). */
  syncEveryMs?: number;
  /** Batches a source may have waiting before it is paused (default 256). */
  queueCapacity?: number;
  /** Items stored per transaction at most (default 500). */
  maxBatchItems?: number;
  /** Adapters to use instead of the built-in ones (tests). */
  adapters?: Record<string, SourceAdapter>;
}

interface Runner {
  source: SourceRecord;
  configKey: string;
  controller: AbortController;
  queue: BoundedQueue<SourceBatch>;
  done: Promise<void>;
}

const LEASE_MS = 60_000;

/** A running listener. */
export interface Listener {
  stop(): Promise<void>;
  /** Source ids this process is running. */
  running(): string[];
  /** Waits until every queue is empty (tests). */
  drain(): Promise<void>;
}

/** Starts the listener service; the returned `stop()` ends every source and flushes queues. */
export async function startListener(ctx: AppContext, options: ListenerOptions = {}): Promise<Listener> {
  const owner = `listener-${randomUUID()}`;
  const adapters = options.adapters ?? SOURCE_ADAPTERS;
  const pipelines = new WorkspacePipelines(ctx);
  const runners = new Map<string, Runner>();
  const db = ctx.database.db;
  let syncing: Promise<void> = Promise.resolve();

  const consume = async (runner: Runner) => {
    const { source, queue } = runner;
    for (;;) {
      const batches = await queue.take(64);
      if (batches.length === 0) return;
      // Merge batches up to maxBatchItems into one transaction; the last cursor wins.
      const items = batches.flatMap((b) => b.items);
      const last = batches[batches.length - 1];
      const failed = [...batches].reverse().find((b) => b.error);
      const error = failed?.error;
      const errorCode = failed?.errorCode;
      try {
        await ingestBatch(ctx, pipelines, {
          workspaceId: source.workspaceId,
          sourceId: source.id,
          sourceKey: sourceKeyOf(source),
          items,
          cursor: last.cursor,
          storeUnmatched: STORE_UNMATCHED_KINDS.has(source.kind),
          lagMs: last.lagMs ?? null,
          sourceConfig: source.config,
        });
        const nextPollAt = typeof last.cursor.nextPollAt === 'number' ? new Date(last.cursor.nextPollAt) : undefined;
        await sourceRepository.recordProgress(db, source.id, { queueDepth: queue.size, error, errorCode, nextPollAt });
      } catch (failure) {
        ctx.logger.error({ err: failure, source: source.id }, 'storing listening batch failed');
        await sourceRepository.recordError(db, source.id, (failure as Error).message, 'storage_failed').catch(() => undefined);
        // The cursor was not saved: the source is restarted from the stored cursor on the next sync.
        runner.controller.abort();
        queue.close();
        return;
      }
    }
  };

  const startRunner = (source: SourceRecord, configKey: string) => {
    const adapter = adapters[source.kind];
    if (!adapter) return;
    const controller = new AbortController();
    const queue = new BoundedQueue<SourceBatch>(options.queueCapacity ?? 256);
    const runner: Runner = { source, configKey, controller, queue, done: Promise.resolve() };
    const consumer = consume(runner);
    const producer = adapter
      .run({
        ctx,
        source,
        signal: controller.signal,
        sleep: (ms) => abortableSleep(ms, controller.signal),
        emit: async (batch) => {
          if (batch.items.length > (options.maxBatchItems ?? 500)) {
            for (let i = 0; i < batch.items.length; i += options.maxBatchItems ?? 500)
              await queue.push({ ...batch, items: batch.items.slice(i, i + (options.maxBatchItems ?? 500)) });
          } else await queue.push(batch);
        },
      })
      .catch(async (error: Error) => {
        ctx.logger.warn({ err: error, source: source.id }, 'listening source stopped with an error');
        await sourceRepository.recordError(db, source.id, error.message, failureCode(error)).catch(() => undefined);
      })
      .finally(() => queue.close());
    runner.done = Promise.all([producer, consumer]).then(() => undefined);
    runners.set(source.id, runner);
  };

  const stopRunner = async (id: string) => {
    const runner = runners.get(id);
    if (!runner) return;
    runners.delete(id);
    runner.controller.abort();
    await runner.done;
  };

  const sync = async () => {
    const now = new Date(ctx.clock.now());
    const leaseUntil = new Date(ctx.clock.now() + LEASE_MS);
    // Claim (or renew) sources that are free, expired, or ours.
    const claimed = await sourceRepository.claim(db, owner, Object.keys(adapters), now, leaseUntil);
    const wanted = new Set(claimed.map((s) => s.id));
    for (const id of [...runners.keys()]) if (!wanted.has(id)) await stopRunner(id);
    for (const row of claimed) {
      const configKey = JSON.stringify(row.config);
      const existing = runners.get(row.id);
      if (existing && existing.configKey === configKey && !existing.controller.signal.aborted) continue;
      if (existing) await stopRunner(row.id);
      // Re-read the cursor: a stopped runner may just have saved a newer one.
      const cursor = await sourceRepository.cursorOf(db, row.id);
      startRunner({ id: row.id, workspaceId: row.workspace_id, kind: row.kind, config: row.config, cursor }, configKey);
    }
  };

  await sync();
  const syncTimer = setInterval(() => {
    syncing = syncing.then(sync).catch((error: Error) => ctx.logger.error({ err: error }, 'listener sync failed'));
  }, options.syncEveryMs ?? 5_000);

  return {
    running: () => [...runners.keys()],
    async drain() {
      while ([...runners.values()].some((r) => r.queue.size > 0)) await new Promise((resolve) => setTimeout(resolve, 10));
    },
    async stop() {
      clearInterval(syncTimer);
      await syncing;
      await Promise.all([...runners.keys()].map(stopRunner));
      await sourceRepository.releaseLeases(db, owner).catch(() => undefined);
    },
  };
}

/** Options of {@link checkListeningAlerts}. */
export interface AlertCheckOptions {
  alerts?: ReputationAlertOptions;
  /** Called for each new reputation alert (tests; webhooks get alerts as events through the outbox). */
  onAlert?: (alert: NewReputationAlert) => void;
}

/**
 * Checks reputation alerts in every workspace that listens, and e-mails new alerts (and earlier
 * ones whose e-mail failed) to the notify list. Run by the `listening.reputation-alerts` job.
 */
export async function checkListeningAlerts(ctx: AppContext, options: AlertCheckOptions = {}): Promise<void> {
  for (const workspace_id of await queryRepository.workspacesWithQueries(ctx.database.db)) {
    // One process per workspace and window: the unique index makes a second insert a no-op anyway.
    const created = await checkReputationAlerts(ctx, workspace_id, options.alerts);
    for (const alert of created) options.onAlert?.(alert);
    // New alerts, and earlier ones whose e-mail failed, go to the notify list (never blocks the check).
    await emailPendingAlerts(ctx, workspace_id);
  }
}

/** Scope of remote-id uniqueness for a source: shared per network for global streams, per source for feeds. */
export function sourceKeyOf(source: Pick<SourceRecord, 'id' | 'kind'>): string {
  if (source.kind === 'bluesky_firehose' || source.kind === 'bluesky_jetstream') return 'bluesky';
  if (source.kind === 'mastodon') return 'mastodon';
  return `${source.kind}:${source.id}`;
}
