/**
 * Named queries of the calendar: dated posts in a window (for the views and the
 * iCalendar feed) and the per-user feed tokens. The only calendar code that touches the database.
 */
import { sql } from 'kysely';
import type { Db, RawSql } from '../../db/database.ts';

/** Reads run as raw SQL on the shared connection (`database.raw`). */
type SqlRunner = Pick<RawSql, 'query'>;
import type { PostState, PublicationState } from '../../db/schema.ts';

/** A dated post as the month and week views show it. */
export interface CalendarEntryRow {
  id: string;
  content: string;
  state: PostState;
  scheduled_at: Date;
  author_id: string | null;
  campaign_id: string | null;
  /** An occurrence of a recurring post (the calendar draws a repeat icon). */
  recurring: boolean;
  channels: Array<{ channelId: string; state: PublicationState }>;
}

/** A dated post as the iCalendar feed shows it. */
export interface FeedEntryRow {
  id: string;
  content: string;
  state: string;
  scheduled_at: Date | string;
  updated_at: Date | string;
  channels: string | null;
}

/** Filters of the calendar views. */
export interface EntryFilters {
  from: Date;
  to: Date;
  state?: PostState;
  channelId?: string;
  campaignId?: string;
  authorId?: string;
}

export const calendarRepository = {
  /**
   * Compact entries (dated posts) of a window, oldest first, up to 5,000: one query. Each post's
   * channels come as one text, "channelId:state,…" (ids and states hold neither separator): on the
   * embedded database a month of 1,000 posts reads a quarter faster than with a JSON aggregate.
   */
  async entries(raw: SqlRunner, workspaceId: string, q: EntryFilters): Promise<CalendarEntryRow[]> {
    const { rows } = await raw.query<Omit<CalendarEntryRow, 'channels'> & { channels: string | null }>(
      `SELECT p.id, left(p.content, 140) AS content, p.state, p.scheduled_at, p.author_id, p.campaign_id, (p.recurring_rule_id IS NOT NULL) AS recurring,
              (SELECT string_agg(pub.channel_id::text || ':' || pub.state, ',' ORDER BY pub.created_at) FROM publications pub WHERE pub.post_id = p.id) AS channels
         FROM posts p
        WHERE p.workspace_id = $1 AND p.scheduled_at >= $2 AND p.scheduled_at < $3
          AND ($4::text IS NULL OR p.state = $4)
          AND ($5::uuid IS NULL OR EXISTS (SELECT 1 FROM publications x WHERE x.post_id = p.id AND x.channel_id = $5))
          AND ($6::uuid IS NULL OR p.campaign_id = $6)
          AND ($7::uuid IS NULL OR p.author_id = $7)
        ORDER BY p.scheduled_at LIMIT 5000`,
      [workspaceId, q.from, q.to, q.state ?? null, q.channelId ?? null, q.campaignId ?? null, q.authorId ?? null],
    );
    return rows.map((row) => ({
      ...row,
      channels: row.channels
        ? row.channels.split(',').map((pair) => {
            const [channelId, state] = pair.split(':');
            return { channelId, state: state as PublicationState };
          })
        : [],
    }));
  },

  /** A workspace's dated posts in [from, to) with their channels' names, for the iCalendar feed (up to 5,000). */
  async feedEntries(raw: SqlRunner, workspaceId: string, from: Date, to: Date): Promise<FeedEntryRow[]> {
    const { rows } = await raw.query<FeedEntryRow>(
      `SELECT p.id, p.content, p.state, p.scheduled_at, p.updated_at,
              (SELECT string_agg(c.name, ', ' ORDER BY c.name) FROM publications pub JOIN channels c ON c.id = pub.channel_id WHERE pub.post_id = p.id) AS channels
         FROM posts p
        WHERE p.workspace_id = $1 AND p.scheduled_at IS NOT NULL AND p.scheduled_at >= $2 AND p.scheduled_at < $3
        ORDER BY p.scheduled_at LIMIT 5000`,
      [workspaceId, from, to],
    );
    return rows;
  },

  /** The caller's active feed in a workspace, newest first, or undefined. */
  async activeFeed(raw: SqlRunner, workspaceId: string, userId: string): Promise<{ created_at: Date } | undefined> {
    const { rows } = await raw.query<{ created_at: Date }>(
      'SELECT created_at FROM calendar_feeds WHERE workspace_id = $1 AND user_id = $2 AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1',
      [workspaceId, userId],
    );
    return rows[0];
  },

  /** Revokes the caller's active feed URLs in a workspace. */
  async revokeFeeds(db: Db, workspaceId: string, userId: string): Promise<void> {
    await sql`UPDATE calendar_feeds SET revoked_at = now() WHERE workspace_id = ${workspaceId} AND user_id = ${userId} AND revoked_at IS NULL`.execute(
      db,
    );
  },

  /** Stores a new feed token (its hash). */
  async insertFeed(db: Db, workspaceId: string, userId: string, tokenHash: string): Promise<void> {
    await sql`INSERT INTO calendar_feeds (workspace_id, user_id, token_hash) VALUES (${workspaceId}, ${userId}, ${tokenHash})`.execute(db);
  },

  /** The feed a token opens: active, and its owner still a member of the workspace. */
  async feedByTokenHash(raw: SqlRunner, tokenHash: string): Promise<{ workspace_id: string; user_id: string; name: string } | undefined> {
    const { rows } = await raw.query<{ workspace_id: string; user_id: string; name: string }>(
      `SELECT f.workspace_id, f.user_id, w.name FROM calendar_feeds f
         JOIN workspaces w ON w.id = f.workspace_id
         JOIN memberships m ON m.workspace_id = f.workspace_id AND m.user_id = f.user_id
        WHERE f.token_hash = $1 AND f.revoked_at IS NULL`,
      [tokenHash],
    );
    return rows[0];
  },
};
