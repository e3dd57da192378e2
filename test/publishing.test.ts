import { until } from './helpers/wait.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { DB_KINDS } from './helpers/db.ts';
import { PublishingEngine } from '../src/modules/publishing/engine.ts';
import { SandboxNetwork, setInProcessSandbox } from '../src/networks/sandbox/index.ts';

describe.each(DB_KINDS)('publishing engine on %s', (kind) => {
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;
  let channelA: string;
  let channelB: string;
  let network: SandboxNetwork;
  let engine: PublishingEngine;

  const startEngine = async (options: ConstructorParameters<typeof PublishingEngine>[1] = {}) => {
    engine = new PublishingEngine(t.ctx, { pollMs: 50, baseBackoffMs: 40, maxBackoffMs: 200, publishTimeoutMs: 2_000, ...options });
    await engine.start();
    return engine;
  };

  const schedule = async (content: string, channels: string[], inMs = 150) => {
    const res = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, {
      content,
      channels: channels.map((channelId) => ({ channelId })),
      scheduledAt: new Date(Date.now() + inMs).toISOString(),
      action: 'schedule',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; publications: Array<{ id: string; channelId: string }> };
  };

  const loadPost = async (id: string) => (await owner.request('GET', `/api/v1/workspaces/${workspaceId}/posts/${id}`)).json();

  beforeAll(async () => {
    network = new SandboxNetwork({ seed: 7 });
    setInProcessSandbox(network);
    t = await createTestApp(kind);
    owner = await createCaller(t, `pub-${kind}@example.com`);
    workspaceId = (
      await owner.request('POST', '/api/v1/workspaces', { name: 'Brand', timeZone: 'America/Mexico_City', language: 'es' })
    ).json().id;
    const add = async (handle: string) =>
      (
        await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
          network: 'sandbox',
          name: handle,
          fields: { handle, token: `tok-${handle}` },
        })
      ).json().id as string;
    channelA = await add('brand_a');
    channelB = await add('brand_b');
  });
  beforeEach(async () => {
    await engine?.stop(1_000);
    network.setOptions({ errorRate5xx: 0, timeoutAfterAcceptRate: 0, rateLimitRate: 0, honourIdempotencyKey: true, latencyMs: 0 });
  });
  afterAll(async () => {
    await engine?.stop(1_000);
    await t?.close();
  });

  it('publishes a post to two channels on time, once each, and records attempts', async () => {
    await startEngine();
    const post = await schedule('Hola desde Plaza 👋 #otoño', [channelA, channelB]);
    const done = await until(async () => {
      const p = await loadPost(post.id);
      return p.state === 'published' ? p : null;
    });
    for (const publication of done.publications) {
      expect(publication.state).toBe('published');
      expect(publication.remoteId).toBeTruthy();
      expect(publication.attempts).toBe(1);
      expect(network.postsOf(publication.channelId === channelA ? 'brand_a' : 'brand_b', { marker: publication.id })).toHaveLength(1);
    }
    expect(done.attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['published', 'published']);
    // Fired at the due time: within PRODUCT.md's lateness goal (p99 ≤ 2 s), which holds even
    // when CI runs three test files at once on two cores (a 1,003 ms lateness was seen there).
    const lateness = Date.parse(done.publications[0].publishedAt) - Date.parse(done.scheduledAt);
    expect(lateness).toBeLessThan(2_000);
    expect(done.history.map((e: { type: string }) => e.type)).toContain('post.published');
  });

  it('retries transient 5xx errors with backoff and then publishes', async () => {
    network.setOptions({ errorRate5xx: 1 });
    await startEngine();
    const post = await schedule('Reintento', [channelA]);
    await until(async () => ((await loadPost(post.id)).publications[0].attempts >= 2 ? true : null));
    network.setOptions({ errorRate5xx: 0 });
    const done = await until(async () => {
      const p = await loadPost(post.id);
      return p.state === 'published' ? p : null;
    });
    expect(done.publications[0].attempts).toBeGreaterThanOrEqual(2);
    expect(done.attempts.some((a: { outcome: string; errorKind: string }) => a.outcome === 'retry' && a.errorKind === 'transient')).toBe(
      true,
    );
    expect(network.postsOf('brand_a', { marker: done.publications[0].id })).toHaveLength(1);
  });

  it('reconciles an ambiguous timeout instead of posting twice (network without idempotency)', async () => {
    network.setOptions({ timeoutAfterAcceptRate: 1, honourIdempotencyKey: false, hangMs: 3_000 });
    await startEngine({ publishTimeoutMs: 200 });
    const post = await schedule('Timeout tras aceptar', [channelB]);
    await until(async () =>
      (await loadPost(post.id)).publications[0].attempts >= 1 &&
      network.postsOf('brand_b', { marker: post.publications[0].id }).length === 1
        ? true
        : null,
    );
    network.setOptions({ timeoutAfterAcceptRate: 0 });
    const done = await until(async () => {
      const p = await loadPost(post.id);
      return p.state === 'published' ? p : null;
    });
    expect(network.postsOf('brand_b', { marker: done.publications[0].id })).toHaveLength(1);
    expect(done.attempts.map((a: { outcome: string }) => a.outcome)).toContain('reconciled');
  });

  it('fails at once on an auth error and marks the channel for reconnection', async () => {
    network.revokeToken('tok-brand_a');
    await startEngine();
    const post = await schedule('Sin permiso', [channelA]);
    const done = await until(async () => {
      const p = await loadPost(post.id);
      return p.state === 'failed' ? p : null;
    });
    expect(done.publications[0].attempts).toBe(1);
    expect(done.publications[0].error.code).toMatch(/^auth:/);
    const channel = (await owner.request('GET', `/api/v1/workspaces/${workspaceId}/channels/${channelA}`)).json();
    expect(channel.status).toBe('needs_reconnect');
    // Reconnecting with a valid token makes the channel active again; the failed publication can be retried.
    const fixed = await owner.request('PATCH', `/api/v1/workspaces/${workspaceId}/channels/${channelA}`, {
      fields: { handle: 'brand_a', token: 'tok-brand_a-2' },
    });
    expect(fixed.json().status).toBe('active');
    const retried = await owner.request(
      'POST',
      `/api/v1/workspaces/${workspaceId}/posts/${post.id}/publications/${done.publications[0].id}/retry`,
      {},
    );
    expect(retried.statusCode).toBe(200);
    await until(async () => ((await loadPost(post.id)).state === 'published' ? true : null));
    expect(network.postsOf('brand_a', { marker: done.publications[0].id })).toHaveLength(1);
  });

  it('recovers a publication whose worker died mid-call without duplicating it', async () => {
    const post = await schedule('Trabajador caído', [channelB], 60_000);
    const publicationId = post.publications[0].id;
    // The dead worker had sent the post (the network has it) and never wrote the outcome.
    network.acceptPost('brand_b', { text: 'Trabajador caído', media: [], marker: publicationId });
    await t.ctx.database.raw.query(
      `UPDATE publications SET state = 'publishing', claimed_by = 'dead-worker', lease_until = now() - interval '1 second', attempts = 1 WHERE id = $1`,
      [publicationId],
    );
    await t.ctx.database.raw.query(
      `INSERT INTO publication_attempts (publication_id, worker_id, started_at, outcome) VALUES ($1, 'dead-worker', now(), 'started')`,
      [publicationId],
    );
    await startEngine();
    const done = await until(async () => {
      const p = await loadPost(post.id);
      return p.state === 'published' ? p : null;
    });
    expect(network.postsOf('brand_b', { marker: publicationId })).toHaveLength(1);
    expect(done.attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['abandoned', 'reconciled']);
  });

  it('after downtime: publishes what is within the grace period (reported as missed) and fails what is older', async () => {
    const recent = await schedule('Reciente', [channelA], 60_000);
    const old = await schedule('Muy antiguo', [channelA], 60_000);
    await t.ctx.database.raw.query(`UPDATE publications SET due_at = now() - interval '5 minutes' WHERE post_id = $1`, [recent.id]);
    await t.ctx.database.raw.query(`UPDATE publications SET due_at = now() - interval '3 hours' WHERE post_id = $1`, [old.id]);
    await startEngine();
    const recentDone = await until(async () => {
      const p = await loadPost(recent.id);
      return p.state === 'published' ? p : null;
    });
    expect(recentDone.publications[0].missedByMs).toBeGreaterThan(4 * 60_000);
    const oldDone = await loadPost(old.id);
    expect(oldDone.state).toBe('failed');
    expect(oldDone.publications[0].error.code).toBe('missed');
    expect(network.postsOf('brand_a', { marker: oldDone.publications[0].id })).toHaveLength(0);
  });

  it('does not publish a post canceled after the engine claimed it', async () => {
    await startEngine({ lookaheadMs: 5_000 });
    const post = await schedule('Cancelado', [channelB], 1_500);
    await until(async () => {
      const { rows } = await sql<{ claimed_by: string | null }>`SELECT claimed_by FROM publications WHERE post_id = ${post.id}`.execute(
        t.ctx.database.db,
      );
      return rows[0].claimed_by ? true : null;
    });
    const canceled = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts/${post.id}/cancel`, {});
    expect(canceled.json().state).toBe('canceled');
    await new Promise((r) => setTimeout(r, 1_800));
    expect(network.postsOf('brand_b', { marker: post.publications[0].id })).toHaveLength(0);
    expect((await loadPost(post.id)).state).toBe('canceled');
  });

  it('fails permanently rejected content at once with the network’s reason', async () => {
    await startEngine();
    const post = await schedule('Contenido', [channelB]);
    // Make the stored variant invalid behind the API's back (the network is the last judge).
    await t.ctx.database.raw.query(`UPDATE publications SET text = repeat('x', 900) WHERE post_id = $1`, [post.id]);
    const done = await until(async () => {
      const p = await loadPost(post.id);
      return p.state === 'failed' ? p : null;
    });
    expect(done.publications[0].attempts).toBe(1);
    expect(done.publications[0].error.code).toMatch(/^permanent:/);
    expect(done.publications[0].error.message.length).toBeGreaterThan(0);
  });
});
