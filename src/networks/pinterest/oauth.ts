/**
 * Sign in with Pinterest (OAuth 2.0 authorization code). Pinterest takes the app's credentials as
 * HTTP Basic at its token endpoint, joins scopes with commas, and gives 30-day access tokens with a
 * refresh token (the standard refresh_token grant renews them). The picker lists the signed-in
 * account's boards: each chosen board becomes a channel.
 */
import { guardedFetch } from '../../lib/safe-fetch.ts';
import { networkUrl } from '../endpoints.ts';
import type { ConnectableAccount, OAuthCallContext, OAuthProvider, OAuthTokens } from '../oauth.ts';
import { requestFailure } from '../request-failure.ts';
import { NetworkError } from '../types.ts';
import { PINTEREST_API, errorFromResponse } from './api.ts';

/** Read the account and its boards (secret ones too), read and write pins (secret boards too). */
export const PINTEREST_SCOPES = [
  'user_accounts:read',
  'boards:read',
  'boards:read_secret',
  'pins:read',
  'pins:read_secret',
  'pins:write',
  'pins:write_secret',
] as const;

interface Board {
  id: string;
  name: string;
  privacy?: string;
  owner?: { username?: string };
}

export function createPinterestOAuthProvider(options: { fetch?: typeof fetch; requestTimeoutMs?: number } = {}): OAuthProvider {
  const timeoutMs = options.requestTimeoutMs ?? 30_000;

  async function get<T>(path: string, query: Array<[string, string]>, tokens: OAuthTokens, ctx: OAuthCallContext): Promise<T> {
    const url = new URL(networkUrl(`${PINTEREST_API.base}${path}`, ctx.origin));
    for (const [key, value] of query) url.searchParams.append(key, value);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
    let response: Response;
    let body: unknown;
    try {
      response = await (options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true))(url, {
        headers: { Authorization: `Bearer ${tokens.accessToken}`, Accept: 'application/json' },
        signal,
      });
      const text = await response.text();
      body = text ? JSON.parse(text) : null;
    } catch (error) {
      if (error instanceof SyntaxError)
        throw new NetworkError('transient', 'unexpected_response', 'Pinterest answered with something other than JSON');
      throw requestFailure(error, { network: 'Pinterest', mutating: false, timedOut: timeout.aborted });
    }
    if (!response.ok) throw errorFromResponse(response.status, body, response.headers, Date.now());
    return body as T;
  }

  return {
    authorizeUrl: () => PINTEREST_API.authorize,
    tokenUrl: () => PINTEREST_API.token,
    scopes: [...PINTEREST_SCOPES],
    scopeSeparator: ',',
    pkce: false,
    clientAuth: 'basic',
    // Access tokens live 30 days: renew a day ahead.
    refreshAheadMs: 24 * 60 * 60_000,

    async listAccounts(tokens, ctx) {
      const account = await get<{ id?: string; username?: string; profile_image?: string }>('/user_account', [], tokens, ctx);
      const boards: Board[] = [];
      let bookmark: string | null | undefined;
      for (let page = 0; page < 20; page += 1) {
        const query: Array<[string, string]> = [['page_size', '250']];
        if (bookmark) query.push(['bookmark', bookmark]);
        const answer = await get<{ items: Board[]; bookmark?: string | null }>('/boards', query, tokens, ctx);
        boards.push(...(answer.items ?? []));
        bookmark = answer.bookmark;
        if (!bookmark) break;
      }
      const username = account.username ?? '';
      return boards.map(
        (board): ConnectableAccount => ({
          remoteId: board.id,
          kind: 'board',
          name: board.name,
          ...(username ? { handle: username } : {}),
          ...(account.profile_image ? { avatarUrl: account.profile_image } : {}),
          settings: {
            boardId: board.id,
            boardName: board.name,
            ...(username ? { username } : {}),
            ...(account.id ? { userId: account.id } : {}),
            ...(board.privacy ? { boardPrivacy: board.privacy } : {}),
          },
        }),
      );
    },
  };
}
