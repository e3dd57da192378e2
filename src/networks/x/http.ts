/**
 * A small fetch-based X API v2 client: bearer (OAuth 2.0 user) token, every URL through
 * `networkUrl`, a per-request timeout bound to the engine's signal and deadline, and every
 * failure turned into a classified NetworkError (X's rate-limit headers read for 429).
 */
import { requestFailure } from '../request-failure.ts';
import { networkUrl } from '../endpoints.ts';
import { NetworkError, type ChannelContext } from '../types.ts';

/** The API host, and the one place its version is pinned. */
export const X_API_ORIGIN = 'https://api.x.com';
export const X_API_VERSION = '2';
/** Official URL of an API v2 path: xApiUrl('/tweets') → https://api.x.com/2/tweets. */
export function xApiUrl(path: string): string {
  return `${X_API_ORIGIN}/${X_API_VERSION}${path}`;
}

export interface XClientOptions {
  fetch: typeof fetch;
  now: () => number;
  requestTimeoutMs: number;
}

export interface XRequest {
  method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  /** Path under /2, e.g. '/tweets'. */
  path: string;
  query?: Array<[string, string]>;
  json?: unknown;
  form?: FormData;
}

export interface XResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** Wait after a 429 that says nothing: X's windows are 15 minutes. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 15 * 60_000;
/** X's own words for a post it already has from this account. */
const DUPLICATE = /duplicate/i;
/** 403 texts that mean the account or token cannot act at all (reconnect), not "this post is refused". */
const FORBIDDEN_AUTH = /suspend|locked|scope|token|oauth|unsupported authentication|not permitted to use this app/i;

/** The channel's bearer token, or an auth error when it has none. */
export function channelToken(ctx: ChannelContext): string {
  const token = ctx.credentials.accessToken;
  if (typeof token !== 'string' || token.trim() === '')
    throw new NetworkError('auth', 'missing_token', 'The X channel has no access token');
  return token.trim();
}

/**
 * How long to wait after a 429. X sends `x-rate-limit-reset` (epoch seconds of the window's
 * end) and, for the 24-hour posting cap, `x-user-limit-24hour-reset`; Retry-After otherwise.
 */
export function retryAfterMsFrom(headers: Headers, now: number): number {
  const candidates: number[] = [];
  const daily = headers.get('x-user-limit-24hour-remaining');
  const dailyReset = headers.get('x-user-limit-24hour-reset');
  if (daily === '0' && dailyReset && /^\d+$/.test(dailyReset)) candidates.push(Number(dailyReset) * 1000 - now);
  const reset = headers.get('x-rate-limit-reset');
  if (reset && /^\d+$/.test(reset)) candidates.push(Number(reset) * 1000 - now);
  if (candidates.length > 0) return Math.max(0, ...candidates);
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  return DEFAULT_RATE_LIMIT_WAIT_MS;
}

/** X's explanation in an error body: problem `detail`/`title`, the `Error` `message`, or the first of `errors`. */
export function errorText(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' && body.length < 300 ? body : undefined;
  const b = body as Record<string, unknown>;
  for (const key of ['detail', 'message', 'error_description', 'title', 'error']) {
    if (typeof b[key] === 'string' && b[key]) return b[key] as string;
  }
  if (Array.isArray(b.errors) && b.errors.length > 0) return errorText(b.errors[0]);
  return undefined;
}

/** True when X refused a post because this account already posted the same text. */
export function isDuplicateError(error: unknown): boolean {
  return error instanceof NetworkError && error.code === 'duplicate_content';
}

