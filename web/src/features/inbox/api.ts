import { useQuery } from '@tanstack/react-query';
import { apiCall } from '../../api/client.ts';
import { workspaceKey } from '../../shared/query-keys.ts';

/** Query keys of the inbox feature (under the workspace: the live stream refreshes them). */
export const inboxKeys = {
  all: (workspaceId: string) => [...workspaceKey(workspaceId), 'inbox'] as const,
  list: (workspaceId: string, search: string) => [...workspaceKey(workspaceId), 'inbox', 'list', search] as const,
  counts: (workspaceId: string) => [...workspaceKey(workspaceId), 'inbox', 'counts'] as const,
  channels: (workspaceId: string) => [...workspaceKey(workspaceId), 'inbox', 'channels'] as const,
  detail: (workspaceId: string, id: string) => [...workspaceKey(workspaceId), 'inbox', 'detail', id] as const,
  saved: (workspaceId: string, conversationId: string) => [...workspaceKey(workspaceId), 'inbox', 'saved', conversationId] as const,
  members: (workspaceId: string) => [...workspaceKey(workspaceId), 'inbox', 'members'] as const,
};

/** Each channel's inbox (capabilities, backfill, last read, push state): the inbox page and the channel cards share it. */
export function useInboxChannels(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: inboxKeys.channels(workspaceId),
    enabled,
    queryFn: async () => (await apiCall('get', '/api/v1/workspaces/{workspaceId}/inbox/channels', { params: { workspaceId } })).items,
  });
}
