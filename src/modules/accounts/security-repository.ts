import type { Db } from '../../db/database.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import './tables.ts';

/** The installation's first account, passwords, password resets and ending sessions: SQL only. */
export const accountsSecurityRepository = {
  /**
   * Claims the installation's single setup row inside the caller's transaction. True for the one
   * transaction that inserted it; a concurrent one waits for that commit and gets false.
   */
  async claimInstallation(trx: Db): Promise<boolean> {
    const inserted = await trx.insertInto('installation_setup').values({ id: true }).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
    return Boolean(inserted);
  },

  async setFirstUser(trx: Db, userId: string): Promise<void> {
    await trx.updateTable('installation_setup').set({ first_user_id: userId }).where('id', '=', true).execute();
  },

  async installationClaimed(db: Db): Promise<boolean> {
    return Boolean(await db.selectFrom('installation_setup').select('id').executeTakeFirst());
  },

  async findUserWithHash(db: Db, userId: string) {
    return db.selectFrom('users').select(['id', 'email', 'name', 'locale', 'password_hash']).where('id', '=', userId).executeTakeFirst();
  },

  async setPasswordHash(db: Db, userId: string, passwordHash: string, now: number): Promise<void> {
    await db.updateTable('users').set({ password_hash: passwordHash, password_changed_at: new Date(now) }).where('id', '=', userId).execute();
  },

  /** Ends the user's sessions, all of them or all but the one with `keepToken`; returns how many ended. */
  async deleteSessions(db: Db, userId: string, keepToken?: string): Promise<number> {
    let query = db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepToken) query = query.where('id', '!=', sha256Hex(keepToken));
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  /** Revokes every active API token of the user; returns how many. */
  async revokeAllApiTokens(db: Db, userId: string, now: number): Promise<number> {
    const result = await db.updateTable('api_tokens').set({ revoked_at: new Date(now) }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  async insertPasswordReset(db: Db, userId: string, token: string, now: number, ttlMs: number): Promise<void> {
    await db
      .insertInto('password_resets')
      .values({ token_hash: sha256Hex(token), user_id: userId, created_at: new Date(now), expires_at: new Date(now + ttlMs) })
      .execute();
  },

  /** Reset links requested for the user since `since` (throttling). */
  async countPasswordResetsSince(db: Db, userId: string, since: number): Promise<number> {
    const row = await db
      .selectFrom('password_resets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('created_at', '>', new Date(since))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /**
   * Uses a reset token: marks it used if it is unused and unexpired, in one statement, so two
   * simultaneous uses cannot both succeed. Returns the user id, or null.
   */
  async consumePasswordReset(trx: Db, token: string, now: number): Promise<string | null> {
    const row = await trx
      .updateTable('password_resets')
      .set({ used_at: new Date(now) })
      .where('token_hash', '=', sha256Hex(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date(now))
      .returning('user_id')
      .executeTakeFirst();
    return row?.user_id ?? null;
  },

  /** Is the reset token still usable (for the page that asks for the new password)? */
  async passwordResetUsable(db: Db, token: string, now: number): Promise<boolean> {
    const row = await db
      .selectFrom('password_resets')
      .select('user_id')
      .where('token_hash', '=', sha256Hex(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date(now))
      .executeTakeFirst();
    return Boolean(row);
  },

  /** Voids every other open reset link of the user (after a reset or a password change). */
  async voidPasswordResets(db: Db, userId: string, now: number): Promise<void> {
    await db.updateTable('password_resets').set({ used_at: new Date(now) }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
  },
};

