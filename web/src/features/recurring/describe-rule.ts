/**
 * An RRULE in words, in the UI language ("every week on Monday and Wednesday at 09:00, 10 times").
 * Covers what the composer makes and the common hand-written rules; anything else is shown as the
 * rule itself. Pure: the translator and the list formatter are passed in.
 */
import type { TFunction } from 'i18next';

const BYDAY_TO_ISO: Record<string, number> = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 };

/** The rule's parts, upper-cased keys (FREQ, INTERVAL, BYDAY, …). */
export function ruleParts(rule: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const piece of rule.replace(/^RRULE:/i, '').split(';')) {
    const [key, value] = piece.split('=');
    if (key && value !== undefined) parts.set(key.trim().toUpperCase(), value.trim().toUpperCase());
  }
  return parts;
}

/** "Monday, Wednesday and Friday" in the UI language. */
function list(items: string[], language: string): string {
  return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(items);
}

/**
 * The rule in words, with its time of day taken from `startsLocal` (yyyy-MM-ddTHH:mm on the brand's
 * clock) and the end (COUNT, UNTIL). Null when the rule has parts this does not word.
 */
export function describeRule(rule: string, startsLocal: string, t: TFunction, language: string): string | null {
  const parts = ruleParts(rule);
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'COUNT', 'UNTIL', 'WKST']);
  if ([...parts.keys()].some((key) => !known.has(key))) return null;
  const interval = Number(parts.get('INTERVAL') ?? '1');
  if (!Number.isInteger(interval) || interval < 1) return null;
  const byday = parts.get('BYDAY')?.split(',').filter(Boolean) ?? [];
  const dayName = (code: string) => t(`recurring.weekdays.${BYDAY_TO_ISO[code]}`);
  let base: string;
  switch (parts.get('FREQ')) {
    case 'DAILY':
      if (byday.length || parts.has('BYMONTHDAY')) return null;
      base = t('recurring.words.daily', { count: interval });
      break;
    case 'WEEKLY': {
      if (parts.has('BYMONTHDAY') || byday.some((d) => !(d in BYDAY_TO_ISO))) return null;
      const days = byday.length ? byday : null;
      base = days
        ? t('recurring.words.weeklyOn', { count: interval, days: list(days.map(dayName), language) })
        : t('recurring.words.weekly', { count: interval });
      break;
    }
    case 'MONTHLY': {
      const monthDay = parts.get('BYMONTHDAY');
      const nth = byday.length === 1 ? /^([+-]?\d)(MO|TU|WE|TH|FR|SA|SU)$/.exec(byday[0]) : null;
      if (monthDay && !byday.length && /^-?\d{1,2}$/.test(monthDay))
        base =
          monthDay === '-1'
            ? t('recurring.words.monthlyLastDay', { count: interval })
            : t('recurring.words.monthlyDay', { count: interval, day: Number(monthDay) });
      else if (nth && !monthDay && ['1', '2', '3', '4', '-1', '+1', '+2', '+3', '+4'].includes(nth[1]))
        base = t('recurring.words.monthlyNth', {
          count: interval,
          nth: t(`recurring.words.nth.${nth[1].replace('+', '')}`),
          weekday: dayName(nth[2]),
        });
      else if (!monthDay && !byday.length) base = t('recurring.words.monthly', { count: interval });
      else return null;
      break;
    }
    case 'YEARLY':
      if (byday.length || parts.has('BYMONTHDAY')) return null;
      base = t('recurring.words.yearly', { count: interval });
      break;
    default:
      return null;
  }
  const time = /T(\d{2}:\d{2})$/.exec(startsLocal)?.[1];
  let words = time ? t('recurring.words.at', { base, time }) : base;
  const count = parts.get('COUNT');
  const until = parts.get('UNTIL');
  if (count) words = t('recurring.words.times', { words, count: Number(count) });
  else if (until) {
    const match = /^(\d{4})(\d{2})(\d{2})/.exec(until);
    if (!match) return null;
    const day = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))),
    );
    words = t('recurring.words.until', { words, day });
  }
  return words;
}
