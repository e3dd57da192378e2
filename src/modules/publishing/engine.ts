import { httpUrlOrNull } from '../../lib/safe-url.ts';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { PlazaDatabase } from '../../db/database.ts';
import type { SecretBox } from '../../lib/crypto.ts';
import type { Clock } from '../../lib/clock.ts';
import type { MediaStore } from '../media/store.ts';
import type { NetworkRegistry } from '../../networks/registry.ts';
import { NetworkError, type MediaInput, type PublishInput, type PublishResult } from '../../networks/types.ts';
import type { MediaItem } from '../../db/schema.ts';
import { backoffDelay, SharedRateLimiter, Semaphore } from './rate-limiter.ts';
import { WorkerLiveness } from './workers.ts';
import { recordEvent } from '../events/events.ts';
import { markNeedsReconnect } from '../channels/service.ts';

/** Tuning of the publishing engine; the defaults suit one small machine. */
export interface EngineOptions {
  workerId?: string;
  /** Claim publications due within this window ahead of time, then fire them from timers. */
  lookaheadMs?: number;
  /** How often to look for newly due work. */
  pollMs?: number;
  /** Max publications one claim takes. */
  claimBatch?: number;
  /** How long a claim (before firing) is valid; another worker takes over after. */
  claimLeaseMs?: number;
  /** Per-call timeout on the network; an expired call is an ambiguous outcome. */
  publishTimeoutMs?: number;
  /** Extra lease time past the call timeout before another worker may take an in-flight publication over. */
  leaseMarginMs?: number;
  /** Attempts before a transient failure becomes final. */
  maxAttempts?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Concurrent network calls per network in this process. */
  concurrencyPerNetwork?: number;
  /** A publication later than this after its due time is reported as missed (recovered late). */
  missedThresholdMs?: number;
  /** After an ambiguous outcome, wait at least this long before looking the post up (lets late requests settle). */
  reconcileDelayMs?: number;
  /** How often this worker tells the others it is alive (publishing_workers). */
  heartbeatMs?: number;
  /** Silent this long: other workers take this one's publications over, and it stops sending. */
  deadAfterMs?: number;
  /** Poll on a timer (default). Tests that drive every round with poll() turn it off. */
  autoPoll?: boolean;
}

interface ClaimedRow {
  id: string;
  post_id: string;
  workspace_id: string;
  channel_id: string;
  network: string;
  due_at: Date;
}

interface PublishingRow extends ClaimedRow {
  text: string;
  media: MediaItem[];
  thread: Array<{ text: string; media: MediaItem[] }>;
  options: Record<string, unknown>;
  /** Fencing token: this attempt's number; every outcome write requires the row to still carry it. */
  attempts: number;
  /** The publication_attempts row of this attempt. */
  attempt_id: string;
  needs_reconcile: boolean;
  first_attempt_at: Date;
  settings: Record<string, unknown>;
  credentials_sealed: string;
  channel_status: string;
}

type Outcome =
  | { kind: 'published'; row: PublishingRow; result: PublishResult; startedAt: number; reconciled: boolean }
  | { kind: 'retry'; row: PublishingRow; error: NetworkError; delayMs: number; startedAt: number; reconcile: boolean }
  | { kind: 'failed'; row: PublishingRow; error: NetworkError; startedAt: number };

/** Counters a running engine exposes (for health, tests and benchmarks). */
export interface EngineStats {
  claimed: number;
  fired: number;
  published: number;
  retried: number;
  failed: number;
  reclaimedStale: number;
  missed: number;
  inFlight: number;
}

const toMs = (value: Date | string): number => (value instanceof Date ? value.getTime() : Date.parse(value));

/** Codes of attempts that sent nothing for local reasons: handed back without counting as an attempt. */
const DEFERRED = ['local_rate_limit', 'send_deadline_passed'];

