/**
 * Threads webhooks through Plaza's real push routes, for a Threads channel connected to the local
 * Threads server: the push secret set to the app secret, the address check (GET with hub.challenge
 * and the verify token), the `replies` deliveries the server signs for new replies stored once
 * (our own answer as ours), a poll afterwards storing none of them again, a wrong signature 401,
 * another profile's delivery storing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeThreadsServer, type WebhookDelivery } from '../src/networks/threads/testing/server.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';

const server = new FakeThreadsServer();
// The adapter reads "the last 30 days" on the real clock: Plaza runs on it too.
const clock = new ManualClock(Date.now());
let t: TestApp;
let owner: Caller;
let workspaceId = '';
let channelId = '';

beforeAll(async () => {
  await server.start();
  t = await createTestApp('embedded', { clock });
  t.ctx.config.allowPrivateUrls = true;
  t.ctx.config.networkOrigins = { threads: server.baseUrl };
  owner = await createCaller(t, 'ana@cafe.test');
  const ws = await owner.request('POST', '/api/v1/workspaces', { name: 'Café', timeZone: 'Europe/Madrid', language: 'es' });
  workspaceId = ws.json().id;
  const created = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
    network: 'threads',
    name: 'Café Aroma',
    fields: { accessToken: server.token, userId: server.userId },
  });
  expect(created.statusCode, created.body).toBe(201);
  channelId = created.json().id;
}, 400_000);
afterAll(async () => {
  await t?.close();
  await server.stop();
});

describe('Threads webhooks through the push route', () => {
  it('checks the address, stores signed replies once, and a poll adds none of them again', async () => {
    const base = `/api/v1/workspaces/${workspaceId}/inbox`;
    const set = await owner.request('POST', `${base}/channels/${channelId}/push-secret`, { secret: server.appSecret });
    expect(set.statusCode, set.body).toBe(200);
    const { url, verifyToken } = set.json();
    expect(url).toContain(`/api/v1/inbox/push/${channelId}`);

    const check = (token: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/inbox/push/${channelId}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=918273645`,
      });
    const ok = await check(verifyToken);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('918273645');
    const wrong = await check('not-the-token');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('inbox_push_verify_token_invalid');

    const context = {
      channelId,
      settings: { userId: server.userId, username: server.username },
      credentials: { accessToken: server.token },
      origin: server.baseUrl,
      allowPrivateUrls: true,
    };
    const adapter = t.ctx.networks.get('threads');
    const post = await adapter.publish(context, { publicationId: 'p1', text: '¿Qué tarta queréis el domingo?', media: [] });
    server.takeDeliveries();
    const reply = server.addForeignPost('¡La de queso!', 'lucia.th', post.remoteId);
    await adapter.inbox!.reply(context, {
      replyId: 'r1',
      target: { remoteId: reply.id, kind: 'reply', threadRemoteId: post.remoteId, authorId: 'username:lucia.th', authorHandle: 'lucia.th' },
      mode: 'public',
      text: 'Apuntada, Lucía 🧀',
    });
    const deliveries = server.takeDeliveries();
    expect(deliveries).toHaveLength(2);

    const push = (delivery: WebhookDelivery, headers = delivery.headers) =>
      t.app.inject({ method: 'POST', url: `/api/v1/inbox/push/${channelId}`, headers, payload: delivery.body });
    const forged = server.replyDelivery(reply, 'another-app-secret');
    const bad = await push(forged);
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('inbox_push_signature_invalid');
    expect((await push(deliveries[0]!, { 'content-type': 'application/json' })).statusCode).toBe(401);

    for (const delivery of deliveries) {
      const first = await push(delivery);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toEqual({ created: 1, duplicates: 0 });
    }
    expect((await push(deliveries[0]!)).json()).toEqual({ created: 0, duplicates: 1 });

    // A reply under another profile's thread (the same app, another user): nothing stored here.
    const theirs = server.addForeignPost('Otro hilo', 'otra.cuenta');
    const elsewhere = await push(server.replyDelivery(server.addForeignPost('Hola', 'lucia.th', theirs.id)));
    expect(elsewhere.statusCode, elsewhere.body).toBe(200);
    expect(elsewhere.json()).toEqual({ created: 0, duplicates: 0 });
    // Not a Threads webhook: a 400 with a code, nothing stored.
    const junk = server.signedDelivery('replies', { object: 'page', entry: [] });
    const refused = await push(junk);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'invalid_input', details: { reason: 'invalid_push' } });

    const sync = await owner.request('POST', `${base}/channels/${channelId}/sync`);
    expect(sync.statusCode, sync.body).toBe(200);
    expect(sync.json()).toMatchObject({ created: 0, duplicates: 2 });

    const list = await owner.request('GET', `${base}/conversations`);
    expect(list.statusCode, list.body).toBe(200);
    const conversations = list.json().items as Array<{ id: string }>;
    expect(conversations).toHaveLength(1);
    const detail = await owner.request('GET', `${base}/conversations/${conversations[0]!.id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const items = detail.json().items as Array<{ remoteId: string; direction: string; receivedVia: string }>;
    // Both carry the same second (Threads timestamps have no milliseconds): compared in direction order.
    const byDirection = [...items].sort((a, b) => a.direction.localeCompare(b.direction));
    expect(byDirection.map((item) => [item.remoteId, item.direction, item.receivedVia])).toEqual([
      [reply.id, 'inbound', 'push'],
      [expect.any(String), 'outbound', 'push'],
    ]);
  }, 240_000);
});
