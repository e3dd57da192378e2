/**
 * How Threads counts a post's length, and the links in it.
 *
 * The Threads API documentation says: "Text posts are limited to 500 characters. Emojis are
 * counted as the number of UTF-8 bytes." Plaza implements that rule as:
 * - the text is split into grapheme clusters (what a reader sees as one character);
 * - a cluster that is an emoji (it holds an Extended_Pictographic or Regional_Indicator code
 *   point, or a keycap U+20E3) counts its whole UTF-8 length: 😀 = 4, ❤️ (U+2764 U+FE0F) = 6,
 *   👍🏽 = 8, 🇪🇸 = 8, 👩‍💻 (with its zero-width joiner) = 11;
 * - any other cluster counts one per code point: "a" = 1, "ñ" (precomposed) = 1, "€" = 1.
 * A 500-character limit thus holds 125 plain emoji.
 */

export const THREADS_MAX_CHARS = 500;
/** Posts with more distinct links fail at container creation (THREADS_API__LINK_LIMIT_EXCEEDED). */
export const THREADS_MAX_LINKS = 5;

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;
const encoder = new TextEncoder();
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The length of `text` as Threads counts it (see the rule above). */
export function countThreadsChars(text: string): number {
  let count = 0;
  for (const { segment } of segmenter.segment(text)) {
    count += EMOJI.test(segment) ? encoder.encode(segment).length : [...segment].length;
  }
  return count;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+|\bwww\.[^\s<>"]+/gi;

/** The distinct URLs in `text`, in order (trailing punctuation left out), as Threads counts links. */
export function linksIn(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(URL_PATTERN)) seen.add(match[0].replace(/[.,;:!?)\]]+$/, ''));
  return [...seen];
}
