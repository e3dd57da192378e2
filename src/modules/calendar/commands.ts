/** The calendar's writes: a user's iCalendar feed URL, created (replacing the old one) or revoked. */
import type { AppContext } from '../../server/context.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import { recordEvent } from '../events/events.ts';
import { calendarRepository as calendar } from './repository.ts';

/**
 * Creates the caller's feed token for a workspace; the old URL is revoked in the same
 * transaction. Returns the token (shown once; only its hash is stored).
 */
export async function createCalendarFeed(ctx: AppContext, workspaceId: string, userId: string): Promise<string> {
  const token = randomToken(24);
  await ctx.database.db.transaction().execute(async (trx) => {
    await calendar.revokeFeeds(trx, workspaceId, userId);
    await calendar.insertFeed(trx, workspaceId, userId, sha256Hex(token));
    await recordEvent(trx, {
      workspaceId,
      actorUserId: userId,
      type: 'calendar_feed.created',
      subjectType: 'calendar_feed',
      subjectId: userId,
    });
  });
  return token;
}

/** Revokes the caller's feed URL for a workspace (and says so in the audit log). */
export async function revokeCalendarFeed(ctx: AppContext, workspaceId: string, userId: string): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    await calendar.revokeFeeds(trx, workspaceId, userId);
    await recordEvent(trx, {
      workspaceId,
      actorUserId: userId,
      type: 'calendar_feed.revoked',
      subjectType: 'calendar_feed',
      subjectId: userId,
    });
  });
}
