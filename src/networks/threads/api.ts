/**
 * The Threads Graph API as Plaza calls it: the pinned version, URLs through `networkUrl` (so a
 * local contract server can stand in), bearer auth, a per-request timeout bound to the engine's
 * signal and deadline, and every failure turned into a classified NetworkError.
 *
 * Facts from the Threads API documentation (developers.facebook.com/docs/threads):
 * - hosts: graph.threads.net (API and token endpoints), threads.net (authorize page);
 * - errors are Graph errors: `{ error: { message, type, code, error_subcode, fbtrace_id } }`;
 *   190 = access token invalid (subcode 463 = expired), 4/17/32/613 = throttled, 10 and 200–299 =
 *   permission missing, 1/2 = temporary, 506 = duplicate post.
 */
import { requestFailure } from '../request-failure.ts';
import { networkUrl } from '../endpoints.ts';
import { NetworkError } from '../types.ts';

/** The one place the Threads API version is pinned. */
export const THREADS_API_VERSION = 'v1.0';
export const THREADS_GRAPH_HOST = 'https://graph.threads.net';
export const THREADS_AUTHORIZE_URL = 'https://threads.net/oauth/authorize';
export const THREADS_TOKEN_URL = `${THREADS_GRAPH_HOST}/oauth/access_token`;

/** Graph error codes that mean "throttled": app, user, page-level and custom rate limits. */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80001, 80002]);
/** Graph error codes that mean the caller lacks a permission (scope) or the object is off limits. */
const PERMISSION_CODES = (code: number) => code === 10 || (code >= 200 && code <= 299);
/** Fallback wait after a throttle answer that names no reset time. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

// Connection errors that prove the request never reached the server, so even a POST is safe to retry.

export interface GraphErrorBody {
  error: { message?: string; type?: string; code?: number; error_subcode?: number; is_transient?: boolean; error_user_msg?: string };
}

function graphError(body: unknown): GraphErrorBody['error'] | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  return typeof error === 'object' && error !== null ? (error as GraphErrorBody['error']) : undefined;
}

/**
 * How long to wait after a throttle: Retry-After (seconds or HTTP date) when sent, else the
 * `estimated_time_to_regain_access` (minutes) Meta puts in X-Business-Use-Case-Usage / X-App-Usage.
 */
export function retryAfterMsFrom(headers: Headers, now: number): number {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  let minutes = 0;
  for (const name of ['x-business-use-case-usage', 'x-app-usage']) {
    const raw = headers.get(name);
    if (!raw) continue;
    try {
      const parsed = JSON.parse(raw) as unknown;
      const visit = (value: unknown): void => {
        if (Array.isArray(value)) value.forEach(visit);
        else if (typeof value === 'object' && value !== null) {
          for (const [key, inner] of Object.entries(value)) {
            if (key === 'estimated_time_to_regain_access' && typeof inner === 'number') minutes = Math.max(minutes, inner);
            else visit(inner);
          }
        }
      };
      visit(parsed);
    } catch {
      // A header that is not JSON says nothing about the wait.
    }
  }
  return minutes > 0 ? minutes * 60_000 : DEFAULT_RATE_LIMIT_WAIT_MS;
}

