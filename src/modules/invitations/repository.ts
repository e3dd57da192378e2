import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import '../accounts/tables.ts';

const COLUMNS = [
  'invitations.id',
  'invitations.workspace_id',
  'invitations.email',
  'invitations.role',
  'invitations.sent_count',
  'invitations.expires_at',
  'invitations.created_at',
  'invitations.updated_at',
  'invitations.invited_by',
] as const;

/** Workspace invitations: the only code that touches the invitations table (memberships: workspaces/repository.ts). */
export const invitationsRepository = {
  /** The open (not accepted, not revoked) invitation of an address to a workspace, locked. */
  async findOpenByEmail(trx: Db, workspaceId: string, email: string) {
    return trx
      .selectFrom('invitations')
      .select(COLUMNS)
      .where('workspace_id', '=', workspaceId)
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
  },

  async findOpenById(db: Db, workspaceId: string, id: string) {
    return db
      .selectFrom('invitations')
      .select(COLUMNS)
      .where('id', '=', id)
      .where('workspace_id', '=', workspaceId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
  },

  async insert(
    trx: Db,
    input: { workspaceId: string; email: string; role: Role; token: string; invitedBy: string; now: number; ttlMs: number },
  ) {
    return trx
      .insertInto('invitations')
      .values({
        workspace_id: input.workspaceId,
        email: input.email,
        role: input.role,
        token_hash: sha256Hex(input.token),
        invited_by: input.invitedBy,
        created_at: new Date(input.now),
        updated_at: new Date(input.now),
        expires_at: new Date(input.now + input.ttlMs),
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
  },

  /** A new token and expiry for an open invitation (the old link stops working); the role may change. */
  async renew(trx: Db, id: string, input: { role: Role; token: string; invitedBy: string; now: number; ttlMs: number }) {
    return trx
      .updateTable('invitations')
      .set((eb) => ({
        role: input.role,
        token_hash: sha256Hex(input.token),
        invited_by: input.invitedBy,
        sent_count: eb('sent_count', '+', 1),
        updated_at: new Date(input.now),
        expires_at: new Date(input.now + input.ttlMs),
      }))
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
  },

  async listOpen(db: Db, workspaceId: string) {
    return db
      .selectFrom('invitations')
      .leftJoin('users', 'users.id', 'invitations.invited_by')
      .select([...COLUMNS, 'users.name as invited_by_name'])
      .where('invitations.workspace_id', '=', workspaceId)
      .where('invitations.accepted_at', 'is', null)
      .where('invitations.revoked_at', 'is', null)
      .orderBy('invitations.created_at', 'desc')
      .execute();
  },

  async revoke(trx: Db, id: string, now: number) {
    await trx
      .updateTable('invitations')
      .set({ revoked_at: new Date(now), updated_at: new Date(now) })
      .where('id', '=', id)
      .execute();
  },

  /** What the accept page shows: the open, unexpired invitation behind a token, or undefined. */
  async findByToken(db: Db, token: string, now: number) {
    return db
      .selectFrom('invitations')
      .innerJoin('workspaces', 'workspaces.id', 'invitations.workspace_id')
      .leftJoin('users', 'users.id', 'invitations.invited_by')
      .select([
        ...COLUMNS,
        'workspaces.name as workspace_name',
        'workspaces.language as workspace_language',
        'workspaces.time_zone as workspace_time_zone',
        'users.name as invited_by_name',
      ])
      .where('invitations.token_hash', '=', sha256Hex(token))
      .where('invitations.accepted_at', 'is', null)
      .where('invitations.revoked_at', 'is', null)
      .where('invitations.expires_at', '>', new Date(now))
      .executeTakeFirst();
  },

  /** Uses the token: one statement, so of two simultaneous acceptances only one gets the row. */
  async consume(trx: Db, token: string, userId: string | null, now: number) {
    return trx
      .updateTable('invitations')
      .set({ accepted_at: new Date(now), accepted_by: userId, updated_at: new Date(now) })
      .where('token_hash', '=', sha256Hex(token))
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', new Date(now))
      .returning(COLUMNS)
      .executeTakeFirst();
  },

  async setAcceptedBy(trx: Db, id: string, userId: string) {
    await trx.updateTable('invitations').set({ accepted_by: userId }).where('id', '=', id).execute();
  },
};
