/**
 * The small version of `npm run bench:inbox`: a few thousand items across 20 channels on the
 * embedded database go through the product's ingestion; delivered again by push and by poll,
 * none is stored twice; list, search and the 90-day report answer with measured times.
 */
import { describe, expect, it } from 'vitest';
import { runInbox } from '../bench/lib/inbox-run.ts';

describe('inbox benchmark (small)', () => {
  it('ingests, stores redelivered items once, and times list, search and report', async () => {
    const result = await runInbox({ kind: 'embedded', items: 2000, channels: 20, repeats: 6 });
    expect(result.items).toBe(2000);
    expect(result.redelivered).toBe(3000);
    expect(result.ingest_duplicates).toBe(0);
    expect(result.conversations).toBe(400);
    expect(result.ingest_items_per_s).toBeGreaterThan(0);
    for (const value of [result.list_p95_ms, result.search_p95_ms, result.report_p95_ms]) expect(Number.isFinite(value)).toBe(true);
  }, 300_000);
});
