/**
 * The one interface every social network adapter implements.
 *
 * An adapter is stateless: it receives the channel's decrypted credentials and
 * non-secret settings on every call, so the publishing engine can run many
 * copies of it across workers. Adapters never touch the database.
 */

import type { ChannelContext } from './channel-context.ts';
import type { InboxAdapter } from './inbox.ts';
import type { OAuthProvider, OAuthSignInWay } from './oauth.ts';

/** A network's name (its folder's name): 'bluesky', 'mastodon', 'sandbox'… */
export type NetworkName = string;

/** What kind of post a publication is; each adapter declares the ones it publishes. */
export const POST_TYPES = ['text', 'link', 'image', 'carousel', 'video', 'reel', 'story', 'thread', 'document'] as const;
export type PostType = (typeof POST_TYPES)[number];

/** How a network counts the characters of its limit (x-weighted: X's weights; utf8-emoji: Threads' emoji bytes). */
export const CHAR_COUNTINGS = ['graphemes', 'code-points', 'utf16', 'x-weighted', 'utf8-emoji'] as const;
export type CharCounting = (typeof CHAR_COUNTINGS)[number];

/** Limits a network puts on one video, checked before saving (see modules/media for how they are read). */
export interface VideoLimits {
  maxBytes: number;
  minDurationSeconds: number;
  maxDurationSeconds: number;
  /** Width / height, inclusive; e.g. 9/16 … 16/9. */
  minAspectRatio: number;
  maxAspectRatio: number;
  /** Containers by MIME type: 'video/mp4', 'video/quicktime'. */
  containers: string[];
  /** Video codecs as their sample entry reads: 'avc1' (H.264), 'hvc1'/'hev1' (HEVC). */
  codecs: string[];
}

/** A per-network option the composer offers and the adapter reads from `PublishInput.options.network`. */
export interface NetworkOption {
  name: string;
  kind: 'select' | 'boolean' | 'text';
  /** Allowed values of a select, in order; the first is the default unless `default` says otherwise. */
  values?: string[];
  default?: string | boolean;
  label: { en: string; es: string };
  /** Labels of a select's values. */
  valueLabels?: Record<string, { en: string; es: string }>;
  /** Post types it applies to; all when absent. */
  postTypes?: PostType[];
  /**
   * A text option whose usual values live in the account (WordPress categories and tags): the
   * composer offers them, read through `NetworkAdapter.optionChoices`; other values stay allowed.
   */
  choicesFromAccount?: boolean;
}

/** One value an account offers for an option (`NetworkOption.choicesFromAccount`). */
export interface OptionChoice {
  value: string;
  /** How many posts use it, when the network says. */
  count?: number;
}

/** What a network can publish, declared by its adapter and used by the composer and validation. */
export interface NetworkCapabilities {
  postTypes: PostType[];
  /** Items in one carousel (or multi-image post). */
  maxCarouselItems: number;
  /** A first comment published right after the post. */
  firstComment: boolean;
  /** Absent: no video. */
  video?: VideoLimits;
  /** Documents (PDF) for document posts (LinkedIn). */
  maxDocumentBytes?: number;
  /** Media fetched by the network from a public URL (Instagram, Threads): needs PUBLIC_URL reachable from the internet. */
  mediaByUrl: boolean;
  /**
   * How the network counts the characters of `maxChars`. 'utf8-emoji' (Threads): every character
   * counts one, except an emoji (its whole grapheme cluster), which counts its UTF-8 bytes.
   */
  charCounting: CharCounting;
  /** The network's own counter, when `charCounting` names a rule of its own (x-weighted, utf8-emoji). */
  countChars?: (text: string) => number;
  options: NetworkOption[];
}

/** How an adapter makes a retry safe after an ambiguous outcome (timeout, crash). */
export type IdempotencyStrategy =
  /** The remote record key is derived from the publication id, so a retry overwrites or conflicts, never duplicates. */
  | 'deterministic-record-key'
  /** The network honours an Idempotency-Key header for a while (Mastodon: 1 hour). */
  | 'idempotency-key-header'
  /** Nothing server-side: look the post up (by a marker) before retrying. */
  | 'reconcile-by-lookup';

