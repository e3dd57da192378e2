/**
 * Pure analysis functions over mentions, with the formulas of PRODUCT.md.
 */
import { createRequire } from 'node:module';
import { wordTokens, foldText, splitUrls } from './tokenize.ts';

/** Share of voice = brand mentions / (brand + competitors' mentions) × 100; 0 when there are none. */
export function shareOfVoice(brandMentions: number, competitorMentions: number[] | number): number {
  const competitors = Array.isArray(competitorMentions) ? competitorMentions.reduce((a, b) => a + b, 0) : competitorMentions;
  const total = brandMentions + competitors;
  return total === 0 ? 0 : (brandMentions / total) * 100;
}

/** Counts of mentions by sentiment label. */
export interface SentimentCounts {
  positive: number;
  neutral: number;
  negative: number;
}

/** Net sentiment = (positive − negative) / all mentions × 100, neutral included in "all"; 0 when empty. */
export function netSentiment(counts: SentimentCounts): number {
  const all = counts.positive + counts.neutral + counts.negative;
  return all === 0 ? 0 : ((counts.positive - counts.negative) / all) * 100;
}

/** A mention's sentiment. */
export type SentimentLabel = 'positive' | 'neutral' | 'negative';

/** Counts labels in a list. */
export function countSentiments(labels: Iterable<SentimentLabel>): SentimentCounts {
  const counts: SentimentCounts = { positive: 0, neutral: 0, negative: 0 };
  for (const label of labels) counts[label]++;
  return counts;
}

/**
 * Function words (folded) that carry no opinion: the sentiment lexicon gives them no valence,
 * whatever word shares their stem (para/paro). Kept short on purpose: the lexicon's figures
 * were measured with exactly this list.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a al algo algunos ante antes como con contra cual cuando de del desde donde durante e el ella ellas ellos en ' +
    'entre era es esa ese eso esta estan estas este esto estos fue ha hay la las le les lo los mas me mi mis muy ' +
    'nada ni no nos o otra otro para pero poco por porque que quien se ser si sin sobre son su sus tambien te tiene ' +
    'todo todos tu tus un una uno unos y ya yo hoy asi aqui ' +
    'the a an and or but if of to in on at by for with from as is are was were be been being it its this that these ' +
    'those i you he she we they me my your our their them his her him not no so do does did have has had will would ' +
    'can could just than then there here what which who how all any some more about up out into over rt amp via ' +
    'im dont get got s t'
  ).split(' '),
);

const require = createRequire(import.meta.url);

/**
 * Words left out of top terms, phrases and trends (folded): the Spanish and English lists of
 * stopwords-iso (maintained, ~730 and ~1,300 words: "fui", "han", "estábamos", "would've"…),
 * plus the function words above and social-media noise (rt, amp, via). Evaluative fillers such as
 * "bien", "bueno", "good" are in those lists too, which keeps top terms about what people talk about.
 */
export const TERM_STOP_WORDS: ReadonlySet<string> = (() => {
  const iso = require('stopwords-iso') as Record<string, string[]>;
  const words = new Set(STOP_WORDS);
  for (const word of [...iso.es, ...iso.en]) for (const token of wordTokens(foldText(word))) words.add(token);
  return words;
})();

/** A word worth counting as a term: not a handle, a number, a 1-letter word or a stop word (folded `t`). */
function isContentTerm(t: string): boolean {
  return t.charCodeAt(0) !== 64 && t.length > 1 && !TERM_STOP_WORDS.has(t) && !/^\d+$/.test(t);
}

/** Content words of a text: folded, URLs and handles removed, stop words and 1-letter words out. */
export function contentTerms(text: string): string[] {
  return wordTokens(foldText(splitUrls(text).rest)).filter(isContentTerm);
}

/**
 * Words of a text as people wrote them, in lower case (accents and ñ kept), each with its folded
 * form, the key that counts "Café", "cafe" and "CAFÉ" as one term.
 */
function writtenWords(text: string): Array<{ key: string; written: string }> {
  const lower = splitUrls(text).rest.normalize('NFKC').toLowerCase();
  return wordTokens(lower).map((written) => ({ key: foldText(written), written }));
}

/** A term or phrase and how many texts contain it. */
export interface TermCount {
  term: string;
  count: number;
}

/** Counts per folded key and, per key, how often each written form was seen. */
class TermCounter {
  private readonly counts = new Map<string, number>();
  private readonly spellings = new Map<string, Map<string, number>>();

  /** Counts `key` once for one text, noting how it was written there. */
  add(key: string, written: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    let forms = this.spellings.get(key);
    if (!forms) this.spellings.set(key, (forms = new Map()));
    forms.set(written, (forms.get(written) ?? 0) + 1);
  }

  /** The `limit` most frequent, each shown in its most frequent spelling (ties: the one with more accents, then alphabetical). */
  top(limit: number): TermCount[] {
    return [...this.counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map(([key, count]) => ({ term: this.displayForm(key), count }));
  }

  displayForm(key: string): string {
    let best = key;
    let bestRank = [-1, -1];
    for (const [written, count] of this.spellings.get(key) ?? []) {
      // Most frequent first; on a tie the spelling with accents ("café" over "cafe"), then the first alphabetically.
      const rank = [count, written === key ? 0 : 1];
      if (rank[0] > bestRank[0] || (rank[0] === bestRank[0] && (rank[1] > bestRank[1] || (rank[1] === bestRank[1] && written < best)))) {
        best = written;
        bestRank = rank;
      }
    }
    return best;
  }
}

/**
 * How each folded term key is most often written in these texts (lower case, accents kept), for
 * labels built from keys such as trending terms: "café" rather than "cafe". Unknown keys stay as given.
 */
export function writtenFormOf(texts: Iterable<string>): (key: string) => string {
  const counter = new TermCounter();
  for (const text of texts) for (const { key, written } of writtenWords(text)) counter.add(key, written);
  return (key) => counter.displayForm(key);
}

/**
 * The most frequent content terms (each counted once per text), most frequent first. Terms are
 * counted by folded form and shown as people wrote them, in lower case: "café", not "cafe".
 */
export function topTerms(texts: Iterable<string>, limit = 20): TermCount[] {
  const counter = new TermCounter();
  for (const text of texts) {
    const seen = new Map<string, string>();
    for (const { key, written } of writtenWords(text)) if (isContentTerm(key) && !seen.has(key)) seen.set(key, written);
    for (const [key, written] of seen) counter.add(key, written);
  }
  return counter.top(limit);
}

/**
 * The most frequent phrases: bigrams of adjacent words where neither word is a stop word (each
 * counted once per text), most frequent first, shown as written (lower case, accents kept).
 */
export function topPhrases(texts: Iterable<string>, limit = 20): TermCount[] {
  const counter = new TermCounter();
  for (const text of texts) {
    const words = writtenWords(text);
    const seen = new Map<string, string>();
    for (let i = 0; i + 1 < words.length; i++) {
      const [a, b] = [words[i], words[i + 1]];
      if (!isContentTerm(a.key) || !isContentTerm(b.key)) continue;
      const key = `${a.key} ${b.key}`;
      if (!seen.has(key)) seen.set(key, `${a.written} ${b.written}`);
    }
    for (const [key, written] of seen) counter.add(key, written);
  }
  return counter.top(limit);
}
