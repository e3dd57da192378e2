/**
 * Pure analysis functions over mentions, with the formulas of PRODUCT.md.
 */
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

/** Spanish and English stop words (folded), left out of top terms and phrases. */
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

/** Content words of a text: folded, URLs and handles removed, stop words and 1-letter words out. */
export function contentTerms(text: string): string[] {
  return wordTokens(foldText(splitUrls(text).rest)).filter(
    (t) => t.charCodeAt(0) !== 64 && t.length > 1 && !STOP_WORDS.has(t) && !/^\d+$/.test(t),
  );
}

/** A term or phrase and how many texts contain it. */
export interface TermCount {
  term: string;
  count: number;
}

function top(counts: Map<string, number>, limit: number): TermCount[] {
  return [...counts]
    .map(([term, count]) => ({ term, count }))
    .sort((a, b) => b.count - a.count || (a.term < b.term ? -1 : 1))
    .slice(0, limit);
}

/** The most frequent content terms (each counted once per text), most frequent first. */
export function topTerms(texts: Iterable<string>, limit = 20): TermCount[] {
  const counts = new Map<string, number>();
  for (const text of texts) for (const term of new Set(contentTerms(text))) counts.set(term, (counts.get(term) ?? 0) + 1);
  return top(counts, limit);
}

/**
 * The most frequent phrases: bigrams of adjacent words where neither word is a stop word (each
 * counted once per text), most frequent first.
 */
export function topPhrases(texts: Iterable<string>, limit = 20): TermCount[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const words = wordTokens(foldText(splitUrls(text).rest));
    const seen = new Set<string>();
    for (let i = 0; i + 1 < words.length; i++) {
      const [a, b] = [words[i], words[i + 1]];
      if (STOP_WORDS.has(a) || STOP_WORDS.has(b) || a.length < 2 || b.length < 2 || a.startsWith('@') || b.startsWith('@')) continue;
      seen.add(`${a} ${b}`);
    }
    for (const phrase of seen) counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
  }
  return top(counts, limit);
}
