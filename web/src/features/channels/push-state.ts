import { useQuery } from '@tanstack/react-query';
import { apiCall } from '../../api/client.ts';
import { inboxKeys } from '../inbox/api.ts';

/**
 * Whether each channel takes pushes (its push secret is set), by channel id, from the inbox's channel list:
 * the push cards say "on" or "off" and offer only what changes it. Undefined while it loads.
 */
export function usePushConfigured(workspaceId: string, enabled: boolean): Map<string, boolean> | undefined {
  const channels = useQuery({
    queryKey: inboxKeys.channels(workspaceId),
    enabled,
    queryFn: async () => (await apiCall('get', '/api/v1/workspaces/{workspaceId}/inbox/channels', { params: { workspaceId } })).items,
  });
  return channels.data ? new Map(channels.data.map((c) => [c.channelId, c.pushConfigured])) : undefined;
}
