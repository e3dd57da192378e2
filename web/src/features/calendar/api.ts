import { workspaceKey } from '../../shared/query-keys.ts';

/** Query keys of the calendar feature. */
export const calendarKeys = {
  all: (workspaceId: string) => [...workspaceKey(workspaceId), 'calendar'] as const,
  range: (workspaceId: string, range: unknown, filters: unknown) => [...workspaceKey(workspaceId), 'calendar', range, filters] as const,
};