/** Turns a non-2xx X answer into the NetworkError the engine acts on. */
export function errorFromResponse(status: number, body: unknown, headers: Headers, now: number, ctx?: ChannelContext): NetworkError {
  const reason = errorText(body) ?? `HTTP ${status}`;
  const details = { status, body };
  if (status === 429) {
    return new NetworkError('rate_limited', 'rate_limited', `X rate limit: ${reason}`, {
      ...details,
      retryAfterMs: retryAfterMsFrom(headers, now),
    });
  }
  if (status === 401) {
    // X answers a bare "Unauthorized" for an expired and for a revoked token alike. Access tokens
    // live two hours: with a refresh token at hand, or when the token's expiry has passed, it is
    // an expiry the framework can repair by refreshing (and a refused refresh means reconnect).
    const expiresAt = typeof ctx?.credentials.expiresAt === 'string' ? Date.parse(ctx.credentials.expiresAt) : Number.NaN;
    const expired =
      /expired/i.test(reason) || (!Number.isNaN(expiresAt) && expiresAt <= now) || typeof ctx?.credentials.refreshToken === 'string';
    return new NetworkError('auth', expired ? 'token_expired' : 'invalid_token', reason, details);
  }
  if (status === 403) {
    if (DUPLICATE.test(reason)) return new NetworkError('permanent', 'duplicate_content', reason, details);
    if (FORBIDDEN_AUTH.test(reason)) return new NetworkError('auth', 'forbidden_token', reason, details);
    return new NetworkError('permanent', 'forbidden', reason, details);
  }
  if (status >= 500 || status === 408) return new NetworkError('transient', `http_${status}`, reason, details);
  if (status === 404) return new NetworkError('permanent', 'not_found', reason, details);
  if (status === 400) return new NetworkError('permanent', 'invalid_request', reason, details);
  return new NetworkError('permanent', `http_${status}`, reason, details);
}

/** A request to X that failed without an answer (see networks/request-failure.ts). */
export function errorFromFailure(error: unknown, mutating: boolean, timedOut: boolean): NetworkError {
  return requestFailure(error, { network: 'X', mutating, timedOut });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Windows X said are used up (`x-rate-limit-remaining: 0`), per channel and endpoint, until their
 * `x-rate-limit-reset`: the next call waits without being sent (X would answer 429). Soft state of
 * this process only; X's own 429 remains the authority.
 */
const exhaustedWindows = new Map<string, number>();

function windowKey(ctx: ChannelContext, req: XRequest): string {
  return `${ctx.channelId}|${req.method} ${req.path.replace(/\/\d+(?=\/|$)/g, '/:id')}`;
}

function rememberWindow(key: string, headers: Headers): void {
  const remaining = headers.get('x-rate-limit-remaining');
  const reset = headers.get('x-rate-limit-reset');
  if (remaining === '0' && reset && /^\d+$/.test(reset)) exhaustedWindows.set(key, Number(reset) * 1000);
  else if (remaining !== null) exhaustedWindows.delete(key);
}

/** A request function bound to one channel's token. */
export function createXClient(ctx: ChannelContext, options: XClientOptions) {
  const token = channelToken(ctx);
  return async function request<T>(req: XRequest): Promise<XResponse<T>> {
    const url = new URL(networkUrl(xApiUrl(req.path), ctx.origin));
    for (const [key, value] of req.query ?? []) url.searchParams.append(key, value);
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    let body: string | FormData | undefined;
    if (req.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.form) {
      body = req.form;
    }
    if (ctx.signal?.aborted) throw new NetworkError('transient', 'aborted', 'Request aborted before it was sent');
    if (ctx.deadline !== undefined && (ctx.now ?? Date.now)() >= ctx.deadline) {
      throw new NetworkError('transient', 'deadline_passed', 'The engine’s deadline passed before the request was sent; nothing was sent');
    }
    const key = windowKey(ctx, req);
    const resetAt = exhaustedWindows.get(key);
    if (resetAt !== undefined) {
      const waitMs = resetAt - options.now();
      if (waitMs > 0) {
        throw new NetworkError('rate_limited', 'rate_limited', 'X said this endpoint’s window is used up; nothing was sent', {
          retryAfterMs: waitMs,
        });
      }
      exhaustedWindows.delete(key);
    }
    const timeout = AbortSignal.timeout(options.requestTimeoutMs);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
    let response: Response;
    let parsed: unknown;
    try {
      response = await options.fetch(url, { method: req.method, headers, body, signal });
      const text = await response.text();
      parsed = text === '' ? null : safeJson(text);
    } catch (error) {
      throw errorFromFailure(error, req.method !== 'GET', timeout.aborted || signal.aborted);
    }
    rememberWindow(key, response.headers);
    if (response.status >= 200 && response.status < 300) return { status: response.status, body: parsed as T, headers: response.headers };
    throw errorFromResponse(response.status, parsed, response.headers, options.now(), ctx);
  };
}

export type XRequestFn = ReturnType<typeof createXClient>;
