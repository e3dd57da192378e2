/**
 * Signing in to Instagram professional accounts. Two ways, two providers:
 *
 * - **Instagram Login** (`instagramLoginProvider`, the `instagram` adapter's `oauth`): the account
 *   signs in on instagram.com, no Facebook Page needed; calls go to graph.instagram.com with a
 *   60-day token renewed with `ig_refresh_token`. Channel settings `{ igUserId, api: 'instagram' }`.
 * - **Facebook Login** (`instagramFacebookLoginProvider`): for accounts linked to a Facebook Page
 *   (agencies that manage them in Business Manager); calls go to graph.facebook.com with the
 *   Page token. Channel settings `{ igUserId, pageId, api: 'facebook' }`.
 *
 * The adapter reads `settings.api` and talks to the right host, so channels from either sign-in
 * work the same. The sign-in framework offers `adapter.oauth` (Instagram Login) as the button;
 * the Facebook Login provider is exported for it to offer as a second way (docs/networks/instagram.md).
 */
import { createGraphClient } from '../meta-graph/client.ts';
import {
  exchangeFacebookLongLivedToken,
  exchangeInstagramLongLivedToken,
  refreshInstagramLongLivedToken,
  type TokenCallOptions,
} from '../meta-graph/tokens.ts';
import { GRAPH_API_VERSION, META_HOSTS, graphUrl } from '../meta-graph/version.ts';
import type { ConnectableAccount, OAuthCallContext, OAuthProvider } from '../oauth.ts';

/** Instagram Login scopes (docs/networks/instagram.md says what each is for). */
export const INSTAGRAM_LOGIN_SCOPES = [
  'instagram_business_basic',
  'instagram_business_content_publish',
  'instagram_business_manage_comments',
  'instagram_business_manage_insights',
  // The inbox: direct messages.
  'instagram_business_manage_messages',
] as const;

/** Facebook Login scopes for an Instagram account linked to a Page. */
export const INSTAGRAM_FACEBOOK_LOGIN_SCOPES = [
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_comments',
  'instagram_manage_insights',
  // The inbox: direct messages.
  'instagram_manage_messages',
  'pages_show_list',
  'pages_read_engagement',
  'business_management',
] as const;

const WEEK_MS = 7 * 24 * 60 * 60_000;
const callContext = (ctx: OAuthCallContext) => ({ origin: ctx.origin, allowPrivateUrls: ctx.allowPrivateUrls, signal: ctx.signal });

interface InstagramMe {
  user_id?: string;
  id?: string;
  username?: string;
  name?: string;
  profile_picture_url?: string;
}

/** Instagram Login (graph.instagram.com). */
export function createInstagramLoginProvider(options: TokenCallOptions = {}): OAuthProvider {
  const readMe = async (accessToken: string, ctx: OAuthCallContext) => {
    const request = createGraphClient(callContext(ctx), { ...options, network: 'Instagram' });
    const { body } = await request<InstagramMe>({
      method: 'GET',
      url: graphUrl(META_HOSTS.instagramGraph, 'me', { fields: 'user_id,username,name,profile_picture_url' }),
      token: accessToken,
    });
    return body;
  };
  return {
    authorizeUrl: () => `https://${META_HOSTS.instagramWeb}/oauth/authorize`,
    tokenUrl: () => `https://${META_HOSTS.instagramApi}/oauth/access_token`,
    scopes: INSTAGRAM_LOGIN_SCOPES,
    scopeSeparator: ',',
    pkce: false,
    clientAuth: 'body',
    refreshAheadMs: WEEK_MS,
    async afterExchange(tokens, app, ctx) {
      const longLived = await exchangeInstagramLongLivedToken(tokens, app, ctx, options);
      const me = await readMe(longLived.accessToken, ctx);
      const userId = me.user_id ?? me.id;
      return { ...longLived, extra: { ...longLived.extra, ...(userId ? { userId } : {}) } };
    },
    async listAccounts(tokens, ctx): Promise<ConnectableAccount[]> {
      const me = await readMe(tokens.accessToken, ctx);
      const igUserId = me.user_id ?? me.id;
      if (!igUserId) return [];
      return [
        {
          remoteId: igUserId,
          kind: 'instagram',
          name: me.name ?? me.username ?? igUserId,
          ...(me.username ? { handle: me.username } : {}),
          ...(me.profile_picture_url ? { avatarUrl: me.profile_picture_url } : {}),
          settings: { igUserId, api: 'instagram', username: me.username ?? null },
        },
      ];
    },
    refresh: (tokens, _app, ctx) => refreshInstagramLongLivedToken(tokens, ctx, options),
  };
}

interface PageWithInstagram {
  id: string;
  name?: string;
  access_token?: string;
  instagram_business_account?: { id: string; username?: string; name?: string; profile_picture_url?: string };
}

/** Facebook Login (graph.facebook.com): the Instagram accounts linked to the user's Pages. */
export function createInstagramFacebookLoginProvider(options: TokenCallOptions = {}): OAuthProvider {
  return {
    authorizeUrl: () => `https://${META_HOSTS.facebookWeb}/${GRAPH_API_VERSION}/dialog/oauth`,
    tokenUrl: () => graphUrl(META_HOSTS.graph, 'oauth/access_token'),
    scopes: INSTAGRAM_FACEBOOK_LOGIN_SCOPES,
    scopeSeparator: ',',
    pkce: false,
    clientAuth: 'body',
    refreshAheadMs: WEEK_MS,
    afterExchange: (tokens, app, ctx) => exchangeFacebookLongLivedToken(tokens, app, ctx, options),
    async listAccounts(tokens, ctx): Promise<ConnectableAccount[]> {
      const request = createGraphClient(callContext(ctx), { ...options, network: 'Instagram' });
      const { body } = await request<{ data?: PageWithInstagram[] }>({
        method: 'GET',
        url: graphUrl(META_HOSTS.graph, 'me/accounts', {
          fields: 'id,name,access_token,instagram_business_account{id,username,name,profile_picture_url}',
          limit: 100,
        }),
        token: tokens.accessToken,
      });
      return (body.data ?? []).flatMap((page) => {
        const ig = page.instagram_business_account;
        if (!ig || !page.access_token) return [];
        return [
          {
            remoteId: ig.id,
            kind: 'instagram' as const,
            name: ig.name ?? ig.username ?? ig.id,
            ...(ig.username ? { handle: ig.username } : {}),
            ...(ig.profile_picture_url ? { avatarUrl: ig.profile_picture_url } : {}),
            settings: { igUserId: ig.id, api: 'facebook', pageId: page.id, username: ig.username ?? null },
            credentials: { pageAccessToken: page.access_token },
          },
        ];
      });
    },
    refresh: (tokens, app, ctx) => exchangeFacebookLongLivedToken(tokens, app, ctx, options),
  };
}

export const instagramLoginProvider = createInstagramLoginProvider();
export const instagramFacebookLoginProvider = createInstagramFacebookLoginProvider();
