import { useQuery } from '@tanstack/react-query';
import { apiCall } from '../../api/client.ts';
import type { ApiItem, ApiResponse } from '../../api/types.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { workspaceKey } from '../../shared/query-keys.ts';

export type IdeaCard = ApiItem<'/api/v1/workspaces/{workspaceId}/ideas', 'get'>;
export type IdeaDetail = ApiResponse<'/api/v1/workspaces/{workspaceId}/ideas/{ideaId}', 'get'>;
export type BoardColumn = IdeaCard['column'];
export type Snippet = ApiItem<'/api/v1/workspaces/{workspaceId}/snippets', 'get'>;
export type HashtagSuggestions = ApiResponse<'/api/v1/workspaces/{workspaceId}/hashtag-suggestions', 'get'>;

export const ideaKeys = {
  board: (workspaceId: string) => [...workspaceKey(workspaceId), 'ideas'] as const,
  detail: (workspaceId: string, ideaId: string) => [...workspaceKey(workspaceId), 'ideas', ideaId] as const,
  snippets: (workspaceId: string) => [...workspaceKey(workspaceId), 'snippets'] as const,
  suggestions: (workspaceId: string) => [...workspaceKey(workspaceId), 'hashtag-suggestions'] as const,
};

/** The board: columns in order and every card. */
export function useIdeasBoard() {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: ideaKeys.board(workspace.id),
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/ideas', { params: { workspaceId: workspace.id } }),
  });
}

/** One card with its comments. */
export function useIdea(ideaId: string | null) {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: ideaKeys.detail(workspace.id, ideaId ?? ''),
    enabled: ideaId !== null,
    queryFn: () =>
      apiCall('get', '/api/v1/workspaces/{workspaceId}/ideas/{ideaId}', { params: { workspaceId: workspace.id, ideaId: ideaId! } }),
  });
}

/** Saved snippets and hashtag sets (the composer inserts them). */
export function useSnippets() {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: ideaKeys.snippets(workspace.id),
    queryFn: async () =>
      (await apiCall('get', '/api/v1/workspaces/{workspaceId}/snippets', { params: { workspaceId: workspace.id } })).items,
  });
}

/** Hashtag suggestions with their evidence (asked for when the composer's panel opens). */
export function useHashtagSuggestions(enabled: boolean) {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: ideaKeys.suggestions(workspace.id),
    enabled,
    staleTime: 5 * 60_000,
    queryFn: () =>
      apiCall('get', '/api/v1/workspaces/{workspaceId}/hashtag-suggestions', {
        params: { workspaceId: workspace.id },
        query: { days: 90 },
      }),
  });
}
