import { describe, expect, it } from 'vitest';
import { run } from '../bench/content/media.ts';

describe('bench:content media section (--small)', () => {
  it('seeds the library, records usages through the trigger and times the library search on Postgres', async () => {
    const metrics = await run({ database: 'postgres', small: true, log: () => undefined });
    expect(metrics.media_items).toBe(5_000);
    expect(metrics.media_usages).toBe(500);
    expect(metrics.media_search_hits).toBeGreaterThan(0);
    expect(Number(metrics.media_search_p95_ms)).toBeGreaterThan(0);
  }, 120_000);
});
