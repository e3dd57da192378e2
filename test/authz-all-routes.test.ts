import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { DB_KINDS } from './helpers/db.ts';

/**
 * For every workspace route in the OpenAPI document: not signed in → 401, a
 * member of another workspace → 404, and a viewer may not write (403).
 */
describe.each(DB_KINDS)('authentication and authorization on every workspace route (%s)', (kind) => {
  let t: TestApp;
  let owner: Caller;
  let stranger: Caller;
  let viewer: Caller;
  let workspaceId: string;
  let routes: Array<{ method: string; path: string }>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    owner = await createCaller(t, 'authz-owner@example.com');
    stranger = await createCaller(t, 'authz-stranger@example.com');
    viewer = await createCaller(t, 'authz-viewer@example.com');
    workspaceId = (await owner.request('POST', '/api/v1/workspaces', { name: 'A', timeZone: 'Europe/Madrid', language: 'es' })).json().id;
    await addMember(t, owner, workspaceId, { email: 'authz-viewer@example.com', role: 'viewer' });
    await stranger.request('POST', '/api/v1/workspaces', { name: 'B', timeZone: 'Europe/Madrid', language: 'es' });
    const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(spec.paths)
      .filter(([path]) => path.startsWith('/api/v1/workspaces/{workspaceId}'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })));
    expect(routes.length).toBeGreaterThan(20);
  });
  afterAll(async () => t?.close());

  const fill = (path: string) => path.replace('{workspaceId}', workspaceId).replace(/\{[a-zA-Z]+\}/g, '00000000-0000-4000-8000-000000000000');

  it('answers 401 without credentials', async () => {
    for (const route of routes) {
      if (route.path.endsWith('/activity/stream')) continue;
      const res = await t.app.inject({ method: route.method as 'GET', url: fill(route.path), payload: route.method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${route.method} ${route.path}`).toBe(401);
    }
  });

  it('answers 404 to a member of another workspace', async () => {
    for (const route of routes) {
      const res = await stranger.request(route.method, fill(route.path), route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
      expect(res.statusCode, `${route.method} ${route.path}: ${res.body.slice(0, 200)}`).toBe(404);
    }
  });

  it('refuses writes by a viewer with 403 (or 404 for a missing object)', async () => {
    const readOnlyPosts = new Set(['/api/v1/workspaces/{workspaceId}/posts/validate']);
    for (const route of routes) {
      if (route.method === 'GET' || readOnlyPosts.has(route.path) || route.path.endsWith('/calendar/feed') || /\/(read|test)$/.test(route.path) || route.path.includes('/query-test') || route.path.endsWith('/test-query')) continue;
      const res = await viewer.request(route.method, fill(route.path), route.method === 'DELETE' ? undefined : {});
      expect([400, 401, 403, 404], `${route.method} ${route.path}: ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      expect(res.statusCode, `${route.method} ${route.path}`).not.toBe(200);
    }
  });
});
