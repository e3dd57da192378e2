import { workspaceKey } from '../../shared/query-keys.ts';

/** Query keys of the listening feature. */
export const listeningKeys = {
  /** The kinds of source and their forms: the same for every workspace. */
  sourceKinds: () => ['listening', 'source-kinds'] as const,
  all: (workspaceId: string) => [...workspaceKey(workspaceId), 'listening'] as const,
  queries: (workspaceId: string) => [...workspaceKey(workspaceId), 'listening', 'queries'] as const,
  sources: (workspaceId: string) => [...workspaceKey(workspaceId), 'listening', 'sources'] as const,
  alerts: (workspaceId: string) => [...workspaceKey(workspaceId), 'listening', 'alerts'] as const,
  alertSettings: (workspaceId: string) => [...workspaceKey(workspaceId), 'listening', 'alert-settings'] as const,
  mentions: (workspaceId: string, search: string) => [...workspaceKey(workspaceId), 'listening', 'mentions', search] as const,
  dashboard: (workspaceId: string, days: string) => [...workspaceKey(workspaceId), 'listening', 'dashboard', days] as const,
};
