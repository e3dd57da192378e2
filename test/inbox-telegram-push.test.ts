/**
 * Telegram pushes through Plaza's real routes, for a Telegram channel connected to the local Bot API
 * server: making the push secret makes Plaza call setWebhook (refused while PUBLIC_URL is not HTTPS; Telegram's
 * refusal of an address is a translated 422 and keeps no secret),
 * the server delivers a discussion comment to Plaza's listening push route with the secret token
 * header and it is stored once; a poll while the webhook is healthy adds nothing; a wrong or missing
 * header is 401; while Plaza cannot be reached, the next poll reads the pending update with getUpdates
 * and sets the webhook again, whose redelivery is a duplicate; removing the push secret deletes the
 * webhook and later pushes are refused.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramServer } from '../src/networks/telegram/testing/server.ts';
import { createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';

const tg = new FakeTelegramServer();
const PUBLIC = 'https://plaza.test';
let t: TestApp;
let owner: Caller;
let workspaceId = '';
let channelId = '';
let plazaAddress = '';

/** A loopback address nothing listens on: Plaza, unreachable. */
async function closedAddress(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  await tg.start();
  t = await createTestApp('embedded');
  t.ctx.config.allowPrivateUrls = true;
  t.ctx.config.networkOrigins = { telegram: tg.baseUrl };
  plazaAddress = await t.app.listen({ port: 0, host: '127.0.0.1' });
  tg.routeWebhook(PUBLIC, plazaAddress);
  owner = await createCaller(t, 'lucia@tienda.test');
  const ws = await owner.request('POST', '/api/v1/workspaces', { name: 'Tienda', timeZone: 'Europe/Madrid', language: 'es' });
  workspaceId = ws.json().id;
  const created = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
    network: 'telegram',
    name: 'Tienda de Lucía',
    fields: { botToken: tg.token, chatId: `@${tg.channel.username}` },
  });
  expect(created.statusCode, created.body).toBe(201);
  channelId = created.json().id;
}, 120_000);
afterAll(async () => {
  await tg.webhookIdle();
  await t?.close();
  await tg.stop();
});

