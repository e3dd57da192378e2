import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Roles a member can hold in a workspace, from most to least powerful. */
export const ROLES = ['owner', 'manager', 'editor', 'approver', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const POST_STATES = ['draft', 'in_review', 'approved', 'scheduled', 'publishing', 'published', 'failed', 'canceled'] as const;
export type PostState = (typeof POST_STATES)[number];

export const PUBLICATION_STATES = ['pending', 'scheduled', 'publishing', 'published', 'failed', 'canceled'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  locale: Generated<string>;
  created_at: Timestamp;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie token
  user_id: string;
  csrf_token: string;
  expires_at: Timestamp;
  created_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface WorkspacesTable {
  id: Generated<string>;
  name: string;
  time_zone: string;
  language: string;
  approval_required: Generated<boolean>;
  /** Publications this late after downtime are still published; later ones fail with a reason. */
  missed_grace_minutes: Generated<number>;
  /** ISO 4217 code of budgets, costs and conversion values (0810). */
  currency: Generated<string>;
  created_at: Timestamp;
}

export interface MembershipsTable {
  workspace_id: string;
  user_id: string;
  role: Role;
  created_at: Timestamp;
}

export interface EventsTable {
  id: Generated<string>;
  workspace_id: string | null;
  actor_user_id: string | null;
  type: string;
  subject_type: string | null;
  subject_id: string | null;
  data: JSONColumnType<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface ChannelsTable {
  id: Generated<string>;
  workspace_id: string;
  network: string;
  name: string;
  settings: JSONColumnType<Record<string, unknown>>;
  credentials_sealed: string;
  status: Generated<'active' | 'needs_reconnect' | 'disconnected'>;
  account: JSONColumnType<Record<string, unknown> | null>;
  last_error: string | null;
  /** The network's code for last_error (shown translated by the web app). */
  last_error_code: Generated<string | null>;
  last_checked_at: NullableTimestamp;
  created_at: Timestamp;
  /** When the OAuth access token stops working (null: never, or not an OAuth channel). */
  token_expires_at: Generated<Date | null>;
  /** When the connection ends unless someone reconnects (shown as "expires in N days", warned a week ahead). */
  connection_expires_at: Generated<Date | null>;
  /** One token refresh per channel at a time, across processes (src/modules/oauth). */
  refresh_lease_until: Generated<Date | null>;
  refresh_lease_owner: Generated<string | null>;
  /** When the "expires soon" warning was sent for the current token. */
  expiry_warned_at: Generated<Date | null>;
  /** Networks reconciled by message order (Telegram): the publication whose send may be in doubt (1150). */
  send_holder: Generated<string | null>;
}

/** The install's developer app per network (Settings → Integrations); the secret sealed. */
export interface IntegrationAppsTable {
  network: string;
  client_id: string;
  client_secret_sealed: string | null;
  last_error_code: string | null;
  last_error_at: NullableTimestamp;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

/** Apps Plaza registered itself on one server of a federated network (Mastodon), sealed. */
export interface IntegrationInstanceAppsTable {
  network: string;
  instance_url: string;
  redirect_url: string;
  app_sealed: string;
  created_at: Generated<Date>;
}

/** A sign-in in progress (single use, 10 minutes). */
export interface OAuthStatesTable {
  state_hash: string;
  network: string;
  workspace_id: string;
  user_id: string;
  verifier_sealed: string;
  instance_url: string | null;
  reconnect_channel_id: string | null;
  /** The sign-in way (NetworkAdapter.oauthWays id); null: the network's own login. */
  sign_in_way: string | null;
  expires_at: Date;
  used_at: NullableTimestamp;
  created_at: Generated<Date>;
}

/** Tokens and connectable accounts after a sign-in, until the user picks (sealed). */
export interface OAuthPickersTable {
  id: Generated<string>;
  network: string;
  workspace_id: string;
  user_id: string;
  reconnect_channel_id: string | null;
  sealed: string;
  expires_at: Date;
  used_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface PostsTable {
  id: Generated<string>;
  workspace_id: string;
  author_id: string | null;
  content: string;
  state: PostState;
  scheduled_at: NullableTimestamp;
  campaign_id: string | null;
  objective_id: string | null;
  segment_id: string | null;
  pillar_id: string | null;
  /** The queue whose slot gave this post its time; null when the time was set by hand. */
  queue_id: Generated<string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface QueuesTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  paused: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface QueueChannelsTable {
  queue_id: string;
  channel_id: string;
}

/** A weekly slot: ISO weekday (1 = Monday) and minute of the day in the workspace's zone. */
export interface QueueSlotsTable {
  queue_id: string;
  weekday: number;
  minute: number;
}

/** An RSS/Atom feed whose new items become posts (0940). */
export interface FeedsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  url: string;
  template: string;
  destination: 'draft' | 'review' | 'queue';
  queue_id: string | null;
  track_links: Generated<boolean>;
  campaign_id: string | null;
  interval_minutes: Generated<number>;
  paused: Generated<boolean>;
  etag: string | null;
  last_modified: string | null;
  next_poll_at: Generated<Date>;
  last_polled_at: Date | null;
  last_error_code: string | null;
  last_error: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface FeedChannelsTable {
  feed_id: string;
  channel_id: string;
}

/** One item of a feed, used once: the post it became or why not. */
export interface FeedItemsTable {
  id: Generated<string>;
  feed_id: string;
  guid: string;
  title: string;
  link: string | null;
  published_at: Date | null;
  status: 'posted' | 'skipped' | 'failed';
  post_id: string | null;
  error_code: string | null;
  created_at: Generated<Date>;
}

/** An Open Graph link card, cached by URL (0941). */
export interface LinkCardsTable {
  url: string;
  title: string | null;
  description: string | null;
  image_url: string | null;
  site_name: string | null;
  error_code: string | null;
  fetched_at: Date;
}

export interface MediaItem {
  mediaId: string;
  alt?: string;
}

export interface PublicationsTable {
  id: Generated<string>;
  post_id: string;
  workspace_id: string;
  channel_id: string;
  network: string;
  text: string;
  media: JSONColumnType<MediaItem[]>;
  thread: JSONColumnType<Array<{ text: string; media: MediaItem[] }>>;
  options: JSONColumnType<Record<string, unknown>>;
  state: PublicationState;
  due_at: NullableTimestamp;
  claimed_by: string | null;
  lease_until: NullableTimestamp;
  /** True after an ambiguous outcome: the next attempt must look the post up first. */
  needs_reconcile: Generated<boolean>;
  attempts: Generated<number>;
  remote_id: string | null;
  remote_url: string | null;
  error_code: string | null;
  error_message: string | null;
  first_attempt_at: NullableTimestamp;
  published_at: NullableTimestamp;
  /** Set when the publication fell due while Plaza was down and was recovered late. */
  missed_by_ms: number | null;
  /** What kind of post (0830): 'text', 'image', 'carousel', 'video'…; null: by the media. */
  post_type: string | null;
  first_comment: string | null;
  title: string | null;
  first_comment_remote_id: string | null;
  /** The first comment's own status (1020): null, 'pending', 'posting', 'published', 'failed'. */
  first_comment_state: string | null;
  first_comment_remote_url: string | null;
  first_comment_attempts: Generated<number>;
  first_comment_due_at: NullableTimestamp;
  first_comment_lease_until: NullableTimestamp;
  first_comment_error_code: string | null;
  first_comment_error_message: string | null;
  first_comment_published_at: NullableTimestamp;
  /** The link card sent with the post, or why none was (a failure code) (1020). */
  link_card_url: string | null;
  link_card_skipped: string | null;
  /** What publishing cost on a network that bills per API call (0851; numeric, read as a string). */
  api_cost_usd: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PublicationAttemptsTable {
  id: Generated<string>;
  publication_id: string;
  worker_id: string;
  started_at: Timestamp;
  finished_at: NullableTimestamp;
  outcome: string;
  error_kind: string | null;
  error_code: string | null;
  error_message: string | null;
}

export interface MediaTable {
  id: Generated<string>;
  workspace_id: string;
  sha256: string;
  mime_type: string;
  size_bytes: number;
  width: number | null;
  height: number | null;
  /** 'image' | 'video' (0830). */
  kind: Generated<string>;
  duration_seconds: number | null;
  codec: string | null;
  created_at: Timestamp;
  /** Media library (0950): a name, alt text kept with the image, tags; a crop's original and rectangle. */
  name: Generated<string>;
  alt_text: Generated<string>;
  tags: Generated<string[]>;
  original_id: string | null;
  crop: JSONColumnType<MediaCrop> | null;
  updated_at: Generated<Date>;
  /** Generated from name, alt text and tags (never written). */
  search_vector: Generated<string>;
}

/** How a library crop was cut from its original (0950). */
export interface MediaCrop {
  aspect: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Where a media item is used (0950): one row per publication and file, kept by a trigger on publications. */
export interface MediaUsagesTable {
  publication_id: string;
  media_id: string;
  post_id: string;
  workspace_id: string;
  post_words: string;
}

/** A resumable upload in progress (0830): bytes wait on disk until `received_bytes` reaches `total_bytes`. */
export interface MediaUploadsTable {
  id: Generated<string>;
  workspace_id: string;
  user_id: string;
  file_name: string;
  mime_type: string;
  total_bytes: number;
  received_bytes: Generated<number>;
  media_id: string | null;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
}

export interface PostCommentsTable {
  id: Generated<string>;
  post_id: string;
  workspace_id: string;
  author_id: string;
  body: string;
  kind: string; // comment | approve | reject | submit
  created_at: Timestamp;
}

export interface WebhooksTable {
  id: Generated<string>;
  workspace_id: string;
  url: string;
  secret_sealed: string;
  events: JSONColumnType<string[]>;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  webhook_id: string;
  event_id: string;
  event_type: string;
  state: Generated<string>; // pending | delivered | failed
  attempts: Generated<number>;
  last_status: number | null;
  last_error: string | null;
  /** The code for last_error (0840): shown translated; last_error keeps the raw words. */
  last_error_code: Generated<string | null>;
  created_at: Timestamp;
  delivered_at: NullableTimestamp;
}

export interface WebhookOutboxCursorTable {
  id: number;
  last_event_id: number;
}

export interface Database {
  webhook_outbox_cursor: WebhookOutboxCursorTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  workspaces: WorkspacesTable;
  memberships: MembershipsTable;
  events: EventsTable;
  channels: ChannelsTable;
  integration_apps: IntegrationAppsTable;
  integration_instance_apps: IntegrationInstanceAppsTable;
  oauth_states: OAuthStatesTable;
  oauth_pickers: OAuthPickersTable;
  posts: PostsTable;
  queues: QueuesTable;
  queue_channels: QueueChannelsTable;
  queue_slots: QueueSlotsTable;
  feeds: FeedsTable;
  feed_channels: FeedChannelsTable;
  feed_items: FeedItemsTable;
  link_cards: LinkCardsTable;
  publications: PublicationsTable;
  publication_attempts: PublicationAttemptsTable;
  media: MediaTable;
  media_uploads: MediaUploadsTable;
  media_usages: MediaUsagesTable;
  post_comments: PostCommentsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  objectives: ObjectivesTable;
  segments: SegmentsTable;
  pillars: PillarsTable;
  campaigns: CampaignsTable;
  metric_schedule: MetricScheduleTable;
  post_metric_snapshots: PostMetricSnapshotsTable;
  publication_metrics: PublicationMetricsTable;
  metric_daily: MetricDailyTable;
  channel_follower_snapshots: ChannelFollowerSnapshotsTable;
  metric_collection_errors: MetricCollectionErrorsTable;
  engager_salts: EngagerSaltsTable;
  post_engagers: PostEngagersTable;
  post_engager_fetches: PostEngagerFetchesTable;
  tracked_links: TrackedLinksTable;
  link_clicks: LinkClicksTable;
  visitor_salts: VisitorSaltsTable;
  analytics_settings: AnalyticsSettingsTable;
  conversions: ConversionsTable;
  costs: CostsTable;
  analytics_alerts: AnalyticsAlertsTable;
  report_schedules: ReportSchedulesTable;
  metric_backfills: MetricBackfillsTable;
  listening_queries: ListeningQueriesTable;
  listening_sources: ListeningSourcesTable;
  listening_mentions: ListeningMentionsTable;
  listening_mention_matches: ListeningMentionMatchesTable;
  listening_sentiment_corrections: ListeningSentimentCorrectionsTable;
  listening_alerts: ListeningAlertsTable;
  listening_alert_settings: ListeningAlertSettingsTable;
}

// ---------------------------------------------------------------------------
// Strategy, analytics and links (issue 5)
// ---------------------------------------------------------------------------

export interface ObjectivesTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  description: Generated<string>;
  kpi: string;
  target: number;
  baseline: Generated<number>;
  start_at: Timestamp;
  deadline: Timestamp;
  channel_ids: JSONColumnType<string[]>;
  status: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SegmentsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  description: Generated<string>;
  networks: JSONColumnType<string[]>;
  interests: JSONColumnType<string[]>;
  active_hours: JSONColumnType<Array<{ weekday: number; fromHour: number; toHour: number }>>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PillarsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  description: Generated<string>;
  color: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CampaignsTable {
  id: Generated<string>;
  workspace_id: string;
  objective_id: string | null;
  name: string;
  slug: string;
  description: Generated<string>;
  start_at: NullableTimestamp;
  end_at: NullableTimestamp;
  budget: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MetricScheduleTable {
  publication_id: string;
  workspace_id: string;
  channel_id: string;
  published_at: Timestamp;
  next_step: Generated<number>;
  next_due_at: NullableTimestamp;
  attempts: Generated<number>;
  last_error: string | null;
  last_error_at: NullableTimestamp;
}

export interface PostMetricSnapshotsTable {
  id: Generated<string>;
  workspace_id: string;
  publication_id: string;
  channel_id: string;
  captured_at: Timestamp;
  step: number | null;
  likes: number | null;
  replies: number | null;
  reposts: number | null;
  quotes: number | null;
  impressions: number | null;
  reach: number | null;
  clicks: number | null;
  /** Saves (Instagram `saved`, Pinterest `SAVE`); null when the network did not report them (1050). */
  saves: number | null;
  /** Views of the post or its video (Instagram, Facebook media views, YouTube); null when not reported (1050). */
  views: number | null;
  missing: JSONColumnType<Record<string, string>>;
}

export interface PublicationMetricsTable {
  publication_id: string;
  workspace_id: string;
  post_id: string;
  channel_id: string;
  network: string;
  campaign_id: string | null;
  objective_id: string | null;
  segment_id: string | null;
  pillar_id: string | null;
  has_media: Generated<boolean>;
  published_at: Timestamp;
  followers_at_post: number | null;
  captured_at: Timestamp;
  likes: number | null;
  replies: number | null;
  reposts: number | null;
  quotes: number | null;
  impressions: number | null;
  reach: number | null;
  clicks: number | null;
  saves: number | null;
  views: number | null;
  engagements_24h: number | null;
  missing: JSONColumnType<Record<string, string>>;
}

export interface MetricDailyTable {
  workspace_id: string;
  day: ColumnType<string, string, string>;
  channel_id: string;
  campaign_key: string;
  objective_key: string;
  posts: Generated<number>;
  likes: Generated<number>;
  replies: Generated<number>;
  reposts: Generated<number>;
  quotes: Generated<number>;
  impressions: Generated<number>;
  impressions_posts: Generated<number>;
  reach: Generated<number>;
  reach_posts: Generated<number>;
  clicks: Generated<number>;
  clicks_posts: Generated<number>;
  followers_at_post: Generated<number>;
}

export interface ChannelFollowerSnapshotsTable {
  channel_id: string;
  workspace_id: string;
  day: ColumnType<string, string, string>;
  followers: number;
  captured_at: Timestamp;
}

export interface MetricCollectionErrorsTable {
  id: Generated<string>;
  workspace_id: string;
  channel_id: string | null;
  publication_id: string | null;
  code: string;
  message: string;
  created_at: Timestamp;
}

/** Per-workspace salt for engager hashes, sealed with the master secret (SecretBox). */
export interface EngagerSaltsTable {
  workspace_id: string;
  salt_sealed: string;
  created_at: Generated<Date>;
}

/** One engaging account of a publication, as a salted hash (never the raw account id). */
export interface PostEngagersTable {
  publication_id: string;
  workspace_id: string;
  channel_id: string;
  account_hash: string;
  is_follower: boolean;
  first_seen_at: Timestamp;
}

/** The latest engager fetch of a publication (zero accounts is still data). */
export interface PostEngagerFetchesTable {
  publication_id: string;
  workspace_id: string;
  channel_id: string;
  fetched_at: Timestamp;
  accounts: number;
  truncated: boolean;
}

export interface TrackedLinksTable {
  id: Generated<string>;
  workspace_id: string;
  code: string;
  target_url: string;
  destination_url: string;
  post_id: string | null;
  channel_id: string | null;
  network: string | null;
  campaign_id: string | null;
  objective_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface LinkClicksTable {
  id: Generated<string>;
  link_id: string;
  workspace_id: string;
  clicked_at: Timestamp;
  visitor_hash: string;
  is_bot: boolean;
  referrer_host: string | null;
}

export interface VisitorSaltsTable {
  day: ColumnType<string, string, string>;
  salt: string;
}

export interface AnalyticsSettingsTable {
  workspace_id: string;
  conversion_secret_sealed: string;
  pixel_key: string;
  smtp_sealed: string | null;
  brand_color: Generated<string>;
  logo_media_id: string | null;
  updated_at: Timestamp;
}

export interface ConversionsTable {
  id: Generated<string>;
  workspace_id: string;
  link_id: string | null;
  post_id: string | null;
  channel_id: string | null;
  campaign_id: string | null;
  objective_id: string | null;
  kind: string;
  value: Generated<number>;
  currency: Generated<string>;
  external_id: string | null;
  source: string;
  occurred_at: Timestamp;
  created_at: Timestamp;
}

export interface CostsTable {
  id: Generated<string>;
  workspace_id: string;
  campaign_id: string | null;
  channel_id: string | null;
  amount: number;
  currency: Generated<string>;
  incurred_on: ColumnType<string, string, string>;
  note: Generated<string>;
  created_at: Timestamp;
}

/** One "collect all metrics now" run; progress is written here so every web process can report it. */
export interface MetricBackfillsTable {
  id: Generated<string>;
  workspace_id: string;
  started_by: string | null;
  state: ColumnType<'running' | 'done' | 'failed', 'running' | 'done' | 'failed' | undefined, 'running' | 'done' | 'failed'>;
  total: Generated<number>;
  done: Generated<number>;
  failed: Generated<number>;
  error: string | null;
  started_at: Timestamp;
  finished_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface AnalyticsAlertsTable {
  id: Generated<string>;
  workspace_id: string;
  objective_id: string;
  kind: string;
  message: string;
  data: JSONColumnType<Record<string, unknown>>;
  created_at: Timestamp;
  acknowledged_at: NullableTimestamp;
}

export interface ReportSchedulesTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  frequency: 'weekly' | 'monthly';
  formats: JSONColumnType<Array<'pdf' | 'csv'>>;
  language: string;
  recipients: JSONColumnType<string[]>;
  scope: JSONColumnType<{ campaignId?: string; objectiveId?: string; channelId?: string }>;
  next_run_at: Timestamp;
  last_run_at: NullableTimestamp;
  last_error: string | null;
  /** The code for last_error (0840): shown translated; last_error keeps the raw words. */
  last_error_code: Generated<string | null>;
  created_at: Timestamp;
}

// ---------------------------------------------------------------------------
// Listening (issue 4)
// ---------------------------------------------------------------------------

export const LISTENING_QUERY_KINDS = ['brand', 'competitor', 'topic'] as const;
export type ListeningQueryKind = (typeof LISTENING_QUERY_KINDS)[number];

export interface ListeningQueriesTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  query: string;
  kind: ListeningQueryKind;
  competitor_name: string | null;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ListeningSourcesTable {
  id: Generated<string>;
  workspace_id: string;
  kind: string;
  name: string;
  config: JSONColumnType<Record<string, unknown>>;
  /** Durable position in the source (firehose seq, feed ETag, newest id…), saved with the mentions it covers. */
  cursor: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  active: Generated<boolean>;
  status: Generated<string>;
  last_error: string | null;
  /** The code for last_error (0840): shown translated; last_error keeps the raw words. */
  last_error_code: Generated<string | null>;
  last_item_at: NullableTimestamp;
  last_run_at: NullableTimestamp;
  next_poll_at: NullableTimestamp;
  lag_ms: number | null;
  queue_depth: Generated<number>;
  items_ingested: Generated<number>;
  /** The listener process running the source, until when (so several processes never run one source twice). */
  lease_owner: string | null;
  lease_until: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ListeningMentionsTable {
  id: Generated<string>;
  workspace_id: string;
  source_id: string | null;
  source_key: string;
  remote_id: string;
  network: string;
  url: string | null;
  author_handle: Generated<string>;
  author_name: string | null;
  author_reach: number | null;
  text: string;
  lang: string;
  /** Effective label: a user's correction when there is one, else the provider's. */
  sentiment: string | null;
  sentiment_score: number | null;
  /** The provider's label, kept when a user corrects it. */
  auto_sentiment: string | null;
  published_at: Timestamp;
  ingested_at: Timestamp;
}

export interface ListeningMentionMatchesTable {
  mention_id: string;
  query_id: string;
  workspace_id: string;
  published_at: Timestamp;
}

export interface ListeningSentimentCorrectionsTable {
  id: Generated<string>;
  workspace_id: string;
  mention_id: string;
  user_id: string | null;
  from_label: string | null;
  to_label: string;
  created_at: Timestamp;
}

export interface ListeningAlertSettingsTable {
  workspace_id: string;
  enabled: Generated<boolean>;
  window_minutes: Generated<number>;
  history_windows: Generated<number>;
  z_threshold: Generated<number>;
  min_count: Generated<number>;
  notify_emails: ColumnType<string[], string | undefined, string>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface ListeningAlertsTable {
  id: Generated<string>;
  workspace_id: string;
  query_id: string | null;
  /** `query:<id>` or `workspace`: what the spike was measured on. */
  scope: string;
  kind: string;
  window_start: Timestamp;
  window_end: Timestamp;
  count: number;
  expected: number;
  z: number;
  mention_ids: JSONColumnType<string[]>;
  event_id: string | null;
  acknowledged_at: NullableTimestamp;
  emailed_at: NullableTimestamp;
  email_attempts: Generated<number>;
  email_error: string | null;
  created_at: Timestamp;
}
