import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** When a channel's access token ends, and when its connection ends unless someone reconnects. */
export interface Expiry {
  tokenExpiresAt: Date | null;
  connectionExpiresAt: Date | null;
}

/** Sign-ins in progress, account pickers and channels' token upkeep: the only SQL of the sign-in flow. */
export const oauthRepository = {
  async insertState(
    db: Db,
    values: {
      stateHash: string;
      network: string;
      workspaceId: string;
      userId: string;
      verifierSealed: string;
      instanceUrl: string | null;
      reconnectChannelId: string | null;
      signInWay: string | null;
      expiresAt: Date;
    },
  ): Promise<void> {
    await db
      .insertInto('oauth_states')
      .values({
        state_hash: values.stateHash,
        network: values.network,
        workspace_id: values.workspaceId,
        user_id: values.userId,
        verifier_sealed: values.verifierSealed,
        instance_url: values.instanceUrl,
        reconnect_channel_id: values.reconnectChannelId,
        sign_in_way: values.signInWay,
        expires_at: values.expiresAt,
      })
      .execute();
  },

  /** Uses a state once: returns it when it existed, was unused and unexpired (and marks it used), else undefined. */
  consumeState(db: Db, stateHash: string, network: string, now: Date) {
    return db
      .updateTable('oauth_states')
      .set({ used_at: now })
      .where('state_hash', '=', stateHash)
      .where('network', '=', network)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returningAll()
      .executeTakeFirst();
  },

  /** Forgets states and pickers that can no longer be used. */
  async purgeExpired(db: Db, before: Date): Promise<void> {
    await db.deleteFrom('oauth_states').where('expires_at', '<', before).execute();
    await db.deleteFrom('oauth_pickers').where('expires_at', '<', before).execute();
  },

  insertPicker(
    db: Db,
    values: { network: string; workspaceId: string; userId: string; reconnectChannelId: string | null; sealed: string; expiresAt: Date },
  ) {
    return db
      .insertInto('oauth_pickers')
      .values({
        network: values.network,
        workspace_id: values.workspaceId,
        user_id: values.userId,
        reconnect_channel_id: values.reconnectChannelId,
        sealed: values.sealed,
        expires_at: values.expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  },

  findPicker(db: Db, pickerId: string, workspaceId: string, userId: string, now: Date) {
    return db
      .selectFrom('oauth_pickers')
      .selectAll()
      .where('id', '=', pickerId)
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
  },

  /** Marks a picker used; false when another request used it first. */
  async usePicker(db: Db, pickerId: string, now: Date): Promise<boolean> {
    const row = await db
      .updateTable('oauth_pickers')
      .set({ used_at: now, sealed: '' })
      .where('id', '=', pickerId)
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  },

  /** The workspace's channel on this network for this remote account (to reconnect instead of duplicating). */
  findChannelByRemote(db: Db, workspaceId: string, network: string, remoteId: string) {
    return db
      .selectFrom('channels')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('network', '=', network)
      .where(sql<boolean>`settings @> ${JSON.stringify({ oauthRemoteId: remoteId })}::jsonb`)
      .executeTakeFirst();
  },

  /** Sets a channel's token expiry and connection end (after connecting or reconnecting) and clears the warning. */
  async setTokenExpiry(db: Db, channelId: string, expiry: Expiry): Promise<void> {
    await db
      .updateTable('channels')
      .set({ token_expires_at: expiry.tokenExpiresAt, connection_expires_at: expiry.connectionExpiresAt, expiry_warned_at: null })
      .where('id', '=', channelId)
      .execute();
  },

  /**
   * Takes the channel's refresh lease: only one process refreshes a channel at a time. Returns the
   * channel when taken, undefined when another holder's lease is still running.
   */
  takeRefreshLease(db: Db, channelId: string, owner: string, now: Date, until: Date) {
    return db
      .updateTable('channels')
      .set({ refresh_lease_until: until, refresh_lease_owner: owner })
      .where('id', '=', channelId)
      .where((eb) => eb.or([eb('refresh_lease_until', 'is', null), eb('refresh_lease_until', '<=', now)]))
      .returningAll()
      .executeTakeFirst();
  },

  /** Stores refreshed credentials and the new expiry, and releases the lease, if still ours. */
  saveRefreshed(db: Db, channelId: string, owner: string, values: { credentialsSealed: string } & Expiry) {
    return db
      .updateTable('channels')
      .set({
        credentials_sealed: values.credentialsSealed,
        token_expires_at: values.tokenExpiresAt,
        connection_expires_at: values.connectionExpiresAt,
        expiry_warned_at: null,
        refresh_lease_until: null,
        refresh_lease_owner: null,
        status: 'active',
        last_error: null,
        last_error_code: null,
      })
      .where('id', '=', channelId)
      .where('refresh_lease_owner', '=', owner)
      .returningAll()
      .executeTakeFirst();
  },

  async releaseRefreshLease(db: Db, channelId: string, owner: string): Promise<void> {
    await db
      .updateTable('channels')
      .set({ refresh_lease_until: null, refresh_lease_owner: null })
      .where('id', '=', channelId)
      .where('refresh_lease_owner', '=', owner)
      .execute();
  },

  channel(db: Db, channelId: string) {
    return db.selectFrom('channels').selectAll().where('id', '=', channelId).executeTakeFirst();
  },

  /** Active channels whose token ends before `before` (to refresh now). */
  channelsExpiringBefore(db: Db, before: Date, limit: number) {
    return db
      .selectFrom('channels')
      .selectAll()
      .where('status', '=', 'active')
      .where('token_expires_at', 'is not', null)
      .where('token_expires_at', '<', before)
      .orderBy('token_expires_at')
      .limit(limit)
      .execute();
  },

  /** Active channels ending before `before` that were not warned yet for this token. */
  channelsToWarn(db: Db, before: Date) {
    return db
      .selectFrom('channels')
      .selectAll()
      .where('status', '=', 'active')
      .where('connection_expires_at', 'is not', null)
      .where('connection_expires_at', '<', before)
      .where('expiry_warned_at', 'is', null)
      .execute();
  },

  /** Marks the warning sent; false when another process sent it first. */
  async markWarned(db: Db, channelId: string, now: Date): Promise<boolean> {
    const row = await db
      .updateTable('channels')
      .set({ expiry_warned_at: now })
      .where('id', '=', channelId)
      .where('expiry_warned_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  },
};
