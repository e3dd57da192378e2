import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { DB_KINDS } from './helpers/db.ts';
import { given } from './helpers/given.ts';

describe.each(DB_KINDS)('REST API on %s', (kind) => {
  let t: TestApp;
  let owner: Caller;
  let stranger: Caller;
  let workspaceId: string;
  let channelId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const s = await given(t)
      .owner(`owner-${kind}@example.com`, 'Olga Owner')
      .workspace({ name: 'Café Plaza' })
      .sandboxChannel({ handle: 'cafe', token: 'secret-token' });
    ({ owner, workspaceId, channelId } = s);
    stranger = await createCaller(t, `stranger-${kind}@example.com`);
  });
  afterAll(async () => t?.close());

  it('answers health', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('needs a signed-in user: 401 without credentials, 401 with a bad token', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${workspaceId}/posts` })).statusCode).toBe(401);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/workspaces', headers: { authorization: 'Bearer nope' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('unauthorized');
  });

  it('hides another workspace’s objects: 404', async () => {
    expect((await stranger.request('GET', `/api/v1/workspaces/${workspaceId}`)).statusCode).toBe(404);
    expect((await stranger.request('GET', `/api/v1/workspaces/${workspaceId}/channels/${channelId}`)).statusCode).toBe(404);
    const own = await stranger.request('POST', '/api/v1/workspaces', { name: 'Other', timeZone: 'America/Santiago', language: 'es' });
    // A channel id from workspace A looked up under workspace B is not found either.
    expect((await stranger.request('GET', `/api/v1/workspaces/${own.json().id}/channels/${channelId}`)).statusCode).toBe(404);
  });

  it('never returns channel credentials and stores them encrypted', async () => {
    const res = await owner.request('GET', `/api/v1/workspaces/${workspaceId}/channels`);
    expect(res.body).not.toContain('secret-token');
    const row = await t.ctx.database.db
      .selectFrom('channels')
      .select('credentials_sealed')
      .where('id', '=', channelId)
      .executeTakeFirstOrThrow();
    expect(row.credentials_sealed).not.toContain('secret-token');
    expect(t.ctx.secrets.open<{ token: string }>(row.credentials_sealed).token).toBe('secret-token');
  });

  it('checks roles: a viewer cannot write (403), an editor can', async () => {
    const viewer = await createCaller(t, `viewer-${kind}@example.com`);
    expect(await addMember(t, owner, workspaceId, { email: `viewer-${kind}@example.com`, role: 'viewer' })).toBe(201);
    const denied = await viewer.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, { content: 'hola', channels: [{ channelId }] });
    expect(denied.statusCode).toBe(403);
    expect((await viewer.request('GET', `/api/v1/workspaces/${workspaceId}/posts`)).statusCode).toBe(200);
  });

  it('rejects malformed input with 400 and the error shape', async () => {
    const res = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, { content: 5, channels: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed' });
    const noOffset = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, {
      content: 'hola',
      channels: [{ channelId }],
      scheduledAt: '2026-03-29T10:00:00',
      action: 'schedule',
    });
    expect(noOffset.statusCode).toBe(400);
  });

  it('validates per channel before scheduling and stores nothing on failure', async () => {
    const before = await owner.request('GET', `/api/v1/workspaces/${workspaceId}/posts?limit=200`);
    const tooLong = 'a'.repeat(600);
    const res = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, {
      content: tooLong,
      channels: [{ channelId }],
      scheduledAt: '2030-01-01T10:00:00+01:00',
      action: 'schedule',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0]).toMatchObject({ channelId, network: 'sandbox' });
    expect(res.json().error.details[0].issues.length).toBeGreaterThan(0);
    // By code and params, for the web app and the CLI to word in the reader's language.
    expect(res.json().error.details[0].issues).toContainEqual(
      expect.objectContaining({ field: 'text', code: 'text_too_long', params: { count: 600, network: 'Sandbox', max: 500 } }),
    );
    // The validation preview answers the same, and says "empty" once per channel (not adapter + posts module).
    const empty = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts/validate`, {
      content: ' ',
      channels: [{ channelId }],
    });
    expect(empty.statusCode).toBe(200);
    expect(empty.json().channels[0].issues).toEqual([
      {
        field: 'text',
        code: 'empty_post',
        params: {},
        message: 'A post needs text or media.',
        messageEs: 'Una publicación necesita texto o medios.',
      },
    ]);
    const after = await owner.request('GET', `/api/v1/workspaces/${workspaceId}/posts?limit=200`);
    expect(after.json().items.length).toBe(before.json().items.length);
  });

  it('runs the approval workflow and records every change in the audit log', async () => {
    await owner.request('PATCH', `/api/v1/workspaces/${workspaceId}`, { approvalRequired: true });
    const created = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, {
      content: 'Nuevo menú de otoño 🍂',
      channels: [{ channelId }],
      scheduledAt: '2030-10-26T10:00:00+02:00',
    });
    expect(created.statusCode).toBe(201);
    const postId = created.json().id;
    expect(created.json().state).toBe('draft');
    const early = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts/${postId}/schedule`, {});
    expect(early.statusCode).toBe(409);
    expect((await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts/${postId}/submit`, {})).json().state).toBe('in_review');
    const rejectNoComment = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts/${postId}/reject`, {});
    expect(rejectNoComment.statusCode).toBe(400);
    // Approving a dated post schedules it at its time; schedule afterwards is a reschedule.
    expect((await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts/${postId}/approve`, { comment: 'OK' })).json().state).toBe(
      'scheduled',
    );
    const scheduled = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts/${postId}/schedule`, {});
    expect(scheduled.json().state).toBe('scheduled');
    expect(scheduled.json().publications[0]).toMatchObject({ state: 'scheduled', dueAt: '2030-10-26T08:00:00.000Z' });
    const detail = await owner.request('GET', `/api/v1/workspaces/${workspaceId}/posts/${postId}`);
    expect(detail.json().history.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['post.created', 'post.submit', 'post.approve', 'post.schedule']),
    );
    expect(detail.json().comments.map((c: { kind: string }) => c.kind)).toEqual(['submit', 'approve']);
    await owner.request('PATCH', `/api/v1/workspaces/${workspaceId}`, { approvalRequired: false });
  });

  it('paginates with a cursor', async () => {
    for (let i = 0; i < 3; i++)
      await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, { content: `draft ${i}`, channels: [{ channelId }] });
    const first = await owner.request('GET', `/api/v1/workspaces/${workspaceId}/posts?limit=2`);
    expect(first.json().items).toHaveLength(2);
    const second = await owner.request('GET', `/api/v1/workspaces/${workspaceId}/posts?limit=2&cursor=${first.json().nextCursor}`);
    const ids = [...first.json().items, ...second.json().items].map((p: { id: string }) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await owner.request('GET', `/api/v1/workspaces/${workspaceId}/posts?cursor=garbage`)).statusCode).toBe(400);
  });

  it('imports in bulk all-or-nothing with an error per row', async () => {
    const count = async () => (await owner.request('GET', `/api/v1/workspaces/${workspaceId}/posts?limit=200`)).json().items.length;
    const before = await count();
    const bad = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts/bulk`, {
      posts: [
        { content: 'fila buena', channels: [{ channelId }], scheduledAt: '2030-05-01T09:00:00+02:00', action: 'schedule' },
        { content: 'x'.repeat(700), channels: [{ channelId }], scheduledAt: '2030-05-01T09:00:00+02:00', action: 'schedule' },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details).toEqual([expect.objectContaining({ row: 2 })]);
    expect(await count()).toBe(before);
    const good = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts/bulk`, {
      posts: [
        { content: 'uno', channels: [{ channelId }] },
        { content: 'dos', channels: [{ channelId }] },
      ],
    });
    expect(good.statusCode).toBe(201);
    expect(await count()).toBe(before + 2);
  });

  it('marks a channel whose credentials the network refuses as needing reconnection', async () => {
    const { getInProcessSandbox } = await import('../src/networks/sandbox/index.ts');
    const ch = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
      network: 'sandbox',
      name: 'Revoked',
      fields: { handle: `revoked_${kind}`, token: `revoke-me-${kind}` },
    });
    getInProcessSandbox().revokeToken(`revoke-me-${kind}`);
    const tested = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels/${ch.json().id}/test`, {});
    expect(tested.json().health.ok).toBe(false);
    expect(tested.json().channel.status).toBe('needs_reconnect');
    const audit = await owner.request('GET', `/api/v1/workspaces/${workspaceId}/events?type=channel.needs_reconnect`);
    expect(audit.json().items).toHaveLength(1);
    const wrong = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
      network: 'sandbox',
      name: 'Bad',
      fields: { handle: 'x', token: 'bad' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('connection_failed');
  });

  it('serves OpenAPI 3.1', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toBe('3.1.0');
    expect(Object.keys(res.json().paths)).toContain('/api/v1/workspaces/{workspaceId}/posts');
  });
});
