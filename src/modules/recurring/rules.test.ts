/**
 * Repeat rules on the brand's wall clock (pure): weekly, monthly "last Friday", daily across both
 * daylight-saving changes, COUNT counted from the start, the variation rule of evergreen re-shares,
 * and the rules refused with a code.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { chooseVariation } from './evergreen.ts';
import { checkStart, lastOccurrence, occurrencesBetween, parseRule, RuleError } from './rules.ts';

const MADRID = 'Europe/Madrid';
const at = (iso: string) => Date.parse(iso);
const localOf = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('ccc yyyy-LL-dd HH:mm ZZ');
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof RuleError ? error.code : String(error);
  }
  return 'accepted';
};

describe('repeat rules on the wall clock', () => {
  it('keeps a weekly 09:00 at 09:00 across the March change (the UTC time moves by an hour)', () => {
    const rule = parseRule('FREQ=WEEKLY;BYDAY=MO;COUNT=4', MADRID, null);
    const list = occurrencesBetween(rule, '2026-03-16T09:00', MADRID, at('2026-03-01T00:00Z'), at('2026-05-01T00:00Z'));
    expect(list.map((o) => localOf(o.at, MADRID))).toEqual([
      'Mon 2026-03-16 09:00 +01:00',
      'Mon 2026-03-23 09:00 +01:00',
      'Mon 2026-03-30 09:00 +02:00',
      'Mon 2026-04-06 09:00 +02:00',
    ]);
    expect(list.map((o) => o.local)).toEqual(['2026-03-16T09:00', '2026-03-23T09:00', '2026-03-30T09:00', '2026-04-06T09:00']);
  });

  it('finds the last Friday of each month', () => {
    const rule = parseRule('FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20261231', 'America/New_York', null);
    const list = occurrencesBetween(rule, '2026-01-30T17:30', 'America/New_York', at('2026-01-01T00:00Z'), at('2027-06-01T00:00Z'));
    expect(list).toHaveLength(12);
    for (const o of list) {
      const d = DateTime.fromMillis(o.at, { zone: 'America/New_York' });
      expect(d.weekday).toBe(5);
      expect(d.plus({ days: 7 }).month).not.toBe(d.month);
      expect(d.toFormat('HH:mm')).toBe('17:30');
    }
  });

  it('moves an occurrence in the spring gap after it, and takes the autumn overlap once, first', () => {
    const rule = parseRule('FREQ=DAILY', MADRID, 60);
    const spring = occurrencesBetween(rule, '2026-03-27T02:30', MADRID, at('2026-03-27T00:00Z'), at('2026-03-31T00:00Z'));
    expect(spring.map((o) => localOf(o.at, MADRID))).toEqual([
      'Fri 2026-03-27 02:30 +01:00',
      'Sat 2026-03-28 02:30 +01:00',
      'Sun 2026-03-29 03:30 +02:00',
      'Mon 2026-03-30 02:30 +02:00',
    ]);
    const autumn = occurrencesBetween(rule, '2026-03-27T02:30', MADRID, at('2026-10-24T00:00Z'), at('2026-10-27T00:00Z'));
    expect(autumn.map((o) => localOf(o.at, MADRID))).toEqual([
      'Sat 2026-10-24 02:30 +02:00',
      'Sun 2026-10-25 02:30 +02:00',
      'Mon 2026-10-26 02:30 +01:00',
    ]);
  });

  it('counts COUNT from the start, whatever window is asked for', () => {
    const rule = parseRule('FREQ=DAILY;COUNT=10', MADRID, null);
    const late = occurrencesBetween(rule, '2026-06-01T10:00', MADRID, at('2026-06-05T12:00Z'), at('2026-12-01T00:00Z'));
    expect(late.map((o) => o.local)).toEqual([
      '2026-06-06T10:00',
      '2026-06-07T10:00',
      '2026-06-08T10:00',
      '2026-06-09T10:00',
      '2026-06-10T10:00',
    ]);
    expect(localOf(lastOccurrence(rule, '2026-06-01T10:00', MADRID)!, MADRID)).toBe('Wed 2026-06-10 10:00 +02:00');
    expect(lastOccurrence(parseRule('FREQ=DAILY', MADRID, 60), '2026-06-01T10:00', MADRID)).toBeNull();
  });

  it('refuses what cannot be a repeat of a post, with a code', () => {
    expect(code(() => parseRule('FREQ=WEEKLY;BYDAY=MO', MADRID, null))).toBe('recurrence_unbounded');
    expect(code(() => parseRule('FREQ=WEEKLY;BYDAY=MO', MADRID, 60))).toBe('accepted');
    expect(code(() => parseRule('FREQ=HOURLY;COUNT=5', MADRID, 60))).toBe('recurrence_too_frequent');
    expect(code(() => parseRule('FREQ=DAILY;BYHOUR=9,18;COUNT=5', MADRID, 60))).toBe('recurrence_too_frequent');
    expect(code(() => parseRule('nonsense', MADRID, 60))).toBe('recurrence_invalid');
    expect(code(() => parseRule('BYDAY=MO', MADRID, 60))).toBe('recurrence_invalid');
    expect(code(() => parseRule('FREQ=DAILY;COUNT=3;UNTIL=20270101T000000Z', MADRID, 60))).toBe('recurrence_invalid');
    expect(code(() => parseRule('DTSTART:20260101T090000\nRRULE:FREQ=DAILY', MADRID, 60))).toBe('recurrence_invalid');
    expect(code(() => checkStart('2026-03-29T02:30', MADRID))).toBe('recurrence_start_in_gap');
    expect(code(() => checkStart('2026-03-29T03:30', MADRID))).toBe('accepted');
    expect(code(() => checkStart('2026-02-30T10:00', MADRID))).toBe('recurrence_invalid');
  });

  it('reads a UTC UNTIL as an instant and a floating one on the brand’s wall clock', () => {
    const utc = parseRule('FREQ=DAILY;UNTIL=20260605T080000Z', MADRID, null);
    const floating = parseRule('FREQ=DAILY;UNTIL=20260605T080000', MADRID, null);
    const span = (r: typeof utc) =>
      occurrencesBetween(r, '2026-06-01T09:00', MADRID, at('2026-05-01T00:00Z'), at('2026-07-01T00:00Z')).length;
    // 08:00 UTC is 10:00 in Madrid: the 5 June 09:00 occurrence is before it; 08:00 on Madrid's clock is not.
    expect(span(utc)).toBe(5);
    expect(span(floating)).toBe(4);
  });
});

describe('evergreen variation rule', () => {
  const texts = ['Nuestro café de siempre', 'El café de siempre, recién hecho', 'Ven por tu café'];
  it('takes the next text that differs from the last one on every channel', () => {
    expect(chooseVariation(texts, 0, [{ network: 'x', lastText: 'Nuestro café de siempre' }])).toBe('El café de siempre, recién hecho');
    expect(chooseVariation(texts, 2, [{ network: 'mastodon', lastText: 'Otra cosa' }])).toBe('Ven por tu café');
  });
  it('repeats a lone text only where the network accepts a duplicate', () => {
    expect(chooseVariation(['Solo uno'], 0, [{ network: 'mastodon', lastText: 'Solo uno' }])).toBe('Solo uno');
    expect(chooseVariation(['Solo uno'], 0, [{ network: 'x', lastText: 'Solo uno' }])).toBeNull();
    expect(chooseVariation(['Solo uno'], 0, [{ network: 'x', lastText: 'Otro' }])).toBe('Solo uno');
  });
});
