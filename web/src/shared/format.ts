import { DateTime } from 'luxon';

// Helpers without luxon live in format-plain.ts (the first screen's modules import them from there).
export { channelColor, formatDuration } from './format-plain.ts';

/** A date and time in the brand's zone, localized, with the zone's short name. */
export function formatInstant(iso: string | null | undefined, zone: string, locale: string): string {
  if (!iso) return '—';
  const dt = DateTime.fromISO(iso, { zone }).setLocale(locale);
  return `${dt.toLocaleString(DateTime.DATETIME_MED)} ${dt.toFormat('ZZZZ')}`;
}

/*
 * Numbers, dates and durations in the UI language (and dates in the brand's time zone): the one set of
 * helpers every page and chart uses, so "28,21" never sits beside "28.21". Pass i18n.language as `locale`.
 */

/** A number in the UI language: `formatNumber(28.21, 'es')` → "28,21"; at most `maxDigits` decimals (default 2). */
export function formatNumber(value: number | null | undefined, locale: string, maxDigits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: maxDigits }).format(value);
}

/** A count or an exact number with a fixed number of decimals ("1.234", "3,50"). */
export function formatFixed(value: number | null | undefined, locale: string, digits: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A ratio (0.2821) as a percentage in the UI language: "28,2 %" / "28.2%". */
export function formatPercent(ratio: number | null | undefined, locale: string, maxDigits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: maxDigits }).format(ratio);
}

/** A value already in percent (28.21) as a percentage in the UI language: "28,2 %" / "28.2%". */
export function formatPercentPoints(points: number | null | undefined, locale: string, maxDigits = 1): string {
  return points === null || points === undefined ? '—' : formatPercent(points / 100, locale, maxDigits);
}

/** Large numbers shortened for axes and tiles: "1,2 mil" / "1.2K". */
export function formatCompact(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** Money in the workspace's currency: "1.234,50 €" / "€1,234.50". */
export function formatMoney(value: number | null | undefined, currency: string, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value);
}

/** A per-call API price or spend (X bills fractions of a cent): 2 to 3 decimals, in the network's currency. */
export function formatApiCost(value: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 3 }).format(value);
}

/** A day (ISO date or instant) in the brand's zone: "5 dic 2026" / "Dec 5, 2026". */
export function formatDay(iso: string | null | undefined, zone: string, locale: string): string {
  if (!iso) return '—';
  return DateTime.fromISO(iso, { zone }).setLocale(locale).toLocaleString(DateTime.DATE_MED);
}

/**
 * A chart tick or legend label for an instant in the brand's zone, with a precision that suits the
 * range shown (`spanMs`): time of day within two days, day and month within a year, else month and year.
 */
export function formatAxisInstant(value: string | number | Date, zone: string, locale: string, spanMs: number): string {
  const dt = (
    value instanceof Date ? DateTime.fromJSDate(value) : typeof value === 'number' ? DateTime.fromMillis(value) : DateTime.fromISO(value)
  )
    .setZone(zone)
    .setLocale(locale);
  if (spanMs <= 2 * 86_400_000) return dt.toLocaleString(DateTime.TIME_SIMPLE);
  if (spanMs <= 366 * 86_400_000) return dt.toLocaleString({ day: 'numeric', month: 'short' });
  return dt.toLocaleString({ month: 'short', year: 'numeric' });
}

/** The value for an <input type="datetime-local"> showing `iso` in `zone`. */
export function toLocalInput(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** Reads a datetime-local value as wall time in the brand's zone; ISO instant with offset, or null. */
export function fromLocalInput(value: string, zone: string): string | null {
  if (!value) return null;
  const dt = DateTime.fromISO(value, { zone });
  return dt.isValid ? dt.toISO() : null;
}

/** Counts characters the way networks do (code points, not UTF-16 units). */
export function countChars(text: string): number {
  return Array.from(text).length;
}

/** Links in a text, for the link preview note and the previews. */
export function detectLinks(text: string): string[] {
  return text.match(/https?:\/\/[^\s<>"')]+/g) ?? [];
}

/** Colour per post state, shared by the calendar, lists and badges. */
export const STATE_COLORS: Record<string, string> = {
  draft: 'gray',
  in_review: 'yellow',
  approved: 'orange', // approved is not scheduled yet: it needs someone's attention
  scheduled: 'blue',
  publishing: 'cyan',
  published: 'green',
  failed: 'red',
  canceled: 'dark',
  pending: 'gray',
};
