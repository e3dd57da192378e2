/**
 * The generic sign-in flow against a real OAuth 2.0 authorization server (oidc-provider, in process):
 * PKCE, state (wrong, reused, expired), the network's error, a failed exchange, app credentials the
 * network refuses, the picker, refresh-token rotation (new one stored, old one refused), one refresh
 * per channel at a time, revocation → needs reconnect, and the engine's refresh-and-retry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { given, type Scenario } from '../../../test/helpers/given.ts';
import { until } from '../../../test/helpers/wait.ts';
import { PublishingEngine } from '../publishing/engine.ts';
import { refreshChannel, warnExpiringChannels } from './refresh.ts';
import { followToCallback, startAuthServer, type AuthServer } from './testing/oidc-server.ts';
import { TEST_NETWORK, testOAuthAdapter } from './testing/provider.ts';

const PUBLIC_URL = 'http://127.0.0.1:53682';
const CALLBACK = `${PUBLIC_URL}/api/v1/oauth/${TEST_NETWORK}/callback`;

describe.each(DB_KINDS)('sign in with a network (OAuth 2.0, %s)', (kind) => {
  let t: TestApp;
  let as: AuthServer;
  let s: Scenario;
  let adapter: ReturnType<typeof testOAuthAdapter>;

  beforeAll(async () => {
    as = await startAuthServer({ redirectUri: CALLBACK });
    t = await createTestApp(kind);
    t.ctx.config.publicUrl = PUBLIC_URL;
    t.ctx.config.allowPrivateUrls = true;
    adapter = testOAuthAdapter(as.issuer);
    t.ctx.networks.register(adapter);
    s = await given(t).workspace().member('manager');
  });
  afterAll(async () => {
    await t?.close();
    await as?.close();
  });

  const db = () => t.ctx.database.db;
  const setApp = (clientSecret = as.clientSecret) => s.api('PUT', `/integrations/${TEST_NETWORK}`, { clientId: as.clientId, clientSecret });

  /** Starts a sign-in through the API and plays the browser up to the redirect back to Plaza. */
  const signIn = async () => {
    const started = await s.api('POST', `/oauth/${TEST_NETWORK}/start`, {});
    expect(started.statusCode, started.body).toBe(200);
    const url = new URL(started.json().authorizeUrl);
    return { url, callback: await followToCallback(url.href, CALLBACK) };
  };
  /** Plaza's callback as the browser would call it; answers where the browser goes next. */
  const callback = async (query: URLSearchParams | string, token: string | null = s.owner.token) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/oauth/${TEST_NETWORK}/callback?${query}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const target = /content="0;url=([^"]+)"/.exec(res.body)?.[1]?.replace(/&amp;/g, '&');
    expect(target, res.body).toBeTruthy();
    return new URL(target!, PUBLIC_URL);
  };
  const pickers = async () => (await db().selectFrom('oauth_pickers').select('id').execute()).length;
  const connect = async () => {
    const { callback: back } = await signIn();
    const landing = await callback(back.searchParams);
    const pickerId = landing.searchParams.get('picker');
    expect(pickerId, landing.href).toBeTruthy();
    const picker = await s.api('GET', `/oauth/pickers/${pickerId}`);
    expect(picker.statusCode, picker.body).toBe(200);
    const chosen = await s.api('POST', `/oauth/pickers/${pickerId}`, { remoteIds: [picker.json().accounts[0].remoteId] });
    expect(chosen.statusCode, chosen.body).toBe(201);
    return { pickerId: pickerId!, channel: chosen.json().items[0] as { id: string; status: string } };
  };
  const credentialsOf = async (channelId: string) => {
    const row = await db().selectFrom('channels').selectAll().where('id', '=', channelId).executeTakeFirstOrThrow();
    return { row, credentials: t.ctx.secrets.open<Record<string, string>>(row.credentials_sealed) };
  };
  const tokenRequest = async (form: Record<string, string>) => {
    const basic = Buffer.from(`${as.clientId}:${as.clientSecret}`).toString('base64');
    const res = await fetch(`${as.issuer}/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
      body: new URLSearchParams(form),
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };

  it('needs the app first, and only an owner sets it; the secret is sealed and never answered', async () => {
    const missing = await s.api('POST', `/oauth/${TEST_NETWORK}/start`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('integration_missing');

    const byManager = await s.member('manager').request('PUT', `/api/v1/workspaces/${s.workspaceId}/integrations/${TEST_NETWORK}`, {
      clientId: 'x',
      clientSecret: 'y',
    });
    expect(byManager.statusCode).toBe(403);

    const saved = await setApp();
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      network: TEST_NETWORK,
      clientId: as.clientId,
      hasSecret: true,
      source: 'settings',
      redirectUrl: CALLBACK,
    });
    const listed = await s.member('manager').request('GET', `/api/v1/workspaces/${s.workspaceId}/integrations`);
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(as.clientSecret);
    const row = await db().selectFrom('integration_apps').selectAll().where('network', '=', TEST_NETWORK).executeTakeFirstOrThrow();
    expect(row.client_secret_sealed).not.toContain(as.clientSecret);
    expect(t.ctx.secrets.open(row.client_secret_sealed!)).toBe(as.clientSecret);
  });

  it('signs in with state and PKCE S256, lists the account, and connects it as a channel with sealed tokens', async () => {
    const { url, callback: back } = await signIn();
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('redirect_uri')).toBe(CALLBACK);
    const state = url.searchParams.get('state')!;
    expect(back.searchParams.get('state')).toBe(state);
    // The state is stored only as its hash.
    const states = await db().selectFrom('oauth_states').select('state_hash').execute();
    expect(states.map((r) => r.state_hash)).not.toContain(state);

    const landing = await callback(back.searchParams);
    expect(landing.pathname).toBe('/channels/connect');
    const pickerId = landing.searchParams.get('picker')!;
    const picker = await s.api('GET', `/oauth/pickers/${pickerId}`);
    expect(picker.json().accounts).toEqual([
      { remoteId: 'user-1', kind: 'account', name: 'Café Aroma', handle: 'cafearoma', avatarUrl: null, channelId: null },
    ]);
    expect(picker.body).not.toMatch(/accessToken|refreshToken/);

    // Another member cannot use someone else's picker.
    const other = await s.member('manager').request('GET', `/api/v1/workspaces/${s.workspaceId}/oauth/pickers/${pickerId}`);
    expect(other.json().error.code).toBe('oauth_picker_invalid');

    const chosen = await s.api('POST', `/oauth/pickers/${pickerId}`, { remoteIds: ['user-1'] });
    expect(chosen.statusCode, chosen.body).toBe(201);
    const channel = chosen.json().items[0];
    expect(channel).toMatchObject({ network: TEST_NETWORK, name: 'Café Aroma', status: 'active' });
    expect(chosen.body).not.toMatch(/accessToken|refreshToken/);
    const { row, credentials } = await credentialsOf(channel.id);
    expect(credentials.accessToken).toBeTruthy();
    expect(credentials.refreshToken).toBeTruthy();
    expect(row.credentials_sealed).not.toContain(credentials.accessToken);
    expect(row.token_expires_at).toBeTruthy();

    // The same callback again (state reused) and the same picker again: refused, nothing stored.
    const before = await pickers();
    const reused = await callback(back.searchParams);
    expect(reused.searchParams.get('error')).toBe('oauth_state_invalid');
    expect(await pickers()).toBe(before);
    const again = await s.api('POST', `/oauth/pickers/${pickerId}`, { remoteIds: ['user-1'] });
    expect(again.json().error.code).toBe('oauth_picker_invalid');

    // Connecting the same account again reconnects the channel instead of adding another.
    const second = await connect();
    expect(second.channel.id).toBe(channel.id);
  });

  it('refuses a wrong or expired state, and stores nothing', async () => {
    const { callback: back } = await signIn();
    const before = await pickers();
    const wrong = new URLSearchParams(back.searchParams);
    wrong.set('state', 'not-the-state');
    expect((await callback(wrong)).searchParams.get('error')).toBe('oauth_state_invalid');
    expect((await callback(`code=${back.searchParams.get('code')}`)).searchParams.get('error')).toBe('oauth_state_invalid');

    // Another browser (not signed in as the person who started) cannot finish it.
    expect((await callback(back.searchParams, null)).searchParams.get('error')).toBe('oauth_state_invalid');
    const { callback: fresh } = await signIn();
    expect((await callback(fresh.searchParams, s.member('manager').token)).searchParams.get('error')).toBe('oauth_state_invalid');

    const { callback: late } = await signIn();
    await db()
      .updateTable('oauth_states')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('used_at', 'is', null)
      .execute();
    expect((await callback(late.searchParams)).searchParams.get('error')).toBe('oauth_state_invalid');
    expect(await pickers()).toBe(before);
  });

  it('shows the network’s refusal and a failed exchange as errors, storing nothing', async () => {
    const before = await pickers();
    as.denyWith = 'access_denied';
    try {
      const { callback: back } = await signIn();
      expect(back.searchParams.get('error')).toBe('access_denied');
      const landing = await callback(back.searchParams);
      expect(landing.searchParams.get('error')).toBe('oauth_denied');
      expect(landing.searchParams.get('detail')).toBe('access_denied');
    } finally {
      as.denyWith = null;
    }

    // PKCE is really checked: the server refuses the code with another verifier.
    const { callback: back } = await signIn();
    await db()
      .updateTable('oauth_states')
      .set({ verifier_sealed: t.ctx.secrets.seal('x'.repeat(43)) })
      .where('used_at', 'is', null)
      .execute();
    const landing = await callback(back.searchParams);
    expect(landing.searchParams.get('error')).toBe('oauth_exchange_failed');
    expect(landing.searchParams.get('detail')).toBe('invalid_grant');
    expect(await pickers()).toBe(before);
  });

  it('says on Settings → Integrations when the network refuses the app credentials', async () => {
    const { callback: back } = await signIn();
    await setApp('a-wrong-secret');
    const landing = await callback(back.searchParams);
    expect(landing.searchParams.get('error')).toBe('oauth_invalid_client');
    const listed = (await s.api('GET', '/integrations')).json().items.find((i: { network: string }) => i.network === TEST_NETWORK);
    expect(listed.lastErrorCode).toBe('oauth_invalid_client');
    await setApp();
    const fixed = (await s.api('GET', '/integrations')).json().items.find((i: { network: string }) => i.network === TEST_NETWORK);
    expect(fixed.lastErrorCode).toBeNull();
  });

  it('rotates the refresh token: the new one is stored, the old one is refused', async () => {
    const { channel } = await connect();
    const before = await credentialsOf(channel.id);
    await refreshChannel(t.ctx, channel.id);
    const after = await credentialsOf(channel.id);
    expect(after.credentials.refreshToken).toBeTruthy();
    expect(after.credentials.refreshToken).not.toBe(before.credentials.refreshToken);
    expect(after.credentials.accessToken).not.toBe(before.credentials.accessToken);
    expect(after.row.status).toBe('active');
    // The new access token works at the network.
    expect((await adapter.checkHealth({ channelId: channel.id, settings: {}, credentials: after.credentials })).ok).toBe(true);
    // The rotated-out refresh token is refused (and, as the server does, ends the grant).
    const old = await tokenRequest({ grant_type: 'refresh_token', refresh_token: before.credentials.refreshToken });
    expect(old.body.error).toBe('invalid_grant');
  });

  it('never refreshes one channel twice at once: two concurrent refreshes make one token request', async () => {
    const { channel } = await connect();
    const before = await credentialsOf(channel.id);
    const events = async () =>
      (
        await db()
          .selectFrom('events')
          .select('id')
          .where('type', '=', 'channel.token_refreshed')
          .where('subject_id', '=', channel.id)
          .execute()
      ).length;
    const eventsBefore = await events();
    const [a, b] = await Promise.all([
      refreshChannel(t.ctx, channel.id, { ifCredentials: before.row.credentials_sealed }),
      refreshChannel(t.ctx, channel.id, { ifCredentials: before.row.credentials_sealed }),
    ]);
    expect(a.credentials_sealed).toBe(b.credentials_sealed);
    expect(await events()).toBe(eventsBefore + 1);
    const after = await credentialsOf(channel.id);
    expect(after.row.status).toBe('active');
    expect(after.row.refresh_lease_owner).toBeNull();
    // Had both used the old refresh token, rotation would have ended the grant: the current one still works.
    const next = await tokenRequest({ grant_type: 'refresh_token', refresh_token: after.credentials.refreshToken });
    expect(next.status).toBe(200);
  });

  it('a revoked refresh token: the channel needs reconnecting, with the network’s reason', async () => {
    const { channel } = await connect();
    const { credentials } = await credentialsOf(channel.id);
    await adapter.oauth!.revoke!(credentials as never, { clientId: as.clientId, clientSecret: as.clientSecret }, {});
    await expect(refreshChannel(t.ctx, channel.id)).rejects.toMatchObject({ kind: 'auth', code: 'invalid_grant' });
    const { row } = await credentialsOf(channel.id);
    expect(row.status).toBe('needs_reconnect');
    expect(row.last_error_code).toBe('invalid_grant');
    expect(row.refresh_lease_owner).toBeNull();
  });

  it('the engine refreshes once and retries when the network refuses the access token', async () => {
    const { channel } = await connect();
    const { credentials } = await credentialsOf(channel.id);
    // Revoking the access token alone spares the grant (the refresh token still works).
    const basic = Buffer.from(`${as.clientId}:${as.clientSecret}`).toString('base64');
    const revoked = await fetch(`${as.issuer}/token/revocation`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
      body: new URLSearchParams({ token: credentials.accessToken, token_type_hint: 'access_token' }),
    });
    expect(revoked.status).toBe(200);
    await expect(adapter.checkHealth({ channelId: channel.id, settings: {}, credentials })).rejects.toMatchObject({ kind: 'auth' });

    const engine = new PublishingEngine(t.ctx, { pollMs: 50, publishTimeoutMs: 5_000 });
    await engine.start();
    try {
      const created = await s.api('POST', '/posts', {
        content: 'Hoy abrimos a las 8',
        channels: [{ channelId: channel.id }],
        scheduledAt: new Date(Date.now() + 100).toISOString(),
        action: 'schedule',
      });
      expect(created.statusCode, created.body).toBe(201);
      const publicationId = created.json().publications[0].id as string;
      await until(() => Promise.resolve(adapter.published.includes(publicationId)), 10_000);
      const publication = await until(async () => {
        const row = await db().selectFrom('publications').selectAll().where('id', '=', publicationId).executeTakeFirst();
        return row?.state === 'published' ? row : null;
      });
      expect(publication.attempts).toBe(1);
    } finally {
      await engine.stop(1_000);
    }
    const after = await credentialsOf(channel.id);
    expect(after.credentials.accessToken).not.toBe(credentials.accessToken);
    expect(after.row.status).toBe('active');
  });

  it('warns once, a week before a connection ends', async () => {
    const { channel } = await connect();
    await db()
      .updateTable('channels')
      .set({ connection_expires_at: new Date(Date.now() + 3 * 86_400_000 - 60_000) })
      .where('id', '=', channel.id)
      .execute();
    expect(await warnExpiringChannels(t.ctx)).toBeGreaterThanOrEqual(1);
    expect(await warnExpiringChannels(t.ctx)).toBe(0);
    const event = await db()
      .selectFrom('events')
      .selectAll()
      .where('type', '=', 'channel.token_expiring')
      .where('subject_id', '=', channel.id)
      .executeTakeFirstOrThrow();
    expect(event.data).toMatchObject({ days: 3 });
    const listed = (await s.api('GET', `/channels/${channel.id}`)).json();
    expect(listed.connectionExpiresAt).toBeTruthy();
  });
  it('disconnecting revokes the tokens at the network', async () => {
    const { channel } = await connect();
    const { credentials } = await credentialsOf(channel.id);
    const res = await s.api('DELETE', `/channels/${channel.id}`);
    expect(res.statusCode).toBe(204);
    const refused = await tokenRequest({ grant_type: 'refresh_token', refresh_token: credentials.refreshToken });
    expect(refused.body.error).toBe('invalid_grant');
    const { row } = await credentialsOf(channel.id);
    expect(row.status).toBe('disconnected');
  });
});
