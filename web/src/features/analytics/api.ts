import { workspaceKey } from '../../shared/query-keys.ts';

/** Query keys of the analytics feature. */
export const analyticsKeys = {
  kpis: () => ['kpis'] as const,
  all: (workspaceId: string) => [...workspaceKey(workspaceId), 'analytics'] as const,
  dashboard: (workspaceId: string, scope: string, scopeId: string | null, query: string) =>
    [...workspaceKey(workspaceId), 'analytics', scope, scopeId, query] as const,
  objective: (workspaceId: string, objectiveId: string) => [...workspaceKey(workspaceId), 'analytics', 'objective', objectiveId] as const,
  objectivesStatus: (workspaceId: string) => [...workspaceKey(workspaceId), 'analytics', 'objectives-status'] as const,
  alerts: (workspaceId: string) => [...workspaceKey(workspaceId), 'analytics', 'alerts'] as const,
  backfills: (workspaceId: string) => [...workspaceKey(workspaceId), 'analytics', 'backfills'] as const,
  backfill: (workspaceId: string, followId: string | null) => [...workspaceKey(workspaceId), 'analytics', 'backfill', followId] as const,
  errors: (workspaceId: string) => [...workspaceKey(workspaceId), 'analytics', 'errors'] as const,
  post: (workspaceId: string, postId: string | undefined) => [...workspaceKey(workspaceId), 'analytics', 'post', postId] as const,
  bestTime: (workspaceId: string, channelId: string | null) => [...workspaceKey(workspaceId), 'analytics', 'best-time', channelId] as const,
  channelFit: (workspaceId: string, fitFor: string | null) => [...workspaceKey(workspaceId), 'analytics', 'channel-fit', fitFor] as const,
  settings: (workspaceId: string) => [...workspaceKey(workspaceId), 'analytics-settings'] as const,
  reportSchedules: (workspaceId: string) => [...workspaceKey(workspaceId), 'report-schedules'] as const,
};
