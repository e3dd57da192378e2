import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import './tables.ts';

/** The installation's first account, passwords, password resets, ending sessions and sign-in failures: SQL only. */
export const accountsSecurityRepository = {
  /**
   * Claims the installation's single setup row inside the caller's transaction. True for the one
   * transaction that inserted it; a concurrent one waits for that commit and gets false.
   */
  async claimInstallation(trx: Db): Promise<boolean> {
    const inserted = await trx
      .insertInto('installation_setup')
      .values({ id: true })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
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
    await db
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: new Date(now) })
      .where('id', '=', userId)
      .execute();
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
    const result = await db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date(now) })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
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
    await db
      .updateTable('password_resets')
      .set({ used_at: new Date(now) })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
  },

  /** Forgets sign-in failures older than the window. */
  async deleteLoginFailuresBefore(db: Db, since: Date): Promise<void> {
    await db.deleteFrom('login_failures').where('failed_at', '<=', since).execute();
  },

  /** Records a sign-in attempt as failed (until it succeeds); returns its id. */
  async insertLoginFailure(db: Db, accountKey: string, address: string, at: Date): Promise<string> {
    const row = await db
      .insertInto('login_failures')
      .values({ account_key: accountKey, address, failed_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return String(row.id);
  },

  async deleteLoginFailure(db: Db, id: string): Promise<void> {
    await db.deleteFrom('login_failures').where('id', '=', id).execute();
  },

  /** The right password ends the account's run of failures (from any address). */
  async deleteLoginFailuresOfAccount(db: Db, accountKey: string): Promise<void> {
    await db.deleteFrom('login_failures').where('account_key', '=', accountKey).execute();
  },

  /** Failures since `since` of the account and of the address, in one query. */
  async countLoginFailures(db: Db, accountKey: string, address: string, since: Date): Promise<{ account: number; address: number }> {
    const { rows } = await sql<{ account: number; address: number }>`
      SELECT count(*) FILTER (WHERE account_key = ${accountKey})::int AS account, count(*) FILTER (WHERE address = ${address})::int AS address
        FROM login_failures WHERE failed_at > ${since} AND (account_key = ${accountKey} OR address = ${address})`.execute(db);
    return { account: Number(rows[0].account), address: Number(rows[0].address) };
  },

  /** When the key's `nth` newest failure since `since` happened (1-based), or null. */
  async nthNewestLoginFailure(db: Db, column: 'account_key' | 'address', key: string, since: Date, nth: number): Promise<Date | null> {
    const row = await db
      .selectFrom('login_failures')
      .select('failed_at')
      .where(column, '=', key)
      .where('failed_at', '>', since)
      .orderBy('failed_at', 'desc')
      .offset(nth - 1)
      .limit(1)
      .executeTakeFirst();
    return row ? new Date(row.failed_at) : null;
  },
};
