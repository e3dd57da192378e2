import { useQuery } from '@tanstack/react-query';
import { api, type Channel, type Member, type NetworkInfo, type StrategyItem, type StrategyKind } from '../api/client.ts';
import { useWorkspace } from './session.tsx';
import { channelsPath, takePrefetched } from '../features/calendar/CalendarData.ts';

/** The networks Plaza knows, with limits and connection fields. */
export function useNetworks() {
  return useQuery({ queryKey: ['networks'], queryFn: async () => (await api<{ items: NetworkInfo[] }>('GET', '/networks')).items, staleTime: Infinity });
}

/** The selected workspace's channels. */
export function useChannels() {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: ['ws', workspace.id, 'channels'],
    // The calendar's boot-time prefetch may already hold them.
    initialData: () => takePrefetched<{ items: Channel[] }>(channelsPath(workspace.id))?.items,
    queryFn: async () => (await api<{ items: Channel[] }>('GET', channelsPath(workspace.id))).items,
  });
}

/** The selected workspace's members; `enabled: false` defers the request (e.g. until the page's main data is in). */
export function useMembers(enabled = true) {
  const workspace = useWorkspace();
  return useQuery({ queryKey: ['ws', workspace.id, 'members'], enabled, queryFn: async () => (await api<{ items: Member[] }>('GET', `/workspaces/${workspace.id}/members`)).items });
}

/** One kind of the workspace's strategy items (campaigns, objectives, segments or pillars), for pickers and filters. */
export function useStrategyItems(kind: StrategyKind, enabled = true) {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: ['ws', workspace.id, 'strategy', kind],
    enabled,
    staleTime: 60_000,
    queryFn: async () => (await api<{ items: StrategyItem[] }>('GET', `/workspaces/${workspace.id}/${kind}`)).items,
  });
}

/** The workspace's campaigns (id and name first). */
export function useCampaigns(enabled = true) {
  return useStrategyItems('campaigns', enabled);
}
