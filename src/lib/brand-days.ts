import { DateTime } from 'luxon';

/**
 * Whole days in the brand's time zone: `[firstDay, lastDay]` as ISO dates, and
 * the instants they span (`from` = start of firstDay, `to` = start of the day
 * after lastDay, both in the zone; a day may last 23 or 25 hours).
 */
export interface BrandDays {
  timeZone: string;
  firstDay: string;
  lastDay: string;
  from: Date;
  to: Date;
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDay(instant: Date | number, timeZone: string): string {
  const millis = typeof instant === 'number' ? instant : instant.getTime();
  return DateTime.fromMillis(millis, { zone: timeZone }).toISODate() ?? new Date(millis).toISOString().slice(0, 10);
}

/** A calendar date moved by whole days (zone-free arithmetic on dates). */
export function addDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate() ?? day;
}

/** The instant a calendar day starts in a zone. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  return DateTime.fromISO(day, { zone: timeZone }).startOf('day').toUTC().toJSDate();
}

/** Days between two calendar dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round(DateTime.fromISO(b, { zone: 'UTC' }).diff(DateTime.fromISO(a, { zone: 'UTC' }), 'days').days);
}

/** The brand-zone days a time range touches: from the day of `from` to the day of the last instant before `to`. */
export function brandDays(range: { from: Date; to: Date }, timeZone: string): BrandDays {
  const firstDay = localDay(range.from, timeZone);
  const lastDay = localDay(Math.max(range.from.getTime(), range.to.getTime() - 1), timeZone);
  return daysFromTo(firstDay, lastDay, timeZone);
}

/** Brand days from a first to a last calendar date (inclusive). */
export function daysFromTo(firstDay: string, lastDay: string, timeZone: string): BrandDays {
  return { timeZone, firstDay, lastDay, from: startOfLocalDay(firstDay, timeZone), to: startOfLocalDay(addDays(lastDay, 1), timeZone) };
}

/** The same number of calendar days just before `days` (for "previous period" comparisons). */
export function previousBrandDays(days: BrandDays): BrandDays {
  const length = daysBetween(days.firstDay, days.lastDay) + 1;
  return daysFromTo(addDays(days.firstDay, -length), addDays(days.firstDay, -1), days.timeZone);
}

/** Number of calendar days covered (inclusive). */
export function dayCount(days: BrandDays): number {
  return daysBetween(days.firstDay, days.lastDay) + 1;
}
