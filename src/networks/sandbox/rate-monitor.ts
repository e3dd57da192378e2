/**
 * The sandbox server's own check of the posting limit, from the instants it
 * accepted each account's posts: it replays the token bucket that the limit
 * means (networks/rate-rule.ts) and counts every acceptance that found the
 * bucket empty — a post above the channel's limit.
 *
 * `toleranceMs` absorbs the latency jitter between the moment a client took its
 * token and the moment the server stored the post (posts that left on time can
 * arrive bunched): the replayed bucket holds `toleranceMs` worth of extra refill.
 */
import { postingBucket } from '../rate-rule.ts';

/** The sandbox's declared posting limit per channel (the adapter's `postsPerMinutePerChannel`). */
export const SANDBOX_POSTS_PER_MINUTE = 600;

export interface RateMonitorOptions {
  postsPerMinutePerChannel?: number;
  toleranceMs?: number;
}

export interface RateReport {
  postsPerMinutePerChannel: number;
  burst: number;
  toleranceMs: number;
  /** Acceptances above the limit, all accounts. */
  violations: number;
  /** Accounts with at least one, and how many. */
  accounts: Record<string, number>;
  /** Most posts accepted by one account within any 1-second window (for reading the figures). */
  maxPerSecond: number;
}

export class RateMonitor {
  readonly postsPerMinute: number;
  readonly toleranceMs: number;
  private readonly capacity: number;
  private readonly refillPerMs: number;
  private buckets = new Map<string, { tokens: number; at: number; recent: number[] }>();
  private violationsBy = new Map<string, number>();
  private maxPerSecond = 0;

  constructor(options: RateMonitorOptions = {}) {
    this.postsPerMinute = options.postsPerMinutePerChannel ?? SANDBOX_POSTS_PER_MINUTE;
    this.toleranceMs = options.toleranceMs ?? 1_000;
    const rule = postingBucket(this.postsPerMinute);
    this.refillPerMs = rule.refillPerMs;
    this.capacity = rule.capacity + rule.refillPerMs * this.toleranceMs;
  }

  /** Notes one accepted post; true when it was above the limit. */
  note(account: string, at: number): boolean {
    let bucket = this.buckets.get(account);
    if (!bucket) this.buckets.set(account, (bucket = { tokens: this.capacity, at, recent: [] }));
    bucket.tokens = Math.min(this.capacity, bucket.tokens + Math.max(0, at - bucket.at) * this.refillPerMs);
    bucket.at = Math.max(bucket.at, at);
    bucket.recent.push(at);
    while (bucket.recent.length && bucket.recent[0] <= at - 1_000) bucket.recent.shift();
    this.maxPerSecond = Math.max(this.maxPerSecond, bucket.recent.length);
    if (bucket.tokens >= 1 - 1e-9) {
      bucket.tokens -= 1;
      return false;
    }
    this.violationsBy.set(account, (this.violationsBy.get(account) ?? 0) + 1);
    return true;
  }

  report(): RateReport {
    let violations = 0;
    for (const n of this.violationsBy.values()) violations += n;
    return {
      postsPerMinutePerChannel: this.postsPerMinute,
      burst: postingBucket(this.postsPerMinute).capacity,
      toleranceMs: this.toleranceMs,
      violations,
      accounts: Object.fromEntries(this.violationsBy),
      maxPerSecond: this.maxPerSecond,
    };
  }

  reset(): void {
    this.buckets.clear();
    this.violationsBy.clear();
    this.maxPerSecond = 0;
  }
}
