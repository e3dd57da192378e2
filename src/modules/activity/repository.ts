/**
 * Named queries of the activity module: events with their actors (live stream and
 * notifications), notification read cursors, the re-check of a long-lived stream's
 * caller, and the sandbox timeline's channels. The only activity code that touches the database.
 */
import type { Db, RawSql } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';

/** Raw SQL on the shared connection (`database.raw`). */
type SqlRunner = Pick<RawSql, 'query'>;

/** An event row with its actor's name. */
export interface EventRowWithActor {
  id: string | number;
  type: string;
  subject_type: string | null;
  subject_id: string | null;
  actor_user_id: string | null;
  actor_name: string | null;
  data: Record<string, unknown> | string;
  created_at: Date | string;
}

/** A notification's event row, with the opening of the post it is about (null when not about a post). */
export interface NotificationRow extends EventRowWithActor {
  post_text: string | null;
}

export const activityRepository = {
  /** Events of a workspace after `afterId`, oldest first, with the actor's name. */
  async eventsAfter(raw: SqlRunner, workspaceId: string, afterId: string, limit: number): Promise<EventRowWithActor[]> {
    const { rows } = await raw.query<EventRowWithActor>(
      `SELECT e.id, e.type, e.subject_type, e.subject_id, e.actor_user_id, u.name AS actor_name, e.data, e.created_at
         FROM events e LEFT JOIN users u ON u.id = e.actor_user_id
        WHERE e.workspace_id = $1 AND e.id > $2
        ORDER BY e.id LIMIT $3`,
      [workspaceId, afterId, limit],
    );
    return rows;
  },

  /** The id of a workspace's latest event (0 when none). */
  async latestEventId(raw: SqlRunner, workspaceId: string): Promise<string> {
    const { rows } = await raw.query<{ id: string | number | null }>('SELECT max(id) AS id FROM events WHERE workspace_id = $1', [
      workspaceId,
    ]);
    return String(rows[0]?.id ?? 0);
  },

  /**
   * The latest events of the given types not caused by `userId` (and, when an event names a
   * `recipientUserId`, only for that person), newest first, each with the first
   * 200 characters of its post's text (the main text, else its first channel's own) so that a
   * notification can name the post.
   */
  async notificationEvents(
    raw: SqlRunner,
    workspaceId: string,
    types: string[],
    userId: string,
    limit: number,
  ): Promise<NotificationRow[]> {
    const { rows } = await raw.query<NotificationRow>(
      `SELECT e.id, e.type, e.subject_type, e.subject_id, e.actor_user_id, u.name AS actor_name, e.data, e.created_at,
              left(COALESCE(NULLIF(p.content, ''),
                            (SELECT pub.text FROM publications pub WHERE pub.post_id = p.id AND pub.text <> '' ORDER BY pub.created_at, pub.id LIMIT 1)),
                   200) AS post_text
         FROM events e LEFT JOIN users u ON u.id = e.actor_user_id
         LEFT JOIN posts p ON e.subject_type = 'post' AND p.id::text = e.subject_id AND p.workspace_id = e.workspace_id
        WHERE e.workspace_id = $1 AND e.type = ANY($2::text[]) AND (e.actor_user_id IS NULL OR e.actor_user_id <> $3)
          AND (e.data->>'recipientUserId' IS NULL OR e.data->>'recipientUserId' = $3::text)
        ORDER BY e.id DESC LIMIT $4`,
      [workspaceId, types, userId, limit],
    );
    return rows;
  },

  /** The last event a user marked read in a workspace (0 when none). */
  async lastReadEventId(raw: SqlRunner, userId: string, workspaceId: string): Promise<bigint> {
    const { rows } = await raw.query<{ last_read_event_id: string | number }>(
      'SELECT last_read_event_id FROM notification_cursors WHERE user_id = $1 AND workspace_id = $2',
      [userId, workspaceId],
    );
    return BigInt(rows[0]?.last_read_event_id ?? 0);
  },

  /** Moves a user's read cursor forward to `upToEventId` (never back). */
  async markReadUpTo(raw: SqlRunner, userId: string, workspaceId: string, upToEventId: string): Promise<void> {
    await raw.query(
      `INSERT INTO notification_cursors (user_id, workspace_id, last_read_event_id) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, workspace_id) DO UPDATE SET last_read_event_id = GREATEST(notification_cursors.last_read_event_id, EXCLUDED.last_read_event_id)`,
      [userId, workspaceId, upToEventId],
    );
  },

  /** The caller's role through an API token still valid (null once revoked or the membership removed). */
  async roleByToken(raw: SqlRunner, tokenHash: string, workspaceId: string, userId: string): Promise<Role | null> {
    const { rows } = await raw.query<{ role: Role }>(
      `SELECT m.role FROM api_tokens t JOIN memberships m ON m.user_id = t.user_id AND m.workspace_id = $2
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.user_id = $3`,
      [tokenHash, workspaceId, userId],
    );
    return rows[0]?.role ?? null;
  },

  /** The caller's role through a session still open (null once ended, expired, or the membership removed). */
  async roleBySession(raw: SqlRunner, sessionId: string, workspaceId: string, now: Date, userId: string): Promise<Role | null> {
    const { rows } = await raw.query<{ role: Role }>(
      `SELECT m.role FROM sessions s JOIN memberships m ON m.user_id = s.user_id AND m.workspace_id = $2
        WHERE s.id = $1 AND s.expires_at > $3 AND s.user_id = $4`,
      [sessionId, workspaceId, now, userId],
    );
    return rows[0]?.role ?? null;
  },

  /** A workspace's sandbox channels. */
  sandboxChannels(db: Db, workspaceId: string) {
    return db
      .selectFrom('channels')
      .select(['id', 'name', 'settings', 'status'])
      .where('workspace_id', '=', workspaceId)
      .where('network', '=', 'sandbox')
      .execute();
  },

  /** The posts of some publications of a workspace. */
  publicationPosts(db: Db, workspaceId: string, publicationIds: string[]) {
    return db
      .selectFrom('publications')
      .select(['id', 'post_id'])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', publicationIds)
      .execute();
  },
};
