/**
 * Listening analysis over stored mentions: volume per query, share of voice, net
 * sentiment, top authors with reach, top terms and phrases, and "trending now" bursts.
 * Sums come from SQL; text analysis and bursts reuse the pure core.
 */
import type { AppContext } from '../../server/context.ts';
import { burstKeys, contentTerms, createBurstDetector, topPhrases, topTerms, writtenFormOf, type Burst } from './core/index.ts';
import { netSentimentIn, shareOfVoiceIn } from '../analytics/mention-kpis.ts';
import { analysisRepository } from './repository/analysis.ts';
import { queryRepository } from './repository/queries.ts';
import type { Range } from './rules.ts';

export type { Range } from './rules.ts';

/**
 * Mention volume in buckets of an hour or a day (in the workspace's time zone): `total`, every
 * mention of the scope (the same mentions the sentiment, sources, authors and terms panels count),
 * and one series per query (its matches; a mention matching two queries is in both).
 */
export async function mentionVolume(
  ctx: AppContext,
  workspaceId: string,
  range: Range,
  interval: 'hour' | 'day',
  timeZone: string,
  queryId?: string,
) {
  const db = ctx.database.db;
  const rows = await analysisRepository.volumeBuckets(db, workspaceId, range, interval, timeZone);
  const total = await analysisRepository.totalBuckets(db, workspaceId, { ...range, queryId }, interval, timeZone);
  const queries = (await queryRepository.forSeries(db, workspaceId)).filter((q) => !queryId || q.id === queryId);
  const point = (r: { bucket: Date | string; count: number }) => ({ at: new Date(r.bucket).toISOString(), count: Number(r.count) });
  return {
    interval,
    timeZone,
    total: total.map(point),
    series: queries.map((q) => ({
      queryId: q.id,
      name: q.name,
      kind: q.kind,
      points: rows.filter((r) => r.query_id === q.id).map(point),
    })),
  };
}

/**
 * Share of voice = brand mentions / (brand + competitors' mentions) × 100 (PRODUCT.md), computed
 * by the same function the analytics dashboards use, so both pages agree.
 */
export async function shareOfVoiceReport(ctx: AppContext, workspaceId: string, range: Range) {
  return shareOfVoiceIn(ctx.database.db, workspaceId, range);
}

/** Sentiment counts and net sentiment (the analytics dashboards' own function; 0 without mentions). */
export async function sentimentReport(ctx: AppContext, workspaceId: string, range: Range, queryId?: string) {
  const report = await netSentimentIn(ctx.database.db, workspaceId, range, queryId);
  return { ...report, netSentiment: report.netSentiment ?? 0 };
}

/** Mentions of the scope per source (a CSV import or a removed source has no source: `sourceId` null) and network; they add up to the total. */
export async function sourceBreakdown(ctx: AppContext, workspaceId: string, range: Range, queryId?: string) {
  const rows = await analysisRepository.sourceCounts(ctx.database.db, workspaceId, { ...range, queryId });
  const items = rows.map((r) => ({
    sourceId: r.source_id,
    name: r.name,
    kind: r.kind,
    network: r.network,
    mentions: Number(r.count),
  }));
  return { total: items.reduce((sum, item) => sum + item.mentions, 0), items };
}

/** Authors with the most mentions, with their largest known reach. */
export async function topAuthors(ctx: AppContext, workspaceId: string, range: Range, limit = 20, queryId?: string) {
  const rows = await analysisRepository.topAuthors(ctx.database.db, workspaceId, { ...range, queryId }, limit);
  return rows.map((r) => ({
    handle: r.author_handle,
    name: r.name,
    network: r.network,
    mentions: Number(r.mentions),
    reach: r.reach === null ? null : Number(r.reach),
  }));
}

/** Top terms and phrases of the newest mentions of the scope (at most `sample`; `sampled` says how many were read). */
export async function topTermsReport(ctx: AppContext, workspaceId: string, range: Range, queryId?: string, sample = 5000) {
  const texts = await analysisRepository.newestTexts(ctx.database.db, workspaceId, { ...range, queryId }, sample);
  return { sampled: texts.length, terms: topTerms(texts, 25), phrases: topPhrases(texts, 15) };
}

/**
 * "Trending now": terms, pairs and queries whose count in the latest windows is far above
 * their own baseline (the core's EWMA + Poisson detector), recomputed from stored mentions
 * so it survives restarts. Windows of `windowMs`, `history` windows of baseline.
 */
export async function trendingNow(
  ctx: AppContext,
  workspaceId: string,
  options: { windowMs?: number; history?: number; now?: number } = {},
) {
  const windowMs = options.windowMs ?? 60 * 60_000;
  const history = options.history ?? 24;
  const now = options.now ?? ctx.clock.now();
  const end = Math.floor(now / windowMs) * windowMs + windowMs;
  const start = end - (history + 1) * windowMs;
  const rows = await analysisRepository.mentionsWithMatches(ctx.database.db, workspaceId, { from: new Date(start), to: new Date(end) });
  const byMention = new Map<string, { text: string; at: number; queries: string[] }>();
  for (const row of rows) {
    const entry = byMention.get(row.id) ?? { text: row.text, at: new Date(row.published_at).getTime(), queries: [] };
    if (row.query_id) entry.queries.push(row.query_id);
    byMention.set(row.id, entry);
  }
  const windows: Array<Map<string, number>> = Array.from({ length: history + 1 }, () => new Map());
  const allKeys = new Set<string>();
  for (const mention of byMention.values()) {
    const index = Math.floor((mention.at - start) / windowMs);
    if (index < 0 || index > history) continue;
    for (const key of burstKeys(contentTerms(mention.text), mention.queries)) {
      windows[index].set(key, (windows[index].get(key) ?? 0) + 1);
      allKeys.add(key);
    }
  }
  const detector = createBurstDetector({ warmupWindows: Math.min(12, history - 1) });
  let latest: Burst[] = [];
  const trending = new Map<string, Burst & { windowStart: string }>();
  windows.forEach((counts, index) => {
    for (const key of allKeys) detector.add(key, counts.get(key) ?? 0);
    latest = detector.closeWindow();
    // The last two windows (the current one is partial) make "now".
    if (index >= history - 1)
      for (const burst of latest)
        if (!trending.has(burst.key) || trending.get(burst.key)!.z < burst.z)
          trending.set(burst.key, { ...burst, windowStart: new Date(start + index * windowMs).toISOString() });
  });
  const queryNames = await queryRepository.namesOf(ctx.database.db, workspaceId);
  // Keys are folded ("cafe"); labels show each word as people wrote it most often ("café"), like top terms.
  const written = writtenFormOf([...byMention.values()].map((mention) => mention.text));
  return {
    windowMinutes: windowMs / 60_000,
    items: [...trending.values()]
      .sort((a, b) => b.z - a.z)
      .slice(0, 30)
      .map((b) => ({
        key: b.key,
        kind: b.key.startsWith('query:') ? ('query' as const) : b.key.includes('+') ? ('pair' as const) : ('term' as const),
        label: b.key.startsWith('query:') ? (queryNames.get(b.key.slice(6)) ?? b.key) : b.key.split('+').map(written).join(' + '),
        count: b.count,
        expected: b.expected,
        z: b.z,
        windowStart: b.windowStart,
      })),
  };
}
