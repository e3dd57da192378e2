/**
 * Sign in with Google (OAuth 2.0 for web server apps), shared by YouTube and Google Business
 * Profile: authorization code with PKCE (S256), `access_type=offline` and `prompt=consent` so
 * Google hands out a refresh token every time, the client secret in the token request's body.
 * Access tokens live one hour; refresh tokens do not expire on a schedule but Google revokes
 * them (password change, the user removing access, seven days for apps in "Testing" status):
 * a refusal (`invalid_grant`) means signing in again. Google answers a refresh without a new
 * refresh token: the old one is kept.
 */
import { guardedFetch } from '../../lib/safe-fetch.ts';
import { networkUrl } from '../endpoints.ts';
import type { ConnectableAccount, OAuthCallContext, OAuthProvider, OAuthTokens } from '../oauth.ts';
import { requestFailure } from '../request-failure.ts';
import { NetworkError } from '../types.ts';
import { errorFromGoogle, safeJson } from './client.ts';

export const GOOGLE_OAUTH = {
  authorize: 'https://accounts.google.com/o/oauth2/v2/auth',
  token: 'https://oauth2.googleapis.com/token',
  revoke: 'https://oauth2.googleapis.com/revoke',
} as const;

interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
  error?: string;
  error_description?: string;
}

export interface GoogleOAuthOptions {
  /** The product's name as users read it ("YouTube"). */
  network: string;
  scopes: readonly string[];
  /** What the signed-in Google account manages on this product (channels, locations). */
  listAccounts(get: <T>(url: string) => Promise<T>, tokens: OAuthTokens, ctx: OAuthCallContext): Promise<ConnectableAccount[]>;
  /** Tests only: replaces the guarded fetch. */
  fetch?: typeof fetch;
  now?: () => number;
  requestTimeoutMs?: number;
}

export function createGoogleOAuthProvider(options: GoogleOAuthOptions): OAuthProvider {
  const now = options.now ?? Date.now;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const fetchFor = (ctx: OAuthCallContext) => options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true);

  async function call(
    url: string,
    init: RequestInit,
    ctx: OAuthCallContext,
    mutating: boolean,
  ): Promise<{ response: Response; body: unknown }> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
    try {
      const response = await fetchFor(ctx)(networkUrl(url, ctx.origin), { ...init, signal });
      const text = await response.text();
      return { response, body: text === '' ? null : safeJson(text) };
    } catch (error) {
      throw requestFailure(error, { network: options.network, mutating, timedOut: timeout.aborted });
    }
  }

  return {
    authorizeUrl: () => GOOGLE_OAUTH.authorize,
    tokenUrl: () => GOOGLE_OAUTH.token,
    scopes: options.scopes,
    scopeSeparator: ' ',
    pkce: true,
    clientAuth: 'body',
    extraAuthorizeParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
    // One-hour access tokens: renew ten minutes ahead.
    refreshAheadMs: 10 * 60_000,

    async listAccounts(tokens, ctx) {
      const get = async <T>(url: string): Promise<T> => {
        const { response, body } = await call(
          url,
          { headers: { Authorization: `Bearer ${tokens.accessToken}`, Accept: 'application/json' } },
          ctx,
          false,
        );
        if (!response.ok) throw errorFromGoogle(options.network, response.status, body, response.headers, now(), false);
        return body as T;
      };
      return options.listAccounts(get, tokens, ctx);
    },

    async refresh(tokens, app, ctx) {
      if (!tokens.refreshToken)
        throw new NetworkError('auth', 'refresh_refused', `Google gave this ${options.network} connection no refresh token: sign in again`);
      const form = {
        grant_type: 'refresh_token',
        refresh_token: tokens.refreshToken,
        client_id: app.clientId,
        client_secret: app.clientSecret ?? '',
      };
      const { response, body } = await call(
        GOOGLE_OAUTH.token,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
          body: new URLSearchParams(form).toString(),
        },
        ctx,
        false,
      );
      const answer = (typeof body === 'object' && body !== null ? body : {}) as TokenAnswer;
      if (response.status === 400 || response.status === 401) {
        // invalid_grant: "Token has been expired or revoked."; invalid_client: the app's credentials.
        throw new NetworkError(
          'auth',
          'refresh_refused',
          `Google refused to renew the ${options.network} sign-in: ${answer.error_description ?? answer.error ?? `HTTP ${response.status}`}`,
          { status: response.status, body: { error: answer.error, error_description: answer.error_description } },
        );
      }
      if (!response.ok) throw errorFromGoogle(options.network, response.status, body, response.headers, now(), false);
      if (!answer.access_token)
        throw new NetworkError('permanent', 'unexpected_response', 'Google answered the token refresh without an access token');
      return {
        ...tokens,
        accessToken: answer.access_token,
        refreshToken: answer.refresh_token ?? tokens.refreshToken,
        ...(answer.expires_in ? { expiresAt: new Date(now() + answer.expires_in * 1000).toISOString() } : {}),
        ...(answer.scope ? { scopes: answer.scope.split(/\s+/).filter(Boolean) } : {}),
      };
    },

    async revoke(tokens, _app, ctx) {
      const token = tokens.refreshToken ?? tokens.accessToken;
      const { response, body } = await call(
        GOOGLE_OAUTH.revoke,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token }).toString(),
        },
        ctx,
        true,
      );
      // 400 invalid_token: already revoked or expired, which is what was asked.
      if (!response.ok && response.status !== 400)
        throw errorFromGoogle(options.network, response.status, body, response.headers, now(), true);
    },
  };
}
