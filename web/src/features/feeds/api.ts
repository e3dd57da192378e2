import { useQuery } from '@tanstack/react-query';
import { apiCall } from '../../api/client.ts';
import type { ApiItem } from '../../api/types.ts';
import { workspaceKey } from '../../shared/query-keys.ts';
import { useWorkspace } from '../../shared/session.tsx';

export type Feed = ApiItem<'/api/v1/workspaces/{workspaceId}/feeds', 'get'>;

export const feedKeys = {
  all: (workspaceId: string) => [...workspaceKey(workspaceId), 'feeds'] as const,
  detail: (workspaceId: string, feedId: string) => [...workspaceKey(workspaceId), 'feeds', feedId] as const,
};

/** The workspace's feeds. */
export function useFeeds() {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: feedKeys.all(workspace.id),
    queryFn: async () => (await apiCall('get', '/api/v1/workspaces/{workspaceId}/feeds', { params: { workspaceId: workspace.id } })).items,
  });
}

/** One feed with its latest items (loaded when its card is opened). */
export function useFeedDetail(feedId: string, enabled: boolean) {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: feedKeys.detail(workspace.id, feedId),
    enabled,
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/feeds/{feedId}', { params: { workspaceId: workspace.id, feedId } }),
  });
}
