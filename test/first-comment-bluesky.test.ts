import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AtpAgent } from '@atproto/api';
import sharp from 'sharp';
import { createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { startTestPds, type TestPds, type TestPdsAccount } from '../src/networks/bluesky/testing/pds.ts';
import { PublishingEngine } from '../src/modules/publishing/engine.ts';
import { NetworkRegistry } from '../src/networks/registry.ts';
import { NetworkError, type NetworkAdapter } from '../src/networks/types.ts';

/**
 * First comments and link cards against the reference Bluesky PDS running in this process: the
 * card Plaza read (a local page's Open Graph tags, its image) goes out as app.bsky.embed.external
 * with the image as the thumb blob; the first comment is a reply published right after the post,
 * exactly once — when it fails and is retried, when the worker dies between the post and the
 * comment, and when it dies after the comment but before writing it down.
 */
type Publication = {
  id: string;
  state: string;
  remoteId: string | null;
  firstCommentStatus: { state: string; remoteId: string | null; remoteUrl: string | null; error: { code: string } | null } | null;
  linkCard: { url: string | null; skipped: string | null } | null;
};

describe('first comments and link cards on a real Bluesky PDS', () => {
  let pds: TestPds;
  let account: TestPdsAccount;
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;
  let channelId: string;
  let site: http.Server;
  let siteUrl: string;
  let thumb: Buffer;

  beforeAll(async () => {
    thumb = await sharp({ create: { width: 60, height: 32, channels: 3, background: '#c0552b' } })
      .png()
      .toBuffer();
    site = http.createServer((req, res) => {
      if (req.url === '/og.png') {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': thumb.byteLength });
        res.end(thumb);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<html><head><title>x</title><meta property="og:title" content="Carta de otoño"><meta property="og:description" content="Setas y castañas"><meta property="og:image" content="/og.png"></head><body></body></html>`,
      );
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    pds = await startTestPds();
    account = await pds.createAccount('comments');
    t = await createTestApp('postgres');
    // The test PDS and page listen on loopback: the admin switch PLAZA_ALLOW_PRIVATE_URLS, on.
    (t.ctx.config as { allowPrivateUrls: boolean }).allowPrivateUrls = true;
    owner = await createCaller(t, 'fc@example.com');
    workspaceId = (await owner.request('POST', '/api/v1/workspaces', { name: 'FC', timeZone: 'Europe/Madrid', language: 'es' })).json().id;
    const connected = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
      network: 'bluesky',
      name: 'Bluesky',
      fields: { serviceUrl: pds.url, identifier: account.handle, appPassword: account.appPassword! },
    });
    expect(connected.statusCode, connected.body).toBe(201);
    channelId = connected.json().id;
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await pds?.close();
    site?.close();
  });

  const agent = () => new AtpAgent({ service: pds.url });
  const records = async () =>
    (await agent().com.atproto.repo.listRecords({ repo: account.did, collection: 'app.bsky.feed.post', limit: 100 })).data.records;

  async function createPost(content: string, firstComment: string) {
    const created = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, {
      content,
      channels: [{ channelId, firstComment }],
      action: 'publish_now',
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id as string;
  }

  async function publicationOf(postId: string): Promise<Publication> {
    return (await owner.request('GET', `/api/v1/workspaces/${workspaceId}/posts/${postId}`)).json().publications[0];
  }

  async function waitFor(postId: string, done: (p: Publication) => boolean, engine?: PublishingEngine): Promise<Publication> {
    let publication = await publicationOf(postId);
    for (let i = 0; i < 300 && !done(publication); i++) {
      if (engine) await engine.poll();
      await new Promise((r) => setTimeout(r, 50));
      publication = await publicationOf(postId);
    }
    return publication;
  }

  /** The registry of a worker whose Bluesky adapter behaves as `change` says, the real one underneath. */
  function registryWith(change: (real: NetworkAdapter) => Partial<NetworkAdapter>): NetworkRegistry {
    const real = t.ctx.networks.get('bluesky');
    const registry = new NetworkRegistry(t.ctx.networks.list());
    registry.register(Object.assign(Object.create(real) as NetworkAdapter, change(real)));
    return registry;
  }

  it('sends the link card as an external embed with its image as the thumb, then the first comment as a reply', async () => {
    const before = (await records()).length;
    const postId = await createPost(`Nueva carta ${siteUrl}/carta`, 'Reserva por mensaje directo');
    const engine = new PublishingEngine(t.ctx, { pollMs: 50 });
    await engine.start();
    let publication: Publication;
    try {
      publication = await waitFor(postId, (p) => p.firstCommentStatus?.state === 'published' || p.state === 'failed');
    } finally {
      await engine.stop(2_000);
    }
    expect(publication.state).toBe('published');
    expect(publication.linkCard).toEqual({ url: `${siteUrl}/carta`, skipped: null });
    expect(publication.firstCommentStatus).toMatchObject({ state: 'published', error: null });
    expect(publication.firstCommentStatus!.remoteUrl).toContain(`https://bsky.app/profile/${account.handle}/post/`);

    const all = await records();
    expect(all).toHaveLength(before + 2);
    const root = all.find((r) => r.uri === publication.remoteId)!.value as {
      embed: { $type: string; external: { uri: string; title: string; description: string; thumb: { mimeType: string; size: number } } };
    };
    expect(root.embed.$type).toBe('app.bsky.embed.external');
    expect(root.embed.external).toMatchObject({ uri: `${siteUrl}/carta`, title: 'Carta de otoño', description: 'Setas y castañas' });
    expect(root.embed.external.thumb).toMatchObject({ mimeType: 'image/png', size: thumb.byteLength });
    const comment = all.find((r) => r.uri === publication.firstCommentStatus!.remoteId)!.value as {
      text: string;
      reply: { root: { uri: string }; parent: { uri: string } };
    };
    expect(comment.text).toBe('Reserva por mensaje directo');
    expect(comment.reply.root.uri).toBe(publication.remoteId);
    expect(comment.reply.parent.uri).toBe(publication.remoteId);
  }, 60_000);

  it('a card that cannot be read never fails the post: it goes out without one, and says why', async () => {
    const postId = await createPost(`Sin tarjeta ${siteUrl.replace('127.0.0.1', 'localhost.invalid')}/nada`, 'Comentario');
    const engine = new PublishingEngine(t.ctx, { pollMs: 50 });
    await engine.start();
    let publication: Publication;
    try {
      publication = await waitFor(postId, (p) => p.firstCommentStatus?.state === 'published' || p.state === 'failed');
    } finally {
      await engine.stop(2_000);
    }
    expect(publication.state).toBe('published');
    expect(publication.linkCard).toEqual({ url: null, skipped: 'unreachable' });
    const root = (await records()).find((r) => r.uri === publication.remoteId)!.value as { embed?: unknown };
    expect(root.embed).toBeUndefined();
  }, 60_000);

  it('a first comment that fails is retried alone: the post is never sent again, the comment goes out once', async () => {
    // A full posting budget: the posts of the tests above must not make this one wait for a slot.
    await t.ctx.database.raw.query('DELETE FROM publishing_rate_buckets');
    const before = (await records()).length;
    let calls = 0;
    const networks = registryWith((real) => ({
      async publishFirstComment(ctx, input) {
        calls += 1;
        if (calls === 1) throw new NetworkError('transient', 'http_503', 'Service unavailable');
        return real.publishFirstComment!(ctx, input);
      },
    }));
    const postId = await createPost('Fallo del comentario', 'Segundo intento');
    const engine = new PublishingEngine(
      { ...t.ctx, networks },
      { pollMs: 50, baseBackoffMs: 10, maxBackoffMs: 20, reconcileDelayMs: 0, autoPoll: false },
    );
    await engine.start();
    let publication: Publication;
    try {
      await engine.poll();
      const pending = await waitFor(postId, (p) => p.state === 'published');
      expect(pending.firstCommentStatus).toMatchObject({ state: 'pending', error: { code: 'http_503' } });
      publication = await waitFor(postId, (p) => p.firstCommentStatus?.state === 'published', engine);
    } finally {
      await engine.stop(2_000);
    }
    expect(calls).toBe(2);
    expect(publication.firstCommentStatus).toMatchObject({ state: 'published', error: null });
    expect(await records()).toHaveLength(before + 2);
  }, 60_000);

  /**
   * What a worker that died mid-attempt leaves behind, made by hand so the moment is exact: the
   * post (and, `after`, its comment) already on the PDS, sent by the real adapter with this
   * publication's id, and the row still 'publishing' under an expired lease — or, `retrying`, the
   * post recorded and the comment held ('posting') by a worker whose lease ran out.
   */
  async function leaveBehind(postId: string, when: 'before' | 'after', retrying: boolean) {
    const db = t.ctx.database.raw;
    const { rows } = await db.query<{ id: string; first_comment: string; text: string }>(
      'SELECT id, first_comment, text FROM publications WHERE post_id = $1',
      [postId],
    );
    const row = rows[0]!;
    const adapter = t.ctx.networks.get('bluesky');
    const { rows: channels } = await db.query<{ settings: Record<string, unknown>; credentials_sealed: string }>(
      'SELECT settings, credentials_sealed FROM channels WHERE id = $1',
      [channelId],
    );
    const ctx = {
      channelId,
      settings: channels[0]!.settings,
      credentials: t.ctx.secrets.open<Record<string, unknown>>(channels[0]!.credentials_sealed),
      allowPrivateUrls: true,
    };
    const posted = await adapter.publish(ctx, { publicationId: row.id, text: row.text, media: [] });
    if (when === 'after')
      await adapter.publishFirstComment!(ctx, {
        publicationId: row.id,
        postRemoteId: posted.remoteId,
        text: row.first_comment,
        reconcile: false,
      });
    if (retrying)
      await db.query(
        `UPDATE publications SET state = 'published', remote_id = $2, published_at = now(), attempts = 1, first_attempt_at = now(),
                first_comment_state = 'posting', first_comment_attempts = 2, first_comment_lease_until = now() - interval '1 second',
                claimed_by = NULL, lease_until = NULL
          WHERE id = $1`,
        [row.id, posted.remoteId],
      );
    else
      await db.query(
        `UPDATE publications SET state = 'publishing', claimed_by = 'dead-worker', lease_until = now() - interval '1 second',
                attempts = 1, first_attempt_at = now() WHERE id = $1`,
        [row.id],
      );
    await db.query(`UPDATE posts SET state = $2 WHERE id = $1`, [postId, retrying ? 'published' : 'publishing']);
  }

  for (const retrying of [false, true])
    for (const when of ['before', 'after'] as const) {
      const where = retrying ? 'while retrying the comment alone' : 'between the post and the comment';
      it(`a worker that dies ${where} (${when} sending it): the next one finds what is there and the comment goes out once`, async () => {
        const before = (await records()).length;
        const text = `Caída ${where} ${when}`;
        const scheduled = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, {
          content: text,
          channels: [{ channelId, firstComment: `Comentario: ${text}` }],
          scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
          action: 'schedule',
        });
        expect(scheduled.statusCode, scheduled.body).toBe(201);
        const postId = scheduled.json().id as string;
        await leaveBehind(postId, when, retrying);
        expect(await records()).toHaveLength(before + (when === 'after' ? 2 : 1));
        const engine = new PublishingEngine(t.ctx, { pollMs: 50, reconcileDelayMs: 0, autoPoll: false });
        await engine.start();
        let publication: Publication;
        try {
          publication = await waitFor(postId, (p) => p.firstCommentStatus?.state === 'published' || p.state === 'failed', engine);
        } finally {
          await engine.stop(2_000);
        }
        expect(publication.state).toBe('published');
        expect(publication.firstCommentStatus).toMatchObject({ state: 'published', error: null });
        const texts = (await records()).map((r) => (r.value as { text: string }).text);
        expect(texts).toHaveLength(before + 2);
        expect(texts.filter((x) => x === text)).toHaveLength(1);
        expect(texts.filter((x) => x === `Comentario: ${text}`)).toHaveLength(1);
      }, 60_000);
    }
});
