/**
 * Liveness of publishing workers, so that the work of a worker that died is taken
 * over within seconds instead of after its leases run out.
 *
 * Each engine registers in `publishing_workers` and heartbeats every
 * `heartbeatMs` on a connection of its own (so a busy pool cannot delay it), on
 * which, on Postgres, it also holds an advisory lock. Any live engine, while
 * polling, looks for workers whose lock is gone (the process died: Postgres
 * dropped its connection) or whose heartbeat is older than their `dead_after_ms`
 * (hung), and takes them over in one statement:
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
 * heartbeat is `dead_after_ms` old, since others may be taking it over by then
 * (it waits for the next heartbeat instead). A worker that finds its row gone
 * (taken over while it was stalled or cut off) registers again, and the calls of
 * batches it started before that are dropped without a word: their publications
 * are no longer its own.
 */
import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock.ts';
import type { PlazaDatabase } from '../../db/database.ts';

type LivenessSql = Pick<PlazaDatabase['raw'], 'query'>;

/** First key of the workers' advisory locks (the second is each worker's lock_key). */
const LOCK_CLASS = 727275;

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

/** Silent workers: lock gone (process dead) or heartbeat too old (hung). */
const DEAD = `(w.heartbeat_at < $2::timestamptz - w.dead_after_ms * interval '1 millisecond'
  OR (w.lock_key IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM pg_locks l
         WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ${LOCK_CLASS}::oid AND l.objid = w.lock_key::oid AND l.objsubid = 2
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))))`;

export class WorkerLiveness {
  private lastBeat = -Infinity;
  /** When this worker last (re)registered: batches started before were possibly taken over. */
  private aliveSince = Infinity;
  private timer: NodeJS.Timeout | null = null;
  private beating: Promise<void> | null = null;
  private beatWaiters: Array<() => void> = [];
  private lastTakeoverCheck = -Infinity;
  private session: LivenessSql | null = null;
  private closeSession: (() => void) | null = null;
  private readonly lockKey = randomInt(1, 2 ** 31 - 1);
  private stopped = false;
  readonly taken: TakeoverResult = { workers: 0, released: 0, requeued: 0 };

  constructor(
    private readonly database: Pick<PlazaDatabase, 'raw' | 'kind'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    readonly workerId: string,
    private readonly opts: LivenessOptions,
  ) {}

  /** Registers this worker and starts heartbeating. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.beat();
    this.schedule();
  }

  /** Stops heartbeating and leaves the table (a clean stop needs no takeover). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.wakeWaiters();
    await this.beating;
    this.lastBeat = -Infinity;
    await this.database.raw.query('DELETE FROM publishing_workers WHERE id = $1', [this.workerId]).catch((error) => this.logger.warn({ err: error }, 'leaving publishing_workers failed'));
    this.dropSession();
  }

  /** Stops heartbeating without leaving (tests: a worker that went silent). */
  silence(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.wakeWaiters();
  }

  /** Calls waiting in `confirm` look again (after a beat, or when beats stop). */
  private wakeWaiters(): void {
    for (const wake of this.beatWaiters.splice(0)) wake();
  }

  /** True while no other worker may consider this one dead: network calls may start. */
  maySend(now: number = this.clock.now()): boolean {
    return now < this.lastBeat + this.opts.deadAfterMs;
  }

  /** `confirm` without waiting: not taken over since `since`, heartbeat fresh. */
  mayStart(since: number, now: number = this.clock.now()): boolean {
    return since >= this.aliveSince && this.maySend(now);
  }

  /**
   * Whether a call of a batch started at `since` may go now: the worker was not
   * taken over since (else the publication is no longer its own) and its
   * heartbeat is fresh (waits for up to a few heartbeats when it is not).
   */
  async confirm(since: number): Promise<boolean> {
    for (let round = 0; round < 4; round++) {
      if (since < this.aliveSince) return false;
      if (this.maySend(this.clock.now())) return true;
      if (this.stopped || !this.timer) return false;
      await new Promise<void>((resolve) => this.beatWaiters.push(resolve));
    }
    return false;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.beating = this.beat()
        .catch((error) => {
          this.logger.warn({ err: error }, 'publishing heartbeat failed');
          this.dropSession();
        })
        .then(() => {
          this.beating = null;
          this.wakeWaiters();
          if (this.timer) this.schedule();
        });
    }, this.opts.heartbeatMs);
    this.timer.unref?.();
  }

  /** Its own connection (Postgres), holding the worker's advisory lock. */
  private async openSession(): Promise<LivenessSql> {
    if (this.session) return this.session;
    if (this.database.kind !== 'postgres') return (this.session = this.database.raw);
    const session = await new Promise<LivenessSql>((resolve, reject) => {
      this.database.raw
        .withSession(
          (held) =>
            new Promise<void>((release) => {
              this.closeSession = release;
              resolve(held);
            }),
        )
        .catch(reject);
    });
    try {
      await session.query('SELECT pg_advisory_lock($1, $2)', [LOCK_CLASS, this.lockKey]);
    } catch (error) {
      this.closeSession?.();
      throw error;
    }
    return (this.session = session);
  }

  private dropSession(): void {
    this.session = null;
    this.closeSession?.();
    this.closeSession = null;
  }

  private async beat(): Promise<void> {
    const session = await this.openSession();
    const now = this.clock.now();
    const { rows } = await session.query<{ id: string }>('UPDATE publishing_workers SET heartbeat_at = GREATEST(heartbeat_at, $2) WHERE id = $1 RETURNING id', [this.workerId, new Date(now)]);
    if (rows.length === 0) {
      // First beat, or we were taken over while silent: what we started before is no longer ours.
      await session.query(
        `INSERT INTO publishing_workers (id, started_at, heartbeat_at, dead_after_ms, send_window_ms, lock_key) VALUES ($1, $2, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET heartbeat_at = EXCLUDED.heartbeat_at, lock_key = EXCLUDED.lock_key`,
        [this.workerId, new Date(now), Math.round(this.opts.deadAfterMs), Math.round(this.opts.sendWindowMs), this.database.kind === 'postgres' ? this.lockKey : null],
      );
      if (this.aliveSince !== Infinity) this.logger.warn({ workerId: this.workerId }, 'this publishing worker was taken over while silent; registered again');
      this.aliveSince = now;
    }
    this.lastBeat = Math.max(this.lastBeat, now);
  }

  /**
   * Takes over workers that died or hung (at most once per half heartbeat
   * interval; a cheap look at a tiny table when nobody did).
   */
  async takeOverDead(): Promise<TakeoverResult> {
    const now = this.clock.now();
    const none = { workers: 0, released: 0, requeued: 0 };
    if (now - this.lastTakeoverCheck < this.opts.heartbeatMs / 2) return none;
    this.lastTakeoverCheck = now;
    const raw = this.database.raw;
    const { rows: silent } = await raw.query<{ id: string }>(`SELECT w.id FROM publishing_workers w WHERE w.id <> $1 AND ${DEAD} LIMIT 50`, [this.workerId, new Date(now)]);
    if (silent.length === 0) return none;
    const { rows } = await raw.query<TakeoverResult>(
      `WITH dead AS (
         DELETE FROM publishing_workers w WHERE w.id = ANY($1::text[]) AND ${DEAD}
         RETURNING w.id, w.heartbeat_at, w.dead_after_ms, w.send_window_ms
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
      this.logger.warn({ workers: silent.map((s) => s.id), released: result.released, requeued: result.requeued }, 'took over publishing workers that died or hung');
    }
    return { workers: result.workers, released: result.released, requeued: result.requeued };
  }
}
