import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  dateLanguage,
  dayPlaceholder,
  dayToPickerDate,
  firstDayOfWeek,
  formatTypedDay,
  joinLocalInput,
  parseTypedDay,
  parseTypedTime,
  pickerDateToDay,
  shiftedWallTime,
  splitLocalInput,
} from '../web/src/shared/date-fields.ts';
import { fromLocalInput, toLocalInput } from '../web/src/shared/format.ts';
import { cropLabels, firstLink, foldText, frameFor, initials, networkLength, shapeFor } from '../web/src/features/posts/preview/crops.ts';

const MADRID = 'Europe/Madrid';

describe('date fields (web): days and times in the UI language, wall clock in the brand zone', () => {
  it('writes English days the browser’s way: day first for British English, month first for US English', () => {
    expect(dateLanguage('en', ['en-GB', 'en'])).toBe('en-GB');
    expect(dateLanguage('en', ['es-ES', 'en-US'])).toBe('en-US');
    expect(dateLanguage('en', [])).toBe('en');
    expect(dateLanguage('es', ['en-GB'])).toBe('es');
    expect(parseTypedDay('29/03/2026', 'en-GB')).toBe('2026-03-29');
    expect(parseTypedDay('03/29/2026', 'en-GB')).toBeNull();
    expect(parseTypedDay('03/29/2026', 'en-US')).toBe('2026-03-29');
    expect(parseTypedDay('03/29/2026', 'en')).toBe('2026-03-29');
    expect(formatTypedDay('2026-03-29', 'en-IE')).toBe('29/03/2026');
    expect(formatTypedDay('2026-03-29', 'en-US')).toBe('03/29/2026');
    expect(dayPlaceholder('en-GB')).toBe('dd/mm/yyyy');
    expect(dayPlaceholder('en-US')).toBe('mm/dd/yyyy');
    expect(dayPlaceholder('es')).toBe('dd/mm/aaaa');
  });

  it('reads days the Spanish way (dd/mm/aaaa) and the English way (mm/dd/yyyy), refusing dates that do not exist', () => {
    expect(parseTypedDay('29/03/2027', 'es')).toBe('2027-03-29');
    expect(parseTypedDay('3/29/2027', 'en')).toBe('2027-03-29');
    expect(parseTypedDay('29-3-27', 'es')).toBe('2027-03-29');
    expect(parseTypedDay('2027-03-29', 'en')).toBe('2027-03-29');
    expect(parseTypedDay('31/02/2027', 'es')).toBeNull();
    expect(parseTypedDay('29/03/2027', 'en')).toBeNull();
    expect(parseTypedDay('mañana', 'es')).toBeNull();
    expect(formatTypedDay('2027-03-28', 'es')).toBe('28/03/2027');
    expect(formatTypedDay('2027-03-28', 'en')).toBe('03/28/2027');
    expect(firstDayOfWeek('es')).toBe(1);
  });

  it('reads times typed on a 24-hour clock or with am/pm', () => {
    expect(parseTypedTime('10:00')).toBe('10:00');
    expect(parseTypedTime('930')).toBe('09:30');
    expect(parseTypedTime('9.30')).toBe('09:30');
    expect(parseTypedTime('2:30 pm')).toBe('14:30');
    expect(parseTypedTime('12 am')).toBe('00:00');
    expect(parseTypedTime('24:00')).toBeNull();
    expect(parseTypedTime('13 pm')).toBeNull();
    expect(parseTypedTime('')).toBeNull();
  });

  it('a picked day keeps its wall-clock fields whatever the browser zone', () => {
    const date = dayToPickerDate('2027-10-31')!;
    expect(pickerDateToDay(date)).toBe('2027-10-31');
    expect(pickerDateToDay(null)).toBe('');
    expect(splitLocalInput('2027-10-31T10:00')).toEqual({ day: '2027-10-31', time: '10:00' });
    expect(joinLocalInput('2027-10-31', '')).toBe('2027-10-31T09:00');
    expect(joinLocalInput('', '10:00')).toBe('');
  });

  it('Madrid wall times become the right instants on both clock-change Sundays (last of March and of October)', () => {
    // 28 March 2027: clocks go from 02:00 to 03:00 (CET → CEST).
    expect(fromLocalInput('2027-03-27T10:00', MADRID)).toBe('2027-03-27T10:00:00.000+01:00');
    expect(fromLocalInput('2027-03-28T10:00', MADRID)).toBe('2027-03-28T10:00:00.000+02:00');
    expect(shiftedWallTime('2027-03-28T02:30', MADRID)).toBe('03:30');
    expect(shiftedWallTime('2027-03-28T10:00', MADRID)).toBeNull();
    // 31 October 2027: clocks go back from 03:00 to 02:00 (CEST → CET).
    expect(fromLocalInput('2027-10-31T10:00', MADRID)).toBe('2027-10-31T10:00:00.000+01:00');
    expect(fromLocalInput('2027-10-30T10:00', MADRID)).toBe('2027-10-30T10:00:00.000+02:00');
    // Every hour of both days reads back as typed (except the skipped one).
    for (const day of ['2027-03-28', '2027-10-31'])
      for (let hour = 0; hour < 24; hour += 1) {
        const value = `${day}T${String(hour).padStart(2, '0')}:15`;
        const instant = fromLocalInput(value, MADRID)!;
        if (shiftedWallTime(value, MADRID) === null) expect(toLocalInput(instant, MADRID)).toBe(value);
      }
    expect(DateTime.fromISO(fromLocalInput('2027-03-28T02:30', MADRID)!).toUTC().toISO()).toBe('2027-03-28T01:30:00.000Z');
  });
});

