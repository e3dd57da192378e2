import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { DB_KINDS } from './helpers/db.ts';

/** Workspace answers in one casing (camelCase): settings, members, the audit log, webhooks and the export. */
describe.each(DB_KINDS)('workspace answers on %s', (kind) => {
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;
  const api = (path: string) => `/api/v1/workspaces/${workspaceId}${path}`;

  beforeAll(async () => {
    t = await createTestApp(kind);
    owner = await createCaller(t, `owner-ws-${kind}@example.com`, 'Olga Owner');
    const ws = await owner.request('POST', '/api/v1/workspaces', { name: 'Café Plaza', timeZone: 'Europe/Madrid', language: 'es' });
    expect(ws.statusCode, ws.body).toBe(201);
    expect(ws.json()).toEqual({
      id: expect.any(String),
      name: 'Café Plaza',
      timeZone: 'Europe/Madrid',
      language: 'es',
      approvalRequired: false,
      missedGraceMinutes: 60,
      currency: 'EUR',
      createdAt: expect.any(String),
    });
    workspaceId = ws.json().id;
  });
  afterAll(async () => t?.close());

  it('lists members and audit events in camelCase', async () => {
    const members = await owner.request('GET', api('/members'));
    expect(members.statusCode, members.body).toBe(200);
    expect(members.json().items).toEqual([
      { userId: owner.userId, email: `owner-ws-${kind}@example.com`, name: 'Olga Owner', role: 'owner', joinedAt: expect.any(String) },
    ]);
    const events = await owner.request('GET', api('/events?type=workspace.created'));
    expect(events.statusCode, events.body).toBe(200);
    expect(events.json()).toEqual({
      items: [
        {
          id: expect.any(String),
          type: 'workspace.created',
          subjectType: 'workspace',
          subjectId: workspaceId,
          actorUserId: owner.userId,
          actorName: 'Olga Owner',
          data: { name: 'Café Plaza' },
          createdAt: expect.any(String),
        },
      ],
      nextCursor: null,
    });
  });

  it('lists webhooks and their deliveries in camelCase, never the secret', async () => {
    const created = await owner.request('POST', api('/webhooks'), { url: 'https://hooks.example.com/plaza', events: ['post.published'] });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toEqual({
      id: expect.any(String),
      url: 'https://hooks.example.com/plaza',
      events: ['post.published'],
      active: true,
      createdAt: expect.any(String),
      secret: expect.stringMatching(/^whsec_/),
    });
    const listed = await owner.request('GET', api('/webhooks'));
    expect(listed.json().items).toEqual([
      {
        id: created.json().id,
        url: 'https://hooks.example.com/plaza',
        events: ['post.published'],
        active: true,
        createdAt: expect.any(String),
      },
    ]);
    const deliveries = await owner.request('GET', api(`/webhooks/${created.json().id}/deliveries`));
    expect(deliveries.statusCode, deliveries.body).toBe(200);
    expect(deliveries.json()).toEqual({ items: [] });
    expect((await owner.request('DELETE', api(`/webhooks/${created.json().id}`))).statusCode).toBe(204);
    expect((await owner.request('GET', api(`/webhooks/${created.json().id}/deliveries`))).statusCode).toBe(404);
  });

  it('exports the whole workspace in camelCase, without secrets', async () => {
    const channel = await owner.request('POST', api('/channels'), {
      network: 'sandbox',
      name: 'Sandbox',
      fields: { handle: `export_${kind}`, token: 'secret-token' },
    });
    expect(channel.statusCode, channel.body).toBe(201);
    const post = await owner.request('POST', api('/posts'), { content: 'Hola', channels: [{ channelId: channel.json().id }] });
    expect(post.statusCode, post.body).toBe(201);
    expect((await owner.request('POST', api(`/posts/${post.json().id}/comments`), { body: 'Bien' })).statusCode).toBe(201);
    const exported = await owner.request('GET', api('/export'));
    expect(exported.statusCode, exported.body).toBe(200);
    const doc = exported.json();
    expect(doc).toMatchObject({ format: 'plaza-workspace-export', version: 1, workspace: { id: workspaceId, timeZone: 'Europe/Madrid' } });
    expect(doc.channels).toEqual([expect.objectContaining({ id: channel.json().id, network: 'sandbox', createdAt: expect.any(String) })]);
    expect(doc.posts).toEqual([
      expect.objectContaining({ id: post.json().id, content: 'Hola', authorId: owner.userId, scheduledAt: null }),
    ]);
    expect(doc.publications).toEqual([expect.objectContaining({ postId: post.json().id, channelId: channel.json().id, dueAt: null })]);
    expect(doc.comments).toEqual([expect.objectContaining({ postId: post.json().id, authorId: owner.userId, body: 'Bien' })]);
    expect(doc.events.length).toBeGreaterThan(3);
    const rows = [
      doc.workspace,
      ...doc.members,
      ...doc.channels,
      ...doc.posts,
      ...doc.publications,
      ...doc.comments,
      ...doc.media,
      ...doc.events,
    ];
    expect(rows.flatMap((row: object) => Object.keys(row)).filter((key) => key.includes('_'))).toEqual([]);
    expect(exported.body).not.toContain('secret-token');
    expect(exported.body).not.toContain('password_hash');
  });
});
