/** Posts API shapes, derived from the generated schema (api/schema.d.ts). */
import type { ApiItem, ApiResponse } from '../../api/types.ts';

/** One post of GET posts (with its publications). */
export type Post = ApiItem<'/api/v1/workspaces/{workspaceId}/posts', 'get'>;

/** A post's state (the schema's enum). */
export type PostState = Post['state'];

export const POST_STATES: PostState[] = ['draft', 'in_review', 'approved', 'scheduled', 'publishing', 'published', 'failed', 'canceled'];

/** GET posts/{postId}: the post with its attempts, comments and history. */
export type PostDetail = ApiResponse<'/api/v1/workspaces/{workspaceId}/posts/{postId}', 'get'>;

/** One channel's publication of a post. */
export type Publication = Post['publications'][number];

/** Per-channel options a network may support. */
export type PublicationOptions = Publication['options'];

export type Visibility = NonNullable<PublicationOptions['visibility']>;

export const VISIBILITIES: Visibility[] = ['public', 'unlisted', 'private', 'direct'];

/** One channel's validation issues (POST posts/validate; also a 422's details). */
export type ChannelIssues = ApiResponse<'/api/v1/workspaces/{workspaceId}/posts/validate', 'post'>['channels'][number];

export type ValidationIssue = ChannelIssues['issues'][number];

/** GET analytics/suggest-time: the next best hour to post, or why there is none. */
export type TimeSuggestion = ApiResponse<'/api/v1/workspaces/{workspaceId}/analytics/suggest-time', 'get'>;

/** An uploaded image (typed from the media route's response schema). */
export type MediaUpload = ApiResponse<'/api/v1/workspaces/{workspaceId}/media', 'post'>;
