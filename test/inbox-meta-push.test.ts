/**
 * Meta webhooks through Plaza's real push routes, for a Facebook Page channel connected to the local
 * Graph server: the push secret set to the app secret, the address check (GET with hub.challenge
 * and the verify token), pushes signed with X-Hub-Signature-256 stored once, and a poll afterwards
 * storing none of the pushed items again; then a Messenger reply after the window closed refused
 * with a translated code and the draft kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeFacebookServer } from '../src/networks/facebook/testing/server.ts';
import { signPushBody } from '../src/networks/push-signature.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';

const fb = new FakeFacebookServer();
// The adapter reads "the last 30 days" on the real clock: the server and Plaza run on it too.
fb.clock = Date.now();
const clock = new ManualClock(fb.clock);
let t: TestApp;
let owner: Caller;
let workspaceId = '';
let channelId = '';

beforeAll(async () => {
  await fb.start();
  t = await createTestApp('embedded', { clock });
  t.ctx.config.allowPrivateUrls = true;
  t.ctx.config.networkOrigins = { facebook: fb.baseUrl };
  owner = await createCaller(t, 'ana@cafe.test');
  const ws = await owner.request('POST', '/api/v1/workspaces', { name: 'Café', timeZone: 'Europe/Madrid', language: 'es' });
  workspaceId = ws.json().id;
  const created = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
    network: 'facebook',
    name: 'Café Plaza',
    fields: { pageId: fb.pageId, pageAccessToken: fb.pageToken },
  });
  expect(created.statusCode, created.body).toBe(201);
  channelId = created.json().id;
}, 400_000);
afterAll(async () => {
  await t?.close();
  await fb.stop();
});

describe('Meta webhooks through the push route', () => {
  it('checks the address, stores signed pushes once, and a poll adds none of them again', async () => {
    const base = `/api/v1/workspaces/${workspaceId}/inbox`;
    const set = await owner.request('POST', `${base}/channels/${channelId}/push-secret`, { secret: fb.appSecret });
    expect(set.statusCode, set.body).toBe(200);
    const { url, verifyToken } = set.json();
    expect(url).toContain(`/api/v1/inbox/push/${channelId}`);
    expect(verifyToken).toMatch(/^[0-9a-f]{32}$/);

    const check = (token: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/inbox/push/${channelId}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`,
      });
    const ok = await check(verifyToken);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    const wrong = await check('not-the-token');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('inbox_push_verify_token_invalid');

    const post = await t.ctx.networks.get('facebook').publish(
      {
        channelId,
        settings: { pageId: fb.pageId },
        credentials: { pageAccessToken: fb.pageToken },
        origin: fb.baseUrl,
        allowPrivateUrls: true,
      },
      { publicationId: 'p1', text: 'Nueva carta de otoño', media: [] },
    );
    fb.clock = clock.now();
    const comment = fb.addComment(post.remoteId, { fromId: '9901', fromName: 'Lucía', message: 'Pues a mí no me funcionó' });
    const mid = fb.addMessage('7901', 'Lucía', '¿Me ayudáis con el pedido?');
    const body = Buffer.from(
      JSON.stringify({
        object: 'page',
        entry: [
          {
            id: fb.pageId,
            time: Math.floor(clock.now() / 1000),
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
                  from: { id: '9901', name: 'Lucía' },
                },
              },
            ],
            messaging: [
              {
                sender: { id: '7901' },
                recipient: { id: fb.pageId },
                timestamp: clock.now(),
                message: { mid, text: '¿Me ayudáis con el pedido?' },
              },
            ],
          },
        ],
      }),
    );
    const push = (signature: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/inbox/push/${channelId}`,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
        payload: body,
      });
    const bad = await push(signPushBody(body, 'another-app-secret'));
    expect(bad.statusCode).toBe(401);
    const first = await push(signPushBody(body, fb.appSecret));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ created: 2, duplicates: 0 });
    expect((await push(signPushBody(body, fb.appSecret))).json()).toEqual({ created: 0, duplicates: 2 });

    const sync = await owner.request('POST', `${base}/channels/${channelId}/sync`);
    expect(sync.statusCode, sync.body).toBe(200);
    expect(sync.json()).toMatchObject({ created: 0, duplicates: 2 });

    const list = await owner.request('GET', `${base}/conversations`);
    const threads = list.json().items as Array<{ id: string; threadRemoteId?: string }>;
    expect(threads).toHaveLength(2);

    // 25 hours later the Messenger window is closed: a translated code, nothing queued.
    clock.advance(25 * 3_600_000);
    fb.clock = clock.now();
    const dmConversation = await owner.request('GET', `${base}/conversations?kind=direct_message`);
    const conversation = (dmConversation.json().items as Array<{ id: string }>)[0]!;
    const late = await owner.request('POST', `${base}/conversations/${conversation.id}/replies`, { text: 'Perdona la espera' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('inbox_window_closed');
    expect(fb.answersWithText('Perdona la espera')).toBe(0);
  }, 240_000);
});
