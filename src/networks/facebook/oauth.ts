/**
 * Facebook Login for a Page manager: the sign-in provider of the `facebook` network.
 *
 * After the code exchange the short-lived user token is exchanged for a long-lived one
 * (`fb_exchange_token`, about 60 days); `listAccounts` reads `/me/accounts`, each Page with its
 * Page access token, which does not expire when read with a long-lived user token. The Page
 * token is what the adapter publishes with (`credentials.pageAccessToken`).
 */
import { createGraphClient } from '../meta-graph/client.ts';
import { exchangeFacebookLongLivedToken, type TokenCallOptions } from '../meta-graph/tokens.ts';
import { GRAPH_API_VERSION, META_HOSTS, graphUrl } from '../meta-graph/version.ts';
import type { ConnectableAccount, OAuthCallContext, OAuthProvider, OAuthTokens } from '../oauth.ts';

/** Facebook Login scopes for Pages (each explained in docs/networks/facebook.md). */
export const FACEBOOK_SCOPES = [
  'pages_show_list',
  'pages_manage_posts',
  'pages_read_engagement',
  'pages_read_user_content',
  'read_insights',
  'business_management',
  // The inbox: hide, delete, like and answer comments; Messenger conversations.
  'pages_manage_engagement',
  'pages_messaging',
] as const;

interface PageEntry {
  id: string;
  name?: string;
  username?: string;
  access_token?: string;
  picture?: { data?: { url?: string } };
}

interface Paged<T> {
  data?: T[];
  paging?: { next?: string; cursors?: { after?: string } };
}

const callContext = (ctx: OAuthCallContext) => ({ origin: ctx.origin, allowPrivateUrls: ctx.allowPrivateUrls, signal: ctx.signal });

/** Reads every Page the user manages (following `paging.cursors.after`, at most 10 pages of 100). */
export async function listFacebookPages(tokens: OAuthTokens, ctx: OAuthCallContext, options: TokenCallOptions = {}): Promise<PageEntry[]> {
  const request = createGraphClient(callContext(ctx), { ...options, network: 'Facebook' });
  const pages: PageEntry[] = [];
  let after: string | undefined;
  for (let round = 0; round < 10; round += 1) {
    const { body } = await request<Paged<PageEntry>>({
      method: 'GET',
      url: graphUrl(META_HOSTS.graph, 'me/accounts', { fields: 'id,name,username,access_token,picture{url}', limit: 100, after }),
      token: tokens.accessToken,
    });
    pages.push(...(body.data ?? []));
    after = body.paging?.next ? body.paging.cursors?.after : undefined;
    if (!after) break;
  }
  return pages;
}

/** The Facebook Login provider (tests inject fetch and clock through `options`). */
export function createFacebookOAuthProvider(options: TokenCallOptions = {}): OAuthProvider {
  return {
    authorizeUrl: () => `https://${META_HOSTS.facebookWeb}/${GRAPH_API_VERSION}/dialog/oauth`,
    tokenUrl: () => graphUrl(META_HOSTS.graph, 'oauth/access_token'),
    scopes: FACEBOOK_SCOPES,
    scopeSeparator: ',',
    // Facebook Login's code flow is a confidential client with the app secret; PKCE is not required.
    pkce: false,
    clientAuth: 'body',
    extraAuthorizeParams: { response_type: 'code' },
    // Long-lived user tokens last about 60 days: renew a week ahead.
    refreshAheadMs: 7 * 24 * 60 * 60_000,
    async afterExchange(tokens, app, ctx) {
      const longLived = await exchangeFacebookLongLivedToken(tokens, app, ctx, options);
      const request = createGraphClient(callContext(ctx), { ...options, network: 'Facebook' });
      const { body } = await request<{ id: string; name?: string }>({
        method: 'GET',
        url: graphUrl(META_HOSTS.graph, 'me', { fields: 'id,name' }),
        token: longLived.accessToken,
      });
      return { ...longLived, extra: { ...longLived.extra, userId: body.id } };
    },
    async listAccounts(tokens, ctx): Promise<ConnectableAccount[]> {
      const pages = await listFacebookPages(tokens, ctx, options);
      return pages
        .filter((page) => typeof page.access_token === 'string')
        .map((page) => ({
          remoteId: page.id,
          kind: 'page' as const,
          name: page.name ?? page.id,
          ...(page.username ? { handle: page.username } : {}),
          ...(page.picture?.data?.url ? { avatarUrl: page.picture.data.url } : {}),
          settings: { pageId: page.id, pageName: page.name ?? page.id },
          credentials: { pageAccessToken: page.access_token },
        }));
    },
    // A long-lived user token is renewed by exchanging it again while it is still valid.
    refresh: (tokens, app, ctx) => exchangeFacebookLongLivedToken(tokens, app, ctx, options),
    async revoke(tokens, _app, ctx) {
      const request = createGraphClient(callContext(ctx), { ...options, network: 'Facebook' });
      await request({
        method: 'DELETE',
        url: graphUrl(META_HOSTS.graph, 'me/permissions'),
        token: tokens.accessToken,
        ambiguousOnTimeout: false,
      });
    },
  };
}

/** The provider Plaza ships with. */
export const facebookOAuthProvider = createFacebookOAuthProvider();
