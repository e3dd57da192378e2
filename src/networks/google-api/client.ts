/**
 * Google's JSON APIs as YouTube and Google Business Profile speak them: bearer auth, one timeout
 * per request bound to the engine's signal and deadline, every URL through `networkUrl` (local
 * contract servers), and every failure turned into a NetworkError from Google's error body
 * `{ error: { code, message, status, errors: [{ reason, domain }] } }`.
 */
import { DateTime } from 'luxon';
import { networkUrl } from '../endpoints.ts';
import { requestFailure } from '../request-failure.ts';
import { NetworkError, type ChannelContext } from '../types.ts';

/** Google's error answer (the `error` object of the JSON body). */
export interface GoogleErrorBody {
  code?: number;
  message?: string;
  status?: string;
  errors?: Array<{ reason?: string; domain?: string; message?: string }>;
}

export function googleError(body: unknown): GoogleErrorBody | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error === 'object' && error !== null) return error as GoogleErrorBody;
  return undefined;
}

/** The first `reason` of a Google error body ('quotaExceeded', 'forbidden', 'uploadLimitExceeded'…). */
export function googleReason(body: unknown): string | undefined {
  return googleError(body)?.errors?.find((e) => e.reason)?.reason;
}

/**
 * Milliseconds until the next midnight Pacific Time, when Google's daily quotas reset (luxon: the
 * day may last 23 or 25 hours when the clocks change).
 */
export function msUntilPacificMidnight(now: number): number {
  const here = DateTime.fromMillis(now, { zone: 'America/Los_Angeles' });
  return Math.max(1000, here.plus({ days: 1 }).startOf('day').toMillis() - now);
}

/** The Pacific day (YYYY-MM-DD) an instant falls in: the key of a daily quota. */
export function pacificDay(now: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date(now));
}

