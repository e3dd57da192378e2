/**
 * Business hours of a workspace's inbox (issue 14, part 6), in the brand's time zone with daylight
 * saving: the time between two instants that falls inside opening hours, and the instant a target
 * (in business minutes) runs out. Pure (luxon builds each day's wall-clock hours in the zone, so a
 * day of 23 or 25 hours is handled by the calendar, not by adding 24 h).
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { PRIORITIES, type Priority } from './tables.ts';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:mm');

/** One day's opening hours (wall clock in the brand's zone), or null when closed. */
export const dayHoursSchema = z
  .object({ from: clock, to: clock })
  .refine((d) => d.from < d.to, { message: '"from" must be before "to"' })
  .nullable();

/** Monday first, seven entries. */
export const businessHoursSchema = z.object({ days: z.array(dayHoursSchema).length(7) });
export type BusinessHours = z.infer<typeof businessHoursSchema>;

/** Minutes (of business hours) within which each priority should get an answer. */
export const targetsSchema = z.object(
  Object.fromEntries(
    PRIORITIES.map((p) => [
      p,
      z
        .number()
        .int()
        .min(1)
        .max(60 * 24 * 30),
    ]),
  ) as Record<Priority, z.ZodNumber>,
);
export type Targets = Record<Priority, number>;

/** Monday to Friday, 9:00 to 18:00. */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  days: [0, 1, 2, 3, 4].map(() => ({ from: '09:00', to: '18:00' })).concat([null, null] as never[]),
};
/** Urgent within 1 business hour, high 2, normal 8 (a business day), low 24. */
export const DEFAULT_TARGETS: Targets = { urgent: 60, high: 120, normal: 480, low: 1440 };

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** The opening interval of one local day, as instants (ms), or null when closed. */
function openingOf(day: DateTime, hours: BusinessHours): [number, number] | null {
  const spec = hours.days[day.weekday - 1];
  if (!spec) return null;
  const start = day.startOf('day');
  const at = (minutes: number) =>
    minutes >= 1440 ? start.plus({ days: 1 }).toMillis() : start.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
  return [at(minutesOf(spec.from)), at(minutesOf(spec.to))];
}

function isOpenAtAll(hours: BusinessHours): boolean {
  return hours.days.some((d) => d !== null);
}

/** Milliseconds of business hours between two instants (0 when `to` is not after `from`). */
export function businessMs(from: Date, to: Date, hours: BusinessHours, zone: string): number {
  if (to <= from || !isOpenAtAll(hours)) return 0;
  let total = 0;
  let day = DateTime.fromJSDate(from, { zone }).startOf('day');
  const end = to.getTime();
  // At most one pass per calendar day in between.
  while (day.toMillis() < end) {
    const open = openingOf(day, hours);
    if (open) {
      const a = Math.max(open[0], from.getTime());
      const b = Math.min(open[1], end);
      if (b > a) total += b - a;
    }
    day = day.plus({ days: 1 }).startOf('day');
  }
  return total;
}

/**
 * The business-hours openings between two instants as sorted arrays (epoch ms): where each opening starts and ends,
 * and how much business time came before it. The business time between two instants a ≤ b inside them is
 * cumulative(b) − cumulative(a), with cumulative(t) = before[k] + clamp(t − starts[k], 0, ends[k] − starts[k]) for
 * the last opening k starting at or before t: what businessMs adds day by day, looked up by binary search (SQL's
 * width_bucket) instead (service report).
 */
export function businessOpenings(
  from: Date,
  to: Date,
  hours: BusinessHours,
  zone: string,
): { starts: number[]; ends: number[]; before: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  const before: number[] = [];
  if (!isOpenAtAll(hours)) return { starts, ends, before };
  let total = 0;
  let day = DateTime.fromJSDate(from, { zone }).startOf('day');
  while (day.toMillis() < to.getTime()) {
    const open = openingOf(day, hours);
    if (open && open[1] > open[0]) {
      starts.push(open[0]);
      ends.push(open[1]);
      before.push(total);
      total += open[1] - open[0];
    }
    day = day.plus({ days: 1 }).startOf('day');
  }
  return { starts, ends, before };
}

/** The instant when `ms` of business hours have passed after `from`. */
export function addBusinessMs(from: Date, ms: number, hours: BusinessHours, zone: string): Date {
  if (!isOpenAtAll(hours)) return new Date(from.getTime() + ms);
  let left = ms;
  let day = DateTime.fromJSDate(from, { zone }).startOf('day');
  for (let guard = 0; guard < 3660; guard++) {
    const open = openingOf(day, hours);
    if (open) {
      const a = Math.max(open[0], from.getTime());
      const b = open[1];
      if (b > a) {
        if (b - a >= left) return new Date(a + left);
        left -= b - a;
      }
    }
    day = day.plus({ days: 1 }).startOf('day');
  }
  return new Date(from.getTime() + ms);
}

/** When an answer is due for a conversation waiting since `since`, at this priority. */
export function dueAt(since: Date, priority: Priority, targets: Targets, hours: BusinessHours, zone: string): Date {
  return addBusinessMs(since, targets[priority] * 60_000, hours, zone);
}
