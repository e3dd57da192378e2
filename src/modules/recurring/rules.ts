/**
 * Repeat rules (RFC 5545 RRULE) expanded on the brand's wall clock (pure; no database).
 *
 * The `rrule` library parses the rule and does the calendar arithmetic (BYDAY, BYSETPOS, -1FR, COUNT…).
 * It is given DTSTART as a *floating* time — the wall-clock fields written into a UTC Date — so every
 * occurrence it answers is a wall-clock time ("every Monday 09:00"), never shifted by a daylight-saving
 * change; each one is then turned into an instant in the brand's zone with luxon (lib/timezones.ts).
 * We do not use rrule's own TZID support: it answers Dates whose UTC fields hold the local time in the
 * *host's* zone, which is easy to misread and depends on the process's TZ. On the day the clocks go
 * forward an occurrence inside the missing hour goes out after the gap (02:30 → 03:30, as calendars
 * do); on the day they go back the repeated hour is taken once, at its first occurrence.
 */
import rrulePkg, { type Options } from 'rrule';
import { DateTime } from 'luxon';
import { zonedWallTimeToInstant } from '../../lib/timezones.ts';

const { RRule, Frequency } = rrulePkg;

/** Why a rule was refused (the API answers these codes with status 422). */
export type RuleProblem =
  | 'recurrence_invalid'
  | 'recurrence_too_frequent'
  | 'recurrence_unbounded'
  | 'recurrence_start_in_gap'
  | 'recurrence_no_occurrences';

export class RuleError extends Error {
  constructor(
    readonly code: RuleProblem,
    message: string,
  ) {
    super(message);
  }
}

/** The frequencies a social post may repeat at (hourly or faster would flood a channel). */
const ALLOWED = new Set<number>([Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY, Frequency.YEARLY]);
const LOCAL_FORMAT = "yyyy-LL-dd'T'HH:mm";

/** A parsed rule: the library's options (no DTSTART, no UNTIL) and its end. */
export interface ParsedRule {
  text: string;
  options: Partial<Options>;
  /** UNTIL as an instant (a UTC UNTIL, or a date/time read on the brand's wall clock). */
  until: Date | null;
  count: number | null;
}

/**
 * Parses "FREQ=WEEKLY;BYDAY=MO" (an optional leading "RRULE:" is accepted). DTSTART comes apart
 * (the composer's date and time); a rule with neither COUNT nor UNTIL never ends and is accepted only
 * with a rolling window (`windowDays`), or refused with `recurrence_unbounded`.
 */
export function parseRule(input: string, zone: string, windowDays: number | null): ParsedRule {
  const text = input.trim().replace(/^RRULE:/i, '');
  if (!text || /\n|DTSTART/i.test(text)) throw new RuleError('recurrence_invalid', 'Give the rule alone (FREQ=…), without DTSTART');
  let options: Partial<Options>;
  try {
    options = RRule.parseString(text);
  } catch (error) {
    throw new RuleError('recurrence_invalid', `Not an RFC 5545 rule: ${(error as Error).message}`);
  }
  if (options.freq === undefined || options.freq === null || !(options.freq in Frequency))
    throw new RuleError('recurrence_invalid', 'The rule needs FREQ (DAILY, WEEKLY, MONTHLY or YEARLY)');
  if (!ALLOWED.has(options.freq))
    throw new RuleError('recurrence_too_frequent', 'A post can repeat at most daily (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)');
  if (options.byhour != null || options.byminute != null || options.bysecond != null)
    throw new RuleError('recurrence_too_frequent', 'BYHOUR, BYMINUTE and BYSECOND are not taken: the time comes from the start');
  if (options.interval !== undefined && (!Number.isInteger(options.interval) || options.interval < 1 || options.interval > 366))
    throw new RuleError('recurrence_invalid', 'INTERVAL must be a whole number from 1 to 366');
  const count = options.count ?? null;
  if (count !== null && (!Number.isInteger(count) || count < 1 || count > 1000))
    throw new RuleError('recurrence_invalid', 'COUNT must be from 1 to 1000');
  let until: Date | null = null;
  if (options.until) {
    const raw = /UNTIL=([0-9TZ]+)/i.exec(text)?.[1] ?? '';
    // A UTC UNTIL (…Z) is an instant; a floating one (or a date) is read on the brand's wall clock.
    const floating = options.until;
    until = raw.toUpperCase().endsWith('Z')
      ? floating
      : zonedWallTimeToInstant(DateTime.fromJSDate(floating, { zone: 'utc' }).toFormat("yyyy-LL-dd'T'HH:mm:ss"), zone);
    if (raw.length === 8) until = DateTime.fromJSDate(until, { zone }).endOf('day').toJSDate();
  }
  if (count !== null && until) throw new RuleError('recurrence_invalid', 'A rule takes COUNT or UNTIL, not both');
  if (count === null && !until && !windowDays)
    throw new RuleError('recurrence_unbounded', 'This rule never ends: give COUNT or UNTIL, or a window of days to create ahead');
  const { until: _until, dtstart: _dtstart, tzid: _tzid, ...rest } = options;
  return { text, options: rest, until, count };
}

