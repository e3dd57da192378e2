import { describe, expect, it } from 'vitest';
import { backoffDelay, ChannelRateLimiter, Semaphore } from './rate-limiter.ts';

describe('publishing rate limits', () => {
  it('lets a burst through, then spaces posts at the channel rate', () => {
    const limiter = new ChannelRateLimiter();
    const t0 = 1_000_000;
    // 60 per minute: burst capacity 6, then one per second.
    for (let i = 0; i < 6; i++) expect(limiter.take('c1', 60, t0)).toBe(0);
    const wait = limiter.take('c1', 60, t0);
    expect(wait).toBeGreaterThan(900);
    expect(wait).toBeLessThanOrEqual(1_000);
    expect(limiter.take('c1', 60, t0 + 1_000)).toBe(0);
    // Channels are independent.
    expect(limiter.take('c2', 60, t0)).toBe(0);
  });

  it('honours a Retry-After block for the whole channel', () => {
    const limiter = new ChannelRateLimiter();
    limiter.block('c1', 5_000);
    expect(limiter.take('c1', 600, 1_000)).toBe(4_000);
    expect(limiter.take('c1', 600, 5_000)).toBe(0);
  });

  it('backs off exponentially with jitter, capped, never below Retry-After', () => {
    const low = () => 0;
    const high = () => 0.999;
    expect(backoffDelay(1, 1_000, 60_000, undefined, low)).toBe(500);
    expect(backoffDelay(1, 1_000, 60_000, undefined, high)).toBeLessThanOrEqual(1_000);
    expect(backoffDelay(4, 1_000, 60_000, undefined, low)).toBe(4_000);
    expect(backoffDelay(20, 1_000, 60_000, undefined, high)).toBeLessThanOrEqual(60_000);
    expect(backoffDelay(1, 1_000, 60_000, 30_000, low)).toBe(30_000);
  });

  it('caps concurrency per network', async () => {
    const semaphore = new Semaphore(2);
    const a = await semaphore.acquire();
    const b = await semaphore.acquire();
    let third = false;
    const pending = semaphore.acquire().then((release) => {
      third = true;
      return release;
    });
    await Promise.resolve();
    expect(third).toBe(false);
    a();
    (await pending)();
    expect(third).toBe(true);
    b();
    expect(semaphore.inUse).toBe(0);
  });
});
