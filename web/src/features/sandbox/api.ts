import { workspaceKey } from '../../shared/query-keys.ts';

/** Query keys of the sandbox feature. */
export const sandboxKeys = {
  all: (workspaceId: string) => [...workspaceKey(workspaceId), 'sandbox'] as const,
};
