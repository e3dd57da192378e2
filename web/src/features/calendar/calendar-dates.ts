/**
 * The calendar grid's date maths in the brand's time zone, with Intl alone (no library): the days of a
 * month or week view, which day and hour an instant falls on, and the instant of a wall-clock time.
 * Days are the brand's days: their length follows daylight-saving changes (23 or 25 hours).
 */
import { fromWallClock, monthGridWindow, offsetAt, wallClock } from './month-grid.ts';

/** A calendar date (no zone): month 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** One day of a grid: its date, weekday (0 = Sunday) and the instants [start, end) it covers in the zone. */
export interface GridDay extends CivilDate {
  /** yyyy-mm-dd */
  key: string;
  weekday: number;
  start: number;
  end: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** yyyy-mm-dd of a civil date. */
export function dateKey(date: CivilDate): string {
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** The civil date `days` after `date` (negative: before). */
export function addDays(date: CivilDate, days: number): CivilDate {
  const at = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
}

/** The first day of the month `months` after the month of `date`. */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const at = new Date(Date.UTC(date.year, date.month - 1 + months, 1));
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: 1 };
}

/** The day of the week of a civil date, 0 = Sunday. */
export function weekdayOf(date: CivilDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** Today's date in `zone`. */
export function todayIn(zone: string, now: Date = new Date()): CivilDate {
  const wall = wallClock(now.getTime(), zone);
  return { year: wall.year, month: wall.month, day: wall.day };
}

/** The instant (ms) of a wall-clock time in `zone`; a time skipped by a DST change moves forward, as luxon does. */
export function instantOf(date: CivilDate, hour: number, minute: number, second: number, zone: string, guessOffset?: number): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute, second);
  return fromWallClock(wall, guessOffset ?? offsetAt(wall, zone), zone).at;
}

/**
 * `count` consecutive days from `first`, each with the instants it covers in `zone`. Where a DST change
 * makes midnight happen twice, `firstStart` says which one the grid starts at.
 */
export function gridDays(first: CivilDate, count: number, zone: string, firstStart?: number): GridDay[] {
  const days: GridDay[] = [];
  let date = first;
  let start = firstStart ?? instantOf(first, 0, 0, 0, zone);
  // Each midnight found gives the offset in force there: the guess for the next one (one Intl call a day).
  let offset = offsetAt(start, zone);
  for (let i = 0; i < count; i++) {
    const next = addDays(date, 1);
    const wall = Date.UTC(next.year, next.month - 1, next.day);
    const end = fromWallClock(wall, offset, zone);
    days.push({ ...date, key: dateKey(date), weekday: weekdayOf(date), start, end: end.at });
    date = next;
    start = end.at;
    // fromWallClock's offset is the one at its instant unless the midnight was skipped or doubled.
    offset = wall - end.offset === end.at ? end.offset : offsetAt(end.at, zone);
  }
  return days;
}

/** The first day of the week holding `date`, weeks starting on `firstDay` (0 = Sunday, 1 = Monday). */
export function weekStart(date: CivilDate, firstDay: number): CivilDate {
  return addDays(date, -((weekdayOf(date) - firstDay + 7) % 7));
}

/** The month view of the month holding `date`: six whole weeks from the week holding the 1st. */
export function monthDays(date: CivilDate, zone: string, firstDay: number): GridDay[] {
  // The same first instant as the prefetch's window (see monthWindow).
  const start = Date.parse(monthWindow(date, zone, firstDay).from);
  return gridDays(weekStart({ year: date.year, month: date.month, day: 1 }, firstDay), 42, zone, start);
}

/** The week view of the week holding `date`. */
export function weekDays(date: CivilDate, zone: string, firstDay: number): GridDay[] {
  return gridDays(weekStart(date, firstDay), 7, zone);
}

/**
 * The instant window of the month view of `date`'s month, as the boot-time prefetch asks for it
 * (the same request, so the prefetched answer is used).
 */
export function monthWindow(date: CivilDate, zone: string, firstDay: number): { from: string; to: string } {
  return monthGridWindow(new Date(instantOf({ ...date, day: 15 }, 12, 0, 0, zone)), zone, firstDay);
}

/** The index of the day holding instant `ms` (binary search over the days' starts), or -1 outside them. */
export function dayIndexOf(days: GridDay[], ms: number): number {
  if (days.length === 0 || ms < days[0].start || ms >= days[days.length - 1].end) return -1;
  let low = 0;
  let high = days.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (days[middle].start <= ms) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The hour and minute of instant `ms` on the brand's wall clock. */
export function timeOfDay(ms: number, zone: string): { hour: number; minute: number; second: number } {
  const wall = wallClock(ms, zone);
  return { hour: wall.hour, minute: wall.minute, second: wall.second };
}

/** "09:05": a wall-clock time, 24-hour in both languages (as the calendar has always shown it). */
export function hhmm(time: { hour: number; minute: number }): string {
  return `${pad(time.hour)}:${pad(time.minute)}`;
}

/**
 * Where a post dragged to `date` (and, in the week view, to `hour`) goes: the same wall-clock time
 * (or the same minutes of the new hour) on the new day, in the brand's zone; milliseconds kept.
 */
export function movedInstant(ms: number, date: CivilDate, zone: string, hour?: number): number {
  const time = timeOfDay(ms, zone);
  return instantOf(date, hour ?? time.hour, time.minute, time.second, zone, offsetAt(ms, zone)) + (ms % 1000);
}

const utc = (day: CivilDate) => new Date(Date.UTC(day.year, day.month - 1, day.day));

const titleFormats = new Map<string, Intl.DateTimeFormat>();

/** A period title's format, made once per language and kind (building one costs more than using it). */
function titleFormat(lang: string, kind: 'week' | 'month'): Intl.DateTimeFormat {
  const key = `${lang}:${kind}`;
  let format = titleFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      lang,
      kind === 'week'
        ? { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }
        : { month: 'long', year: 'numeric', timeZone: 'UTC' },
    );
    titleFormats.set(key, format);
  }
  return format;
}

/** What the calendar shows, in words: "diciembre de 2026", or a week "30 nov – 6 dic 2026". */
export function periodTitle(view: 'month' | 'week' | 'list', days: GridDay[], anchor: CivilDate, lang: string): string {
  if (view === 'week') return titleFormat(lang, 'week').formatRange(utc(days[0]), utc(days[days.length - 1]));
  const title = titleFormat(lang, 'month').format(utc(anchor));
  return title.charAt(0).toLocaleUpperCase(lang) + title.slice(1);
}
