import { DateTime } from 'luxon';

/** A date and time in the brand's zone, localized, with the zone's short name. */
export function formatInstant(iso: string | null | undefined, zone: string, locale: string): string {
  if (!iso) return '—';
  const dt = DateTime.fromISO(iso, { zone }).setLocale(locale);
  return `${dt.toLocaleString(DateTime.DATETIME_MED)} ${dt.toFormat('ZZZZ')}`;
}

/** The value for an <input type="datetime-local"> showing `iso` in `zone`. */
export function toLocalInput(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** Reads a datetime-local value as wall time in the brand's zone; ISO instant with offset, or null. */
export function fromLocalInput(value: string, zone: string): string | null {
  if (!value) return null;
  const dt = DateTime.fromISO(value, { zone });
  return dt.isValid ? dt.toISO() : null;
}

/** Counts characters the way networks do (code points, not UTF-16 units). */
export function countChars(text: string): number {
  return Array.from(text).length;
}

/** Links in a text, for the link preview note and the previews. */
export function detectLinks(text: string): string[] {
  return text.match(/https?:\/\/[^\s<>"')]+/g) ?? [];
}

/** Colour per post state, shared by the calendar, lists and badges. */
export const STATE_COLORS: Record<string, string> = {
  draft: 'gray',
  in_review: 'yellow',
  approved: 'orange', // approved is not scheduled yet: it needs someone's attention
  scheduled: 'blue',
  publishing: 'cyan',
  published: 'green',
  failed: 'red',
  canceled: 'dark',
  pending: 'gray',
};

const CHANNEL_PALETTE = ['#364fc7', '#2b8a3e', '#c2255c', '#e67700', '#0b7285', '#5f3dc4', '#a61e4d', '#495057'];

/** A stable colour per channel (by its position in the workspace's channel list). */
export function channelColor(index: number): string {
  return CHANNEL_PALETTE[index % CHANNEL_PALETTE.length];
}
