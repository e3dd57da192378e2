/**
 * Weekly slots → instants, in the brand's time zone (pure; no database).
 *
 * A slot is an ISO weekday (1 = Monday) and a minute of the day on the wall clock of the
 * workspace's zone, so "Tuesday 09:30" stays 09:30 across daylight-saving changes. On the
 * day the clocks go forward, a slot inside the skipped hour (02:30 in Europe/Madrid) goes out
 * right after the gap, as the wall clock reads it (03:30); on the day they go back, a slot in
 * the repeated hour is taken once, at its second occurrence (standard time, as luxon reads it).
 */
import { DateTime, IANAZone } from 'luxon';

export interface WeeklySlot {
  weekday: number;
  minute: number;
}

/** How far ahead the queue looks for a free slot: beyond a year a queue is full in practice. */
const HORIZON_DAYS = 400;

/** "09:30" for a minute of the day. */
export function slotTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** The minute of the day of "HH:MM", or null when it is not a time of day. */
export function parseSlotTime(text: string): number | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** A zone's offset (minutes) over one whole local day, or null when it changes around that day (see dayOffset). */
const dayOffsets = new Map<string, Map<number, number | null>>();
const DAY_MS = 86_400_000;
const MARGIN_MS = 14 * 3_600_000;

/**
 * The zone's UTC offset on the local calendar day `day` (days since 1970-01-01), when one offset holds
 * from 14 hours before that date's midnight UTC to 14 hours after the next (every local clock's day
 * lies inside); null on and around a daylight-saving change. Kept per zone and day: it never changes.
 */
function dayOffset(zone: IANAZone, day: number): number | null {
  let days = dayOffsets.get(zone.name);
  if (!days) {
    days = new Map();
    dayOffsets.set(zone.name, days);
  }
  let offset = days.get(day);
  if (offset === undefined) {
    const before = zone.offset(day * DAY_MS - MARGIN_MS);
    offset = before === zone.offset((day + 1) * DAY_MS + MARGIN_MS) ? before : null;
    if (days.size > 20_000) days.clear();
    days.set(day, offset);
  }
  return offset;
}

/** Every slot instant (ms) strictly after `after`, in time order, up to the horizon. */
export function* slotInstants(slots: WeeklySlot[], zone: string, after: number): Generator<number> {
  if (!slots.length) return;
  const byWeekday = new Map<number, number[]>();
  for (const slot of slots) byWeekday.set(slot.weekday, [...(byWeekday.get(slot.weekday) ?? []), slot.minute]);
  for (const minutes of byWeekday.values()) minutes.sort((a, b) => a - b);
  const iana = IANAZone.create(zone);
  // The local calendar day `after` falls on, as days since 1970-01-01.
  const first = Math.floor((after + iana.offset(after) * 60_000) / DAY_MS);
  let last = -Infinity;
  for (let day = first; day < first + HORIZON_DAYS; day++) {
    const weekday = ((new Date(day * DAY_MS).getUTCDay() + 6) % 7) + 1;
    const minutes = byWeekday.get(weekday);
    if (!minutes) continue;
    const offset = dayOffset(iana, day);
    const date = new Date(day * DAY_MS);
    for (const minute of minutes) {
      // One offset all day: the wall clock maps to one instant. A day of change: luxon decides, as always
      // (a time in the skipped hour goes after the gap; one in the repeated hour is taken once).
      const at =
        offset !== null
          ? day * DAY_MS + minute * 60_000 - offset * 60_000
          : DateTime.fromObject(
              {
                year: date.getUTCFullYear(),
                month: date.getUTCMonth() + 1,
                day: date.getUTCDate(),
                hour: Math.floor(minute / 60),
                minute: minute % 60,
              },
              { zone },
            ).toMillis();
      // Two slots can meet after a gap moved one forward (02:30 → 03:30 beside a 03:30 slot): one instant.
      if (at > after && at > last) {
        last = at;
        yield at;
      }
    }
  }
}

/**
 * The first `count` slot instants after `after` that are not `taken`, in order; fewer when the
 * horizon runs out (a queue with no slots gives none).
 */
export function freeSlots(slots: WeeklySlot[], zone: string, after: number, taken: ReadonlySet<number>, count: number): number[] {
  const found: number[] = [];
  if (count <= 0) return found;
  for (const at of slotInstants(slots, zone, after)) {
    if (taken.has(at)) continue;
    found.push(at);
    if (found.length === count) break;
  }
  return found;
}

/**
 * Slots proposed from the best-time grid: its best cells (weekday and hour, ranked by rate) as
 * slots on the hour, at most `perWeek`. The evidence (rate, posts) goes with each.
 */
export function slotsFromBestCells<T extends { weekday: number; hour: number; rate: number | null; posts: number }>(
  cells: T[],
  perWeek: number,
): Array<WeeklySlot & { rate: number; posts: number }> {
  return cells
    .filter((cell): cell is T & { rate: number } => cell.rate !== null)
    .sort((a, b) => b.rate - a.rate)
    .slice(0, perWeek)
    .map((cell) => ({ weekday: cell.weekday, minute: cell.hour * 60, rate: cell.rate, posts: cell.posts }))
    .sort((a, b) => a.weekday - b.weekday || a.minute - b.minute);
}
