/**
 * Mastodon first comments against the local Mastodon API server: a reply to the post under its own
 * Idempotency-Key; a lost answer (the comment made, the answer not heard) retried with `reconcile`
 * finds it in the post's context; a retry without reading replays the key. Never two comments.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelContext, NetworkAdapter } from '../types.ts';
import { createMastodonAdapter } from './index.ts';
import { FakeMastodonServer } from './testing/server.ts';

const server = new FakeMastodonServer();
let adapter: NetworkAdapter;
let ctx: ChannelContext;

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.reset();
  adapter = createMastodonAdapter({ now: () => server.clock, sleep: async () => {}, requestTimeoutMs: 3_000 });
  ctx = {
    channelId: 'ch_1',
    settings: { instanceUrl: `${server.baseUrl}/` },
    credentials: { accessToken: server.token },
    allowPrivateUrls: true,
  };
});

const replies = (postId: string) => [...server.statuses.values()].filter((s) => s.inReplyToId === postId);

describe('mastodon first comment', () => {
  it('declares it, and publishes it as a reply to the post', async () => {
    expect(adapter.capabilities?.firstComment).toBe(true);
    const post = await adapter.publish(ctx, { publicationId: 'pub-1', text: 'Carta de otoño', media: [] });
    const comment = await adapter.publishFirstComment!(ctx, {
      publicationId: 'pub-1',
      postRemoteId: post.remoteId,
      text: 'Reserva en cafearoma.example',
      reconcile: false,
    });
    expect(replies(post.remoteId).map((s) => [s.id, s.text])).toEqual([[comment.remoteId, 'Reserva en cafearoma.example']]);
    expect(comment.remoteUrl).toContain(comment.remoteId);
  });

  it('a lost answer is ambiguous; the retry with reconcile finds the comment instead of making a second one', async () => {
    const post = await adapter.publish(ctx, { publicationId: 'pub-2', text: 'Menú del día', media: [] });
    server.script({ method: 'POST', path: '/api/v1/statuses', delayAfterHandlingMs: 8_000 });
    const input = { publicationId: 'pub-2', postRemoteId: post.remoteId, text: 'Hoy: lentejas', reconcile: false };
    await expect(adapter.publishFirstComment!(ctx, input)).rejects.toMatchObject({ kind: 'ambiguous' });
    expect(replies(post.remoteId)).toHaveLength(1);
    const found = await adapter.publishFirstComment!(ctx, { ...input, reconcile: true });
    expect(found.remoteId).toBe(replies(post.remoteId)[0]!.id);
    // Even without reading first, Mastodon replays the comment's own Idempotency-Key.
    const replayed = await adapter.publishFirstComment!(ctx, input);
    expect(replayed.remoteId).toBe(found.remoteId);
    expect(replies(post.remoteId)).toHaveLength(1);
  });
});
