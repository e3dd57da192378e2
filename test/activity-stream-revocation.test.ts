import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { streamTimings } from '../src/modules/activity/stream-guard.ts';
import { addMember, createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { DB_KINDS } from './helpers/db.ts';

const HOOK_URL = 'https://hooks.example.com/in/s3cr3t-path-token';

/** A live activity stream ends once its caller loses access; viewers never see webhook URLs. */
describe.each(DB_KINDS)('activity stream revocation and redaction (%s)', (kind) => {
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;
  const savedRecheck = streamTimings.recheckMs;

  beforeAll(async () => {
    streamTimings.recheckMs = 100;
    t = await createTestApp(kind);
    owner = await createCaller(t, `stream-owner-${kind}@example.com`);
    workspaceId = (await owner.request('POST', '/api/v1/workspaces', { name: 'Live', timeZone: 'Europe/Madrid', language: 'es' })).json()
      .id;
  });
  afterAll(async () => {
    streamTimings.recheckMs = savedRecheck;
    await t?.close();
  });

  let n = 0;
  async function member(role: string): Promise<Caller> {
    const caller = await createCaller(t, `stream-${role}-${kind}-${++n}@example.com`);
    expect(await addMember(t, owner, workspaceId, { email: `stream-${role}-${kind}-${n}@example.com`, role })).toBe(201);
    return caller;
  }

  /** Opens the stream; resolves when the server ends it (or rejects after `ms`). */
  function openStream(headers: Record<string, string>, ms = 8_000): Promise<LightMyRequestResponse> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the stream was not closed after access was revoked')), ms);
      t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${workspaceId}/activity/stream?after=0`, headers }).then((res) => {
        clearTimeout(timer);
        resolve(res);
      }, reject);
    });
  }
  const settle = () => new Promise((r) => setTimeout(r, 300));
  afterEach(settle);

  it('ends a token caller’s stream when the token is revoked, and redacts webhook URLs for a viewer', async () => {
    const viewer = await member('viewer');
    const tokenId = (await t.ctx.database.raw.query<{ id: string }>('SELECT id FROM api_tokens WHERE user_id = $1', [viewer.userId]))
      .rows[0].id;
    const stream = openStream({ authorization: `Bearer ${viewer.token}` });
    expect(
      (await owner.request('POST', `/api/v1/workspaces/${workspaceId}/webhooks`, { url: HOOK_URL, events: ['post.published'] })).statusCode,
    ).toBe(201);
    // The stream polls every second (and at once for in-process events): give it time to send.
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await viewer.request('DELETE', `/api/v1/me/tokens/${tokenId}`)).statusCode).toBe(204);
    const res = await stream;
    expect(res.body).toContain('"type":"webhook.created"');
    expect(res.body).not.toContain('s3cr3t');
    expect(res.body).toMatch(/event: revoked\ndata: \{"code":"access_revoked"\}\n\n$/);
  });

  it('ends a removed member’s stream', async () => {
    const editor = await member('editor');
    const stream = openStream({ authorization: `Bearer ${editor.token}` });
    await settle();
    expect((await owner.request('DELETE', `/api/v1/workspaces/${workspaceId}/members/${editor.userId}`)).statusCode).toBe(204);
    const res = await stream;
    expect(res.body).toContain('event: revoked');
    // Written after the removal: never sent.
    await owner.request('POST', `/api/v1/workspaces/${workspaceId}/webhooks`, {
      url: 'https://hooks.example.com/after',
      events: ['post.published'],
    });
    expect(res.body).not.toContain('hooks.example.com/after');
  });

  it('ends a session’s stream at sign-out', async () => {
    await member('approver');
    const email = `stream-approver-${kind}-${n}@example.com`;
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'correct horse battery' } });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const stream = openStream({ cookie });
    await settle();
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': login.json().csrfToken } }))
        .statusCode,
    ).toBe(204);
    expect((await stream).body).toContain('event: revoked');
  });

  it('shows webhook URLs to managers, never to viewers in the audit log or notifications', async () => {
    const viewer = await member('viewer');
    const manager = await member('manager');
    const asViewer = await viewer.request('GET', `/api/v1/workspaces/${workspaceId}/events?type=webhook.created`);
    expect(asViewer.statusCode).toBe(200);
    expect(asViewer.json().items.length).toBeGreaterThan(0);
    expect(asViewer.body).not.toContain('hooks.example.com');
    expect(asViewer.json().items[0].data).toEqual({ url: null });
    const asManager = await manager.request('GET', `/api/v1/workspaces/${workspaceId}/events?type=webhook.created`);
    expect(asManager.body).toContain(HOOK_URL);
    expect((await viewer.request('GET', `/api/v1/workspaces/${workspaceId}/notifications`)).body).not.toContain('hooks.example.com');
  });
});
