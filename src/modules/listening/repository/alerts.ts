import { sql, type Selectable } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { ListeningAlertsTable } from '../../../db/schema.ts';

export type AlertRow = Selectable<ListeningAlertsTable>;

/** Reputation alerts and each workspace's alert settings. */
export const alertRepository = {
  /** A workspace's newest alerts. */
  list(db: Db, workspaceId: string, limit: number) {
    return db
      .selectFrom('listening_alerts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  },

  /** One alert of a workspace, or undefined. */
  find(db: Db, workspaceId: string, alertId: string) {
    return db
      .selectFrom('listening_alerts')
      .selectAll()
      .where('id', '=', alertId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
  },

  acknowledge(db: Db, alertId: string, at: Date) {
    return db
      .updateTable('listening_alerts')
      .set({ acknowledged_at: at })
      .where('id', '=', alertId)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** The workspace's stored alert settings, or undefined (the defaults apply). */
  settings(db: Db, workspaceId: string) {
    return db.selectFrom('listening_alert_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
  },

  /** Stores a workspace's alert settings (inserted the first time, replaced after). */
  async saveSettings(
    db: Db,
    workspaceId: string,
    s: {
      enabled: boolean;
      windowMinutes: number;
      historyWindows: number;
      threshold: number;
      minCount: number;
      notifyEmails: string[];
      updatedBy: string;
      updatedAt: Date;
    },
  ): Promise<void> {
    const values = {
      enabled: s.enabled,
      window_minutes: s.windowMinutes,
      history_windows: s.historyWindows,
      z_threshold: s.threshold,
      min_count: s.minCount,
      notify_emails: JSON.stringify(s.notifyEmails),
      updated_by: s.updatedBy,
      updated_at: s.updatedAt,
    };
    await db
      .insertInto('listening_alert_settings')
      .values({ workspace_id: workspaceId, ...values })
      .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
      .execute();
  },

  /** Addresses that get an e-mail per alert ([] when none are set). */
  async notifyEmails(db: Db, workspaceId: string): Promise<string[]> {
    const row = await db
      .selectFrom('listening_alert_settings')
      .select('notify_emails')
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return row?.notify_emails ?? [];
  },

  /** Negative mentions published in [from, to) with each query they matched (one row per match, or one unmatched). */
  async negativeMentionsInRange(db: Db, workspaceId: string, from: Date, to: Date) {
    const rows = await sql<{ id: string; published_at: Date; query_id: string | null }>`
      SELECT m.id, m.published_at, x.query_id
      FROM listening_mentions m LEFT JOIN listening_mention_matches x ON x.mention_id = m.id
      WHERE m.workspace_id = ${workspaceId} AND m.sentiment = 'negative' AND m.published_at >= ${from} AND m.published_at < ${to}
      LIMIT 200000`.execute(db);
    return rows.rows;
  },

  /** Stores an alert once per (scope, kind, window); returns its id, or undefined when it was already stored. */
  insertOnce(
    db: Db,
    a: {
      workspaceId: string;
      queryId: string | null;
      scope: string;
      windowStart: Date;
      windowEnd: Date;
      count: number;
      expected: number;
      z: number;
      mentionIds: string[];
    },
  ) {
    return db
      .insertInto('listening_alerts')
      .values({
        workspace_id: a.workspaceId,
        query_id: a.queryId,
        scope: a.scope,
        kind: 'negative_spike',
        window_start: a.windowStart,
        window_end: a.windowEnd,
        count: a.count,
        expected: a.expected,
        z: a.z,
        mention_ids: JSON.stringify(a.mentionIds),
      })
      .onConflict((oc) => oc.columns(['workspace_id', 'scope', 'kind', 'window_start']).doNothing())
      .returning('id')
      .executeTakeFirst();
  },

  async setEvent(db: Db, alertId: string, eventId: string): Promise<void> {
    await db.updateTable('listening_alerts').set({ event_id: eventId }).where('id', '=', alertId).execute();
  },

  /** A workspace's alerts not yet e-mailed, raised after `since`, with tries left (oldest first, at most 20). */
  unsent(db: Db, workspaceId: string, since: Date, maxAttempts: number) {
    return db
      .selectFrom('listening_alerts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('emailed_at', 'is', null)
      .where('email_attempts', '<', maxAttempts)
      .where('created_at', '>', since)
      .orderBy('created_at')
      .limit(20)
      .execute();
  },

  /** Records one e-mail try: sent at `at`, or the error (the alert stays unsent). */
  async recordEmailAttempt(db: Db, alertId: string, outcome: { error: string | null; at: Date }): Promise<void> {
    await db
      .updateTable('listening_alerts')
      .set((eb) => ({
        emailed_at: outcome.error ? null : outcome.at,
        email_error: outcome.error,
        email_attempts: eb('email_attempts', '+', 1),
      }))
      .where('id', '=', alertId)
      .execute();
  },
};
