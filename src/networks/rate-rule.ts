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

/**
 * How much slower than the network's rule the publishing engine refills its own bucket.
 *
 * The engine grants a token when it decides to send; the network stamps the post when the request
 * arrives, after a database round trip, the adapter's preparation and the trip itself. On a loaded
 * machine that delay varies by hundreds of milliseconds, so two posts granted exactly one refill
 * apart could arrive closer together than the network allows. A tenth of a refill absorbs that
 * (600 ms on a 10-a-minute channel, 6 s on a 1-a-minute one) at a tenth of the throughput.
 * A worker frozen for seconds between the grant and the request (measured at load 14–19 on 2 cores)
 * is beyond any margin: the shared limiter stops a channel's refill while a granted request is in
 * flight (publishing/rate-limiter.ts, migration 1240).
 */
export const TRANSIT_MARGIN = 0.1;

/** The bucket the engine obeys: the network's capacity, refilled TRANSIT_MARGIN slower. */
export function enginePostingBucket(postsPerMinute: number): PostingBucket {
  const rule = postingBucket(postsPerMinute);
  return { capacity: rule.capacity, refillPerMs: rule.refillPerMs / (1 + TRANSIT_MARGIN) };
}
