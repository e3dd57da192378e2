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
    // Burst capacity: a tenth of a minute's allowance, at least one.
    const capacity = Math.max(1, Math.ceil(perMinute / 10));
    const ratePerMs = perMinute / 60_000;
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

  /** After a 429: nothing goes to this channel before `until`. */
  block(channelId: string, until: number): void {
    this.blockedUntil.set(channelId, Math.max(until, this.blockedUntil.get(channelId) ?? 0));
  }
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
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, retryAfterMs: number | undefined, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}
