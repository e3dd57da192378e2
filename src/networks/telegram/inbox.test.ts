/**
 * The Telegram inbox against the local Bot API server: comments and replies in the channel's
 * linked discussion group read with getUpdates and a durable update cursor, a reply sent once per
 * reply id, a reply to a deleted message, delete, a channel without a discussion group, and a
 * revoked bot token. A reply whose answer was lost is found again by another adapter instance (another
 * worker, or after a restart) from Plaza's record of the channel's replies alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepliedOnChannel } from '../channel-context.ts';
import { startFaultProxy } from '../testing/fault-proxy.ts';
import { inboxTargetOf, networkRejection } from '../testing/inbox.ts';
import type { ChannelContext } from '../types.ts';
import { createTelegramAdapter } from './adapter.ts';
import { FakeTelegramServer } from './testing/server.ts';

const server = new FakeTelegramServer();
const adapter = createTelegramAdapter({ sleep: async () => {}, requestTimeoutMs: 5_000 });
const inbox = adapter.inbox!;
const ctx = (token = server.token): ChannelContext => ({
  channelId: 'tg-inbox',
  settings: { chatId: `@${server.channel.username}` },
  credentials: { botToken: token },
  origin: server.baseUrl,
  allowPrivateUrls: true,
});

beforeAll(() => server.start());
afterAll(() => server.stop());

describe('Telegram inbox', () => {
  it('reads discussion comments and replies, then only new ones; answers once; deletes', async () => {
    const post = await adapter.publish(ctx(), { publicationId: 'tg-1', text: 'Nuevas tazas en la tienda ☕', media: [] });
    const copy = server.forwardToDiscussion(Number(post.remoteId));
    const comment = server.comment(copy, { id: 501, first_name: 'Ana', username: 'ana_tg' }, '¿Hacéis envíos a Canarias?');
    const answer = server.comment(comment, { id: 502, first_name: 'Luis' }, 'Yo pedí y llegó');
    const group = server.discussion.id;

    const first = await inbox.fetchInbound(ctx(), { cursor: null, since: new Date(Date.now() - 3_600_000).toISOString() });
    expect(first.items).toHaveLength(2);
    expect(first.items[0]).toMatchObject({
      remoteId: `${group}:${comment}`,
      kind: 'comment',
      threadRemoteId: `${group}:${copy}`,
      postRemoteId: post.remoteId,
      author: { id: '501', handle: 'ana_tg', displayName: 'Ana' },
      text: '¿Hacéis envíos a Canarias?',
    });
    expect(first.items[1]).toMatchObject({ remoteId: `${group}:${answer}`, kind: 'reply', inReplyToRemoteId: `${group}:${comment}` });

    const quiet = await inbox.fetchInbound(ctx(), { cursor: first.cursor });
    expect(quiet.items).toEqual([]);
    const later = server.comment(copy, { id: 503, first_name: 'Eva' }, '¡Qué bonitas!');
    const next = await inbox.fetchInbound(ctx(), { cursor: quiet.cursor });
    expect(next.items.map((item) => item.remoteId)).toEqual([`${group}:${later}`]);

    const target = inboxTargetOf(first.items[0]!);
    const input = { replyId: 'tg-r1', target, mode: 'public' as const, text: 'Sí, en 3–5 días' };
    const sent = await inbox.reply(ctx(), input);
    // Found again after the answered message, past other people's comments (nothing in Plaza's record yet).
    expect(await inbox.findReply(ctx(), input)).toEqual(sent);
    expect(server.groupRepliesWithText(input.text)).toBe(1);
    expect((await networkRejection(inbox.reply(ctx(), { ...input, replyId: 'tg-r2', mode: 'private' }))).code).toBe('action_not_supported');

    await inbox.act(ctx(), 'delete', inboxTargetOf(first.items[1]!));
    expect(server.groupMessages.find((m) => m.message_id === answer)?.deleted).toBe(true);
    const gone = await networkRejection(inbox.reply(ctx(), { ...input, replyId: 'tg-r3', target: inboxTargetOf(first.items[1]!) }));
    expect(gone).toMatchObject({ kind: 'permanent', code: 'not_found' });
    expect((await networkRejection(inbox.act(ctx(), 'hide', target))).code).toBe('action_not_supported');
  });

  it('says when the bot token is revoked', async () => {
    expect(await networkRejection(inbox.fetchInbound(ctx('123:revoked-token'), { cursor: null }))).toMatchObject({ kind: 'auth' });
  });

  it('finds a reply whose answer was lost from Plaza’s record alone, in another process, past other people’s messages', async () => {
    const proxy = await startFaultProxy(server.baseUrl);
    try {
      const post = await adapter.publish(ctx(), { publicationId: 'tg-lost', text: 'Horario de invierno', media: [] });
      const copy = server.forwardToDiscussion(Number(post.remoteId));
      const first = server.comment(copy, { id: 601, first_name: 'Ana' }, '¿Abrís el lunes?');
      const second = server.comment(copy, { id: 602, first_name: 'Luis' }, '¿Y el martes?');
      const group = server.discussion.id;
      // Plaza's record of the channel's replies, as the inbox keeps it in its database.
      const record: RepliedOnChannel[] = [];
      const viaProxy = (): ChannelContext => ({ ...ctx(), origin: proxy.url, repliesOnChannel: async (limit) => record.slice(0, limit) });
      const target = (id: number) => ({
        remoteId: `${group}:${id}`,
        kind: 'comment' as const,
        threadRemoteId: `${group}:${copy}`,
        authorId: '601',
        authorHandle: 'Ana',
      });
      const queuedAt = new Date(Date.now() - 1_000).toISOString();

      // An earlier reply of Plaza's, recorded as sent before the lost one was queued.
      const earlier = await inbox.reply(viaProxy(), {
        replyId: 'tg-earlier',
        target: target(first),
        mode: 'public',
        text: 'Sí, de 9 a 14',
        queuedAt,
      });
      record.unshift({ replyId: 'tg-earlier', remoteId: earlier.remoteId, sentAt: new Date(Date.now() - 2_000).toISOString() });

      const lost = { replyId: 'tg-lost-1', target: target(second), mode: 'public' as const, text: 'El martes también', queuedAt };
      proxy.loseNextAnswer((method, path) => method === 'POST' && path.endsWith('/sendMessage'));
      expect((await networkRejection(inbox.reply(viaProxy(), lost))).kind).toBe('ambiguous');
      // Someone writes after it, and another reply of Plaza's goes out and is recorded.
      server.comment(second, { id: 603, first_name: 'Eva' }, 'Gracias');
      const later = await inbox.reply(viaProxy(), {
        replyId: 'tg-later',
        target: target(first),
        mode: 'public',
        text: 'De nada',
        queuedAt,
      });
      record.unshift({ replyId: 'tg-later', remoteId: later.remoteId, sentAt: new Date().toISOString() });

      // Another worker (a fresh adapter, nothing in memory) finds the lost one, not Plaza's others.
      const fresh = createTelegramAdapter({ sleep: async () => {}, requestTimeoutMs: 5_000 }).inbox!;
      const found = await fresh.findReply(viaProxy(), lost);
      const sentId = server.groupMessages.find((m) => m.text === lost.text)!.message_id;
      expect(found).toEqual({ remoteId: `${group}:${sentId}`, remoteUrl: null });
      expect(server.groupRepliesWithText(lost.text)).toBe(1);

      // A reply that never left Plaza is not found: it may be sent.
      const never = { ...lost, replyId: 'tg-never', text: 'Nunca enviado', queuedAt: new Date().toISOString() };
      record.unshift({ replyId: 'tg-lost-1', remoteId: found!.remoteId, sentAt: new Date().toISOString() });
      expect(await fresh.findReply(viaProxy(), never)).toBeNull();
    } finally {
      await proxy.close();
    }
  });
});
