import type { Db } from '../../db/database.ts';
import { engagedFollowersOf } from './repository/engagers.ts';
import { netSentimentIn, shareOfVoiceIn } from './mention-kpis.ts';
import { computeKpis, engagementsOf, type KpiInputs, type KpiValue } from './kpis.ts';
import { ensureRollupZone } from './repository/snapshots.ts';
import {
  campaignsOfObjective,
  channelsInScope,
  dashboardsRepository,
  linkAndMoney,
  type DashboardScope,
  type DateRange,
  type RankedRow,
} from './repository/dashboards.ts';
import { addDays, brandDays, previousBrandDays, type BrandDays } from '../../lib/brand-days.ts';
import { defaultAdapters } from '../../networks/index.ts';
import { metricsSupportByNetwork } from '../../networks/metrics.ts';
import type { MissingMetrics, PostMetricName } from '../../networks/types.ts';

/**
 * What each network's API reports (metric names) and why a metric is missing (reason codes the
 * web app translates), as each adapter declares it in `metrics`.
 */
export const NETWORK_REPORTS: Record<string, { reports: string[]; missing: MissingMetrics }> = Object.fromEntries(
  Object.entries(metricsSupportByNetwork(defaultAdapters())).map(([name, support]) => [
    name,
    { reports: support.reported, missing: support.missing },
  ]),
);

export type { DashboardScope, DateRange } from './repository/dashboards.ts';
export { campaignsOfObjective } from './repository/dashboards.ts';

/** One day of the daily series (by publish day). */
export interface DailyPoint {
  day: string;
  posts: number;
  likes: number;
  replies: number;
  reposts: number;
  quotes: number;
  engagements: number;
  impressions: number | null;
  reach: number | null;
  networkClicks: number | null;
  followersAtPost: number;
}

type Totals = Omit<DailyPoint, 'day'>;

async function rollupByDay(
  db: Db,
  workspaceId: string,
  scope: DashboardScope,
  range: BrandDays,
  campaignKeys: string[] | null,
): Promise<DailyPoint[]> {
  const rows = await dashboardsRepository.dailyRollup(db, workspaceId, scope, range, campaignKeys);
  return rows.map((r) => {
    const n = (v: unknown) => Number(v ?? 0);
    const point = {
      day: r.day,
      posts: n(r.posts),
      likes: n(r.likes),
      replies: n(r.replies),
      reposts: n(r.reposts),
      quotes: n(r.quotes),
      impressions: n(r.impressions_posts) > 0 ? n(r.impressions) : null,
      reach: n(r.reach_posts) > 0 ? n(r.reach) : null,
      networkClicks: n(r.clicks_posts) > 0 ? n(r.clicks) : null,
      followersAtPost: n(r.followers_at_post),
    };
    return { ...point, engagements: engagementsOf(point) };
  });
}

function sumPoints(points: DailyPoint[]): Totals {
  const nullableSum = (key: 'impressions' | 'reach' | 'networkClicks') =>
    points.some((p) => p[key] !== null) ? points.reduce((s, p) => s + (p[key] ?? 0), 0) : null;
  return {
    posts: points.reduce((s, p) => s + p.posts, 0),
    likes: points.reduce((s, p) => s + p.likes, 0),
    replies: points.reduce((s, p) => s + p.replies, 0),
    reposts: points.reduce((s, p) => s + p.reposts, 0),
    quotes: points.reduce((s, p) => s + p.quotes, 0),
    engagements: points.reduce((s, p) => s + p.engagements, 0),
    impressions: nullableSum('impressions'),
    reach: nullableSum('reach'),
    networkClicks: nullableSum('networkClicks'),
    followersAtPost: points.reduce((s, p) => s + p.followersAtPost, 0),
  };
}

