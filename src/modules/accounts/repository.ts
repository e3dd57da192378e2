import type { Db } from '../../db/database.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';

const SESSION_DAYS = 30;

/** Users, sessions and API tokens: the only code that touches those tables. */
export const accountsRepository = {
  async countUsers(db: Db): Promise<number> {
    const row = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async findUserByEmail(db: Db, email: string) {
    return db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
  },

  async findUserById(db: Db, id: string) {
    return db.selectFrom('users').select(['id', 'email', 'name', 'locale', 'created_at']).where('id', '=', id).executeTakeFirst();
  },

  async insertUser(db: Db, user: { email: string; name: string; passwordHash: string; locale?: string }) {
    return db
      .insertInto('users')
      .values({ email: user.email, name: user.name, password_hash: user.passwordHash, locale: user.locale ?? 'en' })
      .returning(['id', 'email', 'name', 'locale', 'created_at'])
      .executeTakeFirstOrThrow();
  },

  /** Creates a session; returns the cookie token (only its hash is stored). */
  async createSession(db: Db, userId: string, now: number) {
    const token = randomToken();
    const csrfToken = randomToken(24);
    await db
      .insertInto('sessions')
      .values({ id: sha256Hex(token), user_id: userId, csrf_token: csrfToken, expires_at: new Date(now + SESSION_DAYS * 86_400_000) })
      .execute();
    return { token, csrfToken };
  },

  async findSession(db: Db, token: string, now: number) {
    return db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.id as sessionId', 'sessions.csrf_token', 'users.id', 'users.email', 'users.name', 'users.locale'])
      .where('sessions.id', '=', sha256Hex(token))
      .where('sessions.expires_at', '>', new Date(now))
      .executeTakeFirst();
  },

  async deleteSession(db: Db, token: string) {
    await db.deleteFrom('sessions').where('id', '=', sha256Hex(token)).execute();
  },

  /** Creates a personal API token; returns the secret once (only its hash is stored). */
  async createApiToken(db: Db, userId: string, name: string) {
    const secret = `plz_${randomToken()}`;
    const row = await db
      .insertInto('api_tokens')
      .values({ user_id: userId, name, token_hash: sha256Hex(secret) })
      .returning(['id', 'name', 'created_at'])
      .executeTakeFirstOrThrow();
    return { ...row, token: secret };
  },

  async findUserByApiToken(db: Db, secret: string) {
    return db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select(['api_tokens.id as tokenId', 'users.id', 'users.email', 'users.name', 'users.locale'])
      .where('api_tokens.token_hash', '=', sha256Hex(secret))
      .where('api_tokens.revoked_at', 'is', null)
      .executeTakeFirst();
  },

  async touchApiToken(db: Db, tokenId: string, now: number) {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: new Date(now) })
      .where('id', '=', tokenId)
      .execute();
  },

  async listApiTokens(db: Db, userId: string) {
    return db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute();
  },

  async revokeApiToken(db: Db, userId: string, tokenId: string, now: number) {
    const result = await db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date(now) })
      .where('id', '=', tokenId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },
};
