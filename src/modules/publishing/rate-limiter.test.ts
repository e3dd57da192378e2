import { describe, expect, it } from 'vitest';
import { backoffDelay, ChannelRateLimiter, refundShare, Semaphore } from './rate-limiter.ts';

describe('publishing rate limits', () => {
  it('lets a burst through, then spaces posts at the channel rate', () => {
    const limiter = new ChannelRateLimiter();
    const t0 = 1_000_000;
    // 60 per minute: burst capacity 6, then one per second and a tenth (the transit margin).
    for (let i = 0; i < 6; i++) expect(limiter.take('c1', 60, t0)).toBe(0);
    const wait = limiter.take('c1', 60, t0);
    expect(wait).toBeGreaterThan(1_000);
    expect(wait).toBeLessThanOrEqual(1_100);
    expect(limiter.take('c1', 60, t0 + 1_000)).toBeGreaterThan(0);
    expect(limiter.take('c1', 60, t0 + 1_100)).toBe(0);
    // Channels are independent.
    expect(limiter.take('c2', 60, t0)).toBe(0);
  });

  it('honours a Retry-After block for the whole channel', () => {
    const limiter = new ChannelRateLimiter();
    limiter.block('c1', 5_000);
    expect(limiter.take('c1', 600, 1_000)).toBe(4_000);
    expect(limiter.take('c1', 600, 5_000)).toBe(0);
  });

  it('gives back the slot of an attempt the network refused, less what the bucket regained meanwhile', () => {
    const limiter = new ChannelRateLimiter();
    const t0 = 1_000_000;
    // One a minute (Instagram, Facebook): the token is taken, the network answers 503 after 400 ms.
    expect(limiter.take('ig', 1, t0)).toBe(0);
    expect(limiter.take('ig', 1, t0 + 400)).toBeGreaterThan(59_000);
    limiter.refund('ig', 1, t0, t0 + 400);
    // The retry, a backoff later, goes at once instead of a minute later.
    expect(limiter.take('ig', 1, t0 + 1_000)).toBe(0);
    // And that retry's post uses the slot: the next waits its minute.
    expect(limiter.take('ig', 1, t0 + 2_000)).toBeGreaterThan(58_000);
    // The share never lets the limiter ahead of the bucket over the posts really made.
    expect(refundShare(1, 400)).toBeCloseTo(1 - 400 / 66_000, 9);
    expect(refundShare(60, 500)).toBeCloseTo(1 - 500 / 1_100, 9);
    expect(refundShare(60, 5_000)).toBe(0);
    expect(refundShare(6, -5)).toBe(1);
  });

  it('a refund cannot let a post through that the network’s limit forbids', () => {
    // Replays random schedules: a refunded take is as if the attempt never happened, or stricter.
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (const perMinute of [1, 5, 20, 60]) {
      const limiter = new ChannelRateLimiter();
      const rule = { capacity: Math.max(1, Math.ceil(perMinute / 10)), refill: perMinute / 60_000 };
      const made: number[] = [];
      let inFlight: Array<{ takenAt: number; endsAt: number; refused: boolean }> = [];
      let now = 0;
      for (let step = 0; step < 2_000; step++) {
        now += Math.floor(random() * (60_000 / perMinute) * 0.7);
        for (const attempt of inFlight.filter((a) => a.endsAt <= now)) {
          if (attempt.refused) limiter.refund('c', perMinute, attempt.takenAt, attempt.endsAt);
          else made.push(attempt.takenAt);
        }
        inFlight = inFlight.filter((a) => a.endsAt > now);
        if (limiter.take('c', perMinute, now) === 0)
          inFlight.push({ takenAt: now, endsAt: now + Math.floor(random() * 8_000), refused: random() < 0.3 });
      }
      // The network's view: a token bucket over the posts made, at the instants they were sent.
      made.sort((a, b) => a - b);
      let tokens = rule.capacity;
      let last = made[0] ?? 0;
      for (const at of made) {
        tokens = Math.min(rule.capacity, tokens + (at - last) * rule.refill);
        last = at;
        expect(tokens, `${perMinute}/min at ${at}`).toBeGreaterThan(1 - 1e-9);
        tokens -= 1;
      }
      expect(made.length).toBeGreaterThan(10);
    }
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
