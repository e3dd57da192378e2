/**
 * The statements of the inbox's rules, settings (auto-replies, business hours, targets), saved
 * views, service-level reports and push secrets (migration 0980). The only SQL of those parts.
 */
import { sql, type Insertable, type Selectable } from 'kysely';
import './tables.ts';
import type { Db } from '../../db/database.ts';
import type { InboxRulesTable, InboxSavedViewsTable, InboxSettingsTable } from './tables.ts';

export type RuleRow = Selectable<InboxRulesTable>;
export type SettingsRow = Selectable<InboxSettingsTable>;
export type SavedViewRow = Selectable<InboxSavedViewsTable>;

/** An inbound item with what rules and the tester look at. */
export interface TesterItemRow {
  id: string;
  conversation_id: string;
  text: string;
  kind: string;
  network: string;
  sentiment: string | null;
  language: string | null;
  author_id: string;
  author_handle: string;
  remote_created_at: Date;
  rule_id: string | null;
}

/**
 * Our answers that ended a wait, as columns: since when the person waited (ms), when we answered (ms), and whether it was
 * the conversation's first response (1) or not (0), position by position.
 */
export interface AnswerTimes {
  t0: Float64Array;
  t1: Float64Array;
  first: Uint8Array;
}

/** One answer in a conversation whose priority is not normal: its instants (ms) and the priority. */
export interface PriorityAnswerRow {
  t0: number;
  t1: number;
  priority: string;
}

/** Instants packed by migration 1230 (int8send: microseconds, 8 bytes big-endian each) as milliseconds. */
function unpackInstants(bytes: Uint8Array, into: Float64Array, at: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let offset = 0, i = at; offset < bytes.byteLength; offset += 8, i++)
    into[i] = (view.getInt32(offset) * 4294967296 + view.getUint32(offset + 4)) / 1000;
}