async function followerStats(db: Db, channelIds: string[], range: BrandDays) {
  if (!channelIds.length)
    return { start: null, end: null, gained: null, lost: null, series: [] as Array<{ day: string; followers: number }> };
  const rows = await dashboardsRepository.followerRows(db, channelIds, addDays(range.firstDay, -1), range.lastDay);
  const byDay = new Map<string, number>();
  const firstByChannel = new Map<string, number>();
  const lastByChannel = new Map<string, number>();
  let gained = 0;
  let lost = 0;
  for (const row of rows) {
    byDay.set(row.day, (byDay.get(row.day) ?? 0) + row.followers);
    const previous = lastByChannel.get(row.channel_id);
    if (previous === undefined) firstByChannel.set(row.channel_id, row.followers);
    else if (row.followers >= previous) gained += row.followers - previous;
    else lost += previous - row.followers;
    lastByChannel.set(row.channel_id, row.followers);
  }
  const sum = (m: Map<string, number>) => (m.size ? [...m.values()].reduce((a, b) => a + b, 0) : null);
  // Only day-over-day changes are known: gained/lost are net daily moves per channel.
  return {
    start: sum(firstByChannel),
    end: sum(lastByChannel),
    gained: rows.length > 1 ? gained : null,
    lost: rows.length > 1 ? lost : null,
    series: [...byDay].map(([day, followers]) => ({ day, followers })),
  };
}

/** Reason codes for missing inputs, from the networks of the channels in scope (only when no channel in scope reports it). */
function missingReasons(networks: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const input of ['impressions', 'reach', 'clicks'] as PostMetricName[]) {
    const reasons = networks.map((n) => NETWORK_REPORTS[n]?.missing[input]).filter((r) => r !== undefined);
    if (reasons.length && reasons.length === networks.length) result[input] = [...new Set(reasons)].join('; ');
  }
  return result;
}

/** A period's numbers: totals, KPIs with reasons, daily series and followers. */
export interface PeriodSummary {
  /** Whole days in the brand's zone: `from`/`to` are the instants they span, `firstDay`/`lastDay` the calendar dates (inclusive). */
  range: { from: string; to: string; firstDay: string; lastDay: string; timeZone: string };
  totals: Totals & {
    linkClicks: number;
    uniqueVisitors: number;
    leads: number;
    conversionValue: number;
    cost: number;
    followersStart: number | null;
    followersEnd: number | null;
  };
  kpis: KpiValue[];
  series: DailyPoint[];
  followers: Array<{ day: string; followers: number }>;
}

/** Summarises whole brand-zone days for a scope, reading only the rollups (never the raw snapshots). */
export async function summarizePeriod(db: Db, workspaceId: string, scope: DashboardScope, range: BrandDays): Promise<PeriodSummary> {
  const campaignKeys = scope.objectiveId ? await campaignsOfObjective(db, workspaceId, scope.objectiveId) : null;
  const channels = await channelsInScope(db, workspaceId, scope);
  // Mentions are the brand's, not a channel's or a campaign's: measured for the whole workspace and its objectives.
  const brandWide = !scope.channelId && !scope.campaignId;
  const [series, followers, money, engagers, voice, sentiment] = await Promise.all([
    rollupByDay(db, workspaceId, scope, range, campaignKeys),
    followerStats(
      db,
      channels.map((c) => c.id),
      range,
    ),
    linkAndMoney(db, workspaceId, scope, range, campaignKeys),
    engagedFollowersOf(
      db,
      workspaceId,
      { channelIds: channels.map((c) => c.id), campaignId: scope.campaignId, objectiveId: scope.objectiveId, campaignKeys },
      range,
    ),
    brandWide ? shareOfVoiceIn(db, workspaceId, range) : null,
    brandWide ? netSentimentIn(db, workspaceId, range) : null,
  ]);
  const totals = sumPoints(series);
  const inputs: KpiInputs = {
    posts: totals.posts,
    likes: totals.likes,
    replies: totals.replies,
    reposts: totals.reposts,
    quotes: totals.quotes,
    networkClicks: totals.networkClicks,
    impressions: totals.impressions,
    reach: totals.reach,
    followersAtPost: totals.followersAtPost || null,
    followersStart: followers.start,
    followersEnd: followers.end,
    followersGained: followers.gained,
    followersLost: followers.lost,
    // Measured once at least one of the period's posts has had its engagers collected.
    engagedFollowers: engagers.collected > 0 ? engagers.engagedFollowers : null,
    ...money,
    mentions:
      voice && sentiment ? { shareOfVoice: voice.total > 0 ? voice.brand.share : null, netSentiment: sentiment.netSentiment } : undefined,
    missing: missingReasons([...new Set(channels.map((c) => c.network))]),
  };
  return {
    range: {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      firstDay: range.firstDay,
      lastDay: range.lastDay,
      timeZone: range.timeZone,
    },
    totals: { ...totals, ...money, followersStart: followers.start, followersEnd: followers.end },
    kpis: computeKpis(inputs),
    series,
    followers: followers.series,
  };
}

