/**
 * Sign in with LinkedIn (OAuth 2.0 authorization code, "3-legged"). LinkedIn does not take PKCE
 * for web apps: the client secret goes in the token request's body. Access tokens live 60 days;
 * apps with programmatic refresh also get a refresh token (365 days) for the refresh_token grant.
 */
import { guardedFetch } from '../../lib/safe-fetch.ts';
import { networkUrl } from '../endpoints.ts';
import type { ConnectableAccount, OAuthAppCredentials, OAuthCallContext, OAuthProvider, OAuthTokens } from '../oauth.ts';
import { NetworkError } from '../types.ts';
import { LINKEDIN_API, errorFromFailure, errorFromResponse, restliQuery, versionHeaders } from './api.ts';

/** Signing in and posting as the member (no review: the "Sign In with LinkedIn using OpenID Connect" and "Share on LinkedIn" products). */
export const LINKEDIN_MEMBER_SCOPES = ['openid', 'profile', 'w_member_social'] as const;
/** Pages the member administers (the Community Management API product, which LinkedIn must approve). */
export const LINKEDIN_ORGANIZATION_SCOPES = ['r_organization_social', 'w_organization_social', 'rw_organization_admin'] as const;

/** Roles on a page that may post as it. */
const POSTING_ROLES = new Set(['ADMINISTRATOR', 'CONTENT_ADMINISTRATOR', 'DIRECT_SPONSORED_CONTENT_POSTER']);

export interface LinkedInOAuthOptions {
  /** Tests only: replaces the guarded fetch. */
  fetch?: typeof fetch;
  now?: () => number;
  /** Ask for the page scopes (needs Community Management API approval); default true. */
  organizations?: boolean;
  requestTimeoutMs?: number;
}

interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  scope?: string;
  id_token?: string;
  error?: string;
  error_description?: string;
}