export interface NetworkLimits {
  /** Maximum characters (graphemes for Bluesky) in one post's text. */
  maxChars: number;
  maxImages: number;
  /** Maximum bytes of one image. */
  maxImageBytes: number;
  acceptedImageTypes: string[];
  /** Alt text maximum length, or 0 when unsupported. */
  maxAltChars: number;
  supportsThreads: boolean;
  supportsContentWarning: boolean;
  supportsVisibility: boolean;
  /** Default posting rate the engine respects per channel (posts per minute). */
  postsPerMinutePerChannel: number;
  /**
   * The network has no idempotency and the adapter finds a lost post only by the order of the
   * channel's messages (Telegram): the engine lets one publication per channel be in doubt at a
   * time (channels.send_holder), so two lost answers on one channel cannot be mixed up.
   */
  oneSendInDoubtPerChannel?: true;
  /**
   * The adapter calls ChannelContext.postingSlot right before the request that creates the post
   * (after its lookups and uploads), instead of the engine taking the slot before publish.
   */
  takesPostingSlot?: true;
}

/** One image (or other media) attached to a post, already stored in Plaza's media store. */
export interface MediaInput {
  mediaId: string;
  mimeType: string;
  /**
   * The whole file. For large video the media store may leave this empty and give `openStream`
   * instead: adapters that upload video read through `openStream` when it is present.
   */
  bytes: Uint8Array;
  /**
   * Streams the stored file, or the byte range [start, end) of it, without holding it in memory
   * (resumable uploads send a chunk at a time, and resume from where the network says).
   */
  openStream?(range?: { start: number; end?: number }): AsyncIterable<Uint8Array>;
  alt?: string;
  size: number;
  /** 'image' when absent. */
  kind?: 'image' | 'video' | 'document';
  /** What the media store read from the file: pixels, and for video its length and codec. */
  width?: number;
  height?: number;
  durationSeconds?: number;
  codec?: string;
  /** A signed, expiring public URL of the file, for networks that fetch media by URL (mediaByUrl). */
  publicUrl?: string;
}

/** What a publication sends: the root post and, in thread mode, its follow-ups. */
export interface PublishInput {
  /** Stable id of the publication (one post on one channel); the idempotency anchor. */
  publicationId: string;
  text: string;
  media: MediaInput[];
  /** Follow-up posts of a thread, each a reply to the previous one. */
  thread?: Array<{ text: string; media: MediaInput[] }>;
  /** When Plaza first tried this publication (ISO): how far back a reconcile lookup must search. */
  firstAttemptAt?: string;
  /**
   * An earlier attempt of this publication was started (not just deferred) and may have reached the
   * network: adapters without idempotency look for its post before sending, however soon this is.
   */
  retry?: true;
  options?: {
    visibility?: 'public' | 'unlisted' | 'private' | 'direct';
    contentWarning?: string;
    language?: string;
    /** Values of the network's own options (capabilities.options), by name. */
    network?: Record<string, string | boolean>;
  };
  /** 'text' or 'image' (by the media) when absent. */
  postType?: PostType;
  /** Published as the first comment right after the post (capabilities.firstComment). */
  firstComment?: string;
  /** A title, for networks that take one (YouTube, Pinterest, blogs, LinkedIn documents). */
  title?: string;
  /**
   * The link card of the text's first link, read by Plaza (modules/link-cards, cached) for adapters
   * that declare `linkCards`, when the post has no media. Absent when the page gave no card.
   */
  linkCard?: LinkCardInput;
}

/** An Open Graph card as Plaza read it, with its image when the adapter uploads one (`linkCards.thumbnail`). */
export interface LinkCardInput {
  url: string;
  title: string;
  description: string | null;
  siteName: string | null;
  imageUrl: string | null;
  /** The card's image, fetched through the safe fetcher and size-capped; absent when it could not be read. */
  image?: { bytes: Uint8Array; mimeType: string };
}

