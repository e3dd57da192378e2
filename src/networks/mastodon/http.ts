/**
 * A small fetch-based Mastodon REST client: bearer auth, per-request timeout
 * bound to the engine's AbortSignal, and every failure turned into a
 * classified NetworkError.
 */
import { NetworkError, type ChannelContext } from '../types.ts';
import { requestFailure } from '../request-failure.ts';

/** Mastodon's Error entity: https://docs.joinmastodon.org/entities/Error/ */
export interface MastodonErrorBody {
  error: string;
  error_description?: string;
}

export interface MastodonClientOptions {
  fetch: typeof fetch;
  /** Milliseconds since epoch; injected so rate-limit maths is testable. */
  now: () => number;
  /** Upper bound for one HTTP request, on top of the engine's signal. */
  requestTimeoutMs: number;
}

export interface MastodonRequest {
  method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  path: string;
  query?: Array<[string, string]>;
  json?: unknown;
  form?: FormData;
  idempotencyKey?: string;
}

export interface MastodonResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** Fallback wait after a 429 that carries neither X-RateLimit-Reset nor Retry-After. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

// Connection errors that prove the request never reached the server, so even a POST is safe to retry.

// 403 bodies that mean the token or login is unusable (reconnect), as opposed to "not allowed on this object".
const AUTH_MESSAGE = /token|scope|login|authori[sz]ed|authenticated user|suspended|disabled|approval|confirmed e-?mail/i;

/** Reads `{ instanceUrl }` and `{ accessToken }` from the channel, failing clearly when missing. */
export function channelEndpoint(ctx: ChannelContext): { baseUrl: string; token: string } {
  const instanceUrl = ctx.settings.instanceUrl;
  const token = ctx.credentials.accessToken;
  if (typeof instanceUrl !== 'string' || !/^https?:\/\/[^/]+/i.test(instanceUrl.trim())) {
    throw new NetworkError('permanent', 'invalid_settings', 'Mastodon channel needs settings.instanceUrl (https://your.instance)');
  }
  if (typeof token !== 'string' || token.trim() === '') {
    throw new NetworkError('auth', 'missing_token', 'Mastodon channel has no access token');
  }
  return { baseUrl: instanceUrl.trim().replace(/\/+$/, ''), token: token.trim() };
}

/** How long to wait after a 429: X-RateLimit-Reset (ISO date, per Mastodon docs), else Retry-After (seconds or HTTP date). */
export function retryAfterMsFrom(headers: Headers, now: number): number {
  const reset = headers.get('x-ratelimit-reset');
  if (reset) {
    const resetAt = Date.parse(reset);
    if (!Number.isNaN(resetAt)) return Math.max(0, resetAt - now);
  }
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  return DEFAULT_RATE_LIMIT_WAIT_MS;
}

function isErrorBody(body: unknown): body is MastodonErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string';
}

/** Turns a non-2xx Mastodon response into the NetworkError the engine acts on. */
export function errorFromResponse(status: number, body: unknown, headers: Headers, now: number): NetworkError {
  const serverMessage = isErrorBody(body) ? body.error : undefined;
  const reason = serverMessage ?? `HTTP ${status}`;
  const details = { status, body };
  if (status === 429) {
    return new NetworkError('rate_limited', 'rate_limited', `Mastodon rate limit: ${reason}`, {
      ...details,
      retryAfterMs: retryAfterMsFrom(headers, now),
    });
  }
  if (status === 401) return new NetworkError('auth', 'invalid_token', reason, details);
  if (status === 403) {
    return AUTH_MESSAGE.test(reason)
      ? new NetworkError('auth', 'forbidden_token', reason, details)
      : new NetworkError('permanent', 'forbidden', reason, details);
  }
  // A token without a user (app-only token) is answered with 422 by verify_credentials.
  if (status === 422 && /requires an authenticated user/i.test(reason)) {
    return new NetworkError('auth', 'no_user_token', reason, details);
  }
  if (status >= 500 || status === 408) return new NetworkError('transient', `http_${status}`, reason, details);
  if (status === 404) return new NetworkError('permanent', 'not_found', reason, details);
  if (status === 422) return new NetworkError('permanent', 'unprocessable', reason, details);
  return new NetworkError('permanent', `http_${status}`, reason, details);
}

/** A request to the Mastodon instance that failed without an answer (see networks/request-failure.ts). */
export function errorFromFailure(error: unknown, mutating: boolean, timedOut: boolean): NetworkError {
  return requestFailure(error, { network: 'the Mastodon instance', mutating, timedOut });
}

/** Creates a request function bound to one channel's instance and token. */
export function createMastodonClient(ctx: ChannelContext, options: MastodonClientOptions) {
  const { baseUrl, token } = channelEndpoint(ctx);

  return async function request<T>(req: MastodonRequest): Promise<MastodonResponse<T>> {
    const url = new URL(baseUrl + req.path);
    for (const [key, value] of req.query ?? []) url.searchParams.append(key, value);

    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    let body: string | FormData | undefined;
    if (req.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.form) {
      body = req.form; // fetch sets the multipart boundary itself
    }
    if (req.idempotencyKey) headers['Idempotency-Key'] = req.idempotencyKey;

    const timeout = AbortSignal.timeout(options.requestTimeoutMs);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
    const mutating = req.method !== 'GET';

    if (ctx.signal?.aborted) {
      // Nothing sent yet: the engine gave up before we started.
      throw new NetworkError('transient', 'aborted', 'Request aborted before it was sent');
    }
    if (ctx.deadline !== undefined && (ctx.now ?? Date.now)() >= ctx.deadline) {
      // The engine's deadline (on its lease clock) has passed: send nothing more, not even
      // the next media upload or thread part, however late our own timers run.
      throw new NetworkError('transient', 'deadline_passed', 'The engine’s deadline passed before the request was sent; nothing was sent');
    }

    let response: Response;
    let parsed: unknown;
    try {
      response = await options.fetch(url, { method: req.method, headers, body, signal });
      const text = await response.text();
      parsed = text === '' ? null : safeJson(text);
    } catch (error) {
      throw errorFromFailure(error, mutating, timeout.aborted || signal.aborted);
    }
    if (response.status >= 200 && response.status < 300) {
      return { status: response.status, body: parsed as T, headers: response.headers };
    }
    throw errorFromResponse(response.status, parsed, response.headers, options.now());
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export type MastodonRequestFn = ReturnType<typeof createMastodonClient>;
