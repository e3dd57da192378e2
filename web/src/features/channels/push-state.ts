import { useInboxChannels } from '../inbox/api.ts';

/**
 * Whether each channel takes pushes (its push secret is set), by channel id, from the inbox's channel list:
 * the push cards say "on" or "off" and offer only what changes it. Undefined while it loads.
 */
export function usePushConfigured(workspaceId: string, enabled: boolean): Map<string, boolean> | undefined {
  const channels = useInboxChannels(workspaceId, enabled);
  return channels.data ? new Map(channels.data.map((c) => [c.channelId, c.pushConfigured])) : undefined;
}