/** A first comment to publish under a post that is already out (`NetworkAdapter.publishFirstComment`). */
export interface FirstCommentInput {
  /** The publication's id: the comment's idempotency anchor. */
  publicationId: string;
  /** The post's remote id (as `PublishResult.remoteId`). */
  postRemoteId: string;
  text: string;
  /** When Plaza first tried the publication (ISO): how far back a lookup must search. */
  firstAttemptAt?: string;
  /**
   * True when an earlier try may have posted it (a retry, a crash, a lost answer): the adapter must
   * find that comment rather than post a second one.
   */
  reconcile: boolean;
}

export interface PublishResult {
  remoteId: string;
  remoteUrl: string | null;
  /** Remote ids of the thread's follow-ups, in order. */
  threadRemoteIds?: string[];
  /** Remote id of the first comment, once published. */
  firstCommentRemoteId?: string;
  /** Its address, where the network gives one. */
  firstCommentRemoteUrl?: string | null;
}

export type { ChannelContext, PostingSlot } from './channel-context.ts';

/** One problem `validate` found; build it with `validationIssue` (validation.ts) so the code has texts. */
export interface ValidationIssue {
  field: string;
  code: string;
  /** Values the code's text needs ({ max: 280 }). */
  params?: Record<string, string | number>;
  message: string;
  messageEs: string;
}

/** The per-post metrics an adapter can report. */
export const POST_METRIC_NAMES = ['likes', 'replies', 'reposts', 'quotes', 'impressions', 'reach', 'clicks'] as const;
export type PostMetricName = (typeof POST_METRIC_NAMES)[number];

/**
 * Why a network gives no value for a metric. The API answers these codes and the web app
 * translates them (analytics.metricReasons.<code>); never English prose from the server.
 */
export const METRIC_REASON_CODES = [
  /** The network's API does not report this metric at all. */
  'not_provided_by_network',
  /** The network does not count link clicks: Plaza's tracked links do. */
  'use_tracked_links',
  /** This server (instance) is too old to report it; newer versions do. */
  'needs_newer_server',
  /** The connected account lacks the permission (scope) to read it. */
  'needs_permission',
  /** The network reports it, but not for this account or post (Facebook Pages under 100 likes, insights not computed yet). */
  'not_available_for_account',
  /** Read from updates that only a polling bot receives, and the channel's inbox takes pushes (Telegram reactions with a webhook set). */
  'unavailable_with_pushes',
] as const;
export type MetricReasonCode = (typeof METRIC_REASON_CODES)[number];

/** Metric → why it is missing, e.g. { impressions: 'not_provided_by_network' }. */
export type MissingMetrics = Partial<Record<PostMetricName, MetricReasonCode>>;

/** What a network reports, declared by its adapter (analytics shows it; `missing` is the default reason per metric). */
export interface MetricsSupport {
  /** Metrics the network reports; `followers` is the account's follower count. */
  reported: Array<PostMetricName | 'followers'>;
  /** Metrics it never reports, each with its reason code. */
  missing: MissingMetrics;
  /**
   * Counts beyond the core ones that it reports in `networkMetrics`: `saves` (as `saved` or `saves`)
   * and `views` (of the post or its video). Absent: neither (their reason: not_provided_by_network).
   */
  extra?: Array<'saves' | 'views'>;
}

/** The saves and views a network reported in `networkMetrics` (null: not reported). */
export function savesAndViews(networkMetrics: Record<string, number> | undefined): { saves: number | null; views: number | null } {
  const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : null);
  return { saves: count(networkMetrics?.saved ?? networkMetrics?.saves), views: count(networkMetrics?.views) };
}

