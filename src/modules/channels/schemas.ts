/** The channels API's response schemas (and the connection fields a request sends). */
import { z } from 'zod';
import { instant } from '../../server/schemas.ts';
import { mediaByUrlProblemSchema, networkCapabilitiesSchema } from '../posts/capability-schema.ts';

/** Connection fields as submitted; which ones a network needs is in its `connectionFields`. */
export const fieldsSchema = z.record(z.string().max(100), z.union([z.string().max(4000), z.number(), z.boolean()]));

const label = z.object({ en: z.string(), es: z.string() });

export const networkLimitsSchema = z.object({
  maxChars: z.number().int(),
  maxImages: z.number().int(),
  maxImageBytes: z.number().int(),
  acceptedImageTypes: z.array(z.string()),
  maxAltChars: z.number().int(),
  supportsThreads: z.boolean(),
  supportsContentWarning: z.boolean(),
  supportsVisibility: z.boolean(),
  postsPerMinutePerChannel: z.number(),
});

export const networkSchema = z.object({
  name: z.string(),
  label,
  simulated: z.boolean(),
  limits: networkLimitsSchema,
  idempotency: z.enum(['deterministic-record-key', 'idempotency-key-header', 'reconcile-by-lookup']),
  connectionFields: z.array(z.object({ name: z.string(), secret: z.boolean(), required: z.boolean(), label })),
  /** What it publishes (post types, carousel, video, first comment, its own options); null: text and images per `limits`. */
  capabilities: networkCapabilitiesSchema.nullable(),
  /** Set when it fetches media by URL and PUBLIC_URL does not let it reach this install. */
  mediaByUrlProblem: mediaByUrlProblemSchema.nullable(),
  /**
   * How it connects by signing in: 'app' (the install's app, Settings → Integrations), 'instance'
   * (the user's server first, Mastodon), or null (connection fields only).
   */
  signIn: z.enum(['app', 'instance']).nullable(),
  /** Other ways to sign in besides the network's own login (Instagram: through a Facebook Page), each with its button text and hint. */
  signInWays: z.array(z.object({ id: z.string(), label, hint: label, appNetwork: z.string() })),
});

export const channelSchema = z.object({
  id: z.string().uuid(),
  workspaceId: z.string().uuid(),
  network: z.string(),
  networkLabel: label,
  simulated: z.boolean(),
  name: z.string(),
  /** The connection's non-secret settings (credentials are never shown). */
  settings: z.record(z.string(), z.unknown()),
  status: z.enum(['active', 'needs_reconnect', 'disconnected']),
  /** The account as the network last described it (handle, display name, followers when known). */
  account: z.record(z.string(), z.unknown()).nullable(),
  lastError: z.string().nullable(),
  /** Why the last check failed, as the network's code (the web app shows it translated; lastError is the raw text). */
  lastErrorCode: z.string().nullable(),
  lastCheckedAt: instant.nullable(),
  createdAt: instant,
  limits: networkLimitsSchema.nullable(),
  capabilities: networkCapabilitiesSchema.nullable(),
  mediaByUrlProblem: mediaByUrlProblemSchema.nullable(),
  /** When the connection ends unless someone reconnects (sign-in channels whose access cannot be renewed forever). */
  connectionExpiresAt: instant.nullable(),
  /** Connected by signing in with the network (Reconnect signs in again). */
  signIn: z.boolean(),
  /**
   * Networks that bill per API call (X): what this channel's publications cost this month, in the
   * brand's time zone (null: the network does not charge). Present on the channel list and one channel.
   */
  apiCost: z
    .object({ currency: z.literal('USD'), month: z.string(), total: z.number(), publications: z.number().int() })
    .nullable()
    .optional(),
  /**
   * Networks with a daily API quota (YouTube, per Google Cloud project): today's use per bucket as
   * this process counted it, and when it resets (YouTube: midnight Pacific). Null: no such quota.
   */
  quota: z
    .object({
      day: z.string(),
      resetsAt: instant,
      buckets: z.array(z.object({ bucket: z.string(), used: z.number(), limit: z.number() })),
    })
    .nullable(),
});

export const healthSchema = z.object({
  ok: z.boolean(),
  account: z
    .object({ id: z.string(), handle: z.string(), displayName: z.string().optional(), followers: z.number().optional() })
    .optional(),
  /** `code` is stable (the web app translates it); `kind` says whether the credentials were refused. */
  error: z
    .object({
      code: z.string(),
      message: z.string(),
      kind: z.enum(['transient', 'rate_limited', 'ambiguous', 'auth', 'permanent']).optional(),
    })
    .optional(),
});
