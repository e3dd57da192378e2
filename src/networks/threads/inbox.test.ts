/**
 * The Threads inbox against the local Threads server: replies to the account's threads (every
 * depth) read with a durable cursor, a reply published once even when the publish answer is lost,
 * hide / unhide, what Threads does not offer, a deleted reply, and an expired token; and the
 * `replies` webhook as the local server delivers it: signed with the app secret, read into the very
 * items polling makes, another profile's deliveries skipped, a body that is not one refused.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pushVerifyToken, signPushBody } from '../push-signature.ts';
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

describe('Threads webhooks', () => {
  const parse = (context: ChannelContext, body: unknown) => Promise.resolve().then(() => inbox.parsePush!(context, body));

  it('takes the signed replies deliveries as the items polling reads for the same replies', async () => {
    const since = new Date(server.now() - 60_000).toISOString();
    const post = await adapter.publish(ctx(), { publicationId: 'th-push-1', text: '¿Café o té?', media: [] });
    server.takeDeliveries();
    const reply = server.addForeignPost('Café, siempre', 'marta.th', post.remoteId);
    const deeper = server.addForeignPost('Té verde 🍵', 'iker.th', reply.id);
    const input = {
      replyId: 'th-push-r1',
      target: {
        remoteId: reply.id,
        kind: 'reply' as const,
        threadRemoteId: post.remoteId,
        authorId: 'username:marta.th',
        authorHandle: 'marta.th',
      },
      mode: 'public' as const,
      text: '¡Buena elección, Marta!',
    };
    const ours = await inbox.reply(ctx(), input);

    const deliveries = server.takeDeliveries();
    expect(deliveries.map((delivery) => JSON.parse(delivery.body.toString()).values.value.id)).toEqual([
      reply.id,
      deeper.id,
      ours.remoteId,
    ]);
    // The channel may not know its username: the root post's author says which replies are ours.
    const bare: ChannelContext = { ...ctx(), settings: { userId: server.userId } };
    const pushed = (
      await Promise.all(
        deliveries.map(async (delivery) => {
          expect(inbox.verifyPush!({ headers: delivery.headers, rawBody: delivery.body, secret: server.appSecret })).toBe(true);
          return inbox.parsePush!(bare, JSON.parse(delivery.body.toString('utf8')));
        }),
      )
    ).flat();
    expect(pushed.map((item) => [item.remoteId, item.fromUs === true])).toEqual([
      [reply.id, false],
      [deeper.id, false],
      [ours.remoteId, true],
    ]);

    const polled = (await inbox.fetchInbound(ctx(), { cursor: null, since })).items.filter((item) => item.threadRemoteId === post.remoteId);
    expect(polled.map((item) => item.remoteId).sort()).toEqual(pushed.map((item) => item.remoteId).sort());
    for (const item of pushed) expect(item).toEqual(polled.find((same) => same.remoteId === item.remoteId));
    expect(pushed[1]).toMatchObject({ threadRemoteId: post.remoteId, postRemoteId: post.remoteId, inReplyToRemoteId: reply.id });
  });

  it('refuses a wrong signature, answers the address check, and skips what is not its own reply', async () => {
    const post = await adapter.publish(ctx(), { publicationId: 'th-push-2', text: 'Nuevo horario', media: [] });
    server.takeDeliveries();
    const reply = server.addForeignPost('¿Abrís el lunes?', 'sara.th', post.remoteId);
    const [delivery] = server.takeDeliveries();
    const secret = server.appSecret;
    expect(inbox.verifyPush!({ headers: delivery!.headers, rawBody: delivery!.body, secret })).toBe(true);
    const forged = server.replyDelivery(reply, 'another-app-secret');
    expect(inbox.verifyPush!({ headers: forged.headers, rawBody: forged.body, secret })).toBe(false);
    const tampered = Buffer.from(delivery!.body.toString().replace('¿Abrís el lunes?', 'Sois lo peor'));
    expect(inbox.verifyPush!({ headers: delivery!.headers, rawBody: tampered, secret })).toBe(false);
    expect(inbox.verifyPush!({ headers: {}, rawBody: delivery!.body, secret })).toBe(false);

    const token = pushVerifyToken(secret);
    expect(inbox.answerPushChallenge!({ 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': '1158201444' }, secret)).toBe(
      '1158201444',
    );
    expect(inbox.answerPushChallenge!({ 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' }, secret)).toBeNull();

    // A reply under another profile's thread (another user of the same app): not this channel's.
    const theirs = server.addForeignPost('Hilo de otra cuenta', 'otra.cuenta');
    const underTheirs = server.addForeignPost('Respuesta allí', 'sara.th', theirs.id);
    expect(server.takeDeliveries()).toEqual([]);
    const other = server.replyDelivery(underTheirs);
    expect(inbox.verifyPush!({ headers: other.headers, rawBody: other.body, secret })).toBe(true);
    expect(await parse(ctx(), JSON.parse(other.body.toString()))).toEqual([]);
    // Fields the inbox does not read from Threads (a mention, a publish) give no items.
    const mention = {
      app_id: server.appId,
      topic: 'interaction',
      target_id: server.userId,
      time: 1723226877,
      subscription_id: server.subscriptionId,
      has_uid_field: false,
      values: { value: { id: '17900001', username: 'sara.th', text: 'Hola @cafe_aroma', media_type: 'TEXT_POST' }, field: 'mentions' },
    };
    expect(await parse(ctx(), mention)).toEqual([]);

    // Not a Threads webhook, or a replies value without its root post: invalid_push.
    const body = JSON.parse(delivery!.body.toString());
    for (const bad of [
      { object: 'page', entry: [] },
      { ...body, values: undefined },
      { ...body, values: { field: 'replies', value: { ...body.values.value, root_post: undefined } } },
      'replies',
    ]) {
      expect(await networkRejection(parse(ctx(), bad))).toMatchObject({ kind: 'permanent', code: 'invalid_push' });
    }
    // The signature helper and the server agree on the bytes signed.
    expect(delivery!.headers['x-hub-signature-256']).toBe(signPushBody(delivery!.body, secret));
  });
});
