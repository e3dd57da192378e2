/**
 * GET …/channels/:id/options/:option/choices, what the composer's WordPress category and tag
 * pickers read, on its refusals (its answers from a real WordPress are in the WordPress adapter's
 * tests and the e2e connect-blog-and-chats): an option the network does not offer choices for is a
 * 404, a site that cannot be reached a 502 `connection_failed` with the reason code and no
 * credentials in the answer; another workspace's channel does not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { given, type Scenario } from './helpers/given.ts';

describe('channel option choices (embedded database)', () => {
  let t: TestApp;
  let s: Scenario;
  let sandboxId = '';
  let blogId = '';

  beforeAll(async () => {
    t = await createTestApp('embedded');
    t.ctx.config.allowPrivateUrls = true;
    s = await given(t).workspace().stranger();
    sandboxId = (
      (await s.api('POST', '/channels', { network: 'sandbox', name: 'S', fields: { handle: 'choices', token: 't' } })).json() as {
        id: string;
      }
    ).id;
    // A WordPress channel whose site has since gone away (nothing listens on port 9).
    const row = await t.ctx.database.db
      .insertInto('channels')
      .values({
        workspace_id: s.workspaceId,
        network: 'wordpress',
        name: 'Blog',
        settings: JSON.stringify({ siteUrl: 'http://127.0.0.1:9', username: 'ana' }),
        credentials_sealed: t.ctx.secrets.seal({ applicationPassword: 'abcd efgh ijkl mnop qrst uvwx' }),
        account: null,
        last_error: null,
        created_at: new Date(),
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    blogId = row.id;
  }, 120_000);
  afterAll(async () => t?.close());

  it('404 for an option without choices, or a network that offers none', async () => {
    const excerpt = await s.api('GET', `/channels/${blogId}/options/excerpt/choices`);
    expect(excerpt.statusCode).toBe(404);
    expect(excerpt.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await s.api('GET', `/channels/${sandboxId}/options/categories/choices`)).statusCode).toBe(404);
  });

  it('502 connection_failed with the reason code when the site cannot be reached; no secret in the answer', async () => {
    const res = await s.api('GET', `/channels/${blogId}/options/categories/choices`);
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ error: { code: 'connection_failed', details: { network: 'wordpress', code: 'unreachable' } } });
    expect(res.body).not.toContain('abcd efgh');
  });

  it('another workspace’s channel does not exist', async () => {
    const res = await s.stranger.request('GET', `/api/v1/workspaces/${s.workspaceId}/channels/${blogId}/options/categories/choices`);
    expect(res.statusCode).toBe(404);
  });
});
