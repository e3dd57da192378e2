import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtpAgent } from '@atproto/api';
import { createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { startTestPds, type TestPds, type TestPdsAccount } from '../src/networks/bluesky/testing/pds.ts';
import { PublishingEngine } from '../src/modules/publishing/engine.ts';

/**
 * The whole path against the reference Bluesky PDS running in this process:
 * connect with an app password through the API, schedule a thread, and the
 * engine publishes it exactly once with correct facets and reply references.
 */
describe('publishing to a real Bluesky PDS', () => {
  let pds: TestPds;
  let account: TestPdsAccount;
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;

  beforeAll(async () => {
    pds = await startTestPds();
    account = await pds.createAccount('plaza');
    t = await createTestApp('postgres');
    // The test PDS listens on loopback: the admin switch PLAZA_ALLOW_PRIVATE_URLS, on.
    (t.ctx.config as { allowPrivateUrls: boolean }).allowPrivateUrls = true;
    owner = await createCaller(t, 'bsky@example.com');
    workspaceId = (await owner.request('POST', '/api/v1/workspaces', { name: 'Bsky', timeZone: 'Europe/Madrid', language: 'es' })).json()
      .id;
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await pds?.close();
  });

  it('connects, refuses a wrong app password, and publishes a thread once', async () => {
    const wrong = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
      network: 'bluesky',
      name: 'B',
      fields: { serviceUrl: pds.url, identifier: account.handle, appPassword: 'aaaa-bbbb-cccc-dddd' },
    });
    expect(wrong.statusCode).toBe(400);
    const connected = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
      network: 'bluesky',
      name: 'Bluesky',
      fields: { serviceUrl: pds.url, identifier: account.handle, appPassword: account.appPassword! },
    });
    expect(connected.statusCode, connected.body).toBe(201);
    expect(connected.json().account.handle).toBe(account.handle);
    const channelId = connected.json().id;

    const text = `Menú de otoño en https://example.com/menu con @${account.handle} #otoño ☕️`;
    const created = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, {
      content: text,
      thread: [{ text: 'Segunda parte 🍂' }, { text: 'Tercera parte' }],
      channels: [{ channelId }],
      action: 'publish_now',
    });
    expect(created.statusCode, created.body).toBe(201);
    const engine = new PublishingEngine(t.ctx, { pollMs: 50 });
    await engine.start();
    let post: { state: string; publications: Array<{ remoteId: string; remoteUrl: string }> } = { state: 'draft', publications: [] };
    try {
      for (let i = 0; i < 200; i++) {
        post = (await owner.request('GET', `/api/v1/workspaces/${workspaceId}/posts/${created.json().id}`)).json();
        if (post.state === 'published' || post.state === 'failed') break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await engine.stop(2_000);
    }
    expect(post.state, JSON.stringify(post.publications)).toBe('published');
    const remoteId: string = post.publications[0].remoteId;
    expect(remoteId).toMatch(/^at:\/\/did:plc:[a-z0-9]+\/app\.bsky\.feed\.post\//);
    expect(post.publications[0].remoteUrl).toContain(`https://bsky.app/profile/${account.handle}/post/`);

    const agent = new AtpAgent({ service: pds.url });
    const records = await agent.com.atproto.repo.listRecords({ repo: account.did, collection: 'app.bsky.feed.post', limit: 100 });
    expect(records.data.records).toHaveLength(3);
    const root = records.data.records.find((r) => r.uri === remoteId)!;
    const value = root.value as {
      text: string;
      facets: Array<{ index: { byteStart: number; byteEnd: number }; features: Array<{ $type: string }> }>;
    };
    expect(value.text).toBe(text);
    const bytes = Buffer.from(value.text, 'utf8');
    const facetTexts = value.facets.map((f) => bytes.subarray(f.index.byteStart, f.index.byteEnd).toString('utf8'));
    expect(facetTexts).toEqual(expect.arrayContaining(['https://example.com/menu', `@${account.handle}`, '#otoño']));
    const replies = records.data.records.filter((r) => r.uri !== remoteId).map((r) => r.value as { reply: { root: { uri: string } } });
    expect(replies.every((r) => r.reply.root.uri === remoteId)).toBe(true);
  }, 90_000);
});
