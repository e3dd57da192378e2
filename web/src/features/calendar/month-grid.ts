/**
 * The month grid's window in a time zone with Intl alone: the boot-time prefetch runs before the
 * calendar's code (and luxon) have loaded, and must ask for exactly the window the calendar will.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of instant `ms` in `zone`. */
export function wallClock(
  ms: number,
  zone: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  const fields: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(ms))) if (part.type !== 'literal') fields[part.type] = Number(part.value);
  return { year: fields.year, month: fields.month, day: fields.day, hour: fields.hour, minute: fields.minute, second: fields.second };
}

/** How far `zone`'s wall clock is ahead of UTC at instant `ms`, in ms. */
export function offsetAt(ms: number, zone: string): number {
  const wall = wallClock(ms, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant of wall time `wall` (ms, as if UTC) in `zone`, starting from a guessed offset: the same
 * steps as luxon (which FullCalendar's calendar used), so both agree even when DST makes midnight
 * ambiguous or skipped. Gives the instant and its offset.
 */
export function fromWallClock(wall: number, guess: number, zone: string): { at: number; offset: number } {
  let at = wall - guess;
  const second = offsetAt(at, zone);
  if (second === guess) return { at, offset: guess };
  at -= second - guess;
  const third = offsetAt(at, zone);
  if (second === third) return { at, offset: second };
  return { at: wall - Math.min(second, third), offset: Math.max(second, third) };
}

/** An instant window [from, to) as ISO strings in UTC. */
export interface MonthWindow {
  from: string;
  to: string;
}

/**
 * The window the calendar's month view shows for the month holding `now` in `zone`: six whole weeks
 * from the week holding the 1st, weeks starting on `firstDay` (0 = Sunday, 1 = Monday).
 */
export function monthGridWindow(now: Date, zone: string, firstDay: number): MonthWindow {
  const today = wallClock(now.getTime(), zone);
  const monthStart = fromWallClock(Date.UTC(today.year, today.month - 1, 1), offsetAt(now.getTime(), zone), zone);
  const firstWeekday = new Date(Date.UTC(today.year, today.month - 1, 1)).getUTCDay();
  const back = (firstWeekday - firstDay + 7) % 7;
  const start = fromWallClock(Date.UTC(today.year, today.month - 1, 1 - back), monthStart.offset, zone);
  const end = fromWallClock(Date.UTC(today.year, today.month - 1, 1 - back + 42), start.offset, zone);
  return { from: new Date(start.at).toISOString(), to: new Date(end.at).toISOString() };
}

/** The instants [start, end) of the month holding `now` in `zone` (its first midnight to the next month's). */
export function monthBounds(now: Date, zone: string): { start: number; end: number } {
  const today = wallClock(now.getTime(), zone);
  const start = fromWallClock(Date.UTC(today.year, today.month - 1, 1), offsetAt(now.getTime(), zone), zone);
  const end = fromWallClock(Date.UTC(today.year, today.month, 1), start.offset, zone);
  return { start: start.at, end: end.at };
}
