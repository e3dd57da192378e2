/*
 * The formatting helpers that need no date library: the calendar's first screen (the frame, error
 * texts, the month grid) imports these without loading luxon. format.ts re-exports them.
 */

/** A wait in words: "56 seconds" / "56 segundos" under two minutes, else whole minutes ("3 minutos"). */
export function formatDuration(seconds: number, locale: string): string {
  const unit = seconds < 120 ? 'second' : 'minute';
  const amount = unit === 'second' ? Math.max(1, Math.ceil(seconds)) : Math.ceil(seconds / 60);
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(amount);
}

const CHANNEL_PALETTE = ['#364fc7', '#2b8a3e', '#c2255c', '#e67700', '#0b7285', '#5f3dc4', '#a61e4d', '#495057'];

/** A stable colour per channel (by its position in the workspace's channel list). */
export function channelColor(index: number): string {
  return CHANNEL_PALETTE[index % CHANNEL_PALETTE.length];
}