describe('Telegram webhook through the push routes', () => {
  it('registers, stores a pushed comment once, reads around a failing webhook, and stops', async () => {
    const base = `/api/v1/workspaces/${workspaceId}/inbox`;
    const setUrl = `${base}/channels/${channelId}/push-secret`;

    // PUBLIC_URL unset: the address would be localhost, which Telegram cannot reach.
    const local = await owner.request('POST', setUrl);
    expect(local.statusCode).toBe(400);
    expect(local.json().error.code).toBe('inbox_push_public_url_required');
    expect(tg.webhook).toBeNull();

    // An address Telegram cannot resolve: its refusal, by code, and no secret kept (pushes there are refused).
    t.ctx.config.publicUrl = 'https://unknown-host.test';
    const refused = await owner.request('POST', setUrl);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'inbox_push_register_failed',
      details: { network: 'telegram', code: 'telegram_webhook_refused' },
    });
    expect(tg.webhook).toBeNull();
    const unset = await t.app.inject({
      method: 'POST',
      url: `/api/v1/inbox/push/${channelId}`,
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(unset.statusCode).toBe(404);
    expect(unset.json().error.code).toBe('inbox_push_not_configured');

    t.ctx.config.publicUrl = PUBLIC;
    // Plaza makes Telegram's secret itself.
    const given = await owner.request('POST', setUrl, { secret: 'my-own-secret' });
    expect(given.statusCode).toBe(400);
    expect(given.json().error.code).toBe('invalid_input');

    const set = await owner.request('POST', setUrl);
    expect(set.statusCode, set.body).toBe(200);
    const { url, secret, verifyToken } = set.json();
    expect(url).toBe(`${PUBLIC}/api/v1/inbox/push/${channelId}`);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verifyToken).toBeNull();
    expect(tg.webhook).toMatchObject({ url, secret });

    const adapter = t.ctx.networks.get('telegram');
    const channelCtx = {
      channelId,
      settings: { chatId: `@${tg.channel.username}` },
      credentials: { botToken: tg.token },
      origin: tg.baseUrl,
      allowPrivateUrls: true,
    };
    const post = await adapter.publish(channelCtx, { publicationId: 'tg-route-1', text: 'Rebajas de enero', media: [] });
    const copy = tg.forwardToDiscussion(Number(post.remoteId));
    tg.comment(copy, { id: 801, first_name: 'Rosa', username: 'rosa_tg' }, '¿Hay tallas grandes?');
    await tg.webhookIdle();
    expect(tg.deliveries.at(-1)?.status).toBe(200);
    expect(tg.pendingUpdates()).toBe(0);

    const conversations = async () => (await owner.request('GET', `${base}/conversations`)).json().items as Array<{ id: string }>;
    expect(await conversations()).toHaveLength(1);

    // A healthy webhook: the poll reads nothing (getUpdates would be 409) and fails nothing.
    const sync = await owner.request('POST', `${base}/channels/${channelId}/sync`);
    expect(sync.statusCode, sync.body).toBe(200);
    expect(sync.json()).toMatchObject({ created: 0, duplicates: 0 });
    expect(sync.json().errorCode).toBeUndefined();

    // The same update again (Telegram retries) is a duplicate; a wrong or missing secret header is 401.
    const body = JSON.stringify({
      update_id: 99_001,
      message: {
        message_id: 9_001,
        date: Math.floor(Date.now() / 1000),
        chat: tg.discussion,
        from: { id: 802, is_bot: false, first_name: 'Iván' },
        text: 'Yo también quiero saberlo',
        message_thread_id: copy,
        reply_to_message: {
          message_id: copy,
          date: 1,
          chat: tg.discussion,
          is_automatic_forward: true,
          forward_origin: { type: 'channel', message_id: Number(post.remoteId) },
        },
      },
    });
    const push = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/inbox/push/${channelId}`,
        headers: { 'content-type': 'application/json', ...headers },
        payload: body,
      });
    const wrong = await push({ 'x-telegram-bot-api-secret-token': `${secret.slice(0, -1)}A` });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('inbox_push_signature_invalid');
    expect((await push({})).statusCode).toBe(401);
    expect((await push({ 'x-telegram-bot-api-secret-token': secret })).json()).toEqual({ created: 1, duplicates: 0 });
    expect((await push({ 'x-telegram-bot-api-secret-token': secret })).json()).toEqual({ created: 0, duplicates: 1 });

    // Plaza cannot be reached: Telegram keeps the comment pending; the next poll reads it and sets the webhook again.
    tg.routeWebhook(PUBLIC, await closedAddress());
    tg.comment(copy, { id: 803, first_name: 'Nora' }, '¿Y envío a Portugal?');
    await tg.webhookIdle();
    expect(tg.deliveries.at(-1)?.status).toBe(0);
    expect(tg.pendingUpdates()).toBe(1);
    const fallback = await owner.request('POST', `${base}/channels/${channelId}/sync`);
    expect(fallback.json()).toMatchObject({ created: 1 });
    expect(tg.webhook?.url).toBe(url);
    tg.routeWebhook(PUBLIC, plazaAddress);
    await tg.deliverPending();
    expect(tg.deliveries.at(-1)?.status).toBe(200);
    expect(tg.pendingUpdates()).toBe(0);
    expect(await conversations()).toHaveLength(1);
    const thread = (await owner.request('GET', `${base}/conversations/${(await conversations())[0]!.id}`)).json();
    expect((thread.items as Array<{ text: string }>).map((item) => item.text)).toEqual([
      '¿Hay tallas grandes?',
      'Yo también quiero saberlo',
      '¿Y envío a Portugal?',
    ]);

    // Stopping pushes: not signed in → 401, another workspace's channel → 404; then deleteWebhook, and pushes refused.
    expect((await t.app.inject({ method: 'DELETE', url: setUrl })).statusCode).toBe(401);
    const other = await createCaller(t, 'otro@tienda.test');
    const otherWs = (await other.request('POST', '/api/v1/workspaces', { name: 'Otra', timeZone: 'Europe/Madrid', language: 'es' })).json()
      .id;
    expect((await other.request('DELETE', `/api/v1/workspaces/${otherWs}/inbox/channels/${channelId}/push-secret`)).statusCode).toBe(404);
    const stop = await owner.request('DELETE', setUrl);
    expect(stop.statusCode, stop.body).toBe(204);
    expect(tg.webhook).toBeNull();
    const late = await push({ 'x-telegram-bot-api-secret-token': secret });
    expect(late.statusCode).toBe(404);
    expect(late.json().error.code).toBe('inbox_push_not_configured');
    expect((await owner.request('DELETE', setUrl)).statusCode).toBe(404);

    // With the bot token revoked Telegram cannot be told: the secret goes anyway, and the first read after the
    // token works again deletes the channel's leftover webhook (getUpdates was 409) and reads on.
    expect((await owner.request('POST', setUrl)).statusCode).toBe(200);
    const token = tg.token;
    (tg as { token: string }).token = '123456789:revoked';
    expect((await owner.request('DELETE', setUrl)).statusCode).toBe(204);
    expect(tg.webhook?.url).toBe(url);
    (tg as { token: string }).token = token;
    const after = await owner.request('POST', `${base}/channels/${channelId}/sync`);
    expect(after.json().errorCode).toBeUndefined();
    expect(tg.webhook).toBeNull();
  }, 120_000);
});
