import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import './tables.ts';
import '../inbox/tables.ts';
import type { Db } from '../../db/database.ts';
import type { Cursor } from '../../lib/pagination.ts';
import { exactInstant, olderThanCursor } from '../../db/sql-fragments.ts';
import {
  CONTACT_STAGES,
  type ContactIdentitiesTable,
  type ContactStage,
  type ContactStageChangesTable,
  type ContactsTable,
} from './tables.ts';

export type ContactRow = Selectable<ContactsTable>;
export type IdentityRow = Selectable<ContactIdentitiesTable>;
export type StageChangeRow = Selectable<ContactStageChangesTable>;

/** Which contacts a list shows. */
export interface ContactFilter {
  stage?: ContactStage;
  label?: string;
  /** Lower case, no accents: part of a name, handle, e-mail or website. */
  search?: string;
}

/** An inbox author not yet linked to a contact: the first message of that account in the workspace. */
export interface UnlinkedAuthor {
  workspace_id: string;
  network: string;
  author_id: string;
  author_handle: string;
  author_name: string | null;
  author_url: string | null;
  first_at: Date;
}

/** Folding the database does for suggestions: lower case, common Latin accents removed, spaces trimmed. */
const fold = (expr: ReturnType<typeof sql>) =>
  sql<string>`translate(lower(trim(${expr})), 'áàâäãéèêëíìîïóòôöõúùûüñç', 'aaaaaeeeeiiiiooooouuuunc')`;

/** A handle's person part: no leading @, no instance (@host), no domain (.bsky.social). */
const handleKey = sql<string>`split_part(split_part(ltrim(lower(ci.handle), '@'), '@', 1), '.', 1)`;
/** A website without scheme, www. and trailing slash. */
const websiteKey = sql<string>`rtrim(regexp_replace(lower(c.website), '^(https?://)?(www\\.)?', ''), '/')`;

