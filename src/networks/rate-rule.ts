/**
 * What a channel's posting limit (`NetworkLimits.postsPerMinutePerChannel`) means,
 * in one place for the publishing engine (which obeys it) and the sandbox server
 * (which checks it): a token bucket that holds a tenth of a minute's allowance
 * (at least one post) and refills at the per-minute rate.
 */
export interface PostingBucket {
  /** Posts that may go at once after a quiet period. */
  capacity: number;
  /** Tokens regained per millisecond. */
  refillPerMs: number;
}

export function postingBucket(postsPerMinute: number): PostingBucket {
  return { capacity: Math.max(1, Math.ceil(postsPerMinute / 10)), refillPerMs: postsPerMinute / 60_000 };
}
