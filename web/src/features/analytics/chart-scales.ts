/**
 * Scales and ticks for the uPlot charts (analytics, post dashboard, listening volume): pure
 * functions, so any range gives sensible axes — one point, one day, a year. uPlot's own
 * defaults give sixteen "00:00:00" ticks for a single point and a y axis from 0.9 to 1.1 for a
 * flat series; these give y from 0, whole-number ticks for counts, and time ticks at calendar
 * units (minutes, hours, days, weeks, months, years) in the brand's time zone.
 */
import { DateTime } from 'luxon';

/** Calendar units a time axis steps by. */
export type TimeUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** Candidate steps, finest first. */
const TIME_STEPS: Array<{ unit: TimeUnit; count: number; ms: number }> = [
  { unit: 'minute', count: 1, ms: 60_000 },
  { unit: 'minute', count: 5, ms: 5 * 60_000 },
  { unit: 'minute', count: 15, ms: 15 * 60_000 },
  { unit: 'minute', count: 30, ms: 30 * 60_000 },
  { unit: 'hour', count: 1, ms: 3_600_000 },
  { unit: 'hour', count: 2, ms: 2 * 3_600_000 },
  { unit: 'hour', count: 3, ms: 3 * 3_600_000 },
  { unit: 'hour', count: 6, ms: 6 * 3_600_000 },
  { unit: 'hour', count: 12, ms: 12 * 3_600_000 },
  { unit: 'day', count: 1, ms: 86_400_000 },
  { unit: 'day', count: 2, ms: 2 * 86_400_000 },
  { unit: 'week', count: 1, ms: 7 * 86_400_000 },
  { unit: 'month', count: 1, ms: 30 * 86_400_000 },
  { unit: 'month', count: 3, ms: 91 * 86_400_000 },
  { unit: 'month', count: 6, ms: 182 * 86_400_000 },
  { unit: 'year', count: 1, ms: 365 * 86_400_000 },
];

/** The x range of a time chart and its ticks (milliseconds), with the unit they step by. */
export interface TimeAxis {
  min: number;
  max: number;
  ticks: number[];
  unit: TimeUnit;
}

/**
 * Time ticks for instants from `first` to `last` in `zone`, at most `maxTicks` of them, on calendar
 * boundaries of that zone (midnights, the 1st of a month, Mondays). A single instant (or none
 * apart) gets one tick at that instant and a window of `padMs` around it, instead of sixteen
 * identical labels.
 */
export function timeAxis(first: number, last: number, zone: string, maxTicks = 8, padMs = 3_600_000): TimeAxis {
  if (!(last > first)) {
    const unit: TimeUnit = padMs >= 86_400_000 ? 'day' : 'hour';
    return { min: first - padMs, max: first + padMs, ticks: [first], unit };
  }
  const span = last - first;
  const step = TIME_STEPS.find((s) => span / s.ms <= Math.max(1, maxTicks - 1)) ?? TIME_STEPS[TIME_STEPS.length - 1];
  // Multi-year spans: whole years, as many as it takes to stay under maxTicks.
  const yearStride = step.unit === 'year' ? Math.max(1, Math.ceil(span / (365 * 86_400_000) / Math.max(1, maxTicks - 1))) : 1;
  const start = DateTime.fromMillis(first, { zone });
  let cursor = alignDown(start, step.unit, step.unit === 'year' ? yearStride : step.count);
  const ticks: number[] = [];
  const stride = step.unit === 'year' ? yearStride : step.count;
  for (let guard = 0; guard < 1000 && cursor.toMillis() <= last; guard++) {
    if (cursor.toMillis() >= first) ticks.push(cursor.toMillis());
    const next = cursor.plus({ [`${step.unit}s`]: stride });
    // Back on the zone's boundaries after a daylight-saving change (00:00 + 12 h may be 13:00).
    const aligned = alignDown(next, step.unit, stride);
    cursor = aligned > cursor ? aligned : next;
  }
  // A range shorter than one step but not empty (e.g. 10:20–10:40 by 30 min) still gets its first instant.
  if (!ticks.length) ticks.push(first);
  return { min: first, max: last, ticks, unit: step.unit };
}

