import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';

/** A workspace's settings as stored. */
export interface WorkspaceValues {
  name: string;
  timeZone: string;
  language: string;
  approvalRequired: boolean;
  missedGraceMinutes: number;
  /** ISO 4217 code of budgets, costs and conversion values. */
  currency: string;
}

/** Workspaces, memberships, the audit log and the export: the only code that touches those tables. */
export const workspacesRepository = {
  /** The user's role in a workspace, or null when not a member. */
  async findMembership(db: Db, userId: string, workspaceId: string): Promise<{ workspaceId: string; role: Role } | null> {
    const row = await db
      .selectFrom('memberships')
      .select('role')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? { workspaceId, role: row.role } : null;
  },

  async insertWorkspace(db: Db, values: WorkspaceValues) {
    return db
      .insertInto('workspaces')
      .values({
        name: values.name,
        time_zone: values.timeZone,
        language: values.language,
        approval_required: values.approvalRequired,
        missed_grace_minutes: values.missedGraceMinutes,
        currency: values.currency,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async findWorkspace(db: Db, workspaceId: string) {
    return db.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirst();
  },

  /** The workspaces a user belongs to, with their role, by name. */
  async listForUser(db: Db, userId: string) {
    return db
      .selectFrom('workspaces')
      .innerJoin('memberships', 'memberships.workspace_id', 'workspaces.id')
      .selectAll('workspaces')
      .select('memberships.role')
      .where('memberships.user_id', '=', userId)
      .orderBy('workspaces.name')
      .execute();
  },

  /** Changes the given settings; returns the updated row. */
  async updateWorkspace(db: Db, workspaceId: string, values: Partial<WorkspaceValues>) {
    return db
      .updateTable('workspaces')
      .set({
        ...(values.name !== undefined && { name: values.name }),
        ...(values.timeZone !== undefined && { time_zone: values.timeZone }),
        ...(values.language !== undefined && { language: values.language }),
        ...(values.approvalRequired !== undefined && { approval_required: values.approvalRequired }),
        ...(values.missedGraceMinutes !== undefined && { missed_grace_minutes: values.missedGraceMinutes }),
        ...(values.currency !== undefined && { currency: values.currency }),
      })
      .where('id', '=', workspaceId)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async deleteWorkspace(db: Db, workspaceId: string): Promise<void> {
    await db.deleteFrom('workspaces').where('id', '=', workspaceId).execute();
  },

  async addMember(db: Db, workspaceId: string, userId: string, role: Role): Promise<void> {
    await db.insertInto('memberships').values({ workspace_id: workspaceId, user_id: userId, role }).execute();
  },

  /** Members with their e-mail, name, role and when they joined, by name. */
  async listMembers(db: Db, workspaceId: string) {
    return db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id as userId', 'users.email', 'users.name', 'memberships.role', 'memberships.created_at as joinedAt'])
      .where('memberships.workspace_id', '=', workspaceId)
      .orderBy('users.name')
      .execute();
  },

  /** A member's role, locked for the rest of the transaction. */
  async lockMemberRole(trx: Db, workspaceId: string, userId: string): Promise<Role | null> {
    const row = await trx
      .selectFrom('memberships')
      .select('role')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    return row?.role ?? null;
  },

  async setMemberRole(trx: Db, workspaceId: string, userId: string, role: Role): Promise<void> {
    await trx.updateTable('memberships').set({ role }).where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute();
  },

  async removeMember(trx: Db, workspaceId: string, userId: string): Promise<void> {
    await trx.deleteFrom('memberships').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute();
  },

  /** How many owners the workspace has besides this user. */
  async countOtherOwners(trx: Db, workspaceId: string, userId: string): Promise<number> {
    const rows = await trx
      .selectFrom('memberships')
      .select('user_id')
      .where('workspace_id', '=', workspaceId)
      .where('role', '=', 'owner')
      .where('user_id', '!=', userId)
      .execute();
    return rows.length;
  },

  /** One page of the audit log, newest first: `limit + 1` rows older than `beforeId` (the extra row says there is more). */
  async listAuditEvents(db: Db, workspaceId: string, options: { limit: number; beforeId: number | null; type?: string }) {
    let query = db
      .selectFrom('events')
      .leftJoin('users', 'users.id', 'events.actor_user_id')
      .select([
        'events.id',
        'events.type',
        'events.subject_type',
        'events.subject_id',
        'events.data',
        'events.created_at',
        'users.name as actor_name',
        'events.actor_user_id',
      ])
      .where('events.workspace_id', '=', workspaceId);
    if (options.type) query = query.where('events.type', '=', options.type);
    if (options.beforeId !== null) query = query.where('events.id', '<', String(options.beforeId));
    return query
      .orderBy('events.id', 'desc')
      .limit(options.limit + 1)
      .execute();
  },

  /** Everything a workspace holds, table by table (no secrets, no password hashes). */
  async readExport(db: Db, workspaceId: string) {
    const workspace = await db.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirstOrThrow();
    const members = await db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.email', 'users.name', 'memberships.role'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    const channels = await db
      .selectFrom('channels')
      .select(['id', 'network', 'name', 'settings', 'status', 'account', 'created_at'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    const posts = await db
      .selectFrom('posts')
      .select([
        'id',
        'author_id',
        'content',
        'state',
        'scheduled_at',
        'campaign_id',
        'objective_id',
        'segment_id',
        'pillar_id',
        'created_at',
        'updated_at',
      ])
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at')
      .execute();
    const publications = await db
      .selectFrom('publications')
      .select([
        'id',
        'post_id',
        'channel_id',
        'network',
        'text',
        'media',
        'thread',
        'options',
        'state',
        'due_at',
        'attempts',
        'remote_id',
        'remote_url',
        'error_code',
        'error_message',
        'published_at',
      ])
      .where('workspace_id', '=', workspaceId)
      .execute();
    const comments = await db
      .selectFrom('post_comments')
      .select(['id', 'post_id', 'author_id', 'body', 'kind', 'created_at'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    const media = await db
      .selectFrom('media')
      .select(['id', 'sha256', 'mime_type', 'size_bytes', 'width', 'height', 'created_at'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    const events = await db
      .selectFrom('events')
      .select(['id', 'type', 'subject_type', 'subject_id', 'actor_user_id', 'data', 'created_at'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('id')
      .execute();
    return { workspace, members, channels, posts, publications, comments, media, events };
  },

  /** Of the given (field, table, id) references, the fields whose id is a row of that table in the workspace; one query. */
  async findReferencesInWorkspace(
    db: Db,
    workspaceId: string,
    refs: Array<{ field: string; table: string; id: string }>,
  ): Promise<Set<string>> {
    if (refs.length === 0) return new Set();
    const checks = refs.map(
      ({ field, table, id }) =>
        sql`SELECT ${field}::text AS field FROM ${sql.table(table)} WHERE id = ${id}::uuid AND workspace_id = ${workspaceId}::uuid`,
    );
    const { rows } = await sql<{ field: string }>`${sql.join(checks, sql` UNION ALL `)}`.execute(db);
    return new Set(rows.map((row) => row.field));
  },

  /** Whether a user with this e-mail (any case) is a member. */
  async isMemberByEmail(db: Db, workspaceId: string, email: string): Promise<boolean> {
    const row = await db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select('users.id')
      .where('memberships.workspace_id', '=', workspaceId)
      .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email.toLowerCase()))
      .executeTakeFirst();
    return Boolean(row);
  },

  /** Adds the membership unless the user already has one; true when added. */
  async addMembership(trx: Db, workspaceId: string, userId: string, role: Role): Promise<boolean> {
    const row = await trx
      .insertInto('memberships')
      .values({ workspace_id: workspaceId, user_id: userId, role })
      .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    return Boolean(row);
  },

  /** The workspace's name and language (for e-mails). */
  async workspaceNameAndLanguage(db: Db, workspaceId: string) {
    return db.selectFrom('workspaces').select(['name', 'language']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
  },
};
