/**
 * The small version of the recurring section of `npm run bench:content` (bench/content/recurring.ts):
 * 30 repeat rules across three zones over 40 days that cross the March daylight-saving changes,
 * published by the real engine to the sandbox network on a manual clock. Every occurrence must reach
 * the network at the rule's local wall-clock time and day, once, and none may be left unpublished.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../bench/content/recurring.ts';

describe('content benchmark, recurring (small)', () => {
  it('publishes every occurrence once, at the brand’s local time, across DST changes', { timeout: 300_000 }, async () => {
    const metrics = await run({ database: 'postgres', small: true, log: () => undefined });
    expect(metrics.recurring_rules).toBe(30);
    expect(metrics.recurring_published).toBeGreaterThan(200);
    expect(metrics.recurring_wrong_local_time).toBe(0);
    expect(metrics.recurring_published_twice).toBe(0);
    expect(metrics.recurring_unpublished).toBe(0);
  });
});
