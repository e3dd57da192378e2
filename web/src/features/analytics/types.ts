import type { UrlWarning } from '../../shared/PublicUrlWarning.tsx';
/** Analytics, strategy and link API shapes as the pages use them. */
export interface Bilingual {
  en: string;
  es: string;
}

export interface KpiValue {
  name: string;
  label: Bilingual;
  formula: string;
  formulaEs?: string;
  value: number | null;
  reason: string | null;
}

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

export interface PeriodSummary {
  range: { from: string; to: string };
  totals: { posts: number; engagements: number; linkClicks: number; uniqueVisitors: number; leads: number; conversionValue: number; cost: number; followersStart: number | null; followersEnd: number | null };
  kpis: KpiValue[];
  series: DailyPoint[];
  followers: Array<{ day: string; followers: number }>;
}

export interface RankedPost {
  publicationId: string;
  postId: string;
  channelId: string;
  network: string;
  publishedAt: string;
  excerpt: string;
  hasMedia: boolean;
  engagements: number;
  engagementRateByFollowers: number | null;
}

export interface ChannelRow {
  channelId: string;
  name: string;
  network: string;
  posts: number;
  engagements: number;
  engagementRateByFollowers: number | null;
}

export interface Dashboard {
  current: PeriodSummary;
  previous: PeriodSummary | null;
  changes: Record<string, number | null> | null;
  posts: { top: RankedPost[]; bottom: RankedPost[] };
}

export interface Overview extends Dashboard {
  channels: ChannelRow[];
  networkReports: Record<string, { reports: string[]; missing: Record<string, string> }>;
}

export type ObjectiveStatus = 'on_track' | 'off_track' | 'not_measurable' | 'no_data' | 'not_started' | 'unknown';

export interface Objective {
  id: string;
  name: string;
  description: string | null;
  kpi: string;
  kpiLabel: Partial<Bilingual>;
  target: number;
  baseline: number | null;
  startAt: string;
  deadline: string;
  channelIds: string[] | null;
  status: ObjectiveStatus | null;
}

export interface Campaign {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  objectiveId: string | null;
  startAt: string | null;
  endAt: string | null;
  budget: number | null;
}

export interface Segment {
  id: string;
  name: string;
  description: string | null;
  networks: string[] | null;
  interests: string[] | null;
  activeHours: Array<{ weekday: number; fromHour: number; toHour: number }> | null;
}

export interface Pillar {
  id: string;
  name: string;
  description: string | null;
  color: string | null;
}

export interface Suggestion {
  kind: string;
  en: string;
  es: string;
}

export interface Forecast {
  linear: number | null;
  ewma: number | null;
  method: string;
  methodEs?: string;
}

export interface ObjectiveProgress {
  objective: { id: string; name: string; kpi: string; target: number; deadline: string };
  status: ObjectiveStatus;
  current: number | null;
  reason?: string | null;
  forecast: Forecast | null;
  series: Array<{ day: string; value: number }>;
  evidence: {
    channels: ChannelRow[];
    underperformingChannels: ChannelRow[];
    underperformingPosts: RankedPost[];
    formats: { withMedia: { posts: number; rate: number | null }; textOnly: { posts: number; rate: number | null } };
    pillars: Array<{ name: string; posts: number; rate: number }>;
  } | null;
  suggestions: Suggestion[];
}

export interface ObjectiveStatusItem {
  objective: { id: string; name: string; kpi: string; target: number; deadline: string };
  status: ObjectiveStatus;
  current: number | null;
  forecast: Forecast | null;
  reason: string | null;
  suggestions: Suggestion[];
}

export interface KpiCatalogItem {
  name: string;
  en: string;
  es: string;
  formula: string;
  formulaEs?: string;
  unit: '%' | 'count' | 'per_post' | 'money';
  higherIsBetter: boolean;
}

export interface BestTimeCell {
  weekday: number;
  hour: number;
  posts: number;
  rawRate: number | null;
  rate: number | null;
}

