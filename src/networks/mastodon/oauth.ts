/**
 * Sign in with Mastodon (https://docs.joinmastodon.org/client/token/): the user names their server;
 * Plaza registers its own app there (POST /api/v1/apps, scopes `read write`; the framework caches it
 * sealed per server), sends the user to /oauth/authorize (PKCE S256, supported since Mastodon 4.3 and
 * ignored by older servers) and exchanges the code at /oauth/token. Mastodon tokens do not expire,
 * so there is no refresh. Pasting a token from the server's Development settings still works.
 */
import { guardedFetch } from '../../lib/safe-fetch.ts';
import { networkUrl } from '../endpoints.ts';
import type { OAuthCallContext, OAuthProvider } from '../oauth.ts';
import { NetworkError } from '../types.ts';

export const MASTODON_SCOPES = ['read', 'write'] as const;

function instanceOf(ctx: OAuthCallContext): string {
  if (!ctx.instanceUrl) throw new NetworkError('permanent', 'instance_required', 'Mastodon needs the server address first');
  return ctx.instanceUrl.replace(/\/$/, '');
}

async function callJson<T>(ctx: OAuthCallContext, url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await guardedFetch(ctx.allowPrivateUrls === true)(networkUrl(url, ctx.origin), { ...init, signal: ctx.signal });
  } catch (error) {
    throw new NetworkError('transient', 'unreachable', `Mastodon server unreachable: ${(error as Error).message}`);
  }
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    throw new NetworkError('permanent', 'unexpected_response', `This does not look like a Mastodon server (HTTP ${response.status})`);
  }
  if (!response.ok) {
    const code = typeof body.error === 'string' && /^[a-z_]+$/.test(body.error) ? body.error : `http_${response.status}`;
    const kind = response.status === 401 || response.status === 403 ? 'auth' : response.status >= 500 ? 'transient' : 'permanent';
    throw new NetworkError(kind, code, String(body.error_description ?? body.error ?? `HTTP ${response.status}`), {
      status: response.status,
    });
  }
  return body as T;
}

export const mastodonOAuth: OAuthProvider = {
  authorizeUrl: (ctx) => `${instanceOf(ctx)}/oauth/authorize`,
  tokenUrl: (ctx) => `${instanceOf(ctx)}/oauth/token`,
  scopes: MASTODON_SCOPES,
  scopeSeparator: ' ',
  pkce: true,
  clientAuth: 'body',

  async registerApp(redirectUrl, ctx) {
    const app = await callJson<{ client_id?: string; client_secret?: string }>(ctx, `${instanceOf(ctx)}/api/v1/apps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        client_name: 'Plaza',
        redirect_uris: redirectUrl,
        scopes: MASTODON_SCOPES.join(' '),
        website: 'https://github.com/plaza-social/plaza',
      }),
    });
    if (!app.client_id || !app.client_secret)
      throw new NetworkError('permanent', 'unexpected_response', 'The server did not answer with an app (client_id, client_secret)');
    return { clientId: app.client_id, clientSecret: app.client_secret };
  },

  async listAccounts(tokens, ctx) {
    const instanceUrl = instanceOf(ctx);
    const me = await callJson<{ id?: string; username?: string; acct?: string; display_name?: string; avatar?: string }>(
      ctx,
      `${instanceUrl}/api/v1/accounts/verify_credentials`,
      { headers: { authorization: `Bearer ${tokens.accessToken}`, accept: 'application/json' } },
    );
    if (!me.id || !me.username) throw new NetworkError('permanent', 'unexpected_response', 'verify_credentials answered no account');
    return [
      {
        remoteId: String(me.id),
        kind: 'account',
        name: me.display_name || me.username,
        handle: `@${me.username}@${new URL(instanceUrl).host}`,
        ...(me.avatar && /^https?:\/\//.test(me.avatar) && { avatarUrl: me.avatar }),
        settings: { instanceUrl },
      },
    ];
  },

  async revoke(tokens, app, ctx) {
    await callJson(ctx, `${instanceOf(ctx)}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: app.clientId, client_secret: app.clientSecret ?? '', token: tokens.accessToken }),
    });
  },
};
