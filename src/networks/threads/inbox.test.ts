/**
 * The Threads inbox against the local Threads server: replies to the account's threads (every
 * depth) read with a durable cursor, a reply published once even when the publish answer is lost,
 * hide / unhide, what Threads does not offer, a deleted reply, and an expired token.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inboxTargetOf, networkRejection } from '../testing/inbox.ts';
import type { ChannelContext } from '../types.ts';
import { createThreadsAdapter } from './adapter.ts';
import { FakeThreadsServer } from './testing/server.ts';

const server = new FakeThreadsServer();
const adapter = createThreadsAdapter({ sleep: async () => {}, requestTimeoutMs: 2_000, now: () => server.now() });
const inbox = adapter.inbox!;
const ctx = (token = server.token): ChannelContext => ({
  channelId: 'threads-inbox',
  settings: { userId: server.userId, username: server.username },
  credentials: { accessToken: token },
  origin: server.baseUrl,
  allowPrivateUrls: true,
});

beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => server.clearFaults());

describe('Threads inbox', () => {
  it('reads replies to our threads, then only new ones; answers once; hides and unhides', async () => {
    const since = new Date(server.now() - 60_000).toISOString();
    const post = await adapter.publish(ctx(), { publicationId: 'th-1', text: '¿Qué tapa preferís?', media: [] });
    const reply = server.addForeignPost('Las bravas, sin duda', 'ana.th', post.remoteId);
    const deeper = server.addForeignPost('¡Las croquetas!', 'luis.th', reply.id);

    const first = await inbox.fetchInbound(ctx(), { cursor: null, since });
    const byId = new Map(first.items.map((item) => [item.remoteId, item]));
    expect(byId.get(reply.id)).toMatchObject({
      kind: 'reply',
      threadRemoteId: post.remoteId,
      inReplyToRemoteId: post.remoteId,
      author: { handle: 'ana.th' },
      text: 'Las bravas, sin duda',
    });
    expect(byId.get(deeper.id)).toMatchObject({ kind: 'reply', threadRemoteId: post.remoteId, inReplyToRemoteId: reply.id });

    const quiet = await inbox.fetchInbound(ctx(), { cursor: first.cursor });
    expect(quiet.items).toEqual([]);

    const target = inboxTargetOf(byId.get(reply.id)!);
    const input = { replyId: 'th-r1', target, mode: 'public' as const, text: '¡Gracias, Ana! 🍟' };
    expect(await inbox.findReply(ctx(), input)).toBeNull();
    server.loseNextAnswer('POST', /\/threads_publish$/);
    const sent = await inbox.reply(ctx(), input);
    expect(sent.remoteId).toBeTruthy();
    expect(await inbox.reply(ctx(), input)).toMatchObject({ remoteId: sent.remoteId });
    expect(server.publishedWithText(input.text)).toHaveLength(1);

    // Our own answer comes back as ours.
    const after = await inbox.fetchInbound(ctx(), { cursor: quiet.cursor });
    expect(after.items.map((item) => [item.remoteId, item.fromUs])).toEqual([[sent.remoteId, true]]);

    await inbox.act(ctx(), 'hide', target);
    expect(server.posts.get(reply.id)?.hidden).toBe(true);
    await inbox.act(ctx(), 'unhide', target);
    expect(server.posts.get(reply.id)?.hidden).toBe(false);
    expect((await networkRejection(inbox.act(ctx(), 'like', target))).code).toBe('action_not_supported');
    expect((await networkRejection(inbox.reply(ctx(), { ...input, replyId: 'th-r2', mode: 'private' }))).code).toBe('action_not_supported');
  });

  it('says when the reply is gone, and when the token expired', async () => {
    const post = await adapter.publish(ctx(), { publicationId: 'th-2', text: 'Horario de verano', media: [] });
    const reply = server.addForeignPost('¿Y los domingos?', 'eva.th', post.remoteId);
    server.posts.delete(reply.id);
    const gone = await networkRejection(
      inbox.act(ctx(), 'hide', {
        remoteId: reply.id,
        kind: 'reply',
        threadRemoteId: post.remoteId,
        authorId: 'username:eva.th',
        authorHandle: 'eva.th',
      }),
    );
    expect(gone).toMatchObject({ kind: 'permanent', code: 'not_found' });
    const token = server.issue('long');
    server.expire(token);
    expect(await networkRejection(inbox.fetchInbound(ctx(token), { cursor: null }))).toMatchObject({ kind: 'auth', code: 'token_expired' });
  });
});
