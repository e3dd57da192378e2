/** The feeds module's reads: feeds with their channels and counts, and one feed's latest items. */
import type { Db } from '../../db/database.ts';
import { notFound } from '../../lib/errors.ts';
import { type FeedRow, feedsRepository as feeds } from './repository.ts';

/** A feed as the API shows it. */
function present(row: FeedRow, channelIds: string[], counts: { posted: number; failed: number }) {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    channelIds,
    template: row.template,
    destination: row.destination,
    queueId: row.queue_id,
    trackLinks: row.track_links,
    campaignId: row.campaign_id,
    intervalMinutes: row.interval_minutes,
    paused: row.paused,
    lastPolledAt: row.last_polled_at,
    nextPollAt: row.next_poll_at,
    lastErrorCode: row.last_error_code,
    lastError: row.last_error,
    itemsPosted: counts.posted,
    itemsFailed: counts.failed,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The workspace's feeds, by name. */
export async function listFeeds(db: Db, workspaceId: string) {
  const rows = await feeds.list(db, workspaceId);
  const ids = rows.map((r) => r.id);
  const [channels, counts] = await Promise.all([feeds.channelIds(db, ids), feeds.itemCounts(db, ids)]);
  return rows.map((row) => present(row, channels.get(row.id) ?? [], counts.get(row.id)!));
}

/** One feed with its latest 50 items: the post each became (and that post's state) or why not. */
export async function feedDetail(db: Db, workspaceId: string, feedId: string) {
  const row = await feeds.find(db, workspaceId, feedId);
  if (!row) throw notFound('Feed');
  const [channels, counts, items] = await Promise.all([
    feeds.channelIds(db, [row.id]),
    feeds.itemCounts(db, [row.id]),
    feeds.recentItems(db, row.id, 50),
  ]);
  return {
    ...present(row, channels.get(row.id) ?? [], counts.get(row.id)!),
    items: items.map((item) => ({
      id: item.id,
      guid: item.guid,
      title: item.title,
      link: item.link,
      publishedAt: item.published_at,
      status: item.status,
      postId: item.post_id,
      postState: item.post_state ?? null,
      errorCode: item.error_code,
      createdAt: item.created_at,
    })),
  };
}
