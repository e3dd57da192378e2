/** Analytics, strategy and link API shapes, derived from the generated schema (api/schema.d.ts). */
import type { ApiItem, ApiResponse } from '../../api/types.ts';

/** GET analytics/overview: the workspace's dashboard with its channels and what each network reports. */
export type Overview = ApiResponse<'/api/v1/workspaces/{workspaceId}/analytics/overview', 'get'>;

/** A channel's or a campaign's dashboard (current and previous period, top and bottom posts). */
export type Dashboard = ApiResponse<'/api/v1/workspaces/{workspaceId}/analytics/channels/{channelId}', 'get'>;

/** GET analytics/campaigns/{campaignId}: a campaign's dashboard. */
export type CampaignDashboard = ApiResponse<'/api/v1/workspaces/{workspaceId}/analytics/campaigns/{campaignId}', 'get'>;

export type PeriodSummary = Dashboard['current'];

export type KpiValue = PeriodSummary['kpis'][number];

export type Bilingual = KpiValue['label'];

export type DailyPoint = PeriodSummary['series'][number];

export type RankedPost = Dashboard['posts']['top'][number];

export type ChannelRow = Overview['channels'][number];

export type ObjectiveStatus = 'on_track' | 'off_track' | 'not_measurable' | 'no_data' | 'not_started' | 'too_early' | 'unknown';

/** One objective of GET objectives. */
export type Objective = ApiItem<'/api/v1/workspaces/{workspaceId}/objectives', 'get'>;

export type Campaign = ApiItem<'/api/v1/workspaces/{workspaceId}/campaigns', 'get'>;

export type Segment = ApiItem<'/api/v1/workspaces/{workspaceId}/segments', 'get'>;

export type Pillar = ApiItem<'/api/v1/workspaces/{workspaceId}/pillars', 'get'>;

/** GET analytics/objectives/{objectiveId}: an objective's progress (with the dashboard behind it). */
export type ObjectiveDashboard = ApiResponse<'/api/v1/workspaces/{workspaceId}/analytics/objectives/{objectiveId}', 'get'>;

export type ObjectiveProgress = ObjectiveDashboard['progress'];

export type Forecast = NonNullable<ObjectiveProgress['forecast']>;

export type Suggestion = ObjectiveProgress['suggestions'][number];

/** One objective's status of GET analytics/objectives. */
export type ObjectiveStatusItem = ApiItem<'/api/v1/workspaces/{workspaceId}/analytics/objectives', 'get'>;

/** One KPI of the catalogue (GET /kpis). */
export type KpiCatalogItem = ApiItem<'/api/v1/kpis', 'get'>;

/** GET analytics/best-time: engagement by weekday and hour. */
export type BestTime = ApiResponse<'/api/v1/workspaces/{workspaceId}/analytics/best-time', 'get'>;

export type BestTimeCell = BestTime['cells'][number];

/** GET analytics/channel-fit: networks ranked by engagement. */
export type ChannelFit = ApiResponse<'/api/v1/workspaces/{workspaceId}/analytics/channel-fit', 'get'>;

/** One tracked link of GET links. */
export type TrackedLink = ApiItem<'/api/v1/workspaces/{workspaceId}/links', 'get'>;

/** GET links/{linkId}: a link's clicks by day, referrers and conversions. */
export type LinkDetail = ApiResponse<'/api/v1/workspaces/{workspaceId}/links/{linkId}', 'get'>;

export type ConversionSettings = ApiResponse<'/api/v1/workspaces/{workspaceId}/conversion-settings', 'get'>;

export type Cost = ApiItem<'/api/v1/workspaces/{workspaceId}/costs', 'get'>;

/** GET roi: leads, value, cost, CPL and ROI by campaign, channel or objective. */
export type Roi = ApiResponse<'/api/v1/workspaces/{workspaceId}/roi', 'get'>;

export type RoiRow = Roi['items'][number];

export type ReportSchedule = ApiItem<'/api/v1/workspaces/{workspaceId}/report-schedules', 'get'>;

/**
 * What an objective alert's `data` holds: the progress at the time of the alert. The route's schema leaves
 * `data` free-form (`{ [key]: unknown }`), so the web app names the parts it reads, from the progress's own types.
 */
export type AnalyticsAlertData = Partial<Pick<ObjectiveProgress, 'status' | 'current' | 'forecast' | 'suggestions'>> & {
  target?: number;
  /** The objective's name when the alert was raised. */
  objectiveName?: string;
  underperformingChannels?: NonNullable<ObjectiveProgress['evidence']>['underperformingChannels'];
};

/** One objective alert of GET analytics/alerts. */
export type AnalyticsAlert = Omit<ApiItem<'/api/v1/workspaces/{workspaceId}/analytics/alerts', 'get'>, 'data'> & {
  data: AnalyticsAlertData | null;
};

/** GET analytics/posts/{postId}: a post's metrics per publication and its links. */
export type PostDashboard = ApiResponse<'/api/v1/workspaces/{workspaceId}/analytics/posts/{postId}', 'get'>;

export type PostDashboardPublication = PostDashboard['publications'][number];

export type MetricSnapshot = PostDashboardPublication['snapshots'][number];

export type PostDashboardLink = PostDashboard['links'][number];

/** A metrics backfill (GET analytics/backfill/{jobId}). */
export type Backfill = ApiResponse<'/api/v1/workspaces/{workspaceId}/analytics/backfill/{jobId}', 'get'>;

export type BackfillState = Backfill['state'];

/** POST analytics/backfill: the started (or already running) backfill. */
export type BackfillStart = ApiResponse<'/api/v1/workspaces/{workspaceId}/analytics/backfill', 'post'>;

export type CollectionError = ApiItem<'/api/v1/workspaces/{workspaceId}/analytics/errors', 'get'>;
