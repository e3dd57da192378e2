import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NetworkError, type ChannelContext, type PublishInput, type PublishResult } from '../types.ts';
import { errorFromStatus, parseRetryAfter } from './client.ts';
import { sandboxAdapter } from './index.ts';
import { startSandboxServer, type SandboxServer } from './server.ts';
import { DEFAULT_SANDBOX_OPTIONS } from './simulator.ts';

let server: SandboxServer;

beforeAll(async () => {
  server = await startSandboxServer({ host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.network.reset();
  server.network.setOptions({ ...DEFAULT_SANDBOX_OPTIONS });
});

function channel(
  overrides: { handle?: string; token?: string; timeoutMs?: number; signal?: AbortSignal; serverUrl?: string } = {},
): ChannelContext {
  return {
    channelId: 'ch-1',
    settings: {
      serverUrl: overrides.serverUrl ?? server.url,
      handle: overrides.handle ?? 'brand',
      ...(overrides.timeoutMs !== undefined ? { timeoutMs: overrides.timeoutMs } : {}),
    },
    credentials: { token: overrides.token ?? 'secret-token' },
    // The test server listens on loopback: the PLAZA_ALLOW_PRIVATE_URLS switch, on.
    allowPrivateUrls: true,
    ...(overrides.signal ? { signal: overrides.signal } : {}),
  };
}

function publication(id: string, extra: Partial<PublishInput> = {}): PublishInput {
  return { publicationId: id, text: `Hola mundo ${id} #plaza`, media: [], ...extra };
}

async function caught(promise: Promise<unknown>): Promise<NetworkError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof NetworkError) return error;
    throw error;
  }
  throw new Error('expected a NetworkError');
}

describe('sandbox adapter over HTTP', () => {
  it('is labelled simulated and reconciles by lookup', () => {
    expect(sandboxAdapter.simulated).toBe(true);
    expect(sandboxAdapter.label).toEqual({ en: 'Sandbox (simulated)', es: 'Sandbox (simulada)' });
    expect(sandboxAdapter.idempotency).toBe('reconcile-by-lookup');
    expect(sandboxAdapter.limits.postsPerMinutePerChannel).toBe(600);
  });

  it('publishes, finds, measures, lists mentions, checks health and deletes', async () => {
    const input = publication('pub-1', {
      media: [{ mediaId: 'm1', mimeType: 'image/png', bytes: new Uint8Array(3), size: 3, alt: 'logo' }],
    });
    const result = await sandboxAdapter.publish(channel(), input);
    expect(result.remoteUrl).toBe(`${server.url}/api/posts/${result.remoteId}`);
    expect(server.network.accepted).toEqual([
      {
        postId: result.remoteId,
        accountHandle: 'brand',
        text: input.text,
        mediaCount: 1,
        idempotencyKey: 'pub-1',
        marker: 'pub-1',
        acceptedAt: expect.any(Number),
      },
    ]);
    expect(await sandboxAdapter.findPublished(channel(), input)).toEqual(result);
    expect(await sandboxAdapter.findPublished(channel(), publication('pub-unknown'))).toBeNull();

    const metrics = await sandboxAdapter.fetchMetrics(channel(), result.remoteId);
    for (const key of ['likes', 'replies', 'reposts', 'quotes', 'impressions', 'reach', 'clicks'] as const) {
      expect(typeof metrics[key]).toBe('number');
    }
    expect(metrics.missing).toEqual({});

    const health = await sandboxAdapter.checkHealth(channel());
    expect(health.ok).toBe(true);
    expect(health.account?.handle).toBe('brand');
    expect(health.account?.followers).toBe(server.network.followers('brand'));

    const mentions = await sandboxAdapter.fetchMentions(channel(), new Date(Date.now() - 86_400_000).toISOString());
    for (const mention of mentions) {
      expect(mention.text.length).toBeGreaterThan(0);
      expect(Date.parse(mention.createdAt)).toBeLessThanOrEqual(Date.now());
    }
    expect(mentions.map((mention) => mention.remoteId)).toEqual(
      server.network
        .mentions('brand', { sinceMs: Date.now() - 86_400_000 })
        .map((mention) => mention.id)
        .filter((id) => mentions.some((m) => m.remoteId === id)),
    );

    await sandboxAdapter.delete(channel(), result.remoteId);
    expect(await sandboxAdapter.findPublished(channel(), input)).toBeNull();
    await sandboxAdapter.delete(channel(), result.remoteId); // already gone: no error
    const gone = await caught(sandboxAdapter.fetchMetrics(channel(), result.remoteId));
    expect(gone.kind).toBe('permanent');
    expect(gone.code).toBe('not_found');
    expect(server.network.accepted).toHaveLength(1);
  });

  it('publishes a thread as a reply chain, each part with its own marker', async () => {
    const input = publication('pub-thread', {
      thread: [
        { text: 'second', media: [] },
        { text: 'third', media: [] },
      ],
      options: { visibility: 'unlisted', contentWarning: 'spoilers', language: 'es' },
    });
    const result = await sandboxAdapter.publish(channel(), input);
    expect(result.threadRemoteIds).toHaveLength(2);
    expect(server.network.accepted.map((entry) => entry.marker)).toEqual(['pub-thread', 'pub-thread#1', 'pub-thread#2']);
    const [second, third] = result.threadRemoteIds!.map((id) => server.network.getPost(id)!);
    expect(second.replyTo).toBe(result.remoteId);
    expect(third.replyTo).toBe(second.id);
    expect(third.visibility).toBe('unlisted');
    expect(third.contentWarning).toBe('spoilers');
    expect(await sandboxAdapter.findPublished(channel(), input)).toEqual(result);
    expect(server.network.accepted).toHaveLength(3);
  });

  it('honours the idempotency key when asked, and duplicates when not', async () => {
    const input = publication('pub-twice');
    const first = await sandboxAdapter.publish(channel(), input);
    const second = await sandboxAdapter.publish(channel(), input);
    expect(second.remoteId).toBe(first.remoteId);
    expect(server.network.accepted).toHaveLength(1);

    server.network.setOptions({ honourIdempotencyKey: false });
    const third = await sandboxAdapter.publish(channel(), input);
    expect(third.remoteId).not.toBe(first.remoteId);
    expect(server.network.accepted).toHaveLength(2);
    expect(server.network.countDuplicates()).toBe(1);
    // The lookup still points at the first one.
    expect((await sandboxAdapter.findPublished(channel(), input))?.remoteId).toBe(first.remoteId);
  });
});

