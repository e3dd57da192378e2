import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createCaller, createTestApp, type TestApp } from './helpers/app.ts';
import { PERMISSIONS, type Permission } from '../src/server/permissions.ts';

/** Cookie sessions, CSRF, sign-up rules, token revocation and the login rate limit. */
describe('authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('embedded');
  });
  afterAll(async () => t?.close());

  const cookieOf = (setCookie: string | string[] | undefined) => String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0];

  it('lets the first user sign up as owner, then closes sign-up', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needsOwner: true });
    const signup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'Ana@Example.com', name: 'Ana', password: 'una clave muy larga', locale: 'es' },
    });
    expect(signup.statusCode).toBe(201);
    const setCookie = String(signup.headers['set-cookie']);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needsOwner: false });
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'eve@example.com', name: 'Eve', password: 'otra clave muy larga' },
    });
    expect(second.statusCode).toBe(403);
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'x@example.com', name: 'X', password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
  });

  it('needs the CSRF token for cookie-authenticated writes', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'ana@example.com', password: 'una clave muy larga' },
    });
    expect(login.statusCode).toBe(200);
    const cookie = cookieOf(login.headers['set-cookie']);
    const csrf = login.json().csrfToken as string;
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.json().user.email).toBe('Ana@Example.com');
    const body = { name: 'Marca', timeZone: 'Europe/Madrid', language: 'es' };
    const without = await t.app.inject({ method: 'POST', url: '/api/v1/workspaces', headers: { cookie }, payload: body });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf_failed');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workspaces',
      headers: { cookie, 'x-csrf-token': 'nope' },
      payload: body,
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/workspaces', headers: { cookie, 'x-csrf-token': csrf }, payload: body });
    expect(ok.statusCode).toBe(201);
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrf } });
    expect(logout.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('issues API tokens shown once, stored hashed, and revocable', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'ana@example.com', password: 'una clave muy larga' },
    });
    const headers = { cookie: cookieOf(login.headers['set-cookie']), 'x-csrf-token': login.json().csrfToken };
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers, payload: { name: 'cli' } });
    expect(created.statusCode).toBe(201);
    const secret = created.json().token as string;
    const stored = await t.ctx.database.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(secret);
    const bearer = { authorization: `Bearer ${secret}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer })).statusCode).toBe(200);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/me/tokens', headers: bearer });
    expect(list.body).not.toContain(secret);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${created.json().id}`, headers: bearer })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer })).statusCode).toBe(401);
  });

  it('answers wrong e-mail and wrong password alike, and rate-limits sign-in attempts', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.com', password: 'whatever-long' },
    });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'ana@example.com', password: 'whatever-long' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    let limited = 0;
    for (let i = 0; i < 12; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '203.0.113.7',
        payload: { email: 'ana@example.com', password: `guess-${i}-long` },
      });
      if (res.statusCode === 429) limited++;
    }
    expect(limited).toBeGreaterThan(0);
  });

  it("answers /me with each workspace's settings in camelCase and the caller's role and permissions there", async () => {
    const owner = await createCaller(t, 'duena@example.com', 'Dueña');
    const ws = (await owner.request('POST', '/api/v1/workspaces', { name: 'Permisos', timeZone: 'America/Bogota', language: 'es' })).json();
    expect(
      await addMember(t, owner, ws.id, {
        email: 'lectora@example.com',
        role: 'viewer',
        name: 'Lectora',
        password: 'correct horse battery',
      }),
    ).toBe(201);
    expect(
      await addMember(t, owner, ws.id, {
        email: 'editora@example.com',
        role: 'editor',
        name: 'Editora',
        password: 'correct horse battery',
      }),
    ).toBe(201);
    const everyPermission = Object.keys(PERMISSIONS) as Permission[];
    const ownerMe = (await owner.request('GET', '/api/v1/me')).json();
    expect(ownerMe.workspaces).toEqual([
      {
        id: ws.id,
        name: 'Permisos',
        timeZone: 'America/Bogota',
        language: 'es',
        currency: 'EUR',
        approvalRequired: false,
        role: 'owner',
        permissions: everyPermission,
      },
    ]);
    const login = async (email: string) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'correct horse battery' } });
      return (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: cookieOf(res.headers['set-cookie']) } })).json();
    };
    const viewerMe = await login('lectora@example.com');
    expect(viewerMe.workspaces).toEqual([
      expect.objectContaining({ id: ws.id, timeZone: 'America/Bogota', role: 'viewer', permissions: ['read'] }),
    ]);
    expect(viewerMe.workspaces[0]).not.toHaveProperty('time_zone');
    const editorMe = await login('editora@example.com');
    expect(editorMe.workspaces[0].permissions).toEqual([
      'read',
      'comment',
      'post.write',
      'post.publish',
      'listening.write',
      'inbox.reply',
      'contacts.write',
    ]);
    expect(editorMe.workspaces[0].permissions).not.toContain('member.manage');
  });
});
