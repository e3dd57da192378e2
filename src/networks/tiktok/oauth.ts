/**
 * Sign in with TikTok (Login Kit for web, OAuth 2.0 authorization code). TikTok names the client id
 * `client_key`, joins scopes with commas, and takes the app's key and secret in the token request's
 * body. Access tokens live 24 hours, refresh tokens a year (the standard refresh_token grant).
 * The picker offers the signed-in creator's account, with the creator info TikTok asks apps to
 * show (privacy levels, interactions the creator turned off, longest video) kept on the channel.
 */
import type { ConnectableAccount, OAuthProvider } from '../oauth.ts';
import { NetworkError } from '../types.ts';
import { TIKTOK_API, createTikTokClient } from './api.ts';
import { creatorSettings } from './creator.ts';

/** Profile and follower count, direct posting, inbox drafts, and the creator's videos (reconcile, metrics). */
export const TIKTOK_SCOPES = [
  'user.info.basic',
  'user.info.profile',
  'user.info.stats',
  'video.publish',
  'video.upload',
  'video.list',
] as const;

export function createTikTokOAuthProvider(options: { fetch?: typeof fetch; requestTimeoutMs?: number } = {}): OAuthProvider {
  return {
    authorizeUrl: () => TIKTOK_API.authorize,
    tokenUrl: () => TIKTOK_API.token,
    scopes: [...TIKTOK_SCOPES],
    scopeSeparator: ',',
    pkce: false,
    clientAuth: 'body',
    clientIdParam: 'client_key',
    // Access tokens live a day: renew two hours ahead.
    refreshAheadMs: 2 * 60 * 60_000,

    async listAccounts(tokens, ctx) {
      const channelCtx = {
        channelId: 'sign-in',
        settings: {},
        credentials: { accessToken: tokens.accessToken },
        ...(ctx.origin ? { origin: ctx.origin } : {}),
        ...(ctx.allowPrivateUrls ? { allowPrivateUrls: true } : {}),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      };
      const request = createTikTokClient(channelCtx, { fetch: options.fetch, requestTimeoutMs: options.requestTimeoutMs ?? 30_000 });
      const { user } = await request<{ user?: { open_id?: string; username?: string; display_name?: string; avatar_url?: string } }>({
        method: 'GET',
        path: '/user/info/',
        query: [['fields', 'open_id,display_name,username,avatar_url']],
      });
      if (!user?.open_id) throw new NetworkError('permanent', 'unexpected_response', 'TikTok answered the user info without the open_id');
      const granted = tokens.scopes ?? [];
      const directPost = granted.length === 0 || granted.includes('video.publish');
      let creator = {};
      try {
        creator = await request({ method: 'POST', path: '/post/publish/creator_info/query/' });
      } catch (error) {
        // Without video.publish (an app only approved for drafts) there is no creator info: drafts only.
        if (!(error instanceof NetworkError && error.kind === 'auth')) throw error;
      }
      const name = user.display_name ?? user.username ?? 'TikTok';
      const account: ConnectableAccount = {
        remoteId: user.open_id,
        kind: 'account',
        name,
        ...(user.username ? { handle: user.username } : {}),
        ...(user.avatar_url ? { avatarUrl: user.avatar_url } : {}),
        settings: {
          openId: user.open_id,
          ...(user.username ? { username: user.username } : {}),
          displayName: name,
          ...creatorSettings(creator, directPost && Object.keys(creator).length > 0),
        },
      };
      return [account];
    },
  };
}
