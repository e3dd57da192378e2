/** The composer's "Repeat" choices → an RFC 5545 RRULE (the server expands it on the brand's wall clock). */

export type RepeatKind = 'none' | 'daily' | 'weekly' | 'monthly_day' | 'monthly_last' | 'custom';
export type RepeatEnd = 'never' | 'count' | 'until';

export interface RepeatChoice {
  kind: RepeatKind;
  /** Weekly: ISO weekdays (1 = Monday). */
  weekdays: number[];
  end: RepeatEnd;
  count: number;
  /** yyyy-LL-dd, the last day (on the brand's clock). */
  until: string;
  /** A rule typed by hand (custom). */
  custom: string;
}

export const NO_REPEAT: RepeatChoice = { kind: 'none', weekdays: [], end: 'count', count: 10, until: '', custom: '' };

const BYDAY = ['', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** ISO weekday and day of month of a local "yyyy-LL-ddTHH:mm" (calendar maths only, no zone). */
export function startParts(startsLocal: string): { weekday: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(startsLocal);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return { weekday: ((date.getUTCDay() + 6) % 7) + 1, day: date.getUTCDate() };
}

/** The RRULE for a choice and a first occurrence, or null when it does not repeat (or lacks a start). */
export function buildRule(choice: RepeatChoice, startsLocal: string): string | null {
  if (choice.kind === 'none') return null;
  if (choice.kind === 'custom') return choice.custom.trim().replace(/^RRULE:/i, '') || null;
  const start = startParts(startsLocal);
  if (!start) return null;
  const parts: string[] = [];
  if (choice.kind === 'daily') parts.push('FREQ=DAILY');
  if (choice.kind === 'weekly') {
    const days = (choice.weekdays.length ? choice.weekdays : [start.weekday]).slice().sort((a, b) => a - b);
    parts.push('FREQ=WEEKLY', `BYDAY=${days.map((d) => BYDAY[d]).join(',')}`);
  }
  if (choice.kind === 'monthly_day') parts.push('FREQ=MONTHLY', `BYMONTHDAY=${start.day}`);
  if (choice.kind === 'monthly_last') parts.push('FREQ=MONTHLY', `BYDAY=-1${BYDAY[start.weekday]}`);
  if (choice.end === 'count') parts.push(`COUNT=${Math.max(1, Math.min(1000, Math.round(choice.count)))}`);
  if (choice.end === 'until' && /^\d{4}-\d{2}-\d{2}$/.test(choice.until)) parts.push(`UNTIL=${choice.until.replaceAll('-', '')}`);
  return parts.join(';');
}
