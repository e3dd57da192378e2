import { workspaceKey } from '../../shared/query-keys.ts';

/** Query keys of the links feature (tracked links, costs, conversions, ROI). */
export const linkKeys = {
  all: (workspaceId: string) => [...workspaceKey(workspaceId), 'links'] as const,
  list: (workspaceId: string) => [...workspaceKey(workspaceId), 'links', 'list'] as const,
  detail: (workspaceId: string, linkId: string) => [...workspaceKey(workspaceId), 'links', linkId] as const,
  settings: (workspaceId: string) => [...workspaceKey(workspaceId), 'link-settings'] as const,
  conversionSettings: (workspaceId: string) => [...workspaceKey(workspaceId), 'conversion-settings'] as const,
  costs: (workspaceId: string) => [...workspaceKey(workspaceId), 'costs'] as const,
  roi: (workspaceId: string, ...by: string[]) => [...workspaceKey(workspaceId), 'roi', ...by] as const,
};
