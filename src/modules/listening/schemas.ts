/** The listening API's request and response schemas (zod; the OpenAPI document is generated from them). */
import { z } from 'zod';
import { LISTENING_QUERY_KINDS } from '../../db/schema.ts';
import { isoInstantSchema } from '../../lib/timezones.ts';
import { instant, listSchema, pageSchema } from '../../server/schemas.ts';
import { objectParams } from '../../server/api.ts';
import { LISTENING_SOURCE_KINDS } from './sources/registry.ts';

/** Where every listening route lives, and its OpenAPI tag. */
export const LISTENING_BASE = '/workspaces/:workspaceId/listening';
export const LISTENING_TAGS = ['listening'];

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;

export const queryParams = objectParams('queryId');
export const sourceParams = objectParams('sourceId');
export const mentionParams = objectParams('mentionId');
export const alertParams = objectParams('alertId');

// ----- requests ------------------------------------------------------------------------------

export const queryBody = z.object({
  name: z.string().trim().min(1).max(120),
  query: z.string().min(1).max(4000),
  kind: z.enum(LISTENING_QUERY_KINDS),
  competitorName: z.string().trim().min(1).max(120).nullish(),
  active: z.boolean().optional(),
});

/** An unsaved query run against the stored mentions (the saved-query variant omits `query`). */
export const queryTestBody = z.object({
  query: z.string().min(1).max(4000),
  from: isoInstantSchema.optional(),
  to: isoInstantSchema.optional(),
  limit: z.number().int().min(1).max(200).default(50),
  scan: z.number().int().min(1).max(50_000).default(10_000),
});

/** Alert settings a manager may change; every field is optional (the rest keep their value). */
export const alertSettingsBody = z
  .object({
    enabled: z.boolean(),
    windowMinutes: z.number().int().min(5).max(1440),
    historyWindows: z.number().int().min(4).max(672),
    threshold: z.number().min(1).max(20),
    minCount: z.number().int().min(1).max(100_000),
    notifyEmails: z.array(z.string().trim().toLowerCase().email().max(254)).max(10),
  })
  .partial()
  .strict();

const sourceName = z.string().trim().min(1).max(120);
/** One body shape per kind, with that kind's config schema (sources/registry.ts). */
export const sourceBody = z.discriminatedUnion(
  'kind',
  LISTENING_SOURCE_KINDS.map((definition) =>
    z.object({ kind: z.literal(definition.kind), name: sourceName, config: definition.config }),
  ) as unknown as [z.ZodObject<{ kind: z.ZodLiteral<string>; name: typeof sourceName; config: z.ZodObject }>],
);

export const sourcePatchBody = z.object({
  name: sourceName.optional(),
  active: z.boolean().optional(),
  /**
   * Settings to change, merged over the stored ones and checked by the kind's rules;
   * `null` removes an optional setting. A new `accessToken` is sealed again; omit it to keep the stored one.
   */
  config: z.record(z.string(), z.unknown()).optional(),
});

export const importBody = z.object({
  csv: z.string().min(1).max(20_000_000),
  textColumn: z.string().max(100).optional(),
  defaultNetwork: z.string().max(40).optional(),
});

export const rangeQuery = z.object({ from: isoInstantSchema.optional(), to: isoInstantSchema.optional() });

export const mentionFilterFields = rangeQuery.extend({
  queryId: z.string().uuid().optional(),
  sentiment: z.enum(SENTIMENTS).optional(),
  lang: z.string().max(10).optional(),
  network: z.string().max(40).optional(),
  q: z.string().max(200).optional(),
});
export const mentionFilters = mentionFilterFields.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
/** Filters of the mention stream and export. */
export type MentionFilters = z.infer<typeof mentionFilterFields>;

// ----- responses -----------------------------------------------------------------------------

export const querySchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  query: z.string(),
  kind: z.enum(LISTENING_QUERY_KINDS),
  competitorName: z.string().nullable(),
  active: z.boolean(),
  createdAt: instant,
  updatedAt: instant,
});

export const sourceSchema = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  name: z.string(),
  /** The stored settings; secrets show as "••••". */
  config: z.record(z.string(), z.unknown()),
  cursor: z.record(z.string(), z.unknown()).nullable(),
  active: z.boolean(),
  status: z.string(),
  lastError: z.string().nullable(),
  /** Why the source last failed, as a code (src/lib/failure-code.ts or a network's): the web app words it; lastError is the raw text. */
  lastErrorCode: z.string().nullable(),
  lastItemAt: instant.nullable(),
  lastRunAt: instant.nullable(),
  nextPollAt: instant.nullable(),
  lagMs: z.number().nullable(),
  queueDepth: z.number().int(),
  itemsIngested: z.number(),
  /** The listener process running the source, if any. */
  runningOn: z.string().nullable(),
  createdAt: instant,
});
export const sourceListSchema = listSchema(sourceSchema).extend({ kinds: z.array(z.string()) });

