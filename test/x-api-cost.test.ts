/**
 * X's pay-per-use API cost in the app, against the local X server: the composer's validation answers
 * the estimate per X channel (a link costs more), the publishing engine records the cost of each
 * published X post, and the channel (API and `plaza channel show`) totals this month's spend in the
 * brand's time zone; last month's posts and other networks do not count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/lib/clock.ts';
import { PublishingEngine } from '../src/modules/publishing/engine.ts';
import { X_API_PRICES } from '../src/networks/x/cost.ts';
import { FakeXServer } from '../src/networks/x/testing/server.ts';
import { createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { until } from './helpers/wait.ts';

describe('X API cost: estimate in the composer, recorded per post, month total per channel', () => {
  const x = new FakeXServer();
  let t: TestApp;
  let owner: Caller;
  let workspaceId = '';
  let channelId = '';
  let engine: PublishingEngine;
  // Madrid: 00:30 on the 1st there is still the previous month in UTC.
  const clock = new ManualClock(Date.parse('2026-11-30T23:30:00Z'));

  beforeAll(async () => {
    await x.start();
    t = await createTestApp('embedded', { clock });
    t.ctx.config.allowPrivateUrls = true;
    t.ctx.config.networkOrigins = { x: x.baseUrl };
    owner = await createCaller(t, 'ana@cafe.test');
    const ws = await owner.request('POST', '/api/v1/workspaces', { name: 'Café', timeZone: 'Europe/Madrid', language: 'es' });
    workspaceId = ws.json().id;
    const created = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
      network: 'x',
      name: 'Plaza Café',
      fields: { accessToken: x.token, userId: x.account.id, username: x.account.username },
    });
    expect(created.statusCode, created.body).toBe(201);
    channelId = created.json().id;
    engine = new PublishingEngine(
      { ...t.ctx, config: t.ctx.config },
      { autoPoll: false, lookaheadMs: 1_000, publishTimeoutMs: 5_000, baseBackoffMs: 100, maxBackoffMs: 100 },
    );
    await engine.start();
  }, 120_000);

  afterAll(async () => {
    await engine?.stop(0);
    await t?.close();
    await x.stop();
  });

  const validate = async (content: string) => {
    const answer = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts/validate`, {
      content,
      channels: [{ channelId }],
    });
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json().channels[0] as { apiCost?: { total: number; currency: string; postsWithLinks: number } };
  };

  const publishNow = async (content: string) => {
    const created = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, {
      content,
      channels: [{ channelId }],
      action: 'publish_now',
    });
    expect(created.statusCode, created.body).toBe(201);
    const postId = created.json().id as string;
    await until(async () => {
      // The channel's posting rate spaces posts out: move the engine's clock on while waiting.
      clock.advance(1_000);
      await engine.poll();
      await engine.flush();
      const post = (await owner.request('GET', `/api/v1/workspaces/${workspaceId}/posts/${postId}`)).json();
      return post.state === 'published' ? post : null;
    }, 30_000);
  };

  const channel = async () => (await owner.request('GET', `/api/v1/workspaces/${workspaceId}/channels/${channelId}`)).json();

  it('estimates a plain post at the create price and a post with a link at the higher one, in USD', async () => {
    const plain = await validate('Hoy abrimos a las ocho');
    expect(plain.apiCost).toMatchObject({ currency: 'USD', total: X_API_PRICES.usd.postCreate, postsWithLinks: 0 });
    const linked = await validate('La carta nueva: https://cafe.example/carta');
    expect(linked.apiCost).toMatchObject({ currency: 'USD', total: X_API_PRICES.usd.postCreateWithUrl, postsWithLinks: 1 });
  });

  it('records each published X post’s cost and totals the month in the brand’s time zone', { timeout: 90_000 }, async () => {
    // 23:30 UTC on 30 November is 00:30 on 1 December in Madrid: the month is December there.
    // (The posts below go out a little after midnight UTC, so every instant here is December in both zones.)
    expect((await channel()).apiCost).toEqual({ currency: 'USD', month: '2026-12', total: 0, publications: 0 });
    clock.advance(31 * 60_000);
    await publishNow('Hoy abrimos a las ocho');
    await publishNow('La carta nueva: https://cafe.example/carta');
    expect(x.postsWithText('Hoy abrimos a las ocho')).toBe(1);
    const total = Math.round((X_API_PRICES.usd.postCreate + X_API_PRICES.usd.postCreateWithUrl) * 1000) / 1000;
    expect((await channel()).apiCost).toEqual({ currency: 'USD', month: '2026-12', total, publications: 2 });
    const list = (await owner.request('GET', `/api/v1/workspaces/${workspaceId}/channels`)).json();
    expect(list.items[0].apiCost.total).toBe(total);

    // A month later the total starts again.
    clock.advance(32 * 24 * 60 * 60_000);
    expect((await channel()).apiCost).toMatchObject({ month: '2027-01', total: 0, publications: 0 });
  });
});
