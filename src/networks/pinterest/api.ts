/**
 * Pinterest API v5 as the adapter speaks it: bearer token, every URL through `networkUrl`, one
 * timeout per request bound to the engine's signal and deadline, and every failure turned into a
 * classified NetworkError. Pinterest's error body is `{ code, message }`.
 */
import { guardedFetch } from '../../lib/safe-fetch.ts';
import { networkUrl } from '../endpoints.ts';
import { assertMaySend, requestFailure } from '../request-failure.ts';
import { NetworkError, type ChannelContext } from '../types.ts';

/** Pinterest's hosts, pinned in this one place (API v5). */
export const PINTEREST_API = {
  base: 'https://api.pinterest.com/v5',
  authorize: 'https://www.pinterest.com/oauth/',
  token: 'https://api.pinterest.com/v5/oauth/token',
  pinUrl: (id: string) => `https://www.pinterest.com/pin/${id}/`,
} as const;

/** Wait after a 429 that names no delay: Pinterest's per-minute windows. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

export interface PinterestClientOptions {
  fetch?: typeof fetch;
  now: () => number;
  requestTimeoutMs: number;
}

export interface PinterestRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path under /v5 (`/pins`), or a full official URL. */
  path: string;
  query?: Array<[string, string]>;
  json?: unknown;
}

/** How long to wait after a 429: Retry-After (seconds or a date), else X-RateLimit-Reset (seconds to go), else a minute. */
export function retryAfterMsFrom(headers: Headers, now: number): number {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = headers.get('x-ratelimit-reset');
  if (reset && /^\d+$/.test(reset)) {
    const value = Number(reset);
    // Epoch seconds or seconds to go: a value past 10^9 can only be an instant.
    return value > 1e9 ? Math.max(0, value * 1000 - now) : value * 1000;
  }
  return DEFAULT_RATE_LIMIT_WAIT_MS;
}

function messageOf(body: unknown, status: number): string {
  if (typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string')
    return (body as { message: string }).message;
  return `HTTP ${status}`;
}

/** A non-2xx Pinterest answer as the NetworkError the engine acts on. */
export function errorFromResponse(status: number, body: unknown, headers: Headers, now: number): NetworkError {
  const reason = messageOf(body, status);
  const details = { status, body };
  if (status === 429)
    return new NetworkError('rate_limited', 'rate_limited', `Pinterest rate limit: ${reason}`, {
      ...details,
      retryAfterMs: retryAfterMsFrom(headers, now),
    });
  if (status === 401) return new NetworkError('auth', /expired/i.test(reason) ? 'token_expired' : 'invalid_token', reason, details);
  if (status === 403) {
    // A token without the scope (pins:write…) needs a new sign-in; anything else is this request refused.
    if (/scope|consumer|authori[sz]/i.test(reason)) return new NetworkError('auth', 'forbidden_token', reason, details);
    return new NetworkError('permanent', 'forbidden', reason, details);
  }
  if (status === 404) return new NetworkError('permanent', /board/i.test(reason) ? 'board_not_found' : 'not_found', reason, details);
  if (status >= 500 || status === 408) return new NetworkError('transient', `http_${status}`, reason, details);
  if (status === 400) return new NetworkError('permanent', 'invalid_request', reason, details);
  return new NetworkError('permanent', `http_${status}`, reason, details);
}

/** The channel's access token, or an auth error. */
export function channelToken(ctx: ChannelContext): string {
  const token = ctx.credentials.accessToken;
  if (typeof token !== 'string' || token.trim() === '')
    throw new NetworkError('auth', 'missing_token', 'The Pinterest channel has no access token');
  return token.trim();
}

function parse(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A request function bound to one channel's token. */
export function createPinterestClient(ctx: ChannelContext, options: PinterestClientOptions) {
  const token = channelToken(ctx);
  const fetcher = options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true);
  return async function request<T>(req: PinterestRequest): Promise<{ status: number; body: T; headers: Headers }> {
    const official = req.path.startsWith('https://') ? req.path : `${PINTEREST_API.base}${req.path}`;
    const url = new URL(networkUrl(official, ctx.origin));
    for (const [key, value] of req.query ?? []) url.searchParams.append(key, value);
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (req.json !== undefined) headers['Content-Type'] = 'application/json';
    assertMaySend(ctx);
    const timeout = AbortSignal.timeout(options.requestTimeoutMs);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
    let response: Response;
    let parsed: unknown;
    try {
      response = await fetcher(url, {
        method: req.method,
        headers,
        body: req.json !== undefined ? JSON.stringify(req.json) : undefined,
        signal,
      });
      parsed = parse(await response.text());
    } catch (error) {
      throw requestFailure(error, { network: 'Pinterest', mutating: req.method !== 'GET', timedOut: timeout.aborted });
    }
    if (response.ok) return { status: response.status, body: parsed as T, headers: response.headers };
    throw errorFromResponse(response.status, parsed, response.headers, options.now());
  };
}

export type PinterestRequestFn = ReturnType<typeof createPinterestClient>;
