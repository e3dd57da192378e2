/**
 * Sign in with Threads (OAuth 2.0 authorization code; Threads documents no PKCE).
 *
 * - authorize: https://threads.net/oauth/authorize (client_id, redirect_uri, scope joined by ',',
 *   response_type=code, state);
 * - code exchange: POST https://graph.threads.net/oauth/access_token (client id and secret in the
 *   body) → `{ access_token, user_id }`, a short-lived token (1 hour);
 * - afterExchange: GET /access_token?grant_type=th_exchange_token&client_secret=…&access_token=…
 *   → a long-lived token (`expires_in` ≈ 60 days);
 * - refresh: GET /refresh_access_token?grant_type=th_refresh_token&access_token=… (the long-lived
 *   token renews itself: there is no refresh token; allowed once it is 24 hours old and unexpired),
 *   done 7 days before expiry;
 * - listAccounts: the signed-in Threads profile itself (GET /me).
 */
import { guardedFetch } from '../../lib/safe-fetch.ts';
import type { ConnectableAccount, OAuthAppCredentials, OAuthCallContext, OAuthProvider, OAuthTokens } from '../oauth.ts';
import { NetworkError } from '../types.ts';
import { THREADS_AUTHORIZE_URL, THREADS_GRAPH_HOST, THREADS_TOKEN_URL, createThreadsClient, type ThreadsRequestFn } from './api.ts';

export const THREADS_SCOPES = [
  'threads_basic',
  'threads_content_publish',
  'threads_manage_replies',
  'threads_read_replies',
  'threads_manage_insights',
  'threads_manage_mentions',
  'threads_delete',
] as const;

/** Long-lived tokens last 60 days; renew a week ahead. */
export const THREADS_REFRESH_AHEAD_MS = 7 * 24 * 60 * 60_000;

export interface ThreadsOAuthOptions {
  /** Tests only: replaces the guarded fetch. */
  fetch?: typeof fetch;
  now?: () => number;
  requestTimeoutMs?: number;
}

interface TokenAnswer {
  access_token?: unknown;
  expires_in?: unknown;
  token_type?: unknown;
}

export interface ThreadsProfile {
  id: string;
  username?: string;
  name?: string;
  threads_profile_picture_url?: string;
}

const PROFILE_FIELDS = 'id,username,name,threads_profile_picture_url';

/** The Threads sign-in provider; `threadsOAuth` is the default instance. */
export function createThreadsOAuth(options: ThreadsOAuthOptions = {}): OAuthProvider {
  const now = options.now ?? Date.now;
  const clientFor = (ctx: OAuthCallContext): ThreadsRequestFn =>
    createThreadsClient(
      { origin: ctx.origin, signal: ctx.signal },
      { fetch: options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true), now, requestTimeoutMs: options.requestTimeoutMs ?? 30_000 },
    );

  /** A token answer as OAuthTokens; a refused answer as NetworkError auth with Threads' reason. */
  function tokensFrom(body: TokenAnswer, previous: OAuthTokens, what: string): OAuthTokens {
    if (typeof body?.access_token !== 'string' || body.access_token === '') {
      throw new NetworkError('permanent', 'unexpected_response', `Unexpected answer to ${what}`);
    }
    const tokens: OAuthTokens = { accessToken: body.access_token };
    if (typeof body.expires_in === 'number') tokens.expiresAt = new Date(now() + body.expires_in * 1000).toISOString();
    if (previous.scopes) tokens.scopes = previous.scopes;
    if (previous.extra) tokens.extra = previous.extra;
    return tokens;
  }

  /** Token calls refused by Threads mean the user must sign in again: always `auth`, with the network's words. */
  async function tokenCall(what: string, call: () => Promise<TokenAnswer>): Promise<TokenAnswer> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof NetworkError && error.kind === 'permanent' && error.details.status !== undefined) {
        throw new NetworkError(
          'auth',
          error.code === 'token_expired' ? 'token_expired' : 'refresh_refused',
          `Threads refused ${what}: ${error.message}`,
          error.details,
        );
      }
      throw error;
    }
  }

  async function profile(tokens: OAuthTokens, ctx: OAuthCallContext): Promise<ThreadsProfile> {
    const { body } = await clientFor(ctx)<ThreadsProfile>({
      method: 'GET',
      path: '/me',
      query: { fields: PROFILE_FIELDS },
      token: tokens.accessToken,
    });
    if (typeof body?.id !== 'string' || body.id === '')
      throw new NetworkError('permanent', 'unexpected_response', 'Unexpected answer to /me');
    return body;
  }

  return {
    authorizeUrl: () => THREADS_AUTHORIZE_URL,
    tokenUrl: () => THREADS_TOKEN_URL,
    scopes: THREADS_SCOPES,
    scopeSeparator: ',',
    pkce: false,
    clientAuth: 'body',
    refreshAheadMs: THREADS_REFRESH_AHEAD_MS,

    async afterExchange(tokens: OAuthTokens, app: OAuthAppCredentials, ctx: OAuthCallContext): Promise<OAuthTokens> {
      if (!app.clientSecret)
        throw new NetworkError('permanent', 'missing_client_secret', 'The Threads app secret is needed to get a long-lived token');
      const body = await tokenCall('the long-lived token exchange', async () => {
        const answer = await clientFor(ctx)<TokenAnswer>({
          method: 'GET',
          path: `${THREADS_GRAPH_HOST}/access_token`,
          query: { grant_type: 'th_exchange_token', client_secret: app.clientSecret, access_token: tokens.accessToken },
        });
        return answer.body;
      });
      const long = tokensFrom(body, tokens, 'th_exchange_token');
      // The code exchange answers `user_id` as a JSON number, which loses digits past 2^53 once
      // parsed: the id is read from /me, where it is a string.
      const userId = (await profile(long, ctx)).id;
      long.extra = { ...(tokens.extra ?? {}), userId };
      // The long-lived token is its own renewal: it can be renewed until it expires.
      long.refreshExpiresAt = long.expiresAt;
      return long;
    },

    async refresh(tokens: OAuthTokens, _app: OAuthAppCredentials, ctx: OAuthCallContext): Promise<OAuthTokens> {
      const body = await tokenCall('the token refresh', async () => {
        const answer = await clientFor(ctx)<TokenAnswer>({
          method: 'GET',
          path: `${THREADS_GRAPH_HOST}/refresh_access_token`,
          query: { grant_type: 'th_refresh_token', access_token: tokens.accessToken },
        });
        return answer.body;
      });
      const renewed = tokensFrom(body, tokens, 'th_refresh_token');
      renewed.refreshExpiresAt = renewed.expiresAt;
      return renewed;
    },

    async listAccounts(tokens: OAuthTokens, ctx: OAuthCallContext): Promise<ConnectableAccount[]> {
      const me = await profile(tokens, ctx);
      const account: ConnectableAccount = {
        remoteId: me.id,
        kind: 'account',
        name: me.name || me.username || me.id,
        settings: { userId: me.id, ...(me.username ? { username: me.username } : {}) },
        credentials: { userId: me.id },
      };
      if (me.username) account.handle = me.username;
      if (me.threads_profile_picture_url) account.avatarUrl = me.threads_profile_picture_url;
      return [account];
    },
  };
}

export const threadsOAuth = createThreadsOAuth();
