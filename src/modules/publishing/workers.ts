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
import { publishingRepository as repository, type SqlRunner, type TakeoverCounts } from './repository.ts';

type LivenessSql = SqlRunner;

export interface LivenessOptions {
  heartbeatMs: number;
  deadAfterMs: number;
  /** Longest network call of this worker (the engine's publishTimeoutMs). */
  sendWindowMs: number;
  /** Extra wait before reconciling a taken-over in-flight publication. */
  settleMs: number;
}

export type TakeoverResult = TakeoverCounts;

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
    await repository
      .leaveWorkers(this.database.raw, this.workerId)
      .catch((error) => this.logger.warn({ err: error }, 'leaving publishing_workers failed'));
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
      await repository.holdWorkerLock(session, this.lockKey);
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
    const known = await repository.heartbeat(session, this.workerId, new Date(now));
    if (!known) {
      // First beat, or we were taken over while silent: what we started before is no longer ours.
      await repository.registerWorker(session, {
        id: this.workerId,
        now: new Date(now),
        deadAfterMs: Math.round(this.opts.deadAfterMs),
        sendWindowMs: Math.round(this.opts.sendWindowMs),
        lockKey: this.database.kind === 'postgres' ? this.lockKey : null,
      });
      if (this.aliveSince !== Infinity)
        this.logger.warn({ workerId: this.workerId }, 'this publishing worker was taken over while silent; registered again');
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
    const silent = await repository.silentWorkers(raw, this.workerId, new Date(now));
    if (silent.length === 0) return none;
    const result = (await repository.takeOverWorkers(raw, silent, new Date(now), Math.round(this.opts.settleMs))) ?? none;
    if (result.workers > 0) {
      this.taken.workers += result.workers;
      this.taken.released += result.released;
      this.taken.requeued += result.requeued;
      this.logger.warn(
        { workers: silent, released: result.released, requeued: result.requeued },
        'took over publishing workers that died or hung',
      );
    }
    return { workers: result.workers, released: result.released, requeued: result.requeued };
  }
}