export interface BestTime {
  timeZone: string;
  method: string;
  methodEs?: string;
  minSample: number;
  samples: number;
  cells: BestTimeCell[];
  best: BestTimeCell[];
}

export interface ChannelFit {
  rankedBy: string;
  minPosts: number;
  networks: Array<{ rank: number; network: string; posts: number; engagementRateByFollowers: number | null; amplificationRate: number | null; conversationRate: number | null; leads: number; conversionValue: number; enoughData: boolean }>;
}

export interface TrackedLink {
  id: string;
  code: string;
  shortUrl: string;
  targetUrl: string;
  destinationUrl: string;
  postId: string | null;
  channelId: string | null;
  network: string | null;
  campaignId: string | null;
  createdAt: string;
  clicks: number;
  /** Set while PUBLIC_URL is unset (code public_url_unset). */
  urlWarning?: UrlWarning | null;
}

export interface LinkDetail extends Omit<TrackedLink, 'clicks'> {
  clicks: { total: number; human: number; bots: number; uniqueVisitors: number };
  byDay: Array<{ day: string; clicks: number; uniqueVisitors: number }>;
  referrers: Array<{ host: string | null; clicks: number }>;
  conversions: { count: number; value: number };
}

export interface ConversionSettings {
  webhookUrl: string;
  webhookHeader: string;
  secret: string;
  pixelUrl: string;
  urlWarning?: UrlWarning | null;
}

export interface Cost {
  id: string;
  amount: number;
  currency: string;
  campaignId: string | null;
  channelId: string | null;
  incurredOn: string;
  note: string;
}

export interface RoiRow {
  campaignId?: string | null;
  channelId?: string | null;
  objectiveId?: string | null;
  clicks: number;
  leads: number;
  value: number;
  cost: number;
  cpl: number | null;
  cplReason: string | null;
  roi: number | null;
  roiReason: string | null;
}

export interface ReportSchedule {
  id: string;
  name: string;
  frequency: 'weekly' | 'monthly';
  formats: Array<'pdf' | 'csv'>;
  language: 'en' | 'es';
  recipients: string[];
  scope: { channelId?: string; campaignId?: string; objectiveId?: string };
  nextRunAt: string;
  lastRunAt: string | null;
  lastError: string | null;
}

export interface AnalyticsAlert {
  id: string;
  objectiveId: string;
  kind: string;
  message: string;
  messageEs?: string | null;
  data: { status?: string; current?: number | null; forecast?: Forecast | null; target?: number; suggestions?: Suggestion[]; underperformingChannels?: ChannelRow[] } | null;
  createdAt: string;
  acknowledgedAt: string | null;
}

export interface MetricSnapshot {
  captured_at: string;
  step: number | null;
  likes: number | null;
  replies: number | null;
  reposts: number | null;
  quotes: number | null;
  impressions: number | null;
  reach: number | null;
  clicks: number | null;
}

export interface PostDashboardPublication {
  publicationId: string;
  channelId: string;
  network: string;
  state: string;
  publishedAt: string | null;
  remoteUrl: string | null;
  /** Metric name → why the network does not report it. */
  missing: Record<string, string>;
  snapshots: MetricSnapshot[];
  kpis: KpiValue[];
}

export interface PostDashboardLink {
  id: string;
  shortUrl: string;
  targetUrl: string;
  channelId: string | null;
  network: string | null;
  clicks: number;
  uniqueVisitors: number;
  conversions: number;
  conversionValue: number;
}

export interface PostDashboard {
  postId: string;
  content: string;
  publications: PostDashboardPublication[];
  links: PostDashboardLink[];
}

export type BackfillState = 'running' | 'done' | 'failed';

export interface Backfill {
  jobId: string;
  state: BackfillState;
  total: number;
  done: number;
  failed: number;
  finished: boolean;
  error: string | null;
  startedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  updatedAt: string;
  alreadyRunning?: boolean;
}

export interface CollectionError {
  id: string;
  channelId: string | null;
  channelName: string | null;
  network: string | null;
  publicationId: string | null;
  postId: string | null;
  code: string;
  message: string;
  createdAt: string;
}