export const inboxRulesRepository = {
  // ---------------- rules ----------------

  async listRules(db: Db, workspaceId: string): Promise<RuleRow[]> {
    return db.selectFrom('inbox_rules').selectAll().where('workspace_id', '=', workspaceId).orderBy('position').orderBy('id').execute();
  },

  async findRule(db: Db, workspaceId: string, id: string): Promise<RuleRow | undefined> {
    return db.selectFrom('inbox_rules').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  },

  /** The next position at the end of the workspace's list. */
  async nextPosition(db: Db, workspaceId: string): Promise<number> {
    const row = await db
      .selectFrom('inbox_rules')
      .select(sql<number>`coalesce(max(position), 0) + 1`.as('next'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    return Number(row.next);
  },

  async insertRule(db: Db, values: Insertable<InboxRulesTable>): Promise<RuleRow> {
    return db.insertInto('inbox_rules').values(values).returningAll().executeTakeFirstOrThrow();
  },

  async updateRule(
    db: Db,
    id: string,
    patch: { name?: string; enabled?: boolean; conditions?: object; actions?: object; position?: number },
    now: Date,
  ): Promise<RuleRow> {
    const { conditions, actions, ...rest } = patch;
    return db
      .updateTable('inbox_rules')
      .set({
        ...rest,
        ...(conditions ? { conditions: JSON.stringify(conditions) } : {}),
        ...(actions ? { actions: JSON.stringify(actions) } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async deleteRule(db: Db, workspaceId: string, id: string): Promise<boolean> {
    const result = await db.deleteFrom('inbox_rules').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  /** Counts several matches of one rule at once (a page of items). */
  async noteMatches(db: Db, id: string, count: number, at: Date): Promise<void> {
    await db
      .updateTable('inbox_rules')
      .set({ matched_count: sql`matched_count + ${count}`, last_matched_at: at })
      .where('id', '=', id)
      .execute();
  },

  /** Inbound items of the workspace since `since`, newest first (the tester's sample). */
  async inboundSince(db: Db, workspaceId: string, since: Date, limit: number): Promise<TesterItemRow[]> {
    return db
      .selectFrom('inbox_items as i')
      .innerJoin('inbox_conversations as c', 'c.id', 'i.conversation_id')
      .select([
        'i.id',
        'i.conversation_id',
        'i.text',
        'i.kind',
        'c.network',
        'i.sentiment',
        'i.language',
        'i.author_id',
        'i.author_handle',
        'i.remote_created_at',
        'i.rule_id',
      ])
      .where('i.workspace_id', '=', workspaceId)
      .where('i.direction', '=', 'inbound')
      .where('i.remote_created_at', '>=', since)
      .orderBy('i.remote_created_at', 'desc')
      .limit(limit)
      .execute();
  },

  // ---------------- settings ----------------

  async settings(db: Db, workspaceId: string): Promise<SettingsRow | undefined> {
    return db.selectFrom('inbox_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
  },

  async saveSettings(db: Db, values: { workspace_id: string; auto_replies: boolean; business_hours: object; targets: object; now: Date }) {
    const row = {
      workspace_id: values.workspace_id,
      auto_replies: values.auto_replies,
      business_hours: JSON.stringify(values.business_hours),
      targets: JSON.stringify(values.targets),
      updated_at: values.now,
    };
    return db
      .insertInto('inbox_settings')
      .values(row)
      .onConflict((oc) =>
        oc.column('workspace_id').doUpdateSet({
          auto_replies: row.auto_replies,
          business_hours: row.business_hours,
          targets: row.targets,
          updated_at: row.updated_at,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  // ---------------- saved views ----------------

  async listViews(db: Db, workspaceId: string, userId: string): Promise<SavedViewRow[]> {
    return db
      .selectFrom('inbox_saved_views')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', '=', userId)]))
      .orderBy('name')
      .orderBy('id')
      .execute();
  },

  async findView(db: Db, workspaceId: string, id: string): Promise<SavedViewRow | undefined> {
    return db.selectFrom('inbox_saved_views').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  },

  async insertView(db: Db, values: Insertable<InboxSavedViewsTable>): Promise<SavedViewRow> {
    return db.insertInto('inbox_saved_views').values(values).returningAll().executeTakeFirstOrThrow();
  },

  async deleteView(db: Db, id: string): Promise<void> {
    await db.deleteFrom('inbox_saved_views').where('id', '=', id).execute();
  },

  // ---------------- service levels ----------------

  /** Conversations waiting for us (not resolved), for due / overdue. */
  async waitingConversations(db: Db, workspaceId: string, ids: string[]) {
    if (ids.length === 0) return [];
    return db
      .selectFrom('inbox_conversations')
      .select(['id', 'waiting_since', 'priority'])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', ids)
      .execute();
  },

  /**
   * Our answers that ended a wait in a range, read from the items (only those: inbox_items_answers_idx, index-only), as
   * one row of comma-separated columns, instants in whole microseconds (far cheaper to read than as many rows).
   */
  async answerTimes(db: Db, workspaceId: string, range: { from: Date; to: Date }): Promise<AnswerTimes> {
    const { rows } = await sql<{ t0: string | null; t1: string | null; first: string | null }>`
      SELECT string_agg(round(date_part('epoch', i.waited_since) * 1000000)::int8::text, ',') AS t0,
             string_agg(round(date_part('epoch', i.remote_created_at) * 1000000)::int8::text, ',') AS t1,
             string_agg(CASE WHEN i.first_response THEN '1' ELSE '0' END, ',') AS first
        FROM inbox_items i
       WHERE i.workspace_id = ${workspaceId} AND i.direction = 'outbound' AND i.waited_since IS NOT NULL
         AND i.remote_created_at >= ${range.from} AND i.remote_created_at < ${range.to}`.execute(db);
    const row = rows[0];
    if (!row?.t0 || !row.t1 || !row.first) return { t0: new Float64Array(0), t1: new Float64Array(0), first: new Uint8Array(0) };
    const t0 = Float64Array.from(row.t0.split(','), (v) => Number(v) / 1000);
    return {
      t0,
      t1: Float64Array.from(row.t1.split(','), (v) => Number(v) / 1000),
      first: Uint8Array.from(row.first.split(','), (v) => (v === '1' ? 1 : 0)),
    };
  },

  /**
   * The answers that ended a wait on whole UTC days (firstDay to lastDay, yyyy-mm-dd), from their packed daily rows
   * (migration 1230, kept by triggers): the same answers answerTimes reads from the items for those days.
   */
  async answerTimesOfDays(db: Db, workspaceId: string, firstDay: string, lastDay: string): Promise<AnswerTimes> {
    // The rows as they are (an aggregate would copy every packed value once more), in base64: bytea's hex output costs
    // the server several times more.
    const { rows } = await sql<{ first_response: boolean; n: number; waited_since: string; answered_at: string }>`
      SELECT first_response, n, encode(waited_since, 'base64') AS waited_since, encode(answered_at, 'base64') AS answered_at
        FROM inbox_answer_days
       WHERE workspace_id = ${workspaceId} AND day >= ${firstDay}::date AND day <= ${lastDay}::date`.execute(db);
    const total = rows.reduce((s, r) => s + Number(r.n), 0);
    const out = { t0: new Float64Array(total), t1: new Float64Array(total), first: new Uint8Array(total) };
    let at = 0;
    for (const r of rows) {
      unpackInstants(Buffer.from(r.waited_since, 'base64'), out.t0, at);
      unpackInstants(Buffer.from(r.answered_at, 'base64'), out.t1, at);
      const n = Number(r.n);
      if (r.first_response) out.first.fill(1, at, at + n);
      at += n;
    }
    return out;
  },

  /**
   * The answers that ended a wait in a range in the conversations whose priority is not normal (usually few: the
   * conversations through inbox_conversations_priority_idx, their items through inbox_items_conversation_idx).
   */
  async priorityAnswerTimes(db: Db, workspaceId: string, range: { from: Date; to: Date }): Promise<PriorityAnswerRow[]> {
    const { rows } = await sql<{ t0: string; t1: string; priority: string }>`
      SELECT round(date_part('epoch', i.waited_since) * 1000000)::int8 AS t0,
             round(date_part('epoch', i.remote_created_at) * 1000000)::int8 AS t1, c.priority
        FROM inbox_conversations c
        JOIN inbox_items i ON i.conversation_id = c.id
       WHERE c.workspace_id = ${workspaceId} AND c.priority <> 'normal'
         AND i.direction = 'outbound' AND i.waited_since IS NOT NULL
         AND i.remote_created_at >= ${range.from} AND i.remote_created_at < ${range.to}`.execute(db);
    return rows.map((r) => ({ t0: Number(r.t0) / 1000, t1: Number(r.t1) / 1000, priority: r.priority }));
  },

  /** Our answers (outbound items) in a range, per author (null: none recorded). */
  async repliesBy(db: Db, workspaceId: string, from: Date, to: Date) {
    return db
      .selectFrom('inbox_items as i')
      .innerJoin('inbox_conversations as c', 'c.id', 'i.conversation_id')
      .select(['i.author_user_id', sql<number>`count(*)`.as('n')])
      .where('i.workspace_id', '=', workspaceId)
      .where('i.direction', '=', 'outbound')
      .where('i.remote_created_at', '>=', from)
      .where('i.remote_created_at', '<', to)
      .groupBy('i.author_user_id')
      .execute();
  },

  /**
   * The daily report rows (migration 1110, kept by triggers) of whole brand days, summed per measure and key: what
   * inboundVolume, inboundByLabel, repliesBy, conversationsStarted and resolvedBy give for the same days.
   */
  async reportDays(db: Db, workspaceId: string, firstDay: string, lastDay: string) {
    const { rows } = await sql<{ measure: string; a: string; b: string; c: string; n: number }>`
      SELECT measure, a, b, c, sum(n)::float8 AS n
        FROM inbox_report_days
       WHERE workspace_id = ${workspaceId} AND measure IN ('inbound', 'label', 'replies', 'started', 'answered', 'resolved')
         AND day >= ${firstDay}::date AND day <= ${lastDay}::date
       GROUP BY measure, a, b, c
      HAVING sum(n) <> 0`.execute(db);
    return rows;
  },

  /** Inbound volume in a range by type, network, sentiment. */
  async inboundVolume(db: Db, workspaceId: string, from: Date, to: Date) {
    return db
      .selectFrom('inbox_items as i')
      .innerJoin('inbox_conversations as c', 'c.id', 'i.conversation_id')
      .select(['i.kind', 'c.network', 'i.sentiment', sql<number>`count(*)`.as('n')])
      .where('i.workspace_id', '=', workspaceId)
      .where('i.direction', '=', 'inbound')
      .where('i.remote_created_at', '>=', from)
      .where('i.remote_created_at', '<', to)
      .groupBy(['i.kind', 'c.network', 'i.sentiment'])
      .execute();
  },

  /** Inbound volume by conversation label. */
  async inboundByLabel(db: Db, workspaceId: string, from: Date, to: Date) {
    const { rows } = await sql<{ label: string; n: number }>`
      SELECT l.label, count(*) AS n
        FROM inbox_items i
        JOIN inbox_conversations c ON c.id = i.conversation_id
        CROSS JOIN LATERAL jsonb_array_elements_text(c.labels) AS l(label)
       WHERE i.workspace_id = ${workspaceId} AND i.direction = 'inbound'
         AND i.remote_created_at >= ${from} AND i.remote_created_at < ${to}
       GROUP BY l.label ORDER BY n DESC LIMIT 50`.execute(db);
    return rows;
  },

  /** Conversations that started in the range, and how many got an answer. */
  async conversationsStarted(db: Db, workspaceId: string, from: Date, to: Date) {
    return db
      .selectFrom('inbox_conversations')
      .select([sql<number>`count(*)`.as('started'), sql<number>`count(first_response_at)`.as('answered')])
      .where('workspace_id', '=', workspaceId)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .where('last_inbound_at', 'is not', null)
      .executeTakeFirstOrThrow();
  },

  /** Conversations resolved in the range, per teammate. */
  async resolvedBy(db: Db, workspaceId: string, from: Date, to: Date) {
    return db
      .selectFrom('inbox_conversations')
      .select(['resolved_by_user_id', sql<number>`count(*)`.as('n')])
      .where('workspace_id', '=', workspaceId)
      .where('state', '=', 'resolved')
      .where('resolved_at', '>=', from)
      .where('resolved_at', '<', to)
      .groupBy('resolved_by_user_id')
      .execute();
  },

  // ---------------- pushes ----------------

  /** A channel's sealed push secret and its workspace, or undefined when it has none. */
  async pushSecret(db: Db, channelId: string): Promise<{ workspace_id: string; sealed: string } | undefined> {
    const row = await db
      .selectFrom('inbox_channel_state')
      .select(['workspace_id', 'push_secret_sealed'])
      .where('channel_id', '=', channelId)
      .executeTakeFirst();
    return row?.push_secret_sealed ? { workspace_id: row.workspace_id, sealed: row.push_secret_sealed } : undefined;
  },

  /** Stores a channel's sealed push secret (creating its state row when it has none yet). */
  async savePushSecret(db: Db, input: { channelId: string; workspaceId: string; sealed: string }): Promise<void> {
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
        push_secret_sealed: input.sealed,
      })
      .onConflict((oc) => oc.column('channel_id').doUpdateSet({ push_secret_sealed: input.sealed }))
      .execute();
  },

  /** Forgets a channel's push secret (its pushes are refused from now on); false when it had none. */
  async clearPushSecret(db: Db, workspaceId: string, channelId: string): Promise<boolean> {
    const result = await db
      .updateTable('inbox_channel_state')
      .set({ push_secret_sealed: null })
      .where('channel_id', '=', channelId)
      .where('workspace_id', '=', workspaceId)
      .where('push_secret_sealed', 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },
};
