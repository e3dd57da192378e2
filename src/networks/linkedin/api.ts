/**
 * LinkedIn's REST API as the adapter speaks it: the pinned version headers, bearer auth, one
 * timeout per request bound to the engine's signal and deadline, every URL through
 * `networkUrl` (local contract servers), and every failure turned into a NetworkError.
 */
import { requestFailure } from '../request-failure.ts';
import { networkUrl } from '../endpoints.ts';
import { NetworkError, type ChannelContext } from '../types.ts';

/**
 * The API LinkedIn is spoken to with, pinned in this ONE place: the versioned REST API month
 * (`LinkedIn-Version: YYYYMM`, each version is supported for about a year) and Rest.li 2.0.
 */
export const LINKEDIN_API = {
  version: '202511',
  restliProtocolVersion: '2.0.0',
  rest: 'https://api.linkedin.com/rest',
  /** OpenID Connect's userinfo lives outside the versioned API. */
  userinfo: 'https://api.linkedin.com/v2/userinfo',
  authorize: 'https://www.linkedin.com/oauth/v2/authorization',
  token: 'https://www.linkedin.com/oauth/v2/accessToken',
} as const;

/** The headers every versioned REST call carries. */
export function versionHeaders(): Record<string, string> {
  return { 'LinkedIn-Version': LINKEDIN_API.version, 'X-Restli-Protocol-Version': LINKEDIN_API.restliProtocolVersion };
}

/** LinkedIn's error body: `{ status, serviceErrorCode, code, message }`. */
export interface LinkedInErrorBody {
  status?: number;
  serviceErrorCode?: number;
  code?: string;
  message?: string;
}

/** Fallback wait after a 429 that names no delay (LinkedIn's short "infrastructure protection" throttling). */
export const DEFAULT_THROTTLE_WAIT_MS = 60_000;

/** Milliseconds until the next midnight UTC, when LinkedIn's daily quotas reset. */
export function msUntilUtcMidnight(now: number): number {
  const next = new Date(now);
  next.setUTCHours(24, 0, 0, 0);
  return next.getTime() - now;
}

/**
 * How long to wait after a 429: Retry-After when LinkedIn sends it (seconds or a date); a daily
 * quota ("... DAY limit for calls to this resource is reached") until midnight UTC; otherwise a minute.
 */
export function retryAfterMsFrom(headers: Headers, body: unknown, now: number): number {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const message = errorBody(body)?.message ?? '';
  if (/\bDAY\b|daily/i.test(message)) return msUntilUtcMidnight(now);
  return DEFAULT_THROTTLE_WAIT_MS;
}

export function errorBody(body: unknown): LinkedInErrorBody | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  return body as LinkedInErrorBody;
}

/** Service error codes LinkedIn gives on 401 for a token that is past its life (refresh, then retry). */
const EXPIRED_SERVICE_CODES = new Set([65601]);
/** ... and for one the member revoked or LinkedIn invalidated (reconnect). */
const REVOKED_SERVICE_CODES = new Set([65602]);

/** The error "Content is a duplicate of urn:li:share:123" LinkedIn answers for a repeated post: the original's URN. */
export function duplicateOf(body: unknown): string | undefined | null {
  const error = errorBody(body);
  const text = `${error?.code ?? ''} ${error?.message ?? ''}`;
  if (!/duplicate/i.test(text)) return null;
  return /(urn:li:(?:share|ugcPost):\d+)/.exec(text)?.[1];
}

/** Turns a non-2xx LinkedIn answer into the NetworkError the engine acts on. */
export function errorFromResponse(status: number, body: unknown, headers: Headers, now: number, mutating: boolean): NetworkError {
  const error = errorBody(body);
  const reason = error?.message ?? (typeof body === 'string' && body.length < 300 ? body : `HTTP ${status}`);
  const details = { status, body };
  const service = error?.serviceErrorCode;
  if (status === 429) {
    return new NetworkError('rate_limited', 'rate_limited', `LinkedIn throttled the request: ${reason}`, {
      ...details,
      retryAfterMs: retryAfterMsFrom(headers, body, now),
    });
  }
  if (status === 401) {
    if (
      (service !== undefined && EXPIRED_SERVICE_CODES.has(service)) ||
      error?.code === 'EXPIRED_ACCESS_TOKEN' ||
      /expired/i.test(reason)
    ) {
      return new NetworkError('auth', 'token_expired', `LinkedIn: the access token has expired (${reason})`, details);
    }
    if (
      (service !== undefined && REVOKED_SERVICE_CODES.has(service)) ||
      error?.code === 'REVOKED_ACCESS_TOKEN' ||
      /revoked/i.test(reason)
    ) {
      return new NetworkError('auth', 'invalid_token', `LinkedIn: the access token was revoked (${reason})`, details);
    }
    return new NetworkError('auth', 'invalid_token', `LinkedIn refused the access token (${reason})`, details);
  }
  if (status === 403) {
    // "Not enough permissions to access: ..." — a scope the token lacks, or a page the member no
    // longer administers: signing in again (with the scopes) is what fixes it.
    if (/permission|scope|not authori[sz]ed|ACCESS_DENIED/i.test(`${error?.code ?? ''} ${reason}`)) {
      return new NetworkError('auth', 'forbidden_token', `LinkedIn: ${reason}`, details);
    }
    return new NetworkError('permanent', 'forbidden', `LinkedIn: ${reason}`, details);
  }
  const duplicate = duplicateOf(body);
  if (duplicate !== null && (status === 422 || status === 409 || status === 400)) {
    return new NetworkError('permanent', 'duplicate_post', `LinkedIn: ${reason}`, details);
  }
  // A gateway timeout on a write: LinkedIn may have carried it out behind the gateway.
  if (status === 504 && mutating) return new NetworkError('ambiguous', 'http_504', `LinkedIn: ${reason}`, details);
  if (status >= 500 || status === 408) return new NetworkError('transient', `http_${status}`, `LinkedIn: ${reason}`, details);
  if (status === 404) return new NetworkError('permanent', 'not_found', `LinkedIn: ${reason}`, details);
  if (status === 422) return new NetworkError('permanent', 'unprocessable', `LinkedIn: ${reason}`, details);
  if (status === 400) return new NetworkError('permanent', 'invalid_content', `LinkedIn: ${reason}`, details);
  return new NetworkError('permanent', `http_${status}`, `LinkedIn: ${reason}`, details);
}

