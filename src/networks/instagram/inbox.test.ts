/**
 * The Instagram inbox against the local Graph server, on both ways in (Instagram Login and a
 * Page-linked account): comments, replies, mentions and direct messages read with a durable
 * cursor; public replies, private replies and messages sent once (lost answers included); the
 * 24-hour window; hide, delete, a deleted comment; an expired token; a token without the messages
 * permission; signed `instagram` webhooks giving the same items as polling.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expiredTokenAnswer } from '../meta-graph/testing/graph-server.ts';
import { signPushBody } from '../push-signature.ts';
import type { ReplyInput } from '../inbox.ts';
import { inboxTargetOf, networkRejection } from '../testing/inbox.ts';
import type { ChannelContext } from '../types.ts';
import { createInstagramAdapter } from './adapter.ts';
import { FakeInstagramServer } from './testing/server.ts';

const server = new FakeInstagramServer();
const inbox = createInstagramAdapter({ now: () => server.clock, sleep: async () => {}, requestTimeoutMs: 2_000 }).inbox!;
const HOUR = 3_600_000;
const ways: Record<'instagram' | 'facebook', () => ChannelContext> = {
  instagram: () => ({
    channelId: 'ig',
    settings: { igUserId: server.igUserId, api: 'instagram' },
    credentials: { accessToken: server.longToken },
    origin: server.baseUrl,
    allowPrivateUrls: true,
  }),
  facebook: () => ({
    channelId: 'ig-fb',
    settings: { igUserId: server.igUserId, api: 'facebook', pageId: server.pageId },
    credentials: { accessToken: server.fbUserToken, pageAccessToken: server.pageToken },
    origin: server.baseUrl,
    allowPrivateUrls: true,
  }),
};
let sequence = 0;

beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => {
  server.clearFaults();
  server.messagingAllowed = true;
});

function newMedia(caption: string): string {
  sequence += 1;
  const id = `1788000000${sequence}`;
  server.media.set(id, {
    id,
    caption,
    mediaType: 'IMAGE',
    productType: 'FEED',
    timestamp: server.clock,
    containerId: `c${id}`,
    deleted: false,
    comments: [],
  });
  return id;
}

describe.each(['instagram', 'facebook'] as const)('Instagram inbox (%s login)', (way) => {
  const ctx = ways[way];

  it('reads comments, replies, mentions and messages, then only what is new', async () => {
    const since = new Date(server.clock - HOUR).toISOString();
    server.clock += 60_000;
    const media = newMedia(`Brunch ${way}`);
    const comment = server.addComment(media, { fromId: '5001', username: 'ana.ig', text: '¿Precio? 🙏' });
    const answer = server.addComment(media, { fromId: '5002', username: 'luis.ig', text: '@ana.ig 12 €', parentId: comment.id });
    server.tagged.push({ id: `tag-${way}`, caption: `Gran brunch en @cafeplaza (${way})`, username: 'foodie', timestamp: server.clock });
    const dm = server.addMessage(`600${way.length}`, 'marta.ig', 'Hola, ¿reserváis?');

    const first = await inbox.fetchInbound(ctx(), { cursor: null, since });
    const byId = new Map(first.items.map((item) => [item.remoteId, item]));
    expect(byId.get(comment.id)).toMatchObject({ kind: 'comment', threadRemoteId: media, author: { id: '5001', handle: 'ana.ig' } });
    expect(byId.get(answer.id)).toMatchObject({ kind: 'reply', threadRemoteId: media, inReplyToRemoteId: comment.id });
    expect(byId.get(`tag-${way}`)).toMatchObject({ kind: 'mention', threadRemoteId: `tag-${way}`, author: { handle: 'foodie' } });
    expect(byId.get(dm)).toMatchObject({
      kind: 'direct_message',
      threadRemoteId: `instagram:600${way.length}`,
      author: { handle: 'marta.ig' },
    });

    server.clock += 5 * 60_000;
    const quiet = await inbox.fetchInbound(ctx(), { cursor: first.cursor });
    expect(quiet.items).toEqual([]);
    const later = server.addComment(media, { fromId: '5003', username: 'eva.ig', text: 'Top' });
    const next = await inbox.fetchInbound(ctx(), { cursor: quiet.cursor });
    expect(next.items.map((item) => item.remoteId)).toEqual([later.id]);
  });

  it('answers in public, in private and by message exactly once; says when the window closed', async () => {
    const media = newMedia(`Menú ${way}`);
    const comment = server.addComment(media, { fromId: '5101', username: 'pablo.ig', text: '¿Sin gluten?' });
    const igsid = `610${way.length}`;
    const dm = server.addMessage(igsid, 'irene.ig', '¿Abrís mañana?');
    const page = await inbox.fetchInbound(ctx(), { cursor: null, since: new Date(server.clock - HOUR).toISOString() });
    const commentTarget = inboxTargetOf(page.items.find((item) => item.remoteId === comment.id)!);
    const dmTarget = inboxTargetOf(page.items.find((item) => item.remoteId === dm)!);

    const pub: ReplyInput = { replyId: `p-${way}`, target: commentTarget, mode: 'public', text: `Sí, todo sin gluten (${way})` };
    server.inject((call) => call.method === 'POST' && call.segments[1] === 'replies', 'lose-answer');
    expect((await networkRejection(inbox.reply(ctx(), pub))).kind).toBe('ambiguous');
    const found = await inbox.findReply(ctx(), pub);
    expect(found).not.toBeNull();
    expect(await inbox.reply(ctx(), pub)).toEqual(found);
    expect(server.answersWithText(pub.text)).toBe(1);

    const priv: ReplyInput = { replyId: `q-${way}`, target: commentTarget, mode: 'private', text: `Te paso la carta (${way})` };
    const sent = await inbox.reply(ctx(), priv);
    expect(await inbox.reply(ctx(), priv)).toEqual(sent);
    expect(server.answersWithText(priv.text)).toBe(1);

    const msg: ReplyInput = { replyId: `m-${way}`, target: dmTarget, mode: 'direct_message', text: `Sí, de 9 a 17 (${way})` };
    server.inject((call) => call.method === 'POST' && call.segments[1] === 'messages', 'lose-answer');
    expect((await networkRejection(inbox.reply(ctx(), msg))).kind).toBe('ambiguous');
    await inbox.reply(ctx(), msg);
    expect(server.answersWithText(msg.text)).toBe(1);

    server.clock += 25 * HOUR;
    const late = await networkRejection(inbox.reply(ctx(), { ...msg, replyId: `late-${way}`, text: `Tarde (${way})` }));
    expect(late).toMatchObject({ kind: 'permanent', code: 'messaging_window_closed' });
    expect(server.answersWithText(`Tarde (${way})`)).toBe(0);
  });

  it('hides, unhides and deletes comments; a deleted comment cannot be answered; no likes', async () => {
    const media = newMedia(`Sorteo ${way}`);
    const comment = server.addComment(media, { fromId: '5201', username: 'spam.ig', text: 'Gana seguidores' });
    const target = { remoteId: comment.id, kind: 'comment' as const, threadRemoteId: media, authorId: '5201', authorHandle: 'spam.ig' };
    await inbox.act(ctx(), 'hide', target);
    expect(server.comments.get(comment.id)?.hidden).toBe(true);
    await inbox.act(ctx(), 'unhide', target);
    expect(server.comments.get(comment.id)?.hidden).toBe(false);
    expect((await networkRejection(inbox.act(ctx(), 'like', target))).code).toBe('action_not_supported');
    await inbox.act(ctx(), 'delete', target);
    expect(server.comments.get(comment.id)?.deleted).toBe(true);
    await inbox.act(ctx(), 'delete', target);
    const gone = await networkRejection(inbox.reply(ctx(), { replyId: `g-${way}`, target, mode: 'public', text: 'Hola' }));
    expect(gone).toMatchObject({ kind: 'permanent', code: 'not_found' });
  });

  it('says when the token expired, and when it cannot read messages', async () => {
    server.inject((call) => call.segments[1] === 'media', expiredTokenAnswer());
    expect(await networkRejection(inbox.fetchInbound(ctx(), { cursor: null }))).toMatchObject({ kind: 'auth', code: 'token_expired' });
    server.messagingAllowed = false;
    const page = await inbox.fetchInbound(ctx(), { cursor: null });
    expect(page.unavailable).toEqual([{ kinds: ['direct_message'], code: 'instagram_messages_permission_required' }]);
  });
});

describe('Instagram webhooks', () => {
  it('takes signed comment and message pushes as the items polling reads', async () => {
    const ctx = ways.instagram;
    const media = newMedia('Webhook');
    const comment = server.addComment(media, { fromId: '5301', username: 'nora.ig', text: '¡Me encanta!' });
    const mid = server.addMessage('6301', 'nora.ig', '¿Hacéis envíos?');
    const body = {
      object: 'instagram',
      entry: [
        {
          id: server.igUserId,
          time: Math.floor(server.clock / 1000),
          changes: [
            {
              field: 'comments',
              value: {
                id: comment.id,
                text: comment.text,
                from: { id: '5301', username: 'nora.ig' },
                media: { id: media, media_product_type: 'FEED' },
              },
            },
          ],
          messaging: [
            {
              sender: { id: '6301' },
              recipient: { id: server.igUserId },
              timestamp: server.clock,
              message: { mid, text: '¿Hacéis envíos?' },
            },
          ],
        },
        { id: '999', time: 1, changes: [{ field: 'comments', value: { id: '1', text: 'x', from: { id: '2' }, media: { id: '3' } } }] },
      ],
    };
    const raw = Buffer.from(JSON.stringify(body));
    expect(
      inbox.verifyPush!({
        headers: { 'x-hub-signature-256': signPushBody(raw, server.appSecret) },
        rawBody: raw,
        secret: server.appSecret,
      }),
    ).toBe(true);
    expect(
      inbox.verifyPush!({ headers: { 'x-hub-signature-256': signPushBody(raw, 'nope') }, rawBody: raw, secret: server.appSecret }),
    ).toBe(false);
    const pushed = await inbox.parsePush!(ctx(), body);
    expect(pushed.map((item) => item.remoteId)).toEqual([comment.id, mid]);
    const polled = await inbox.fetchInbound(ctx(), { cursor: null, since: new Date(server.clock - HOUR).toISOString() });
    for (const item of pushed) {
      const same = polled.items.find((p) => p.remoteId === item.remoteId)!;
      expect(item).toMatchObject({ kind: same.kind, threadRemoteId: same.threadRemoteId, text: same.text, author: { id: same.author.id } });
    }
    expect(() => inbox.parsePush!(ctx(), { object: 'page', entry: [] })).toThrow(/webhook/);
  });
});
