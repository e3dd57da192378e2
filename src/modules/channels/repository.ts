import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ChannelsTable } from '../../db/schema.ts';

export type ChannelRow = Selectable<ChannelsTable>;
type ChannelStatus = ChannelRow['status'];

/** Connected channels: the only code that reads or writes the `channels` table. */
export const channelRepository = {
  /** A workspace's channels, oldest first. */
  list(db: Db, workspaceId: string) {
    return db.selectFrom('channels').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
  },

  /**
   * What the workspace's channels on per-call-billed networks (X) spent since `since`: the sum of
   * their published publications' recorded API cost, per channel.
   */
  async apiCostsSince(db: Db, workspaceId: string, since: Date): Promise<Map<string, { total: number; publications: number }>> {
    const rows = await db
      .selectFrom('publications')
      .innerJoin('channels', 'channels.id', 'publications.channel_id')
      .select(['publications.channel_id as channelId'])
      .select((eb) => [eb.fn.sum<string>('publications.api_cost_usd').as('total'), eb.fn.count<string>('publications.id').as('count')])
      .where('channels.workspace_id', '=', workspaceId)
      .where('publications.state', '=', 'published')
      .where('publications.api_cost_usd', 'is not', null)
      .where('publications.published_at', '>=', since)
      .groupBy('publications.channel_id')
      .execute();
    return new Map(rows.map((row) => [row.channelId, { total: Number(row.total ?? 0), publications: Number(row.count) }]));
  },

  /** One channel of a workspace, or undefined. */
  find(db: Db, workspaceId: string, channelId: string) {
    return db.selectFrom('channels').selectAll().where('id', '=', channelId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  },

  /** True when the workspace has this channel. */
  async exists(db: Db, workspaceId: string, channelId: string): Promise<boolean> {
    const row = await db
      .selectFrom('channels')
      .select('id')
      .where('id', '=', channelId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return row !== undefined;
  },

  insert(
    db: Db,
    values: {
      workspaceId: string;
      network: string;
      name: string;
      settings: Record<string, unknown>;
      credentialsSealed: string;
      account: unknown;
      lastCheckedAt: Date;
    },
  ) {
    return db
      .insertInto('channels')
      .values({
        workspace_id: values.workspaceId,
        network: values.network,
        name: values.name,
        settings: JSON.stringify(values.settings),
        credentials_sealed: values.credentialsSealed,
        account: JSON.stringify(values.account ?? null),
        last_checked_at: values.lastCheckedAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** Renames a channel and/or stores new connection details (settings, sealed credentials, account), marking it active again. */
  update(
    db: Db,
    channelId: string,
    changes: { name?: string; connection?: { settings: Record<string, unknown>; credentialsSealed: string; account: unknown } },
  ) {
    const { connection } = changes;
    return db
      .updateTable('channels')
      .set({
        ...(connection && {
          settings: JSON.stringify(connection.settings),
          credentials_sealed: connection.credentialsSealed,
          account: JSON.stringify(connection.account ?? null),
          status: 'active' as const,
          last_error: null,
          last_error_code: null,
        }),
        ...(changes.name && { name: changes.name }),
      })
      .where('id', '=', channelId)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** Stores a health check's result: status, last error, when, and the account when the network sent it. */
  recordHealth(
    db: Db,
    channelId: string,
    health: { status: ChannelStatus; lastError: string | null; lastErrorCode: string | null; checkedAt: Date; account?: unknown },
  ) {
    return db
      .updateTable('channels')
      .set({
        status: health.status,
        last_error: health.lastError,
        last_error_code: health.lastErrorCode,
        last_checked_at: health.checkedAt,
        ...(health.account !== undefined && { account: JSON.stringify(health.account) }),
      })
      .where('id', '=', channelId)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** Marks an active channel as needing reconnection; returns it, or undefined when it was not active. */
  markNeedsReconnect(db: Db, channelId: string, reason: string, reasonCode: string | null) {
    return db
      .updateTable('channels')
      .set({ status: 'needs_reconnect', last_error: reason, last_error_code: reasonCode })
      .where('id', '=', channelId)
      .where('status', '=', 'active')
      .returning(['id', 'workspace_id'])
      .executeTakeFirst();
  },

  /** Disconnects a channel: its credentials are replaced by `emptyCredentialsSealed`. */
  async disconnect(db: Db, channelId: string, emptyCredentialsSealed: string): Promise<void> {
    await db
      .updateTable('channels')
      .set({ status: 'disconnected', credentials_sealed: emptyCredentialsSealed })
      .where('id', '=', channelId)
      .execute();
  },

  /** Cancels a channel's publications that have not started (pending or scheduled), releasing their claims. */
  async cancelUnstartedPublications(db: Db, channelId: string): Promise<void> {
    await db
      .updateTable('publications')
      .set({
        state: 'canceled',
        error_code: 'channel_disconnected',
        error_message: 'The channel was disconnected',
        claimed_by: null,
        lease_until: null,
      })
      .where('channel_id', '=', channelId)
      .where('state', 'in', ['pending', 'scheduled'])
      .execute();
  },
};