/** Reasons of a daily quota spent (403): come back after midnight Pacific. */
const DAILY_QUOTA_REASONS = new Set(['quotaExceeded', 'dailyLimitExceeded', 'uploadLimitExceeded']);
/** Reasons of a short-term rate limit (403 or 429): come back in a minute. */
const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'RATE_LIMIT_EXCEEDED']);
/** Reasons that say the token lacks a scope or the account lost access: signing in again fixes it. */
const AUTH_403_REASONS = new Set(['insufficientPermissions', 'forbidden', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT', 'PERMISSION_DENIED']);

export const DEFAULT_RATE_WAIT_MS = 60_000;

function retryAfterMs(headers: Headers, now: number): number | undefined {
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Turns a non-2xx Google answer into the NetworkError the engine acts on. */
export function errorFromGoogle(
  network: string,
  status: number,
  body: unknown,
  headers: Headers,
  now: number,
  mutating: boolean,
): NetworkError {
  const error = googleError(body);
  const reason = googleReason(body) ?? error?.status;
  const text = error?.message ?? (typeof body === 'string' && body.length < 300 ? body : `HTTP ${status}`);
  const details = { status, body };
  if (reason && DAILY_QUOTA_REASONS.has(reason)) {
    return new NetworkError('rate_limited', 'quota_exceeded', `${network}: the daily quota is spent (${text})`, {
      ...details,
      retryAfterMs: msUntilPacificMidnight(now),
    });
  }
  if (status === 429 || (reason && RATE_REASONS.has(reason))) {
    return new NetworkError('rate_limited', 'rate_limited', `${network} throttled the request: ${text}`, {
      ...details,
      retryAfterMs: retryAfterMs(headers, now) ?? DEFAULT_RATE_WAIT_MS,
    });
  }
  if (status === 401) {
    if (/expired/i.test(text)) return new NetworkError('auth', 'token_expired', `${network}: the access token has expired`, details);
    return new NetworkError('auth', 'invalid_token', `${network} refused the access token (${text})`, details);
  }
  if (status === 403) {
    if (reason && AUTH_403_REASONS.has(reason)) return new NetworkError('auth', 'forbidden_token', `${network}: ${text}`, details);
    return new NetworkError('permanent', 'forbidden', `${network}: ${text}`, details);
  }
  if (status === 504 && mutating) return new NetworkError('ambiguous', 'http_504', `${network}: ${text}`, details);
  if (status >= 500 || status === 408) return new NetworkError('transient', `http_${status}`, `${network}: ${text}`, details);
  if (status === 404) return new NetworkError('permanent', 'not_found', `${network}: ${text}`, details);
  if (status === 409) return new NetworkError('permanent', 'conflict', `${network}: ${text}`, details);
  if (status === 400)
    return new NetworkError('permanent', reason ? `invalid_${reason}` : 'invalid_content', `${network}: ${text}`, details);
  return new NetworkError('permanent', `http_${status}`, `${network}: ${text}`, details);
}

export interface GoogleRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The official URL (https://www.googleapis.com/...), query included. */
  url: string;
  json?: unknown;
  bytes?: Uint8Array;
  headers?: Record<string, string>;
  /** Statuses besides 2xx the caller reads itself (308 Resume Incomplete). */
  accept?: number[];
  /** This request's own timeout (an upload chunk takes longer than an API call). */
  timeoutMs?: number;
}

export interface GoogleResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

export interface GoogleClientOptions {
  /** The network's name as users read it ("YouTube", "Google Business Profile"). */
  network: string;
  fetch: typeof fetch;
  now: () => number;
  requestTimeoutMs: number;
}

/** The channel's access token, or an auth error (reconnect) when it has none. */
export function googleToken(ctx: ChannelContext, network: string): string {
  const token = ctx.credentials.accessToken;
  if (typeof token !== 'string' || token.trim() === '')
    throw new NetworkError('auth', 'missing_token', `The ${network} channel has no access token`);
  return token.trim();
}

/** Refuses to send anything once the engine has given up on the call. */
export function assertCanSend(ctx: ChannelContext): void {
  if (ctx.signal?.aborted) throw new NetworkError('transient', 'aborted', 'Request aborted before it was sent');
  if (ctx.deadline !== undefined && (ctx.now ?? Date.now)() >= ctx.deadline) {
    throw new NetworkError('transient', 'deadline_passed', 'The engine’s deadline passed before the request was sent; nothing was sent');
  }
}

/** A request function bound to one channel's token, origin, signal and deadline. */
export function createGoogleClient(ctx: ChannelContext, options: GoogleClientOptions) {
  const token = googleToken(ctx, options.network);
  return async function request<T>(req: GoogleRequest): Promise<GoogleResponse<T>> {
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}`, ...req.headers };
    let body: string | ArrayBuffer | Uint8Array<ArrayBuffer> | undefined;
    if (req.json !== undefined) {
      headers['Content-Type'] = 'application/json; charset=UTF-8';
      body = JSON.stringify(req.json);
    } else if (req.bytes) {
      headers['Content-Type'] ??= 'application/octet-stream';
      // fetch takes no views over shared memory: those are copied; anything else is sent as it is (upload chunks are large).
      if (req.bytes.buffer instanceof ArrayBuffer) body = req.bytes as Uint8Array<ArrayBuffer>;
      else {
        const copy = new Uint8Array(req.bytes.byteLength);
        copy.set(req.bytes);
        body = copy.buffer;
      }
    }
    const mutating = req.method !== 'GET';
    assertCanSend(ctx);
    const timeout = AbortSignal.timeout(req.timeoutMs ?? options.requestTimeoutMs);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
    let response: Response;
    let parsed: unknown;
    try {
      response = await options.fetch(networkUrl(req.url, ctx.origin), { method: req.method, headers, body, signal, redirect: 'manual' });
      const text = await response.text();
      parsed = text === '' ? null : safeJson(text);
    } catch (error) {
      throw requestFailure(error, { network: options.network, mutating, timedOut: timeout.aborted || signal.aborted });
    }
    if ((response.status >= 200 && response.status < 300) || req.accept?.includes(response.status))
      return { status: response.status, body: parsed as T, headers: response.headers };
    throw errorFromGoogle(options.network, response.status, parsed, response.headers, options.now(), mutating);
  };
}

export type GoogleRequestFn = ReturnType<typeof createGoogleClient>;

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
