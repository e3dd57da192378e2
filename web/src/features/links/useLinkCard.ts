import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { apiCall } from '../../api/client.ts';
import { workspaceKey } from '../../shared/query-keys.ts';
import { useSession, useWorkspace } from '../../shared/session.tsx';

/** A page's card as the server read it (Open Graph title, description, image, site name). */
export type LinkCardData = Awaited<ReturnType<typeof fetchCard>>;

function fetchCard(workspaceId: string, url: string) {
  return apiCall('get', '/api/v1/workspaces/{workspaceId}/link-card', { params: { workspaceId }, query: { url } });
}

/**
 * The card of `url` for the composer's previews: asked once typing pauses (the server reads the page
 * through its safe fetcher and caches it for a day), only for people who can write posts.
 */
export function useLinkCard(url: string | null | undefined) {
  const workspace = useWorkspace();
  const { can } = useSession();
  const [settled] = useDebouncedValue(url ?? null, 600);
  return useQuery({
    queryKey: [...workspaceKey(workspace.id), 'link-card', settled],
    queryFn: () => fetchCard(workspace.id, settled!),
    enabled: Boolean(settled) && can('post.write'),
    staleTime: 60 * 60_000,
    retry: false,
  });
}