export interface PostMetrics {
  likes: number | null;
  replies: number | null;
  reposts: number | null;
  quotes: number | null;
  impressions: number | null;
  reach: number | null;
  clicks: number | null;
  /** Shares (sends) of the post, for networks that report them (Threads); absent elsewhere. */
  shares?: number | null;
  /** Why a metric is null, as a reason code: { impressions: 'not_provided_by_network' }. */
  missing: MissingMetrics;
  /** Metrics beyond POST_METRIC_NAMES, by the network's own name (Instagram `saved`, Facebook `reactions`). */
  networkMetrics?: Record<string, number>;
}

export interface ChannelHealth {
  ok: boolean;
  /** Account as the network sees it (handle, display name, followers when known). */
  account?: { id: string; handle: string; displayName?: string; followers?: number };
  /** `kind` says whether the credentials were refused (auth: the channel needs reconnecting). */
  error?: { code: string; message: string; kind?: NetworkErrorKind };
}

/** Most engaging accounts an adapter returns for one post; beyond it the list is marked truncated. */
export const MAX_ENGAGERS_PER_POST = 1000;

/**
 * The accounts that engaged with one post (liked, reposted, replied), each
 * once, with whether it follows the channel. `id` is the network's stable
 * account id (DID, account id); Plaza stores only a salted hash of it.
 */
export interface PostEngagers {
  accounts: Array<{ id: string; follower: boolean }>;
  /** True when the cap or a paging limit cut the list short. */
  truncated: boolean;
}

export interface RemoteMention {
  remoteId: string;
  url: string | null;
  authorHandle: string;
  authorName?: string;
  text: string;
  createdAt: string;
  inReplyToRemoteId?: string;
}

/**
 * Every failure an adapter throws is a NetworkError, classified so the engine
 * knows whether a retry is safe and useful.
 */
export type NetworkErrorKind =
  /** Worth retrying later: 5xx, connection refused before sending, 429. */
  | 'transient'
  /** Rate limited; retryAfterMs says when to come back. */
  | 'rate_limited'
  /** The request may or may not have taken effect (timeout after sending). Reconcile before retrying. */
  | 'ambiguous'
  /** Credentials rejected: the channel needs reconnecting. Never retried. */
  | 'auth'
  /** The network refused the content or request for good (validation, duplicate, forbidden). */
  | 'permanent';

export class NetworkError extends Error {
  constructor(
    readonly kind: NetworkErrorKind,
    /** Short machine code, e.g. 'http_503', 'timeout', 'invalid_token'. */
    readonly code: string,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; body?: unknown } = {},
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

/**
 * checkHealth's answer when a call failed: a NetworkError makes the channel unhealthy with the
 * network's code and kind (kind 'auth' means reconnect); anything else is a bug and is thrown.
 */
export function unhealthy(error: unknown): ChannelHealth {
  if (error instanceof NetworkError) return { ok: false, error: { code: error.code, message: error.message, kind: error.kind } };
  throw error;
}

/** What one publication costs on a network that charges per API call (X), estimated before sending. */
export interface ApiCostEstimate {
  /** The currency the network bills in. */
  currency: 'USD';
  /** Total, rounded to a tenth of a cent. */
  total: number;
  /** Requests by kind, with the unit price and their cost. */
  calls: Array<{ type: string; count: number; unitPrice: number; amount: number }>;
  /** Posts in the publication that carry a link (some networks bill them higher). */
  postsWithLinks: number;
  /** When the unit prices were read, and where. */
  pricesAsOf: string;
  pricesSource: string;
}

/** A network's daily API quota as counted by Plaza (YouTube: per Google Cloud project and bucket). */
export interface NetworkQuotaUsage {
  /** The quota's own day (YYYY-MM-DD in the network's reset zone). */
  day: string;
  /** Units used today, by bucket (YouTube: units, uploads, search). */
  used: Record<string, number>;
  limit: Record<string, number>;
  /** When the counts start again (ISO instant). */
  resetsAt: string;
}

export interface NetworkAdapter {
  readonly name: NetworkName;
  /** Shown next to the network everywhere: the sandbox says it is simulated. */
  readonly label: { en: string; es: string };
  readonly simulated: boolean;
  readonly limits: NetworkLimits;
  readonly idempotency: IdempotencyStrategy;
  /** Which credentials and settings a connection needs (for forms and validation). */
  readonly connectionFields: Array<{ name: string; secret: boolean; required: boolean; label: { en: string; es: string } }>;
  /** Which metrics the network reports and why the others are missing (reason codes). */
  readonly metrics: MetricsSupport;
  /** What it publishes; absent on older adapters: text and images per `limits`. */
  readonly capabilities?: NetworkCapabilities;
  /** Present when the network connects by signing in (OAuth 2.0); see oauth.ts. */
  readonly oauth?: OAuthProvider;
  /** Other ways to sign in, offered next to `oauth` (Instagram: through Facebook Login); see oauth.ts. */
  readonly oauthWays?: readonly OAuthSignInWay[];
  /** Present when Plaza can read and answer what people write to the channel (inbox.ts). */
  readonly inbox?: InboxAdapter;

