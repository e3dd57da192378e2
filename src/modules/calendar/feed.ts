/** The token-protected iCalendar feed: its URL and its entries. */
import type { AppContext } from '../../server/context.ts';
import type { CalendarEvent } from './ical.ts';
import { calendarRepository } from './repository.ts';

const FEED_WINDOW_PAST_DAYS = 90;
const FEED_WINDOW_FUTURE_DAYS = 400;

/** The feed URL a calendar app subscribes to (the token is the only credential). */
export function feedUrl(base: string, token: string): string {
  return `${base}/api/v1/calendar/${token}.ics`;
}

/** Builds the iCalendar entries of a workspace's dated posts within the feed window. */
export async function calendarEntries(ctx: AppContext, workspaceId: string, base: string): Promise<CalendarEvent[]> {
  const now = ctx.clock.now();
  const rows = await calendarRepository.feedEntries(
    ctx.database.raw,
    workspaceId,
    new Date(now - FEED_WINDOW_PAST_DAYS * 86_400_000),
    new Date(now + FEED_WINDOW_FUTURE_DAYS * 86_400_000),
  );
  return rows.map((row) => {
    const firstLine = row.content.split('\n')[0].trim();
    const summary = `[${row.state}] ${firstLine.length > 60 ? `${firstLine.slice(0, 59)}…` : firstLine || '(media)'}`;
    return {
      uid: `${row.id}@plaza`,
      start: new Date(row.scheduled_at),
      durationMinutes: 15,
      summary,
      description: `${row.content}\n\n${row.channels ?? ''}`.trim(),
      url: `${base}/posts/${row.id}`,
      status: row.state === 'canceled' ? 'CANCELLED' : row.state === 'scheduled' || row.state === 'published' ? 'CONFIRMED' : 'TENTATIVE',
      updatedAt: new Date(row.updated_at),
    };
  });
}
