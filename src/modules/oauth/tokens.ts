/**
 * The generic OAuth 2.0 client side: PKCE, the authorize URL, the token endpoint (code exchange and
 * the standard refresh_token grant, RFC 6749 §4.1.3 and §6), token revocation (RFC 7009). Every URL
 * goes through `networkUrl(url, origin)` and every request through the guarded fetcher.
 */
import { createHash, randomBytes } from 'node:crypto';
import { guardedFetch } from '../../lib/safe-fetch.ts';
import { networkUrl } from '../../networks/endpoints.ts';
import type { OAuthAppCredentials, OAuthCallContext, OAuthProvider, OAuthTokens } from '../../networks/oauth.ts';
import { NetworkError } from '../../networks/types.ts';

/** A fresh PKCE pair (RFC 7636, S256) and `state`. */
export function newPkce(): { verifier: string; challenge: string; state: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url'), state: randomBytes(24).toString('base64url') };
}

/** Where the browser goes to sign in. */
export function authorizeUrl(
  provider: OAuthProvider,
  app: OAuthAppCredentials,
  ctx: OAuthCallContext,
  input: { redirectUrl: string; state: string; challenge: string },
): string {
  const url = new URL(networkUrl(provider.authorizeUrl(ctx), ctx.origin));
  url.searchParams.set('response_type', 'code');
  url.searchParams.set(provider.clientIdParam ?? 'client_id', app.clientId);
  url.searchParams.set('redirect_uri', input.redirectUrl);
  if (provider.scopes.length) url.searchParams.set('scope', provider.scopes.join(provider.scopeSeparator));
  url.searchParams.set('state', input.state);
  if (provider.pkce) {
    url.searchParams.set('code_challenge', input.challenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  for (const [name, value] of Object.entries(provider.extraAuthorizeParams ?? {})) url.searchParams.set(name, value);
  return url.href;
}

/** The token endpoint's answer, as RFC 6749 §5.1 and §5.2 describe it. */
interface TokenAnswer {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number | string;
  refresh_token_expires_in?: number | string;
  scope?: string;
  error?: string;
  error_description?: string;
  [other: string]: unknown;
}

/** Calls the token endpoint with a form; a refusal is a NetworkError (auth for invalid_grant and invalid_client). */
export async function tokenRequest(
  provider: OAuthProvider,
  app: OAuthAppCredentials,
  ctx: OAuthCallContext,
  form: Record<string, string>,
  now: number,
  previous?: OAuthTokens,
): Promise<OAuthTokens> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  const body = new URLSearchParams(form);
  if (provider.clientAuth === 'basic' && app.clientSecret) {
    // RFC 6749 §2.3.1: both parts form-encoded before base64.
    const user = encodeURIComponent(app.clientId);
    const pass = encodeURIComponent(app.clientSecret);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  } else {
    body.set(provider.clientIdParam ?? 'client_id', app.clientId);
    if (app.clientSecret) body.set('client_secret', app.clientSecret);
  }
  const fetcher = guardedFetch(ctx.allowPrivateUrls === true);
  let response: Response;
  try {
    response = await fetcher(networkUrl(provider.tokenUrl(ctx), ctx.origin), { method: 'POST', headers, body, signal: ctx.signal });
  } catch (error) {
    throw new NetworkError('transient', 'unreachable', `Token endpoint unreachable: ${(error as Error).message}`);
  }
  const text = await response.text();
  let answer: TokenAnswer = {};
  try {
    answer = text ? (JSON.parse(text) as TokenAnswer) : {};
  } catch {
    answer = Object.fromEntries(new URLSearchParams(text)) as TokenAnswer;
  }
  if (!response.ok || answer.error || !answer.access_token) {
    const code = typeof answer.error === 'string' ? answer.error : `http_${response.status}`;
    const kind =
      code === 'invalid_grant' || code === 'invalid_client' || code === 'unauthorized_client'
        ? 'auth'
        : response.status >= 500
          ? 'transient'
          : 'auth';
    const reason = typeof answer.error_description === 'string' ? answer.error_description : code;
    throw new NetworkError(kind, code, `The network refused the token request: ${reason}`, { status: response.status });
  }
  return tokensFrom(answer, now, previous);
}

function tokensFrom(answer: TokenAnswer, now: number, previous?: OAuthTokens): OAuthTokens {
  const seconds = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : Number(v));
  const expiresIn = seconds(answer.expires_in);
  const refreshIn = seconds(answer.refresh_token_expires_in);
  return {
    accessToken: answer.access_token as string,
    // A network that does not rotate keeps the refresh token it gave before.
    ...((answer.refresh_token ?? previous?.refreshToken) && { refreshToken: answer.refresh_token ?? previous?.refreshToken }),
    ...(expiresIn && Number.isFinite(expiresIn) && { expiresAt: new Date(now + expiresIn * 1000).toISOString() }),
    ...(refreshIn && Number.isFinite(refreshIn)
      ? { refreshExpiresAt: new Date(now + refreshIn * 1000).toISOString() }
      : previous?.refreshExpiresAt && { refreshExpiresAt: previous.refreshExpiresAt }),
    ...(answer.scope ? { scopes: String(answer.scope).split(/[ ,]+/).filter(Boolean) } : previous?.scopes && { scopes: previous.scopes }),
    ...(previous?.extra && { extra: previous.extra }),
  };
}

/** Exchanges the authorization code (with the PKCE verifier) for tokens. */
export function exchangeCode(
  provider: OAuthProvider,
  app: OAuthAppCredentials,
  ctx: OAuthCallContext,
  input: { code: string; redirectUrl: string; verifier: string },
  now: number,
): Promise<OAuthTokens> {
  return tokenRequest(
    provider,
    app,
    ctx,
    {
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: input.redirectUrl,
      ...(provider.pkce && { code_verifier: input.verifier }),
    },
    now,
  );
}

/** Renews tokens: the provider's own way, else the standard refresh_token grant. */
export async function refreshTokens(
  provider: OAuthProvider,
  app: OAuthAppCredentials,
  ctx: OAuthCallContext,
  tokens: OAuthTokens,
  now: number,
): Promise<OAuthTokens> {
  if (provider.refresh) return provider.refresh(tokens, app, ctx);
  if (!tokens.refreshToken) throw new NetworkError('auth', 'no_refresh_token', 'The network gave no refresh token: reconnect the channel');
  return tokenRequest(provider, app, ctx, { grant_type: 'refresh_token', refresh_token: tokens.refreshToken }, now, tokens);
}

/** The OAuthTokens fields kept in a channel's credentials. */
export function tokensOf(credentials: Record<string, unknown>): OAuthTokens | null {
  if (typeof credentials.accessToken !== 'string') return null;
  return {
    accessToken: credentials.accessToken,
    ...(typeof credentials.refreshToken === 'string' && { refreshToken: credentials.refreshToken }),
    ...(typeof credentials.expiresAt === 'string' && { expiresAt: credentials.expiresAt }),
    ...(typeof credentials.refreshExpiresAt === 'string' && { refreshExpiresAt: credentials.refreshExpiresAt }),
    ...(Array.isArray(credentials.scopes) ? { scopes: credentials.scopes as string[] } : {}),
    ...(credentials.extra && typeof credentials.extra === 'object' ? { extra: credentials.extra as Record<string, string> } : {}),
  };
}
