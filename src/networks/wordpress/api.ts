/**
 * The WordPress REST API as the adapter speaks it: the site's own address (settings.siteUrl),
 * Basic auth with the user's application password, routes through `?rest_route=` (it works on
 * every site, with or without pretty permalinks), one timeout per request bound to the engine's
 * signal and deadline, and every failure turned into a NetworkError.
 */
import { networkUrl } from '../endpoints.ts';
import { requestFailure } from '../request-failure.ts';
import { NetworkError, type ChannelContext } from '../types.ts';

/** WordPress's error body: `{ code, message, data: { status } }`. */
interface WordPressErrorBody {
  code?: string;
  message?: string;
  data?: { status?: number; term_id?: number } | null;
}

/** Fallback wait after a 429 without Retry-After (WordPress core never throttles; hosts and security plugins do). */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/** Codes with which a site (or a plugin such as "Disable REST API") refuses the REST API itself. */
const REST_DISABLED_CODES = new Set(['rest_disabled', 'rest_cannot_access', 'rest_api_disabled', 'rest_forbidden_api']);

export interface WordPressSite {
  /** The site's address without a trailing slash: https://blog.example.com or https://example.com/blog. */
  siteUrl: string;
  username: string;
  applicationPassword: string;
}

/** Reads { siteUrl, username } and { applicationPassword } from the channel, failing clearly when missing. */
export function channelSite(ctx: ChannelContext): WordPressSite {
  const raw = ctx.settings.siteUrl;
  const username = ctx.settings.username;
  const applicationPassword = ctx.credentials.applicationPassword;
  let siteUrl: URL | null = null;
  try {
    siteUrl = typeof raw === 'string' ? new URL(raw.trim()) : null;
  } catch {
    siteUrl = null;
  }
  if (!siteUrl || !/^https?:$/.test(siteUrl.protocol) || siteUrl.search || siteUrl.hash) {
    throw new NetworkError('permanent', 'invalid_settings', 'The WordPress channel needs the site address (https://your-blog.example)');
  }
  if (typeof username !== 'string' || username.trim() === '')
    throw new NetworkError('permanent', 'invalid_settings', 'The WordPress channel needs the user name');
  if (typeof applicationPassword !== 'string' || applicationPassword.trim() === '')
    throw new NetworkError('auth', 'missing_credentials', 'The WordPress channel has no application password');
  return {
    siteUrl: `${siteUrl.origin}${siteUrl.pathname.replace(/\/+$/, '')}`,
    username: username.trim(),
    applicationPassword: applicationPassword.trim(),
  };
}

/** The URL of a REST route on the site: `<site>/?rest_route=/wp/v2/posts&…`. */
export function routeUrl(siteUrl: string, route: string, query: Array<[string, string]> = []): string {
  const params = new URLSearchParams([['rest_route', route], ...query]);
  return `${siteUrl}/?${params.toString()}`;
}

function errorBody(body: unknown): WordPressErrorBody | undefined {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as WordPressErrorBody) : undefined;
}

/** How long to wait after a 429: Retry-After (seconds or an HTTP date), else a minute. */
export function retryAfterMsFrom(headers: Headers, now: number): number {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  return DEFAULT_RATE_LIMIT_WAIT_MS;
}

/** Turns a non-2xx WordPress answer into the NetworkError the engine acts on. */
export function errorFromResponse(status: number, body: unknown, headers: Headers, now: number, mutating: boolean): NetworkError {
  const error = errorBody(body);
  const code = error?.code ?? '';
  const reason = `WordPress: ${error?.message ?? `HTTP ${status}`}${code ? ` (${code})` : ''}`;
  // Only WordPress's code (and the existing term's id for term_exists) is kept: never the whole body.
  const details = { status, body: code ? { code, ...(error?.data?.term_id ? { termId: error.data.term_id } : {}) } : undefined };
  if (status === 429) {
    return new NetworkError('rate_limited', 'rate_limited', reason, { ...details, retryAfterMs: retryAfterMsFrom(headers, now) });
  }
  if (REST_DISABLED_CODES.has(code)) return new NetworkError('permanent', 'wordpress_rest_disabled', reason, details);
  if (code === 'application_passwords_disabled' || code === 'application_passwords_disabled_for_user') {
    return new NetworkError('auth', 'wordpress_app_passwords_off', reason, details);
  }
  if (status === 401) return new NetworkError('auth', 'wordpress_login_refused', reason, details);
  if (status === 403) return new NetworkError('permanent', 'forbidden', reason, details);
  if (status === 504 && mutating) return new NetworkError('ambiguous', 'http_504', reason, details);
  if (status >= 500 || status === 408) return new NetworkError('transient', `http_${status}`, reason, details);
  if (status === 404 && code === 'rest_no_route') return new NetworkError('permanent', 'wordpress_rest_disabled', reason, details);
  if (status === 404 || status === 410) return new NetworkError('permanent', 'not_found', reason, details);
  if (status === 400) return new NetworkError('permanent', 'invalid_content', reason, details);
  return new NetworkError('permanent', `http_${status}`, reason, details);
}

export interface WordPressRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** A REST route: /wp/v2/posts. */
  route: string;
  query?: Array<[string, string]>;
  json?: unknown;
  /** Raw bytes (media uploads) with their headers. */
  bytes?: Uint8Array;
  headers?: Record<string, string>;
}

export interface WordPressResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

export interface WordPressClientOptions {
  fetch: typeof fetch;
  now: () => number;
  requestTimeoutMs: number;
}

/** A request function bound to one channel's site and application password. */
export function createWordPressClient(ctx: ChannelContext, options: WordPressClientOptions) {
  const site = channelSite(ctx);
  // WordPress shows application passwords in groups of four with spaces; it accepts them either way.
  const authorization = `Basic ${Buffer.from(`${site.username}:${site.applicationPassword}`).toString('base64')}`;

  async function request<T>(req: WordPressRequest): Promise<WordPressResponse<T>> {
    const url = networkUrl(routeUrl(site.siteUrl, req.route, req.query), ctx.origin);
    const headers: Record<string, string> = { Authorization: authorization, Accept: 'application/json', ...req.headers };
    let body: string | Blob | undefined;
    if (req.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.bytes) {
      const copy = new Uint8Array(req.bytes.byteLength);
      copy.set(req.bytes);
      body = new Blob([copy]);
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
      response = await options.fetch(url, { method: req.method, headers, body, signal, redirect: 'manual' });
      const text = await response.text();
      parsed = parseJson(text);
    } catch (error) {
      throw requestFailure(error, { network: 'the WordPress site', mutating, timedOut: timeout.aborted || signal.aborted });
    }
    if (response.status >= 200 && response.status < 300) {
      if (parsed === undefined)
        throw new NetworkError(
          'permanent',
          'unexpected_response',
          `The WordPress site answered ${req.route} with something other than JSON`,
        );
      return { status: response.status, body: parsed as T, headers: response.headers };
    }
    if (response.status >= 300 && response.status < 400) {
      // A REST call redirected (http → https, or to a login page): not the REST API as documented.
      throw new NetworkError(
        'permanent',
        'wordpress_rest_disabled',
        `The WordPress site redirected ${req.route} (HTTP ${response.status})`,
        {
          status: response.status,
        },
      );
    }
    throw errorFromResponse(response.status, parsed, response.headers, options.now(), mutating);
  }

  return { site, request };
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export type WordPressClient = ReturnType<typeof createWordPressClient>;
