/**
 * Named queries of the feeds module: feeds, their channels, the items each has used, and the
 * polling claim. The only code of the module that touches the database.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { FeedItemsTable, FeedsTable } from '../../db/schema.ts';

export type FeedRow = Selectable<FeedsTable>;
export type FeedItemRow = Selectable<FeedItemsTable>;

export const feedsRepository = {
  list(db: Db, workspaceId: string) {
    return db.selectFrom('feeds').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').orderBy('id').execute();
  },

  find(db: Db, workspaceId: string, feedId: string) {
    return db.selectFrom('feeds').selectAll().where('id', '=', feedId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  },

  /** The feed, locked for the rest of the transaction (edits and polls of one feed take turns). */
  lock(db: Db, workspaceId: string, feedId: string) {
    return db
      .selectFrom('feeds')
      .selectAll()
      .where('id', '=', feedId)
      .where('workspace_id', '=', workspaceId)
      .forUpdate()
      .executeTakeFirst();
  },

  findByUrl(db: Db, workspaceId: string, url: string) {
    return db.selectFrom('feeds').select('id').where('workspace_id', '=', workspaceId).where('url', '=', url).executeTakeFirst();
  },

  insert(db: Db, values: Insertable<FeedsTable>) {
    return db.insertInto('feeds').values(values).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Db, feedId: string, values: Updateable<FeedsTable>) {
    return db.updateTable('feeds').set(values).where('id', '=', feedId).returningAll().executeTakeFirstOrThrow();
  },

  delete(db: Db, feedId: string) {
    return db.deleteFrom('feeds').where('id', '=', feedId).execute();
  },

  async setChannels(db: Db, feedId: string, channelIds: string[]) {
    await db.deleteFrom('feed_channels').where('feed_id', '=', feedId).execute();
    if (channelIds.length)
      await db
        .insertInto('feed_channels')
        .values(channelIds.map((channel_id) => ({ feed_id: feedId, channel_id })))
        .execute();
  },

  /** Channel ids by feed. */
  async channelIds(db: Db, feedIds: string[]): Promise<Map<string, string[]>> {
    const byFeed = new Map<string, string[]>(feedIds.map((id) => [id, []]));
    if (!feedIds.length) return byFeed;
    const rows = await db
      .selectFrom('feed_channels')
      .select(['feed_id', 'channel_id'])
      .where('feed_id', 'in', feedIds)
      .orderBy('channel_id')
      .execute();
    for (const row of rows) byFeed.get(row.feed_id)?.push(row.channel_id);
    return byFeed;
  },

  /** Which of `ids` are channels of the workspace (with their network). */
  channelsInWorkspace(db: Db, workspaceId: string, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return db.selectFrom('channels').select(['id', 'network']).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  },

  /** The workspace's first owner: the author of a feed's posts once the person who added it has left. */
  async firstOwner(db: Db, workspaceId: string): Promise<string | null> {
    const row = await db
      .selectFrom('memberships')
      .select('user_id')
      .where('workspace_id', '=', workspaceId)
      .where('role', '=', 'owner')
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    return row?.user_id ?? null;
  },

  queueInWorkspace(db: Db, workspaceId: string, queueId: string) {
    return db.selectFrom('queues').select('id').where('workspace_id', '=', workspaceId).where('id', '=', queueId).executeTakeFirst();
  },

  /** Items used and failed per feed. */
  async itemCounts(db: Db, feedIds: string[]): Promise<Map<string, { posted: number; failed: number }>> {
    const counts = new Map<string, { posted: number; failed: number }>(feedIds.map((id) => [id, { posted: 0, failed: 0 }]));
    if (!feedIds.length) return counts;
    const rows = await db
      .selectFrom('feed_items')
      .select(['feed_id', 'status', (eb) => eb.fn.countAll<string>().as('n')])
      .where('feed_id', 'in', feedIds)
      .where('status', 'in', ['posted', 'failed'])
      .groupBy(['feed_id', 'status'])
      .execute();
    for (const row of rows) {
      const entry = counts.get(row.feed_id);
      if (entry) entry[row.status as 'posted' | 'failed'] = Number(row.n);
    }
    return counts;
  },

  /** The feed's latest items (posted, skipped or failed), newest first, with their post's state. */
  recentItems(db: Db, feedId: string, limit: number) {
    return db
      .selectFrom('feed_items')
      .leftJoin('posts', 'posts.id', 'feed_items.post_id')
      .select([
        'feed_items.id',
        'feed_items.guid',
        'feed_items.title',
        'feed_items.link',
        'feed_items.published_at',
        'feed_items.status',
        'feed_items.post_id',
        'feed_items.error_code',
        'feed_items.created_at',
        'posts.state as post_state',
      ])
      .where('feed_items.feed_id', '=', feedId)
      .orderBy('feed_items.created_at', 'desc')
      .orderBy('feed_items.id', 'desc')
      .limit(limit)
      .execute();
  },

  /** Which of `guids` the feed has already used. */
  async knownGuids(db: Db, feedId: string, guids: string[]): Promise<Set<string>> {
    if (!guids.length) return new Set();
    const rows = await db.selectFrom('feed_items').select('guid').where('feed_id', '=', feedId).where('guid', 'in', guids).execute();
    return new Set(rows.map((r) => r.guid));
  },

  /** True when the feed has used no item yet (its first read). */
  async isFirstRead(db: Db, feedId: string): Promise<boolean> {
    const row = await db.selectFrom('feed_items').select('id').where('feed_id', '=', feedId).limit(1).executeTakeFirst();
    return !row;
  },

  /**
   * Records an item once: null when the feed already has that guid (another poll took it first;
   * the unique key decides, so an item can never become two posts).
   */
  insertItemOnce(db: Db, values: Insertable<FeedItemsTable>) {
    return db
      .insertInto('feed_items')
      .values(values)
      .onConflict((oc) => oc.columns(['feed_id', 'guid']).doNothing())
      .returningAll()
      .executeTakeFirst();
  },

  updateItem(db: Db, itemId: string, values: Updateable<FeedItemsTable>) {
    return db.updateTable('feed_items').set(values).where('id', '=', itemId).execute();
  },

  /** Attributes a tracked link made for an item to the post it became (clicks roll up to the post). */
  attachLinkToPost(db: Db, linkId: string, postId: string) {
    return db.updateTable('tracked_links').set({ post_id: postId }).where('id', '=', linkId).execute();
  },

  /**
   * Claims up to `limit` feeds due for a poll (not paused, next poll passed), oldest first, by
   * moving their next poll `leaseMs` ahead: a second poller skips them (SKIP LOCKED, then the
   * new time), and a poller that dies leaves them to be polled again after the lease.
   */
  claimDue(db: Db, now: Date, leaseUntil: Date, limit: number) {
    return db
      .updateTable('feeds')
      .set({ next_poll_at: leaseUntil })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('feeds')
          .select('id')
          .where('paused', '=', false)
          .where('next_poll_at', '<=', now)
          .orderBy('next_poll_at')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .execute();
  },
};
