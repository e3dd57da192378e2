import { DateTime } from 'luxon';

/*
 * The pure half of the date pickers (DateFields.tsx): how a day and a time of day typed or picked in
 * the UI language become the `yyyy-LL-dd` and `yyyy-LL-dd'T'HH:mm` wall-clock strings the pages keep
 * (always in the brand's time zone; `fromLocalInput` in format.ts turns them into instants, daylight
 * saving included). The picker works on Date objects in the browser's own zone, so only the wall-clock
 * fields (year, month, day) travel through them, never an instant: a browser in another zone than the
 * brand cannot shift a day.
 */

/** English-speaking regions that write the month first (the United States and the Philippines, and their neighbours' habit). */
const MONTH_FIRST_REGIONS = new Set(['US', 'PH', 'CA', 'PR', 'GU', 'AS', 'MP', 'UM', 'VI']);

/**
 * The language tag dates are written in: Spanish, or the browser's own English ("en-GB" for a
 * British browser), since Plaza's UI says only "en" and a London community manager writes 29/03/2026.
 */
export function dateLanguage(uiLanguage: string, browserLanguages: readonly string[] = globalThis.navigator?.languages ?? []): string {
  if (uiLanguage === 'es') return 'es';
  return browserLanguages.find((tag) => /^en(-|$)/i.test(tag)) ?? 'en';
}

/** Whether a language tag writes the day before the month: Spanish and every English but the US's (bare "en" is US English). */
export function dayFirst(language: string): boolean {
  if (!/^en(-|$)/i.test(language)) return true;
  const region = /^en-([a-z]{2})\b/i.exec(language)?.[1]?.toUpperCase();
  return region !== undefined && !MONTH_FIRST_REGIONS.has(region);
}

/** How a day is written (luxon tokens): "29/03/2026" in Spanish and British English, "03/29/2026" in US English. */
export function dayPattern(language: string): string {
  return dayFirst(language) ? 'dd/LL/yyyy' : 'LL/dd/yyyy';
}

/** The same pattern in dayjs tokens, for the picker's `valueFormat`. */
export function dayjsDayPattern(language: string): string {
  return dayFirst(language) ? 'DD/MM/YYYY' : 'MM/DD/YYYY';
}

/** The placeholder a day field shows: "dd/mm/aaaa", "dd/mm/yyyy" or "mm/dd/yyyy". */
export function dayPlaceholder(language: string): string {
  if (language === 'es') return 'dd/mm/aaaa';
  return dayFirst(language) ? 'dd/mm/yyyy' : 'mm/dd/yyyy';
}

/** The first day of the week in the picker's month grid: Monday in Spanish, Sunday in (US) English. */
export function firstDayOfWeek(language: string): 0 | 1 {
  return language === 'es' ? 1 : 0;
}

/** A `yyyy-LL-dd` day as a Date at local midnight (the picker's value), or null. */
export function dayToPickerDate(day: string | null | undefined): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day ?? '');
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** The wall-clock day of a picker Date (`yyyy-LL-dd`), or '' for none. */
export function pickerDateToDay(date: Date | null | undefined): string {
  if (!date || Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Reads a day typed in the UI language ("29/3/2026", "29-03-2026", or ISO "2026-03-29") as a
 * `yyyy-LL-dd` day, or null when it is not a real date (31/02 is refused).
 */
export function parseTypedDay(text: string, language: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(trimmed)) {
    const iso = DateTime.fromFormat(trimmed, 'yyyy-L-d');
    return iso.isValid ? iso.toISODate() : null;
  }
  const parts = trimmed.split(/[/.\-\s]+/);
  if (parts.length !== 3 || parts.some((p) => !/^\d+$/.test(p))) return null;
  const [a, b, c] = parts.map(Number);
  const [day, month] = dayFirst(language) ? [a, b] : [b, a];
  const year = c < 100 ? 2000 + c : c;
  const dt = DateTime.fromObject({ year, month, day });
  return dt.isValid ? dt.toISODate() : null;
}

/** A `yyyy-LL-dd` day written the date language's way ("29/03/2026"), or '' for none. */
export function formatTypedDay(day: string, language: string): string {
  const dt = DateTime.fromISO(day);
  return dt.isValid ? dt.toFormat(dayPattern(language)) : '';
}

/** Splits a `yyyy-LL-dd'T'HH:mm` value into its day and its time of day ('' when absent). */
export function splitLocalInput(value: string): { day: string; time: string } {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?/.exec(value);
  return match ? { day: match[1], time: match[2] ?? '' } : { day: '', time: '' };
}

/**
 * Joins a day and a time of day into a `yyyy-LL-dd'T'HH:mm` value; a day without a time takes
 * `defaultTime` (09:00, the composer's usual start), no day gives ''.
 */
export function joinLocalInput(day: string, time: string, defaultTime = '09:00'): string {
  if (!day) return '';
  const clean = /^\d{2}:\d{2}$/.test(time) ? time : defaultTime;
  return `${day}T${clean}`;
}

/**
 * When a wall-clock time does not exist in `zone` (the hour skipped when clocks go forward, e.g.
 * 02:30 on the last Sunday of March in Europe/Madrid), the time it will really be saved as ("03:30");
 * null when the time exists as typed.
 */
export function shiftedWallTime(value: string, zone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const dt = DateTime.fromISO(value, { zone });
  if (!dt.isValid) return null;
  const shown = dt.toFormat("yyyy-LL-dd'T'HH:mm");
  return shown === value ? null : dt.toFormat('HH:mm');
}

/**
 * Reads a time of day typed as people do ("10", "10:5", "1030", "9.30", "2:30 pm") as 24-hour
 * `HH:mm`, or null when it is not a time.
 */
export function parseTypedTime(text: string): string | null {
  const compact = /^\s*(\d{3,4})\s*$/.exec(text);
  if (compact) return parseTypedTime(`${compact[1].slice(0, -2)}:${compact[1].slice(-2)}`);
  const match = /^\s*(\d{1,2})(?:[:.h ]?(\d{1,2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?)?\s*$/i.exec(text);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const meridiem = match[3]?.toLowerCase().startsWith('p') ? 'pm' : match[3] ? 'am' : null;
  if (meridiem && (hour < 1 || hour > 12)) return null;
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