export function createLinkedInOAuthProvider(options: LinkedInOAuthOptions = {}): OAuthProvider & {
  /** The code exchange as LinkedIn expects it (the framework's generic exchange sends the same request). */
  exchangeCode(code: string, redirectUri: string, app: OAuthAppCredentials, ctx: OAuthCallContext): Promise<OAuthTokens>;
} {
  const now = options.now ?? Date.now;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const fetchFor = (ctx: OAuthCallContext) => options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true);
  const signalFor = (ctx: OAuthCallContext) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    return { timeout, signal: ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout };
  };

  async function tokenRequest(form: Record<string, string>, ctx: OAuthCallContext, what: 'exchange' | 'refresh'): Promise<OAuthTokens> {
    const { timeout, signal } = signalFor(ctx);
    let response: Response;
    let body: TokenAnswer | null;
    try {
      response = await fetchFor(ctx)(networkUrl(LINKEDIN_API.token, ctx.origin), {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams(form).toString(),
        signal,
      });
      const text = await response.text();
      body = text ? (JSON.parse(text) as TokenAnswer) : null;
    } catch (error) {
      if (error instanceof SyntaxError)
        throw new NetworkError('transient', 'unexpected_response', 'LinkedIn answered the token request with something other than JSON');
      throw errorFromFailure(error, false, timeout.aborted);
    }
    if (response.status === 400 || response.status === 401) {
      // invalid_request / invalid_grant: "The provided authorization grant or refresh token is invalid, expired or revoked".
      const reason = body?.error_description ?? body?.error ?? `HTTP ${response.status}`;
      throw new NetworkError(
        'auth',
        what === 'refresh' ? 'refresh_refused' : 'code_exchange_refused',
        `LinkedIn refused the ${what === 'refresh' ? 'token refresh' : 'sign-in code'}: ${reason}`,
        {
          status: response.status,
          body: { error: body?.error, error_description: body?.error_description },
        },
      );
    }
    if (!response.ok) throw errorFromResponse(response.status, body, response.headers, now(), false);
    if (!body?.access_token)
      throw new NetworkError('permanent', 'unexpected_response', 'LinkedIn answered the token request without an access token');
    const tokens: OAuthTokens = { accessToken: body.access_token };
    if (body.refresh_token) tokens.refreshToken = body.refresh_token;
    if (body.expires_in) tokens.expiresAt = new Date(now() + body.expires_in * 1000).toISOString();
    if (body.refresh_token_expires_in) tokens.refreshExpiresAt = new Date(now() + body.refresh_token_expires_in * 1000).toISOString();
    if (body.scope) tokens.scopes = body.scope.split(/[ ,]+/).filter(Boolean);
    return tokens;
  }

  async function get<T>(url: string, tokens: OAuthTokens, ctx: OAuthCallContext, versioned: boolean): Promise<T> {
    const { timeout, signal } = signalFor(ctx);
    let response: Response;
    let body: unknown;
    try {
      response = await fetchFor(ctx)(networkUrl(url, ctx.origin), {
        headers: { Authorization: `Bearer ${tokens.accessToken}`, Accept: 'application/json', ...(versioned ? versionHeaders() : {}) },
        signal,
      });
      const text = await response.text();
      body = text ? JSON.parse(text) : null;
    } catch (error) {
      if (error instanceof SyntaxError)
        throw new NetworkError('transient', 'unexpected_response', 'LinkedIn answered with something other than JSON');
      throw errorFromFailure(error, false, timeout.aborted);
    }
    if (!response.ok) throw errorFromResponse(response.status, body, response.headers, now(), false);
    return body as T;
  }

  async function organizations(tokens: OAuthTokens, ctx: OAuthCallContext): Promise<ConnectableAccount[]> {
    const query = restliQuery([
      ['q', 'roleAssignee'],
      ['state', 'APPROVED'],
      ['count', '100'],
    ]);
    let acls: { elements?: Array<{ organization?: string; organizationTarget?: string; role?: string; state?: string }> };
    try {
      acls = await get(`${LINKEDIN_API.rest}/organizationAcls?${query}`, tokens, ctx, true);
    } catch (error) {
      // An app without the Community Management API (or a member who declined the page scopes): only the profile.
      if (error instanceof NetworkError && (error.code === 'forbidden_token' || error.code === 'forbidden')) return [];
      throw error;
    }
    const urns = new Set<string>();
    for (const acl of acls.elements ?? []) {
      const urn = acl.organization ?? acl.organizationTarget;
      if (urn && /^urn:li:organization:\d+$/.test(urn) && POSTING_ROLES.has(acl.role ?? '') && (acl.state ?? 'APPROVED') === 'APPROVED')
        urns.add(urn);
    }
    const accounts: ConnectableAccount[] = [];
    for (const urn of urns) {
      const id = urn.split(':').pop()!;
      const org = await get<{ localizedName?: string; vanityName?: string }>(`${LINKEDIN_API.rest}/organizations/${id}`, tokens, ctx, true);
      const name = org.localizedName ?? `LinkedIn page ${id}`;
      accounts.push({
        remoteId: urn,
        kind: 'organization',
        name,
        ...(org.vanityName ? { handle: org.vanityName } : {}),
        settings: {
          authorUrn: urn,
          organizationUrn: urn,
          kind: 'organization',
          name,
          ...(org.vanityName ? { vanityName: org.vanityName } : {}),
        },
      });
    }
    return accounts;
  }

  return {
    authorizeUrl: () => LINKEDIN_API.authorize,
    tokenUrl: () => LINKEDIN_API.token,
    scopes: options.organizations === false ? [...LINKEDIN_MEMBER_SCOPES] : [...LINKEDIN_MEMBER_SCOPES, ...LINKEDIN_ORGANIZATION_SCOPES],
    scopeSeparator: ' ',
    pkce: false,
    clientAuth: 'body',
    // Access tokens live 60 days: renew three days ahead, well inside the framework's week of warning.
    refreshAheadMs: 3 * 24 * 60 * 60_000,

    async listAccounts(tokens, ctx) {
      // OpenID Connect userinfo: `sub` is the member's id, the person URN's last part.
      const me = await get<{ sub?: string; name?: string; given_name?: string; family_name?: string; picture?: string }>(
        LINKEDIN_API.userinfo,
        tokens,
        ctx,
        false,
      );
      if (!me.sub) throw new NetworkError('permanent', 'unexpected_response', 'LinkedIn userinfo answered without the member id (sub)');
      const personUrn = `urn:li:person:${me.sub}`;
      const name = me.name ?? ([me.given_name, me.family_name].filter(Boolean).join(' ') || 'LinkedIn member');
      const profile: ConnectableAccount = {
        remoteId: personUrn,
        kind: 'profile',
        name,
        ...(me.picture ? { avatarUrl: me.picture } : {}),
        settings: { authorUrn: personUrn, kind: 'profile', name },
      };
      return [profile, ...(await organizations(tokens, ctx))];
    },

    async refresh(tokens, app, ctx) {
      if (!tokens.refreshToken)
        throw new NetworkError('auth', 'refresh_refused', 'LinkedIn gave this connection no refresh token: sign in again');
      const renewed = await tokenRequest(
        { grant_type: 'refresh_token', refresh_token: tokens.refreshToken, client_id: app.clientId, client_secret: app.clientSecret ?? '' },
        ctx,
        'refresh',
      );
      // LinkedIn may answer the same refresh token (its life counts down) or a new one: keep what it says.
      return {
        ...renewed,
        refreshToken: renewed.refreshToken ?? tokens.refreshToken,
        refreshExpiresAt: renewed.refreshExpiresAt ?? tokens.refreshExpiresAt,
      };
    },

    async exchangeCode(code, redirectUri, app, ctx) {
      return tokenRequest(
        {
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
          client_id: app.clientId,
          client_secret: app.clientSecret ?? '',
        },
        ctx,
        'exchange',
      );
    },
  };
}
