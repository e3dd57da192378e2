/**
 * The Facebook Pages inbox against the local Graph server: comments and replies on the Page's
 * posts and Messenger conversations read with a durable cursor, public and private replies and
 * Messenger answers sent once (lost answers included), the 24-hour window, a deleted comment,
 * hide / like / delete, an expired token, a Page token without pages_messaging, and signed pushes
 * (X-Hub-Signature-256 with the app secret, the hub.challenge check) giving the same items as polling.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expiredTokenAnswer } from '../meta-graph/testing/graph-server.ts';
import { pushVerifyToken, signPushBody } from '../push-signature.ts';
import type { ReplyInput } from '../inbox.ts';
import { inboxTargetOf, networkRejection } from '../testing/inbox.ts';
import type { ChannelContext } from '../types.ts';
import { createFacebookAdapter } from './adapter.ts';
import { FakeFacebookServer } from './testing/server.ts';

const server = new FakeFacebookServer();
const adapter = createFacebookAdapter({ now: () => server.clock, sleep: async () => {}, requestTimeoutMs: 2_000 });
const inbox = adapter.inbox!;
const ctx = (): ChannelContext => ({
  channelId: 'fb-inbox',
  settings: { pageId: server.pageId },
  credentials: { accessToken: server.longUserToken, pageAccessToken: server.pageToken },
  origin: server.baseUrl,
  allowPrivateUrls: true,
  now: () => server.clock,
});
const HOUR = 3_600_000;

beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => {
  server.clearFaults();
  server.messagingAllowed = true;
});

async function newPost(text: string) {
  return adapter.publish(ctx(), { publicationId: `pub-${text}`, text, media: [] });
}

describe('Facebook inbox', () => {
  it('reads comments, replies and Messenger messages, then only what is new', async () => {
    const post = await newPost('Abrimos el domingo');
    server.clock += 60_000;
    const comment = server.addComment(post.remoteId, {
      fromId: '9001',
      fromName: 'Ana Pérez',
      message: 'Pues a mí no me funcionó <b>nada</b>',
    });
    server.clock += 60_000;
    const answer = server.addComment(post.remoteId, { fromId: '9002', fromName: 'Luis', message: 'A mí sí', parentId: comment.id });
    const dm = server.addMessage('7001', 'Marta', '¿Tenéis mesa para 4?');

    const first = await inbox.fetchInbound(ctx(), { cursor: null, since: new Date(server.clock - 24 * HOUR).toISOString() });
    const byId = new Map(first.items.map((item) => [item.remoteId, item]));
    expect(byId.get(comment.id)).toMatchObject({
      kind: 'comment',
      threadRemoteId: post.remoteId,
      postRemoteId: post.remoteId,
      inReplyToRemoteId: post.remoteId,
      author: { id: '9001', handle: 'Ana Pérez' },
      text: 'Pues a mí no me funcionó <b>nada</b>',
    });
    expect(byId.get(answer.id)).toMatchObject({ kind: 'reply', inReplyToRemoteId: comment.id, threadRemoteId: post.remoteId });
    expect(byId.get(dm)).toMatchObject({
      kind: 'direct_message',
      threadRemoteId: 'messenger:7001',
      author: { id: '7001', handle: 'Marta' },
    });
    expect(first.unavailable).toBeUndefined();
    // Oldest first.
    expect(first.items.map((item) => item.createdAt)).toEqual([...first.items.map((item) => item.createdAt)].sort());

    server.clock += 10 * 60_000;
    const quiet = await inbox.fetchInbound(ctx(), { cursor: first.cursor });
    expect(quiet.items).toEqual([]);
    const later = server.addComment(post.remoteId, { fromId: '9003', fromName: 'Eva', message: 'Genial' });
    const dm2 = server.addMessage('7001', 'Marta', 'Somos 5 al final');
    const next = await inbox.fetchInbound(ctx(), { cursor: quiet.cursor });
    expect(next.items.map((item) => item.remoteId).sort()).toEqual([later.id, dm2].sort());
  });

  it('answers in public, in private and in Messenger exactly once, even when an answer is lost', async () => {
    const post = await newPost('Carta nueva');
    const comment = server.addComment(post.remoteId, { fromId: '9101', fromName: 'Pablo', message: '¿Hay opción vegana?' });
    const page = await inbox.fetchInbound(ctx(), { cursor: null, since: new Date(server.clock - HOUR).toISOString() });
    const target = inboxTargetOf(page.items.find((item) => item.remoteId === comment.id)!);

    const publicReply: ReplyInput = { replyId: 'r-public', target, mode: 'public', text: 'Sí, tres platos veganos 🌱' };
    expect(await inbox.findReply(ctx(), publicReply)).toBeNull();
    server.inject((call) => call.method === 'POST' && call.segments[1] === 'comments', 'lose-answer');
    const lost = await networkRejection(inbox.reply(ctx(), publicReply));
    expect(lost.kind).toBe('ambiguous');
    const found = await inbox.findReply(ctx(), publicReply);
    expect(found).not.toBeNull();
    expect(await inbox.reply(ctx(), publicReply)).toEqual(found);
    expect(server.answersWithText(publicReply.text)).toBe(1);

    const privateReply: ReplyInput = { replyId: 'r-private', target, mode: 'private', text: 'Te mando la carta por privado' };
    const sent = await inbox.reply(ctx(), privateReply);
    expect(sent.remoteId).toMatch(/^m_/);
    expect(await inbox.reply(ctx(), privateReply)).toEqual(sent);
    expect(server.answersWithText(privateReply.text)).toBe(1);

    const dmId = server.addMessage('7101', 'Irene', 'Hola, ¿a qué hora abrís?');
    const dms = await inbox.fetchInbound(ctx(), { cursor: null, since: new Date(server.clock - HOUR).toISOString() });
    const dmTarget = inboxTargetOf(dms.items.find((item) => item.remoteId === dmId)!);
    const dmReply: ReplyInput = { replyId: 'r-dm', target: dmTarget, mode: 'direct_message', text: 'A las 9, ¡te esperamos!' };
    server.inject((call) => call.method === 'POST' && call.segments[1] === 'messages', 'lose-answer');
    expect((await networkRejection(inbox.reply(ctx(), dmReply))).kind).toBe('ambiguous');
    const again = await inbox.reply(ctx(), dmReply);
    expect(again.remoteId).toMatch(/^m_/);
    expect(server.answersWithText(dmReply.text)).toBe(1);
    // A Messenger message is not answered with a comment.
    expect((await networkRejection(inbox.reply(ctx(), { ...dmReply, replyId: 'r-x', mode: 'public' }))).code).toBe('action_not_supported');
  });

  it('refuses a Messenger answer outside the 24-hour window, and a reply to a deleted comment', async () => {
    const dmId = server.addMessage('7201', 'Rosa', 'Gracias por todo');
    const page = await inbox.fetchInbound(ctx(), { cursor: null, since: new Date(server.clock - HOUR).toISOString() });
    const target = inboxTargetOf(page.items.find((item) => item.remoteId === dmId)!);
    server.clock += 25 * HOUR;
    const closed = await networkRejection(inbox.reply(ctx(), { replyId: 'r-late', target, mode: 'direct_message', text: 'Un placer' }));
    expect(closed).toMatchObject({ kind: 'permanent', code: 'messaging_window_closed' });
    expect(server.answersWithText('Un placer')).toBe(0);

    const post = await newPost('Otra publicación');
    const comment = server.addComment(post.remoteId, { fromId: '9201', fromName: 'Jon', message: 'Spam' });
    await inbox.act(ctx(), 'delete', {
      remoteId: comment.id,
      kind: 'comment',
      threadRemoteId: post.remoteId,
      authorId: '9201',
      authorHandle: 'Jon',
    });
    expect(server.comments.get(comment.id)?.deleted).toBe(true);
    const gone = await networkRejection(
      inbox.reply(ctx(), {
        replyId: 'r-gone',
        target: { remoteId: comment.id, kind: 'comment', threadRemoteId: post.remoteId, authorId: '9201', authorHandle: 'Jon' },
        mode: 'public',
        text: 'Hola',
      }),
    );
    expect(gone).toMatchObject({ kind: 'permanent', code: 'not_found' });
    // Deleting again is fine: it is gone.
    await inbox.act(ctx(), 'delete', {
      remoteId: comment.id,
      kind: 'comment',
      threadRemoteId: post.remoteId,
      authorId: '9201',
      authorHandle: 'Jon',
    });
  });

  it('hides, unhides, likes and unlikes a comment; refuses what Messenger does not offer', async () => {
    const post = await newPost('Sorteo');
    const comment = server.addComment(post.remoteId, { fromId: '9301', fromName: 'Troll', message: 'Compra seguidores en…' });
    const target = {
      remoteId: comment.id,
      kind: 'comment' as const,
      threadRemoteId: post.remoteId,
      authorId: '9301',
      authorHandle: 'Troll',
    };
    await inbox.act(ctx(), 'hide', target);
    expect(server.comments.get(comment.id)?.hidden).toBe(true);
    await inbox.act(ctx(), 'unhide', target);
    expect(server.comments.get(comment.id)?.hidden).toBe(false);
    await inbox.act(ctx(), 'like', target);
    expect(server.comments.get(comment.id)?.liked).toBe(true);
    await inbox.act(ctx(), 'unlike', target);
    expect(server.comments.get(comment.id)?.liked).toBe(false);
    expect((await networkRejection(inbox.act(ctx(), 'mute', target))).code).toBe('action_not_supported');
    const dm = { remoteId: 'm_1', kind: 'direct_message' as const, threadRemoteId: 'messenger:1', authorId: '1', authorHandle: 'x' };
    expect((await networkRejection(inbox.act(ctx(), 'hide', dm))).code).toBe('action_not_supported');
  });

  it('says when the token expired, and when the Page token cannot read Messenger', async () => {
    server.inject((call) => call.segments[1] === 'posts', expiredTokenAnswer());
    expect(await networkRejection(inbox.fetchInbound(ctx(), { cursor: null }))).toMatchObject({ kind: 'auth', code: 'token_expired' });
    server.messagingAllowed = false;
    const page = await inbox.fetchInbound(ctx(), { cursor: null });
    expect(page.unavailable).toEqual([{ kinds: ['direct_message'], code: 'messenger_permission_required' }]);
  });

  it('takes signed Page webhooks (comments and messages) as the same items polling reads', async () => {
    const secret = server.appSecret;
    const post = await newPost('Webhooks');
    const comment = server.addComment(post.remoteId, { fromId: '9401', fromName: 'Nora', message: '¡Qué bueno!' });
    const mid = server.addMessage('7401', 'Nora', 'Reserva para hoy');
    const body = {
      object: 'page',
      entry: [
        {
          id: server.pageId,
          time: Math.floor(server.clock / 1000),
          changes: [
            {
              field: 'feed',
              value: {
                item: 'comment',
                verb: 'add',
                comment_id: comment.id,
                post_id: post.remoteId,
                parent_id: post.remoteId,
                message: comment.message,
                created_time: Math.floor(comment.createdAt / 1000),
                from: { id: '9401', name: 'Nora' },
              },
            },
            { field: 'feed', value: { item: 'reaction', verb: 'add', post_id: post.remoteId } },
          ],
          messaging: [
            {
              sender: { id: '7401' },
              recipient: { id: server.pageId },
              timestamp: server.clock,
              message: { mid, text: 'Reserva para hoy' },
            },
          ],
        },
        // Another Page of the same app: its own channel reads it.
        {
          id: server.otherPageId,
          time: 1,
          messaging: [{ sender: { id: '1' }, recipient: { id: server.otherPageId }, timestamp: 1, message: { mid: 'm_other', text: 'x' } }],
        },
      ],
    };
    const raw = Buffer.from(JSON.stringify(body));
    const headers = { 'x-hub-signature-256': signPushBody(raw, secret) };
    expect(inbox.verifyPush!({ headers, rawBody: raw, secret })).toBe(true);
    expect(inbox.verifyPush!({ headers: { 'x-hub-signature-256': signPushBody(raw, 'other') }, rawBody: raw, secret })).toBe(false);
    expect(inbox.verifyPush!({ headers: {}, rawBody: raw, secret })).toBe(false);
    const pushed = await inbox.parsePush!(ctx(), body);
    expect(pushed.map((item) => item.remoteId)).toEqual([comment.id, mid]);

    const polled = await inbox.fetchInbound(ctx(), { cursor: null, since: new Date(server.clock - HOUR).toISOString() });
    for (const item of pushed) {
      const same = polled.items.find((p) => p.remoteId === item.remoteId)!;
      expect({ ...item, url: null, author: { id: item.author.id } }).toMatchObject({
        remoteId: same.remoteId,
        kind: same.kind,
        threadRemoteId: same.threadRemoteId,
        text: same.text,
        createdAt: same.createdAt,
        author: { id: same.author.id },
      });
    }
    expect(() => inbox.parsePush!(ctx(), { object: 'instagram', entry: [] })).toThrow(/webhook/);

    // The subscription check: the challenge back only with the channel's verify token.
    const token = pushVerifyToken(secret);
    expect(inbox.answerPushChallenge!({ 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': '1158201444' }, secret)).toBe(
      '1158201444',
    );
    expect(inbox.answerPushChallenge!({ 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' }, secret)).toBeNull();
  });
});
