/**
 * The Telegram inbox against the local Bot API server: comments and replies in the channel's
 * linked discussion group read with getUpdates and a durable update cursor, a reply sent once per
 * reply id, a reply to a deleted message, delete, a channel without a discussion group, and a
 * revoked bot token. A reply whose answer was lost is found again by another adapter instance (another
 * worker, or after a restart) from Plaza's record of the channel's replies alone.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RepliedOnChannel } from '../channel-context.ts';
import { startFaultProxy } from '../testing/fault-proxy.ts';
import { inboxTargetOf, networkRejection } from '../testing/inbox.ts';
import type { ChannelContext } from '../types.ts';
import { createTelegramAdapter } from './adapter.ts';
import { TELEGRAM_ALLOWED_UPDATES } from './inbox.ts';
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

describe('Telegram inbox pushes (webhook with a secret token)', () => {
  // Plaza's push route as the webhook reaches it: each delivery recorded, answered with `status`.
  const received: Array<{ secret: string | undefined; body: unknown }> = [];
  let status = 200;
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        secret: req.headers['x-telegram-bot-api-secret-token'] as string | undefined,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      res.writeHead(status).end();
    });
  });
  const secret = randomBytes(32).toString('base64url');
  const push = { url: 'https://plaza.test/api/v1/inbox/push/tg-inbox', secret };
  const pushing = (): ChannelContext => ({ ...ctx(), push });
  /** The webhook as the server has it now (a function, so TypeScript does not narrow it after an assignment). */
  const webhookUrl = () => server.webhook?.url;
  const calls = (method: string) => server.calls.filter((call) => call.method === method).length;

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    server.routeWebhook('https://plaza.test', `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`);
    // Confirm what the tests above left unread.
    const read = await inbox.fetchInbound(ctx(), { cursor: null });
    await inbox.fetchInbound(ctx(), { cursor: read.cursor });
  });
  afterEach(async () => {
    await server.webhookIdle();
    server.webhook = null;
    received.length = 0;
    status = 200;
  });
  afterAll(async () => {
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('checks the secret token header in constant time: the right one only', () => {
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const check = (headers: Record<string, string | string[] | undefined>) =>
      inbox.verifyPush!({ headers, rawBody: new Uint8Array(), secret });
    expect(check({ 'x-telegram-bot-api-secret-token': secret })).toBe(true);
    expect(check({ 'x-telegram-bot-api-secret-token': `${secret}x` })).toBe(false);
    expect(check({ 'x-telegram-bot-api-secret-token': secret.slice(0, -1) })).toBe(false);
    expect(check({ 'x-telegram-bot-api-secret-token': '' })).toBe(false);
    expect(check({})).toBe(false);
  });

  it('registers the webhook; a delivered comment is the item polling makes; a failing webhook is read around, and set again', async () => {
    await inbox.registerPush!(ctx(), push);
    expect(server.webhook).toEqual({ url: push.url, secret, allowedUpdates: TELEGRAM_ALLOWED_UPDATES });
    // getUpdates is 409 now: a read asks getWebhookInfo, sees Plaza's healthy webhook and reads nothing.
    const before = calls('getUpdates');
    expect(await inbox.fetchInbound(pushing(), { cursor: null })).toEqual({ items: [], cursor: null, hasMore: false });
    expect(calls('getUpdates')).toBe(before);

    const post = await adapter.publish(ctx(), { publicationId: 'tg-push-1', text: 'Abrimos el domingo', media: [] });
    // Reactions come from getUpdates, a 409 now: said as such, not as zero.
    const metrics = await adapter.fetchMetrics(ctx(), post.remoteId);
    expect(metrics.likes).toBeNull();
    expect(metrics.missing?.likes).toBe('unavailable_with_pushes');
    const copy = server.forwardToDiscussion(Number(post.remoteId));
    status = 500; // Plaza cannot take it right now: Telegram keeps it pending
    const comment = server.comment(copy, { id: 701, first_name: 'Marta', username: 'marta_tg' }, '¿A qué hora?');
    await server.webhookIdle();
    expect(received).toHaveLength(1);
    expect(received[0]!.secret).toBe(secret);
    const pushed = await inbox.parsePush!(ctx(), received[0]!.body);
    expect(pushed.map((item) => item.remoteId)).toEqual([`${server.discussion.id}:${comment}`]);
    expect(server.pendingUpdates()).toBe(1);

    // The webhook failed a moment ago with an update waiting: the read takes it with getUpdates (webhook off, pending kept).
    const polled = await inbox.fetchInbound(pushing(), { cursor: null });
    expect(polled.items).toEqual(pushed);
    expect(server.calls.filter((call) => call.method === 'deleteWebhook').at(-1)?.params.drop_pending_updates).toBe('false');
    // …and sets the webhook again, which delivers the same update once more: the inbox stores (channel, remote id) once.
    expect(webhookUrl()).toBe(push.url);
    status = 200;
    await server.webhookIdle();
    expect(received).toHaveLength(2);
    expect(await inbox.parsePush!(ctx(), received[1]!.body)).toEqual(pushed);
    expect(server.pendingUpdates()).toBe(0);

    // Reaction counts and other chats' messages give no items.
    expect(
      await inbox.parsePush!(ctx(), { update_id: 9, message_reaction_count: { chat: server.channel, message_id: 1, reactions: [] } }),
    ).toEqual([]);
    expect(
      await inbox.parsePush!(ctx(), {
        update_id: 10,
        message: { message_id: 5, date: 1, chat: { id: -100555, type: 'supergroup' }, text: 'x' },
      }),
    ).toEqual([]);
    expect((await networkRejection(Promise.resolve().then(() => inbox.parsePush!(ctx(), { nope: true })))).code).toBe('invalid_push');

    await inbox.unregisterPush!(ctx());
    expect(server.webhook).toBeNull();
  });

  it('reads and registers again when the webhook is gone; turns off its own stale webhook when Plaza has no push secret', async () => {
    await inbox.registerPush!(ctx(), push);
    server.webhook = null; // deleted outside Plaza
    const post = await adapter.publish(ctx(), { publicationId: 'tg-push-2', text: 'Cerrado por inventario', media: [] });
    const copy = server.forwardToDiscussion(Number(post.remoteId));
    const comment = server.comment(copy, { id: 702, first_name: 'Pablo' }, '¿Hasta cuándo?');
    const gone = await inbox.fetchInbound(pushing(), { cursor: null });
    expect(gone.items.map((item) => item.remoteId)).toEqual([`${server.discussion.id}:${comment}`]);
    expect(webhookUrl()).toBe(push.url);

    // Without a push secret in Plaza (turned off, but deleteWebhook never reached Telegram): 409 → its own webhook goes.
    const plain = await inbox.fetchInbound(ctx(), { cursor: gone.cursor });
    expect(plain.items).toEqual([]);
    expect(server.webhook).toBeNull();
  });

  it('never takes the webhook of another program or channel: reads and registration fail with telegram_webhook_elsewhere', async () => {
    server.webhook = { url: 'https://bots.example/hook', allowedUpdates: [] };
    expect((await networkRejection(inbox.fetchInbound(ctx(), { cursor: null }))).code).toBe('telegram_webhook_elsewhere');
    expect((await networkRejection(inbox.fetchInbound(pushing(), { cursor: null }))).code).toBe('telegram_webhook_elsewhere');
    expect((await networkRejection(inbox.registerPush!(ctx(), push))).code).toBe('telegram_webhook_elsewhere');
    await inbox.unregisterPush!(ctx());
    expect(webhookUrl()).toBe('https://bots.example/hook');
  });

  it('says when Telegram refuses the address (not HTTPS, unreachable) and keeps no webhook', async () => {
    const refused = await networkRejection(inbox.registerPush!(ctx(), { url: 'http://localhost:3000/api/v1/inbox/push/tg-inbox', secret }));
    expect(refused).toMatchObject({ kind: 'permanent', code: 'telegram_webhook_refused' });
    const unknown = await networkRejection(inbox.registerPush!(ctx(), { url: 'https://nowhere.test/api/v1/inbox/push/tg-inbox', secret }));
    expect(unknown.code).toBe('telegram_webhook_refused');
    expect(server.webhook).toBeNull();
  });
});
