/**
 * The YouTube inbox against the YouTube test server: comment threads read (with threads of more
 * than five replies completed), the cursor, a reply sent once (a second call finds it), moderation
 * (hide, unhide, block, delete) and the quota each call costs.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxTargetOf, networkRejection } from '../testing/inbox.ts';
import type { ChannelContext } from '../types.ts';
import { createYouTubeAdapter } from './adapter.ts';
import { YouTubeQuotaLedger } from './quota.ts';
import { FakeYouTubeServer } from './testing/server.ts';

const server = new FakeYouTubeServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

const ctx = (): ChannelContext => ({
  channelId: 'yt',
  settings: { channelId: server.channelId },
  credentials: { accessToken: server.token },
  origin: server.baseUrl,
  allowPrivateUrls: true,
});

async function publishedVideo(adapter: ReturnType<typeof createYouTubeAdapter>): Promise<string> {
  const size = 300 * 1024;
  const { remoteId } = await adapter.publish(ctx(), {
    publicationId: randomUUID(),
    text: `Video ${randomUUID()}`,
    media: [
      {
        mediaId: randomUUID(),
        mimeType: 'video/mp4',
        kind: 'video',
        bytes: randomBytes(size),
        size,
        durationSeconds: 20,
        width: 1280,
        height: 720,
      },
    ],
  });
  return remoteId;
}

describe('YouTube inbox', () => {
  it('reads comment threads as comments and replies grouped by video, then only what is new', async () => {
    const ledger = new YouTubeQuotaLedger();
    const adapter = createYouTubeAdapter({ sleep: async () => {}, quota: ledger });
    const inbox = adapter.inbox!;
    expect(inbox.capabilities).toMatchObject({ kinds: ['comment', 'reply'], actions: expect.arrayContaining(['reply', 'hide', 'block']) });
    const videoId = await publishedVideo(adapter);
    const since = new Date(server.clock).toISOString();
    const question = server.addComment(videoId, '¿Tenéis leche de avena?', 'Ana');
    // Seven answers: the thread carries five, comments.list has them all.
    const answers = Array.from({ length: 7 }, (_, i) => server.addComment(videoId, `Respuesta ${i + 1}`, `Fan ${i}`, question.id));
    const own = server.addComment(videoId, 'Sí, desde marzo', 'Plaza Test Channel', question.id);
    own.authorChannelId = server.channelId;

    const page = await inbox.fetchInbound(ctx(), { cursor: null, since });
    const top = page.items.find((i) => i.remoteId === question.id)!;
    expect(top).toMatchObject({
      kind: 'comment',
      threadRemoteId: videoId,
      postRemoteId: videoId,
      text: '¿Tenéis leche de avena?',
      author: { id: question.authorChannelId, displayName: 'Ana', handle: '@ana' },
    });
    expect(top.url).toContain(`${videoId}&lc=${question.id}`);
    const replies = page.items.filter((i) => i.kind === 'reply');
    expect(replies.map((r) => r.remoteId)).toEqual([...answers.map((a) => a.id), own.id]);
    expect(replies[0]).toMatchObject({ inReplyToRemoteId: question.id, threadRemoteId: videoId });
    expect(replies.at(-1)!.fromUs).toBe(true);
    expect(page.items.map((i) => i.createdAt)).toEqual([...page.items.map((i) => i.createdAt)].sort());
    expect(page.hasMore).toBe(false);

    // Nothing new: nothing read again; one new comment: only it.
    const again = await inbox.fetchInbound(ctx(), { cursor: page.cursor });
    expect(again.items).toEqual([]);
    const later = server.addComment(videoId, 'Me encanta', 'Luis');
    const next = await inbox.fetchInbound(ctx(), { cursor: again.cursor });
    expect(next.items.map((i) => i.remoteId)).toEqual([later.id]);
    expect(ledger.usage('default').used.units).toBeGreaterThan(0);
  });

  it('answers a comment once, even when asked again for the same reply, and a reply to a reply goes to its thread', async () => {
    const ledger = new YouTubeQuotaLedger();
    const adapter = createYouTubeAdapter({ sleep: async () => {}, quota: ledger });
    const inbox = adapter.inbox!;
    const videoId = await publishedVideo(adapter);
    const since = new Date(server.clock).toISOString();
    const question = server.addComment(videoId, '¿A qué hora abrís?', 'Marta');
    const followUp = server.addComment(videoId, '¿Y los festivos?', 'Marta', question.id);
    const page = await inbox.fetchInbound(ctx(), { cursor: null, since });
    const target = inboxTargetOf(page.items.find((i) => i.remoteId === followUp.id)!);
    const input = { replyId: randomUUID(), target, mode: 'public' as const, text: 'Festivos de 10 a 14' };
    expect(await inbox.findReply(ctx(), input)).toBeNull();
    const before = ledger.usage('default').used.units;
    const sent = await inbox.reply(ctx(), input);
    // comments.list (1, the look-up first) + comments.insert (50).
    expect(ledger.usage('default').used.units - before).toBe(51);
    expect(sent.remoteId.startsWith(`${question.id}.`)).toBe(true);
    expect(sent.remoteUrl).toContain(videoId);
    const stored = server.comments.find((c) => c.id === sent.remoteId)!;
    expect(stored).toMatchObject({ parentId: question.id, text: 'Festivos de 10 a 14', authorChannelId: server.channelId });
    // An ambiguous outcome asked again: the same reply, nothing new on YouTube.
    expect(await inbox.reply(ctx(), input)).toEqual(sent);
    expect(await inbox.findReply(ctx(), input)).toEqual(sent);
    expect(server.comments.filter((c) => c.text === 'Festivos de 10 a 14')).toHaveLength(1);
    const dm = await networkRejection(inbox.reply(ctx(), { ...input, mode: 'direct_message' }));
    expect(dm.code).toBe('action_not_supported');
  });

  it('hides, shows again, blocks the author and deletes, as the channel owner may', async () => {
    const adapter = createYouTubeAdapter({ sleep: async () => {} });
    const inbox = adapter.inbox!;
    const videoId = await publishedVideo(adapter);
    const since = new Date(server.clock).toISOString();
    const rude = server.addComment(videoId, 'spam spam', 'Bot');
    const other = server.addComment(videoId, 'otro', 'Bot2');
    const page = await inbox.fetchInbound(ctx(), { cursor: null, since });
    const target = inboxTargetOf(page.items.find((i) => i.remoteId === rude.id)!);

    await inbox.act(ctx(), 'hide', target);
    expect(rude.moderationStatus).toBe('heldForReview');
    const hidden = await inbox.fetchInbound(ctx(), { cursor: null, since });
    expect(hidden.items.map((i) => i.remoteId)).not.toContain(rude.id);
    await inbox.act(ctx(), 'unhide', target);
    expect(rude.moderationStatus).toBe('published');
    await inbox.act(ctx(), 'block', target);
    expect(rude.moderationStatus).toBe('rejected');
    expect(server.bannedAuthors.has(rude.authorChannelId)).toBe(true);

    // Someone else's comment: removed from view (rejected); the channel's own: deleted.
    const otherTarget = inboxTargetOf(page.items.find((i) => i.remoteId === other.id)!);
    await inbox.act(ctx(), 'delete', otherTarget);
    expect(other.moderationStatus).toBe('rejected');
    const sent = await inbox.reply(ctx(), { replyId: randomUUID(), target: otherTarget, mode: 'public', text: 'Borraremos esto' });
    await inbox.act(ctx(), 'delete', { ...otherTarget, remoteId: sent.remoteId, kind: 'reply', authorId: server.channelId });
    expect(server.comments.some((c) => c.id === sent.remoteId)).toBe(false);

    const like = await networkRejection(inbox.act(ctx(), 'like', target));
    expect(like.code).toBe('action_not_supported');
  });
});