/**
 * The end of an outcome statement: each attempt's own row, by id, so a late outcome
 * never rewrites another attempt's line. Its five arrays are parameters `first`… (see
 * attemptParams), the finishing instant parameter `finishedAt`.
 */
function finishAttemptsSql(first: number, finishedAt: number): string {
  const [ids, outcomes, kinds, codes, messages] = [0, 1, 2, 3, 4].map((i) => `$${first + i}`);
  return `UPDATE publication_attempts a SET outcome = w.outcome, finished_at = $${finishedAt}, error_kind = w.kind, error_code = w.code, error_message = w.message
            FROM unnest(${ids}::bigint[], ${outcomes}::text[], ${kinds}::text[], ${codes}::text[], ${messages}::text[]) AS w(attempt_id, outcome, kind, code, message)
           WHERE a.id = w.attempt_id AND a.outcome = 'started'`;
}

function attemptParams(items: Array<{ attemptId: string; outcome: string; error: NetworkError }>): unknown[] {
  return [items.map((i) => i.attemptId), items.map((i) => i.outcome), items.map((i) => i.error.kind), items.map((i) => i.error.code), items.map((i) => i.error.message)];
}

/**
 * The publishing engine. Claims publications that fall due within the next few
 * seconds (one indexed UPDATE … FOR UPDATE SKIP LOCKED, so many workers can share
 * the table), fires them from in-process timers at their exact due time, and writes
 * outcomes back in batches.
 *
 * Exactly once: a publication moves scheduled → publishing under a lease before
 * the network call. If the worker dies mid-call, the lease expires and the row is
 * re-queued with `needs_reconcile`: the next attempt first asks the network whether
 * the post exists (deterministic record key, idempotency key, or lookup) and only
 * publishes when it does not. Ambiguous outcomes (timeouts after sending) take the
 * same path.
 */
export class PublishingEngine {
  readonly workerId: string;
  readonly stats: EngineStats = { claimed: 0, fired: 0, published: 0, retried: 0, failed: 0, reclaimedStale: 0, missed: 0, inFlight: 0 };
  private readonly opts: Required<Omit<EngineOptions, 'workerId'>>;
  private readonly limiter: SharedRateLimiter;
  readonly liveness: WorkerLiveness;
  private readonly semaphores = new Map<string, Semaphore>();
  private readonly timers = new Map<number, { timer: NodeJS.Timeout; ids: string[] }>();
  private readonly armed = new Set<string>();
  /** Fell due, waiting for the next start statement. */
  private toStart: string[] = [];
  private starting = false;
  private pending: Outcome[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private pollTimer: NodeJS.Timeout | null = null;
  private running = false;
  private polling: Promise<void> | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly deps: { database: PlazaDatabase; secrets: SecretBox; networks: NetworkRegistry; media: MediaStore; clock: Clock; logger: Logger; config?: { allowPrivateUrls: boolean } },
    options: EngineOptions = {},
  ) {
    this.workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.opts = {
      lookaheadMs: options.lookaheadMs ?? 5_000,
      pollMs: options.pollMs ?? 250,
      claimBatch: options.claimBatch ?? 5_000,
      claimLeaseMs: options.claimLeaseMs ?? 30_000,
      publishTimeoutMs: options.publishTimeoutMs ?? 30_000,
      leaseMarginMs: options.leaseMarginMs ?? 30_000,
      maxAttempts: options.maxAttempts ?? 8,
      baseBackoffMs: options.baseBackoffMs ?? 2_000,
      maxBackoffMs: options.maxBackoffMs ?? 10 * 60_000,
      concurrencyPerNetwork: options.concurrencyPerNetwork ?? 256,
      missedThresholdMs: options.missedThresholdMs ?? 60_000,
      reconcileDelayMs: options.reconcileDelayMs ?? 2_000,
      heartbeatMs: options.heartbeatMs ?? 1_000,
      deadAfterMs: options.deadAfterMs ?? 5_000,
      autoPoll: options.autoPoll ?? true,
    };
    this.limiter = new SharedRateLimiter(deps.database.raw, (error) => deps.logger.error({ err: error }, 'shared rate limit failed'));
    this.liveness = new WorkerLiveness(deps.database, deps.clock, deps.logger, this.workerId, {
      heartbeatMs: this.opts.heartbeatMs,
      deadAfterMs: this.opts.deadAfterMs,
      sendWindowMs: this.opts.publishTimeoutMs,
      settleMs: this.opts.reconcileDelayMs,
    });
  }

