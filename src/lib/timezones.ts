import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { instantInRange } from './input.ts';

/** An IANA time zone name that this runtime knows (e.g. Europe/Madrid). */
export const timeZoneSchema = z.string().refine((zone) => IANAZone.isValidZone(zone), { message: 'Unknown IANA time zone' });

/**
 * An ISO 8601 instant with an explicit offset or Z (2026-03-29T10:00:00+02:00).
 * Times without an offset are ambiguous across zones and daylight saving, so they are refused.
 */
export const isoInstantSchema = z
  .string()
  .max(40)
  .refine((value) => /([zZ]|[+-]\d{2}:?\d{2})$/.test(value) && DateTime.fromISO(value, { setZone: true }).isValid, {
    message: 'Expected an ISO 8601 date-time with an offset, e.g. 2026-03-29T10:00:00+02:00',
  })
  .refine((value) => instantInRange(DateTime.fromISO(value, { setZone: true }).toJSDate()), {
    message: 'Dates must fall within the years 0001–9999',
  })
  .transform((value) => DateTime.fromISO(value, { setZone: true }).toUTC().toJSDate());

/**
 * Converts a wall-clock time in a zone to a UTC instant. In the spring-forward gap
 * (a time that does not exist) it moves forward by the gap, as calendars do; in the
 * autumn overlap it picks the first (earlier) occurrence.
 */
export function zonedWallTimeToInstant(local: string, zone: string): Date {
  const parsed = DateTime.fromISO(local, { zone });
  if (!parsed.isValid) throw new Error(`Invalid local time ${local} in ${zone}: ${parsed.invalidExplanation}`);
  // In the autumn overlap the same wall time exists twice; luxon picks the later one.
  const earlier = parsed.minus({ hours: 1 });
  if (earlier.day === parsed.day && earlier.hour === parsed.hour && earlier.minute === parsed.minute) return earlier.toUTC().toJSDate();
  return parsed.toUTC().toJSDate();
}

/** Formats an instant in the brand's zone and language, e.g. "29 mar 2026, 10:00 CEST". */
export function formatInZone(instant: Date, zone: string, locale: string): string {
  return DateTime.fromJSDate(instant, { zone }).setLocale(locale).toFormat('d LLL yyyy, HH:mm ZZZZ');
}
