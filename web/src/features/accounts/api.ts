import { type QueryClient, useQuery } from '@tanstack/react-query';
import { apiCall, ApiError, setCsrfToken } from '../../api/client.ts';

/** Query keys of the accounts feature (session, sign-up, tokens, invitations, password resets). */
export const accountKeys = {
  me: () => ['me'] as const,
  setup: () => ['setup'] as const,
  tokens: () => ['tokens'] as const,
  passwordReset: (token: string) => ['reset', token] as const,
  invitation: (token: string) => ['invitation', token] as const,
};

/** Fetches /me: null when signed out (401). */
async function fetchMe() {
  try {
    const me = await apiCall('get', '/api/v1/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

const ME_STALE_MS = 60_000;

/**
 * Starts the session check at boot, before the first language's texts and React are ready, so the
 * first render already knows who is signed in instead of asking only then (a waterfall of ~100 ms).
 */
export function prefetchMe(queryClient: QueryClient): Promise<void> {
  return queryClient.prefetchQuery({ queryKey: accountKeys.me(), queryFn: fetchMe, staleTime: ME_STALE_MS });
}

/** Loads /me: null when signed out (401). */
export function useMeQuery() {
  return useQuery({ queryKey: accountKeys.me(), queryFn: fetchMe, staleTime: ME_STALE_MS });
}

/** The signed-in user's personal API tokens (secrets are never shown again). */
export function useApiTokens() {
  return useQuery({ queryKey: accountKeys.tokens(), queryFn: async () => (await apiCall('get', '/api/v1/me/tokens')).items });
}