/** The instant at or before `at` where a step of `count` units starts (in `at`'s zone). */
function alignDown(at: DateTime, unit: TimeUnit, count: number): DateTime {
  if (unit === 'week') return at.startOf('week');
  const start = at.startOf(unit);
  const field = unit === 'minute' ? 'minute' : unit === 'hour' ? 'hour' : unit === 'day' ? 'day' : unit === 'month' ? 'month' : 'year';
  const value = start.get(field);
  // Days and months count from 1; minutes, hours and years from 0.
  const base = field === 'day' || field === 'month' ? 1 : 0;
  const aligned = value - ((((value - base) % count) + count) % count);
  return start.set({ [field]: aligned });
}

/**
 * The labels of an axis' ticks in the UI language. Times of day carry their date when the axis
 * crosses midnight in the zone ("5 dic 13:00"), so no two ticks read the same.
 */
export function timeTickLabels(axis: TimeAxis, zone: string, locale: string): string[] {
  const day = (ms: number) => DateTime.fromMillis(ms, { zone }).toISODate();
  const spansDays = day(axis.min) !== day(axis.max);
  return axis.ticks.map((ms) => formatTimeTick(ms, axis.unit, zone, locale, spansDays));
}

/** Formats a tick for its unit in the UI language: "10:30", "5 dic", "dic 2026", "2026". */
export function formatTimeTick(ms: number, unit: TimeUnit, zone: string, locale: string, spansDays = false): string {
  const at = DateTime.fromMillis(ms, { zone }).setLocale(locale);
  switch (unit) {
    case 'minute':
    case 'hour':
      return spansDays ? at.toFormat('d LLL HH:mm') : at.toFormat('HH:mm');
    case 'day':
    case 'week':
      return at.toFormat('d LLL');
    case 'month':
      return at.toFormat('LLL yyyy');
    case 'year':
      return at.toFormat('yyyy');
  }
}

/** A "nice" step (1, 2, 2.5 or 5 × 10ⁿ) that covers `range` in at most `maxTicks` intervals. */
export function niceStep(range: number, maxTicks: number): number {
  if (!(range > 0)) return 1;
  const raw = range / Math.max(1, maxTicks);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const factor of [1, 2, 2.5, 5, 10]) if (factor * magnitude >= raw) return factor * magnitude;
  return 10 * magnitude;
}

/** The y range of a chart and its ticks. */
export interface ValueAxis {
  min: number;
  max: number;
  ticks: number[];
}

/**
 * A value axis from 0 (or below, for negative values) to a nice number above the largest value,
 * at most `maxTicks` intervals. Counts (`integer`) get whole-number ticks only: a series of ones
 * reads 0, 1 — not 0.9, 0.95, 1, 1.05.
 */
export function valueAxis(values: Array<number | null | undefined>, options: { integer?: boolean; maxTicks?: number } = {}): ValueAxis {
  const maxTicks = options.maxTicks ?? 5;
  const known = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const low = Math.min(0, ...known);
  const high = Math.max(0, ...known);
  let step = niceStep(high - low || 1, maxTicks);
  if (options.integer) step = Math.max(1, Math.ceil(step));
  const min = Math.floor(low / step) * step;
  // Nothing but zeros (or no data) still shows 0 to 1.
  const max = Math.max(Math.ceil(high / step) * step, high === low ? min + 1 : min + step);
  const ticks: number[] = [];
  for (let v = min; v <= max + step / 2; v += step) ticks.push(Math.round(v * 1e9) / 1e9);
  return { min, max, ticks };
}

/** Numbers in the UI language, grouped from the thousands ("1.234,5" in Spanish, "1,234.5" in English). */
export function numberFormat(locale: string, maximumFractionDigits = 1): Intl.NumberFormat {
  // Spanish CLDR data only groups from five digits ("1234"); the issue asks for "1.234,5".
  return new Intl.NumberFormat(locale, { maximumFractionDigits, useGrouping: 'always' } as Intl.NumberFormatOptions);
}

/** Every hour or day start of [from, to) in `zone` (23 or 25 hours on daylight-saving days): the buckets of a count series. */
export function bucketStarts(from: number, to: number, interval: 'hour' | 'day', zone: string): number[] {
  const starts: number[] = [];
  let cursor = DateTime.fromMillis(from, { zone }).startOf(interval);
  for (let guard = 0; guard < 5000 && cursor.toMillis() < to; guard++) {
    starts.push(cursor.toMillis());
    cursor = cursor.plus(interval === 'hour' ? { hours: 1 } : { days: 1 });
  }
  return starts;
}
