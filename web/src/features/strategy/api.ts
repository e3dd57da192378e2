import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { workspaceKey } from '../../shared/query-keys.ts';
import type { StrategyItem, StrategyKind } from './types.ts';

/** Query keys of the strategy feature (campaigns, objectives, segments, pillars). */
export const strategyKeys = {
  all: (workspaceId: string) => [...workspaceKey(workspaceId), 'strategy'] as const,
  list: (workspaceId: string, kind: string) => [...workspaceKey(workspaceId), 'strategy', kind] as const,
};

/** One kind of the workspace's strategy items (campaigns, objectives, segments or pillars), for pickers and filters. */
export function useStrategyItems(kind: StrategyKind, enabled = true) {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: strategyKeys.list(workspace.id, kind),
    enabled,
    staleTime: 60_000,
    queryFn: async () => (await api<{ items: StrategyItem[] }>('GET', `/workspaces/${workspace.id}/${kind}`)).items,
  });
}

/** The workspace's campaigns (id and name first). */
export function useCampaigns(enabled = true) {
  return useStrategyItems('campaigns', enabled);
}
