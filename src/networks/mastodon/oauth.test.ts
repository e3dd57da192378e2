/**
 * Sign in with Mastodon against the local Mastodon server (testing/server.ts): the user's server,
 * app registration (POST /api/v1/apps, cached sealed), /oauth/authorize with PKCE, /oauth/token,
 * the picker, and a channel that publishes. The pasted-token connection is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { given, type Scenario } from '../../../test/helpers/given.ts';
import { FakeMastodonServer } from './testing/server.ts';

const PUBLIC_URL = 'http://127.0.0.1:53683';
const CALLBACK = `${PUBLIC_URL}/api/v1/oauth/mastodon/callback`;

describe('sign in with Mastodon', () => {
  let t: TestApp;
  let server: FakeMastodonServer;
  let s: Scenario;

  beforeAll(async () => {
    server = new FakeMastodonServer();
    await server.start();
    t = await createTestApp('embedded');
    t.ctx.config.publicUrl = PUBLIC_URL;
    t.ctx.config.allowPrivateUrls = true;
    s = await given(t).workspace();
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  /** Start, then the browser's trip to the server and back (one redirect: the server approves at once). */
  const signIn = async () => {
    const started = await s.api('POST', '/oauth/mastodon/start', { instanceUrl: server.baseUrl });
    expect(started.statusCode, started.body).toBe(200);
    const authorize = new URL(started.json().authorizeUrl);
    const response = await fetch(authorize, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get('location')!);
    expect(back.href.startsWith(CALLBACK)).toBe(true);
    const landing = await t.app.inject({
      method: 'GET',
      url: `/api/v1/oauth/mastodon/callback${back.search}`,
      headers: { authorization: `Bearer ${s.owner.token}` },
    });
    expect(landing.statusCode).toBe(200);
    const target = /content="0;url=([^"]+)"/.exec(landing.body)![1]!.replace(/&amp;/g, '&');
    return { authorize, landing: new URL(target, PUBLIC_URL) };
  };

  it('asks for the server first', async () => {
    const res = await s.api('POST', '/oauth/mastodon/start', {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('oauth_instance_required');
  });

  it('registers Plaza on the server once, signs in with PKCE and connects the account', async () => {
    const { authorize, landing } = await signIn();
    expect(authorize.origin).toBe(server.baseUrl);
    expect(authorize.pathname).toBe('/oauth/authorize');
    expect(authorize.searchParams.get('scope')).toBe('read write');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(CALLBACK);
    const registration = server.requests.find((r) => r.path === '/api/v1/apps');
    expect(registration?.json).toMatchObject({ client_name: 'Plaza', redirect_uris: CALLBACK, scopes: 'read write' });
    // The registered app is kept sealed.
    const cached = await t.ctx.database.db.selectFrom('integration_instance_apps').selectAll().executeTakeFirstOrThrow();
    const [app] = [...server.apps.values()];
    expect(cached.app_sealed).not.toContain(app!.clientSecret);

    const pickerId = landing.searchParams.get('picker')!;
    expect(pickerId, landing.href).toBeTruthy();
    const picker = (await s.api('GET', `/oauth/pickers/${pickerId}`)).json();
    expect(picker.accounts).toHaveLength(1);
    expect(picker.accounts[0]).toMatchObject({ remoteId: server.me.id, name: 'Plaza Test', handle: `@plaza@${server.host}` });
    const connected = await s.api('POST', `/oauth/pickers/${pickerId}`, { remoteIds: [server.me.id] });
    expect(connected.statusCode, connected.body).toBe(201);
    const channel = connected.json().items[0];
    expect(channel).toMatchObject({ network: 'mastodon', status: 'active', signIn: true, settings: { instanceUrl: server.baseUrl } });

    // The channel works: its token is the account's.
    const checked = await s.api('POST', `/channels/${channel.id}/test`);
    expect(checked.json().health).toMatchObject({ ok: true });

    // A second sign-in reuses the registered app.
    await signIn();
    expect(server.requests.filter((r) => r.path === '/api/v1/apps')).toHaveLength(1);
  });

  it('the user says no: a clear error, nothing connected', async () => {
    server.denyAuthorization = 'access_denied';
    try {
      const { landing } = await signIn();
      expect(landing.searchParams.get('error')).toBe('oauth_denied');
    } finally {
      server.denyAuthorization = null;
    }
  });

  it('still connects with a pasted token', async () => {
    const res = await s.api('POST', '/channels', {
      network: 'mastodon',
      name: 'Pasted',
      fields: { instanceUrl: server.baseUrl, accessToken: server.token },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().signIn).toBe(false);
  });
});
