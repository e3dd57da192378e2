import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  dayIndexOf,
  monthDays,
  monthWindow,
  movedInstant,
  periodTitle,
  timeOfDay,
  todayIn,
  weekDays,
} from '../web/src/features/calendar/calendar-dates.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe("the calendar grid's days in the brand's zone (Intl only)", () => {
  it('a Madrid week holding the end of summer time (25 October 2026) has a 25-hour Sunday', () => {
    const week = weekDays({ year: 2026, month: 10, day: 28 }, 'Europe/Madrid', 1);
    expect(week.map((d) => d.key)).toEqual([
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
    ]);
    const before = weekDays({ year: 2026, month: 10, day: 20 }, 'Europe/Madrid', 1);
    const sunday = before[6];
    expect(sunday.key).toBe('2026-10-25');
    expect(iso(sunday.start)).toBe('2026-10-24T22:00:00.000Z'); // 00:00 CEST
    expect(iso(sunday.end)).toBe('2026-10-25T23:00:00.000Z'); // 00:00 CET
    expect((sunday.end - sunday.start) / 3_600_000).toBe(25);
  });

  it('a Madrid week holding the start of summer time (29 March 2026) has a 23-hour Sunday, and 03:30 that day is 03:30', () => {
    const week = weekDays({ year: 2026, month: 3, day: 29 }, 'Europe/Madrid', 1);
    const sunday = week[6];
    expect(sunday.key).toBe('2026-03-29');
    expect((sunday.end - sunday.start) / 3_600_000).toBe(23);
    const afterChange = Date.parse('2026-03-29T01:30:00Z'); // 03:30 CEST
    expect(dayIndexOf(week, afterChange)).toBe(6);
    expect(timeOfDay(afterChange, 'Europe/Madrid')).toMatchObject({ hour: 3, minute: 30 });
    // 23:30 on Saturday (CET) is still Saturday, not Sunday.
    expect(dayIndexOf(week, Date.parse('2026-03-28T22:30:00Z'))).toBe(5);
  });

  it('a New York Sunday-first week across the March change: days in New York, not in UTC or the browser', () => {
    const week = weekDays({ year: 2026, month: 3, day: 10 }, 'America/New_York', 0);
    expect(week.map((d) => d.key)).toEqual([
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-14',
    ]);
    expect(iso(week[0].start)).toBe('2026-03-08T05:00:00.000Z'); // 00:00 EST
    expect(iso(week[1].start)).toBe('2026-03-09T04:00:00.000Z'); // 00:00 EDT
    // 22:00 on Sunday in New York is Monday 02:00 in UTC: still Sunday on the grid.
    const late = Date.parse('2026-03-09T02:00:00Z');
    expect(dayIndexOf(week, late)).toBe(0);
    expect(timeOfDay(late, 'America/New_York')).toMatchObject({ hour: 22, minute: 0 });
    // November: 01:30 happens twice; both are on the 1st.
    const fall = weekDays({ year: 2026, month: 11, day: 1 }, 'America/New_York', 0);
    expect((fall[0].end - fall[0].start) / 3_600_000).toBe(25);
    expect(dayIndexOf(fall, Date.parse('2026-11-01T05:30:00Z'))).toBe(0);
    expect(dayIndexOf(fall, Date.parse('2026-11-01T06:30:00Z'))).toBe(0);
  });

  it('months starting on a Sunday and on a Monday, with both week starts: six weeks from the week of the 1st', () => {
    // March 2026 starts on a Sunday, June 2026 on a Monday.
    const cases: Array<[number, number, string]> = [
      [3, 0, '2026-03-01'],
      [3, 1, '2026-02-23'],
      [6, 0, '2026-05-31'],
      [6, 1, '2026-06-01'],
    ];
    for (const [month, firstDay, first] of cases) {
      const days = monthDays({ year: 2026, month, day: 17 }, 'Europe/Madrid', firstDay);
      expect(days).toHaveLength(42);
      expect(days[0].key, `${month} ${firstDay}`).toBe(first);
      expect(days[0].weekday).toBe(firstDay);
      for (let i = 1; i < days.length; i++) expect(days[i].start).toBe(days[i - 1].end);
    }
  });

  it('the grid covers exactly the window the boot-time prefetch asks for, in every zone and month (so its answer is reused)', () => {
    for (const zone of ['Europe/Madrid', 'America/New_York', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'America/Havana', 'Asia/Kolkata'])
      for (let month = 1; month <= 24; month++)
        for (const firstDay of [0, 1]) {
          const date = { year: 2025 + Math.floor((month - 1) / 12), month: ((month - 1) % 12) + 1, day: 1 };
          const days = monthDays(date, zone, firstDay);
          const window = monthWindow(date, zone, firstDay);
          expect({ from: iso(days[0].start), to: iso(days[41].end) }, `${zone} ${date.year}-${date.month} ${firstDay}`).toEqual(window);
          // Every day starts at the zone's midnight (or the first instant after it), as luxon says.
          for (const day of [days[0], days[20], days[41]])
            expect(day.start).toBe(
              DateTime.fromObject({ year: day.year, month: day.month, day: day.day }, { zone }).startOf('day').toMillis(),
            );
        }
  });

  it('a dragged post keeps its wall-clock time on the new day, across a DST change; the week view also sets the hour', () => {
    const zone = 'Europe/Madrid';
    // Saturday 24 October 2026 10:15 CEST → Sunday 25 October (CET): still 10:15 on the wall clock.
    const from = Date.parse('2026-10-24T08:15:00Z');
    expect(iso(movedInstant(from, { year: 2026, month: 10, day: 25 }, zone))).toBe('2026-10-25T09:15:00.000Z');
    expect(iso(movedInstant(from, { year: 2026, month: 10, day: 26 }, zone, 18))).toBe('2026-10-26T17:15:00.000Z');
    // A time skipped by the spring change moves forward, as luxon does (02:30 → 03:30).
    const night = DateTime.fromISO('2026-03-28T02:30:00', { zone });
    expect(movedInstant(night.toMillis(), { year: 2026, month: 3, day: 29 }, zone)).toBe(
      DateTime.fromObject({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, { zone }).toMillis(),
    );
  });

  it("today is the brand's date, not the browser's", () => {
    const now = new Date('2026-12-31T23:30:00Z');
    expect(todayIn('Europe/Madrid', now)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(todayIn('America/New_York', now)).toEqual({ year: 2026, month: 12, day: 31 });
  });

  it('titles the period in the UI language', () => {
    const days = weekDays({ year: 2026, month: 12, day: 2 }, 'Europe/Madrid', 1);
    expect(periodTitle('month', days, { year: 2026, month: 12, day: 2 }, 'es')).toBe('Diciembre de 2026');
    expect(periodTitle('month', days, { year: 2026, month: 12, day: 2 }, 'en')).toBe('December 2026');
    expect(periodTitle('week', days, { year: 2026, month: 12, day: 2 }, 'es')).toMatch(/^30 nov\s–\s6 dic 2026$/);
  });
});
