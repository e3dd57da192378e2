import { describe, expect, it } from 'vitest';
import {
  bucketStarts,
  formatTimeTick,
  niceStep,
  numberFormat,
  timeAxis,
  timeTickLabels,
  valueAxis,
} from '../web/src/features/analytics/chart-scales.ts';

const zone = 'Europe/Madrid';
const labels = (axis: ReturnType<typeof timeAxis>, locale = 'es') => timeTickLabels(axis, zone, locale);

describe('time axis', () => {
  it('one point: one tick at that instant, not sixteen "00:00:00"', () => {
    const at = Date.parse('2026-12-05T09:30:00Z');
    const axis = timeAxis(at, at, zone);
    expect(axis.ticks).toEqual([at]);
    expect(axis.min).toBeLessThan(at);
    expect(axis.max).toBeGreaterThan(at);
    expect(labels(axis)).toEqual(['10:30']);
  });

  it('one day: hours on the brand zone’s clock', () => {
    const from = Date.parse('2026-12-04T23:00:00Z'); // midnight in Madrid
    const axis = timeAxis(from, from + 86_400_000, zone);
    expect(axis.unit).toBe('hour');
    expect(axis.ticks.length).toBeLessThanOrEqual(8);
    expect(labels(axis)).toEqual(['5 dic 00:00', '5 dic 06:00', '5 dic 12:00', '5 dic 18:00', '6 dic 00:00']);
    // Within one day of the zone, times alone.
    expect(labels(timeAxis(from + 3_600_000, from + 10 * 3_600_000, zone))).toEqual(['02:00', '04:00', '06:00', '08:00', '10:00']);
  });

  it('a year: months, in the UI language', () => {
    const from = Date.parse('2026-01-01T00:00:00+01:00');
    const to = Date.parse('2026-12-31T00:00:00+01:00');
    const axis = timeAxis(from, to, zone);
    expect(axis.unit).toBe('month');
    expect(axis.ticks.length).toBeGreaterThan(2);
    expect(axis.ticks.length).toBeLessThanOrEqual(8);
    expect(labels(axis, 'es')[0]).toBe('ene 2026');
    expect(labels(axis, 'en')[0]).toBe('Jan 2026');
    // Every tick on the 1st of a month at midnight, Madrid time.
    for (const tick of axis.ticks) expect(new Date(tick).toLocaleString('en-GB', { timeZone: zone })).toMatch(/^01\/\d\d\/2026, 00:00:00$/);
  });

  it('a month: days as "5 dic" / "5 Dec"', () => {
    const from = Date.parse('2026-11-06T00:00:00+01:00');
    const to = Date.parse('2026-12-05T00:00:00+01:00');
    const axis = timeAxis(from, to, zone);
    expect(['day', 'week']).toContain(axis.unit);
    expect(axis.ticks.length).toBeLessThanOrEqual(8);
    expect(formatTimeTick(to, 'day', zone, 'es')).toBe('5 dic');
    expect(formatTimeTick(to, 'day', zone, 'en')).toBe('5 Dec');
  });

  it('ticks are distinct and inside the range for spans from minutes to years', () => {
    const from = Date.parse('2026-03-29T00:10:00Z'); // the night Madrid changes to summer time
    for (const span of [60_000, 20 * 60_000, 3_600_000, 7 * 3_600_000, 86_400_000, 3 * 86_400_000, 40 * 86_400_000, 800 * 86_400_000]) {
      const axis = timeAxis(from, from + span, zone);
      expect(axis.ticks.length, `span ${span}`).toBeGreaterThanOrEqual(1);
      expect(axis.ticks.length, `span ${span}`).toBeLessThanOrEqual(8);
      expect(new Set(labels(axis)).size, `span ${span}: ${labels(axis)}`).toBe(axis.ticks.length);
      for (const tick of axis.ticks) {
        expect(tick).toBeGreaterThanOrEqual(from);
        expect(tick).toBeLessThanOrEqual(from + span);
      }
    }
  });
});

describe('value axis', () => {
  it('counts of 1 get 0 and 1, from 0, no fractional ticks', () => {
    expect(valueAxis([1, 1, 1], { integer: true })).toEqual({ min: 0, max: 1, ticks: [0, 1] });
  });

  it('a single point starts at 0', () => {
    const axis = valueAxis([7], { integer: true });
    expect(axis.min).toBe(0);
    expect(axis.max).toBeGreaterThanOrEqual(7);
    expect(axis.ticks.every(Number.isInteger)).toBe(true);
  });

  it('no data: 0 to 1', () => {
    expect(valueAxis([], { integer: true })).toEqual({ min: 0, max: 1, ticks: [0, 1] });
    expect(valueAxis([null, undefined])).toMatchObject({ min: 0, max: 1 });
  });

  it('rates get nice decimal ticks and negatives go below 0', () => {
    expect(valueAxis([0.2, 0.7, 1.3]).ticks).toEqual([0, 0.5, 1, 1.5]);
    const net = valueAxis([-30, 45]);
    expect(net.min).toBeLessThan(-29);
    expect(net.ticks).toContain(0);
  });

  it('large counts stay within the tick budget', () => {
    const axis = valueAxis([0, 12_345], { integer: true });
    expect(axis.ticks.length).toBeLessThanOrEqual(6);
    expect(axis.max).toBeGreaterThanOrEqual(12_345);
    expect(niceStep(12_345, 5)).toBe(2_500);
  });
});

describe('numbers in the UI language', () => {
  it('es: "1.234,5"; en: "1,234.5"', () => {
    expect(numberFormat('es').format(1234.5)).toBe('1.234,5');
    expect(numberFormat('en').format(1234.5)).toBe('1,234.5');
  });
});

describe('count buckets', () => {
  it('every hour of a brand-zone day, 23 on the spring-forward day; days across a month', () => {
    const day = (iso: string) => Date.parse(iso);
    expect(bucketStarts(day('2026-12-05T00:00:00+01:00'), day('2026-12-06T00:00:00+01:00'), 'hour', zone)).toHaveLength(24);
    expect(bucketStarts(day('2026-03-29T00:00:00+01:00'), day('2026-03-30T00:00:00+02:00'), 'hour', zone)).toHaveLength(23);
    const days = bucketStarts(day('2026-11-06T00:00:00+01:00'), day('2026-12-06T00:00:00+01:00'), 'day', zone);
    expect(days).toHaveLength(30);
    expect(days[0]).toBe(day('2026-11-06T00:00:00+01:00'));
  });
});
