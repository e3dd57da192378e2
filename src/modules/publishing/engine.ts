import { httpUrlOrNull } from '../../lib/safe-url.ts';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { PlazaDatabase } from '../../db/database.ts';
import type { SecretBox } from '../../lib/crypto.ts';
import type { Clock } from '../../lib/clock.ts';
import type { MediaStore } from '../media/store.ts';
import { SIGNED_MEDIA_TTL_MS, signedMediaUrl } from '../media/signed-urls.ts';

/**
 * Videos larger than this reach adapters as `openStream` with empty `bytes` (MediaInput), so a
 * 1 GB upload never sits in a worker's memory; smaller ones (what a plain 20 MB upload can
 * carry) come whole, and stream too. Images always come whole.
 */
export const STREAM_VIDEO_OVER_BYTES = 20 * 1024 * 1024;
import type { NetworkRegistry } from '../../networks/registry.ts';
import {
  NetworkError,
  type ChannelContext,
  type MediaInput,
  type NetworkAdapter,
  type PublishInput,
  type PublishResult,
} from '../../networks/types.ts';
import { cardForPublishing } from '../link-cards/cards.ts';
import type { MediaItem } from '../../db/schema.ts';
import { backoffDelay, SharedRateLimiter, Semaphore } from './rate-limiter.ts';
import { WorkerLiveness } from './workers.ts';
import { DEFERRED, publishingRepository as repository, type FirstCommentRow, type PublishingRow } from './repository.ts';
import { recordEvent } from '../events/events.ts';
import { markNeedsReconnect, networkOrigin } from '../channels/service.ts';
import { refreshAfterAuthError } from '../oauth/refresh.ts';
import type { AppContext } from '../../server/context.ts';

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

/** What became of a publication's first comment in the attempt that published its post. */
export type CommentOutcome =
  | { state: 'published'; remoteId: string; remoteUrl: string | null }
  /** Worth another try (transient, rate limited, ambiguous, out of time): the comment loop takes it, and only it. */
  | { state: 'pending'; code: string; message: string; delayMs: number }
  | { state: 'failed'; code: string; message: string };

type Outcome =
  | {
      kind: 'published';
      row: PublishingRow;
      result: PublishResult;
      startedAt: number;
      reconciled: boolean;
      apiCost: number | null;
      comment?: CommentOutcome;
    }
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

/** Thrown inside an attempt when the channel's posting slot is not free yet (nothing was sent). */
class WaitForRate {
  constructor(
    readonly waitMs: number,
    readonly error = new NetworkError('rate_limited', 'local_rate_limit', 'Waiting for the channel’s posting rate'),
  ) {}
}

/** How long a publication waits before asking again for a channel whose previous send is in doubt. */
const SEND_IN_DOUBT_WAIT_MS = 1_000;
/** When a pending first comment is tried again; null when it is settled. */
const dueAtOf = (outcome: CommentOutcome, now: number): Date | null =>
  outcome.state === 'pending' ? new Date(now + outcome.delayMs) : null;

