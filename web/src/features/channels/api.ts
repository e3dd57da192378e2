import { useQuery } from '@tanstack/react-query';
import { apiCall } from '../../api/client.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { workspaceKey } from '../../shared/query-keys.ts';
import { channelsPath, reusePrefetched, takePrefetched } from '../calendar/CalendarData.ts';
import type { Channel } from './types.ts';

/** Query keys of the channels feature. */
export const channelKeys = {
  networks: () => ['networks'] as const,
  list: (workspaceId: string) => [...workspaceKey(workspaceId), 'channels'] as const,
};

/** The networks Plaza knows, with limits and connection fields. */
export function useNetworks() {
  return useQuery({
    queryKey: channelKeys.networks(),
    queryFn: async () => (await apiCall('get', '/api/v1/networks')).items,
    staleTime: Infinity,
  });
}

/** The selected workspace's channels. */
export function useChannels() {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: channelKeys.list(workspace.id),
    // The calendar's boot-time prefetch may already hold them.
    initialData: () => takePrefetched<{ items: Channel[] }>(channelsPath(workspace.id))?.items,
    // …or have them on the way: then that request is awaited, not asked again.
    queryFn: async () =>
      (
        await reusePrefetched(channelsPath(workspace.id), () =>
          apiCall('get', '/api/v1/workspaces/{workspaceId}/channels', { params: { workspaceId: workspace.id } }),
        )
      ).items,
  });
}
