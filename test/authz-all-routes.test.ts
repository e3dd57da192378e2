import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPermission } from '../src/server/api.ts';
import { declaredRoutes, type DeclaredRoute } from '../src/server/app.ts';
import { can } from '../src/server/permissions.ts';
import { addMember, createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { DB_KINDS } from './helpers/db.ts';

/**
 * Route-wide authorization, from the access every route declares (`config.access`, server/api.ts):
 * - every route under /api/v1 declares its access, and every workspace route declares a permission
 *   (except the few public ones below, which carry a credential of their own);
 * - not signed in → 401, a member of another workspace → 404;
 * - a viewer gets 403 exactly on the routes whose declared permission viewers lack.
 * No answer is ever a 500: the zod serializer checks every answer against the route's response schema and
 * turns a mismatch into a 500, so "never 500" here also means "every answer matched its schema".
 */

/** Workspace routes that are public on purpose: they check a credential of their own (a key header). */
const PUBLIC_WORKSPACE_ROUTES = new Set(['POST /api/v1/workspaces/:workspaceId/conversions/webhook']);

const label = (route: { method: string; url: string }) => `${route.method} ${route.url}`;

describe.each(DB_KINDS)('authentication and authorization on every workspace route (%s)', (kind) => {
  let t: TestApp;
  let stranger: Caller;
  let viewer: Caller;
  let workspaceId: string;
  let allRoutes: DeclaredRoute[];
  let routes: DeclaredRoute[];

  beforeAll(async () => {
    t = await createTestApp(kind);
    const owner = await createCaller(t, 'authz-owner@example.com');
    stranger = await createCaller(t, 'authz-stranger@example.com');
    viewer = await createCaller(t, 'authz-viewer@example.com');
    workspaceId = (await owner.request('POST', '/api/v1/workspaces', { name: 'A', timeZone: 'Europe/Madrid', language: 'es' })).json().id;
    await addMember(t, owner, workspaceId, { email: 'authz-viewer@example.com', role: 'viewer' });
    await stranger.request('POST', '/api/v1/workspaces', { name: 'B', timeZone: 'Europe/Madrid', language: 'es' });
    allRoutes = declaredRoutes(t.app).filter((route) => route.method !== 'HEAD');
    routes = allRoutes.filter((route) => route.url.startsWith('/api/v1/workspaces/:workspaceId'));
    expect(routes.length).toBeGreaterThan(20);

    // Every workspace route of the OpenAPI document is in the declared table (so nothing escapes the checks below).
    const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const declared = new Set(routes.map((route) => `${route.method} ${route.url.replace(/:([A-Za-z]+)/g, '{$1}')}`));
    const documented = Object.entries(spec.paths)
      .filter(([path]) => path.startsWith('/api/v1/workspaces/{workspaceId}'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.filter((route) => !declared.has(route))).toEqual([]);
  });
  afterAll(async () => t?.close());

  const fill = (url: string) => url.replace(':workspaceId', workspaceId).replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');

  it('every route under /api/v1 declares its access', () => {
    const undeclared = allRoutes.filter((route) => route.access === undefined).map(label);
    expect(undeclared, `routes without config.access:\n${undeclared.join('\n')}\n`).toEqual([]);
  });

  it('every workspace route declares a permission (or is one of the known public ones)', () => {
    const without = routes
      .filter((route) => !(route.access && isPermission(route.access)) && !PUBLIC_WORKSPACE_ROUTES.has(label(route)))
      .map((route) => `${label(route)} (${route.access ?? 'nothing'})`);
    expect(without, `workspace routes without a permission:\n${without.join('\n')}\n`).toEqual([]);
    for (const route of PUBLIC_WORKSPACE_ROUTES) expect(routes.find((r) => label(r) === route)?.access, route).toBe('public');
  });

  it('answers 401 without credentials', async () => {
    for (const route of routes) {
      if (route.url.endsWith('/activity/stream')) continue;
      const res = await t.app.inject({
        method: route.method as 'GET',
        url: fill(route.url),
        payload: route.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, label(route)).toBe(401);
    }
  });

  it('answers 404 to a member of another workspace', async () => {
    for (const route of routes) {
      const res = await stranger.request(
        route.method,
        fill(route.url),
        route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      );
      expect(res.statusCode, `${label(route)}: ${res.body.slice(0, 200)}`).toBe(404);
    }
  });

  /** Non-GET routes a viewer may call: they read or test without changing anything. */
  const viewerMayCall = (url: string) =>
    url.endsWith('/posts/validate') ||
    url.endsWith('/calendar/feed') ||
    /\/(read|test)$/.test(url) ||
    url.includes('/query-test') ||
    url.endsWith('/test-query');

  it('answers a viewer 403 exactly where the declared permission is one viewers lack, and never 500', async () => {
    const problems: string[] = [];
    for (const route of routes) {
      if (PUBLIC_WORKSPACE_ROUTES.has(label(route))) continue;
      const denied = route.access !== undefined && isPermission(route.access) && !can('viewer', route.access);
      // The live activity stream never ends: a viewer may open it (its own test covers it).
      if (!denied && route.url.endsWith('/activity/stream')) continue;
      const res = await viewer.request(route.method, fill(route.url), route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
      const what = `${label(route)} (${route.access ?? 'no access declared'}): ${res.statusCode} ${res.body.slice(0, 120)}`;
      // A 500 would also be the serializer refusing an answer that does not match the route's response schema.
      if (res.statusCode >= 500) problems.push(`${what} — never 500`);
      else if (denied && res.statusCode !== 403) problems.push(`${what} — expected 403`);
      else if (route.access !== undefined && !denied && res.statusCode === 403)
        problems.push(`${what} — viewers hold this permission, expected no 403`);
      // Writes stay refused whatever a route declares (a write declared 'read' would be a hole).
      else if (
        route.method !== 'GET' &&
        !viewerMayCall(route.url) &&
        (![400, 401, 403, 404].includes(res.statusCode) || res.statusCode === 200)
      ) {
        problems.push(`${what} — a viewer's write must be refused`);
      }
    }
    expect(problems, `viewer answers that do not follow the declared permission:\n${problems.join('\n')}\n`).toEqual([]);
  });
});