  /** Starts polling for due work. Recovers missed and abandoned publications first. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.liveness.start();
    await this.recover();
    if (this.opts.autoPoll) this.schedulePoll(0);
  }

  /**
   * Graceful stop: no new claims, timers cancelled and their claims released,
   * in-flight calls finish (up to `graceMs`) and their outcomes are written.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.running = false;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    await this.polling;
    const unfired = [...this.timers.values()].flatMap((t) => {
      clearTimeout(t.timer);
      return t.ids;
    });
    unfired.push(...this.toStart);
    this.toStart = [];
    this.timers.clear();
    this.armed.clear();
    if (unfired.length) {
      await this.deps.database.raw.query(
        `UPDATE publications SET claimed_by = NULL, lease_until = NULL WHERE id = ANY($1::uuid[]) AND claimed_by = $2 AND state = 'scheduled'`,
        [unfired, this.workerId],
      );
    }
    // Calls started by a start round are tracked once its statement returns: wait until none is left.
    const graceEnd = Date.now() + graceMs;
    while (this.inFlight.size > 0 && Date.now() < graceEnd) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((r) => (timer = setTimeout(r, graceEnd - Date.now())))]);
      clearTimeout(timer);
    }
    await this.flush();
    await this.liveness.stop();
  }

  /** One polling round: recover stale work, claim what falls due soon, arm timers. Exposed for tests. */
  async poll(): Promise<number> {
    await this.liveness.takeOverDead();
    await this.requeueAbandoned();
    return this.claim();
  }

  private schedulePoll(delay: number): void {
    if (!this.running) return;
    this.pollTimer = setTimeout(() => {
      this.polling = this.poll()
        .catch((error) => this.deps.logger.error({ err: error }, 'publishing poll failed'))
        .then(() => {
          this.polling = null;
          this.schedulePoll(this.opts.pollMs);
        });
    }, delay);
    this.pollTimer.unref?.();
  }

  /**
   * After downtime: publications that fell due longer ago than their workspace's
   * grace period fail with a clear reason instead of going out hours late; the
   * rest are published and reported as missed.
   */
  async recover(): Promise<void> {
    const now = this.deps.clock.now();
    const { rows } = await this.deps.database.raw.query<{ id: string; post_id: string; workspace_id: string; due_at: Date }>(
      `UPDATE publications p
          SET state = 'failed', error_code = 'missed',
              error_message = 'Plaza was not running when this post was due, and it is now later than the workspace allows (' || w.missed_grace_minutes || ' min)',
              claimed_by = NULL, lease_until = NULL, updated_at = $1
         FROM workspaces w
        WHERE w.id = p.workspace_id AND p.state = 'scheduled' AND p.attempts = 0
          AND p.due_at < $1::timestamptz - make_interval(mins => w.missed_grace_minutes)
       RETURNING p.id, p.post_id, p.workspace_id, p.due_at`,
      [new Date(now)],
    );
    for (const row of rows) {
      await recordEvent(this.deps.database.db, {
        workspaceId: row.workspace_id,
        actorUserId: null,
        type: 'publication.missed',
        subjectType: 'post',
        subjectId: row.post_id,
        data: { publicationId: row.id, dueAt: row.due_at, outcome: 'failed' },
      });
    }
    if (rows.length) await this.refreshPosts([...new Set(rows.map((r) => r.post_id))]);
    this.stats.missed += rows.length;
  }

