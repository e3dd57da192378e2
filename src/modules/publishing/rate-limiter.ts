import { enginePostingBucket } from '../../networks/rate-rule.ts';
import { publishingRepository as repository } from './repository.ts';

/**
 * In-process rate limits for publishing: a token bucket per channel (the network's
 * posting rate) and a "blocked until" per channel after a 429's Retry-After.
 * Each worker process enforces them for the channels it is publishing to.
 */
export class ChannelRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();
  private readonly blockedUntil = new Map<string, number>();

  /**
   * Takes a token for the channel. Returns 0 when the publication may go now,
   * otherwise how many milliseconds to wait before trying again.
   */
  take(channelId: string, perMinute: number, now: number): number {
    const blocked = this.blockedUntil.get(channelId);
    if (blocked !== undefined) {
      if (blocked > now) return blocked - now;
      this.blockedUntil.delete(channelId);
    }
    // Burst capacity: a tenth of a minute's allowance, at least one; refilled a little slower than the network's rule.
    const { capacity, refillPerMs: ratePerMs } = enginePostingBucket(perMinute);
    const bucket = this.buckets.get(channelId) ?? { tokens: capacity, updatedAt: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * ratePerMs);
    bucket.updatedAt = now;
    this.buckets.set(channelId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / ratePerMs);
  }

  /**
   * Gives back the token of an attempt the network refused (nothing was posted): taken at
   * `takenAt`, refused at `now`. See `refundShare` for how much comes back.
   */
  refund(channelId: string, perMinute: number, takenAt: number, now: number): void {
    const bucket = this.buckets.get(channelId);
    if (!bucket) return;
    const { capacity } = enginePostingBucket(perMinute);
    bucket.tokens = Math.min(capacity, bucket.tokens + refundShare(perMinute, now - takenAt));
  }

  /** After a 429: nothing goes to this channel before `until`. */
  block(channelId: string, until: number): void {
    this.blockedUntil.set(channelId, Math.max(until, this.blockedUntil.get(channelId) ?? 0));
  }
}

/**
 * How much of a token to give back when the attempt that took it posted nothing (the network
 * answered a 5xx or a 429, or nothing was sent), `heldMs` after taking it.
 *
 * The bucket the limiter keeps is then the true bucket (the one over the posts the network
 * really made) minus one token, except for what the true bucket lost by overflowing its capacity
 * while the token was out: at most one refill's worth of the time it was held. Giving back
 * 1 − refill × heldMs therefore never lets the limiter ahead of the true bucket, so the network's
 * limit holds; for a quick refusal (a 503 within a second on a one-a-minute channel) it is nearly
 * the whole token, and the retry goes at once instead of a minute later.
 *
 * An attempt whose answer was lost (timeout after sending) may have posted: its token is kept.
 */
export function refundShare(perMinute: number, heldMs: number): number {
  return Math.max(0, Math.min(1, 1 - enginePostingBucket(perMinute).refillPerMs * Math.max(0, heldMs)));
}

/** A counting semaphore: caps concurrent calls per network. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** Waits for a slot; call the returned function to give it back. */
  async acquire(): Promise<() => void> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.();
    };
  }

  get inUse(): number {
    return this.active;
  }
}

/**
 * Exponential backoff with full jitter (AWS architecture blog's recommendation),
 * never shorter than the network's Retry-After.
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Where the shared limiter keeps its buckets (PlazaDatabase['raw'] satisfies it). */
interface RateSql {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * Per-channel posting limits shared by every worker process through the database
 * (`publishing_rate_buckets`): the same token bucket as ChannelRateLimiter
 * (see networks/rate-rule.ts), and the Retry-After block after a 429.
 *
 * Takes made in the same event-loop turn (a fired batch calls `take` once per
 * publication) go to the database together: one upsert per batch, whatever its
 * size, locking the channels' rows in id order so concurrent workers cannot
 * deadlock. When n publications of one channel ask at once and k tokens are
 * there, the first k go and the others get staggered waits (one refill apart),
 * so they do not all come back at the same instant.
 */
export class SharedRateLimiter {
  private queue: Array<{ channelId: string; perMinute: number; now: number; holdUntil: number; resolve: (wait: number) => void }> = [];
  private scheduled = false;
  /** After 429s: the latest `until` per channel. */
  private readonly blocks: ChannelBatch<number>;
  /** Refunded shares per channel. */
  private readonly refunds: ChannelBatch<number>;
  /** Granted requests over, per channel, and the latest instant one ended. */
  private readonly answers: ChannelBatch<{ count: number; at: number }>;

  constructor(
    private readonly sql: RateSql,
    private readonly onError: (error: unknown) => void = () => undefined,
    /** Wait handed back when the database cannot be asked (no token, no post). */
    private readonly fallbackWaitMs = 1_000,
  ) {
    this.blocks = new ChannelBatch(
      Math.max,
      (channels, until) =>
        repository.blockChannels(
          sql,
          channels,
          until.map((u) => new Date(u)),
        ),
      onError,
    );
    this.refunds = new ChannelBatch(
      (a, b) => a + b,
      (channels, amounts) => repository.refundTokens(sql, channels, amounts),
      onError,
    );
    this.answers = new ChannelBatch(
      (a, b) => ({ count: a.count + b.count, at: Math.max(a.at, b.at) }),
      (channels, answers) =>
        repository.answeredTokens(
          sql,
          channels,
          answers.map((a) => a.count),
          new Date(Math.max(...answers.map((a) => a.at))),
        ),
      onError,
    );
  }

