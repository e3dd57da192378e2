/**
 * Posts API shapes. Hand-declared (each marked "until the route has a response schema"): swap each for
 * ApiResponse / ApiItem from api/types.ts once the server declares the route's response schema and
 * `npm run gen:api` regenerates api/schema.d.ts.
 */
import type { ApiResponse } from '../../api/types.ts';
export type PostState = 'draft' | 'in_review' | 'approved' | 'scheduled' | 'publishing' | 'published' | 'failed' | 'canceled';

export const POST_STATES: PostState[] = ['draft', 'in_review', 'approved', 'scheduled', 'publishing', 'published', 'failed', 'canceled'];

// until the route has a response schema
export interface ValidationIssue {
  field: string;
  code: string;
  message: string;
  messageEs?: string;
}

// until the route has a response schema
export interface ChannelIssues {
  channelId: string;
  network: string;
  issues: ValidationIssue[];
}

// until the route has a response schema
export interface Publication {
  id: string;
  channelId: string;
  network: string;
  text: string;
  state: string;
  dueAt: string | null;
  attempts: number;
  remoteId: string | null;
  remoteUrl: string | null;
  error: { code: string; message: string } | null;
  publishedAt: string | null;
  media?: Array<{ mediaId: string; alt?: string }>;
  thread?: Array<{ text: string; media: Array<{ mediaId: string; alt?: string }> }>;
  options?: PublicationOptions;
}

/** Per-channel options a network may support. */
// until the route has a response schema
export interface PublicationOptions {
  visibility?: Visibility;
  contentWarning?: string;
  language?: string;
}

export type Visibility = 'public' | 'unlisted' | 'private' | 'direct';

export const VISIBILITIES: Visibility[] = ['public', 'unlisted', 'private', 'direct'];

/** GET analytics/suggest-time: the next best hour to post, or why there is none. */
// until the route has a response schema
export interface TimeSuggestion {
  suggestion: string | null;
  localTime?: string;
  timeZone?: string;
  reason: string | null;
}

// until the route has a response schema
export interface Post {
  id: string;
  authorId: string | null;
  content: string;
  state: PostState;
  scheduledAt: string | null;
  campaignId: string | null;
  objectiveId?: string | null;
  segmentId?: string | null;
  pillarId?: string | null;
  createdAt: string;
  updatedAt: string;
  publications: Publication[];
}

// until the route has a response schema
export interface PostDetail extends Post {
  attempts: Array<{ id: string; publication_id: string; started_at: string; finished_at: string | null; outcome: string; error_kind: string | null; error_code: string | null; error_message: string | null }>;
  comments: Array<{ id: string; body: string; kind: string; created_at: string; authorName: string | null }>;
  history: Array<{ id: string; type: string; actor_user_id: string | null; created_at: string; data: Record<string, unknown> }>;
}

/** An uploaded image (typed from the media route's response schema). */
export type MediaUpload = ApiResponse<'/api/v1/workspaces/{workspaceId}/media', 'post'>;
