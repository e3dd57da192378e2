import { useQuery, type UseQueryOptions } from '@tanstack/react-query';
import { apiCall } from '../../api/client.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { workspaceKey } from '../../shared/query-keys.ts';
import type { ApiBody } from '../../api/types.ts';
import type { MediaUpload, Post, PostDetail, PostState } from './types.ts';

/** Query keys of the posts feature (composer, approvals, post detail). */
export const postKeys = {
  all: (workspaceId: string) => [...workspaceKey(workspaceId), 'posts'] as const,
  list: (workspaceId: string, state: PostState) => [...workspaceKey(workspaceId), 'posts', state] as const,
  detail: (workspaceId: string, postId: string) => [...workspaceKey(workspaceId), 'post', postId] as const,
};

/** One post with its publications, attempts, comments and history. */
export function usePost(postId: string | null | undefined, options: Pick<UseQueryOptions<PostDetail>, 'enabled' | 'refetchInterval'> = {}) {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: postKeys.detail(workspace.id, postId ?? ''),
    enabled: Boolean(postId) && options.enabled !== false,
    refetchInterval: options.refetchInterval,
    queryFn: () =>
      apiCall('get', '/api/v1/workspaces/{workspaceId}/posts/{postId}', { params: { workspaceId: workspace.id, postId: postId ?? '' } }),
  });
}

/** The workspace's posts in one state (e.g. the approval queue: `in_review`). */
export function usePostsInState(state: PostState, limit = 100) {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: postKeys.list(workspace.id, state),
    queryFn: async () =>
      (await apiCall('get', '/api/v1/workspaces/{workspaceId}/posts', { params: { workspaceId: workspace.id }, query: { state, limit } }))
        .items,
  });
}

/** Uploads an image for a post (typed from the media route's response schema). */
export function uploadMedia(workspaceId: string, file: File): Promise<MediaUpload> {
  const form = new FormData();
  form.append('file', file);
  return apiCall('post', '/api/v1/workspaces/{workspaceId}/media', { params: { workspaceId }, body: form });
}

/** A new post as the API takes it (typed from the route's body schema). */
export type NewPost = ApiBody<'/api/v1/workspaces/{workspaceId}/posts', 'post'>;

/** A post's replacement content (typed from the route's body schema). */
export type PostReplacement = ApiBody<'/api/v1/workspaces/{workspaceId}/posts/{postId}', 'put'>;

/** Creates a post, optionally moving it on (`action`: submit, schedule, publish now). */
export async function createPost(workspaceId: string, body: NewPost): Promise<Post> {
  return apiCall('post', '/api/v1/workspaces/{workspaceId}/posts', { params: { workspaceId }, body });
}

/** Replaces an editable post's content, all or nothing. */
export async function replacePost(workspaceId: string, postId: string, body: PostReplacement): Promise<Post> {
  return apiCall('put', '/api/v1/workspaces/{workspaceId}/posts/{postId}', { params: { workspaceId, postId }, body });
}