describe('network previews (web): shapes keyed by network name', () => {
  it('frames images by their shape the way each network does', () => {
    expect(frameFor('instagram', 0.75)).toEqual({ ratio: 0.8, label: '4:5' });
    expect(frameFor('instagram', 1.5).label).toBe('1:1');
    expect(frameFor('facebook', 1.5).label).toBe('1.91:1');
    expect(frameFor('x', 0.75).label).toBe('16:9');
    expect(frameFor('unknown', null).label).toBe('16:9');
    expect(cropLabels('instagram')).toBe('4:5 / 1:1');
    // TikTok's vertical frame is said by its sides, not as "0.56:1".
    expect(frameFor('tiktok', 1.5).label).toBe('9:16');
    expect(shapeFor('instagram').crop.several).toBe('carousel');
    expect(shapeFor('threads').crop.several).toBe('strip');
  });

  it('counts characters as each network does: X counts a link as 23, Threads allows 500', () => {
    const text = `Nuevo menú ☕ https://www.cafearoma.example/carta/otono-2027-con-tartas-caseras`;
    expect(networkLength(text, 'x')).toBe(Array.from('Nuevo menú ☕ ').length + 23);
    expect(networkLength(text, 'threads')).toBe(Array.from(text).length);
    expect(shapeFor('x').limit).toBe(280);
    expect(shapeFor('threads').limit).toBe(500);
  });

  it('folds long texts where the feed folds them, on a word boundary', () => {
    const long = 'palabra '.repeat(40).trim();
    const instagram = foldText(long, 'instagram');
    expect(instagram.folded).toBe(true);
    expect(Array.from(instagram.shown).length).toBeLessThanOrEqual(125);
    expect(instagram.shown.endsWith('palabra')).toBe(true);
    expect(foldText(long, 'x')).toEqual({ shown: long, folded: false });
  });

  it('link cards come from the address alone; avatars fall back to initials', () => {
    expect(firstLink('Ver https://www.cafearoma.example/carta?x=1 hoy')).toEqual({
      url: 'https://www.cafearoma.example/carta?x=1',
      domain: 'cafearoma.example',
      path: '/carta?x=1',
    });
    expect(firstLink('sin enlaces')).toBeNull();
    expect(initials('Café Aroma ☕')).toBe('CA');
    expect(initials('élan')).toBe('É');
  });
});
