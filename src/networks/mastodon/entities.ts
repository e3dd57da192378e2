/**
 * The subset of Mastodon's REST entities this adapter reads.
 * https://docs.joinmastodon.org/entities/
 */

export interface MastodonAccount {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  url: string;
  followers_count: number;
}

export interface MastodonMediaAttachment {
  id: string;
  type: string;
  /** Null while the full-size file is still processing (202 from POST /api/v2/media). */
  url: string | null;
  preview_url: string | null;
  description: string | null;
}

export interface MastodonStatus {
  id: string;
  uri: string;
  url: string | null;
  created_at: string;
  in_reply_to_id: string | null;
  sensitive: boolean;
  spoiler_text: string;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  language: string | null;
  content: string;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  /** Mastodon 4.5+ only. */
  quotes_count?: number;
  account: MastodonAccount;
  media_attachments: MastodonMediaAttachment[];
}

export interface MastodonNotification {
  id: string;
  type: string;
  created_at: string;
  account: MastodonAccount;
  status?: MastodonStatus | null;
}

export interface MastodonContext {
  ancestors: MastodonStatus[];
  descendants: MastodonStatus[];
}

/** GET /api/v2/instance, configuration part only. https://docs.joinmastodon.org/entities/Instance/ */
export interface MastodonInstanceV2 {
  configuration?: {
    statuses?: { max_characters?: number; max_media_attachments?: number; characters_reserved_per_url?: number };
    media_attachments?: { supported_mime_types?: string[]; image_size_limit?: number; description_limit?: number };
  };
}
