/** Response schemas of the analytics routes (the OpenAPI document and the serializer use them). */
import { BEST_TIME_REASON_CODES, type BestTimeReasonCode } from '../../lib/best-time-reasons.ts';
import { z } from 'zod';
import { day, instant, listSchema } from '../../server/schemas.ts';
import { KPI_NAMES } from './kpis.ts';

const uuid = z.string().uuid();
const bilingual = z.object({ en: z.string(), es: z.string() });

/** One KPI: a value, or null with the reason. */
export const kpiValueSchema = z.object({
  name: z.enum(KPI_NAMES),
  label: bilingual,
  formula: z.string(),
  formulaEs: z.string(),
  value: z.number().nullable(),
  reason: z.string().nullable(),
});

/** A KPI's catalog entry. */
export const kpiCatalogEntrySchema = z.object({
  en: z.string(),
  es: z.string(),
  formula: z.string(),
  formulaEs: z.string(),
  unit: z.enum(['%', 'count', 'per_post', 'money']),
  higherIsBetter: z.boolean(),
});

/** What each network's API reports, and why a metric is missing. */
export const networkReportsSchema = z.record(
  z.string(),
  z.object({ reports: z.array(z.string()), missing: z.record(z.string(), z.string()) }),
);

const totals = {
  posts: z.number(),
  likes: z.number(),
  replies: z.number(),
  reposts: z.number(),
  quotes: z.number(),
  engagements: z.number(),
  impressions: z.number().nullable(),
  reach: z.number().nullable(),
  networkClicks: z.number().nullable(),
  followersAtPost: z.number(),
};

const periodSummarySchema = z.object({
  range: z.object({ from: instant, to: instant, firstDay: day, lastDay: day, timeZone: z.string() }),
  totals: z.object({
    ...totals,
    linkClicks: z.number(),
    uniqueVisitors: z.number(),
    leads: z.number(),
    conversionValue: z.number(),
    cost: z.number(),
    followersStart: z.number().nullable(),
    followersEnd: z.number().nullable(),
  }),
  kpis: z.array(kpiValueSchema),
  series: z.array(z.object({ day, ...totals })),
  followers: z.array(z.object({ day, followers: z.number() })),
});

const rankedPostSchema = z.object({
  publicationId: uuid,
  postId: uuid,
  channelId: uuid,
  network: z.string(),
  publishedAt: instant,
  excerpt: z.string(),
  hasMedia: z.boolean(),
  pillarId: uuid.nullable(),
  engagements: z.number(),
  engagementRateByFollowers: z.number().nullable(),
});

/** Per-channel totals (overview breakdown, objective evidence). */
const channelRowSchema = z.object({
  channelId: uuid,
  name: z.string(),
  network: z.string(),
  posts: z.number(),
  engagements: z.number(),
  engagementRateByFollowers: z.number().nullable(),
});

/** A dashboard: the period, the previous one, the change of every KPI, the best and worst posts. */
export const dashboardSchema = z.object({
  scope: z.object({ channelId: uuid.optional(), campaignId: uuid.optional(), objectiveId: uuid.optional() }),
  timeZone: z.string(),
  days: z.object({ timeZone: z.string(), firstDay: day, lastDay: day, from: instant, to: instant }),
  current: periodSummarySchema,
  previous: periodSummarySchema.nullable(),
  changes: z.record(z.string(), z.number().nullable()).nullable(),
  posts: z.object({ top: z.array(rankedPostSchema), bottom: z.array(rankedPostSchema) }),
});

export const overviewSchema = dashboardSchema.extend({
  channels: z.array(channelRowSchema),
  networkReports: networkReportsSchema,
  /** Posts of the period published but not measured yet: how many, and when the first and last of them are expected. */
  awaitingFirstMetrics: z.object({ publications: z.number(), firstExpectedAt: instant.nullable(), lastExpectedAt: instant.nullable() }),
});

