/**
 * Liveness of publishing workers, so that the work of a worker that died is taken
 * over within seconds instead of after its leases run out.
 *
 * Each engine registers in `publishing_workers` and heartbeats every
 * `heartbeatMs`. Any live engine, while polling, looks for workers silent for
 * longer than their `dead_after_ms` and takes them over in one statement:
 *
 * - publications they claimed but had not started go back to the pool at once
 *   (the dead worker can no longer start them: starting needs `claimed_by` to
 *   still name it);
 * - publications they were sending go back with `needs_reconcile`, due no
 *   earlier than the moment their calls can no longer land: the last heartbeat
 *   + `dead_after_ms` (after that the worker starts no call, see `maySend`) +
 *   `send_window_ms` (its longest call) + a settling margin — and never later
 *   than their lease, the old bound. The next attempt looks the post up first,
 *   so a call that did land is not published twice.
 *
 * The worker fences itself: it starts no network call once its last confirmed
 * heartbeat is `dead_after_ms` old, since others may be taking it over by then.
 * A worker that finds its row gone (taken over while it was stalled) registers
 * again; the rows it lost are no longer claimed by it, so its writes on them do nothing.
 */
import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock.ts';

interface LivenessSql {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

export interface LivenessOptions {
  heartbeatMs: number;
  deadAfterMs: number;
  /** Longest network call of this worker (the engine's publishTimeoutMs). */
  sendWindowMs: number;
  /** Extra wait before reconciling a taken-over in-flight publication. */
  settleMs: number;
}

export interface TakeoverResult {
  workers: number;
  released: number;
  requeued: number;
}

export class WorkerLiveness {
  private lastBeat = -Infinity;
  private timer: NodeJS.Timeout | null = null;
  private beating: Promise<void> | null = null;
  private lastTakeoverCheck = -Infinity;
  readonly taken: TakeoverResult = { workers: 0, released: 0, requeued: 0 };

  constructor(
    private readonly sql: LivenessSql,
    private readonly clock: Clock,
    private readonly logger: Logger,
    readonly workerId: string,
    private readonly opts: LivenessOptions,
  ) {}

  /** Registers this worker and starts heartbeating. */
  async start(): Promise<void> {
    await this.beat();
    this.schedule();
  }

  /** Stops heartbeating and leaves the table (a clean stop needs no takeover). */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.beating;
    this.lastBeat = -Infinity;
    await this.sql.query('DELETE FROM publishing_workers WHERE id = $1', [this.workerId]).catch((error) => this.logger.warn({ err: error }, 'leaving publishing_workers failed'));
  }

  /** Stops heartbeating without leaving (tests: a worker that went silent). */
  silence(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** True while no other worker may consider this one dead: network calls may start. */
  maySend(now: number = this.clock.now()): boolean {
    return now < this.lastBeat + this.opts.deadAfterMs;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.beating = this.beat()
        .catch((error) => this.logger.warn({ err: error }, 'publishing heartbeat failed'))
        .then(() => {
          this.beating = null;
          if (this.timer) this.schedule();
        });
    }, this.opts.heartbeatMs);
    this.timer.unref?.();
  }

  private async beat(): Promise<void> {
    const now = this.clock.now();
    const { rows } = await this.sql.query<{ id: string }>(
      `INSERT INTO publishing_workers (id, started_at, heartbeat_at, dead_after_ms, send_window_ms) VALUES ($1, $2, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET heartbeat_at = GREATEST(publishing_workers.heartbeat_at, EXCLUDED.heartbeat_at),
              dead_after_ms = EXCLUDED.dead_after_ms, send_window_ms = EXCLUDED.send_window_ms
       RETURNING id`,
      [this.workerId, new Date(now), Math.round(this.opts.deadAfterMs), Math.round(this.opts.sendWindowMs)],
    );
    if (rows.length) this.lastBeat = Math.max(this.lastBeat, now);
  }

  /**
   * Takes over workers whose heartbeat stopped (at most once per heartbeat
   * interval; a cheap look at a tiny table when nobody died).
   */
  async takeOverDead(): Promise<TakeoverResult> {
    const now = this.clock.now();
    const none = { workers: 0, released: 0, requeued: 0 };
    if (now - this.lastTakeoverCheck < this.opts.heartbeatMs / 2) return none;
    this.lastTakeoverCheck = now;
    const { rows: silent } = await this.sql.query<{ id: string }>(
      `SELECT id FROM publishing_workers WHERE id <> $1 AND heartbeat_at < $2::timestamptz - dead_after_ms * interval '1 millisecond' LIMIT 50`,
      [this.workerId, new Date(now)],
    );
    if (silent.length === 0) return none;
    const { rows } = await this.sql.query<TakeoverResult>(
      `WITH dead AS (
         DELETE FROM publishing_workers
          WHERE id = ANY($1::text[]) AND heartbeat_at < $2::timestamptz - dead_after_ms * interval '1 millisecond'
         RETURNING id, heartbeat_at, dead_after_ms, send_window_ms
       ), released AS (
         UPDATE publications p SET claimed_by = NULL, lease_until = NULL
           FROM dead WHERE p.claimed_by = dead.id AND p.state = 'scheduled'
         RETURNING p.id
       ), requeued AS (
         UPDATE publications p SET state = 'scheduled', needs_reconcile = true, claimed_by = NULL, lease_until = NULL, updated_at = $2,
                due_at = GREATEST($2::timestamptz, LEAST(COALESCE(p.lease_until, $2::timestamptz),
                           dead.heartbeat_at + (dead.dead_after_ms + dead.send_window_ms + $3::int) * interval '1 millisecond'))
           FROM dead WHERE p.claimed_by = dead.id AND p.state = 'publishing'
         RETURNING p.id
       ), abandoned AS (
         UPDATE publication_attempts a SET outcome = 'abandoned', finished_at = $2,
                error_message = 'The worker stopped during this attempt; the next attempt checks the network first'
           FROM requeued WHERE a.publication_id = requeued.id AND a.outcome = 'started'
         RETURNING a.id
       )
       SELECT (SELECT count(*) FROM dead)::int AS workers, (SELECT count(*) FROM released)::int AS released,
              (SELECT count(*) FROM requeued)::int AS requeued, (SELECT count(*) FROM abandoned)::int AS attempts`,
      [silent.map((s) => s.id), new Date(now), Math.round(this.opts.settleMs)],
    );
    const result = rows[0] ?? none;
    if (result.workers > 0) {
      this.taken.workers += result.workers;
      this.taken.released += result.released;
      this.taken.requeued += result.requeued;
      this.logger.warn({ workers: silent.map((s) => s.id), released: result.released, requeued: result.requeued }, 'took over publishing workers whose heartbeat stopped');
    }
    return { workers: result.workers, released: result.released, requeued: result.requeued };
  }
}
