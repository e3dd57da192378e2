import { workspaceKey } from '../../shared/query-keys.ts';

/** Query keys of the activity feature. */
export const activityKeys = {
  events: (workspaceId: string) => [...workspaceKey(workspaceId), 'events'] as const,
  notifications: (workspaceId: string) => [...workspaceKey(workspaceId), 'notifications'] as const,
};
