import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { until } from './helpers/wait.ts';
import { PublishingEngine } from '../src/modules/publishing/engine.ts';
import { NetworkRegistry } from '../src/networks/registry.ts';
import { SandboxNetwork, setInProcessSandbox } from '../src/networks/sandbox/index.ts';
import type { NetworkAdapter } from '../src/networks/types.ts';

/**
 * A post held back for its channel's posting slot (the local rate limit) goes out later; its first
 * comment must then be tried right after it, in that later attempt, like any other post's — not left
 * waiting (pending, 0 attempts) for the comment loop.
 */
describe('a first comment after a post held back for a posting slot', () => {
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;
  let channelId: string;
  let network: SandboxNetwork;

  beforeAll(async () => {
    network = new SandboxNetwork({ seed: 3 });
    setInProcessSandbox(network);
    t = await createTestApp('postgres');
    owner = await createCaller(t, 'held@example.com');
    workspaceId = (await owner.request('POST', '/api/v1/workspaces', { name: 'Held', timeZone: 'Europe/Madrid', language: 'es' })).json()
      .id;
    channelId = (
      await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
        network: 'sandbox',
        name: 'Sandbox',
        fields: { handle: 'held', token: 'tok-held' },
      })
    ).json().id;
  }, 90_000);
  afterAll(async () => {
    await t?.close();
  });

  /** The registry of a worker whose sandbox allows `perMinute` posts a minute per channel (a burst of a tenth of it). */
  function registryWithRate(perMinute: number, separateComment: boolean): NetworkRegistry {
    const real = t.ctx.networks.get('sandbox');
    const registry = new NetworkRegistry(t.ctx.networks.list());
    const change: Partial<NetworkAdapter> = { limits: { ...real.limits, postsPerMinutePerChannel: perMinute } };
    // As Bluesky, Mastodon, Facebook and LinkedIn do: the post alone, then the comment through publishFirstComment.
    if (separateComment) {
      change.publish = (ctx, input) => real.publish(ctx, { ...input, firstComment: undefined });
      change.publishFirstComment = async (ctx, input) => {
        const posted = await real.publish(ctx, { publicationId: `${input.publicationId}:comment`, text: input.text, media: [] });
        return { remoteId: posted.remoteId, remoteUrl: posted.remoteUrl ?? null };
      };
    }
    registry.register(Object.assign(Object.create(real) as NetworkAdapter, change));
    return registry;
  }

  for (const separateComment of [false, true])
    it(`tries the comment in the attempt that publishes the post, not later in the comment loop (${separateComment ? 'publishFirstComment' : 'inside publish'})`, async () => {
      // 60 a minute: a burst of 6, then one a second. Eight posts: the last two wait for a slot.
      const posts: string[] = [];
      for (let i = 0; i < 8; i++) {
        const created = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, {
          content: `Menú del día ${i} ${separateComment}`,
          channels: [{ channelId, firstComment: `Reservas ${i} ${separateComment}: 900 000 00${i}` }],
          action: 'publish_now',
        });
        expect(created.statusCode, created.body).toBe(201);
        posts.push(created.json().id);
      }
      const engine = new PublishingEngine(
        { ...t.ctx, networks: registryWithRate(60, separateComment) },
        { pollMs: 50, publishTimeoutMs: 5_000 },
      );
      await engine.start();
      type Publication = { state: string; attempts: number; firstCommentStatus: { state: string; attempts: number } | null };
      const publicationOf = async (id: string): Promise<Publication> =>
        (await owner.request('GET', `/api/v1/workspaces/${workspaceId}/posts/${id}`)).json().publications[0];
      let all: Publication[] = [];
      try {
        all = await until(async () => {
          const found = await Promise.all(posts.map(publicationOf));
          return found.every((p) => p.state === 'published' && p.firstCommentStatus?.state === 'published') && found;
        }, 20_000).catch(async () => Promise.all(posts.map(publicationOf)));
      } finally {
        await engine.stop(2_000);
      }
      // Some posts were held back (a deferred try that does not count as an attempt).
      const { rows } = await t.ctx.database.raw.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM publication_attempts a JOIN publications p ON p.id = a.publication_id
        WHERE p.post_id = ANY($1::uuid[]) AND a.outcome = 'deferred'`,
        [posts],
      );
      expect(rows[0].n).toBeGreaterThan(0);
      for (const publication of all) {
        expect(publication.state).toBe('published');
        expect(publication.firstCommentStatus).toMatchObject({ state: 'published', attempts: 1 });
      }
      // One comment per post on the network.
      const comments = network.accepted.filter(
        (entry) => entry.text.startsWith('Reservas') && entry.text.includes(String(separateComment)),
      );
      expect(comments).toHaveLength(posts.length);
    }, 60_000);
});
