import { useQuery } from '@tanstack/react-query';
import { apiCall } from '../../api/client.ts';
import type { ApiItem } from '../../api/types.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { workspaceKey } from '../../shared/query-keys.ts';

export type Queue = ApiItem<'/api/v1/workspaces/{workspaceId}/queues', 'get'>;
export type QueueSlot = Queue['slots'][number];

export const queueKeys = {
  all: (workspaceId: string) => [...workspaceKey(workspaceId), 'queues'] as const,
  detail: (workspaceId: string, queueId: string) => [...workspaceKey(workspaceId), 'queues', queueId] as const,
};

/** The workspace's queues (the composer's "add to queue" and the Queues page). */
/** The workspace's queues; `enabled` false waits (the calendar asks only once its posts are drawn). */
export function useQueues(enabled = true) {
  const workspace = useWorkspace();
  return useQuery({
    enabled,
    queryKey: queueKeys.all(workspace.id),
    queryFn: async () => (await apiCall('get', '/api/v1/workspaces/{workspaceId}/queues', { params: { workspaceId: workspace.id } })).items,
  });
}