/** The statements of the contacts module (its only SQL). */
export const contactsRepository = {
  async find(db: Db, workspaceId: string, contactId: string): Promise<ContactRow | undefined> {
    return db.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', contactId).executeTakeFirst();
  },

  async lock(db: Db, workspaceId: string, contactId: string): Promise<ContactRow | undefined> {
    return db
      .selectFrom('contacts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', contactId)
      .forUpdate()
      .executeTakeFirst();
  },

  async insert(db: Db, values: Insertable<ContactsTable>): Promise<ContactRow> {
    return db.insertInto('contacts').values(values).returningAll().executeTakeFirstOrThrow();
  },

  async update(db: Db, contactId: string, values: Updateable<ContactsTable>): Promise<ContactRow> {
    return db.updateTable('contacts').set(values).where('id', '=', contactId).returningAll().executeTakeFirstOrThrow();
  },

  async remove(db: Db, contactId: string): Promise<void> {
    await db.deleteFrom('contacts').where('id', '=', contactId).execute();
  },

  async list(db: Db, workspaceId: string, filter: ContactFilter, page: { limit: number; cursor: Cursor | null }) {
    let query = db
      .selectFrom('contacts as c')
      .selectAll('c')
      .select(exactInstant('c.updated_at').as('cursor_at'))
      .where('c.workspace_id', '=', workspaceId);
    if (filter.stage) query = query.where('c.stage', '=', filter.stage);
    if (filter.label) query = query.where(sql<boolean>`c.labels @> ${JSON.stringify([filter.label])}::jsonb`);
    if (filter.search) {
      const pattern = `%${filter.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      query = query.where('c.search_text', 'like', pattern);
    }
    if (page.cursor) query = query.where(olderThanCursor('c.updated_at', 'c.id', page.cursor));
    return query
      .orderBy('c.updated_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(page.limit + 1)
      .execute();
  },

  /** Per stage: how many, their total value, and the most recently moved `perStage` contacts. */
  async board(db: Db, workspaceId: string, perStage: number) {
    const totals = await db
      .selectFrom('contacts')
      .select(['stage', sql<string>`count(*)`.as('count'), sql<string | null>`sum(value)`.as('value')])
      .where('workspace_id', '=', workspaceId)
      .groupBy('stage')
      .execute();
    // One indexed query per stage (contacts_stage_idx): the cost follows the cards shown, not the contacts held.
    const cards: ContactRow[] = [];
    for (const stage of CONTACT_STAGES)
      cards.push(
        ...(await db
          .selectFrom('contacts')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .where('stage', '=', stage)
          .orderBy('stage_changed_at', 'desc')
          .orderBy('id', 'desc')
          .limit(perStage)
          .execute()),
      );
    return { totals, cards };
  },

  async identitiesOf(db: Db, contactIds: readonly string[]): Promise<IdentityRow[]> {
    if (contactIds.length === 0) return [];
    return db.selectFrom('contact_identities').selectAll().where('contact_id', 'in', contactIds).orderBy('first_seen_at').execute();
  },

  async findIdentity(db: Db, workspaceId: string, identityId: string): Promise<IdentityRow | undefined> {
    return db
      .selectFrom('contact_identities')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', identityId)
      .executeTakeFirst();
  },

  /** Identities by exact (workspace, network, account id), through the unique index. */
  async identitiesByAccounts(db: Db, accounts: ReadonlyArray<{ workspace_id: string; network: string; author_id: string }>) {
    if (accounts.length === 0) return [];
    return (
      db
        .selectFrom('contact_identities')
        .selectAll()
        // Plain IN lists (hashed by Postgres); a row-value IN list of a whole batch was evaluated row by row (seconds).
        // The caller matches the network.
        .where('workspace_id', 'in', [...new Set(accounts.map((a) => a.workspace_id))])
        .where('author_id', 'in', [...new Set(accounts.map((a) => a.author_id))])
        .execute()
    );
  },

  async insertMany(db: Db, values: Insertable<ContactsTable>[]): Promise<void> {
    if (values.length > 0) await db.insertInto('contacts').values(values).execute();
  },

  async removeMany(db: Db, contactIds: readonly string[]): Promise<void> {
    if (contactIds.length > 0) await db.deleteFrom('contacts').where('id', 'in', contactIds).execute();
  },

  /** Adds identities, skipping accounts already linked; returns the contact ids whose identity went in. */
  async insertIdentities(db: Db, values: Insertable<ContactIdentitiesTable>[]): Promise<string[]> {
    if (values.length === 0) return [];
    const rows = await db
      .insertInto('contact_identities')
      .values(values)
      .onConflict((oc) => oc.columns(['workspace_id', 'network', 'author_id']).doNothing())
      .returning('contact_id')
      .execute();
    return rows.map((r) => r.contact_id);
  },

  async insertStageChanges(db: Db, values: Insertable<ContactStageChangesTable>[]): Promise<void> {
    if (values.length > 0) await db.insertInto('contact_stage_changes').values(values).execute();
  },

  /** An identity by its exact account id on a network (the unique index). */
  async identityByAccount(db: Db, workspaceId: string, network: string, authorId: string): Promise<IdentityRow | undefined> {
    return db
      .selectFrom('contact_identities')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('network', '=', network)
      .where('author_id', '=', authorId)
      .executeTakeFirst();
  },

  async identityByHandle(db: Db, workspaceId: string, network: string, handle: string): Promise<IdentityRow | undefined> {
    return db
      .selectFrom('contact_identities')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('network', '=', network)
      .where(sql`lower(handle)`, '=', handle.toLowerCase())
      .orderBy('created_at')
      .executeTakeFirst();
  },

  /** Adds an identity; false when the account is already linked (to any contact of the workspace). */
  async insertIdentity(db: Db, values: Insertable<ContactIdentitiesTable>): Promise<boolean> {
    const row = await db
      .insertInto('contact_identities')
      .values(values)
      .onConflict((oc) => oc.columns(['workspace_id', 'network', 'author_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  },

  async updateIdentity(db: Db, identityId: string, values: Updateable<ContactIdentitiesTable>): Promise<void> {
    await db.updateTable('contact_identities').set(values).where('id', '=', identityId).execute();
  },

  /** Recomputes the search text of these contacts from their details and identities (after any change to either). */
  async refreshSearch(db: Db, contactIds: readonly string[]): Promise<void> {
    if (contactIds.length === 0) return;
    await db
      .updateTable('contacts as c')
      .set({
        search_text: fold(
          sql`concat_ws(' ', c.display_name, c.email, c.website, (SELECT string_agg(concat_ws(' ', ci.handle, ci.display_name), ' ')
                FROM contact_identities ci WHERE ci.contact_id = c.id))`,
        ),
      })
      .where('c.id', 'in', contactIds)
      .execute();
  },

  async moveIdentities(db: Db, fromContactId: string, toContactId: string): Promise<void> {
    await db.updateTable('contact_identities').set({ contact_id: toContactId }).where('contact_id', '=', fromContactId).execute();
  },

  async moveStageChanges(db: Db, fromContactId: string, toContactId: string): Promise<void> {
    await db.updateTable('contact_stage_changes').set({ contact_id: toContactId }).where('contact_id', '=', fromContactId).execute();
  },

  async insertStageChange(db: Db, values: Insertable<ContactStageChangesTable>): Promise<void> {
    await db.insertInto('contact_stage_changes').values(values).execute();
  },

  async stageHistory(db: Db, contactId: string) {
    return db
      .selectFrom('contact_stage_changes as s')
      .leftJoin('users as u', 'u.id', 's.actor_user_id')
      .selectAll('s')
      .select('u.name as actor_name')
      .where('s.contact_id', '=', contactId)
      .orderBy('s.created_at', 'desc')
      .orderBy('s.id')
      .execute();
  },

  /** The contact that holds an account, or its stage: the hook inbox rules read for "the author's contact stage". */
  async byAccount(db: Db, workspaceId: string, network: string, authorId: string): Promise<ContactRow | undefined> {
    return db
      .selectFrom('contacts as c')
      .innerJoin('contact_identities as ci', 'ci.contact_id', 'c.id')
      .selectAll('c')
      .where('ci.workspace_id', '=', workspaceId)
      .where('ci.network', '=', network)
      .where('ci.author_id', '=', authorId)
      .executeTakeFirst();
  },

  // ---------------- the inbox side: authors and their messages ----------------

  /**
   * Inbox authors with no identity yet, each once (their first message in the workspace). `since` limits the scan to
   * items stored after it (the periodic link); `conversationId` to one conversation (opening it).
   */
  async unlinkedAuthors(
    db: Db,
    scope: { workspaceId?: string; conversationId?: string; storedSince?: Date },
    limit: number,
    after?: { workspace_id: string; author_id: string },
  ): Promise<{ authors: UnlinkedAuthor[]; last: { workspace_id: string; author_id: string } | null }> {
    let query = db
      .selectFrom('inbox_items as i')
      .innerJoin('inbox_conversations as c', 'c.id', 'i.conversation_id')
      .distinctOn(['i.workspace_id', 'i.author_id', 'c.network'])
      .select([
        'i.workspace_id',
        'c.network',
        'i.author_id',
        'i.author_handle',
        'i.author_name',
        'i.author_url',
        'i.remote_created_at as first_at',
      ])
      .where('i.direction', '=', 'inbound')
      .where('i.author_id', '<>', '')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('contact_identities as ci')
              .select(sql`1`.as('one'))
              .whereRef('ci.workspace_id', '=', 'i.workspace_id')
              .whereRef('ci.network', '=', 'c.network')
              .whereRef('ci.author_id', '=', 'i.author_id'),
          ),
        ),
      );
    if (scope.workspaceId) query = query.where('i.workspace_id', '=', scope.workspaceId);
    if (scope.conversationId) query = query.where('i.conversation_id', '=', scope.conversationId);
    if (scope.storedSince) query = query.where('i.created_at', '>=', scope.storedSince);
    if (!scope.conversationId && !scope.storedSince) {
      // A whole inbox (linking every author at once): the next `limit` authors in the order of inbox_items_author_idx
      // first (a walk of that index from the keyset, stopping at the limit), then only their items are joined and
      // checked. Joined and filtered all at once, the planner hashed the whole inbox and every identity per batch.
      let next = db
        .selectFrom('inbox_items as n')
        .select(['n.workspace_id', 'n.author_id'])
        .distinct()
        .where('n.direction', '=', 'inbound')
        .where('n.author_id', '<>', '');
      if (scope.workspaceId) next = next.where('n.workspace_id', '=', scope.workspaceId);
      if (after) next = next.where(sql<boolean>`(n.workspace_id, n.author_id) > (${after.workspace_id}::uuid, ${after.author_id})`);
      const authors = await next.orderBy('n.workspace_id').orderBy('n.author_id').limit(limit).execute();
      if (authors.length === 0) return { authors: [], last: null };
      const rows = await query
        .where('i.workspace_id', 'in', [...new Set(authors.map((a) => a.workspace_id))])
        .where(
          'i.author_id',
          'in',
          authors.map((a) => a.author_id),
        )
        .orderBy('i.workspace_id')
        .orderBy('i.author_id')
        .orderBy('c.network')
        .orderBy('i.remote_created_at')
        .execute();
      return { authors: rows, last: authors.length < limit ? null : (authors[authors.length - 1] ?? null) };
    }
    // Keyset on (workspace, author id), the order of inbox_items_author_idx: each batch starts after the last one.
    if (after) query = query.where(sql<boolean>`(i.workspace_id, i.author_id) > (${after.workspace_id}::uuid, ${after.author_id})`);
    // Whole authors per batch (every network of the last one), so the next batch starts after it.
    const rows = await query
      .orderBy('i.workspace_id')
      .orderBy('i.author_id')
      .orderBy('c.network')
      .orderBy('i.remote_created_at')
      .limit(limit)
      .execute();
    if (rows.length < limit) return { authors: rows, last: null };
    const lastAuthor = rows[rows.length - 1] as UnlinkedAuthor;
    const whole = rows.filter((r) => r.workspace_id !== lastAuthor.workspace_id || r.author_id !== lastAuthor.author_id);
    if (whole.length === 0) return { authors: rows, last: lastAuthor };
    const previous = whole[whole.length - 1] as UnlinkedAuthor;
    return { authors: whole, last: { workspace_id: previous.workspace_id, author_id: previous.author_id } };
  },

  /** The accounts that wrote in a conversation, in order of their first message. */
  async conversationAuthors(db: Db, workspaceId: string, conversationId: string) {
    return db
      .selectFrom('inbox_items as i')
      .innerJoin('inbox_conversations as c', 'c.id', 'i.conversation_id')
      .select(['c.network', 'i.author_id', sql<Date>`min(i.remote_created_at)`.as('first_at')])
      .where('i.workspace_id', '=', workspaceId)
      .where('i.conversation_id', '=', conversationId)
      .where('i.direction', '=', 'inbound')
      .where('i.author_id', '<>', '')
      .groupBy(['c.network', 'i.author_id'])
      .orderBy('first_at')
      .execute();
  },

  async conversationExists(db: Db, workspaceId: string, conversationId: string): Promise<boolean> {
    const row = await db
      .selectFrom('inbox_conversations')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', conversationId)
      .executeTakeFirst();
    return row !== undefined;
  },

  /** The person's messages in the inbox, newest first (`limit`), with their conversation and channel. */
  async history(db: Db, workspaceId: string, contactId: string, limit: number) {
    return db
      .selectFrom('inbox_items as i')
      .innerJoin('inbox_conversations as c', 'c.id', 'i.conversation_id')
      .innerJoin('contact_identities as ci', (join) =>
        join
          .onRef('ci.workspace_id', '=', 'i.workspace_id')
          .onRef('ci.network', '=', 'c.network')
          .onRef('ci.author_id', '=', 'i.author_id'),
      )
      .innerJoin('channels as ch', 'ch.id', 'i.channel_id')
      .select([
        'i.id',
        'i.conversation_id',
        'i.kind',
        'i.text',
        'i.url',
        'i.post_remote_id',
        'i.sentiment',
        'i.remote_created_at',
        'i.deleted_at',
        'c.network',
        'c.state as conversation_state',
        'ch.name as channel_name',
      ])
      .where('i.workspace_id', '=', workspaceId)
      .where('ci.contact_id', '=', contactId)
      .where('i.direction', '=', 'inbound')
      .orderBy('i.remote_created_at', 'desc')
      .orderBy('i.id', 'desc')
      .limit(limit)
      .execute();
  },

  /** Counts of the person's messages: all, per kind, on our posts, distinct posts, conversations, first and last. */
  async engagement(db: Db, workspaceId: string, contactId: string) {
    const rows = await db
      .selectFrom('inbox_items as i')
      .innerJoin('inbox_conversations as c', 'c.id', 'i.conversation_id')
      .innerJoin('contact_identities as ci', (join) =>
        join
          .onRef('ci.workspace_id', '=', 'i.workspace_id')
          .onRef('ci.network', '=', 'c.network')
          .onRef('ci.author_id', '=', 'i.author_id'),
      )
      .select([
        'i.kind',
        sql<string>`count(*)`.as('messages'),
        sql<string>`count(*) filter (where i.post_remote_id is not null)`.as('on_our_posts'),
        sql<string[]>`coalesce(array_agg(distinct i.post_remote_id) filter (where i.post_remote_id is not null), '{}')`.as('posts'),
        sql<string[]>`array_agg(distinct i.conversation_id)`.as('conversations'),
        sql<Date>`min(i.remote_created_at)`.as('first_at'),
        sql<Date>`max(i.remote_created_at)`.as('last_at'),
      ])
      .where('i.workspace_id', '=', workspaceId)
      .where('ci.contact_id', '=', contactId)
      .where('i.direction', '=', 'inbound')
      .groupBy('i.kind')
      .execute();
    return rows;
  },

  /** Pairs of contacts that may be one person: same handle, same name or same website across their identities. */
  async suggestions(db: Db, workspaceId: string, limit: number) {
    const result = await sql<{ a_id: string; b_id: string; reasons: string[] }>`
      WITH keys AS (
        SELECT ci.contact_id, 'handle' AS reason, ${handleKey} AS key
          FROM contact_identities ci WHERE ci.workspace_id = ${workspaceId}
        UNION ALL
        SELECT ci.contact_id, 'name', ${fold(sql`ci.display_name`)}
          FROM contact_identities ci WHERE ci.workspace_id = ${workspaceId} AND ci.display_name IS NOT NULL
        UNION ALL
        SELECT c.id, 'name', ${fold(sql`c.display_name`)} FROM contacts c WHERE c.workspace_id = ${workspaceId}
        UNION ALL
        SELECT c.id, 'website', ${websiteKey} FROM contacts c WHERE c.workspace_id = ${workspaceId} AND c.website IS NOT NULL
      ),
      shared AS (SELECT reason, key FROM keys WHERE length(key) >= 3 GROUP BY reason, key HAVING count(DISTINCT contact_id) > 1),
      candidates AS (SELECT k.contact_id, k.reason, k.key FROM keys k JOIN shared s ON s.reason = k.reason AND s.key = k.key)
      SELECT a.contact_id AS a_id, b.contact_id AS b_id, array_agg(DISTINCT a.reason ORDER BY a.reason) AS reasons
        FROM candidates a JOIN candidates b ON a.reason = b.reason AND a.key = b.key AND a.contact_id < b.contact_id
       GROUP BY a.contact_id, b.contact_id
       ORDER BY count(DISTINCT a.reason) DESC, a.contact_id, b.contact_id
       LIMIT ${limit}`.execute(db);
    return result.rows;
  },

  async findMany(db: Db, workspaceId: string, ids: readonly string[]): Promise<ContactRow[]> {
    if (ids.length === 0) return [];
    return db.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  },

  /** Every contact of a workspace, oldest first (CSV export). */
  async all(db: Db, workspaceId: string): Promise<ContactRow[]> {
    return db.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').orderBy('id').execute();
  },

  async allIdentities(db: Db, workspaceId: string): Promise<IdentityRow[]> {
    return db.selectFrom('contact_identities').selectAll().where('workspace_id', '=', workspaceId).orderBy('first_seen_at').execute();
  },

  /** The person's inbox items in full (GDPR export). */
  async itemsOf(db: Db, workspaceId: string, identity: { network: string; author_id: string }) {
    return db
      .selectFrom('inbox_items as i')
      .innerJoin('inbox_conversations as c', 'c.id', 'i.conversation_id')
      .selectAll('i')
      .where('i.workspace_id', '=', workspaceId)
      .where('c.network', '=', identity.network)
      .where('i.author_id', '=', identity.author_id)
      .where('i.direction', '=', 'inbound')
      .orderBy('i.remote_created_at')
      .execute();
  },

  /**
   * Erases the personal data of one account's inbox items: text, search text, link and author fields emptied; the
   * item stays (kind, time, channel) so counts and reports keep their totals. The conversations that show the person
   * as their author lose name, handle and preview. Returns how many items and conversations were changed.
   */
  async eraseAccountItems(db: Db, workspaceId: string, identity: { network: string; author_id: string; handle: string }) {
    const conversations = await db
      .updateTable('inbox_conversations')
      .set({ author_handle: '', author_name: null, preview: '' })
      .where('workspace_id', '=', workspaceId)
      .where('network', '=', identity.network)
      .where('author_handle', '=', identity.handle)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('inbox_items as i')
            .select(sql`1`.as('one'))
            .whereRef('i.conversation_id', '=', 'inbox_conversations.id')
            .where('i.author_id', '=', identity.author_id),
        ),
      )
      .executeTakeFirst();
    const items = await db
      .updateTable('inbox_items')
      .set({ text: '', search_text: '', url: null, author_id: '', author_handle: '', author_name: null, author_url: null })
      .where('workspace_id', '=', workspaceId)
      .where('author_id', '=', identity.author_id)
      .where('direction', '=', 'inbound')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('inbox_conversations as c')
            .select(sql`1`.as('one'))
            .whereRef('c.id', '=', 'inbox_items.conversation_id')
            .where('c.network', '=', identity.network),
        ),
      )
      .executeTakeFirst();
    return { items: Number(items.numUpdatedRows), conversations: Number(conversations.numUpdatedRows) };
  },

  async memberName(db: Db, userId: string): Promise<string | null> {
    const row = await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
    return row?.name ?? null;
  },

  /** The stages of several accounts of one network at once (author id → stage; authors without a contact are absent). */
  async stagesOfAccounts(db: Db, workspaceId: string, network: string, authorIds: readonly string[]): Promise<Map<string, ContactStage>> {
    const stages = new Map<string, ContactStage>();
    if (authorIds.length === 0) return stages;
    const rows = await db
      .selectFrom('contact_identities as ci')
      .innerJoin('contacts as c', 'c.id', 'ci.contact_id')
      .select(['ci.author_id', 'c.stage'])
      .where('ci.workspace_id', '=', workspaceId)
      .where('ci.network', '=', network)
      .where('ci.author_id', 'in', [...new Set(authorIds)])
      .execute();
    for (const row of rows) stages.set(row.author_id, row.stage);
    return stages;
  },

  /** The stage of the account's contact, or null when the author has no contact yet. */
  async stageOfAccount(db: Db, workspaceId: string, network: string, authorId: string): Promise<ContactStage | null> {
    const row = await contactsRepository.byAccount(db, workspaceId, network, authorId);
    return row?.stage ?? null;
  },
};