/** The local start as luxon reads it, or `recurrence_start_in_gap` when that wall-clock time does not exist. */
export function checkStart(startsLocal: string, zone: string): void {
  const parsed = DateTime.fromFormat(startsLocal, LOCAL_FORMAT, { zone });
  if (!parsed.isValid) throw new RuleError('recurrence_invalid', 'The start must be a local date and time, yyyy-MM-ddTHH:mm');
  if (parsed.toFormat(LOCAL_FORMAT) !== startsLocal)
    throw new RuleError(
      'recurrence_start_in_gap',
      `${startsLocal} does not exist in ${zone} (the clocks go forward then): pick another time for the first occurrence`,
    );
}

/** One occurrence: its wall-clock time (the key) and the instant it goes out. */
export interface Occurrence {
  local: string;
  at: number;
}

const floatingOf = (local: string) => DateTime.fromFormat(local, LOCAL_FORMAT, { zone: 'utc' }).toJSDate();

/**
 * The occurrences whose instant falls in (fromMs, toMs], in order. With COUNT the numbering starts at
 * DTSTART, so an occurrence before `fromMs` still counts towards the total.
 */
export function occurrencesBetween(rule: ParsedRule, startsLocal: string, zone: string, fromMs: number, toMs: number): Occurrence[] {
  if (toMs <= fromMs) return [];
  const engine = new RRule({ ...rule.options, dtstart: floatingOf(startsLocal) });
  // The floating range, one day wider on each side (no zone is more than 14 h from UTC).
  const day = 86_400_000;
  const from = new Date(DateTime.fromMillis(fromMs, { zone }).setZone('utc', { keepLocalTime: true }).toMillis() - day);
  const to = new Date(DateTime.fromMillis(toMs, { zone }).setZone('utc', { keepLocalTime: true }).toMillis() + day);
  const result: Occurrence[] = [];
  let last = -Infinity;
  for (const floating of engine.between(from, to, true)) {
    const local = DateTime.fromJSDate(floating, { zone: 'utc' }).toFormat(LOCAL_FORMAT);
    const at = zonedWallTimeToInstant(local, zone).getTime();
    if (at <= fromMs || at > toMs || at <= last) continue;
    if (rule.until && at > rule.until.getTime()) break;
    last = at;
    result.push({ local, at });
  }
  return result;
}

/**
 * The first occurrence after `afterMs` (its instant), or null when the rule has none in the next ten
 * years. Looks a month ahead first, then further, so a daily rule never expands a decade.
 */
export function nextOccurrenceAfter(rule: ParsedRule, startsLocal: string, zone: string, afterMs: number): number | null {
  const day = 86_400_000;
  for (const days of [35, 400, 3700]) {
    const [next] = occurrencesBetween(rule, startsLocal, zone, afterMs, afterMs + days * day);
    if (next) return next.at;
  }
  return null;
}

/** The last occurrence's instant of a rule that ends (COUNT or UNTIL), or null for one that never does. */
export function lastOccurrence(rule: ParsedRule, startsLocal: string, zone: string): number | null {
  if (rule.count === null && !rule.until) return null;
  const engine = new RRule({
    ...rule.options,
    dtstart: floatingOf(startsLocal),
    ...(rule.until ? { until: floatingUntil(rule, zone) } : {}),
  });
  const all = engine.all((_date, i) => i < 1000);
  const final = all.at(-1);
  if (!final) return null;
  return zonedWallTimeToInstant(DateTime.fromJSDate(final, { zone: 'utc' }).toFormat(LOCAL_FORMAT), zone).getTime();
}

function floatingUntil(rule: ParsedRule, zone: string): Date {
  return DateTime.fromJSDate(rule.until!, { zone }).setZone('utc', { keepLocalTime: true }).toJSDate();
}

/** "2026-03-29T09:00" for an instant in a zone (the occurrence key's format). */
export function localOf(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat(LOCAL_FORMAT);
}