  /**
   * A publication stuck in 'publishing' past its lease belonged to a worker that
   * died mid-call: put it back, flagged so the next attempt reconciles first.
   */
  private async requeueAbandoned(): Promise<void> {
    const now = new Date(this.deps.clock.now());
    // One statement: the attempts marked abandoned are exactly those of the rows put
    // back, never a new attempt another worker starts between two statements.
    const { rows } = await this.deps.database.raw.query<{ requeued: number }>(
      `WITH requeued AS (
         UPDATE publications SET state = 'scheduled', needs_reconcile = true, claimed_by = NULL, lease_until = NULL, due_at = $1, updated_at = $1
          WHERE id IN (SELECT id FROM publications WHERE state = 'publishing' AND lease_until < $1 LIMIT 1000 FOR UPDATE SKIP LOCKED)
            AND state = 'publishing' AND lease_until < $1
         RETURNING id
       ), abandoned AS (
         UPDATE publication_attempts SET outcome = 'abandoned', finished_at = $1,
                error_message = 'The worker stopped or stalled during this attempt; the next attempt checks the network first'
          WHERE publication_id IN (SELECT id FROM requeued) AND outcome = 'started'
         RETURNING id
       )
       SELECT (SELECT count(*) FROM requeued)::int AS requeued, (SELECT count(*) FROM abandoned)::int AS abandoned`,
      [now],
    );
    this.stats.reclaimedStale += rows[0]?.requeued ?? 0;
  }

  /** Claims publications due before now + lookahead and arms a timer for each due instant. */
  private async claim(): Promise<number> {
    const now = this.deps.clock.now();
    const { rows } = await this.deps.database.raw.query<ClaimedRow>(
      `UPDATE publications p SET claimed_by = $1, lease_until = $2
         FROM (SELECT id FROM publications
                WHERE state = 'scheduled' AND due_at <= $3 AND (claimed_by IS NULL OR lease_until < $4)
                ORDER BY due_at LIMIT $5 FOR UPDATE SKIP LOCKED) due
        WHERE p.id = due.id
       RETURNING p.id, p.post_id, p.workspace_id, p.channel_id, p.network, p.due_at`,
      [this.workerId, new Date(now + this.opts.lookaheadMs + this.opts.claimLeaseMs), new Date(now + this.opts.lookaheadMs), new Date(now), this.opts.claimBatch],
    );
    this.stats.claimed += rows.length;
    for (const row of rows) this.arm(row.id, toMs(row.due_at));
    return rows.length;
  }

  private arm(id: string, dueMs: number): void {
    if (this.armed.has(id)) return;
    this.armed.add(id);
    const existing = this.timers.get(dueMs);
    if (existing) {
      existing.ids.push(id);
      return;
    }
    const delay = Math.max(0, dueMs - this.deps.clock.now());
    const entry = { ids: [id], timer: setTimeout(() => this.fire(dueMs), delay) };
    this.timers.set(dueMs, entry);
  }

  /** Fires every publication due at one instant: queued for the next start statement. */
  private fire(dueMs: number): void {
    const entry = this.timers.get(dueMs);
    this.timers.delete(dueMs);
    if (!entry || !this.running) return;
    for (const id of entry.ids) this.armed.delete(id);
    this.toStart.push(...entry.ids);
    if (!this.starting) this.track(this.startDue());
  }

  /**
   * Starts what fell due, one UPDATE per round: what falls due while a round's
   * statement runs is started together by the next round. When the database keeps
   * up that is one statement per due instant; when it does not (one embedded
   * connection, a starved process), rounds grow instead of queueing one statement
   * per instant behind each other.
   */
  private async startDue(): Promise<void> {
    this.starting = true;
    try {
      while (this.running && this.toStart.length > 0) {
        const ids = this.toStart;
        this.toStart = [];
        await this.startBatch(ids).catch((error) => this.deps.logger.error({ err: error }, 'firing publications failed'));
      }
    } finally {
      this.starting = false;
    }
  }

