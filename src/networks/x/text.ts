/**
 * Counting a post's length the way X counts it (the "weighted length" of X's twitter-text
 * configuration v3, documented at docs.x.com "Counting characters"):
 * - the text is NFC-normalized first;
 * - every URL counts as 23 characters whatever its length (X wraps it in a t.co link);
 * - an emoji (one grapheme, however many code points) counts 2;
 * - code points in Latin, Latin-1, Greek, Cyrillic and similar scripts (U+0000–U+10FF) and
 *   a few punctuation ranges count 1; everything else (CJK, Japanese, Korean…) counts 2;
 * - the limit is 280 weighted characters (scale 100, default weight 200).
 * The `twitter-text` npm package is not a dependency; these are its documented weights.
 */

/** Weighted characters one post may have. */
export const X_MAX_WEIGHTED_LENGTH = 280;
/** What every URL counts, however long (t.co). */
export const X_URL_LENGTH = 23;

/** Code point ranges that weigh 1 (twitter-text v3 `ranges`, weight 100 of scale 100). */
const LIGHT_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];

/**
 * URLs as X's autolinker finds them: with a scheme, or a bare domain with a common top-level
 * domain (example.com/path). Trailing punctuation is not part of the URL.
 */
const URL_PATTERN =
  /\b(?:https?:\/\/[^\s<>"]+|(?:www\.)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.(?:com|org|net|io|co|es|dev|app|info|me|ly|gl|eu|uk|de|fr|it|mx|ar|cl|pe|edu|gov|tv|ai)\b(?:\/[^\s<>"]*)?)/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The URLs X would shorten in `text`, each with its place. */
export function findUrls(text: string): Array<{ url: string; start: number; end: number }> {
  const found: Array<{ url: string; start: number; end: number }> = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    const start = match.index ?? 0;
    // An e-mail address is not a link: "ana@example.com".
    if (start > 0 && text[start - 1] === '@') continue;
    found.push({ url, start, end: start + url.length });
  }
  return found;
}

function weightOfCodePoint(codePoint: number): number {
  return LIGHT_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to) ? 1 : 2;
}

function weightOfPlainText(text: string): number {
  let weight = 0;
  for (const { segment } of segmenter.segment(text)) {
    // An emoji grapheme (pictograph, flag, keycap, skin tone or ZWJ sequence) counts 2; a bare ©, ®
    // or ™ (pictographic, but in the light ranges) only when shown as emoji (U+FE0F).
    const first = segment.codePointAt(0) ?? 0;
    if (EMOJI.test(segment) && (first > 0x10ff || segment.includes('\ufe0f') || [...segment].length > 1)) {
      weight += 2;
      continue;
    }
    for (const char of segment) weight += weightOfCodePoint(char.codePointAt(0) ?? 0);
  }
  return weight;
}

/** The length X gives `text` (what must stay within X_MAX_WEIGHTED_LENGTH). */
export function countXChars(text: string): number {
  const normalized = text.normalize('NFC');
  let weight = 0;
  let cursor = 0;
  for (const { start, end } of findUrls(normalized)) {
    weight += weightOfPlainText(normalized.slice(cursor, start)) + X_URL_LENGTH;
    cursor = end;
  }
  return weight + weightOfPlainText(normalized.slice(cursor));
}

/** True when the text has a link (X charges more for a post with a URL). */
export function hasUrl(text: string): boolean {
  return findUrls(text.normalize('NFC')).length > 0;
}

/**
 * The text as X gives it back, reduced to what reconciling compares: X answers links as t.co
 * links (and appends a link to attached media) and escapes `&`, `<` and `>`; both sides drop
 * links and collapse spaces.
 */
export function matchKey(text: string): string {
  const unescaped = text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').normalize('NFC');
  let key = '';
  let cursor = 0;
  for (const { start, end } of findUrls(unescaped)) {
    key += `${unescaped.slice(cursor, start)} `;
    cursor = end;
  }
  key += unescaped.slice(cursor);
  return key.replace(/\s+/g, ' ').trim();
}

/** A URL as compared when reconciling: scheme added when typed without one, host lower-cased, no trailing slash. */
export function normalizeUrl(url: string): string {
  const withScheme = /^https?:\/\//i.test(url) ? url : `https://${url}`;
  try {
    const parsed = new URL(withScheme);
    return `${parsed.host.toLowerCase()}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}${parsed.hash}`;
  } catch {
    return url.toLowerCase();
  }
}

/** The links typed in `text`, normalized, in order. */
export function linksOf(text: string): string[] {
  return findUrls(text.normalize('NFC')).map(({ url }) => normalizeUrl(url));
}
