/**
 * The per-item listening pipeline, pure and synchronous:
 * normalize → de-duplicate → language → match all queries at once → sentiment.
 * Storage, sources and backpressure live outside this core; a source calls `process` per item.
 */
import { createDeduplicator, type DedupeOptions } from './dedupe.ts';
import { detectLanguage, type LanguageCode } from './language.ts';
import { createMatcher, createTermStatistics, type Matcher, type SavedQuery } from './matcher.ts';
import type { SentimentProvider, SentimentResult } from './sentiment.ts';
import { createDefaultSentiment } from './sentiment-model.ts';
import { normalizePost, type NormalizedPost } from './tokenize.ts';

/** An incoming mention. */
export interface PipelineItem {
  /** Stable id (source + native id). */
  id: string;
  text: string;
  /** Link to the original, used for de-duplication by canonical URL. */
  url?: string;
  author?: string;
  network?: string;
  /** Language given by the source (e.g. Bluesky's `langs`); detected when absent. */
  lang?: string;
}

/** What the pipeline found for one item. */
export interface PipelineResult {
  normalized: NormalizedPost;
  /** Id of the earlier item this one duplicates (then `matches` is empty and sentiment not computed). */
  duplicateOf?: string;
  lang: LanguageCode;
  /** Ids of the saved queries the item matches. */
  matches: string[];
  sentiment: SentimentResult | null;
}

/** Options of {@link createPipeline}. */
export interface PipelineOptions {
  queries: SavedQuery[];
  /** Sentiment provider; defaults to the lexicon provider. */
  sentiment?: SentimentProvider;
  dedupe?: DedupeOptions;
  /**
   * Re-anchor the queries on the terms that are rare in the stream: after this many posts, then
   * every 100 times as many. 0 turns it off. Default 2,000.
   */
  learnAnchorsAfter?: number;
  /** Compute sentiment only for items that matched a query (default true: saves time on firehoses). */
  sentimentOnlyForMatches?: boolean;
}

/** A running pipeline. */
export interface Pipeline {
  process(item: PipelineItem): PipelineResult;
  /** The compiled matcher, to add or remove saved queries while running. */
  readonly matcher: Matcher;
}

function sourceLanguage(lang: string | undefined): LanguageCode | null {
  if (!lang) return null;
  const base = lang.toLowerCase().split(/[-_]/)[0];
  return base === 'es' || base === 'en' ? base : null;
}

/** Creates a pipeline over a set of saved queries. */
export function createPipeline(options: PipelineOptions): Pipeline {
  const matcher = createMatcher(options.queries);
  const sentiment = options.sentiment ?? createDefaultSentiment();
  const dedupe = createDeduplicator(options.dedupe);
  const onlyMatches = options.sentimentOnlyForMatches ?? true;
  const learnAfter = options.learnAnchorsAfter ?? 2000;
  const statistics = createTermStatistics();
  let nextReanchor = learnAfter;
  let seen = 0;
  return {
    matcher,
    process(item) {
      const normalized = normalizePost({ text: item.text, author: item.author, network: item.network });
      const duplicate = dedupe.check(item.id, normalized.tokens, item.url);
      // A source's declared language is trusted when it is es/en; otherwise we detect it.
      const lang = sourceLanguage(item.lang) ?? detectLanguage(item.text, normalized.tokens);
      normalized.lang = lang;
      if (duplicate.duplicateOf !== undefined) {
        return { normalized, duplicateOf: duplicate.duplicateOf, lang, matches: [], sentiment: null };
      }
      if (learnAfter > 0) {
        // Every post until the first re-anchoring, then a 1-in-16 sample: document frequencies
        // need no more, and counting every term of every post costs ~5 % of the pipeline.
        if (seen < learnAfter || (seen & 15) === 0) statistics.observe(normalized);
        if (++seen === nextReanchor) {
          matcher.reanchor(statistics.cost);
          nextReanchor = seen * 100;
        }
      }
      const matches = matcher.match(normalized);
      const scored = onlyMatches && matches.length === 0 ? null : sentiment.analyze(item.text, lang);
      return { normalized, lang, matches, sentiment: scored };
    },
  };
}
