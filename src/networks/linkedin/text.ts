/**
 * LinkedIn's "little text" format, which the Posts API reads in `commentary`: a handful of
 * characters are reserved for templates (hashtags, mentions) and must be escaped with a
 * backslash, or LinkedIn cuts the text short or refuses it. Hashtags are written as the
 * `{hashtag|\#|tag}` template so they stay links.
 */

/** The characters little text reserves (LinkedIn's Posts API docs, "Little Text Format"). */
export const LITTLE_TEXT_RESERVED = new Set(['|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '\\', '*', '_', '~']);

const escapeChars = (text: string): string => Array.from(text, (char) => (LITTLE_TEXT_RESERVED.has(char) ? `\\${char}` : char)).join('');

// A hashtag: '#' at the start or after a non-word character, then letters, digits or '_'.
const HASHTAG = /(^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;

/** Plain text → little text: reserved characters escaped, hashtags as hashtag templates. */
export function toLittleText(plain: string): string {
  let out = '';
  let last = 0;
  for (const match of plain.matchAll(HASHTAG)) {
    const start = match.index + match[1].length;
    out += escapeChars(plain.slice(last, start));
    out += `{hashtag|\\#|${escapeChars(match[2])}}`;
    last = start + 1 + match[2].length;
  }
  return out + escapeChars(plain.slice(last));
}

/**
 * Little text → plain text: hashtag templates back to `#tag`, mention templates
 * (`@[Name](urn:li:organization:1)`) to the name, escapes removed.
 */
export function fromLittleText(little: string): string {
  let out = '';
  for (let i = 0; i < little.length; i += 1) {
    const char = little[i]!;
    if (char === '\\' && i + 1 < little.length) {
      out += little[i + 1];
      i += 1;
      continue;
    }
    if (char === '{') {
      const hashtag = /^\{hashtag\|\\?#\|((?:\\.|[^}\\])*)\}/u.exec(little.slice(i));
      if (hashtag) {
        out += `#${fromLittleText(hashtag[1]!)}`;
        i += hashtag[0].length - 1;
        continue;
      }
    }
    if (char === '@') {
      const mention = /^@\[((?:\\.|[^\]\\])*)\]\((urn:li:[a-zA-Z]+:[^)]+)\)/u.exec(little.slice(i));
      if (mention) {
        out += fromLittleText(mention[1]!);
        i += mention[0].length - 1;
        continue;
      }
    }
    out += char;
  }
  return out;
}

/** True when `little` is valid little text: every reserved character escaped or part of a template. */
export function isValidLittleText(little: string): boolean {
  const withoutTemplates = little
    .replace(/\{hashtag\|\\#\|(?:\\.|[^}\\{|])*\}/gu, '')
    .replace(/@\[(?:\\.|[^\]\\])*\]\(urn:li:[a-zA-Z]+:[^)]+\)/gu, '');
  for (let i = 0; i < withoutTemplates.length; i += 1) {
    const char = withoutTemplates[i]!;
    if (char === '\\') {
      i += 1;
      continue;
    }
    if (LITTLE_TEXT_RESERVED.has(char)) return false;
  }
  return true;
}

/** How LinkedIn counts a post's length: UTF-16 code units of the text as the member wrote it. */
export function countLinkedInChars(plain: string): number {
  return plain.length;
}

/** The first http(s) URL in a text (the article of a link post). */
export function firstUrl(text: string): string | undefined {
  return /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/i.exec(text)?.[0];
}
