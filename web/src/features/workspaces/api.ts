import { useQuery } from '@tanstack/react-query';
import { apiCall } from '../../api/client.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { workspaceKey } from '../../shared/query-keys.ts';

/** Query keys of the workspaces feature. */
export const workspaceKeys = {
  all: (workspaceId: string) => workspaceKey(workspaceId),
  detail: (workspaceId: string) => [...workspaceKey(workspaceId), 'workspace'] as const,
  members: (workspaceId: string) => [...workspaceKey(workspaceId), 'members'] as const,
  invitations: (workspaceId: string) => [...workspaceKey(workspaceId), 'invitations'] as const,
};

/** The selected workspace's settings. */
export function useWorkspaceDetail(workspaceId: string) {
  return useQuery({
    queryKey: workspaceKeys.detail(workspaceId),
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}', { params: { workspaceId } }),
  });
}

/** The selected workspace's members; `enabled: false` defers the request (e.g. until the page's main data is in). */
export function useMembers(enabled = true) {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: workspaceKeys.members(workspace.id),
    enabled,
    queryFn: async () =>
      (await apiCall('get', '/api/v1/workspaces/{workspaceId}/members', { params: { workspaceId: workspace.id } })).items,
  });
}
