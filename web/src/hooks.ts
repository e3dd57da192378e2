import { useQuery } from '@tanstack/react-query';
import { api, type Channel, type Member, type NetworkInfo } from './api.ts';
import { useWorkspace } from './session.tsx';

/** The networks Plaza knows, with limits and connection fields. */
export function useNetworks() {
  return useQuery({ queryKey: ['networks'], queryFn: async () => (await api<{ items: NetworkInfo[] }>('GET', '/networks')).items, staleTime: Infinity });
}

/** The selected workspace's channels. */
export function useChannels() {
  const workspace = useWorkspace();
  return useQuery({ queryKey: ['ws', workspace.id, 'channels'], queryFn: async () => (await api<{ items: Channel[] }>('GET', `/workspaces/${workspace.id}/channels`)).items });
}

/** The selected workspace's members. */
export function useMembers() {
  const workspace = useWorkspace();
  return useQuery({ queryKey: ['ws', workspace.id, 'members'], queryFn: async () => (await api<{ items: Member[] }>('GET', `/workspaces/${workspace.id}/members`)).items });
}