const suggestionSchema = z.object({ kind: z.string(), en: z.string(), es: z.string() });
const forecastSchema = z.object({ linear: z.number().nullable(), ewma: z.number().nullable(), method: z.string(), methodEs: z.string() });
/** not_started, too_early (in its grace period, see judgingFrom), not_measurable, no_data, on_track or off_track. */
const objectiveStatus = z.string();

/** The objective as progress shows it (before its start: without label, baseline and start). */
const progressObjectiveSchema = z.object({
  id: uuid,
  name: z.string(),
  kpi: z.string(),
  kpiLabel: kpiCatalogEntrySchema.optional(),
  target: z.number(),
  baseline: z.number().optional(),
  startAt: instant.optional(),
  deadline: instant,
});

export const objectiveProgressSchema = z.object({
  objective: progressObjectiveSchema,
  status: objectiveStatus,
  /** When the objective starts being judged (before it the status is too_early). */
  judgingFrom: instant,
  current: z.number().nullable(),
  reason: z.string().nullable().optional(),
  forecast: forecastSchema.nullable(),
  series: z.array(z.object({ day, value: z.number() })),
  evidence: z
    .object({
      channels: z.array(channelRowSchema),
      underperformingChannels: z.array(channelRowSchema),
      underperformingPosts: z.array(rankedPostSchema),
      formats: z.object({
        withMedia: z.object({ posts: z.number(), rate: z.number().nullable() }),
        textOnly: z.object({ posts: z.number(), rate: z.number().nullable() }),
      }),
      pillars: z.array(z.object({ name: z.string(), posts: z.number(), rate: z.number() })),
    })
    .nullable(),
  suggestions: z.array(suggestionSchema),
});

export const objectiveStatusListSchema = listSchema(
  z.object({
    objective: progressObjectiveSchema,
    status: objectiveStatus,
    judgingFrom: instant,
    current: z.number().nullable(),
    forecast: forecastSchema.nullable(),
    reason: z.string().nullable().optional(),
    suggestions: z.array(suggestionSchema),
  }),
);

const snapshotCounts = {
  likes: z.number().nullable(),
  replies: z.number().nullable(),
  reposts: z.number().nullable(),
  quotes: z.number().nullable(),
  impressions: z.number().nullable(),
  reach: z.number().nullable(),
  clicks: z.number().nullable(),
  /** Saves and views (Instagram, Facebook, YouTube, Pinterest): null when the network did not report them; the reason is in `missing`. */
  saves: z.number().nullable(),
  views: z.number().nullable(),
};

export const postDashboardSchema = z.object({
  postId: uuid,
  content: z.string(),
  publications: z.array(
    z.object({
      publicationId: uuid,
      channelId: uuid,
      network: z.string(),
      state: z.string(),
      publishedAt: instant.nullable(),
      remoteUrl: z.string().nullable(),
      /** Published without metrics yet: when the first snapshot is expected (null once measured). */
      firstMetricsExpectedAt: instant.nullable(),
      missing: z.record(z.string(), z.string()),
      snapshots: z.array(z.object({ capturedAt: instant, step: z.number().nullable(), ...snapshotCounts })),
      kpis: z.array(kpiValueSchema),
    }),
  ),
  links: z.array(
    z.object({
      id: uuid,
      shortUrl: z.string(),
      targetUrl: z.string(),
      channelId: uuid.nullable(),
      network: z.string().nullable(),
      clicks: z.number(),
      uniqueVisitors: z.number(),
      conversions: z.number(),
      conversionValue: z.number(),
    }),
  ),
});

const bestTimeCellSchema = z.object({
  weekday: z.number(),
  hour: z.number(),
  posts: z.number(),
  rawRate: z.number().nullable(),
  rate: z.number().nullable(),
});

export const bestTimeSchema = z.object({
  timeZone: z.string(),
  method: z.string(),
  methodEs: z.string(),
  minSample: z.number(),
  samples: z.number(),
  cells: z.array(bestTimeCellSchema),
  best: z.array(bestTimeCellSchema),
});