  private track(task: Promise<void>): void {
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task));
  }

  /** Moves claimed publications to 'publishing' (one statement) and sets their network calls going. */
  private async startBatch(ids: string[]): Promise<void> {
    const now = this.deps.clock.now();
    const leaseUntil = now + this.opts.publishTimeoutMs + this.opts.leaseMarginMs;
    // The start and its attempt row are one statement: a worker killed or stalled in
    // between cannot leave a started publication without its attempt.
    const { rows } = await this.deps.database.raw.query<PublishingRow>(
      `WITH started AS (
         UPDATE publications SET state = 'publishing', attempts = attempts + 1,
                first_attempt_at = COALESCE(first_attempt_at, $3), lease_until = $4, updated_at = $3
          WHERE id = ANY($1::uuid[]) AND claimed_by = $2 AND state = 'scheduled'
          RETURNING id, post_id, workspace_id, channel_id, network, due_at, text, media, thread, options, attempts, needs_reconcile, first_attempt_at
       ), attempt AS (
         INSERT INTO publication_attempts (publication_id, worker_id, started_at, outcome)
         SELECT id, $2, $3, 'started' FROM started
         RETURNING id, publication_id
       ), post_started AS (
         UPDATE posts SET state = 'publishing', updated_at = $3 WHERE id IN (SELECT post_id FROM started) AND state = 'scheduled'
       )
       SELECT s.*, a.id::text AS attempt_id, c.settings, c.credentials_sealed, c.status AS channel_status
         FROM started s JOIN attempt a ON a.publication_id = s.id JOIN channels c ON c.id = s.channel_id`,
      [ids, this.workerId, new Date(now), new Date(leaseUntil)],
    );
    if (rows.length === 0) return;
    this.stats.fired += rows.length;
    const calls = Promise.all(rows.map((row) => this.execute(row, leaseUntil))).then(
      () => undefined,
      (error) => this.deps.logger.error({ err: error }, 'publishing failed'),
    );
    this.track(calls);
  }

  private semaphoreFor(network: string): Semaphore {
    let semaphore = this.semaphores.get(network);
    if (!semaphore) {
      semaphore = new Semaphore(this.opts.concurrencyPerNetwork);
      this.semaphores.set(network, semaphore);
    }
    return semaphore;
  }

  /** One attempt at one publication: rate limit, reconcile if needed, publish, classify. */
  private async execute(row: PublishingRow, leaseUntil: number): Promise<void> {
    const { networks, clock, secrets } = this.deps;
    const startedAt = clock.now();
    const adapter = networks.get(row.network);
    if (row.channel_status !== 'active') {
      this.record({ kind: 'failed', row, startedAt, error: new NetworkError('auth', 'channel_' + row.channel_status, `The channel is ${row.channel_status.replace('_', ' ')}: reconnect it and retry`) });
      return;
    }
    const wait = await this.limiter.take(row.channel_id, adapter.limits.postsPerMinutePerChannel, clock.now());
    if (wait > 0) {
      // Over the channel's posting rate: hand it back to the queue for later, without counting an attempt.
      this.record({ kind: 'retry', row, startedAt, delayMs: wait, reconcile: row.needs_reconcile, error: new NetworkError('rate_limited', 'local_rate_limit', 'Waiting for the channel’s posting rate') });
      return;
    }
    // No call once other workers may have taken this one over (its publications are theirs then);
    // waiting for a heartbeat happens without holding a slot.
    const since = leaseUntil - this.opts.publishTimeoutMs - this.opts.leaseMarginMs;
    let release: () => void;
    for (;;) {
      if (!(await this.liveness.confirm(since))) return;
      release = await this.semaphoreFor(row.network).acquire();
      if (this.liveness.mayStart(since)) break;
      release();
    }
    // The call must be over, on our side and the network's, well before the lease
    // ends: after that another attempt may reconcile, and a late post would be a duplicate.
    const budgetMs = Math.min(this.opts.publishTimeoutMs, leaseUntil - clock.now() - Math.min(1_000, this.opts.leaseMarginMs / 2));
    if (budgetMs < Math.min(250, this.opts.publishTimeoutMs / 2)) {
      release();
      this.record({ kind: 'retry', row, startedAt, delayMs: 0, reconcile: row.needs_reconcile, error: new NetworkError('rate_limited', 'local_rate_limit', 'Waited too long for a free slot; trying again') });
      return;
    }
    this.stats.inFlight++;
    const controller = new AbortController();
    // The timer is only a hint: a starved process runs it late. What bounds the
    // attempt is the deadline on the lease's clock, checked before every request.
    const timeout = setTimeout(() => controller.abort(new Error('timeout')), budgetMs);
    const deadline = clock.now() + budgetMs - Math.min(250, budgetMs / 4);
    const deadlinePassed = new NetworkError('transient', 'send_deadline_passed', 'The attempt ran out of time before sending; nothing was sent');
    const beforeSending = () => {
      if (clock.now() >= deadline) throw deadlinePassed;
    };
    try {
      const channel = {
        channelId: row.channel_id,
        settings: row.settings,
        credentials: secrets.open<Record<string, unknown>>(row.credentials_sealed),
        signal: controller.signal,
        // The adapter's own deadline falls before our abort and before the lease ends, on the
        // lease's clock (`now`), so a late request can neither be sent nor land after it.
        deadline,
        now: () => clock.now(),
        allowPrivateUrls: this.deps.config?.allowPrivateUrls === true,
      };
      const input = await this.buildInput(row);
      if (row.needs_reconcile) {
        beforeSending();
        const existing = await adapter.findPublished(channel, input);
        if (existing) {
          this.record({ kind: 'published', row, result: existing, startedAt, reconciled: true });
          return;
        }
      }
      beforeSending();
      const result = await adapter.publish(channel, input);
      this.record({ kind: 'published', row, result, startedAt, reconciled: false });
    } catch (caught) {
      const error =
        caught instanceof NetworkError
          ? caught
          : controller.signal.aborted
            ? new NetworkError('ambiguous', 'timeout', `No answer within ${budgetMs} ms`)
            : new NetworkError('ambiguous', 'unexpected', (caught as Error).message ?? String(caught));
      // Starved past the deadline before sending anything more: back to the queue at once, not counted.
      if (caught === deadlinePassed) this.record({ kind: 'retry', row, startedAt, delayMs: 0, reconcile: row.needs_reconcile, error });
      else this.record(this.classify(row, error, startedAt));
    } finally {
      clearTimeout(timeout);
      this.stats.inFlight--;
      release();
    }
  }

  private classify(row: PublishingRow, error: NetworkError, startedAt: number): Outcome {
    if (error.kind === 'auth' || error.kind === 'permanent') return { kind: 'failed', row, error, startedAt };
    if (error.kind === 'rate_limited' && error.details.retryAfterMs) this.limiter.block(row.channel_id, this.deps.clock.now() + error.details.retryAfterMs);
    if (row.attempts >= this.opts.maxAttempts) return { kind: 'failed', row, error, startedAt };
    const backoff = backoffDelay(row.attempts, this.opts.baseBackoffMs, this.opts.maxBackoffMs, error.details.retryAfterMs);
    const delayMs = error.kind === 'ambiguous' ? Math.max(backoff, this.opts.reconcileDelayMs) : backoff;
    // After an ambiguous outcome the post may exist: the next attempt must look before publishing.
    return { kind: 'retry', row, error, delayMs, startedAt, reconcile: row.needs_reconcile || error.kind === 'ambiguous' };
  }

  private async buildInput(row: PublishingRow): Promise<PublishInput> {
    const load = async (items: MediaItem[]): Promise<MediaInput[]> => {
      if (!items.length) return [];
      const { rows } = await this.deps.database.raw.query<{ id: string; sha256: string; mime_type: string; size_bytes: number }>(
        'SELECT id, sha256, mime_type, size_bytes FROM media WHERE id = ANY($1::uuid[]) AND workspace_id = $2',
        [items.map((m) => m.mediaId), row.workspace_id],
      );
      return Promise.all(
        items.map(async (item) => {
          const media = rows.find((r) => r.id === item.mediaId);
          if (!media) throw new NetworkError('permanent', 'media_missing', `Media ${item.mediaId} no longer exists`);
          const bytes = await this.deps.media.get(media.sha256);
          if (!bytes) throw new NetworkError('permanent', 'media_missing', `The file of media ${item.mediaId} is missing`);
          return { mediaId: media.id, mimeType: media.mime_type, size: media.size_bytes, bytes, alt: item.alt };
        }),
      );
    };
    return {
      publicationId: row.id,
      firstAttemptAt: new Date(row.first_attempt_at).toISOString(),
      text: row.text,
      media: await load(row.media),
      thread: await Promise.all(row.thread.map(async (part) => ({ text: part.text, media: await load(part.media) }))),
      options: row.options as PublishInput['options'],
    };
  }

  private record(outcome: Outcome): void {
    this.pending.push(outcome);
    if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        this.track(this.flush());
      }, 20);
    }
  }

  /** Writes buffered outcomes: one statement per kind, whatever the batch size. */
  async flush(): Promise<void> {
    const run = this.flushing.then(() => this.writeOutcomes());
    this.flushing = run.catch((error) => this.deps.logger.error({ err: error }, 'writing publication outcomes failed'));
    return this.flushing;
  }

  private async writeOutcomes(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const raw = this.deps.database.raw;
    const now = this.deps.clock.now();
    const published = batch.filter((o): o is Extract<Outcome, { kind: 'published' }> => o.kind === 'published');
    const retries = batch.filter((o): o is Extract<Outcome, { kind: 'retry' }> => o.kind === 'retry');
    const failures = batch.filter((o): o is Extract<Outcome, { kind: 'failed' }> => o.kind === 'failed');

    // One statement per kind, each writing the publications and their own attempt rows.
    if (published.length) {
      await raw.query(
        `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $7::int[], $8::bigint[], $9::text[]) AS v(id, remote_id, remote_url, attempt, attempt_id, outcome)),
         done AS (
         UPDATE publications p SET state = 'published', remote_id = v.remote_id, remote_url = v.remote_url, published_at = $4,
                claimed_by = NULL, lease_until = NULL, needs_reconcile = false, error_code = NULL, error_message = NULL,
                missed_by_ms = CASE WHEN $4::timestamptz - p.due_at > make_interval(secs => $6::double precision / 1000)
                                    THEN (extract(epoch FROM ($4::timestamptz - p.due_at)) * 1000)::bigint ELSE NULL END,
                updated_at = $4
           FROM v
          WHERE p.id = v.id AND p.state = 'publishing' AND p.claimed_by = $5 AND p.attempts = v.attempt
         )
         UPDATE publication_attempts a SET outcome = v.outcome, finished_at = $4 FROM v WHERE a.id = v.attempt_id AND a.outcome = 'started'`,
        [
          published.map((o) => o.row.id),
          published.map((o) => o.result.remoteId),
          published.map((o) => httpUrlOrNull(o.result.remoteUrl)),
          new Date(now),
          this.workerId,
          this.opts.missedThresholdMs,
          published.map((o) => o.row.attempts),
          published.map((o) => o.row.attempt_id),
          published.map((o) => (o.reconciled ? 'reconciled' : 'published')),
        ],
      );
      this.stats.published += published.length;
    }
    if (retries.length) {
      await raw.query(
        `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::boolean[], $4::text[], $5::text[], $8::int[]) AS v(id, due_at, reconcile, code, message, attempt)),
         done AS (
         UPDATE publications p SET state = 'scheduled', due_at = v.due_at, claimed_by = NULL, lease_until = NULL,
                needs_reconcile = v.reconcile, error_code = v.code, error_message = v.message,
                attempts = CASE WHEN v.code IN ('${DEFERRED.join("', '")}') THEN p.attempts - 1 ELSE p.attempts END, updated_at = $7
           FROM v
          WHERE p.id = v.id AND p.state = 'publishing' AND p.claimed_by = $6 AND p.attempts = v.attempt
         )
         ${finishAttemptsSql(9, 7)}`,
        [
          retries.map((o) => o.row.id),
          retries.map((o) => new Date(now + o.delayMs)),
          retries.map((o) => o.reconcile),
          retries.map((o) => o.error.code),
          retries.map((o) => o.error.message),
          this.workerId,
          new Date(now),
          retries.map((o) => o.row.attempts),
          ...attemptParams(retries.map((o) => ({ attemptId: o.row.attempt_id, outcome: DEFERRED.includes(o.error.code) ? 'deferred' : 'retry', error: o.error }))),
        ],
      );
      this.stats.retried += retries.length;
    }
    if (failures.length) {
      await raw.query(
        `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $6::int[]) AS v(id, code, message, attempt)),
         done AS (
         UPDATE publications p SET state = 'failed', claimed_by = NULL, lease_until = NULL, error_code = v.code, error_message = v.message, updated_at = $5
           FROM v
          WHERE p.id = v.id AND p.state = 'publishing' AND p.claimed_by = $4 AND p.attempts = v.attempt
         )
         ${finishAttemptsSql(7, 5)}`,
        [
          failures.map((o) => o.row.id),
          failures.map((o) => `${o.error.kind}:${o.error.code}`),
          failures.map((o) => o.error.message),
          this.workerId,
          new Date(now),
          failures.map((o) => o.row.attempts),
          ...attemptParams(failures.map((o) => ({ attemptId: o.row.attempt_id, outcome: 'failed', error: o.error }))),
        ],
      );
      for (const failure of failures) {
        if (failure.error.kind === 'auth' && failure.row.channel_status === 'active') await markNeedsReconnect(this.deps.database.db, failure.row.channel_id, failure.error.message);
      }
      this.stats.failed += failures.length;
    }
    const touched = [...new Set([...published, ...failures].map((o) => o.row.post_id))];
    await this.refreshPosts(touched);
  }

  /**
   * Derives each touched post's state from its publications and records
   * post.published / post.failed once per post when it settles.
   */
  private async refreshPosts(postIds: string[]): Promise<void> {
    if (postIds.length === 0) return;
    const now = new Date(this.deps.clock.now());
    await this.deps.database.raw.query(
      `WITH agg AS (
         SELECT post_id,
                count(*) FILTER (WHERE state IN ('scheduled', 'publishing', 'pending')) AS open,
                count(*) FILTER (WHERE state = 'published') AS published,
                count(*) FILTER (WHERE state = 'failed') AS failures
           FROM publications WHERE post_id = ANY($1::uuid[]) GROUP BY post_id
       ), settled AS (
       UPDATE posts p SET state = CASE WHEN agg.failures > 0 THEN 'failed' ELSE 'published' END, updated_at = $2
         FROM agg
        WHERE p.id = agg.post_id AND agg.open = 0 AND (agg.published + agg.failures) > 0
          AND p.state NOT IN ('published', 'failed', 'canceled')
       RETURNING p.id, p.workspace_id, p.state, agg.failures::int AS failures, agg.published::int AS published
       )
       INSERT INTO events (workspace_id, actor_user_id, type, subject_type, subject_id, data)
       SELECT s.workspace_id, NULL, CASE WHEN s.state = 'published' THEN 'post.published' ELSE 'post.failed' END, 'post', s.id::text,
              jsonb_build_object('published', s.published, 'failed', s.failures)
         FROM settled s`,
      [postIds, now],
    );
  }
}
