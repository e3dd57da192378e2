import { useQuery } from '@tanstack/react-query';
import { api, apiCall } from '../../api/client.ts';
import type { ApiBody, ApiResponse } from '../../api/types.ts';
import { workspaceKey } from '../../shared/query-keys.ts';
import { useWorkspace } from '../../shared/session.tsx';

/** GET posts/{postId}/evergreen: a post's evergreen status. */
export type EvergreenStatus = ApiResponse<'/api/v1/workspaces/{workspaceId}/posts/{postId}/evergreen', 'get'>;
/** GET evergreen: the evergreen posts and every queue with its recycling gap. */
export type EvergreenList = ApiResponse<'/api/v1/workspaces/{workspaceId}/evergreen', 'get'>;
/** GET recurring/{ruleId}: one series with its occurrences. */
export type Series = ApiResponse<'/api/v1/workspaces/{workspaceId}/recurring/{ruleId}', 'get'>;
/** PATCH recurring/{ruleId}: what "edit all future occurrences" sends. */
export type SeriesEdit = ApiBody<'/api/v1/workspaces/{workspaceId}/recurring/{ruleId}', 'patch'>;

/** Query keys of recurring posts and evergreen recycling (all under the workspace's key). */
export const recurringKeys = {
  series: (workspaceId: string, ruleId: string) => [...workspaceKey(workspaceId), 'recurring', ruleId] as const,
  evergreen: (workspaceId: string) => [...workspaceKey(workspaceId), 'evergreen'] as const,
  evergreenOf: (workspaceId: string, postId: string) => [...workspaceKey(workspaceId), 'evergreen', postId] as const,
};

/** One recurring series (its rule, counts and occurrences). */
export function useSeries(ruleId: string | null | undefined) {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: recurringKeys.series(workspace.id, ruleId ?? ''),
    enabled: Boolean(ruleId),
    queryFn: () =>
      apiCall('get', '/api/v1/workspaces/{workspaceId}/recurring/{ruleId}', {
        params: { workspaceId: workspace.id, ruleId: ruleId ?? '' },
      }),
  });
}

/** A post's evergreen status (queues that recycle it, gap, last and next re-share). */
export function useEvergreenStatus(postId: string | null | undefined) {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: recurringKeys.evergreenOf(workspace.id, postId ?? ''),
    enabled: Boolean(postId),
    queryFn: () =>
      apiCall('get', '/api/v1/workspaces/{workspaceId}/posts/{postId}/evergreen', {
        params: { workspaceId: workspace.id, postId: postId ?? '' },
      }),
  });
}

/** The workspace's evergreen posts and its queues' recycling gaps. */
export function useEvergreenList() {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: recurringKeys.evergreen(workspace.id),
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/evergreen', { params: { workspaceId: workspace.id } }),
  });
}

/** Marks a post evergreen with its alternative texts, or takes it out. */
export function saveEvergreen(workspaceId: string, postId: string, evergreen: boolean, variants?: string[]) {
  return apiCall('put', '/api/v1/workspaces/{workspaceId}/posts/{postId}/evergreen', {
    params: { workspaceId, postId },
    body: { evergreen, ...(variants ? { variants } : {}) },
  });
}

/** Turns a queue's recycling on with a gap in days, or off (null). */
export function saveQueueRecycling(workspaceId: string, queueId: string, gapDays: number | null) {
  return apiCall('put', '/api/v1/workspaces/{workspaceId}/queues/{queueId}/evergreen', {
    params: { workspaceId, queueId },
    body: { gapDays },
  });
}

/** Fills a recycling queue's free slots of the coming week now. */
export function fillQueue(workspaceId: string, queueId: string) {
  return api<ApiResponse<'/api/v1/workspaces/{workspaceId}/queues/{queueId}/evergreen/fill', 'post'>>(
    'POST',
    `/workspaces/${workspaceId}/queues/${queueId}/evergreen/fill`,
    {},
  );
}

/** Edits every future occurrence of a series (those not edited on their own). */
export function editSeries(workspaceId: string, ruleId: string, body: SeriesEdit) {
  return apiCall('patch', '/api/v1/workspaces/{workspaceId}/recurring/{ruleId}', { params: { workspaceId, ruleId }, body });
}
