/**
 * The posts API's request and response schemas (zod): what the composer sends, and
 * the exact shape of every answer (the OpenAPI document is generated from them).
 */
import { z } from 'zod';
import { POST_STATES, PUBLICATION_STATES } from '../../db/schema.ts';
import { isoInstantSchema } from '../../lib/timezones.ts';
import { instant } from '../../server/schemas.ts';
import { POST_TYPES } from '../../networks/types.ts';

/** Most media items in one post or part: the largest carousel any network takes (Instagram and LinkedIn: 20). */
const MAX_MEDIA_ITEMS = 20;
const mediaItemSchema = z.object({ mediaId: z.string().uuid(), alt: z.string().max(5000).optional() });
const threadPartSchema = z.object({ text: z.string().max(20_000), media: z.array(mediaItemSchema).max(10).default([]) });
const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const;
/** Values of a network's own options (its capabilities.options), by option name. */
const networkOptionsSchema = z.record(z.string().max(64), z.union([z.string().max(500), z.boolean()]));
const optionsSchema = z
  .object({
    visibility: z.enum(VISIBILITIES).optional(),
    contentWarning: z.string().max(500).optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/)
      .optional(),
    network: networkOptionsSchema.optional(),
  })
  .default({});
/** What kind of post (the network's capabilities say which it publishes). */
const postTypeSchema = z.enum(POST_TYPES);

/** One channel's variant of a post; anything left out comes from the post itself. */
export const channelVariantSchema = z.object({
  channelId: z.string().uuid(),
  text: z.string().max(20_000).optional(),
  media: z.array(mediaItemSchema).max(MAX_MEDIA_ITEMS).optional(),
  thread: z.array(threadPartSchema).max(25).optional(),
  options: optionsSchema,
  /** The post's kind on this channel; by its media when absent. */
  postType: postTypeSchema.optional(),
  /** Published as the first comment right after the post, where the network takes one. */
  firstComment: z.string().max(5000).optional(),
  /** A title, for networks that take one. */
  title: z.string().max(300).optional(),
});

export const POST_ACTIONS = ['draft', 'submit', 'schedule', 'publish_now'] as const;

/** A post as the composer sends it (create, update, validate, bulk import rows). */
export const postBodySchema = z.object({
  content: z.string().max(20_000).default(''),
  media: z.array(mediaItemSchema).max(MAX_MEDIA_ITEMS).default([]),
  thread: z.array(threadPartSchema).max(25).default([]),
  /** Defaults for every channel (a variant's own value wins). */
  postType: postTypeSchema.optional(),
  firstComment: z.string().max(5000).optional(),
  title: z.string().max(300).optional(),
  channels: z.array(channelVariantSchema).min(1).max(50),
  scheduledAt: isoInstantSchema.optional().nullable(),
  campaignId: z.string().uuid().nullable().optional(),
  objectiveId: z.string().uuid().nullable().optional(),
  segmentId: z.string().uuid().nullable().optional(),
  pillarId: z.string().uuid().nullable().optional(),
  action: z.enum(POST_ACTIONS).default('draft'),
});
export type PostBody = z.infer<typeof postBodySchema>;

export const TRANSITIONS = ['submit', 'approve', 'reject', 'schedule', 'unschedule', 'publish_now', 'cancel', 'restore'] as const;
export type Transition = (typeof TRANSITIONS)[number];

/**
 * The body of a workflow transition. `publishNow` is the explicit go-ahead to publish at once when a
 * post's time has already passed (approve); without it such an approval is refused (`scheduled_time_passed`).
 */
export const transitionBodySchema = z
  .object({ comment: z.string().max(5000).optional(), scheduledAt: isoInstantSchema.optional(), publishNow: z.boolean().optional() })
  .default({});

// ——— Answers ———

const storedMediaItem = z.object({ mediaId: z.string(), alt: z.string().optional() });