/** Relative change in percent, or null when the previous value is zero or missing. */
export function percentChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return Math.round(((current - previous) / Math.abs(previous)) * 10_000) / 100;
}

/**
 * Top and bottom posts of a period by engagement rate by followers (engagements
 * where followers are unknown). Ranks on the newest-counts table alone and
 * fetches the excerpts of the few winners afterwards (no join over the range).
 */
export async function rankedPosts(db: Db, workspaceId: string, scope: DashboardScope, range: DateRange, limit = 5) {
  const rows = await dashboardsRepository.rankedPublications(db, workspaceId, scope, range, limit);
  const top = rows.filter((r) => r.end_ === 'top');
  const bottom = rows.filter((r) => r.end_ === 'bottom');
  const postIds = [...new Set([...top, ...bottom].map((r) => r.post_id))];
  const excerpts = await dashboardsRepository.postExcerpts(db, postIds);
  const present = (r: RankedRow) => ({
    publicationId: r.publication_id,
    postId: r.post_id,
    channelId: r.channel_id,
    network: r.network,
    publishedAt: r.published_at,
    excerpt: excerpts.get(r.post_id) ?? '',
    hasMedia: r.has_media,
    pillarId: r.pillar_id,
    engagements: Number(r.engagements),
    engagementRateByFollowers: r.rate === null ? null : Math.round(Number(r.rate) * 100) / 100,
  });
  return { top: top.map(present), bottom: bottom.map(present) };
}

/**
 * The dashboard of a scope over the brand-zone days that `range` touches (the
 * workspace's time zone), with the previous period (the same number of days
 * before) and the change of every KPI, and the best and worst posts.
 */
export async function dashboard(db: Db, workspaceId: string, scope: DashboardScope, range: DateRange, options: { compare?: boolean } = {}) {
  const timeZone = await ensureRollupZone(db, workspaceId);
  const days = brandDays(range, timeZone);
  const current = await summarizePeriod(db, workspaceId, scope, days);
  const previous = options.compare === false ? null : await summarizePeriod(db, workspaceId, scope, previousBrandDays(days));
  const posts = await rankedPosts(db, workspaceId, scope, days);
  const changes = previous
    ? Object.fromEntries(current.kpis.map((kpi, index) => [kpi.name, percentChange(kpi.value, previous.kpis[index].value)]))
    : null;
  return { scope, timeZone, days, current, previous, changes, posts };
}

/** Per-channel totals over whole brand-zone days (for the overview's breakdown and channel fit). */
export async function channelBreakdown(db: Db, workspaceId: string, range: BrandDays) {
  const rows = await dashboardsRepository.channelTotals(db, workspaceId, range);
  return rows.map((r) => ({
    channelId: r.channel_id,
    name: r.name,
    network: r.network,
    posts: Number(r.posts),
    engagements: Number(r.engagements),
    engagementRateByFollowers:
      Number(r.followers_at_post) > 0 ? Math.round((Number(r.engagements) / Number(r.followers_at_post)) * 10_000) / 100 : null,
  }));
}
