import type { UrlWarning } from '../../shared/PublicUrlWarning.tsx';
/** Analytics, strategy and link API shapes as the pages use them. */
// until the route has a response schema
export interface Bilingual {
  en: string;
  es: string;
}

// until the route has a response schema
export interface KpiValue {
  name: string;
  label: Bilingual;
  formula: string;
  formulaEs?: string;
  value: number | null;
  reason: string | null;
}

// until the route has a response schema
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

// until the route has a response schema
export interface PeriodSummary {
  range: { from: string; to: string };
  totals: { posts: number; engagements: number; linkClicks: number; uniqueVisitors: number; leads: number; conversionValue: number; cost: number; followersStart: number | null; followersEnd: number | null };
  kpis: KpiValue[];
  series: DailyPoint[];
  followers: Array<{ day: string; followers: number }>;
}

// until the route has a response schema
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

// until the route has a response schema
export interface ChannelRow {
  channelId: string;
  name: string;
  network: string;
  posts: number;
  engagements: number;
  engagementRateByFollowers: number | null;
}

// until the route has a response schema
export interface Dashboard {
  current: PeriodSummary;
  previous: PeriodSummary | null;
  changes: Record<string, number | null> | null;
  posts: { top: RankedPost[]; bottom: RankedPost[] };
}

// until the route has a response schema
export interface Overview extends Dashboard {
  channels: ChannelRow[];
  networkReports: Record<string, { reports: string[]; missing: Record<string, string> }>;
}

export type ObjectiveStatus = 'on_track' | 'off_track' | 'not_measurable' | 'no_data' | 'not_started' | 'unknown';

// until the route has a response schema
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

// until the route has a response schema
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

// until the route has a response schema
export interface Segment {
  id: string;
  name: string;
  description: string | null;
  networks: string[] | null;
  interests: string[] | null;
  activeHours: Array<{ weekday: number; fromHour: number; toHour: number }> | null;
}

// until the route has a response schema
export interface Pillar {
  id: string;
  name: string;
  description: string | null;
  color: string | null;
}

// until the route has a response schema
export interface Suggestion {
  kind: string;
  en: string;
  es: string;
}

// until the route has a response schema
export interface Forecast {
  linear: number | null;
  ewma: number | null;
  method: string;
  methodEs?: string;
}

// until the route has a response schema
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

// until the route has a response schema
export interface ObjectiveStatusItem {
  objective: { id: string; name: string; kpi: string; target: number; deadline: string };
  status: ObjectiveStatus;
  current: number | null;
  forecast: Forecast | null;
  reason: string | null;
  suggestions: Suggestion[];
}

// until the route has a response schema
export interface KpiCatalogItem {
  name: string;
  en: string;
  es: string;
  formula: string;
  formulaEs?: string;
  unit: '%' | 'count' | 'per_post' | 'money';
  higherIsBetter: boolean;
}

// until the route has a response schema
export interface BestTimeCell {
  weekday: number;
  hour: number;
  posts: number;
  rawRate: number | null;
  rate: number | null;
}

// until the route has a response schema
export interface BestTime {
  timeZone: string;
  method: string;
  methodEs?: string;
  minSample: number;
  samples: number;
  cells: BestTimeCell[];
  best: BestTimeCell[];
}

// until the route has a response schema
export interface ChannelFit {
  rankedBy: string;
  minPosts: number;
  networks: Array<{ rank: number; network: string; posts: number; engagementRateByFollowers: number | null; amplificationRate: number | null; conversationRate: number | null; leads: number; conversionValue: number; enoughData: boolean }>;
}

// until the route has a response schema
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

// until the route has a response schema
export interface LinkDetail extends Omit<TrackedLink, 'clicks'> {
  clicks: { total: number; human: number; bots: number; uniqueVisitors: number };
  byDay: Array<{ day: string; clicks: number; uniqueVisitors: number }>;
  referrers: Array<{ host: string | null; clicks: number }>;
  conversions: { count: number; value: number };
}

// until the route has a response schema
export interface ConversionSettings {
  webhookUrl: string;
  webhookHeader: string;
  secret: string;
  pixelUrl: string;
  urlWarning?: UrlWarning | null;
}

// until the route has a response schema
export interface Cost {
  id: string;
  amount: number;
  currency: string;
  campaignId: string | null;
  channelId: string | null;
  incurredOn: string;
  note: string;
}

// until the route has a response schema
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

// until the route has a response schema
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

// until the route has a response schema
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

// until the route has a response schema
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

// until the route has a response schema
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

// until the route has a response schema
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

// until the route has a response schema
export interface PostDashboard {
  postId: string;
  content: string;
  publications: PostDashboardPublication[];
  links: PostDashboardLink[];
}

export type BackfillState = 'running' | 'done' | 'failed';

// until the route has a response schema
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

// until the route has a response schema
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
