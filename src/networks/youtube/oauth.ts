/**
 * Sign in with Google for YouTube: the channels the Google account owns (channels.list mine=true)
 * become the picker's choices. A brand account's channel is chosen on Google's own screen during
 * sign-in (the account picker), so one sign-in lists one channel, sometimes none.
 */
import { createGoogleOAuthProvider } from '../google-api/oauth.ts';
import type { OAuthProvider } from '../oauth.ts';
import { YOUTUBE_API, YOUTUBE_SCOPES, type YouTubeChannelResource, type YouTubeList } from './api.ts';

export function createYouTubeOAuthProvider(options: { fetch?: typeof fetch; now?: () => number } = {}): OAuthProvider {
  return createGoogleOAuthProvider({
    network: 'YouTube',
    scopes: YOUTUBE_SCOPES,
    ...options,
    async listAccounts(get) {
      const list = await get<YouTubeList<YouTubeChannelResource>>(
        `${YOUTUBE_API.base}/channels?part=snippet,contentDetails,statistics&mine=true&maxResults=50`,
      );
      return (list.items ?? []).map((channel) => {
        const name = channel.snippet?.title ?? `YouTube ${channel.id}`;
        const uploads = channel.contentDetails?.relatedPlaylists?.uploads;
        return {
          remoteId: channel.id,
          kind: 'channel' as const,
          name,
          ...(channel.snippet?.customUrl ? { handle: channel.snippet.customUrl } : {}),
          ...(channel.snippet?.thumbnails?.default?.url ? { avatarUrl: channel.snippet.thumbnails.default.url } : {}),
          settings: { channelId: channel.id, name, ...(uploads ? { uploadsPlaylistId: uploads } : {}) },
        };
      });
    },
  });
}
