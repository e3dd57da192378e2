/** YouTube Data API v3 endpoints, pinned in this one place (official URLs; tests send them elsewhere with networkUrl). */
export const YOUTUBE_API = {
  base: 'https://www.googleapis.com/youtube/v3',
  upload: 'https://www.googleapis.com/upload/youtube/v3',
  watch: 'https://www.youtube.com/watch?v=',
  shorts: 'https://www.youtube.com/shorts/',
} as const;

/** Scopes: upload and manage videos, read the channel and its comments, answer comments. */
export const YOUTUBE_SCOPES = [
  'https://www.googleapis.com/auth/youtube.upload',
  'https://www.googleapis.com/auth/youtube.readonly',
  'https://www.googleapis.com/auth/youtube.force-ssl',
] as const;

export interface YouTubeChannelResource {
  id: string;
  snippet?: { title?: string; customUrl?: string; thumbnails?: { default?: { url?: string } } };
  contentDetails?: { relatedPlaylists?: { uploads?: string } };
  statistics?: { subscriberCount?: string; hiddenSubscriberCount?: boolean; videoCount?: string; viewCount?: string };
}

export interface YouTubeVideoResource {
  id: string;
  snippet?: { title?: string; description?: string; publishedAt?: string; channelId?: string; tags?: string[]; categoryId?: string };
  status?: { uploadStatus?: string; privacyStatus?: string; selfDeclaredMadeForKids?: boolean; madeForKids?: boolean; publishAt?: string };
  statistics?: { viewCount?: string; likeCount?: string; commentCount?: string; favoriteCount?: string };
}

export interface YouTubeList<T> {
  items?: T[];
  nextPageToken?: string;
  pageInfo?: { totalResults?: number; resultsPerPage?: number };
}

export interface YouTubePlaylistItem {
  id: string;
  snippet?: { title?: string; description?: string; publishedAt?: string; resourceId?: { kind?: string; videoId?: string } };
  contentDetails?: { videoId?: string; videoPublishedAt?: string };
}

export interface YouTubeComment {
  id: string;
  snippet?: {
    textOriginal?: string;
    textDisplay?: string;
    authorDisplayName?: string;
    authorChannelUrl?: string;
    authorProfileImageUrl?: string;
    authorChannelId?: { value?: string };
    publishedAt?: string;
    videoId?: string;
    parentId?: string;
  };
}

export interface YouTubeCommentThread {
  id: string;
  snippet?: { videoId?: string; channelId?: string; topLevelComment?: YouTubeComment; totalReplyCount?: number };
  replies?: { comments?: YouTubeComment[] };
}