// Connection errors that prove the request never reached LinkedIn: even a POST is safe to retry.

/** A request to LinkedIn that failed without an answer (see networks/request-failure.ts). */
export function errorFromFailure(error: unknown, mutating: boolean, timedOut: boolean): NetworkError {
  return requestFailure(error, { network: 'LinkedIn', mutating, timedOut });
}

export interface LinkedInRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The official URL (https://api.linkedin.com/rest/...), query already Rest.li-encoded. */
  url: string;
  json?: unknown;
  /** Raw bytes (uploads). */
  bytes?: Uint8Array;
  headers?: Record<string, string>;
  /** Versioned REST call (adds LinkedIn-Version and the Rest.li protocol header); default true. */
  versioned?: boolean;
  /** Send the bearer token (uploads to pre-signed URLs do not need it); default true. */
  auth?: boolean;
}

export interface LinkedInResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

export interface LinkedInClientOptions {
  fetch: typeof fetch;
  now: () => number;
  requestTimeoutMs: number;
}

/** The access token of the channel, or an auth error (reconnect) when it has none. */
export function channelToken(ctx: ChannelContext): string {
  const token = ctx.credentials.accessToken;
  if (typeof token !== 'string' || token.trim() === '')
    throw new NetworkError('auth', 'missing_token', 'The LinkedIn channel has no access token');
  return token.trim();
}

/** A request function bound to one channel's token, origin, signal and deadline. */
export function createLinkedInClient(ctx: ChannelContext, options: LinkedInClientOptions) {
  const token = channelToken(ctx);
  return async function request<T>(req: LinkedInRequest): Promise<LinkedInResponse<T>> {
    const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
    if (req.auth !== false) headers.Authorization = `Bearer ${token}`;
    if (req.versioned !== false) Object.assign(headers, versionHeaders());
    let body: string | ArrayBuffer | undefined;
    if (req.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.bytes) {
      headers['Content-Type'] = 'application/octet-stream';
      // A plain ArrayBuffer copy: fetch does not take views over shared memory.
      const copy = new Uint8Array(req.bytes.byteLength);
      copy.set(req.bytes);
      body = copy.buffer;
    }
    const mutating = req.method !== 'GET';
    if (ctx.signal?.aborted) throw new NetworkError('transient', 'aborted', 'Request aborted before it was sent');
    if (ctx.deadline !== undefined && (ctx.now ?? Date.now)() >= ctx.deadline) {
      throw new NetworkError('transient', 'deadline_passed', 'The engine’s deadline passed before the request was sent; nothing was sent');
    }
    const timeout = AbortSignal.timeout(options.requestTimeoutMs);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
    let response: Response;
    let parsed: unknown;
    try {
      response = await options.fetch(networkUrl(req.url, ctx.origin), { method: req.method, headers, body, signal });
      const text = await response.text();
      parsed = text === '' ? null : safeJson(text);
    } catch (error) {
      throw errorFromFailure(error, mutating, timeout.aborted || signal.aborted);
    }
    if (response.status >= 200 && response.status < 300) return { status: response.status, body: parsed as T, headers: response.headers };
    throw errorFromResponse(response.status, parsed, response.headers, options.now(), mutating);
  };
}

export type LinkedInRequestFn = ReturnType<typeof createLinkedInClient>;

/** Who a channel posts and comments as. */
export interface LinkedInAuthor {
  urn: string;
  kind: 'person' | 'organization';
}

/** The channel's author URN (settings.authorUrn), as listAccounts stored it. */
export function channelAuthor(ctx: ChannelContext): LinkedInAuthor {
  const urn = ctx.settings.authorUrn;
  const match = typeof urn === 'string' ? /^urn:li:(person|organization):[A-Za-z0-9_-]+$/.exec(urn.trim()) : null;
  if (!match)
    throw new NetworkError(
      'permanent',
      'invalid_settings',
      'The LinkedIn channel needs settings.authorUrn (urn:li:person:… or urn:li:organization:…)',
    );
  return { urn: (urn as string).trim(), kind: match[1] as LinkedInAuthor['kind'] };
}

/**
 * Reading a member's own posts and their comments needs r_member_social, which LinkedIn grants
 * only to approved partners: for a profile without it, LinkedIn answers 403.
 */
export const memberUnreadable = (kind: LinkedInAuthor['kind'], error: unknown): boolean =>
  kind === 'person' && error instanceof NetworkError && error.details.status === 403;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A URN as one path segment or Rest.li value: percent-encoded (`urn%3Ali%3Ashare%3A1`). */
export const encodeUrn = (urn: string): string => encodeURIComponent(urn);

/** A Rest.li 2.0 query string: values encoded, `List(...)` structures kept as they are. */
export function restliQuery(params: Array<[string, string | { list: string[] }]>): string {
  return params
    .map(
      ([key, value]) =>
        `${encodeURIComponent(key)}=${typeof value === 'string' ? encodeURIComponent(value) : `List(${value.list.map(encodeURIComponent).join(',')})`}`,
    )
    .join('&');
}
