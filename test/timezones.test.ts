import { describe, expect, it } from 'vitest';
import { formatInZone, isoInstantSchema, zonedWallTimeToInstant } from '../src/lib/timezones.ts';
import { toInstant } from '../src/cli/shared.ts';

describe('brand time zones across daylight-saving changes', () => {
  it('Europe/Madrid: spring forward (29 Mar 2026) and fall back (25 Oct 2026)', () => {
    expect(zonedWallTimeToInstant('2026-03-28T10:00', 'Europe/Madrid').toISOString()).toBe('2026-03-28T09:00:00.000Z'); // CET +1
    expect(zonedWallTimeToInstant('2026-03-29T10:00', 'Europe/Madrid').toISOString()).toBe('2026-03-29T08:00:00.000Z'); // CEST +2
    // 02:30 does not exist that night: calendars move it forward by the gap.
    expect(zonedWallTimeToInstant('2026-03-29T02:30', 'Europe/Madrid').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 Oct: the first (summer time) occurrence is taken.
    expect(zonedWallTimeToInstant('2026-10-25T02:30', 'Europe/Madrid').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedWallTimeToInstant('2026-10-26T10:00', 'Europe/Madrid').toISOString()).toBe('2026-10-26T09:00:00.000Z');
  });

  it('America/Mexico_City: no daylight saving since 2022, UTC−6 all year', () => {
    expect(zonedWallTimeToInstant('2026-04-05T10:00', 'America/Mexico_City').toISOString()).toBe('2026-04-05T16:00:00.000Z');
    expect(zonedWallTimeToInstant('2026-07-01T10:00', 'America/Mexico_City').toISOString()).toBe('2026-07-01T16:00:00.000Z');
    expect(zonedWallTimeToInstant('2026-12-01T10:00', 'America/Mexico_City').toISOString()).toBe('2026-12-01T16:00:00.000Z');
  });

  it('America/Santiago: southern-hemisphere changes (April back, September forward)', () => {
    // Winter time (−04) from the first Sunday of April 2026; summer time (−03) from the first Sunday of September 2026.
    expect(zonedWallTimeToInstant('2026-03-01T10:00', 'America/Santiago').toISOString()).toBe('2026-03-01T13:00:00.000Z');
    expect(zonedWallTimeToInstant('2026-06-01T10:00', 'America/Santiago').toISOString()).toBe('2026-06-01T14:00:00.000Z');
    expect(zonedWallTimeToInstant('2026-10-01T10:00', 'America/Santiago').toISOString()).toBe('2026-10-01T13:00:00.000Z');
  });

  it('a weekly 10:00 slot keeps its wall-clock time across the change', () => {
    const weeks = ['2026-03-22T10:00', '2026-03-29T10:00', '2026-04-05T10:00'].map((local) =>
      zonedWallTimeToInstant(local, 'Europe/Madrid'),
    );
    expect(weeks.map((d) => formatInZone(d, 'Europe/Madrid', 'es'))).toEqual([
      '22 mar 2026, 10:00 CET',
      '29 mar 2026, 10:00 CEST',
      '5 abr 2026, 10:00 CEST',
    ]);
    expect(weeks[1].getTime() - weeks[0].getTime()).toBe(7 * 86_400_000 - 3_600_000);
  });

  it('the API takes ISO 8601 only with an explicit offset and stores the UTC instant', () => {
    expect(isoInstantSchema.parse('2026-10-25T02:30:00+02:00').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(isoInstantSchema.parse('2026-10-25T02:30:00+01:00').toISOString()).toBe('2026-10-25T01:30:00.000Z');
    expect(isoInstantSchema.safeParse('2026-10-25T02:30:00').success).toBe(false);
    expect(isoInstantSchema.safeParse('mañana').success).toBe(false);
  });

  it('the CLI reads local times in the workspace zone', async () => {
    expect(new Date(await toInstant('2026-03-29 10:00', 'Europe/Madrid')).toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(new Date(await toInstant('2026-09-06 10:00', 'America/Santiago')).toISOString()).toBe('2026-09-06T13:00:00.000Z');
    expect(await toInstant('2026-03-29T10:00:00+02:00', 'America/Santiago')).toBe('2026-03-29T10:00:00+02:00');
  });
});
