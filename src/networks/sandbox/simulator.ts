/**
 * The sandbox network itself, without HTTP: accounts, posts, the exact record of
 * every accepted post, a simulated audience, and injectable latency and faults.
 * Used in-process by the sandbox adapter and behind `server.ts` over HTTP.
 */
import {
  contentFeatures,
  dayIndex,
  DAY_MS,
  defaultBaseFollowers,
  followerHistory,
  followersAt,
  isValidTimeZone,
  localTimeParts,
  mentionsOnDay,
  metricsAt,
  repliesToPost,
  type AudienceAccount,
  type AudiencePost,
  type FollowerDay,
  type MetricCounts,
  type SimulatedMention,
} from './audience.ts';
import { engagersAt, type SimulatedEngagers } from './engagers.ts';
import { mulberry32 } from './prng.ts';

/** The sandbox's own content rules; the adapter advertises the same ones. */
export const SANDBOX_RULES = {
  maxChars: 500,
  maxImages: 4,
  maxImageBytes: 5 * 1024 * 1024,
  acceptedImageTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
  maxAltChars: 1000,
  maxContentWarningChars: 500,
  maxMarkerChars: 200,
  visibilities: ['public', 'unlisted', 'private', 'direct'],
  /** Items in one carousel post (`postType: 'carousel'`); other posts take `maxImages`. */
  maxCarouselItems: 10,
  acceptedVideoTypes: ['video/mp4', 'video/quicktime'],
  maxVideoBytes: 512 * 1024 * 1024,
  maxVideoSeconds: 600,
  /** Kinds of post the sandbox publishes (`postType`; text or image by the media when absent). */
  postTypes: ['text', 'image', 'carousel', 'video', 'thread'],
} as const;

export type SandboxVisibility = (typeof SANDBOX_RULES.visibilities)[number];

/** Latency and fault injection, changeable at runtime with `setOptions`. */
export interface SandboxOptions {
  /** Added to every simulated call before it is processed. */
  latencyMs: number;
  /** Extra uniform random delay in [0, jitterMs) on top of latencyMs. */
  jitterMs: number;
  /** Share of calls answered 500/502/503 without storing anything. */
  errorRate5xx: number;
  /** Share of posts stored and then left without an answer (the client sees a timeout). */
  timeoutAfterAcceptRate: number;
  /** Share of calls answered 429 with Retry-After, without storing anything. */
  rateLimitRate: number;
  /** Retry-After seconds sent with a 429. */
  retryAfterSeconds: number;
  /** When false, a repeated Idempotency-Key creates a duplicate post (chaos tests). */
  honourIdempotencyKey: boolean;
  /** Seed of the fault stream and of the audience model. */
  seed: number;
  /** How long a "timeout after accept" holds the call before dropping the connection. */
  hangMs: number;
  /** Also apply latency, 5xx and 429 to reads and deletes (never hangs). */
  faultsOnReads: boolean;
  /** Time zone of a new account's audience (hour-of-day effects), unless configured per account. */
  defaultTimeZone: string;
  /**
   * When false (default), a post whose caller stopped waiting before the network
   * stored it (connection closed, or past the caller's X-Sandbox-Deadline) is
   * dropped, so only the injected faults leave ambiguous outcomes behind. When
   * true, it is stored anyway, late: a harsher chaos mode where a lookup made
   * right after the timeout can miss a post that lands later.
   */
  processAbandonedCalls: boolean;
}

export const DEFAULT_SANDBOX_OPTIONS: Readonly<SandboxOptions> = Object.freeze({
  latencyMs: 0,
  jitterMs: 0,
  errorRate5xx: 0,
  timeoutAfterAcceptRate: 0,
  rateLimitRate: 0,
  retryAfterSeconds: 2,
  honourIdempotencyKey: true,
  seed: 1,
  hangMs: 30_000,
  faultsOnReads: false,
  defaultTimeZone: 'Europe/Madrid',
  processAbandonedCalls: false,
});

export interface SandboxNetworkInit extends Partial<SandboxOptions> {
  /** Clock used for timestamps, metrics, followers and mentions (ms since epoch). */
  now?: () => number;
}

