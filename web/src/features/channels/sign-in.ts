import { api } from '../../api/client.ts';

/**
 * Starts signing in with a network: the server keeps state and PKCE, answers the network's sign-in
 * URL, and the browser goes there. It comes back to /channels/connect (the account picker).
 */
export async function startSignIn(
  workspaceId: string,
  network: string,
  options: { instanceUrl?: string; channelId?: string; way?: string } = {},
): Promise<void> {
  const started = await api<{ authorizeUrl: string }>('POST', `/workspaces/${workspaceId}/oauth/${encodeURIComponent(network)}/start`, {
    ...(options.instanceUrl && { instanceUrl: options.instanceUrl }),
    ...(options.channelId && { channelId: options.channelId }),
    ...(options.way && { way: options.way }),
  });
  window.location.assign(started.authorizeUrl);
}

/** Whole days left until `instant` (rounded up), or null when there is none. */
export function daysLeft(instant: string | Date | null | undefined, now = Date.now()): number | null {
  if (!instant) return null;
  return Math.ceil((new Date(instant).getTime() - now) / 86_400_000);
}
