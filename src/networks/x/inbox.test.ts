/**
 * The X inbox against the local X API server: every request and answer is checked against X's
 * OpenAPI document (testing/x-api-v2.openapi.json), so a request X would refuse fails the test.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InboundItem, InboxTarget, ReplyInput } from '../inbox.ts';
import { inboxTargetOf, networkRejection } from '../testing/inbox.ts';
import type { ChannelContext } from '../types.ts';
import { createXAdapter } from './adapter.ts';
import { FakeXServer } from './testing/server.ts';

const server = new FakeXServer();
// Generous timeout: the server compiles X's response schemas on first use, which is slow on a busy machine.
const inbox = createXAdapter({ sleep: async () => {}, requestTimeoutMs: 20_000 }).inbox!;
const ctx = (): ChannelContext => ({
  channelId: 'x-inbox',
  settings: { userId: server.account.id, username: server.account.username },
  credentials: { accessToken: server.token },
  origin: server.baseUrl,
  allowPrivateUrls: true,
});

beforeAll(async () => {
  await server.start();
});
afterEach(() => {
  expect(server.violations).toEqual([]);
  server.clearFaults();
});
afterAll(async () => {
  await server.stop();
});

describe('X inbox', () => {
  it('reads replies and mentions, then only newer ones with since_id', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const ours = await createXAdapter().publish(ctx(), {
      publicationId: randomUUID(),
      text: `Nuevo horario ${randomUUID().slice(0, 6)}`,
      media: [],
    });
    const reply = server.addMention('ana_x', `@${server.account.username} a mí no me funcionó & <nada>`, ours.remoteId);
    const lone = server.addMention('luis_x', `Hola @${server.account.username}`);

    const first = await inbox.fetchInbound(ctx(), { cursor: null, since });
    const byId = new Map(first.items.map((item) => [item.remoteId, item]));
    expect(byId.get(reply.id)).toMatchObject({
      kind: 'reply',
      threadRemoteId: ours.remoteId,
      postRemoteId: ours.remoteId,
      inReplyToRemoteId: ours.remoteId,
      text: `@${server.account.username} a mí no me funcionó & <nada>`,
      author: { handle: 'ana_x' },
    });
    expect(byId.get(lone.id)).toMatchObject({ kind: 'mention', threadRemoteId: lone.id, author: { handle: 'luis_x' } });
    expect(first.items.map((item) => item.remoteId)).toEqual([reply.id, lone.id]);

    const quiet = await inbox.fetchInbound(ctx(), { cursor: first.cursor });
    expect(quiet.items).toEqual([]);
    expect(server.requests.at(-1)?.query).toContain(`since_id=${lone.id}`);
    const later = server.addMention('ana_x', `@${server.account.username} ¿y hoy?`, ours.remoteId);
    const next = await inbox.fetchInbound(ctx(), { cursor: quiet.cursor });
    expect(next.items.map((item) => item.remoteId)).toEqual([later.id]);
  });

  it('answers once even when the answer is lost, and finds the reply afterwards', async () => {
    const ours = await createXAdapter().publish(ctx(), {
      publicationId: randomUUID(),
      text: `Menú ${randomUUID().slice(0, 6)}`,
      media: [],
    });
    const comment = server.addMention('eva_x', `@${server.account.username} ¿hay opción vegana?`, ours.remoteId);
    const { items } = await inbox.fetchInbound(ctx(), { cursor: null, since: new Date(Date.now() - 60_000).toISOString() });
    const target = inboxTargetOf(items.find((item) => item.remoteId === comment.id) as InboundItem);
    const input: ReplyInput = { replyId: randomUUID(), target, mode: 'public', text: `@eva_x ¡Sí! ${randomUUID().slice(0, 6)}` };

    expect(await inbox.findReply(ctx(), input)).toBeNull();
    server.loseNextAnswer((method, path) => method === 'POST' && path === '/2/tweets');
    const lost = await networkRejection(inbox.reply(ctx(), input));
    expect(lost.kind).toBe('ambiguous');
    const found = await inbox.findReply(ctx(), input);
    expect(found).not.toBeNull();
    const retried = await inbox.reply(ctx(), input);
    expect(retried).toEqual(found);
    expect(server.postsWithText(input.text)).toBe(1);
    expect(server.posts.get(retried.remoteId)?.replyTo).toBe(comment.id);

    expect((await networkRejection(inbox.reply(ctx(), { ...input, replyId: randomUUID(), mode: 'direct_message' }))).code).toBe(
      'action_not_supported',
    );
  });

  it('likes, unlikes, hides replies to our posts, mutes, and deletes only our posts', async () => {
    const ours = await createXAdapter().publish(ctx(), {
      publicationId: randomUUID(),
      text: `Sorteo ${randomUUID().slice(0, 6)}`,
      media: [],
    });
    const spam = server.addMention('spam_x', `@${server.account.username} gana dinero`, ours.remoteId);
    const target: InboxTarget = {
      remoteId: spam.id,
      kind: 'reply',
      threadRemoteId: ours.remoteId,
      authorId: spam.authorId,
      authorHandle: 'spam_x',
    };
    const likesBefore = server.posts.get(spam.id)?.metrics.like_count ?? 0;
    await inbox.act(ctx(), 'like', target);
    await inbox.act(ctx(), 'like', target);
    expect(server.posts.get(spam.id)?.metrics.like_count).toBe(likesBefore + 1);
    await inbox.act(ctx(), 'unlike', target);
    expect(server.liked.has(spam.id)).toBe(false);
    await inbox.act(ctx(), 'hide', target);
    expect(server.hidden.has(spam.id)).toBe(true);
    await inbox.act(ctx(), 'unhide', target);
    expect(server.hidden.has(spam.id)).toBe(false);
    await inbox.act(ctx(), 'mute', target);
    expect(server.muted.has(spam.authorId)).toBe(true);
    expect((await networkRejection(inbox.act(ctx(), 'delete', target))).code).toBe('not_owner');
    expect((await networkRejection(inbox.act(ctx(), 'block', target))).code).toBe('action_not_supported');
    expect((await networkRejection(inbox.act(ctx(), 'like', { ...target, remoteId: 'not-an-id' }))).code).toBe('invalid_id');
  });
});
