import type { AppContext } from '../../server/context.ts';
import { getInProcessSandbox } from '../../networks/sandbox/index.ts';
import type { MetricCounts } from '../../networks/sandbox/audience.ts';
import { activityRepository } from './repository.ts';

/** One post the simulated network accepted, with its simulated audience's reaction. */
export interface SandboxTimelineEntry {
  remotePostId: string;
  channelId: string;
  channelName: string;
  handle: string;
  text: string;
  mediaCount: number;
  acceptedAt: string;
  /** The Plaza publication this came from (its marker), when known. */
  publicationId: string | null;
  postId: string | null;
  metrics: MetricCounts | null;
  replies: Array<{ id: string; authorHandle: string; authorName: string; text: string; createdAt: string; sentiment: string }>;
}

/** The timeline of a workspace's sandbox channels, labelled as simulated. */
export interface SandboxTimeline {
  simulated: true;
  channels: Array<{ id: string; name: string; handle: string; followers: number | null; inProcess: boolean }>;
  entries: SandboxTimelineEntry[];
}

/**
 * Reads the in-process simulated network for this workspace's sandbox channels
 * (only their handles, so one workspace never sees another's simulated posts).
 * Channels pointed at an external sandbox server are listed but not read here.
 */
export async function sandboxTimeline(ctx: AppContext, workspaceId: string, limit = 100): Promise<SandboxTimeline> {
  const channels = await activityRepository.sandboxChannels(ctx.database.db, workspaceId);
  const network = getInProcessSandbox();
  const now = network.now();
  const listed: SandboxTimeline['channels'] = [];
  const entries: SandboxTimelineEntry[] = [];
  const byMarker = new Map<string, string>();
  for (const channel of channels) {
    const handle = typeof channel.settings.handle === 'string' ? channel.settings.handle : '';
    const inProcess = !channel.settings.serverUrl;
    if (!handle) continue;
    let followers: number | null = null;
    if (inProcess) {
      try {
        followers = network.followers(handle, now);
      } catch {
        followers = null;
      }
    }
    listed.push({ id: channel.id, name: channel.name, handle, followers, inProcess });
    if (!inProcess) continue;
    const posts = network.postsOf(handle, { limit });
    const replies = posts.length ? safeMentions(network, handle, now) : [];
    for (const post of posts) {
      const publicationId = post.marker ? post.marker.split('#')[0] : null;
      if (publicationId) byMarker.set(publicationId, '');
      entries.push({
        remotePostId: post.id,
        channelId: channel.id,
        channelName: channel.name,
        handle,
        text: post.text,
        mediaCount: post.media.length,
        acceptedAt: new Date(post.createdAt).toISOString(),
        publicationId,
        postId: null,
        metrics: network.metrics(post.id, now) ?? null,
        replies: replies
          .filter((reply) => reply.inReplyTo === post.id)
          .slice(0, 5)
          .map((reply) => ({
            id: reply.id,
            authorHandle: reply.authorHandle,
            authorName: reply.authorName,
            text: reply.text,
            createdAt: new Date(reply.createdAt).toISOString(),
            sentiment: reply.sentiment,
          })),
      });
    }
  }
  // Link each simulated post back to its Plaza post (markers are publication ids).
  const publicationIds = [...byMarker.keys()].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (publicationIds.length) {
    const rows = await activityRepository.publicationPosts(ctx.database.db, workspaceId, publicationIds);
    const postOf = new Map(rows.map((row) => [row.id, row.post_id]));
    for (const entry of entries) entry.postId = entry.publicationId ? (postOf.get(entry.publicationId) ?? null) : null;
  }
  entries.sort((a, b) => b.acceptedAt.localeCompare(a.acceptedAt));
  return { simulated: true, channels: listed, entries: entries.slice(0, limit) };
}

function safeMentions(network: ReturnType<typeof getInProcessSandbox>, handle: string, now: number) {
  try {
    return network.mentions(handle, { untilMs: now, sinceMs: now - 31 * 86_400_000 });
  } catch {
    return [];
  }
}
