import { describe, expect, it } from 'vitest';
import * as api from './api.ts';
import { HOUR_MS, DAY_MS, localTimeParts } from './audience.ts';
import { SandboxNetwork } from './simulator.ts';

const START = Date.UTC(2025, 2, 3, 0, 0, 0); // Monday 3 March 2025, 00:00 UTC

/** A clock tests move by hand. */
function manualClock(startMs: number = START) {
  let now = startMs;
  return {
    now: () => now,
    set: (ms: number) => {
      now = ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const caller = (idempotencyKey?: string): api.ApiCaller => ({
  authorization: 'Bearer good-token',
  ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
});

describe('SandboxNetwork record', () => {
  it('records exactly the accepted posts, in order, and nothing that was refused', async () => {
    const clock = manualClock();
    const network = new SandboxNetwork({ now: clock.now, seed: 7, errorRate5xx: 0.2, rateLimitRate: 0.2 });
    const acceptedIds: string[] = [];
    let refused = 0;
    for (let index = 0; index < 200; index++) {
      clock.advance(1000);
      const result = await api.createPost(network, `acct${index % 5}`, caller(`key-${index}`), {
        text: `post ${index}`,
        media: index % 3 === 0 ? [{ size: 1000, mimeType: 'image/png', alt: 'a chart' }] : [],
        marker: `pub-${index}`,
      });
      if (result.status === 201) acceptedIds.push((result.body as { post: api.PostView }).post.id);
      else refused++;
    }
    // Invalid and unauthorized calls are not recorded either.
    network.setOptions({ errorRate5xx: 0, rateLimitRate: 0 });
    await api.createPost(network, 'acct0', caller(), { text: 'x'.repeat(501), marker: 'too-long' });
    await api.createPost(network, 'acct0', { authorization: 'Bearer bad' }, { text: 'hi', marker: 'bad-token' });

    expect(refused).toBeGreaterThan(40);
    expect(refused).toBeLessThan(120);
    expect(network.accepted.map((entry) => entry.postId)).toEqual(acceptedIds);
    const third = network.accepted[2];
    expect(third.accountHandle).toMatch(/^acct\d$/);
    expect(third.text).toMatch(/^post \d+$/);
    expect(third.acceptedAt).toBeGreaterThan(START);
    expect(network.accepted.every((entry) => entry.mediaCount === (Number(entry.text.split(' ')[1]) % 3 === 0 ? 1 : 0))).toBe(true);
    expect(network.accepted.every((entry) => entry.marker === `pub-${entry.text.split(' ')[1]}`)).toBe(true);
    expect(network.countDuplicates()).toBe(0);
    const stats = network.stats();
    expect(stats.accepted).toBe(acceptedIds.length);
    expect(stats.serverErrors + stats.rateLimited).toBe(refused);
    expect(stats.invalid).toBe(1);
    expect(stats.unauthorized).toBe(1);
  });

  it('gives the same faults for the same seed and call order', async () => {
    async function faultSequence(seed: number): Promise<number[]> {
      const network = new SandboxNetwork({ seed, errorRate5xx: 0.3, rateLimitRate: 0.1, timeoutAfterAcceptRate: 0.1, hangMs: 0 });
      const statuses: number[] = [];
      for (let index = 0; index < 60; index++) {
        const result = await api.createPost(network, 'acct', caller(), { text: `t${index}`, marker: `m${index}` });
        statuses.push(result.hangMs !== undefined ? -1 : result.status);
      }
      return statuses;
    }
    const first = await faultSequence(42);
    expect(await faultSequence(42)).toEqual(first);
    expect(await faultSequence(43)).not.toEqual(first);
    expect(first).toContain(-1);
    expect(first).toContain(429);
    expect(first.some((status) => status >= 500)).toBe(true);
  });

  it('keeps a hung post in the record', async () => {
    const network = new SandboxNetwork({ timeoutAfterAcceptRate: 1, hangMs: 5 });
    const result = await api.createPost(network, 'acct', caller('k1'), { text: 'hello', marker: 'pub-1' });
    expect(result.hangMs).toBe(5);
    expect(network.accepted).toHaveLength(1);
    expect(network.lookupByMarker('acct', 'pub-1')?.id).toBe(network.accepted[0].postId);
    expect(network.stats().hung).toBe(1);
  });
});

describe('SandboxNetwork idempotency', () => {
  it('returns the earlier post for a repeated Idempotency-Key when honoured', async () => {
    const network = new SandboxNetwork();
    const first = await api.createPost(network, 'acct', caller('pub-1'), { text: 'hello', marker: 'pub-1' });
    const again = await api.createPost(network, 'acct', caller('pub-1'), { text: 'hello', marker: 'pub-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect((again.body as { post: api.PostView; replayed: boolean }).replayed).toBe(true);
    expect((again.body as { post: api.PostView }).post.id).toBe((first.body as { post: api.PostView }).post.id);
    expect(network.accepted).toHaveLength(1);
    expect(network.countDuplicates()).toBe(0);
    // The key is per account.
    await api.createPost(network, 'other', caller('pub-1'), { text: 'hello', marker: 'pub-1' });
    expect(network.accepted).toHaveLength(2);
    expect(network.countDuplicates()).toBe(0);
  });

  it('creates a duplicate for a repeated key when not honoured, and counts it', async () => {
    const network = new SandboxNetwork({ honourIdempotencyKey: false });
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = await api.createPost(network, 'acct', caller('pub-1'), { text: 'hello', marker: 'pub-1' });
      expect(result.status).toBe(201);
    }
    await api.createPost(network, 'acct', caller('pub-2'), { text: 'other', marker: 'pub-2' });
    expect(network.accepted).toHaveLength(4);
    expect(network.countDuplicates()).toBe(2);
    expect(network.duplicates()).toEqual([
      { accountHandle: 'acct', marker: 'pub-1', postIds: network.accepted.slice(0, 3).map((entry) => entry.postId) },
    ]);
    // Lookup finds the earliest live one; deleting it reveals the next.
    const earliest = network.lookupByMarker('acct', 'pub-1');
    expect(earliest?.id).toBe(network.accepted[0].postId);
    network.deletePost(earliest!.id);
    expect(network.lookupByMarker('acct', 'pub-1')?.id).toBe(network.accepted[1].postId);
    // Deleting does not rewrite the record.
    expect(network.accepted).toHaveLength(4);
    expect(network.lookupByMarker('acct', 'nope')).toBeNull();
  });

  it('switches idempotency at runtime', async () => {
    const network = new SandboxNetwork();
    await api.createPost(network, 'acct', caller('k'), { text: 'a', marker: 'k' });
    network.setOptions({ honourIdempotencyKey: false });
    await api.createPost(network, 'acct', caller('k'), { text: 'a', marker: 'k' });
    network.setOptions({ honourIdempotencyKey: true });
    await api.createPost(network, 'acct', caller('k'), { text: 'a', marker: 'k' });
    expect(network.accepted).toHaveLength(2);
  });
});

describe('SandboxNetwork options and validation', () => {
  it('rejects out-of-range options without changing anything', () => {
    const network = new SandboxNetwork({ latencyMs: 5 });
    expect(() => network.setOptions({ errorRate5xx: 1.5 })).toThrow(RangeError);
    expect(() => network.setOptions({ errorRate5xx: 0.6, rateLimitRate: 0.6 })).toThrow(/exceed 1/);
    expect(() => network.setOptions({ latencyMs: -1 })).toThrow(RangeError);
    expect(() => network.setOptions({ defaultTimeZone: 'Mars/Olympus' })).toThrow(/time zone/);
    expect(() => network.setOptions({ seed: 1.5 })).toThrow(/integer/);
    expect(() => network.setOptions({ bogus: 1 } as never)).toThrow(/unknown option/);
    expect(network.options.latencyMs).toBe(5);
    expect(network.options.errorRate5xx).toBe(0);
  });

  it('answers 422 with every problem for a post that breaks the rules', async () => {
    const network = new SandboxNetwork();
    const result = await api.createPost(network, 'acct', caller(), {
      text: 'x'.repeat(501),
      media: [1, 2, 3, 4, 5].map(() => ({ size: 6 * 1024 * 1024, mimeType: 'image/tiff', alt: 'a'.repeat(1001) })),
      replyTo: 'p999',
      visibility: 'secret',
    });
    expect(result.status).toBe(422);
    const codes = (result.body as { error: { details: Array<{ field: string; code: string }> } }).error.details.map(
      (found) => `${found.field}:${found.code}`,
    );
    expect(codes).toEqual(
      expect.arrayContaining([
        'text:too_long',
        'media:too_many',
        'media[0].size:too_large',
        'media[0].mimeType:unsupported_type',
        'media[0].alt:too_long',
        'replyTo:not_found',
        'visibility:invalid_value',
      ]),
    );
    expect(network.accepted).toHaveLength(0);
  });

  it('answers 401 for a missing, bad or revoked token and 400 for a bad handle', async () => {
    const network = new SandboxNetwork();
    const body = { text: 'hi', marker: 'm' };
    expect((await api.createPost(network, 'acct', {}, body)).status).toBe(401);
    expect((await api.createPost(network, 'acct', { authorization: 'Bearer bad' }, body)).status).toBe(401);
    expect((await api.createPost(network, 'acct', caller(), body)).status).toBe(201);
    network.revokeToken('good-token');
    expect((await api.createPost(network, 'acct', caller(), body)).status).toBe(401);
    expect((await api.getAccount(network, 'acct', caller())).status).toBe(401);
    expect((await api.createPost(network, 'bad handle!', { authorization: 'Bearer x' }, body)).status).toBe(400);
    expect(network.accepted).toHaveLength(1);
  });

  it('applies latency with jitter to posts', async () => {
    const network = new SandboxNetwork({ latencyMs: 40, jitterMs: 20 });
    const started = performance.now();
    await api.createPost(network, 'acct', caller(), { text: 'hi', marker: 'm' });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(39);
    expect(elapsed).toBeLessThan(500);
  });
});

describe('simulated audience', () => {
  async function postAt(network: SandboxNetwork, clock: ReturnType<typeof manualClock>, handle: string, atMs: number, text: string) {
    clock.set(atMs);
    const result = await api.createPost(network, handle, caller(), { text, marker: `${handle}-${atMs}-${text}` });
    return (result.body as { post: api.PostView }).post.id;
  }

  it('gives identical metrics for the same seed and clock, and different ones for another seed', async () => {
    async function snapshot(seed: number) {
      const clock = manualClock();
      const network = new SandboxNetwork({ seed, now: clock.now });
      network.configureAccount('brand', { followers: 5000, timeZone: 'Europe/Madrid' });
      const ids = [];
      for (let index = 0; index < 5; index++)
        ids.push(await postAt(network, clock, 'brand', START + index * HOUR_MS, `Post número ${index}?`));
      return ids.map((id) => network.metrics(id, START + 30 * HOUR_MS));
    }
    const first = await snapshot(11);
    expect(await snapshot(11)).toEqual(first);
    expect(await snapshot(12)).not.toEqual(first);
    for (const metrics of first) {
      expect(metrics!.impressions).toBeGreaterThanOrEqual(metrics!.reach);
      expect(metrics!.reach).toBeGreaterThan(0);
    }
  });

  it('accrues metrics over time without ever decreasing, and freezes them on delete', async () => {
    const clock = manualClock();
    const network = new SandboxNetwork({ seed: 3, now: clock.now });
    network.configureAccount('brand', { followers: 8000 });
    const id = await postAt(network, clock, 'brand', START + 12 * HOUR_MS, 'Nuevo producto #lanzamiento https://example.com');
    const times = [0, 0.25, 1, 3, 8, 24, 72].map((hours) => START + 12 * HOUR_MS + hours * HOUR_MS);
    const series = times.map((at) => network.metrics(id, at)!);
    expect(series[0]).toEqual({ likes: 0, replies: 0, reposts: 0, quotes: 0, impressions: 0, reach: 0, clicks: 0 });
    for (let index = 1; index < series.length; index++) {
      for (const key of Object.keys(series[index]) as Array<keyof (typeof series)[number]>) {
        expect(series[index][key]).toBeGreaterThanOrEqual(series[index - 1][key]);
      }
    }
    expect(series[6].likes).toBeGreaterThan(series[1].likes);
    expect(series[6].clicks).toBeGreaterThan(0);
    clock.set(times[3]);
    network.deletePost(id);
    expect(network.metrics(id, times[6])).toEqual(series[3]);
  });

  it('shows a time-of-day effect: evening posts in the account time zone beat night posts', async () => {
    const clock = manualClock();
    const network = new SandboxNetwork({ seed: 5, now: clock.now });
    network.configureAccount('madrid', { followers: 10_000, timeZone: 'Europe/Madrid' });
    network.configureAccount('mexico', { followers: 10_000, timeZone: 'America/Mexico_City' });
    // Madrid is UTC+1 in March: 19:00 UTC = 20:00 local, 03:00 UTC = 04:00 local.
    const evening: string[] = [];
    const night: string[] = [];
    for (let day = 0; day < 20; day++) {
      evening.push(await postAt(network, clock, 'madrid', START + day * DAY_MS + 19 * HOUR_MS, 'Hola a todos'));
      night.push(await postAt(network, clock, 'madrid', START + day * DAY_MS + 3 * HOUR_MS, 'Hola a todos'));
    }
    const readAt = START + 40 * DAY_MS;
    const meanImpressions = (ids: string[]) => ids.reduce((sum, id) => sum + network.metrics(id, readAt)!.impressions, 0) / ids.length;
    expect(meanImpressions(evening)).toBeGreaterThan(3 * meanImpressions(night));
    // The same UTC instant is a different local hour in another zone.
    expect(localTimeParts(START + 19 * HOUR_MS, 'Europe/Madrid').hour).toBe(20);
    expect(localTimeParts(START + 19 * HOUR_MS, 'America/Mexico_City').hour).toBe(13);
    expect(network.getPost(evening[0])!.localHour).toBe(20);
  });

  it('rewards media and questions the way the model says', async () => {
    const clock = manualClock();
    const network = new SandboxNetwork({ seed: 9, now: clock.now });
    network.configureAccount('brand', { followers: 10_000 });
    const plain: string[] = [];
    const question: string[] = [];
    const withMedia: string[] = [];
    for (let index = 0; index < 30; index++) {
      const at = START + index * DAY_MS + 12 * HOUR_MS;
      plain.push(await postAt(network, clock, 'brand', at, 'Un texto normal de longitud media'));
      question.push(await postAt(network, clock, 'brand', at + 1, 'Un texto normal de longitud media?'));
      clock.set(at + 2);
      const result = await api.createPost(network, 'brand', caller(), {
        text: 'Un texto normal de longitud media',
        media: [{ size: 10, mimeType: 'image/png' }],
        marker: `media-${index}`,
      });
      withMedia.push((result.body as { post: api.PostView }).post.id);
    }
    const readAt = START + 60 * DAY_MS;
    const mean = (ids: string[], key: 'replies' | 'likes') =>
      ids.reduce((sum, id) => sum + network.metrics(id, readAt)![key], 0) / ids.length;
    expect(mean(question, 'replies')).toBeGreaterThan(1.8 * mean(plain, 'replies'));
    expect(mean(withMedia, 'likes')).toBeGreaterThan(1.4 * mean(plain, 'likes'));
  });

  it('moves followers daily and deterministically, more after posting days', () => {
    function history(seed: number, postEveryDay: boolean) {
      const clock = manualClock();
      const network = new SandboxNetwork({ seed, now: clock.now });
      network.configureAccount('brand', { followers: 2000 });
      for (let day = 0; day < 10; day++) {
        clock.set(START + day * DAY_MS + 10 * HOUR_MS);
        if (postEveryDay) network.acceptPost('brand', { text: `day ${day}`, media: [] });
      }
      return network.followerHistory('brand', START + 10 * DAY_MS);
    }
    const quiet = history(21, false);
    expect(quiet).toHaveLength(11);
    expect(quiet[0]).toEqual({ date: '2025-03-03', followers: 2000, gained: 0, lost: 0 });
    for (let index = 1; index < quiet.length; index++) {
      expect(quiet[index].followers).toBe(quiet[index - 1].followers + quiet[index].gained - quiet[index].lost);
      expect(quiet[index].lost).toBeGreaterThan(0);
    }
    expect(history(21, false)).toEqual(quiet);
    expect(history(22, false)).not.toEqual(quiet);
    const active = history(21, true);
    expect(active[10].followers).toBeGreaterThan(quiet[10].followers);
  });

  it('produces as many audience replies as the replies count, deterministically, plus plain mentions', async () => {
    const clock = manualClock();
    const network = new SandboxNetwork({ seed: 4, now: clock.now });
    network.configureAccount('brand', { followers: 20_000 });
    const id = await postAt(network, clock, 'brand', START + 18 * HOUR_MS, '¿Qué os parece la nueva colección? #moda');
    const readAt = START + 2 * DAY_MS;
    clock.set(readAt);
    const mentions = network.mentions('brand');
    const replies = mentions.filter((mention) => mention.inReplyTo === id);
    expect(replies.length).toBe(network.metrics(id, readAt)!.replies);
    expect(replies.length).toBeGreaterThan(5);
    expect(mentions.some((mention) => mention.inReplyTo === undefined && mention.text.includes('@brand'))).toBe(true);
    expect(new Set(mentions.map((mention) => mention.id)).size).toBe(mentions.length);
    const sorted = [...mentions].sort((a, b) => a.createdAt - b.createdAt);
    expect(mentions).toEqual(sorted);
    for (const mention of mentions) {
      expect(mention.createdAt).toBeLessThanOrEqual(readAt);
      expect(['es', 'en']).toContain(mention.language);
    }
    // Same answer on a second read; `since` only cuts the window.
    expect(network.mentions('brand')).toEqual(mentions);
    const middle = mentions[Math.floor(mentions.length / 2)].createdAt;
    expect(network.mentions('brand', { sinceMs: middle })).toEqual(mentions.filter((mention) => mention.createdAt > middle));
    // Replies appear over time: fewer an hour after posting.
    const early = network.mentions('brand', { untilMs: START + 19 * HOUR_MS }).filter((mention) => mention.inReplyTo === id);
    expect(early.length).toBe(network.metrics(id, START + 19 * HOUR_MS)!.replies);
    expect(early.length).toBeLessThan(replies.length);
  });
});
