import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { DB_KINDS } from './helpers/db.ts';
import { given } from './helpers/given.ts';

/** However a client spells an API path, the authentication check guards the route it reaches. */
describe.each(DB_KINDS)('path spellings and the auth hook (%s)', (kind) => {
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    ({ owner, workspaceId } = await given(t).owner(`paths-${kind}@example.com`).workspace({ name: 'Paths' }));
  });
  afterAll(async () => t?.close());

  it('authenticates before anything else whatever the spelling (401 or 404, never a 400 or 2xx)', async () => {
    const spellings = [
      `/%61pi/v1/workspaces/${workspaceId}/posts`,
      `/%61%70%69/v1/workspaces/${workspaceId}/posts`,
      `/api/%761/workspaces/${workspaceId}/posts`,
      `/api/v1/%77orkspaces/${workspaceId}/posts`,
      `/API/v1/workspaces/${workspaceId}/posts`,
      `//api/v1/workspaces/${workspaceId}/posts`,
      `/api//v1/workspaces/${workspaceId}/posts`,
      `/api/v1/./workspaces/${workspaceId}/posts`,
      `/x/../api/v1/workspaces/${workspaceId}/posts`,
      `/api/v1/workspaces/${workspaceId}/%70osts`,
      `/%61pi/v1/me`,
      `/%61pi/v1/workspaces`,
    ];
    for (const url of spellings) {
      for (const method of ['GET', 'POST'] as const) {
        const res = await t.app.inject({ method, url, ...(method === 'POST' && { payload: { content: 'x', channels: [] } }) });
        // 401 (the hook ran before validation) or 404 (no route has that spelling); never a 400 from a skipped hook.
        expect([401, 404], `${method} ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
        expect(res.body, `${method} ${url}`).not.toContain('"items"');
      }
    }
    // The owner still reaches the route under the decoded spelling (same route, same checks).
    const ok = await t.app.inject({
      method: 'GET',
      url: `/%61pi/v1/workspaces/${workspaceId}/posts`,
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(ok.statusCode).toBe(200);
  });
});
