/**
 * The small version of the queues benchmark (`npm run bench:content -- --only=queues --small`,
 * bench/content/queues.ts): 400 drafts added to 10 queues of 20 weekly slots by 4 concurrent
 * clients on Postgres land each in its own slot, in the order each client added them, with no
 * slot left empty before a queue's last post. Latency is reported, not asserted (a benchmark's goal).
 */
import { describe, expect, it } from 'vitest';
import { run } from '../bench/content/queues.ts';

describe('queues benchmark (small)', () => {
  it('4 concurrent clients never put two posts in one slot, and fill each queue in order', async () => {
    const result = await run({ database: 'postgres', small: true, log: () => undefined });
    expect(result.queue_posts).toBe(400);
    expect(result.queue_not_scheduled).toBe(0);
    expect(result.queue_shared_slots).toBe(0);
    expect(result.queue_out_of_order).toBe(0);
    expect(result.queue_off_slot).toBe(0);
    expect(result.queue_gaps).toBe(0);
    expect(result.queue_conflicts).toBe(0);
    expect(result.queue_add_p95_ms).toBeGreaterThan(0);
  }, 180_000);
});