  /**
   * Resolves to 0 when the publication may go now, otherwise the milliseconds to wait first. A
   * granted request is in flight until `answered` (or until `holdUntil`, its deadline, if its worker
   * dies): meanwhile the channel's bucket does not refill.
   */
  take(channelId: string, perMinute: number, now: number, holdUntil: number = now): Promise<number> {
    return new Promise((resolve) => {
      this.queue.push({ channelId, perMinute, now, holdUntil, resolve });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flushTakes());
      }
    });
  }

  /**
   * Gives back (part of) the token of an attempt that posted nothing (`refundShare`), for every
   * worker: refunds made in one event-loop turn go to the database in one statement.
   */
  refund(channelId: string, perMinute: number, takenAt: number, now: number): Promise<void> {
    const share = refundShare(perMinute, now - takenAt);
    if (share <= 0) return Promise.resolve();
    return this.refunds.add(channelId, share);
  }

  /**
   * A granted request is over: answered, refused or given up. The network has counted its post by
   * now if ever, so the channel's bucket refills again from this moment (once none is in flight).
   */
  answered(channelId: string, now: number): Promise<void> {
    return this.answers.add(channelId, { count: 1, at: now });
  }

  /** After a 429: nothing goes to this channel, from any worker, before `until`. */
  block(channelId: string, until: number): void {
    void this.blocks.add(channelId, until);
  }

  private async flushTakes(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    if (batch.length === 0) return;
    const now = Math.max(...batch.map((t) => t.now));
    const byChannel = new Map<string, { perMinute: number; holdUntil: number; takers: typeof batch }>();
    for (const taker of batch) {
      const group = byChannel.get(taker.channelId);
      if (group) {
        group.takers.push(taker);
        group.holdUntil = Math.max(group.holdUntil, taker.holdUntil);
      } else byChannel.set(taker.channelId, { perMinute: taker.perMinute, holdUntil: taker.holdUntil, takers: [taker] });
    }
    const channels = [...byChannel.keys()].sort();
    const rules = channels.map((id) => enginePostingBucket(byChannel.get(id)!.perMinute));
    try {
      const rows = await repository.takeTokens(this.sql, {
        channels,
        counts: channels.map((id) => byChannel.get(id)!.takers.length),
        capacities: rules.map((r) => r.capacity),
        refillsPerMs: rules.map((r) => r.refillPerMs),
        now: new Date(now),
        holdsUntil: channels.map((id) => new Date(byChannel.get(id)!.holdUntil)),
      });
      for (const row of rows) {
        const group = byChannel.get(row.channel_id);
        if (!group) continue;
        byChannel.delete(row.channel_id);
        const blockedUntil =
          row.blocked_until === null ? 0 : row.blocked_until instanceof Date ? row.blocked_until.getTime() : Date.parse(row.blocked_until);
        const blockedWait = Math.max(0, blockedUntil - now);
        const tokens = Number(row.tokens);
        const rate = Number(row.refill_per_ms);
        group.takers.forEach((taker, index) => {
          if (index < row.last_granted) {
            taker.resolve(0);
            return;
          }
          // The j-th publication left waiting needs j more tokens than the bucket holds.
          const deficit = index - row.last_granted + 1 - (blockedWait > 0 ? tokens : Math.min(tokens, 0.999_999));
          taker.resolve(Math.max(1, blockedWait + Math.ceil(Math.max(0, deficit) / rate)));
        });
      }
      for (const group of byChannel.values()) for (const taker of group.takers) taker.resolve(this.fallbackWaitMs);
    } catch (error) {
      this.onError(error);
      for (const taker of batch) taker.resolve(this.fallbackWaitMs);
    }
  }
}

/**
 * Per-channel values noted in one event-loop turn (merged per channel), written together in one
 * statement with the channels sorted by id, so concurrent workers lock rows in the same order.
 */
class ChannelBatch<V> {
  private values = new Map<string, V>();
  /** Settles once this turn's values are written. */
  private written: Promise<void> | null = null;

  constructor(
    private readonly merge: (a: V, b: V) => V,
    private readonly write: (channels: string[], values: V[]) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(channelId: string, value: V): Promise<void> {
    const earlier = this.values.get(channelId);
    this.values.set(channelId, earlier === undefined ? value : this.merge(earlier, value));
    this.written ??= new Promise((resolve) => setImmediate(() => void this.flush().then(resolve)));
    return this.written;
  }

  private async flush(): Promise<void> {
    const values = this.values;
    this.values = new Map();
    this.written = null;
    if (values.size === 0) return;
    const channels = [...values.keys()].sort();
    try {
      await this.write(
        channels,
        channels.map((id) => values.get(id)!),
      );
    } catch (error) {
      this.onError(error);
    }
  }
}
