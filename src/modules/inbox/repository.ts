import { sql, type Insertable, type Selectable } from 'kysely';
import './tables.ts';
import type { Db } from '../../db/database.ts';
import type { Cursor } from '../../lib/pagination.ts';
import { exactInstant, olderThanCursor } from '../../db/sql-fragments.ts';
import type {
  ConversationState,
  InboxChannelStateTable,
  InboxConversationsTable,
  InboxItemsTable,
  InboxNotesTable,
  InboxRepliesTable,
  InboxSavedRepliesTable,
  Priority,
} from './tables.ts';

export type ConversationRow = Selectable<InboxConversationsTable>;
export type ItemRow = Selectable<InboxItemsTable>;
export type ReplyRow = Selectable<InboxRepliesTable>;
export type NoteRow = Selectable<InboxNotesTable>;
export type SavedReplyRow = Selectable<InboxSavedRepliesTable>;
export type ChannelStateRow = Selectable<InboxChannelStateTable>;

/** Which conversations a list shows. */
export interface ConversationFilter {
  /** mine: assigned to `userId`; unassigned: nobody's. */
  view: 'all' | 'mine' | 'unassigned';
  userId: string;
  /** active: new, open or pending; or one state; or every state. */
  state: 'active' | 'any' | ConversationState;
  channelId?: string;
  kind?: string;
  label?: string;
  /** Lower case without accents: the words of any item's text (Spanish word forms too), or part of the person's handle. */
  search?: string;
}

export interface ConversationPatch {
  state?: ConversationState;
  assignee_user_id?: string | null;
  priority?: Priority;
  labels?: string[];
  unread_count?: number;
  resolved_at?: Date | null;
  resolved_by_user_id?: string | null;
  waiting_since?: Date | null;
}

/** Rows per multi-row statement (well under the 65,535 bind parameters of one statement). */
const BULK_ROWS = 500;

/** Whether a search has three-character pieces to look for in handles (inbox_handle_grams). */
const pieces = (search: string) => Array.from(search).length >= 3;

/** How many of the newest conversations a search looks through before it asks the text index. */
const SEARCH_RECENT = 2000;

/** The conversations a list shows (every filter but the search), in the list's order, from the cursor on. */
function conversationsQuery(db: Db, workspaceId: string, filter: ConversationFilter, page: { cursor: Cursor | null }) {
  let query = db
    .selectFrom('inbox_conversations as c')
    .innerJoin('channels as ch', 'ch.id', 'c.channel_id')
    .leftJoin('users as u', 'u.id', 'c.assignee_user_id')
    .selectAll('c')
    .select(['ch.name as channel_name', 'u.name as assignee_name'])
    .select(exactInstant('c.last_message_at').as('cursor_at'))
    .where('c.workspace_id', '=', workspaceId);
  if (filter.view === 'mine') query = query.where('c.assignee_user_id', '=', filter.userId);
  if (filter.view === 'unassigned') query = query.where('c.assignee_user_id', 'is', null);
  if (filter.state === 'active') query = query.where('c.state', '<>', 'resolved');
  else if (filter.state !== 'any') query = query.where('c.state', '=', filter.state);
  if (filter.channelId) query = query.where('c.channel_id', '=', filter.channelId);
  if (filter.kind) query = query.where('c.kind', '=', filter.kind);
  if (filter.label) query = query.where(sql<boolean>`c.labels @> ${JSON.stringify([filter.label])}::jsonb`);
  if (page.cursor) query = query.where(olderThanCursor('c.last_message_at', 'c.id', page.cursor));
  return query.orderBy('c.last_message_at', 'desc').orderBy('c.id', 'desc');
}

