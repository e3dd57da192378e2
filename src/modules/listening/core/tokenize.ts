/**
 * Text normalization and tokenization shared by the query parser, the matchers, sentiment and
 * analysis. Query terms and post text go through the same functions, so what a user types in a
 * query matches what people write in posts.
 *
 * Decisions (see docs/listening.md):
 * - Unicode NFKC, then lower case, then accents folded by removing combining marks after NFD.
 *   This folds ñ → n as well (España = espana), as the big listening platforms do: people often
 *   type without accents or tildes, and a query must find both spellings.
 * - `#` and `@` stay part of a token (`#marketing`, `@acme`). A hashtag also emits its bare word at
 *   the same position, so the plain term `marketing` matches `#marketing`; a handle does not
 *   (`acme` does not match `@acme`: handles are accounts, ask for them with `@acme`).
 * - URLs are cut out of the word stream; their hosts become `sites` (for `site:`) instead.
 * - Elongated words: a run of 3 or more identical letters is collapsed to 2 for the main form
 *   (`goooood` → `good`) and, when such a run existed, a variant collapsed to 1 is emitted at the
 *   same position (`graciaaaas` → `graciaas` and `gracias`), so both English double letters and
 *   Spanish single letters are found.
 */

/** A post ready for matching: every term with its positions, plus the fields queries can test. */
export interface NormalizedPost {
  /** Main form of each token, by position. */
  tokens: string[];
  /** Every searchable form (main forms, hashtag bare words, elongation variants) → positions. */
  positions: Map<string, number[]>;
  /** Hosts of linked URLs and their parent domains, without `www.` (e.g. `shop.acme.com`, `acme.com`). */
  sites: string[];
  /** URLs as found in the text. */
  urls: string[];
  /** True at a position whose token had an elongated letter run (`sooooo`). */
  elongated: boolean[];
  /** Normalized author handle, without `@`, or '' when unknown. */
  author: string;
  /** Lower-case network name (`bluesky`, `mastodon`, `rss`…), or ''. */
  network: string;
  /** Language code of the post (`es`, `en`, `other`, `und`), or '' when not known yet. */
  lang: string;
}

/** Input fields for {@link normalizePost}. */
export interface PostInput {
  text: string;
  author?: string;
  network?: string;
  lang?: string;
}

const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARKS = /\p{M}+/gu;
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+|\bwww\.[^\s<>"']+/giu;
const TOKEN_PATTERN = /@[\p{L}\p{N}_](?:[\p{L}\p{N}_.-]*[\p{L}\p{N}_])?|#[\p{L}\p{N}_]+|[\p{L}\p{N}]+/gu;
const ELONGATED_RUN = /(\p{L})\1{2,}/u;
const ELONGATED_RUN_GLOBAL = /(\p{L})\1{2,}/gu;

/**
 * The definition of folding: NFKC, lower case, accents (and ñ) removed. {@link foldText} gives the
 * same result faster; this is its reference (and its fallback for uncommon scripts).
 */
export function foldTextReference(text: string): string {
  return text.normalize('NFKC').toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
}

/** Characters below this code get their folded form from a table. */
const FOLD_TABLE_END = 0x3000;
/** Folded form of each character below FOLD_TABLE_END, or undefined when context matters. */
let foldTable: Array<string | undefined> | null = null;

function buildFoldTable(): Array<string | undefined> {
  const table = new Array<string | undefined>(FOLD_TABLE_END);
  for (let code = 0; code < FOLD_TABLE_END; code++) {
    if (code >= 0xd800 && code < 0xe000) continue;
    const folded = foldTextReference(String.fromCharCode(code));
    table[code] = folded.toLowerCase() === folded ? folded : undefined;
  }
  // Context changes these: final sigma (Σ → σ or ς) and Hangul jamo, which compose in NFC.
  table[0x3a3] = undefined;
  for (let code = 0x1100; code < 0x1200; code++) table[code] = undefined;
  return table;
}

/**
 * Folds text character by character through a table (Latin, Greek, Cyrillic, punctuation and
 * symbols) and keeps emojis (U+1F300–U+1FAFF, unchanged by NFKC) as they are; returns null when a
 * character needs the full Unicode algorithms.
 */
function foldByTable(text: string): string | null {
  const table = foldTable ?? (foldTable = buildFoldTable());
  let out = '';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) continue;
    let folded: string | undefined;
    if (code < FOLD_TABLE_END) folded = table[code];
    else if (code === 0xfe0f || code === 0xfe0e)
      folded = ''; // variation selectors are marks
    else if (code >= 0xd83c && code <= 0xd83e) {
      const point = text.codePointAt(i) ?? 0;
      if (point >= 0x1f300 && point < 0x1fb00) {
        i++;
        continue;
      }
    }
    if (folded === undefined) return null;
    out += text.slice(runStart, i) + folded;
    runStart = i + 1;
  }
  return (runStart === 0 ? text : out + text.slice(runStart)).toLowerCase();
}

/** NFKC, lower case, accents (and ñ) folded: {@link foldTextReference}, fast on common text. */
export function foldText(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return foldByTable(text) ?? foldTextReference(text);
}

