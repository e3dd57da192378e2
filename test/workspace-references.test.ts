import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { DB_KINDS } from './helpers/db.ts';

/**
 * Ids a body points at (campaign, objective, segment, pillar, channel, post) must belong
 * to the route's workspace, even when the caller also manages the other workspace.
 */
describe.each(DB_KINDS)('references into another workspace (%s)', (kind) => {
  let t: TestApp;
  let owner: Caller;
  let a: string;
  const mine: Record<string, string> = {};
  const theirs: Record<string, string> = {};

  async function fill(workspaceId: string, into: Record<string, string>) {
    const api = (path: string) => `/api/v1/workspaces/${workspaceId}${path}`;
    const created = async (path: string, body: unknown) => {
      const res = await owner.request('POST', api(path), body);
      expect(res.statusCode, `${path}: ${res.body.slice(0, 300)}`).toBe(201);
      return res.json().id as string;
    };
    into.channelId = await created('/channels', {
      network: 'sandbox',
      name: 'S',
      fields: { handle: `h${Math.random().toString(36).slice(2, 8)}`, token: 't' },
    });
    into.objectiveId = await created('/objectives', {
      name: 'O',
      kpi: 'engagements',
      target: 5,
      startAt: '2026-01-01T00:00:00Z',
      deadline: '2026-12-31T00:00:00Z',
    });
    into.campaignId = await created('/campaigns', { name: 'C', objectiveId: into.objectiveId });
    into.segmentId = await created('/segments', { name: 'Seg' });
    into.pillarId = await created('/pillars', { name: 'P' });
    into.postId = await created('/posts', { content: 'hola', channels: [{ channelId: into.channelId }], action: 'draft' });
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    owner = await createCaller(t, `refs-${kind}@example.com`);
    a = (await owner.request('POST', '/api/v1/workspaces', { name: 'A', timeZone: 'Europe/Madrid', language: 'es' })).json().id;
    const b = (await owner.request('POST', '/api/v1/workspaces', { name: 'B', timeZone: 'Europe/Madrid', language: 'es' })).json().id;
    await fill(a, mine);
    await fill(b, theirs);
  });
  afterAll(async () => t?.close());

  const expectRefused = (res: { statusCode: number; body: string; json(): { error: { code: string } } }, what: string) => {
    expect([404, 422], `${what}: ${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode);
    if (res.statusCode === 422) expect(res.json().error.code).toBe('unknown_reference');
  };

  it('posts: create and edit refuse another workspace’s campaign, objective, segment and pillar', async () => {
    for (const field of ['campaignId', 'objectiveId', 'segmentId', 'pillarId']) {
      const body = { content: 'hola', channels: [{ channelId: mine.channelId }], action: 'draft', [field]: theirs[field] };
      expectRefused(await owner.request('POST', `/api/v1/workspaces/${a}/posts`, body), `create ${field}`);
      const { action: _action, ...edit } = body;
      expectRefused(await owner.request('PUT', `/api/v1/workspaces/${a}/posts/${mine.postId}`, edit), `edit ${field}`);
      const own = await owner.request('POST', `/api/v1/workspaces/${a}/posts`, { ...body, [field]: mine[field] });
      expect(own.statusCode, own.body.slice(0, 300)).toBe(201);
    }
    const stored = await t.ctx.database.raw.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM posts WHERE workspace_id = $1 AND (campaign_id = $2 OR objective_id = $3 OR segment_id = $4 OR pillar_id = $5)',
      [a, theirs.campaignId, theirs.objectiveId, theirs.segmentId, theirs.pillarId],
    );
    expect(stored.rows[0].n).toBe(0);
  });

  it('tracked links and costs refuse another workspace’s post, channel, campaign and objective', async () => {
    for (const field of ['postId', 'channelId', 'campaignId', 'objectiveId']) {
      expectRefused(
        await owner.request('POST', `/api/v1/workspaces/${a}/links`, { url: 'https://example.com/menu', [field]: theirs[field] }),
        `link ${field}`,
      );
      const own = await owner.request('POST', `/api/v1/workspaces/${a}/links`, { url: 'https://example.com/menu', [field]: mine[field] });
      expect(own.statusCode, own.body.slice(0, 300)).toBe(201);
    }
    for (const field of ['campaignId', 'channelId']) {
      expectRefused(
        await owner.request('POST', `/api/v1/workspaces/${a}/costs`, { amount: 10, incurredOn: '2026-05-01', [field]: theirs[field] }),
        `cost ${field}`,
      );
    }
  });

  it('report schedules refuse another workspace’s channel, campaign and objective', async () => {
    for (const field of ['channelId', 'campaignId', 'objectiveId']) {
      const body = { name: 'Semanal', frequency: 'weekly', recipients: ['boss@example.com'], scope: { [field]: theirs[field] } };
      expectRefused(await owner.request('POST', `/api/v1/workspaces/${a}/report-schedules`, body), `schedule ${field}`);
      const own = await owner.request('POST', `/api/v1/workspaces/${a}/report-schedules`, { ...body, scope: { [field]: mine[field] } });
      expect(own.statusCode, own.body.slice(0, 300)).toBe(201);
    }
  });
});
