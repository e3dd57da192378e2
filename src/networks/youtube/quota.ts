/**
 * YouTube's daily quota as Google documents it ("Quota costs", Data API v3): per Google Cloud
 * project, reset at midnight Pacific Time, with three buckets: `videos.insert` (100 calls a day by
 * default, 1 per call), `search.list` (100 a day) and 10,000 units a day for every other method,
 * each method at its listed cost. Every request counts, failed ones too.
 *
 * The ledger counts what this process spent and refuses, before anything is sent, a call that
 * would go over: the adapter turns that into a `rate_limited` error with code `quota_exceeded`
 * and a wait until midnight Pacific, so the engine defers the publication with that reason
 * instead of letting YouTube refuse it. A `quotaExceeded` answer from YouTube (other software on
 * the same project, a lower limit than configured) marks the bucket spent for the day.
 */
import { NetworkError } from '../types.ts';
import { msUntilPacificMidnight, pacificDay } from '../google-api/client.ts';

export type QuotaBucket = 'units' | 'uploads' | 'search';

/** Units per call of the methods Plaza uses (search.list and videos.insert: 1 in their own buckets). */
export const YOUTUBE_QUOTA_COSTS = {
  'channels.list': { bucket: 'units', cost: 1 },
  'playlistItems.list': { bucket: 'units', cost: 1 },
  'videos.list': { bucket: 'units', cost: 1 },
  'videos.insert': { bucket: 'uploads', cost: 1 },
  'videos.update': { bucket: 'units', cost: 50 },
  'videos.delete': { bucket: 'units', cost: 50 },
  'thumbnails.set': { bucket: 'units', cost: 50 },
  'commentThreads.list': { bucket: 'units', cost: 1 },
  'comments.list': { bucket: 'units', cost: 1 },
  'comments.insert': { bucket: 'units', cost: 50 },
  'comments.setModerationStatus': { bucket: 'units', cost: 50 },
  'comments.delete': { bucket: 'units', cost: 50 },
  'search.list': { bucket: 'search', cost: 1 },
} as const satisfies Record<string, { bucket: QuotaBucket; cost: number }>;

export type YouTubeMethod = keyof typeof YOUTUBE_QUOTA_COSTS;

/** Google's defaults for a new project; an install with more (after a quota extension) sets its own. */
export const DEFAULT_YOUTUBE_QUOTA: Record<QuotaBucket, number> = { units: 10_000, uploads: 100, search: 100 };

export interface QuotaUsage {
  /** The Pacific day counted (YYYY-MM-DD). */
  day: string;
  used: Record<QuotaBucket, number>;
  limit: Record<QuotaBucket, number>;
  /** When the counts start again (ISO). */
  resetsAt: string;
}

export class YouTubeQuotaLedger {
  private readonly days = new Map<string, { day: string; used: Record<QuotaBucket, number> }>();

  constructor(
    private readonly limits: Record<QuotaBucket, number> = DEFAULT_YOUTUBE_QUOTA,
    private readonly now: () => number = Date.now,
  ) {}

  private current(project: string) {
    const day = pacificDay(this.now());
    let entry = this.days.get(project);
    if (!entry || entry.day !== day) {
      entry = { day, used: { units: 0, uploads: 0, search: 0 } };
      this.days.set(project, entry);
    }
    return entry;
  }

  /** Units `methods` would cost, by bucket. */
  static costOf(methods: YouTubeMethod[]): Record<QuotaBucket, number> {
    const cost: Record<QuotaBucket, number> = { units: 0, uploads: 0, search: 0 };
    for (const method of methods) cost[YOUTUBE_QUOTA_COSTS[method].bucket] += YOUTUBE_QUOTA_COSTS[method].cost;
    return cost;
  }

  /** Throws `quota_exceeded` (rate_limited until midnight PT) when `methods` would not fit in today's quota. */
  assertFits(project: string, methods: YouTubeMethod[]): void {
    const { used } = this.current(project);
    const cost = YouTubeQuotaLedger.costOf(methods);
    for (const bucket of Object.keys(cost) as QuotaBucket[]) {
      if (cost[bucket] > 0 && used[bucket] + cost[bucket] > this.limits[bucket]) {
        throw new NetworkError(
          'rate_limited',
          'quota_exceeded',
          `YouTube's daily quota (${bucket}: ${used[bucket]} of ${this.limits[bucket]} used) would be exceeded; it resets at midnight Pacific Time`,
          { retryAfterMs: msUntilPacificMidnight(this.now()), body: { bucket, used: used[bucket], limit: this.limits[bucket] } },
        );
      }
    }
  }

  /** Counts one call (made, whatever its answer). */
  spend(project: string, method: YouTubeMethod): void {
    const { bucket, cost } = YOUTUBE_QUOTA_COSTS[method];
    this.current(project).used[bucket] += cost;
  }

  /** YouTube said the quota is spent: nothing more in this bucket today. */
  exhaust(project: string, method: YouTubeMethod): void {
    const { bucket } = YOUTUBE_QUOTA_COSTS[method];
    this.current(project).used[bucket] = Math.max(this.current(project).used[bucket], this.limits[bucket]);
  }

  usage(project: string): QuotaUsage {
    const { day, used } = this.current(project);
    // One reading of the clock: with two, a millisecond between them put the reset 1 ms before midnight.
    const now = this.now();
    return {
      day,
      used: { ...used },
      limit: { ...this.limits },
      resetsAt: new Date(now + msUntilPacificMidnight(now)).toISOString(),
    };
  }
}