describe('fault mapping over HTTP', () => {
  it('maps 5xx to transient and stores nothing', async () => {
    server.network.setOptions({ errorRate5xx: 1 });
    const error = await caught(sandboxAdapter.publish(channel(), publication('pub-5xx')));
    expect(error.kind).toBe('transient');
    expect(error.code).toMatch(/^http_50[023]$/);
    expect(error.details.status).toBeGreaterThanOrEqual(500);
    expect(server.network.accepted).toHaveLength(0);
  });

  it('maps 429 to rate_limited with Retry-After in ms', async () => {
    server.network.setOptions({ rateLimitRate: 1, retryAfterSeconds: 7 });
    const error = await caught(sandboxAdapter.publish(channel(), publication('pub-429')));
    expect(error.kind).toBe('rate_limited');
    expect(error.details.retryAfterMs).toBe(7000);
    expect(server.network.accepted).toHaveLength(0);
  });

  it('maps a timeout after accept to ambiguous; the post is in the record and findPublished finds it', async () => {
    server.network.setOptions({ timeoutAfterAcceptRate: 1 }); // held for the default 30 s
    const input = publication('pub-hang');
    const started = performance.now();
    const error = await caught(sandboxAdapter.publish(channel({ timeoutMs: 200 }), input));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error.kind).toBe('ambiguous');
    expect(error.code).toBe('timeout');
    expect(server.network.accepted).toHaveLength(1);
    server.network.setOptions({ timeoutAfterAcceptRate: 0 });
    const found = await sandboxAdapter.findPublished(channel(), input);
    expect(found?.remoteId).toBe(server.network.accepted[0].postId);
  });

  it('maps a connection dropped after accept (hang shorter than the timeout) to ambiguous', async () => {
    server.network.setOptions({ timeoutAfterAcceptRate: 1, hangMs: 30 });
    const error = await caught(sandboxAdapter.publish(channel({ timeoutMs: 5000 }), publication('pub-drop')));
    expect(error.kind).toBe('ambiguous');
    expect(error.code).toBe('connection_lost');
    expect(server.network.accepted).toHaveLength(1);
  });

  it('maps the caller aborting mid-call to ambiguous, and an abort before sending to transient', async () => {
    server.network.setOptions({ latencyMs: 300 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await caught(sandboxAdapter.publish(channel({ signal: controller.signal }), publication('pub-abort')));
    expect(error.kind).toBe('ambiguous');
    expect(error.code).toBe('aborted');
    const before = await caught(sandboxAdapter.publish(channel({ signal: AbortSignal.abort() }), publication('pub-abort-2')));
    expect(before.kind).toBe('transient');
    // The server finishes its latency, sees the caller gone, and stores nothing.
    while (server.network.stats().abandoned === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.network.accepted).toHaveLength(0);
  });

  it('drops a post whose caller hung up before it was stored, unless processAbandonedCalls is on', async () => {
    server.network.setOptions({ latencyMs: 120 });
    const dropped = await caught(sandboxAdapter.publish(channel({ timeoutMs: 20 }), publication('pub-gone')));
    expect(dropped.kind).toBe('ambiguous');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(server.network.accepted).toHaveLength(0);
    expect(server.network.stats().abandoned).toBe(1);

    server.network.setOptions({ processAbandonedCalls: true });
    await caught(sandboxAdapter.publish(channel({ timeoutMs: 20 }), publication('pub-late')));
    // A lookup right after the timeout misses the post, which lands later.
    expect(await sandboxAdapter.findPublished(channel(), publication('pub-late'))).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(server.network.accepted.map((entry) => entry.marker)).toEqual(['pub-late']);
  });

  it('stores nothing for a call that arrives past its deadline, and the adapter may retry it', async () => {
    const response = await fetch(`${server.url}/api/accounts/brand/posts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t', 'x-sandbox-deadline': String(Date.now() - 1) },
      body: JSON.stringify({ text: 'late', marker: 'late' }),
    });
    expect(response.status).toBe(499);
    const body = await response.json();
    expect(server.network.accepted).toHaveLength(0);
    const mapped = errorFromStatus(499, body);
    expect(mapped.kind).toBe('transient');
    expect(mapped.code).toBe('deadline_exceeded');
  });

  it('maps 401 (bad or revoked token) to auth, and health reports it', async () => {
    const bad = await caught(sandboxAdapter.publish(channel({ token: 'bad' }), publication('pub-bad')));
    expect(bad.kind).toBe('auth');
    expect(bad.details.status).toBe(401);
    const revoke = await fetch(`${server.url}/api/tokens/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'old-token' }),
    });
    expect(revoke.status).toBe(200);
    expect((await caught(sandboxAdapter.publish(channel({ token: 'old-token' }), publication('pub-old')))).kind).toBe('auth');
    expect(await sandboxAdapter.checkHealth(channel({ token: 'bad' }))).toEqual({
      ok: false,
      error: { code: 'invalid_token', message: expect.any(String), kind: 'auth' },
    });
    expect(server.network.accepted).toHaveLength(0);
  });

  it('maps validation failures to permanent, locally and from the server', async () => {
    const local = await caught(sandboxAdapter.publish(channel(), publication('pub-long', { text: 'x'.repeat(501) })));
    expect(local.kind).toBe('permanent');
    expect(local.code).toBe('invalid_content');
    const badHandle = await caught(sandboxAdapter.publish(channel({ handle: 'no spaces allowed' }), publication('pub-h')));
    expect(badHandle.kind).toBe('permanent');
    expect(badHandle.details.status).toBe(400);

    const response = await fetch(`${server.url}/api/accounts/brand/posts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: JSON.stringify({ text: 'x'.repeat(501), media: [{ size: 1, mimeType: 'image/png' }] }),
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; details: Array<{ code: string }> } };
    expect(body.error.code).toBe('invalid_post');
    expect(body.error.details.map((found) => found.code)).toContain('too_long');
    expect(server.network.accepted).toHaveLength(0);
  });

  it('maps connection refused to transient', async () => {
    const closed = await startSandboxServer();
    const url = closed.url;
    await closed.close();
    const error = await caught(sandboxAdapter.publish(channel({ serverUrl: url }), publication('pub-refused')));
    expect(error.kind).toBe('transient');
    expect(error.code).toBe('connection_refused');
  });

  it('applies faults to reads only when faultsOnReads is on', async () => {
    await sandboxAdapter.publish(channel(), publication('pub-read'));
    server.network.setOptions({ errorRate5xx: 1 });
    expect(await sandboxAdapter.findPublished(channel(), publication('pub-read'))).not.toBeNull();
    server.network.setOptions({ faultsOnReads: true });
    expect((await caught(sandboxAdapter.findPublished(channel(), publication('pub-read')))).kind).toBe('transient');
  });
});

describe('status classification', () => {
  it('classifies every status family', () => {
    expect(errorFromStatus(401, null).kind).toBe('auth');
    expect(errorFromStatus(403, null).kind).toBe('permanent');
    expect(errorFromStatus(404, { error: { code: 'not_found', message: 'x' } }).code).toBe('not_found');
    expect(errorFromStatus(422, null).kind).toBe('permanent');
    expect(errorFromStatus(429, null, 3000).details.retryAfterMs).toBe(3000);
    expect(errorFromStatus(503, null).kind).toBe('transient');
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('sandbox server', () => {
  it('serves health, the record and chaos options, refusing bad options', async () => {
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ ok: true, simulated: true, label: 'Sandbox (simulated)' });
    const chaos = await fetch(`${server.url}/api/chaos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 1, honourIdempotencyKey: false }),
    });
    expect(chaos.status).toBe(200);
    expect(server.network.options.honourIdempotencyKey).toBe(false);
    const refused = await fetch(`${server.url}/api/chaos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate5xx: 2 }),
    });
    expect(refused.status).toBe(400);
    expect(server.network.options.errorRate5xx).toBe(0);
    await sandboxAdapter.publish(channel(), publication('pub-r1'));
    await sandboxAdapter.publish(channel(), publication('pub-r1'));
    const record = (await (await fetch(`${server.url}/api/record`)).json()) as { count: number; duplicates: number; accepted: unknown[] };
    expect(record.count).toBe(2);
    expect(record.duplicates).toBe(1);
    expect(record.accepted).toEqual(server.network.accepted);
    const unauthenticated = await fetch(`${server.url}/api/accounts/brand`);
    expect(unauthenticated.status).toBe(401);
  });

  it('closes promptly while holding calls, which then end as ambiguous', async () => {
    const own = await startSandboxServer();
    own.network.setOptions({ timeoutAfterAcceptRate: 1, hangMs: 30_000 });
    const pending = caught(sandboxAdapter.publish(channel({ serverUrl: own.url, timeoutMs: 60_000 }), publication('pub-held')));
    while (own.network.accepted.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = performance.now();
    await own.close();
    expect(performance.now() - started).toBeLessThan(1000);
    const error = await pending;
    expect(error.kind).toBe('ambiguous');
    expect(own.network.accepted).toHaveLength(1);
  });
});

describe('chaos: exactly once with idempotency keys ignored', () => {
  it('delivers every publication once through 5xx, 429 and timeouts after accept', async () => {
    server.network.setOptions({
      seed: 2024,
      honourIdempotencyKey: false,
      errorRate5xx: 0.15,
      rateLimitRate: 0.1,
      retryAfterSeconds: 0,
      timeoutAfterAcceptRate: 0.1,
      latencyMs: 5,
      jitterMs: 5,
    });
    const ctx = channel({ timeoutMs: 250 });

    /** A minimal engine: retry transient and 429; after ambiguous, reconcile before retrying. */
    async function deliver(input: PublishInput): Promise<PublishResult> {
      let reconcile = false;
      for (let attempt = 0; attempt < 100; attempt++) {
        try {
          if (reconcile) {
            const found = await sandboxAdapter.findPublished(ctx, input);
            if (found) return found;
            reconcile = false;
          }
          return await sandboxAdapter.publish(ctx, input);
        } catch (error) {
          if (!(error instanceof NetworkError)) throw error;
          if (error.kind === 'ambiguous') reconcile = true;
          else if (error.kind !== 'transient' && error.kind !== 'rate_limited') throw error;
        }
      }
      throw new Error(`gave up on ${input.publicationId}`);
    }

    const inputs = Array.from({ length: 300 }, (_, index) =>
      publication(
        `chaos-${index}`,
        index % 5 === 0
          ? {
              thread: [
                { text: 'part 2', media: [] },
                { text: 'part 3', media: [] },
              ],
            }
          : {},
      ),
    );
    // Sixty workers, like an engine's pool, keep the loopback from a reconnect storm.
    const results: PublishResult[] = new Array(inputs.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: 60 }, async () => {
        while (next < inputs.length) {
          const index = next++;
          results[index] = await deliver(inputs[index]);
        }
      }),
    );

    const stats = server.network.stats();
    expect(stats.hung).toBeGreaterThan(0);
    expect(stats.serverErrors).toBeGreaterThan(0);
    expect(stats.rateLimited).toBeGreaterThan(0);
    const expectedPosts = inputs.reduce((sum, input) => sum + 1 + (input.thread?.length ?? 0), 0);
    expect(server.network.accepted).toHaveLength(expectedPosts);
    expect(server.network.countDuplicates()).toBe(0);
    results.forEach((result, index) => {
      const input = inputs[index];
      expect(result.remoteId).toBe(server.network.lookupByMarker('brand', input.publicationId)?.id);
      (input.thread ?? []).forEach((_, part) => {
        expect(result.threadRemoteIds?.[part]).toBe(server.network.lookupByMarker('brand', `${input.publicationId}#${part + 1}`)?.id);
      });
    });
  });
});