/** True when the word has 3 identical characters in a row that are letters (regex only to confirm). */
function hasTripleRun(word: string): boolean {
  for (let i = 2; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00) return ELONGATED_RUN.test(word); // astral letters: code units differ
    if (c === word.charCodeAt(i - 1) && c === word.charCodeAt(i - 2)) return ELONGATED_RUN.test(word);
  }
  return false;
}

/** Collapses runs of 3+ identical letters to 2 (`goooood` → `good`). */
export function collapseElongation(word: string): string {
  return hasTripleRun(word) ? word.replace(ELONGATED_RUN_GLOBAL, '$1$1') : word;
}

/** Collapses runs of 3+ identical letters to 1 (`graciaaaas` → `gracias`). */
export function collapseElongationToOne(word: string): string {
  return hasTripleRun(word) ? word.replace(ELONGATED_RUN_GLOBAL, '$1') : word;
}

/** True when the word has a run of 3+ identical letters. */
export function isElongated(word: string): boolean {
  return hasTripleRun(word);
}

/**
 * Splits already folded text into word tokens (`#tag`, `@handle`, words of letters and digits).
 * URLs must have been removed first (see {@link splitUrls}).
 */
export function wordTokens(folded: string): string[] {
  return folded.match(TOKEN_PATTERN) ?? [];
}

/** Normalizes one query word or phrase into main-form tokens, as post text would be. */
export function normalizeQueryWords(raw: string): string[] {
  return wordTokens(foldText(raw)).map(collapseElongation);
}

const HASHTAG = /#([\p{L}\p{N}_]{3,})/gu;
const CAMEL_BREAK = /\p{Ll}\p{Lu}/u;
const CAMEL_SEGMENT = /\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\p{N}+/gu;

/**
 * Follows each camel-case hashtag with its words in lower case ("#SanidadNoSeVende" →
 * "#SanidadNoSeVende sanidad no se vende"), so that sentiment scoring reads what the tag says.
 * Matching does not use it: queries match hashtags as written.
 */
export function expandHashtags(text: string): string {
  if (text.indexOf('#') < 0) return text;
  return text.replace(HASHTAG, (tag: string, body: string) =>
    CAMEL_BREAK.test(body) ? `${tag} ${(body.match(CAMEL_SEGMENT) ?? []).join(' ').toLowerCase()}` : tag,
  );
}

/** Removes URLs from the text; returns the rest and the URLs found. */
export function splitUrls(text: string): { rest: string; urls: string[] } {
  if (text.indexOf('http') < 0 && text.indexOf('www.') < 0 && text.indexOf('WWW.') < 0) return { rest: text, urls: [] };
  const urls: string[] = [];
  const rest = text.replace(URL_PATTERN, (url) => {
    urls.push(url.replace(/[.,;:!?)\]}»”]+$/u, ''));
    return ' ';
  });
  return { rest, urls };
}

/** The host of a URL without `www.`, lower case, or '' when it has none. */
export function urlHost(url: string): string {
  const match = /^(?:https?:\/\/)?([^/?#\s:]+)/i.exec(url);
  if (!match) return '';
  return foldText(match[1])
    .replace(/^www\./, '')
    .replace(/\.$/, '');
}

/** A host and its parent domains with at least two labels: `a.b.com` → `a.b.com`, `b.com`. */
export function siteKeys(host: string): string[] {
  const labels = host.split('.').filter(Boolean);
  const keys: string[] = [];
  for (let i = 0; i + 2 <= labels.length; i++) keys.push(labels.slice(i).join('.'));
  return keys;
}

/** Normalizes a handle for `author:` (folded, no leading `@`). */
export function normalizeHandle(handle: string): string {
  return foldText(handle.trim()).replace(/^@/, '');
}

function addPosition(positions: Map<string, number[]>, term: string, position: number): void {
  const list = positions.get(term);
  if (list === undefined) positions.set(term, [position]);
  else if (list[list.length - 1] !== position) list.push(position);
}

/** Normalizes a post for matching: tokens with positions, sites, author, network and language. */
export function normalizePost(input: PostInput): NormalizedPost {
  const { rest, urls } = splitUrls(input.text);
  const raw = wordTokens(foldText(rest));
  const tokens: string[] = new Array(raw.length);
  const elongated: boolean[] = new Array(raw.length);
  const positions = new Map<string, number[]>();
  for (let i = 0; i < raw.length; i++) {
    const word = raw[i];
    const long = hasTripleRun(word);
    const main = long ? collapseElongation(word) : word;
    tokens[i] = main;
    elongated[i] = long;
    addPosition(positions, main, i);
    if (long) addPosition(positions, collapseElongationToOne(word), i);
    if (main.charCodeAt(0) === 35 /* # */) {
      addPosition(positions, main.slice(1), i);
      if (long) addPosition(positions, collapseElongationToOne(word.slice(1)), i);
    }
  }
  const sites: string[] = [];
  for (const url of urls) {
    for (const key of siteKeys(urlHost(url))) if (!sites.includes(key)) sites.push(key);
  }
  return {
    tokens,
    positions,
    sites,
    urls,
    elongated,
    author: input.author ? normalizeHandle(input.author) : '',
    network: input.network ? foldText(input.network) : '',
    lang: input.lang ?? '',
  };
}
