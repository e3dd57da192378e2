/** The pure listening core: query language, matching, language, sentiment, de-duplication, bursts, analysis. */
export * from './tokenize.ts';
export * from './query-language.ts';
export * from './matcher.ts';
export * from './naive.ts';
export * from './language.ts';
export * from './sentiment.ts';
export * from './sentiment-model.ts';
export * from './dedupe.ts';
export * from './bursts.ts';
export * from './analysis.ts';
export * from './pipeline.ts';