const sentimentLabel = z.string().nullable();
export const mentionSchema = z.object({
  id: z.string().uuid(),
  network: z.string(),
  sourceId: z.string().uuid().nullable(),
  remoteId: z.string(),
  url: z.string().nullable(),
  author: z.object({ handle: z.string(), name: z.string().nullable(), reach: z.number().nullable() }),
  text: z.string(),
  lang: z.string(),
  sentiment: sentimentLabel,
  sentimentScore: z.number().nullable(),
  autoSentiment: sentimentLabel,
  corrected: z.boolean(),
  publishedAt: instant,
  ingestedAt: instant,
  queryIds: z.array(z.string().uuid()),
});
export const mentionPageSchema = pageSchema(mentionSchema);
export const mentionDetailSchema = mentionSchema.extend({
  corrections: z.array(
    z.object({ id: z.string().uuid(), from: z.string().nullable(), to: z.string(), by: z.string().nullable(), at: instant }),
  ),
});

export const queryTestSchema = z.object({
  scanned: z.number().int(),
  matched: z.number().int(),
  tookMs: z.number(),
  items: z.array(mentionSchema),
});

export const importResultSchema = z.object({
  rows: z.number().int(),
  stored: z.number().int(),
  duplicates: z.number().int(),
  matched: z.number().int(),
  /** Which CSV header was read for each field (null when absent). */
  columns: z.record(z.string(), z.string().nullable()),
});

export const alertSchema = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  scope: z.string(),
  queryId: z.string().uuid().nullable(),
  windowStart: instant,
  windowEnd: instant,
  count: z.number().int(),
  expected: z.number(),
  z: z.number(),
  mentionIds: z.array(z.string()),
  eventId: z.string().nullable(),
  acknowledgedAt: instant.nullable(),
  emailedAt: instant.nullable(),
  emailError: z.string().nullable(),
  createdAt: instant,
});

export const alertSettingsSchema = z.object({
  enabled: z.boolean(),
  windowMinutes: z.number().int(),
  historyWindows: z.number().int(),
  threshold: z.number(),
  minCount: z.number().int(),
  notifyEmails: z.array(z.string()),
  updatedAt: instant.nullable(),
});

const termCount = z.object({ term: z.string(), count: z.number().int() });

const volumePoint = z.object({ at: instant, count: z.number().int() });

export const volumeSchema = z.object({
  interval: z.enum(['hour', 'day']),
  timeZone: z.string(),
  /** Every mention of the range (and query filter), the number the other panels count. */
  total: z.array(volumePoint),
  series: z.array(
    z.object({
      queryId: z.string().uuid(),
      name: z.string(),
      kind: z.enum(LISTENING_QUERY_KINDS),
      points: z.array(volumePoint),
    }),
  ),
});

export const shareOfVoiceSchema = z.object({
  formula: z.string(),
  brand: z.object({ mentions: z.number().int(), share: z.number() }),
  competitors: z.array(z.object({ name: z.string(), mentions: z.number().int(), share: z.number() })),
  total: z.number().int(),
});

export const sentimentReportSchema = z.object({
  counts: z.object({ positive: z.number().int(), neutral: z.number().int(), negative: z.number().int() }),
  total: z.number().int(),
  netSentiment: z.number(),
  formula: z.string(),
});

export const sourceBreakdownSchema = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({
      sourceId: z.string().uuid().nullable(),
      name: z.string().nullable(),
      kind: z.string().nullable(),
      network: z.string(),
      mentions: z.number().int(),
    }),
  ),
});

/** The dashboard's filter: a range and, optionally, one query (the same for every panel). */
export const analysisQuery = rangeQuery.extend({ queryId: z.string().uuid().optional() });

export const authorsSchema = listSchema(
  z.object({
    handle: z.string(),
    name: z.string().nullable(),
    network: z.string(),
    mentions: z.number().int(),
    reach: z.number().nullable(),
  }),
);

export const termsSchema = z.object({ sampled: z.number().int(), terms: z.array(termCount), phrases: z.array(termCount) });

export const trendingSchema = z.object({
  windowMinutes: z.number(),
  items: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(['query', 'pair', 'term']),
      label: z.string(),
      count: z.number().int(),
      expected: z.number(),
      z: z.number(),
      windowStart: instant,
    }),
  ),
});