/** The statements of the inbox module (its only SQL). */
export const inboxRepository = {
  // ---------------- conversations and items ----------------

  /**
   * The conversations of a page's threads (one channel): the missing ones created with the values given (the first
   * item of each thread), then every one of them locked for the rest of the transaction, in id order (two pages of
   * the same channel, by push and by poll, wait for each other instead of deadlocking).
   */
  async ensureConversations(db: Db, values: Insertable<InboxConversationsTable>[]): Promise<ConversationRow[]> {
    if (values.length === 0) return [];
    const sorted = [...values].sort((a, b) =>
      a.thread_remote_id < b.thread_remote_id ? -1 : a.thread_remote_id > b.thread_remote_id ? 1 : 0,
    );
    for (let at = 0; at < sorted.length; at += BULK_ROWS)
      await db
        .insertInto('inbox_conversations')
        .values(sorted.slice(at, at + BULK_ROWS))
        .onConflict((oc) => oc.columns(['channel_id', 'thread_remote_id']).doNothing())
        .execute();
    const rows: ConversationRow[] = [];
    for (let at = 0; at < sorted.length; at += BULK_ROWS)
      rows.push(
        ...(await db
          .selectFrom('inbox_conversations')
          .selectAll()
          .where('channel_id', '=', sorted[0].channel_id)
          .where(
            'thread_remote_id',
            'in',
            sorted.slice(at, at + BULK_ROWS).map((v) => v.thread_remote_id),
          )
          .orderBy('id')
          .forUpdate()
          .execute()),
      );
    return rows;
  },

  /** Stores the items whose (channel, remote id) is not stored yet, in one statement per 500; returns those stored. */
  async insertItems(db: Db, values: Insertable<InboxItemsTable>[]): Promise<ItemRow[]> {
    const rows: ItemRow[] = [];
    for (let at = 0; at < values.length; at += BULK_ROWS)
      rows.push(
        ...(await db
          .insertInto('inbox_items')
          .values(values.slice(at, at + BULK_ROWS))
          .onConflict((oc) => oc.columns(['channel_id', 'remote_id']).doNothing())
          .returningAll()
          .execute()),
      );
    return rows;
  },

  /** Writes conversations as a page of items left them (computed by the ingestion, rows locked), in one statement. */
  async saveConversations(db: Db, rows: readonly ConversationRow[]): Promise<void> {
    if (rows.length === 0) return;
    const data = rows.map((r) => ({
      id: r.id,
      state: r.state,
      assignee_user_id: r.assignee_user_id,
      priority: r.priority,
      labels: r.labels,
      preview: r.preview,
      sentiment: r.sentiment,
      unread_count: r.unread_count,
      item_count: r.item_count,
      last_inbound_at: r.last_inbound_at,
      last_message_at: r.last_message_at,
      resolved_at: r.resolved_at,
      resolved_by_user_id: r.resolved_by_user_id,
      waiting_since: r.waiting_since,
      first_response_at: r.first_response_at,
      updated_at: r.updated_at,
    }));
    await sql`
      UPDATE inbox_conversations c
         SET state = v.state, assignee_user_id = v.assignee_user_id, priority = v.priority, labels = v.labels,
             preview = v.preview, sentiment = v.sentiment, unread_count = v.unread_count, item_count = v.item_count,
             last_inbound_at = v.last_inbound_at, last_message_at = v.last_message_at, resolved_at = v.resolved_at,
             resolved_by_user_id = v.resolved_by_user_id, waiting_since = v.waiting_since,
             first_response_at = v.first_response_at, updated_at = v.updated_at
        FROM jsonb_to_recordset(${JSON.stringify(data)}::jsonb) AS v(
               id uuid, state text, assignee_user_id uuid, priority text, labels jsonb, preview text, sentiment text,
               unread_count integer, item_count integer, last_inbound_at timestamptz, last_message_at timestamptz,
               resolved_at timestamptz, resolved_by_user_id uuid, waiting_since timestamptz, first_response_at timestamptz,
               updated_at timestamptz)
       WHERE c.id = v.id`.execute(db);
  },

  /** Our own messages seen by polling: since when the person had waited, and whether each was the first answer. */
  async markAnswers(db: Db, marks: ReadonlyArray<{ id: string; waited_since: Date; first_response: boolean }>): Promise<void> {
    if (marks.length === 0) return;
    await sql`
      UPDATE inbox_items i SET waited_since = v.waited_since, first_response = v.first_response
        FROM jsonb_to_recordset(${JSON.stringify(marks)}::jsonb) AS v(id uuid, waited_since timestamptz, first_response boolean)
       WHERE i.id = v.id`.execute(db);
  },

  /** Stores an item unless its (channel, remote id) is already stored; null when it was. */
  async insertItem(db: Db, values: Insertable<InboxItemsTable>): Promise<ItemRow | null> {
    const row = await db
      .insertInto('inbox_items')
      .values(values)
      .onConflict((oc) => oc.columns(['channel_id', 'remote_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  },

  /**
   * Our own message in a conversation (a reply from Plaza, or one seen again by polling): it waits
   * for them. The item keeps since when the person had waited and whether it was the first answer
   * (the service-level reports read them).
   */
  async noteOutbound(db: Db, id: string, at: Date, now: Date, itemId?: string): Promise<ConversationRow> {
    if (itemId) {
      const before = await db
        .selectFrom('inbox_conversations')
        .select(['waiting_since', 'first_response_at'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      const waited = before?.waiting_since && before.waiting_since <= at ? before.waiting_since : null;
      if (waited)
        await db
          .updateTable('inbox_items')
          .set({ waited_since: waited, first_response: before?.first_response_at === null })
          .where('id', '=', itemId)
          .execute();
    }
    return db
      .updateTable('inbox_conversations')
      .set({
        item_count: sql`item_count + 1`,
        state: sql`CASE WHEN ${at} >= last_message_at AND state IN ('new', 'open') THEN 'pending' ELSE state END`,
        waiting_since: sql`CASE WHEN waiting_since <= ${at} THEN NULL ELSE waiting_since END`,
        first_response_at: sql`CASE WHEN first_response_at IS NULL AND waiting_since <= ${at} THEN ${at}::timestamptz ELSE first_response_at END`,
        last_message_at: sql`GREATEST(last_message_at, ${at})`,
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async findConversation(db: Db, workspaceId: string, id: string): Promise<ConversationRow | undefined> {
    return db.selectFrom('inbox_conversations').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  },

  /** The conversation row locked for the rest of the transaction (two teammates answering at once). */
  async lockConversation(db: Db, workspaceId: string, id: string): Promise<ConversationRow | undefined> {
    return db
      .selectFrom('inbox_conversations')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  },

  async updateConversation(db: Db, id: string, patch: ConversationPatch, now: Date): Promise<ConversationRow> {
    const { labels, ...rest } = patch;
    return db
      .updateTable('inbox_conversations')
      .set({ ...rest, ...(labels !== undefined ? { labels: JSON.stringify(labels) } : {}), updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /**
   * One page of conversations, newest message first, with the channel's name (keyset: the cursor is the last row's
   * newest-message instant and id). A search matches a conversation with an item holding its words (Spanish word forms
   * too) or whose handle contains it. Each conversation's search row (1231) pre-filters exactly (all its items' words;
   * its handle's three-character pieces), and only the conversations it keeps have their items checked. The search looks
   * first among the newest conversations of the list (a common word fills the page there, walking the list's index);
   * when they do not fill the page, through the search rows' GIN indexes (a rare word has few conversations).
   */
  async listConversations(db: Db, workspaceId: string, filter: ConversationFilter, page: { limit: number; cursor: Cursor | null }) {
    if (!filter.search)
      return conversationsQuery(db, workspaceId, filter, page)
        .limit(page.limit + 1)
        .execute();
    const search = filter.search;
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const words = sql`(plainto_tsquery('spanish', ${search}) || plainto_tsquery('simple', ${search}))`;
    // A search of fewer than three characters has no piece: its handles are compared one by one. The search row `s`
    // pre-filters; the handle and the items decide.
    const byHandle = sql`lower(c.author_handle) LIKE ${pattern}`;
    const matches = sql<boolean>`(${pieces(search) ? sql`(s.handle_grams @> inbox_handle_grams(${search}) AND ${byHandle})` : byHandle}
      OR (s.words @@ ${words}
          AND EXISTS (SELECT 1 FROM inbox_items i WHERE i.conversation_id = c.id AND i.search_vector @@ ${words})))`;
    // The newest conversations of the list, walked in order until the page is full (a derived table keeps the order, so
    // the walk stops at the page's last match instead of checking them all).
    const recent = await db
      .selectFrom(conversationsQuery(db, workspaceId, filter, page).limit(SEARCH_RECENT).as('c'))
      .innerJoin('inbox_conversation_search as s', 's.conversation_id', 'c.id')
      .selectAll('c')
      .where(matches)
      .orderBy('c.last_message_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(page.limit + 1)
      .execute();
    if (recent.length > page.limit) return recent;
    // Few matches among the newest: the conversations the search rows' indexes give first, then the list's filters, order
    // and page on those only, instead of walking the whole list in order with a filter.
    return conversationsQuery(db, workspaceId, filter, page)
      .innerJoin('inbox_conversation_search as s', 's.conversation_id', 'c.id')
      .where(matches)
      .innerJoin(
        (eb) => {
          const byWords = eb
            .selectFrom('inbox_conversation_search as ms')
            .select('ms.conversation_id as id')
            .where('ms.workspace_id', '=', workspaceId)
            .where(sql<boolean>`ms.words @@ ${words}`);
          return (
            pieces(search)
              ? byWords.union(
                  eb
                    .selectFrom('inbox_conversation_search as ms')
                    .select('ms.conversation_id as id')
                    .where('ms.workspace_id', '=', workspaceId)
                    .where(sql<boolean>`ms.handle_grams @> inbox_handle_grams(${search})`),
                )
              : byWords.union(
                  eb
                    .selectFrom('inbox_conversations as hc')
                    .select('hc.id')
                    .where('hc.workspace_id', '=', workspaceId)
                    .where(sql`lower(hc.author_handle)`, 'like', pattern),
                )
          ).as('m');
        },
        (join) => join.onRef('m.id', '=', 'c.id'),
      )
      .limit(page.limit + 1)
      .execute();
  },

  /** Unread conversations (not resolved) per view and per channel, for the sidebar counts. */
  async unreadCounts(db: Db, workspaceId: string, userId: string) {
    const totals = await db
      .selectFrom('inbox_conversations')
      .select([
        sql<number>`count(*) FILTER (WHERE unread_count > 0)`.as('all'),
        sql<number>`count(*) FILTER (WHERE unread_count > 0 AND assignee_user_id = ${userId})`.as('mine'),
        sql<number>`count(*) FILTER (WHERE unread_count > 0 AND assignee_user_id IS NULL)`.as('unassigned'),
        sql<number>`count(*) FILTER (WHERE state <> 'resolved')`.as('active'),
      ])
      .where('workspace_id', '=', workspaceId)
      .where('state', '<>', 'resolved')
      .executeTakeFirstOrThrow();
    const byChannel = await db
      .selectFrom('inbox_conversations')
      .select(['channel_id', sql<number>`count(*)`.as('unread')])
      .where('workspace_id', '=', workspaceId)
      .where('state', '<>', 'resolved')
      .where('unread_count', '>', 0)
      .groupBy('channel_id')
      .execute();
    return { totals, byChannel };
  },

  async listItems(db: Db, conversationId: string): Promise<ItemRow[]> {
    return db
      .selectFrom('inbox_items')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .orderBy('remote_created_at')
      .orderBy('created_at')
      .limit(500)
      .execute();
  },

  async findItem(db: Db, workspaceId: string, itemId: string): Promise<ItemRow | undefined> {
    return db.selectFrom('inbox_items').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', itemId).executeTakeFirst();
  },

  /** The newest inbound item of a conversation (what a reply answers by default). */
  async latestInbound(db: Db, conversationId: string): Promise<ItemRow | undefined> {
    return db
      .selectFrom('inbox_items')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('direction', '=', 'inbound')
      .orderBy('remote_created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  async updateItem(
    db: Db,
    itemId: string,
    patch: Partial<Pick<ItemRow, 'sentiment' | 'sentiment_manual' | 'hidden' | 'liked' | 'deleted_at'>>,
  ): Promise<ItemRow> {
    return db.updateTable('inbox_items').set(patch).where('id', '=', itemId).returningAll().executeTakeFirstOrThrow();
  },

  /** Fills an item's remote id once our reply is known to exist (the reply row is the outbound item's source). */
  async countItems(db: Db, channelId: string): Promise<number> {
    const row = await db
      .selectFrom('inbox_items')
      .select(sql<number>`count(*)`.as('n'))
      .where('channel_id', '=', channelId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  // ---------------- channel state ----------------

  async channelStates(db: Db, workspaceId: string): Promise<ChannelStateRow[]> {
    return db.selectFrom('inbox_channel_state').selectAll().where('workspace_id', '=', workspaceId).execute();
  },

  /** Channels the poller may look at: active ones of networks with an inbox. */
  async activeChannels(db: Db, networks: string[]) {
    if (networks.length === 0) return [];
    return db.selectFrom('channels').selectAll().where('status', '=', 'active').where('network', 'in', networks).execute();
  },

  /** Takes a channel's poll lease (a row per channel, created on first use); null when another poller holds it. */
  async claimChannel(
    db: Db,
    input: { channelId: string; workspaceId: string; owner: string; now: Date; leaseUntil: Date },
  ): Promise<ChannelStateRow | null> {
    await db
      .insertInto('inbox_channel_state')
      .values({
        channel_id: input.channelId,
        workspace_id: input.workspaceId,
        cursor: null,
        last_error: null,
        last_error_code: null,
        lease_owner: null,
        lease_until: null,
      })
      .onConflict((oc) => oc.column('channel_id').doNothing())
      .execute();
    const row = await db
      .updateTable('inbox_channel_state')
      .set({ lease_owner: input.owner, lease_until: input.leaseUntil })
      .where('channel_id', '=', input.channelId)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', input.now), eb('lease_owner', '=', input.owner)]))
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  },

  /** Saves where the channel continues (only while the lease is still ours). */
  async saveChannelProgress(
    db: Db,
    channelId: string,
    owner: string,
    patch: Partial<
      Pick<ChannelStateRow, 'cursor' | 'backfill_state' | 'backfill_since' | 'last_polled_at' | 'last_error' | 'last_error_code'>
    > & {
      addBackfillItems?: number;
      leaseUntil?: Date | null;
    },
  ): Promise<boolean> {
    const { addBackfillItems, leaseUntil, ...rest } = patch;
    const result = await db
      .updateTable('inbox_channel_state')
      .set({
        ...rest,
        ...(addBackfillItems ? { backfill_items: sql`backfill_items + ${addBackfillItems}` } : {}),
        ...(leaseUntil !== undefined ? { lease_until: leaseUntil, lease_owner: leaseUntil === null ? null : owner } : {}),
      })
      .where('channel_id', '=', channelId)
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  // ---------------- replies ----------------

  /** A reply someone else (or the same person) already sent or is sending for this item, newest first. */
  async otherReply(db: Db, itemId: string): Promise<(ReplyRow & { author_name: string | null }) | undefined> {
    return db
      .selectFrom('inbox_replies as r')
      .leftJoin('users as u', 'u.id', 'r.author_user_id')
      .selectAll('r')
      .select('u.name as author_name')
      .where('r.item_id', '=', itemId)
      .where('r.state', '<>', 'failed')
      .orderBy('r.created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  async insertReplies(db: Db, values: Insertable<InboxRepliesTable>[]): Promise<void> {
    if (values.length > 0) await db.insertInto('inbox_replies').values(values).execute();
  },

  async insertReply(db: Db, values: Insertable<InboxRepliesTable>): Promise<ReplyRow> {
    return db.insertInto('inbox_replies').values(values).returningAll().executeTakeFirstOrThrow();
  },

  async listReplies(db: Db, conversationId: string) {
    return db
      .selectFrom('inbox_replies as r')
      .leftJoin('users as u', 'u.id', 'r.author_user_id')
      .selectAll('r')
      .select('u.name as author_name')
      .where('r.conversation_id', '=', conversationId)
      .orderBy('r.created_at')
      .execute();
  },

  async findReply(db: Db, workspaceId: string, replyId: string): Promise<ReplyRow | undefined> {
    return db.selectFrom('inbox_replies').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', replyId).executeTakeFirst();
  },

  /**
   * Claims replies due now: queued ones, and sending ones whose lease ran out (their worker died
   * or stalled: the network may have the reply, so they are marked to be looked up first). Each
   * claim is one attempt; the attempt number fences every outcome write.
   */
  async claimDueReplies(db: Db, claim: { owner: string; now: Date; leaseUntil: Date; limit: number }): Promise<ReplyRow[]> {
    const { rows } = await sql<ReplyRow>`
      UPDATE inbox_replies r
         SET state = 'sending', attempts = r.attempts + 1, lease_owner = ${claim.owner}, lease_until = ${claim.leaseUntil},
             needs_reconcile = r.needs_reconcile OR r.state = 'sending'
        FROM (SELECT id FROM inbox_replies
               WHERE (state = 'queued' AND next_attempt_at <= ${claim.now}) OR (state = 'sending' AND lease_until < ${claim.now})
               ORDER BY next_attempt_at LIMIT ${claim.limit} FOR UPDATE SKIP LOCKED) due
       WHERE r.id = due.id
      RETURNING r.*`.execute(db);
    return rows;
  },

  /** The replies sent on a channel, newest first (reconciling adapters read them: ChannelContext.repliesOnChannel). */
  async repliesOnChannel(db: Db, channelId: string, limit: number) {
    const rows = await db
      .selectFrom('inbox_replies')
      .select(['id', 'remote_id', 'sent_at'])
      .where('channel_id', '=', channelId)
      .where('state', '=', 'sent')
      .where('remote_id', 'is not', null)
      .orderBy('sent_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ replyId: r.id, remoteId: r.remote_id!, sentAt: (r.sent_at ?? new Date(0)).toISOString() }));
  },

  /** The outcome of one attempt, written only while the reply is still that attempt's. */
  async settleReply(
    db: Db,
    fence: { id: string; owner: string; attempt: number },
    outcome: Partial<
      Pick<
        ReplyRow,
        'state' | 'needs_reconcile' | 'remote_id' | 'remote_url' | 'error_code' | 'error_message' | 'sent_at' | 'next_attempt_at'
      >
    >,
  ): Promise<ReplyRow | null> {
    const row = await db
      .updateTable('inbox_replies')
      .set({ ...outcome, lease_owner: null, lease_until: null })
      .where('id', '=', fence.id)
      .where('lease_owner', '=', fence.owner)
      .where('attempts', '=', fence.attempt)
      .where('state', '=', 'sending')
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  },

  // ---------------- notes ----------------

  async insertNote(db: Db, values: Insertable<InboxNotesTable>): Promise<NoteRow> {
    return db.insertInto('inbox_notes').values(values).returningAll().executeTakeFirstOrThrow();
  },

  async listNotes(db: Db, conversationId: string) {
    return db
      .selectFrom('inbox_notes as n')
      .leftJoin('users as u', 'u.id', 'n.author_user_id')
      .selectAll('n')
      .select('u.name as author_name')
      .where('n.conversation_id', '=', conversationId)
      .orderBy('n.created_at')
      .execute();
  },

  /** Members of the workspace (ids and names), to resolve assignees and @mentions. */
  async members(db: Db, workspaceId: string) {
    return db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.name', 'u.email', 'm.role'])
      .where('m.workspace_id', '=', workspaceId)
      .orderBy('u.name')
      .execute();
  },

  /** The workspace's name: the brand in saved replies ({marca}). */
  async workspaceName(db: Db, workspaceId: string): Promise<string | null> {
    const row = await db.selectFrom('workspaces').select('name').where('id', '=', workspaceId).executeTakeFirst();
    return row?.name ?? null;
  },

  // ---------------- saved replies ----------------

  async listSavedReplies(db: Db, workspaceId: string): Promise<SavedReplyRow[]> {
    return db.selectFrom('inbox_saved_replies').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').orderBy('id').execute();
  },

  async insertSavedReply(db: Db, values: Insertable<InboxSavedRepliesTable>): Promise<SavedReplyRow> {
    return db.insertInto('inbox_saved_replies').values(values).returningAll().executeTakeFirstOrThrow();
  },

  async deleteSavedReply(db: Db, workspaceId: string, id: string): Promise<boolean> {
    const result = await db
      .deleteFrom('inbox_saved_replies')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },
};