/** One line of the record: a post the network accepted (stored), in order. */
export interface AcceptedRecordEntry {
  postId: string;
  accountHandle: string;
  text: string;
  mediaCount: number;
  idempotencyKey?: string;
  marker?: string;
  /** Network clock at acceptance, ms since epoch. */
  acceptedAt: number;
}

export interface SandboxMedia {
  alt?: string;
  size: number;
  mimeType: string;
  /** A video's length, when the client says it. */
  durationSeconds?: number;
}

/** A post as submitted, after validation. */
export interface PostDraft {
  text: string;
  media: SandboxMedia[];
  replyTo?: string;
  marker?: string;
  visibility?: SandboxVisibility;
  contentWarning?: string;
  language?: string;
  postType?: string;
}

export interface StoredPost extends AudiencePost {
  media: SandboxMedia[];
  /** 'text' | 'image' | 'carousel' | 'video' | 'thread', as the client said (null: by its media). */
  postType?: string | null;
  replyTo: string | null;
  marker: string | null;
  idempotencyKey: string | null;
  visibility: SandboxVisibility;
  contentWarning: string | null;
  language: string | null;
}

export interface SandboxAccount extends AudienceAccount {
  id: string;
  displayName: string;
}

export interface DraftIssue {
  field: string;
  code: string;
  message: string;
}

/** What the fault stream decided for one call. */
export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'server_error'; status: 500 | 502 | 503 }
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'accept_then_hang'; hangMs: number };

/** Counters of what the network did, for chaos and load reports. */
export interface SandboxStats {
  writeCalls: number;
  accepted: number;
  idempotentReplays: number;
  serverErrors: number;
  rateLimited: number;
  hung: number;
  unauthorized: number;
  invalid: number;
  /** Posts dropped because the caller had already hung up. */
  abandoned: number;
}

const HANDLE_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
const MENTION_ID_PATTERN = /^m_[A-Za-z0-9_.:-]+$/;
const MAX_MENTION_WINDOW_MS = 31 * DAY_MS;
const MAX_MENTIONS_RETURNED = 1000;

function emptyStats(): SandboxStats {
  return {
    writeCalls: 0,
    accepted: 0,
    idempotentReplays: 0,
    serverErrors: 0,
    rateLimited: 0,
    hung: 0,
    unauthorized: 0,
    invalid: 0,
    abandoned: 0,
  };
}

function checkRate(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new RangeError(`${name} must be between 0 and 1`);
}

function checkNonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a number ≥ 0`);
}

/** True when `handle` is a valid sandbox handle (letters, digits, _ . -, up to 64). */
export function isValidHandle(handle: string): boolean {
  return HANDLE_PATTERN.test(handle);
}

/**
 * A simulated social network. Accounts are created on first use by handle;
 * any bearer token except "bad" and revoked ones is accepted.
 */
export class SandboxNetwork {
  /** Every accepted post, in acceptance order; deleting a post does not remove its line. */
  readonly accepted: AcceptedRecordEntry[] = [];
  private currentOptions: SandboxOptions;
  /** State kept by the sandbox's other parts (the inbox, inbox.ts), by name; cleared by `reset`. */
  readonly extensions = new Map<string, unknown>();
  private clock: () => number;
  private faultRandom: () => number;
  private jitterRandom: () => number;
  private readonly accounts = new Map<string, SandboxAccount>();
  private readonly posts = new Map<string, StoredPost>();
  private readonly postsByAccount = new Map<string, StoredPost[]>();
  private readonly postsByMarker = new Map<string, StoredPost[]>();
  private readonly postsPerDay = new Map<string, Map<number, number>>();
  private readonly idempotencyKeys = new Map<string, string>();
  private readonly revokedTokens = new Set<string>();
  private postCounter = 0;
  private counters: SandboxStats = emptyStats();

  constructor(init: SandboxNetworkInit = {}) {
    const { now, ...options } = init;
    this.clock = now ?? Date.now;
    this.currentOptions = { ...DEFAULT_SANDBOX_OPTIONS };
    this.faultRandom = mulberry32(this.currentOptions.seed);
    this.jitterRandom = mulberry32(this.currentOptions.seed ^ 0x5bd1e995);
    this.setOptions(options);
  }

  /** The current latency and fault options. */
  get options(): Readonly<SandboxOptions> {
    return this.currentOptions;
  }

  /**
   * Changes options at runtime (only the given ones). Throws a RangeError, and
   * changes nothing, when a value is out of range. A new seed restarts the fault stream.
   */
  setOptions(patch: Partial<SandboxOptions>): SandboxOptions {
    const next: SandboxOptions = { ...this.currentOptions };
    for (const [key, value] of Object.entries(patch) as Array<[keyof SandboxOptions, unknown]>) {
      if (value === undefined) continue;
      if (!(key in DEFAULT_SANDBOX_OPTIONS)) throw new RangeError(`unknown option ${key}`);
      const expected = typeof DEFAULT_SANDBOX_OPTIONS[key];
      if (typeof value !== expected) throw new RangeError(`${key} must be a ${expected}`);
      (next as unknown as Record<string, unknown>)[key] = value;
    }
    checkRate('errorRate5xx', next.errorRate5xx);
    checkRate('timeoutAfterAcceptRate', next.timeoutAfterAcceptRate);
    checkRate('rateLimitRate', next.rateLimitRate);
    if (next.errorRate5xx + next.timeoutAfterAcceptRate + next.rateLimitRate > 1) {
      throw new RangeError('errorRate5xx + timeoutAfterAcceptRate + rateLimitRate must not exceed 1');
    }
    checkNonNegative('latencyMs', next.latencyMs);
    checkNonNegative('jitterMs', next.jitterMs);
    checkNonNegative('hangMs', next.hangMs);
    checkNonNegative('retryAfterSeconds', next.retryAfterSeconds);
    if (!Number.isInteger(next.seed)) throw new RangeError('seed must be an integer');
    if (!isValidTimeZone(next.defaultTimeZone)) throw new RangeError(`unknown time zone ${next.defaultTimeZone}`);
    const reseed = next.seed !== this.currentOptions.seed;
    this.currentOptions = next;
    if (reseed) {
      this.faultRandom = mulberry32(next.seed);
      this.jitterRandom = mulberry32(next.seed ^ 0x5bd1e995);
    }
    return { ...next };
  }

  /** The network's clock, ms since epoch. */
  now(): number {
    return this.clock();
  }

  /** Replaces the clock (tests move time forward to watch metrics accrue). */
  setClock(now: () => number): void {
    this.clock = now;
  }

  /** Counters of calls, faults and acceptances since creation or reset. */
  stats(): SandboxStats {
    return { ...this.counters };
  }

  /** Forgets accounts, posts, the record, revoked tokens and counters; keeps options and clock. */
  reset(): void {
    this.accepted.length = 0;
    this.accounts.clear();
    this.posts.clear();
    this.postsByAccount.clear();
    this.postsByMarker.clear();
    this.postsPerDay.clear();
    this.idempotencyKeys.clear();
    this.revokedTokens.clear();
    this.counters = emptyStats();
    this.extensions.clear();
  }

  // -------------------------------------------------------------------------
  // Authentication
  // -------------------------------------------------------------------------

  /** Any non-empty token is valid except "bad" and revoked ones. */
  isTokenValid(token: string | undefined): boolean {
    return token !== undefined && token !== '' && token !== 'bad' && !this.revokedTokens.has(token);
  }

  /** Makes a token invalid from now on (its calls get 401). */
  revokeToken(token: string): void {
    this.revokedTokens.add(token);
  }

  /** Counts a rejected credential in the stats. */
  noteUnauthorized(): void {
    this.counters.unauthorized++;
  }

  // -------------------------------------------------------------------------
  // Accounts and followers
  // -------------------------------------------------------------------------

  /** The account for `handle`, created on first use. Throws a RangeError on an invalid handle. */
  account(handle: string): SandboxAccount {
    let account = this.accounts.get(handle);
    if (!account) {
      if (!isValidHandle(handle)) throw new RangeError(`invalid handle ${handle}`);
      account = {
        id: `acct_${handle}`,
        handle,
        displayName: handle.charAt(0).toUpperCase() + handle.slice(1),
        createdAt: this.clock(),
        baseFollowers: defaultBaseFollowers(this.currentOptions.seed, handle),
        timeZone: this.currentOptions.defaultTimeZone,
      };
      this.accounts.set(handle, account);
    }
    return account;
  }

  /** Sets an account's display name, audience time zone, starting followers or creation time. */
  configureAccount(
    handle: string,
    settings: { displayName?: string; timeZone?: string; followers?: number; createdAt?: number },
  ): SandboxAccount {
    const account = this.account(handle);
    if (settings.timeZone !== undefined && !isValidTimeZone(settings.timeZone)) {
      throw new RangeError(`unknown time zone ${settings.timeZone}`);
    }
    if (settings.followers !== undefined && (!Number.isInteger(settings.followers) || settings.followers < 0)) {
      throw new RangeError('followers must be an integer ≥ 0');
    }
    if (settings.displayName !== undefined) account.displayName = settings.displayName;
    if (settings.timeZone !== undefined) account.timeZone = settings.timeZone;
    if (settings.followers !== undefined) account.baseFollowers = settings.followers;
    if (settings.createdAt !== undefined) account.createdAt = settings.createdAt;
    return account;
  }

  private postsOnDayCounter(handle: string): (day: number) => number {
    const perDay = this.postsPerDay.get(handle);
    return (day) => perDay?.get(day) ?? 0;
  }

  /** Daily followers, gained and lost from the account's creation to `untilMs` (default now). */
  followerHistory(handle: string, untilMs: number = this.clock()): FollowerDay[] {
    const account = this.account(handle);
    return followerHistory(this.currentOptions.seed, account, dayIndex(untilMs), this.postsOnDayCounter(handle));
  }

  /** Followers of the account on the day of `atMs` (default now). */
  followers(handle: string, atMs: number = this.clock()): number {
    return followersAt(this.currentOptions.seed, this.account(handle), atMs, this.postsOnDayCounter(handle));
  }

  // -------------------------------------------------------------------------
  // Latency and faults
  // -------------------------------------------------------------------------

  /** Waits latencyMs plus jitter (no timer at all when both are 0). */
  simulateLatency(): Promise<void> {
    const { latencyMs, jitterMs } = this.currentOptions;
    const delay = latencyMs + (jitterMs > 0 ? this.jitterRandom() * jitterMs : 0);
    if (delay <= 0) return Promise.resolve();
    return new Promise((resolve) => setTimeout(resolve, delay));
  }

  /**
   * Draws the fault for one call from the seeded stream: one draw per call, so a
   * given seed and call order always give the same faults.
   */
  drawFault(operation: 'write' | 'read'): FaultDecision {
    const options = this.currentOptions;
    if (operation === 'write') this.counters.writeCalls++;
    if (operation === 'read' && !options.faultsOnReads) return { kind: 'none' };
    const draw = this.faultRandom();
    let threshold = options.rateLimitRate;
    if (draw < threshold) {
      this.counters.rateLimited++;
      return { kind: 'rate_limited', retryAfterSeconds: options.retryAfterSeconds };
    }
    threshold += options.errorRate5xx;
    if (draw < threshold) {
      this.counters.serverErrors++;
      const statuses = [500, 502, 503] as const;
      return { kind: 'server_error', status: statuses[Math.floor(this.faultRandom() * statuses.length)] };
    }
    threshold += options.timeoutAfterAcceptRate;
    if (operation === 'write' && draw < threshold) return { kind: 'accept_then_hang', hangMs: options.hangMs };
    return { kind: 'none' };
  }

  /** Counts a post that was stored but left unanswered. */
  noteHung(): void {
    this.counters.hung++;
  }

  /** Counts a post dropped because its caller hung up before it was stored. */
  noteAbandoned(): void {
    this.counters.abandoned++;
  }

  // -------------------------------------------------------------------------
  // Posts
  // -------------------------------------------------------------------------

  /**
   * Checks a request body against the network's rules. Returns the draft, or
   * every problem found (the API answers 422 with them).
   */
  parseDraft(body: unknown): { draft: PostDraft; issues: [] } | { draft: null; issues: DraftIssue[] } {
    const issues: DraftIssue[] = [];
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return { draft: null, issues: [{ field: 'body', code: 'invalid_body', message: 'body must be a JSON object' }] };
    }
    const input = body as Record<string, unknown>;
    const text = input.text ?? '';
    const rawMedia = input.media ?? [];
    const media: SandboxMedia[] = [];
    if (typeof text !== 'string') issues.push({ field: 'text', code: 'invalid_type', message: 'text must be a string' });
    else if (Array.from(text).length > SANDBOX_RULES.maxChars) {
      issues.push({ field: 'text', code: 'too_long', message: `text is longer than ${SANDBOX_RULES.maxChars} characters` });
    }
    const postType = input.postType;
    if (postType !== undefined && postType !== null && !(SANDBOX_RULES.postTypes as readonly unknown[]).includes(postType)) {
      issues.push({ field: 'postType', code: 'invalid_value', message: 'unknown post type' });
    }
    const maxItems = postType === 'carousel' ? SANDBOX_RULES.maxCarouselItems : postType === 'video' ? 1 : SANDBOX_RULES.maxImages;
    if (!Array.isArray(rawMedia)) {
      issues.push({ field: 'media', code: 'invalid_type', message: 'media must be an array' });
    } else {
      if (rawMedia.length > maxItems) {
        issues.push({ field: 'media', code: 'too_many', message: `at most ${maxItems} media items` });
      }
      rawMedia.forEach((item: unknown, index) => {
        const field = `media[${index}]`;
        if (typeof item !== 'object' || item === null) {
          issues.push({ field, code: 'invalid_type', message: 'media item must be an object' });
          return;
        }
        const { alt, size, mimeType, durationSeconds } = item as Record<string, unknown>;
        const isVideo = typeof mimeType === 'string' && (SANDBOX_RULES.acceptedVideoTypes as readonly string[]).includes(mimeType);
        if (typeof size !== 'number' || !Number.isFinite(size) || size < 0) {
          issues.push({ field: `${field}.size`, code: 'invalid_type', message: 'size must be a number of bytes' });
        } else if (!isVideo && size > SANDBOX_RULES.maxImageBytes) {
          issues.push({ field: `${field}.size`, code: 'too_large', message: 'image is larger than 5 MB' });
        } else if (isVideo && size > SANDBOX_RULES.maxVideoBytes) {
          issues.push({ field: `${field}.size`, code: 'too_large', message: 'video is larger than 512 MB' });
        }
        if (isVideo && typeof durationSeconds === 'number' && durationSeconds > SANDBOX_RULES.maxVideoSeconds) {
          issues.push({ field: `${field}.durationSeconds`, code: 'too_long', message: 'video is longer than 10 minutes' });
        }
        if (isVideo && postType !== 'video' && postType !== 'carousel') {
          issues.push({ field: `${field}.mimeType`, code: 'unsupported_type', message: 'videos go in video or carousel posts' });
        }
        if (typeof mimeType !== 'string' || (!isVideo && !(SANDBOX_RULES.acceptedImageTypes as readonly string[]).includes(mimeType))) {
          issues.push({ field: `${field}.mimeType`, code: 'unsupported_type', message: 'unsupported media type' });
        }
        if (alt !== undefined && alt !== null && typeof alt !== 'string') {
          issues.push({ field: `${field}.alt`, code: 'invalid_type', message: 'alt must be a string' });
        } else if (typeof alt === 'string' && Array.from(alt).length > SANDBOX_RULES.maxAltChars) {
          issues.push({ field: `${field}.alt`, code: 'too_long', message: 'alt text is longer than 1000 characters' });
        }
        media.push({
          size: size as number,
          mimeType: mimeType as string,
          ...(typeof alt === 'string' ? { alt } : {}),
          ...(isVideo && typeof durationSeconds === 'number' ? { durationSeconds } : {}),
        });
      });
    }
    if (typeof text === 'string' && text.trim() === '' && Array.isArray(rawMedia) && rawMedia.length === 0) {
      issues.push({ field: 'text', code: 'empty', message: 'a post needs text or media' });
    }
    const optionalString = (field: string, max: number): string | undefined => {
      const value = input[field];
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'string') issues.push({ field, code: 'invalid_type', message: `${field} must be a string` });
      else if (value.length > max) issues.push({ field, code: 'too_long', message: `${field} is too long` });
      else return value;
      return undefined;
    };
    const replyTo = optionalString('replyTo', 200);
    if (replyTo !== undefined && !this.posts.has(replyTo) && !MENTION_ID_PATTERN.test(replyTo)) {
      issues.push({ field: 'replyTo', code: 'not_found', message: 'the post replied to does not exist' });
    }
    const marker = optionalString('marker', SANDBOX_RULES.maxMarkerChars);
    const contentWarning = optionalString('contentWarning', SANDBOX_RULES.maxContentWarningChars);
    const language = optionalString('language', 16);
    const visibility = optionalString('visibility', 16);
    if (visibility !== undefined && !(SANDBOX_RULES.visibilities as readonly string[]).includes(visibility)) {
      issues.push({ field: 'visibility', code: 'invalid_value', message: 'unknown visibility' });
    }
    if (issues.length > 0) {
      this.counters.invalid++;
      return { draft: null, issues };
    }
    return {
      draft: {
        text: text as string,
        media,
        ...(replyTo !== undefined ? { replyTo } : {}),
        ...(marker !== undefined ? { marker } : {}),
        ...(visibility !== undefined ? { visibility: visibility as SandboxVisibility } : {}),
        ...(contentWarning !== undefined ? { contentWarning } : {}),
        ...(language !== undefined ? { language } : {}),
        ...(typeof postType === 'string' ? { postType } : {}),
      },
      issues: [],
    };
  }

  /**
   * Stores a validated post and appends it to the record, unless the
   * Idempotency-Key was seen before for this account and keys are honoured, in
   * which case the earlier post is returned (`replayed: true`) and nothing is recorded.
   */
  acceptPost(handle: string, draft: PostDraft, idempotencyKey?: string): { post: StoredPost; replayed: boolean } {
    const account = this.account(handle);
    const keySlot = idempotencyKey ? `${handle}\u0000${idempotencyKey}` : null;
    if (keySlot && this.currentOptions.honourIdempotencyKey) {
      const earlierId = this.idempotencyKeys.get(keySlot);
      const earlier = earlierId === undefined ? undefined : this.posts.get(earlierId);
      if (earlier) {
        this.counters.idempotentReplays++;
        return { post: earlier, replayed: true };
      }
    }
    const createdAt = this.clock();
    const local = localTimeParts(createdAt, account.timeZone);
    const post: StoredPost = {
      id: `p${++this.postCounter}`,
      accountHandle: handle,
      text: draft.text,
      media: draft.media,
      postType: draft.postType ?? null,
      replyTo: draft.replyTo ?? null,
      marker: draft.marker ?? null,
      idempotencyKey: idempotencyKey ?? null,
      visibility: draft.visibility ?? 'public',
      contentWarning: draft.contentWarning ?? null,
      language: draft.language ?? null,
      createdAt,
      deletedAt: null,
      followersAtPost: this.followers(handle, createdAt),
      localHour: local.hour,
      localWeekday: local.weekday,
      features: contentFeatures(draft.text, draft.media.length, draft.replyTo !== undefined),
    };
    this.posts.set(post.id, post);
    let own = this.postsByAccount.get(handle);
    if (!own) this.postsByAccount.set(handle, (own = []));
    own.push(post);
    if (post.marker !== null) {
      const markerSlot = `${handle}\u0000${post.marker}`;
      let sameMarker = this.postsByMarker.get(markerSlot);
      if (!sameMarker) this.postsByMarker.set(markerSlot, (sameMarker = []));
      sameMarker.push(post);
    }
    let perDay = this.postsPerDay.get(handle);
    if (!perDay) this.postsPerDay.set(handle, (perDay = new Map()));
    const day = dayIndex(createdAt);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
    if (keySlot && !this.idempotencyKeys.has(keySlot)) this.idempotencyKeys.set(keySlot, post.id);
    this.accepted.push({
      postId: post.id,
      accountHandle: handle,
      text: post.text,
      mediaCount: post.media.length,
      ...(idempotencyKey ? { idempotencyKey } : {}),
      ...(post.marker !== null ? { marker: post.marker } : {}),
      acceptedAt: createdAt,
    });
    this.counters.accepted++;
    return { post, replayed: false };
  }

  /** A post by id (deleted ones included, with `deletedAt` set). */
  getPost(postId: string): StoredPost | undefined {
    return this.posts.get(postId);
  }

  /** Marks a post deleted; false when unknown or already deleted. Its record line stays. */
  deletePost(postId: string): boolean {
    const post = this.posts.get(postId);
    if (!post || post.deletedAt !== null) return false;
    post.deletedAt = this.clock();
    return true;
  }

  /** The account's live posts, newest first, optionally only those with `marker`. */
  postsOf(handle: string, filter: { marker?: string; limit?: number } = {}): StoredPost[] {
    const source =
      filter.marker !== undefined
        ? (this.postsByMarker.get(`${handle}\u0000${filter.marker}`) ?? [])
        : (this.postsByAccount.get(handle) ?? []);
    const limit = filter.limit ?? 100;
    const result: StoredPost[] = [];
    for (let index = source.length - 1; index >= 0 && result.length < limit; index--) {
      if (source[index].deletedAt === null) result.push(source[index]);
    }
    return result;
  }

  /** The earliest live post of `handle` carrying `marker`, or null. */
  lookupByMarker(handle: string, marker: string): StoredPost | null {
    const sameMarker = this.postsByMarker.get(`${handle}\u0000${marker}`) ?? [];
    return sameMarker.find((post) => post.deletedAt === null) ?? null;
  }

  /** Markers accepted more than once on the same account, with their post ids, from the record. */
  duplicates(): Array<{ accountHandle: string; marker: string; postIds: string[] }> {
    const byMarker = new Map<string, { accountHandle: string; marker: string; postIds: string[] }>();
    for (const entry of this.accepted) {
      if (entry.marker === undefined) continue;
      const slot = `${entry.accountHandle}\u0000${entry.marker}`;
      const group = byMarker.get(slot);
      if (group) group.postIds.push(entry.postId);
      else byMarker.set(slot, { accountHandle: entry.accountHandle, marker: entry.marker, postIds: [entry.postId] });
    }
    return [...byMarker.values()].filter((group) => group.postIds.length > 1);
  }

  /** Extra posts beyond the first per (account, marker) in the record: 0 means no duplicates. */
  countDuplicates(): number {
    return this.duplicates().reduce((sum, group) => sum + group.postIds.length - 1, 0);
  }

  // -------------------------------------------------------------------------
  // Audience
  // -------------------------------------------------------------------------

  /** A post's simulated counts at `atMs` (default now), or undefined for an unknown post. */
  metrics(postId: string, atMs: number = this.clock()): MetricCounts | undefined {
    const post = this.posts.get(postId);
    return post ? metricsAt(this.currentOptions.seed, post, atMs) : undefined;
  }

  /** The simulated accounts behind a post's counts at `atMs` (engagers.ts), or undefined for an unknown post. */
  engagers(postId: string, cap: number, atMs: number = this.clock()): SimulatedEngagers | undefined {
    const post = this.posts.get(postId);
    return post ? engagersAt(this.currentOptions.seed, post, atMs, cap) : undefined;
  }

  /**
   * The audience's replies to the account's posts and plain mentions of it,
   * created after `sinceMs` and up to `untilMs` (default now), oldest first.
   * The window reaches back at most 31 days; default 7 days.
   */
  mentions(handle: string, window: { sinceMs?: number; untilMs?: number } = {}): SimulatedMention[] {
    const account = this.account(handle);
    const seed = this.currentOptions.seed;
    const until = window.untilMs ?? this.clock();
    const since = Math.max(window.sinceMs ?? until - 7 * DAY_MS, until - MAX_MENTION_WINDOW_MS);
    const found: SimulatedMention[] = [];
    for (const post of this.postsByAccount.get(handle) ?? []) {
      if (post.createdAt > until) continue;
      for (const reply of repliesToPost(seed, post, until)) {
        if (reply.createdAt > since && reply.createdAt <= until) found.push(reply);
      }
    }
    const history = this.followerHistory(handle, until);
    const firstDay = Math.max(dayIndex(since), dayIndex(account.createdAt));
    for (const day of history) {
      const index = dayIndex(Date.parse(day.date));
      if (index < firstDay) continue;
      for (const mention of mentionsOnDay(seed, account, index, day.followers)) {
        if (mention.createdAt > since && mention.createdAt <= until && mention.createdAt >= account.createdAt) {
          found.push(mention);
        }
      }
    }
    found.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    return found.length > MAX_MENTIONS_RETURNED ? found.slice(found.length - MAX_MENTIONS_RETURNED) : found;
  }
}