/** A network's verdict on one part of a channel's variant: a code (src/networks/validation.ts) and its params; message/messageEs are the same text in English and Spanish. */
export const validationIssueSchema = z.object({
  field: z.string(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  message: z.string(),
  messageEs: z.string(),
});

/** Per-channel validation problems, as returned to the composer. */
/** What one publication costs on a network that bills per API call (X). */
export const apiCostEstimateSchema = z.object({
  currency: z.literal('USD'),
  total: z.number(),
  calls: z.array(z.object({ type: z.string(), count: z.number().int(), unitPrice: z.number(), amount: z.number() })),
  postsWithLinks: z.number().int(),
  pricesAsOf: z.string(),
  pricesSource: z.string(),
});

export const channelIssuesSchema = z.object({
  channelId: z.string().uuid(),
  network: z.string(),
  issues: z.array(validationIssueSchema),
  /** Networks that bill per API call (X): the estimated cost of publishing this variant. */
  apiCost: apiCostEstimateSchema.optional(),
});

/** A publication (one post on one channel): status, attempts, remote link and error. */
export const publicationSchema = z.object({
  id: z.string().uuid(),
  channelId: z.string().uuid(),
  network: z.string(),
  text: z.string(),
  media: z.array(storedMediaItem),
  thread: z.array(z.object({ text: z.string(), media: z.array(storedMediaItem) })),
  options: z.object({
    visibility: z.enum(VISIBILITIES).optional(),
    contentWarning: z.string().optional(),
    language: z.string().optional(),
    network: networkOptionsSchema.optional(),
  }),
  postType: postTypeSchema.nullable(),
  firstComment: z.string().nullable(),
  title: z.string().nullable(),
  /** The first comment's id on the network, once published. */
  firstCommentRemoteId: z.string().nullable(),
  /**
   * The first comment's own status (null without one): pending (its post is not out yet, or it waits
   * for its next try at nextTryAt), publishing, published (with its link) or failed (a reason code).
   */
  firstCommentStatus: z
    .object({
      state: z.enum(['pending', 'publishing', 'published', 'failed']),
      remoteId: z.string().nullable(),
      remoteUrl: z.string().nullable(),
      attempts: z.number().int(),
      nextTryAt: instant.nullable(),
      publishedAt: instant.nullable(),
      error: z.object({ code: z.string(), message: z.string().nullable() }).nullable(),
    })
    .nullable(),
  /** The link card the post was sent with (its URL), or why none was sent (`skipped`, a failure code); null when not asked. */
  linkCard: z.object({ url: z.string().nullable(), skipped: z.string().nullable() }).nullable(),
  state: z.enum(PUBLICATION_STATES),
  dueAt: instant.nullable(),
  attempts: z.number().int(),
  remoteId: z.string().nullable(),
  remoteUrl: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string().nullable() }).nullable(),
  firstAttemptAt: instant.nullable(),
  publishedAt: instant.nullable(),
  missedByMs: z.number().nullable(),
});

/** A post with its publications. */
export const postSchema = z.object({
  id: z.string().uuid(),
  workspaceId: z.string().uuid(),
  authorId: z.string().uuid().nullable(),
  content: z.string(),
  state: z.enum(POST_STATES),
  scheduledAt: instant.nullable(),
  campaignId: z.string().uuid().nullable(),
  objectiveId: z.string().uuid().nullable(),
  segmentId: z.string().uuid().nullable(),
  pillarId: z.string().uuid().nullable(),
  /** The recurring post (src/modules/recurring) this post is an occurrence of, and whether it was edited on its own. */
  recurringRuleId: z.string().uuid().nullable(),
  occurrenceDetached: z.boolean(),
  /** Shared again by queues that recycle evergreen posts; a re-share names its source. */
  evergreen: z.boolean(),
  evergreenSourceId: z.string().uuid().nullable(),
  createdAt: instant,
  updatedAt: instant,
  publications: z.array(publicationSchema),
});

/** Something saved but worth knowing: `scheduled_time_passed` when the post's time is already behind us. */
export const postWarningSchema = z.object({ code: z.enum(['scheduled_time_passed']), message: z.string() });

/** A post just written, with each channel's validation (problems are allowed in drafts) and warnings. */
export const postWithValidationSchema = postSchema.extend({
  validation: z.array(channelIssuesSchema),
  warnings: z.array(postWarningSchema),
});

/** One attempt at publishing one publication. */
export const attemptSchema = z.object({
  id: z.string(),
  publicationId: z.string().uuid(),
  workerId: z.string(),
  startedAt: instant,
  finishedAt: instant.nullable(),
  outcome: z.string(),
  errorKind: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
});

/** A comment, or a workflow step that carries one (submit, approve, reject). */
export const commentSchema = z.object({
  id: z.string().uuid(),
  body: z.string(),
  kind: z.string(),
  createdAt: instant,
  authorId: z.string().uuid(),
  authorName: z.string().nullable(),
});

/** One event of a post's audit history. */
export const historyEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: instant,
});

/** A post with its attempt log, comments and audit history. */
export const postDetailSchema = postSchema.extend({
  attempts: z.array(attemptSchema),
  comments: z.array(commentSchema),
  history: z.array(historyEventSchema),
});
