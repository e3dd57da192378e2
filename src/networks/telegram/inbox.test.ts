/**
 * The Telegram inbox against the local Bot API server: comments and replies in the channel's
 * linked discussion group read with getUpdates and a durable update cursor, a reply sent once per
 * reply id, a reply to a deleted message, delete, a channel without a discussion group, and a
 * revoked bot token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(await inbox.reply(ctx(), input)).toEqual(sent);
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
});
