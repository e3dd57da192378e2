import { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError } from './errors.ts';

/**
 * Shared rules for input no database column can hold: text with NUL characters or
 * unpaired UTF-16 surrogates, instants outside years 0001–9999, and numeric ids
 * beyond a bigint. Schemas use these; the app's validator applies the text rule
 * to every body, query and path before any route schema (one place for text).
 */

/** Latest instant Plaza accepts (Postgres takes more, but JavaScript dates and drivers do not agree beyond 9999). */
export const MAX_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

// Date.UTC maps years 0–99 to 1900–1999: build year 1 explicitly.
const YEAR_ONE = new Date(0);
YEAR_ONE.setUTCFullYear(1, 0, 1);
YEAR_ONE.setUTCHours(0, 0, 0, 0);

/** True when the instant lies within years 0001–9999 (UTC). */
export function instantInRange(date: Date): boolean {
  const ms = date.getTime();
  return Number.isFinite(ms) && ms >= YEAR_ONE.getTime() && ms <= MAX_INSTANT_MS;
}

/** A calendar date YYYY-MM-DD that exists, in years 0001–9999. */
export const calendarDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected YYYY-MM-DD')
  .refine((d) => d.slice(0, 4) !== '0000' && DateTime.fromISO(d, { zone: 'utc' }).isValid, 'Invalid date (years 0001–9999)');

/** A numeric id of a bigint sequence (event ids) as text: digits only, within a signed 64-bit integer. */
export const sequenceIdSchema = z
  .string()
  .regex(/^\d{1,19}$/, 'Expected a numeric id')
  .refine((v) => !/^\d{1,19}$/.test(v) || BigInt(v) <= 9_223_372_036_854_775_807n, 'Id out of range');

/** Why a string cannot be stored as text, or null when it can. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'Text must not contain NUL characters';
  // An unpaired surrogate has no UTF-8 form: Postgres refuses it (or stores garbage).
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value))
    return 'Text must be valid Unicode (no unpaired surrogates)';
  return null;
}

/** The first string (value or object key) in a parsed body/query/params that cannot be stored as text. */
export function findUnstorableText(value: unknown, path = ''): { path: string; message: string } | null {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { path, message: problem } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], `${path}/${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const keyProblem = textProblem(key);
      if (keyProblem) return { path: `${path}/${key}`, message: keyProblem };
      const found = findUnstorableText(inner, `${path}/${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** The 400 for unstorable text, in the same shape as a schema failure. */
export function unstorableTextError(where: string, found: { path: string; message: string }): AppError {
  return new AppError(400, 'validation_failed', `Invalid ${where}`, [
    { path: found.path, issue: 'unstorable_text', message: found.message, params: {} },
  ]);
}

/**
 * Postgres error codes that mean "the client's input cannot be stored or compared":
 * bad text representation, characters outside the encoding, date/time out of range or
 * malformed, numeric overflow, a value too large for an index or type.
 */
export const POSTGRES_INPUT_ERRORS = new Set(['22P02', '22P05', '22021', '22008', '22007', '22003', '22001', '54000']);

/** A report range keeps this far from the ends of the storable years: its brand-zone days and previous period must stay storable too. */
const REPORT_RANGE_MARGIN_MS = 400 * 86_400_000;

/**
 * Checks a dashboard or report range: `from` before `to`, and both far enough inside
 * the years 0001–9999 that the whole brand-zone days it touches, and the previous
 * period it is compared with, can still be computed (9999-12-31 would run into year 10000).
 */
export function assertReportRange(range: { from: Date; to: Date }): void {
  if (range.from >= range.to) throw new AppError(400, 'bad_range', 'from must be before to');
  const [low, high] = [Date.UTC(1, 0, 1) + REPORT_RANGE_MARGIN_MS, MAX_INSTANT_MS - REPORT_RANGE_MARGIN_MS];
  for (const value of [range.from, range.to]) {
    if (value.getTime() < low || value.getTime() > high)
      throw new AppError(400, 'date_out_of_range', 'Dates must fall within the years 0002–9998');
  }
}
