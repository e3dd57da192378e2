/**
 * Mastodon's character counting and the HTML-to-text helpers used to recognise
 * our own posts when reconciling.
 *
 * Counting follows Mastodon's StatusLengthValidator: the content warning and
 * the text are joined, every http(s) URL counts as `charactersReservedPerUrl`
 * (23 by default), a mention counts only its `@username` part (the domain is
 * free), and the result is measured in grapheme clusters, so "é" (either form)
 * and a family emoji each count as one.
 * Sources: https://docs.joinmastodon.org/user/posting/#text and
 * app/validators/status_length_validator.rb in mastodon/mastodon.
 */

/** Default characters every URL costs, per the docs and `characters_reserved_per_url`. */
export const DEFAULT_URL_CHARS = 23;

// URLs must start with http:// or https:// to be shortened (docs). Trailing
// sentence punctuation is not part of the link, as in Mastodon's extractor.
const URL_PATTERN = /https?:\/\/[^\s<>"'\u00a0\u3000]+/giu;
const TRAILING_PUNCTUATION = /[.,;:!?'"»”’)\]}]+$/u;

// Mastodon's Account::MENTION_RE: "@user" or "@user@domain.tld", not preceded
// by a word character, "=" or "/" (so emails and URL paths are not mentions).
const MENTION_PATTERN = /(?<![=/\p{L}\p{N}_])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@[\p{L}\p{N}_]+(?:[.-]+[\p{L}\p{N}_]+)*)?/giu;

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Number of user-perceived characters (grapheme clusters) in a string. */
export function countGraphemes(value: string): number {
  let count = 0;
  for (const _segment of graphemeSegmenter.segment(value)) count += 1;
  return count;
}

/** Trims punctuation that ends a sentence rather than the URL, keeping balanced closing parentheses. */
function trimUrl(url: string): string {
  let trimmed = url.replace(TRAILING_PUNCTUATION, '');
  // Put back closing parentheses that belong to the URL, e.g. Wikipedia's /Foo_(bar).
  while (url.length > trimmed.length && url[trimmed.length] === ')') {
    const opens = (trimmed.match(/\(/g) ?? []).length;
    const closes = (trimmed.match(/\)/g) ?? []).length;
    if (opens <= closes) break;
    trimmed += ')';
  }
  return trimmed;
}

/**
 * The text Mastodon measures: every URL replaced by a fixed-length placeholder
 * and every remote mention reduced to its username part.
 */
export function countableText(text: string, urlChars: number = DEFAULT_URL_CHARS): string {
  const placeholder = 'x'.repeat(urlChars);
  const withoutUrls = text.replace(URL_PATTERN, (match) => {
    const url = trimUrl(match);
    return placeholder + match.slice(url.length);
  });
  return withoutUrls.replace(MENTION_PATTERN, (_match, username: string) => `@${username}`);
}

/** Characters a status costs against the instance limit: content warning plus countable text, in graphemes. */
export function countStatusChars(text: string, contentWarning = '', urlChars: number = DEFAULT_URL_CHARS): number {
  return countGraphemes(contentWarning + countableText(text, urlChars));
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** Decodes the HTML entities Mastodon's formatter emits (named basics and numeric). */
function decodeEntities(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/**
 * Plain text of a status' HTML `content`. Mastodon splits long links into
 * "invisible" and "ellipsis" spans that together hold the full URL, so simply
 * dropping tags gives the URL back.
 */
export function htmlToPlainText(html: string): string {
  const withBreaks = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>\s*<p[^>]*>/gi, '\n\n');
  return decodeEntities(withBreaks.replace(/<[^>]*>/g, '')).trim();
}

/**
 * A comparison key that survives Mastodon's rendering: mentions lose their
 * domain, whitespace and line breaks are ignored, Unicode is NFC-normalised.
 */
export function matchKey(text: string): string {
  return text
    .normalize('NFC')
    .replace(MENTION_PATTERN, (_match, username: string) => `@${username}`)
    .replace(/\s+/gu, '');
}