/** Turns a non-2xx Threads answer into the NetworkError the engine acts on. */
export function errorFromResponse(status: number, body: unknown, headers: Headers, now: number): NetworkError {
  const error = graphError(body);
  const code = typeof error?.code === 'number' ? error.code : undefined;
  const subcode = typeof error?.error_subcode === 'number' ? error.error_subcode : undefined;
  const reason = error?.message ?? `HTTP ${status}`;
  const details = { status, body };
  if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) {
    return new NetworkError('rate_limited', 'rate_limited', `Threads rate limit: ${reason}`, {
      ...details,
      retryAfterMs: retryAfterMsFrom(headers, now),
    });
  }
  if (code === 190 || code === 102 || status === 401) {
    const expired = subcode === 463 || /expired/i.test(reason);
    return new NetworkError('auth', expired ? 'token_expired' : 'invalid_token', reason, details);
  }
  if (/LINK_LIMIT_EXCEEDED/.test(reason)) return new NetworkError('permanent', 'too_many_links', reason, details);
  if (code === 506) return new NetworkError('permanent', 'duplicate', reason, details);
  if (code !== undefined && PERMISSION_CODES(code)) return new NetworkError('permanent', 'permission_denied', reason, details);
  if (status >= 500 || status === 408 || code === 1 || code === 2 || error?.is_transient === true) {
    return new NetworkError('transient', `http_${status}`, reason, details);
  }
  if (status === 404 || (code === 100 && subcode === 33)) return new NetworkError('permanent', 'not_found', reason, details);
  if (status === 403) return new NetworkError('permanent', 'forbidden', reason, details);
  return new NetworkError('permanent', code !== undefined ? `threads_${code}` : `http_${status}`, reason, details);
}

/** A request to Threads that failed without an answer (see networks/request-failure.ts). */
export function errorFromFailure(error: unknown, mutating: boolean, timedOut: boolean): NetworkError {
  return requestFailure(error, { network: 'Threads', mutating, timedOut });
}

/** Where and how one call goes: the channel's (or sign-in's) network context. */
export interface ThreadsCallContext {
  origin?: string;
  signal?: AbortSignal;
  deadline?: number;
  now?: () => number;
}

export interface ThreadsRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** An official URL (token endpoints) or a path under the pinned version ('/me/threads'). */
  path: string;
  query?: Record<string, string | undefined>;
  form?: Record<string, string | undefined>;
  /** Sent as `Authorization: Bearer`; absent for calls that carry the token in the query by design. */
  token?: string;
}

export interface ThreadsResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ThreadsClientOptions {
  fetch: typeof fetch;
  now: () => number;
  requestTimeoutMs: number;
}

/** The official URL of `path` (under the pinned version unless already absolute), sent to `origin` when set. */
export function threadsUrl(path: string, origin?: string): string {
  const official = /^https?:\/\//.test(path) ? path : `${THREADS_GRAPH_HOST}/${THREADS_API_VERSION}${path}`;
  return networkUrl(official, origin);
}

export type ThreadsRequestFn = <T>(req: ThreadsRequest) => Promise<ThreadsResponse<T>>;

/** A request function bound to one call context. */
export function createThreadsClient(ctx: ThreadsCallContext, options: ThreadsClientOptions): ThreadsRequestFn {
  return async function request<T>(req: ThreadsRequest): Promise<ThreadsResponse<T>> {
    const url = new URL(threadsUrl(req.path, ctx.origin));
    for (const [key, value] of Object.entries(req.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (req.token) headers.Authorization = `Bearer ${req.token}`;
    let body: string | undefined;
    if (req.form) {
      const form = new URLSearchParams();
      for (const [key, value] of Object.entries(req.form)) if (value !== undefined) form.set(key, value);
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = form.toString();
    }
    if (ctx.signal?.aborted) throw new NetworkError('transient', 'aborted', 'Request aborted before it was sent');
    if (ctx.deadline !== undefined && (ctx.now ?? Date.now)() >= ctx.deadline) {
      throw new NetworkError('transient', 'deadline_passed', 'The engine’s deadline passed before the request was sent; nothing was sent');
    }
    const timeout = AbortSignal.timeout(options.requestTimeoutMs);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
    const mutating = req.method !== 'GET';
    let response: Response;
    let parsed: unknown;
    try {
      response = await options.fetch(url, { method: req.method, headers, body, signal });
      const text = await response.text();
      parsed = text === '' ? null : safeJson(text);
    } catch (error) {
      throw errorFromFailure(error, mutating, timeout.aborted || signal.aborted);
    }
    if (response.status >= 200 && response.status < 300) return { status: response.status, body: parsed as T, headers: response.headers };
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
