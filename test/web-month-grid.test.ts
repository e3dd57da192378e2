import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { monthGridWindow } from '../web/src/features/calendar/month-grid.ts';

/** What the calendar computed with luxon before (FullCalendar's month view window): the reference. */
function withLuxon(now: Date, zone: string, firstDay: number) {
  const monthStart = DateTime.fromJSDate(now).setZone(zone).startOf('month');
  const back = ((monthStart.weekday % 7) - firstDay + 7) % 7;
  const start = monthStart.minus({ days: back });
  const end = start.plus({ weeks: 6 });
  return { from: new Date(start.toMillis()).toISOString(), to: new Date(end.toMillis()).toISOString() };
}

describe('the month grid window without luxon (boot-time prefetch)', () => {
  const zones = [
    'Europe/Madrid',
    'UTC',
    'America/New_York',
    'America/Sao_Paulo',
    'Asia/Kolkata',
    'Pacific/Auckland',
    'Australia/Lord_Howe',
    'America/Havana',
  ];
  it('equals luxon for every zone, both week starts, on days across DST changes and month edges', () => {
    let checked = 0;
    for (const zone of zones)
      for (let day = 0; day < 800; day += 3)
        for (const hour of [0, 11, 23])
          for (const firstDay of [0, 1]) {
            const now = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000 + hour * 3_600_000);
            expect(monthGridWindow(now, zone, firstDay), `${zone} ${now.toISOString()} ${firstDay}`).toEqual(
              withLuxon(now, zone, firstDay),
            );
            checked++;
          }
    expect(checked).toBeGreaterThan(10_000);
  });
  it('is six weeks long', () => {
    const window = monthGridWindow(new Date('2026-03-15T12:00:00Z'), 'Europe/Madrid', 1);
    expect(window).toEqual({ from: '2026-02-22T23:00:00.000Z', to: '2026-04-05T22:00:00.000Z' });
  });
});
