/**
 * Share of voice and net sentiment, computed once for every screen that shows them: the
 * listening dashboard (and its API and CLI) and the analytics dashboards and objectives. Same
 * formulas (PRODUCT.md, in listening's core), same window ([from, to) as given: callers pass the
 * brand-zone days they show) and the same rounding, so the two pages cannot disagree.
 */
import type { Db } from '../../db/database.ts';
import { netSentiment, shareOfVoice, type SentimentCounts } from '../listening/core/analysis.ts';
import { analysisRepository } from '../listening/repository/analysis.ts';

/** Both pages show these percentages with one decimal. */
export const MENTION_KPI_DECIMALS = 1;

const round = (value: number): number => Math.round(value * 10 ** MENTION_KPI_DECIMALS) / 10 ** MENTION_KPI_DECIMALS;

/** Share of voice = brand mentions / (brand + competitors' mentions) × 100, for the brand and each competitor. */
export interface ShareOfVoice {
  formula: string;
  brand: { mentions: number; share: number };
  competitors: Array<{ name: string; mentions: number; share: number }>;
  /** Brand + competitors' mentions; share is 0 when this is 0. */
  total: number;
}

/**
 * Share of voice over [from, to). Brand = distinct mentions matching any brand query; each
 * competitor = distinct mentions of its queries.
 */
export async function shareOfVoiceIn(db: Db, workspaceId: string, range: { from: Date; to: Date }): Promise<ShareOfVoice> {
  const rows = await analysisRepository.brandAndCompetitorCounts(db, workspaceId, range);
  const brand = Number(rows.find((r) => r.kind === 'brand')?.count ?? 0);
  const competitors = rows.filter((r) => r.kind === 'competitor').map((r) => ({ name: r.label, mentions: Number(r.count) }));
  const competitorMentions = competitors.map((c) => c.mentions);
  const total = brand + competitorMentions.reduce((sum, n) => sum + n, 0);
  return {
    formula: 'brand mentions / (brand + competitors mentions) × 100',
    brand: { mentions: brand, share: round(shareOfVoice(brand, competitorMentions)) },
    competitors: competitors
      .map((c) => ({ ...c, share: total === 0 ? 0 : round((c.mentions / total) * 100) }))
      .sort((a, b) => b.mentions - a.mentions),
    total,
  };
}

/** Sentiment counts and net sentiment = (positive − negative) / all × 100, neutral included in "all". */
export interface NetSentiment {
  counts: SentimentCounts;
  total: number;
  /** null without mentions in the window. */
  netSentiment: number | null;
  formula: string;
}

/** Net sentiment over [from, to), of every mention or only those matching one query. */
export async function netSentimentIn(
  db: Db,
  workspaceId: string,
  range: { from: Date; to: Date },
  queryId?: string,
): Promise<NetSentiment> {
  const rows = await analysisRepository.sentimentCounts(db, workspaceId, { ...range, queryId });
  const counts: SentimentCounts = { positive: 0, neutral: 0, negative: 0 };
  // A mention without a label (none read) counts as neutral, so the split adds up to the total every panel shows.
  for (const row of rows)
    counts[row.sentiment === 'positive' || row.sentiment === 'negative' ? row.sentiment : 'neutral'] += Number(row.count);
  const total = counts.positive + counts.neutral + counts.negative;
  return {
    counts,
    total,
    netSentiment: total === 0 ? null : round(netSentiment(counts)),
    formula: '(positive − negative) / all mentions × 100, neutral mentions included in all',
  };
}
