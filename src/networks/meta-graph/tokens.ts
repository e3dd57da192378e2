/**
 * Meta's long-lived tokens (this folder is a library, not a network: see version.ts).
 *
 * - Facebook Login: the code exchange gives a short-lived user token (about an hour);
 *   `grant_type=fb_exchange_token` turns it into a long-lived one (about 60 days). Page tokens
 *   read with a long-lived user token do not expire.
 * - Instagram Login: `ig_exchange_token` turns the short-lived token into a 60-day one;
 *   `ig_refresh_token` renews a long-lived token that is at least 24 hours old and still valid.
 * A refusal is a NetworkError `auth` carrying Meta's reason, so the channel goes to "needs reconnect".
 */
import type { OAuthAppCredentials, OAuthCallContext, OAuthTokens } from '../oauth.ts';
import { NetworkError } from '../types.ts';
import { createGraphClient, type GraphClientOptions } from './client.ts';
import { META_HOSTS, graphUrl } from './version.ts';

interface TokenAnswer {
  access_token?: string;
  token_type?: string;
  expires_in?: number;
}

/** Options of the token calls (tests inject fetch and clock). */
export type TokenCallOptions = Omit<GraphClientOptions, 'network'>;

function callContext(ctx: OAuthCallContext) {
  return { origin: ctx.origin, allowPrivateUrls: ctx.allowPrivateUrls, signal: ctx.signal };
}

/** Rate limits and outages stay as they are (retry later); any other refusal means the token is gone. */
function asRefusal(error: unknown, network: string): never {
  if (error instanceof NetworkError && (error.kind === 'rate_limited' || error.kind === 'transient')) throw error;
  const reason = error instanceof Error ? error.message : String(error);
  const code = error instanceof NetworkError && error.code === 'token_expired' ? 'token_expired' : 'refresh_refused';
  throw new NetworkError(
    'auth',
    code,
    `${network} refused to renew the token: ${reason}`,
    error instanceof NetworkError ? error.details : {},
  );
}

function withAnswer(tokens: OAuthTokens, answer: TokenAnswer, now: number, network: string): OAuthTokens {
  if (typeof answer.access_token !== 'string' || answer.access_token === '') {
    throw new NetworkError('auth', 'refresh_refused', `${network} answered the token exchange without a token`);
  }
  const renewed: OAuthTokens = { ...tokens, accessToken: answer.access_token };
  if (typeof answer.expires_in === 'number' && answer.expires_in > 0)
    renewed.expiresAt = new Date(now + answer.expires_in * 1000).toISOString();
  else delete renewed.expiresAt;
  return renewed;
}

/** Facebook Login: short- (or long-) lived user token → long-lived user token (fb_exchange_token). */
export async function exchangeFacebookLongLivedToken(
  tokens: OAuthTokens,
  app: OAuthAppCredentials,
  ctx: OAuthCallContext,
  options: TokenCallOptions = {},
): Promise<OAuthTokens> {
  const now = options.now ?? Date.now;
  const request = createGraphClient(callContext(ctx), { ...options, network: 'Facebook' });
  try {
    const { body } = await request<TokenAnswer>({
      method: 'GET',
      url: graphUrl(META_HOSTS.graph, 'oauth/access_token', {
        grant_type: 'fb_exchange_token',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        fb_exchange_token: tokens.accessToken,
      }),
    });
    return withAnswer(tokens, body, now(), 'Facebook');
  } catch (error) {
    return asRefusal(error, 'Facebook');
  }
}

/** Instagram Login: short-lived token → 60-day token (ig_exchange_token). */
export async function exchangeInstagramLongLivedToken(
  tokens: OAuthTokens,
  app: OAuthAppCredentials,
  ctx: OAuthCallContext,
  options: TokenCallOptions = {},
): Promise<OAuthTokens> {
  const now = options.now ?? Date.now;
  const request = createGraphClient(callContext(ctx), { ...options, network: 'Instagram' });
  const url = new URL(`https://${META_HOSTS.instagramGraph}/access_token`);
  url.searchParams.set('grant_type', 'ig_exchange_token');
  if (app.clientSecret) url.searchParams.set('client_secret', app.clientSecret);
  url.searchParams.set('access_token', tokens.accessToken);
  try {
    const { body } = await request<TokenAnswer>({ method: 'GET', url: url.toString() });
    return withAnswer(tokens, body, now(), 'Instagram');
  } catch (error) {
    return asRefusal(error, 'Instagram');
  }
}

/** Instagram Login: renews a long-lived token for another 60 days (ig_refresh_token). */
export async function refreshInstagramLongLivedToken(
  tokens: OAuthTokens,
  ctx: OAuthCallContext,
  options: TokenCallOptions = {},
): Promise<OAuthTokens> {
  const now = options.now ?? Date.now;
  const request = createGraphClient(callContext(ctx), { ...options, network: 'Instagram' });
  const url = new URL(`https://${META_HOSTS.instagramGraph}/refresh_access_token`);
  url.searchParams.set('grant_type', 'ig_refresh_token');
  url.searchParams.set('access_token', tokens.accessToken);
  try {
    const { body } = await request<TokenAnswer>({ method: 'GET', url: url.toString() });
    return withAnswer(tokens, body, now(), 'Instagram');
  } catch (error) {
    return asRefusal(error, 'Instagram');
  }
}
