import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { freeSlots, parseSlotTime, slotInstants, slotTime, slotsFromBestCells } from './slots.ts';

const local = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('ccc yyyy-MM-dd HH:mm ZZ');
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();

describe('queue slots', () => {
  it('reads and writes times of day', () => {
    expect(parseSlotTime('9:30')).toBe(570);
    expect(parseSlotTime('23:59')).toBe(1439);
    expect(parseSlotTime('24:00')).toBeNull();
    expect(parseSlotTime('09:60')).toBeNull();
    expect(parseSlotTime('nueve')).toBeNull();
    expect(slotTime(570)).toBe('09:30');
  });

  it('keeps the wall-clock time across the spring-forward change (Europe/Madrid, 29 March 2026)', () => {
    const zone = 'Europe/Madrid';
    const slots = [
      { weekday: 6, minute: 9 * 60 + 30 },
      { weekday: 7, minute: 9 * 60 + 30 },
    ];
    const first = [...slotInstants(slots, zone, at('2026-03-27T12:00', zone))].slice(0, 4).map((ms) => local(ms, zone));
    expect(first).toEqual([
      'Sat 2026-03-28 09:30 +01:00',
      'Sun 2026-03-29 09:30 +02:00',
      'Sat 2026-04-04 09:30 +02:00',
      'Sun 2026-04-05 09:30 +02:00',
    ]);
  });

  it('moves a slot in the skipped hour to right after the gap, and takes a repeated hour once', () => {
    const zone = 'Europe/Madrid';
    const spring = [
      ...slotInstants(
        [
          { weekday: 7, minute: 150 },
          { weekday: 7, minute: 210 },
        ],
        zone,
        at('2026-03-28T12:00', zone),
      ),
    ];
    // 02:30 does not exist on 29 March: it goes out at 03:30, the same instant as the 03:30 slot (once).
    expect(local(spring[0], zone)).toBe('Sun 2026-03-29 03:30 +02:00');
    expect(local(spring[1], zone)).toBe('Sun 2026-04-05 02:30 +02:00');
    const autumn = [...slotInstants([{ weekday: 7, minute: 150 }], zone, at('2026-10-24T12:00', zone))];
    expect(local(autumn[0], zone)).toBe('Sun 2026-10-25 02:30 +01:00');
    expect(local(autumn[1], zone)).toBe('Sun 2026-11-01 02:30 +01:00');
  });

  it('finds free slots after a time, skipping taken ones, and in New York too', () => {
    const zone = 'America/New_York';
    const slots = [
      { weekday: 1, minute: 8 * 60 },
      { weekday: 3, minute: 17 * 60 },
    ];
    const after = at('2026-11-01T00:30', zone); // the night the clocks go back
    const all = freeSlots(slots, zone, after, new Set(), 3);
    expect(all.map((ms) => local(ms, zone))).toEqual([
      'Mon 2026-11-02 08:00 -05:00',
      'Wed 2026-11-04 17:00 -05:00',
      'Mon 2026-11-09 08:00 -05:00',
    ]);
    expect(freeSlots(slots, zone, after, new Set([all[0], all[2]]), 2)).toEqual([all[1], freeSlots(slots, zone, all[2], new Set(), 1)[0]]);
    expect(freeSlots([], zone, after, new Set(), 3)).toEqual([]);
  });

  it('proposes slots from the best-time cells with their evidence', () => {
    const cells = [
      { weekday: 2, hour: 9, rate: 1.2, posts: 4 },
      { weekday: 5, hour: 18, rate: 2.5, posts: 6 },
      { weekday: 1, hour: 7, rate: null, posts: 1 },
      { weekday: 3, hour: 13, rate: 0.4, posts: 3 },
    ];
    expect(slotsFromBestCells(cells, 2)).toEqual([
      { weekday: 2, minute: 540, rate: 1.2, posts: 4 },
      { weekday: 5, minute: 1080, rate: 2.5, posts: 6 },
    ]);
  });
  it('gives the same instants as luxon read slot by slot, in zones with odd offsets and changes, over three years', () => {
    /** The reference: every slot's wall-clock time read by luxon on each local day (what slotInstants did before its day offsets). */
    function* reference(slots: Array<{ weekday: number; minute: number }>, zone: string, after: number) {
      let day = DateTime.fromMillis(after, { zone }).startOf('day');
      let last = -Infinity;
      for (let i = 0; i < 400; i++, day = day.plus({ days: 1 })) {
        const minutes = slots.filter((s) => s.weekday === day.weekday).map((s) => s.minute);
        for (const minute of [...new Set(minutes)].sort((a, b) => a - b)) {
          const instant = DateTime.fromObject(
            { year: day.year, month: day.month, day: day.day, hour: Math.floor(minute / 60), minute: minute % 60 },
            { zone },
          ).toMillis();
          if (instant > after && instant > last) {
            last = instant;
            yield instant;
          }
        }
      }
    }
    const zones = [
      'Europe/Madrid',
      'America/New_York',
      'Australia/Sydney',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'America/Santiago',
      'Pacific/Chatham',
      'Europe/London',
    ];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let k = 0; k < 64; k++) {
      const zone = zones[k % zones.length];
      const slots = Array.from({ length: 1 + Math.floor(random() * 10) }, () => ({
        weekday: 1 + Math.floor(random() * 7),
        minute: random() < 0.4 ? [0, 60, 90, 120, 150, 180, 1410][Math.floor(random() * 7)] : Math.floor(random() * 1440),
      }));
      const after = Date.parse('2025-01-01T00:00:00Z') + Math.floor(random() * 3 * 365 * 86_400_000);
      expect([...slotInstants(slots, zone, after)].slice(0, 200), `${zone} ${JSON.stringify(slots)} ${after}`).toEqual(
        [...reference(slots, zone, after)].slice(0, 200),
      );
    }
  });
});
