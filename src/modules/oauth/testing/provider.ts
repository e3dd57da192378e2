/**
 * A test-only network that signs in at the in-process authorization server (oidc-server.ts): its
 * OAuthProvider uses the standard endpoints (no afterExchange, no own refresh), lists the signed-in
 * user as the one connectable account, and "publishes" by calling userinfo with the access token,
 * so an expired or revoked token is refused exactly as a real network refuses it.
 */
import { networkUrl } from '../../../networks/endpoints.ts';
import type { OAuthProvider } from '../../../networks/oauth.ts';
import { NetworkError, type ChannelContext, type NetworkAdapter } from '../../../networks/types.ts';

export const TEST_NETWORK = 'oidctest';

async function userinfo(issuer: string, accessToken: unknown, origin?: string) {
  const response = await fetch(networkUrl(`${issuer}/me`, origin), { headers: { authorization: `Bearer ${String(accessToken)}` } });
  if (response.status === 401) throw new NetworkError('auth', 'invalid_token', 'The access token was refused', { status: 401 });
  if (!response.ok) throw new NetworkError('transient', `http_${response.status}`, 'userinfo failed', { status: response.status });
  return (await response.json()) as { sub: string; name?: string; preferred_username?: string };
}

export function testProvider(issuer: string, overrides: Partial<OAuthProvider> = {}): OAuthProvider {
  return {
    authorizeUrl: () => `${issuer}/auth`,
    tokenUrl: () => `${issuer}/token`,
    scopes: ['openid', 'profile', 'offline_access'],
    scopeSeparator: ' ',
    pkce: true,
    clientAuth: 'basic',
    extraAuthorizeParams: { prompt: 'consent' },
    async listAccounts(tokens) {
      const me = await userinfo(issuer, tokens.accessToken);
      return [
        {
          remoteId: me.sub,
          kind: 'account',
          name: me.name ?? me.sub,
          handle: me.preferred_username,
          settings: { accountId: me.sub },
        },
      ];
    },
    async revoke(tokens, app) {
      const basic = Buffer.from(`${app.clientId}:${app.clientSecret ?? ''}`).toString('base64');
      await fetch(`${issuer}/token/revocation`, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}` },
        body: new URLSearchParams({ token: tokens.refreshToken ?? tokens.accessToken }),
      });
    },
    ...overrides,
  };
}

/** The test network's adapter: checkHealth and publish both call userinfo with the channel's token. */
export function testOAuthAdapter(issuer: string, provider: OAuthProvider = testProvider(issuer)): NetworkAdapter & { published: string[] } {
  const published: string[] = [];
  const check = async (ctx: ChannelContext) => userinfo(issuer, ctx.credentials.accessToken, ctx.origin);
  return {
    name: TEST_NETWORK,
    label: { en: 'OIDC test network', es: 'Red de prueba OIDC' },
    simulated: true,
    limits: {
      maxChars: 500,
      maxImages: 0,
      maxImageBytes: 0,
      acceptedImageTypes: [],
      maxAltChars: 0,
      supportsThreads: false,
      supportsContentWarning: false,
      supportsVisibility: false,
      postsPerMinutePerChannel: 600,
    },
    idempotency: 'deterministic-record-key',
    connectionFields: [],
    metrics: { reported: [], missing: {} },
    oauth: provider,
    published,
    validate: () => [],
    async checkHealth(ctx) {
      const me = await check(ctx);
      return { ok: true, account: { id: me.sub, handle: me.preferred_username ?? me.sub, displayName: me.name } };
    },
    async publish(ctx, input) {
      await check(ctx);
      published.push(input.publicationId);
      return { remoteId: `post-${input.publicationId}`, remoteUrl: null };
    },
    async findPublished(_ctx, input) {
      return published.includes(input.publicationId) ? { remoteId: `post-${input.publicationId}`, remoteUrl: null } : null;
    },
    async delete() {},
    async fetchMetrics() {
      return { likes: null, replies: null, reposts: null, quotes: null, impressions: null, reach: null, clicks: null, missing: {} };
    },
    async fetchMentions() {
      return [];
    },
  };
}
