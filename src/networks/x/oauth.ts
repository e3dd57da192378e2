/**
 * Signing in with X: OAuth 2.0 authorization code with PKCE, the install's app as a
 * confidential client (HTTP Basic at the token endpoint), `offline.access` for a refresh token.
 * X rotates refresh tokens: every refresh answers a new one and the old one stops working, so
 * the framework must save both tokens of each refresh together.
 */
import { guardedFetch } from '../../lib/safe-fetch.ts';
import { networkUrl } from '../endpoints.ts';
import type { ConnectableAccount, OAuthAppCredentials, OAuthCallContext, OAuthProvider, OAuthTokens } from '../oauth.ts';
import { NetworkError } from '../types.ts';
import { errorFromFailure, errorFromResponse, errorText, xApiUrl } from './http.ts';

/** Where users approve Plaza (x.com, not the API host). */
export const X_AUTHORIZE_URL = 'https://x.com/i/oauth2/authorize';
export const X_TOKEN_URL = xApiUrl('/oauth2/token');
export const X_REVOKE_URL = xApiUrl('/oauth2/revoke');

/** Scopes Plaza asks for; docs/networks/x.md says what each is for. */
/** like.write, mute.write and tweet.moderate.write: the inbox's like, mute and hide (inbox.ts). */
export const X_SCOPES = [
  'tweet.read',
  'tweet.write',
  'users.read',
  'offline.access',
  'media.write',
  'like.write',
  'mute.write',
  'tweet.moderate.write',
] as const;

export interface XOAuthOptions {
  /** Tests only: replaces the guarded fetch. */
  fetch?: typeof fetch;
  now?: () => number;
  requestTimeoutMs?: number;
}

interface XTokenAnswer {
  token_type?: string;
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
}

/** HTTP Basic credentials of the app (RFC 6749 §2.3.1: each part form-encoded). */
function basicAuth(app: OAuthAppCredentials): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(app.clientId)}:${encodeURIComponent(app.clientSecret ?? '')}`).toString('base64')}`;
}