const toMs = (value: Date | string): number => (value instanceof Date ? value.getTime() : Date.parse(value));

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
  private commentsRunning = false;
  private readonly refreshCredentials: ((channelId: string, usedCredentials: string) => Promise<string | null>) | null;

  constructor(
    private readonly deps: {
      database: PlazaDatabase;
      secrets: SecretBox;
      networks: NetworkRegistry;
      media: MediaStore;
      clock: Clock;
      logger: Logger;
      config?: { allowPrivateUrls: boolean; publicUrl?: string; networkOrigins?: Record<string, string> };
    },
    options: EngineOptions = {},
    /**
     * The network refused a channel's token: refresh it once (src/modules/oauth) and answer the new
     * sealed credentials, or null. Default: the sign-in framework's, when given a full AppContext.
     */
    refreshCredentials?: (channelId: string, usedCredentials: string) => Promise<string | null>,
  ) {
    this.refreshCredentials =
      refreshCredentials ??
      (deps.config && 'networkApps' in deps.config
        ? (channelId, used) => refreshAfterAuthError(deps as AppContext, channelId, used)
        : null);
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
      await repository.releaseClaims(this.deps.database.raw, unfired, this.workerId);
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

  /** One polling round: recover stale work, claim what falls due soon, arm timers, retry due first comments. Exposed for tests. */
  async poll(): Promise<number> {
    await this.liveness.takeOverDead();
    await this.requeueAbandoned();
    const claimed = await this.claim();
    if (!this.commentsRunning)
      this.track(this.retryFirstComments().catch((error) => this.deps.logger.error({ err: error }, 'first comments failed')));
    return claimed;
  }

  /** Waits for the first-comment retries in progress (tests). */
  async settleFirstComments(): Promise<void> {
    await this.retryFirstComments();
    await Promise.allSettled([...this.inFlight]);
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
    const rows = await repository.failMissed(this.deps.database.raw, new Date(now));
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
    this.stats.reclaimedStale += await repository.requeueAbandoned(this.deps.database.raw, now);
  }

  /** Claims publications due before now + lookahead and arms a timer for each due instant. */
  private async claim(): Promise<number> {
    const now = this.deps.clock.now();
    const rows = await repository.claimDue(this.deps.database.raw, {
      workerId: this.workerId,
      leaseUntil: new Date(now + this.opts.lookaheadMs + this.opts.claimLeaseMs),
      dueBefore: new Date(now + this.opts.lookaheadMs),
      now: new Date(now),
      limit: this.opts.claimBatch,
    });
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
    const rows = await repository.startPublications(this.deps.database.raw, {
      ids,
      workerId: this.workerId,
      now: new Date(now),
      leaseUntil: new Date(leaseUntil),
    });
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
      this.record({
        kind: 'failed',
        row,
        startedAt,
        error: new NetworkError(
          'auth',
          `channel_${row.channel_status}`,
          `The channel is ${row.channel_status.replace('_', ' ')}: reconnect it and retry`,
        ),
      });
      return;
    }
    const perMinute = adapter.limits.postsPerMinutePerChannel;
    const waitForRate = (wait: number, error = new WaitForRate(wait).error) =>
      // Over the channel's posting rate: hand it back to the queue for later, without counting an attempt.
      this.record({ kind: 'retry', row, startedAt, delayMs: wait, reconcile: row.needs_reconcile, error });
    /**
     * When this attempt took the channel's posting token (null: not yet). It is taken right before
     * the network call, after the worker slot, the lease check and the media are ready: the network
     * stamps the post when the request arrives, so time spent between the grant and the call would
     * let two posts arrive closer together than the grants were. A publication that must reconcile
     * first takes it only once the network says the post is not there: finding the post an earlier
     * attempt made needs no posting slot (that attempt's token already counted the post).
     */
    let tokenAt: number | null = null;
    /** This attempt holds a granted posting request on the channel (until it is over). */
    let granted = false;
    /** The attempt posted nothing: its token goes back (most of it; see refundShare). */
    const giveTokenBack = () => {
      if (tokenAt !== null) void this.limiter.refund(row.channel_id, perMinute, tokenAt, clock.now());
      tokenAt = null;
    };
    // No call once other workers may have taken this one over (its publications are theirs then);
    // waiting for a heartbeat happens without holding a slot.
    const since = leaseUntil - this.opts.publishTimeoutMs - this.opts.leaseMarginMs;
    let release: () => void;
    for (;;) {
      if (!(await this.liveness.confirm(since))) {
        giveTokenBack();
        return;
      }
      release = await this.semaphoreFor(row.network).acquire();
      if (this.liveness.mayStart(since)) break;
      release();
    }
    // The call must be over, on our side and the network's, well before the lease
    // ends: after that another attempt may reconcile, and a late post would be a duplicate.
    const budgetMs = Math.min(this.opts.publishTimeoutMs, leaseUntil - clock.now() - Math.min(1_000, this.opts.leaseMarginMs / 2));
    if (budgetMs < Math.min(250, this.opts.publishTimeoutMs / 2)) {
      release();
      giveTokenBack();
      this.record({
        kind: 'retry',
        row,
        startedAt,
        delayMs: 0,
        reconcile: row.needs_reconcile,
        error: new NetworkError('rate_limited', 'local_rate_limit', 'Waited too long for a free slot; trying again'),
      });
      return;
    }
    this.stats.inFlight++;
    const controller = new AbortController();
    // The timer is only a hint: a starved process runs it late. What bounds the
    // attempt is the deadline on the lease's clock, checked before every request.
    const timeout = setTimeout(() => controller.abort(new Error('timeout')), budgetMs);
    const deadline = clock.now() + budgetMs - Math.min(250, budgetMs / 4);
    const deadlinePassed = new NetworkError(
      'transient',
      'send_deadline_passed',
      'The attempt ran out of time before sending; nothing was sent',
    );
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
        ...(networkOrigin(this.deps.config, row.network) && { origin: networkOrigin(this.deps.config, row.network) }),
        publishedOnChannel: (since: string, limit: number) =>
          repository.publishedOnChannel(this.deps.database.raw, row.channel_id, new Date(since), limit),
        postingSlot: () => takeSlot(),
      };
      const input = await this.buildInput(row, adapter.capabilities?.mediaByUrl === true, adapter);
      // Networks that bill per call (X): what this publication cost, kept with it.
      const apiCost = adapter.estimateApiCost ? adapter.estimateApiCost(input).total : null;
      let gaveEarlierBack = false;
      /** Takes the channel's posting token once per attempt: before publish, or when the adapter asks (takesPostingSlot). */
      const takeSlot = async () => {
        if (tokenAt !== null) return;
        // In flight until this attempt is over (`answered` below), at the latest its deadline.
        const wait = await this.limiter.take(row.channel_id, perMinute, clock.now(), deadline);
        // Not this channel's turn yet: nothing was sent, the publication goes back to the queue.
        if (wait > 0) throw new WaitForRate(wait);
        tokenAt = clock.now();
        granted = true;
      };
      // The first comment goes out right after its post, in the same attempt; it never fails the post.
      const withComment = async (result: PublishResult, reconciled: boolean) =>
        this.commentAfter(adapter, channel, input, result, row.needs_reconcile || reconciled, deadline);
      const attempt = async () => {
        // Found only by message order: not while another publication's send on this channel is in doubt.
        if (adapter.limits.oneSendInDoubtPerChannel && !(await repository.claimChannelSend(this.deps.database.raw, row.channel_id, row.id)))
          throw new WaitForRate(
            SEND_IN_DOUBT_WAIT_MS,
            new NetworkError('rate_limited', 'previous_send_in_doubt', 'Waiting until the channel’s previous post is confirmed'),
          );
        if (row.needs_reconcile) {
          beforeSending();
          const existing = await adapter.findPublished(channel, input);
          if (existing) {
            const comment = await withComment(existing, true);
            this.record({ kind: 'published', row, result: existing, startedAt, reconciled: true, apiCost, comment });
            return;
          }
        }
        if (row.needs_reconcile && row.previous_error_kind === 'ambiguous' && row.previous_started_at !== null && !gaveEarlierBack) {
          // The post is not there, after the settle time: the attempt whose answer was lost posted
          // nothing, so the slot it took comes back (taken no earlier than that attempt started).
          gaveEarlierBack = true;
          await this.limiter.refund(row.channel_id, perMinute, toMs(row.previous_started_at), clock.now());
        }
        if (!adapter.limits.takesPostingSlot) await takeSlot();
        beforeSending();
        const result = await adapter.publish(channel, input);
        // An adapter that declares takesPostingSlot and made a post without asking still used a slot.
        if (tokenAt === null) tokenAt = clock.now();
        const comment = await withComment(result, false);
        this.record({ kind: 'published', row, result, startedAt, reconciled: false, apiCost, comment });
      };
      try {
        await attempt();
      } catch (refused) {
        // The token was refused (expired, revoked): a sign-in channel refreshes once and tries once more.
        // An auth refusal means nothing was published, so the retry cannot duplicate.
        if (!(refused instanceof NetworkError && refused.kind === 'auth' && adapter.oauth && this.refreshCredentials)) throw refused;
        const renewed = await this.refreshCredentials(row.channel_id, row.credentials_sealed);
        if (!renewed) throw refused;
        channel.credentials = secrets.open<Record<string, unknown>>(renewed);
        await attempt();
      }
    } catch (caught) {
      if (caught instanceof WaitForRate) {
        // The channel's slot is not free yet (after a reconcile, too: the post is not there): nothing was sent.
        waitForRate(caught.waitMs, caught.error);
        return;
      }
      const error =
        caught instanceof NetworkError
          ? caught
          : controller.signal.aborted
            ? new NetworkError('ambiguous', 'timeout', `No answer within ${budgetMs} ms`)
            : new NetworkError('ambiguous', 'unexpected', (caught as Error).message ?? String(caught));
      // Starved past the deadline before sending anything more: back to the queue at once, not counted.
      if (caught === deadlinePassed) this.record({ kind: 'retry', row, startedAt, delayMs: 0, reconcile: row.needs_reconcile, error });
      else this.record(this.classify(row, error, startedAt));
      // Refused by the network (5xx, 429) or never sent: nothing was posted, so the post did not use
      // the channel's slot. A lost answer (ambiguous) may have posted: its token stays used.
      if (caught === deadlinePassed || error.kind === 'transient' || error.kind === 'rate_limited') giveTokenBack();
    } finally {
      clearTimeout(timeout);
      this.stats.inFlight--;
      release();
      // The post has reached the network by now if it ever will: the channel's bucket refills again.
      if (granted) void this.limiter.answered(row.channel_id, clock.now());
    }
  }

  /**
   * The first comment of a post just published (or found by a reconcile), through the adapter's
   * `publishFirstComment`: published, pending (worth another try: the comment loop retries it, never
   * the post) or failed for good. `reconcile` when an earlier try may have made it. Adapters that
   * still comment inside `publish` report it in the result; without a remote id it did not go out.
   */
  private async commentAfter(
    adapter: NetworkAdapter,
    channel: ChannelContext,
    input: PublishInput,
    result: PublishResult,
    reconcile: boolean,
    deadline: number,
  ): Promise<CommentOutcome | undefined> {
    const text = input.firstComment?.trim();
    if (!text) return undefined;
    if (result.firstCommentRemoteId)
      return { state: 'published', remoteId: result.firstCommentRemoteId, remoteUrl: result.firstCommentRemoteUrl ?? null };
    if (!adapter.publishFirstComment)
      return { state: 'failed', code: 'first_comment_not_published', message: 'The network did not confirm the first comment' };
    if (this.deps.clock.now() >= deadline)
      return { state: 'pending', code: 'send_deadline_passed', message: 'No time left in this attempt for the first comment', delayMs: 0 };
    try {
      const comment = await adapter.publishFirstComment(channel, {
        publicationId: input.publicationId,
        postRemoteId: result.remoteId,
        text,
        reconcile,
        ...(input.firstAttemptAt ? { firstAttemptAt: input.firstAttemptAt } : {}),
      });
      return { state: 'published', remoteId: comment.remoteId, remoteUrl: httpUrlOrNull(comment.remoteUrl) };
    } catch (caught) {
      return this.commentFailure(caught, 1);
    }
  }

  /** A failed first-comment try: pending with a backoff while worth retrying, else failed with the network's code. */
  private commentFailure(caught: unknown, attempts: number): CommentOutcome {
    const error =
      caught instanceof NetworkError ? caught : new NetworkError('ambiguous', 'unexpected', (caught as Error)?.message ?? String(caught));
    if (error.kind === 'auth' || error.kind === 'permanent' || attempts >= this.opts.maxAttempts)
      return { state: 'failed', code: `${error.kind}:${error.code}`, message: error.message };
    const delayMs = backoffDelay(attempts, this.opts.baseBackoffMs, this.opts.maxBackoffMs, error.details.retryAfterMs);
    return {
      state: 'pending',
      code: error.code,
      message: error.message,
      delayMs: error.kind === 'ambiguous' ? Math.max(delayMs, this.opts.reconcileDelayMs) : delayMs,
    };
  }

  /**
   * First comments whose post is out and whose comment is due again (a failed try worth retrying,
   * a retry asked for, a worker that died holding one): each claimed under a lease and published
   * with `reconcile`, so a comment an earlier try made is found, not doubled. Never the post again.
   */
  private async retryFirstComments(): Promise<void> {
    if (this.commentsRunning || !this.running) return;
    this.commentsRunning = true;
    try {
      const now = this.deps.clock.now();
      const rows = await repository.claimFirstComments(this.deps.database.raw, {
        now: new Date(now),
        leaseUntil: new Date(now + this.opts.publishTimeoutMs + this.opts.leaseMarginMs),
        limit: 20,
      });
      await Promise.all(rows.map((row) => this.retryFirstComment(row)));
    } finally {
      this.commentsRunning = false;
    }
  }

  private async retryFirstComment(row: FirstCommentRow): Promise<void> {
    const { networks, clock, secrets } = this.deps;
    let outcome: CommentOutcome;
    const adapter = networks.has(row.network) ? networks.get(row.network) : null;
    if (!adapter?.publishFirstComment) {
      outcome = { state: 'failed', code: 'first_comment_not_published', message: 'This network cannot retry a first comment alone' };
    } else if (row.channel_status !== 'active') {
      outcome = { state: 'failed', code: `auth:channel_${row.channel_status}`, message: `The channel is ${row.channel_status}` };
    } else {
      const controller = new AbortController();
      const timeout = setTimeout(() => controller.abort(new Error('timeout')), this.opts.publishTimeoutMs);
      const release = await this.semaphoreFor(row.network).acquire();
      try {
        const comment = await adapter.publishFirstComment(
          {
            channelId: row.channel_id,
            settings: row.settings,
            credentials: secrets.open<Record<string, unknown>>(row.credentials_sealed),
            signal: controller.signal,
            deadline: clock.now() + this.opts.publishTimeoutMs - 250,
            now: () => clock.now(),
            allowPrivateUrls: this.deps.config?.allowPrivateUrls === true,
            ...(networkOrigin(this.deps.config, row.network) && { origin: networkOrigin(this.deps.config, row.network) }),
          },
          {
            publicationId: row.id,
            postRemoteId: row.remote_id,
            text: row.first_comment,
            reconcile: true,
            ...(row.first_attempt_at ? { firstAttemptAt: new Date(row.first_attempt_at).toISOString() } : {}),
          },
        );
        outcome = { state: 'published', remoteId: comment.remoteId, remoteUrl: httpUrlOrNull(comment.remoteUrl) };
      } catch (caught) {
        outcome = this.commentFailure(caught, row.first_comment_attempts);
      } finally {
        clearTimeout(timeout);
        release();
      }
    }
    const now = clock.now();
    await repository.writeFirstComments(this.deps.database.raw, {
      now: new Date(now),
      items: [{ id: row.id, fence: { commentAttempts: row.first_comment_attempts }, outcome, dueAt: dueAtOf(outcome, now) }],
    });
  }

  private classify(row: PublishingRow, error: NetworkError, startedAt: number): Outcome {
    if (error.kind === 'auth' || error.kind === 'permanent') return { kind: 'failed', row, error, startedAt };
    if (error.kind === 'rate_limited' && error.details.retryAfterMs)
      this.limiter.block(row.channel_id, this.deps.clock.now() + error.details.retryAfterMs);
    if (row.attempts >= this.opts.maxAttempts) return { kind: 'failed', row, error, startedAt };
    const backoff = backoffDelay(row.attempts, this.opts.baseBackoffMs, this.opts.maxBackoffMs, error.details.retryAfterMs);
    const delayMs = error.kind === 'ambiguous' ? Math.max(backoff, this.opts.reconcileDelayMs) : backoff;
    // After an ambiguous outcome the post may exist: the next attempt must look before publishing.
    return { kind: 'retry', row, error, delayMs, startedAt, reconcile: row.needs_reconcile || error.kind === 'ambiguous' };
  }

  /**
   * The link card a media-less post is sent with, for adapters that declare `linkCards` (cached by
   * link-cards; a card that cannot be read never fails the post). What was sent, or why nothing was,
   * is kept on the publication.
   */
  private async linkCardOf(row: PublishingRow, adapter: NetworkAdapter | undefined): Promise<PublishInput['linkCard']> {
    const wants = adapter?.linkCards;
    if (!wants || row.media.length > 0 || !this.deps.database) return undefined;
    const cardContext = {
      database: this.deps.database,
      clock: this.deps.clock,
      config: { allowPrivateUrls: this.deps.config?.allowPrivateUrls === true },
    };
    const { card, skipped } = await cardForPublishing(
      cardContext,
      row.text,
      wants.thumbnail ? { maxBytes: wants.maxThumbnailBytes, types: wants.thumbnailTypes } : null,
    );
    if (card || skipped)
      await repository
        .noteLinkCard(this.deps.database.raw, row.id, card?.url ?? null, skipped)
        .catch((error) => this.deps.logger.warn({ err: error }, 'noting a link card failed'));
    return card ?? undefined;
  }

  private async buildInput(row: PublishingRow, mediaByUrl = false, adapter?: NetworkAdapter): Promise<PublishInput> {
    // Networks that fetch media by URL get a signed, expiring link under PUBLIC_URL.
    const publicUrlOf = (mediaId: string) =>
      mediaByUrl && this.deps.config
        ? (signedMediaUrl(this.deps.config, this.deps.secrets, mediaId, this.deps.clock.now() + SIGNED_MEDIA_TTL_MS) ?? undefined)
        : undefined;
    const load = async (items: MediaItem[]): Promise<MediaInput[]> => {
      if (!items.length) return [];
      const rows = await repository.mediaOf(
        this.deps.database.raw,
        items.map((m) => m.mediaId),
        row.workspace_id,
      );
      return Promise.all(
        items.map(async (item) => {
          const media = rows.find((r) => r.id === item.mediaId);
          if (!media) throw new NetworkError('permanent', 'media_missing', `Media ${item.mediaId} no longer exists`);
          const missing = () => new NetworkError('permanent', 'media_missing', `The file of media ${item.mediaId} is missing`);
          const store = this.deps.media;
          const isVideo = media.kind === 'video';
          // A large video is never read whole: adapters stream it (or a range of it) from the store.
          const streamed = isVideo && media.size_bytes > STREAM_VIDEO_OVER_BYTES;
          const bytes = streamed ? new Uint8Array(0) : await store.get(media.sha256);
          if (!bytes || (streamed && (await store.size(media.sha256)) === null)) throw missing();
          const publicUrl = publicUrlOf(media.id);
          const openStream = async function* (range?: { start: number; end?: number }) {
            const stream = await store.stream(media.sha256, range);
            if (!stream) throw missing();
            for await (const chunk of stream) yield chunk as Uint8Array;
          };
          return {
            mediaId: media.id,
            mimeType: media.mime_type,
            size: media.size_bytes,
            bytes,
            ...(isVideo ? { openStream } : {}),
            alt: item.alt,
            kind: media.kind === 'video' ? ('video' as const) : ('image' as const),
            ...(media.width !== null ? { width: media.width } : {}),
            ...(media.height !== null ? { height: media.height } : {}),
            ...(media.duration_seconds !== null ? { durationSeconds: Number(media.duration_seconds) } : {}),
            ...(media.codec !== null ? { codec: media.codec } : {}),
            ...(publicUrl ? { publicUrl } : {}),
          };
        }),
      );
    };
    return {
      publicationId: row.id,
      firstAttemptAt: new Date(row.first_attempt_at).toISOString(),
      // Deferred attempts (waiting for the channel's turn) give their count back: more than one started.
      ...(row.attempts > 1 ? { retry: true as const } : {}),
      text: row.text,
      media: await load(row.media),
      thread: await Promise.all(row.thread.map(async (part) => ({ text: part.text, media: await load(part.media) }))),
      options: row.options as PublishInput['options'],
      ...(row.post_type ? { postType: row.post_type as PublishInput['postType'] } : {}),
      ...(row.first_comment ? { firstComment: row.first_comment } : {}),
      ...(row.title ? { title: row.title } : {}),
      ...(await this.linkCardOf(row, adapter).then((card) => (card ? { linkCard: card } : {}))),
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
      await repository.writePublished(raw, {
        ids: published.map((o) => o.row.id),
        remoteIds: published.map((o) => o.result.remoteId),
        remoteUrls: published.map((o) => httpUrlOrNull(o.result.remoteUrl)),
        now: new Date(now),
        workerId: this.workerId,
        missedThresholdMs: this.opts.missedThresholdMs,
        attempts: published.map((o) => o.row.attempts),
        attemptIds: published.map((o) => o.row.attempt_id),
        outcomes: published.map((o) => (o.reconciled ? 'reconciled' : 'published')),
        apiCosts: published.map((o) => o.apiCost),
      });
      await repository.writeFirstComments(raw, {
        now: new Date(now),
        items: published.flatMap((o) =>
          o.comment ? [{ id: o.row.id, fence: { attempts: o.row.attempts }, outcome: o.comment, dueAt: dueAtOf(o.comment, now) }] : [],
        ),
      });
      this.stats.published += published.length;
    }
    if (retries.length) {
      await repository.writeRetries(raw, {
        ids: retries.map((o) => o.row.id),
        dueAts: retries.map((o) => new Date(now + o.delayMs)),
        reconcile: retries.map((o) => o.reconcile),
        codes: retries.map((o) => o.error.code),
        messages: retries.map((o) => o.error.message),
        workerId: this.workerId,
        now: new Date(now),
        attempts: retries.map((o) => o.row.attempts),
        outcomes: retries.map((o) => ({
          attemptId: o.row.attempt_id,
          outcome: DEFERRED.includes(o.error.code) ? 'deferred' : 'retry',
          error: o.error,
        })),
      });
      this.stats.retried += retries.length;
    }
    if (failures.length) {
      await repository.writeFailures(raw, {
        ids: failures.map((o) => o.row.id),
        codes: failures.map((o) => `${o.error.kind}:${o.error.code}`),
        messages: failures.map((o) => o.error.message),
        workerId: this.workerId,
        now: new Date(now),
        attempts: failures.map((o) => o.row.attempts),
        outcomes: failures.map((o) => ({ attemptId: o.row.attempt_id, outcome: 'failed', error: o.error })),
      });
      for (const failure of failures) {
        if (failure.error.kind === 'auth' && failure.row.channel_status === 'active')
          await markNeedsReconnect(this.deps.database.db, failure.row.channel_id, failure.error.message, failure.error.code);
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
    await repository.refreshPosts(this.deps.database.raw, postIds, now);
  }
}
