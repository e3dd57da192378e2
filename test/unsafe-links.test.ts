// Links from network data (issue 10, finding 7): a publication's remote URL and a mention's
// URL end up in hrefs, so only http(s) URLs are stored; `javascript:` and friends are dropped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from './helpers/wait.ts';
import { createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { given } from './helpers/given.ts';
import { DB_KINDS } from './helpers/db.ts';
import { PublishingEngine } from '../src/modules/publishing/engine.ts';
import { SandboxNetwork, sandboxAdapter, setInProcessSandbox } from '../src/networks/sandbox/index.ts';
import { ingestBatch, WorkspacePipelines } from '../src/modules/listening/ingest.ts';

const EVIL = ['javascript:alert(document.cookie)', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>'];

describe.each(DB_KINDS)('links from networks on %s', (kind) => {
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;
  let channelId: string;

  beforeAll(async () => {
    setInProcessSandbox(new SandboxNetwork({ seed: 3 }));
    t = await createTestApp(kind);
    // A network that answers a publish with a javascript: URL.
    let next = 0;
    t.ctx.networks.register({
      ...sandboxAdapter,
      publish: async () => ({ remoteId: `evil-${next}`, remoteUrl: EVIL[next++ % EVIL.length]! }),
    });
    const s = await given(t)
      .owner(`links-${kind}@example.com`)
      .workspace({ name: 'Brand' })
      .sandboxChannel({ name: 'S', handle: 'brand', token: 'tok' });
    ({ owner, workspaceId, channelId } = s);
  });
  afterAll(async () => t?.close());

  it('stores no non-http(s) remote URL for a published post', async () => {
    const engine = new PublishingEngine(t.ctx, { pollMs: 50 });
    await engine.start();
    try {
      const ids: string[] = [];
      for (const text of ['uno', 'dos', 'tres']) {
        const res = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, {
          content: text,
          channels: [{ channelId }],
          action: 'publish_now',
        });
        expect(res.statusCode, res.body).toBe(201);
        ids.push(res.json().id);
      }
      for (const id of ids) {
        const post = await until(async () => {
          const body = (await owner.request('GET', `/api/v1/workspaces/${workspaceId}/posts/${id}`)).json();
          return body.publications?.[0]?.state === 'published' ? body : null;
        });
        expect(post.publications[0].remoteUrl).toBeNull();
      }
      const rows = await t.ctx.database.db.selectFrom('publications').select('remote_url').where('channel_id', '=', channelId).execute();
      expect(rows.map((r) => r.remote_url)).toEqual([null, null, null]);
    } finally {
      await engine.stop(1_000);
    }
  });

  it('stores no non-http(s) mention URL, and keeps http(s) ones', async () => {
    const items = [...EVIL, 'https://mastodon.example/@ana/1'].map((url, i) => ({
      remoteId: `m${i}`,
      text: `mención ${i}`,
      network: 'mastodon',
      url,
      authorHandle: 'ana',
      publishedAt: new Date(),
    }));
    await ingestBatch(t.ctx, new WorkspacePipelines(t.ctx), {
      workspaceId,
      sourceId: null,
      sourceKey: 'test',
      items,
      storeUnmatched: true,
    });
    const rows = await t.ctx.database.db
      .selectFrom('listening_mentions')
      .select(['remote_id', 'url'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('remote_id')
      .execute();
    expect(rows).toEqual([
      { remote_id: 'm0', url: null },
      { remote_id: 'm1', url: null },
      { remote_id: 'm2', url: null },
      { remote_id: 'm3', url: 'https://mastodon.example/@ana/1' },
    ]);
  });
});
