import { beforeEach, describe, expect, it } from 'vitest';
import { NetworkError, type ChannelContext } from '../types.ts';
import { getInProcessSandbox, sandboxAdapter, setInProcessSandbox } from './index.ts';
import { SandboxNetwork } from './simulator.ts';

const START = Date.UTC(2025, 4, 6, 9, 0, 0);
let now = START;
let network: SandboxNetwork;

beforeEach(() => {
  now = START;
  network = new SandboxNetwork({ seed: 99, now: () => now });
  setInProcessSandbox(network);
});

function channel(extra: { token?: string; timeoutMs?: number; signal?: AbortSignal } = {}): ChannelContext {
  return {
    channelId: 'ch-local',
    settings: { handle: 'local', ...(extra.timeoutMs !== undefined ? { timeoutMs: extra.timeoutMs } : {}) },
    credentials: { token: extra.token ?? 'tok' },
    ...(extra.signal ? { signal: extra.signal } : {}),
  };
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

describe('sandbox adapter in-process (no server)', () => {
  it('uses the process-wide network that can be swapped', () => {
    expect(getInProcessSandbox()).toBe(network);
    const other = new SandboxNetwork();
    setInProcessSandbox(other);
    expect(getInProcessSandbox()).toBe(other);
    setInProcessSandbox(network);
  });

  it('publishes, finds, measures over the injected clock, lists mentions, checks health, deletes', async () => {
    network.configureAccount('local', { followers: 20_000 });
    const input = { publicationId: 'pub-a', text: '¿Os gusta? #novedad', media: [] };
    const result = await sandboxAdapter.publish(channel(), input);
    expect(result.remoteUrl).toBeNull();
    expect(network.accepted).toEqual([
      {
        postId: result.remoteId,
        accountHandle: 'local',
        text: input.text,
        mediaCount: 0,
        idempotencyKey: 'pub-a',
        marker: 'pub-a',
        acceptedAt: START,
      },
    ]);
    expect(await sandboxAdapter.findPublished(channel(), input)).toEqual(result);

    const fresh = await sandboxAdapter.fetchMetrics(channel(), result.remoteId);
    expect(fresh.impressions).toBe(0);
    now = START + 24 * 3_600_000;
    const dayLater = await sandboxAdapter.fetchMetrics(channel(), result.remoteId);
    expect(dayLater.impressions).toBeGreaterThan(0);
    expect(dayLater).toEqual({ ...network.metrics(result.remoteId)!, missing: {} });

    const mentions = await sandboxAdapter.fetchMentions(channel(), new Date(START).toISOString());
    const replies = mentions.filter((mention) => mention.inReplyToRemoteId === result.remoteId);
    expect(replies).toHaveLength(dayLater.replies!);
    expect(replies.length).toBeGreaterThan(0);

    const health = await sandboxAdapter.checkHealth(channel());
    expect(health).toEqual({
      ok: true,
      account: { id: 'acct_local', handle: 'local', displayName: 'Local', followers: network.followers('local') },
    });

    await sandboxAdapter.delete(channel(), result.remoteId);
    expect(await sandboxAdapter.findPublished(channel(), input)).toBeNull();
  });

  it('maps the same faults as over HTTP', async () => {
    network.setOptions({ errorRate5xx: 1 });
    expect((await caught(sandboxAdapter.publish(channel(), { publicationId: 'p1', text: 'a', media: [] }))).kind).toBe('transient');
    network.setOptions({ errorRate5xx: 0, rateLimitRate: 1, retryAfterSeconds: 3 });
    const limited = await caught(sandboxAdapter.publish(channel(), { publicationId: 'p2', text: 'a', media: [] }));
    expect(limited.kind).toBe('rate_limited');
    expect(limited.details.retryAfterMs).toBe(3000);
    network.setOptions({ rateLimitRate: 0 });
    expect((await caught(sandboxAdapter.publish(channel({ token: 'bad' }), { publicationId: 'p3', text: 'a', media: [] }))).kind).toBe(
      'auth',
    );
    expect(network.accepted).toHaveLength(0);
  });

  it('turns a timeout after accept into ambiguous; findPublished then finds the post', async () => {
    network.setOptions({ timeoutAfterAcceptRate: 1 });
    const input = { publicationId: 'pub-hang', text: 'hello', media: [] };
    const error = await caught(sandboxAdapter.publish(channel({ timeoutMs: 30 }), input));
    expect(error.kind).toBe('ambiguous');
    expect(error.code).toBe('timeout');
    expect(network.accepted).toHaveLength(1);
    network.setOptions({ timeoutAfterAcceptRate: 0 });
    expect((await sandboxAdapter.findPublished(channel(), input))?.remoteId).toBe(network.accepted[0].postId);
  });

  it('stores nothing when the caller gave up during the latency', async () => {
    network.setOptions({ latencyMs: 60 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    const error = await caught(
      sandboxAdapter.publish(channel({ signal: controller.signal }), { publicationId: 'p-abort', text: 'a', media: [] }),
    );
    expect(error.kind).toBe('ambiguous');
    expect(error.code).toBe('aborted');
    while (network.stats().abandoned === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(network.accepted).toHaveLength(0);
  });

  it('completes a thread cut short when reconciling, without duplicating the root', async () => {
    const input = {
      publicationId: 'pub-thread',
      text: 'one',
      media: [],
      thread: [
        { text: 'two', media: [] },
        { text: 'three', media: [] },
      ],
    };
    // Root goes through, then every follow-up hangs once.
    network.setOptions({ honourIdempotencyKey: false });
    const original = network.drawFault.bind(network);
    let writes = 0;
    network.drawFault = (operation) => {
      if (operation === 'write' && ++writes === 2) return { kind: 'accept_then_hang', hangMs: 10_000 };
      return original(operation);
    };
    const error = await caught(sandboxAdapter.publish(channel({ timeoutMs: 30 }), input));
    expect(error.kind).toBe('ambiguous');
    expect(error.code).toBe('thread_incomplete');
    expect(network.accepted.map((entry) => entry.marker)).toEqual(['pub-thread', 'pub-thread#1']);
    const found = await sandboxAdapter.findPublished(channel(), input);
    expect(network.accepted.map((entry) => entry.marker)).toEqual(['pub-thread', 'pub-thread#1', 'pub-thread#2']);
    expect(found).toEqual({
      remoteId: network.accepted[0].postId,
      remoteUrl: null,
      threadRemoteIds: [network.accepted[1].postId, network.accepted[2].postId],
    });
    expect(network.getPost(network.accepted[2].postId)?.replyTo).toBe(network.accepted[1].postId);
    expect(network.countDuplicates()).toBe(0);
  });

  it('validates against the sandbox limits in both languages', () => {
    const issues = sandboxAdapter.validate({
      publicationId: 'v',
      text: 'x'.repeat(501),
      media: Array.from({ length: 5 }, (_, index) => ({
        mediaId: `m${index}`,
        mimeType: 'image/bmp',
        bytes: new Uint8Array(),
        size: 6 * 1024 * 1024,
        alt: 'a'.repeat(1001),
      })),
      thread: [{ text: '', media: [] }],
    });
    const codes = issues.map((found) => `${found.field}:${found.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'text:text_too_long',
        'media:too_many_images',
        'media[0]:unsupported_media_type',
        'media[0]:image_too_large',
        'media[0].alt:alt_too_long',
        'thread[0].text:empty_post',
      ]),
    );
    for (const found of issues) expect(found.messageEs.length).toBeGreaterThan(0);
    expect(issues.find((found) => found.code === 'text_too_long')?.params).toMatchObject({ network: 'Sandbox', max: 500 });
    expect(sandboxAdapter.validate({ publicationId: 'ok', text: 'fine', media: [] })).toEqual([]);
  });
});
