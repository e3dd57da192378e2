/**
 * The root of every workspace-scoped query key: invalidating `workspaceKey(id)` refreshes all
 * of a workspace's data (the live activity stream does). Each feature's `api.ts` builds its
 * keys (`postKeys.detail(ws, id)` …) under it, so one prefix invalidates one feature.
 */
export function workspaceKey(workspaceId: string) {
  return ['ws', workspaceId] as const;
}