/** The next best time, or none with the reason (and how many samples there were). */
export const suggestTimeSchema = z.object({
  suggestion: z.string().nullable(),
  localTime: z.string().nullable().optional(),
  timeZone: z.string().optional(),
  cell: bestTimeCellSchema.optional(),
  /** The reason in English (for clients that print it as it is); the web app and the CLI word `reasonCode`. */
  reason: z.string().nullable(),
  reasonCode: z.enum(BEST_TIME_REASON_CODES as [BestTimeReasonCode, ...BestTimeReasonCode[]]).nullable(),
  reasonParams: z.record(z.string(), z.number()),
  grid: z.object({ samples: z.number() }).optional(),
});

export const channelFitSchema = z.object({
  rankedBy: z.string(),
  minPosts: z.number(),
  networks: z.array(
    z.object({
      rank: z.number(),
      network: z.string(),
      posts: z.number(),
      engagementRateByFollowers: z.number().nullable(),
      amplificationRate: z.number().nullable(),
      conversationRate: z.number().nullable(),
      leads: z.number(),
      conversionValue: z.number(),
      enoughData: z.boolean(),
    }),
  ),
});

export const alertListSchema = listSchema(
  z.object({
    id: uuid,
    objectiveId: uuid,
    kind: z.string(),
    message: z.string(),
    messageEs: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    createdAt: instant,
    acknowledgedAt: instant.nullable(),
  }),
);

export const okSchema = z.object({ ok: z.literal(true) });

export const evaluationSchema = listSchema(z.object({ objectiveId: uuid, status: z.string(), changed: z.boolean() }));

export const backfillSchema = z.object({
  jobId: uuid,
  state: z.enum(['running', 'done', 'failed']),
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  finished: z.boolean(),
  error: z.string().nullable(),
  startedBy: uuid.nullable(),
  startedAt: instant,
  finishedAt: instant.nullable(),
  updatedAt: instant,
});

export const backfillStartSchema = backfillSchema.extend({ alreadyRunning: z.boolean() });

export const collectionResultSchema = z.object({
  discovered: z.number(),
  snapshots: z.number(),
  errors: z.number(),
  deferred: z.number(),
  followers: z.number(),
});

export const collectionErrorListSchema = listSchema(
  z.object({
    // bigserial: a number on the wire.
    id: z.union([z.number(), z.string()]),
    channelId: uuid.nullable(),
    channelName: z.string().nullable(),
    network: z.string().nullable(),
    publicationId: uuid.nullable(),
    postId: uuid.nullable(),
    code: z.string(),
    message: z.string(),
    createdAt: instant,
  }),
);

export const kpiCatalogSchema = z.object({ kpis: z.record(z.enum(KPI_NAMES), kpiCatalogEntrySchema), networks: networkReportsSchema });

export const analyticsSettingsSchema = z.object({
  brandColor: z.string(),
  logoMediaId: uuid.nullable(),
  smtp: z
    .object({
      host: z.string(),
      port: z.number(),
      secure: z.boolean(),
      user: z.string().nullable(),
      from: z.string(),
      hasPassword: z.boolean(),
    })
    .nullable(),
});

export const reportScheduleSchema = z.object({
  id: uuid,
  name: z.string(),
  frequency: z.enum(['weekly', 'monthly']),
  formats: z.array(z.enum(['pdf', 'csv'])),
  language: z.string(),
  recipients: z.array(z.string()),
  scope: z.object({ channelId: uuid.optional(), campaignId: uuid.optional(), objectiveId: uuid.optional() }),
  nextRunAt: instant,
  lastRunAt: instant.nullable(),
  lastError: z.string().nullable(),
  /** Why the last run failed, as a code (src/lib/failure-code.ts): the web app words it; lastError is the raw text. */
  lastErrorCode: z.string().nullable(),
});

export const reportRunSchema = z.object({ ok: z.boolean(), error: z.string().optional(), errorCode: z.string().optional() });