  /**
   * Publishes a post's first comment, after the post is out, exactly once: with `reconcile` it first
   * looks for the comment an earlier try may have made. Adapters with this method never comment
   * inside `publish`; the engine calls it right after the post, and again (only it) on a retry.
   */
  publishFirstComment?(ctx: ChannelContext, input: FirstCommentInput): Promise<{ remoteId: string; remoteUrl: string | null }>;
  /**
   * Present when the network shows a link card Plaza sends (Bluesky's external embed, LinkedIn's
   * article): the engine reads the card of a media-less post's first link and passes it as
   * `PublishInput.linkCard`; with `thumbnail`, the card's image too, up to `maxThumbnailBytes`.
   */
  readonly linkCards?: { thumbnail: boolean; maxThumbnailBytes: number; thumbnailTypes: string[] };

  /** Present when the network charges per API call: what publishing `input` costs (no network, no clock). */
  estimateApiCost?(input: Pick<PublishInput, 'text' | 'media' | 'thread' | 'firstComment'>): ApiCostEstimate;

  /** Present when the network has a daily quota per app: today's use for this channel's app (no network call). */
  quotaUsage?(channel: { settings: Record<string, unknown> }): NetworkQuotaUsage;

  /**
   * Checks content against this network's limits without calling it. `channel` (its non-secret
   * settings) is given when the post is checked for a known channel, e.g. Pinterest's board.
   */
  validate(input: PublishInput, channel?: { settings: Record<string, unknown> }): ValidationIssue[];
  /** Verifies credentials and returns the account; used on connect and by health checks. */
  checkHealth(ctx: ChannelContext): Promise<ChannelHealth>;
  /** The values the account offers for a `choicesFromAccount` option (WordPress: the site's categories), most used first. */
  optionChoices?(ctx: ChannelContext, option: string): Promise<OptionChoice[]>;
  /**
   * Publishes the post (and its thread). Must be safe to call again for the same
   * publicationId after an ambiguous outcome, per `idempotency`.
   */
  publish(ctx: ChannelContext, input: PublishInput): Promise<PublishResult>;
  /**
   * After an ambiguous outcome: finds the post this publication already created, if any.
   * Returns null when the network has no trace of it (so publishing again is safe).
   */
  findPublished(ctx: ChannelContext, input: PublishInput): Promise<PublishResult | null>;
  delete(ctx: ChannelContext, remoteId: string): Promise<void>;
  fetchMetrics(ctx: ChannelContext, remoteId: string): Promise<PostMetrics>;
  fetchMentions(ctx: ChannelContext, since?: string): Promise<RemoteMention[]>;
  /** Who engaged with a post and whether they follow the channel (at most MAX_ENGAGERS_PER_POST); optional. */
  fetchEngagers?(ctx: ChannelContext, remoteId: string): Promise<PostEngagers>;
}