/** The X side of the sign-in: token calls, the account to connect, revocation. */
export function createXOAuthProvider(options: XOAuthOptions = {}): OAuthProvider & {
  exchangeCode(
    code: string,
    codeVerifier: string,
    redirectUri: string,
    app: OAuthAppCredentials,
    ctx: OAuthCallContext,
  ): Promise<OAuthTokens>;
} {
  const now = options.now ?? Date.now;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const fetchFor = (ctx: OAuthCallContext) => options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true);

  async function call(
    ctx: OAuthCallContext,
    url: string,
    init: RequestInit,
    mutating: boolean,
  ): Promise<{ status: number; body: unknown }> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
    try {
      const response = await fetchFor(ctx)(networkUrl(url, ctx.origin), { ...init, signal });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text === '' ? null : JSON.parse(text);
      } catch {
        // not JSON: kept as text
      }
      return { status: response.status, body };
    } catch (error) {
      throw errorFromFailure(error, mutating, timeout.aborted);
    }
  }

  /** POSTs a form to the token endpoint as the confidential client; refusals become auth errors with X's reason. */
  async function tokenCall(
    ctx: OAuthCallContext,
    app: OAuthAppCredentials,
    form: Record<string, string>,
    refused: string,
  ): Promise<OAuthTokens> {
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
    // X's examples send client_id in the body for every client; a confidential one adds its secret by Basic auth.
    const params = new URLSearchParams({ ...form, client_id: app.clientId });
    if (app.clientSecret) headers.Authorization = basicAuth(app);
    const { status, body } = await call(ctx, X_TOKEN_URL, { method: 'POST', headers, body: params.toString() }, true);
    if (status === 400 || status === 401 || status === 403) {
      const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
      // X's reason, never the token itself.
      throw new NetworkError('auth', refused, `X refused: ${errorText(body) ?? `HTTP ${status}`}`, {
        status,
        body: { error: typeof error === 'string' ? error : undefined },
      });
    }
    if (status < 200 || status >= 300) throw errorFromResponse(status, body, new Headers(), now());
    const answer = body as XTokenAnswer;
    if (typeof answer?.access_token !== 'string' || answer.access_token === '') {
      throw new NetworkError('permanent', 'unexpected_response', 'X answered the token request without an access token');
    }
    const tokens: OAuthTokens = { accessToken: answer.access_token };
    if (answer.refresh_token) tokens.refreshToken = answer.refresh_token;
    if (typeof answer.expires_in === 'number') tokens.expiresAt = new Date(now() + answer.expires_in * 1000).toISOString();
    if (answer.scope) tokens.scopes = answer.scope.split(/[ ,]+/).filter(Boolean);
    return tokens;
  }

  return {
    authorizeUrl: () => X_AUTHORIZE_URL,
    tokenUrl: () => X_TOKEN_URL,
    scopes: X_SCOPES,
    scopeSeparator: ' ',
    pkce: true,
    clientAuth: 'basic',
    // Access tokens live two hours: renew ten minutes ahead.
    refreshAheadMs: 10 * 60_000,

    exchangeCode(code, codeVerifier, redirectUri, app, ctx) {
      return tokenCall(
        ctx,
        app,
        { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: codeVerifier },
        'code_refused',
      );
    },

    async refresh(tokens, app, ctx) {
      if (!tokens.refreshToken)
        throw new NetworkError('auth', 'no_refresh_token', 'X gave no refresh token (offline.access missing): sign in again');
      const renewed = await tokenCall(ctx, app, { grant_type: 'refresh_token', refresh_token: tokens.refreshToken }, 'refresh_refused');
      // Rotation: X answers a new refresh token each time; keep the old one only if it did not.
      return { ...tokens, ...renewed, refreshToken: renewed.refreshToken ?? tokens.refreshToken };
    },

    async listAccounts(tokens, ctx): Promise<ConnectableAccount[]> {
      const url = `${xApiUrl('/users/me')}?user.fields=${encodeURIComponent('name,username,profile_image_url,public_metrics')}`;
      const { status, body } = await call(
        ctx,
        url,
        { method: 'GET', headers: { Authorization: `Bearer ${tokens.accessToken}`, Accept: 'application/json' } },
        false,
      );
      if (status < 200 || status >= 300) throw errorFromResponse(status, body, new Headers(), now());
      const user = (body as { data?: { id?: unknown; username?: unknown; name?: unknown; profile_image_url?: unknown } })?.data;
      if (!user || typeof user.id !== 'string' || typeof user.username !== 'string') {
        throw new NetworkError('permanent', 'unexpected_response', 'Unexpected answer to GET /2/users/me');
      }
      const account: ConnectableAccount = {
        remoteId: user.id,
        kind: 'account',
        name: typeof user.name === 'string' ? user.name : user.username,
        handle: user.username,
        settings: { userId: user.id, username: user.username },
      };
      if (typeof user.profile_image_url === 'string') account.avatarUrl = user.profile_image_url;
      return [account];
    },

    async revoke(tokens, app, ctx) {
      // Both tokens: the refresh token so nothing renews the grant, the access token so it stops at once.
      const toRevoke: Array<[string, string]> = [[tokens.accessToken, 'access_token']];
      if (tokens.refreshToken) toRevoke.push([tokens.refreshToken, 'refresh_token']);
      for (const [token, hint] of toRevoke) {
        const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
        const params = new URLSearchParams({ token, token_type_hint: hint });
        if (app.clientSecret) headers.Authorization = basicAuth(app);
        else params.set('client_id', app.clientId);
        const { status, body } = await call(ctx, X_REVOKE_URL, { method: 'POST', headers, body: params.toString() }, true);
        if (status < 200 || status >= 300) throw errorFromResponse(status, body, new Headers(), now());
      }
    },
  };
}

/** X's sign-in as Plaza ships it. */
export const xOAuthProvider = createXOAuthProvider();
