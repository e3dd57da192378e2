/**
 * TikTok's Open API (v2) as the adapter speaks it: bearer token, every URL through `networkUrl`,
 * one timeout per request bound to the engine's signal and deadline, and TikTok's envelope read:
 * every answer is `{ data, error: { code, message, log_id } }`, with `error.code` "ok" on success.
 */
import { guardedFetch } from '../../lib/safe-fetch.ts';
import { networkUrl } from '../endpoints.ts';
import { assertMaySend, requestFailure } from '../request-failure.ts';
import { NetworkError, type ChannelContext } from '../types.ts';

export const TIKTOK_API = {
  base: 'https://open.tiktokapis.com/v2',
  authorize: 'https://www.tiktok.com/v2/auth/authorize/',
  token: 'https://open.tiktokapis.com/v2/oauth/token/',
} as const;

/** TikTok's per-token windows are one minute (creator_info 20/min, video init 6/min). */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/** `error.code`s that mean the token is gone or lacks a scope: reconnect. */
const AUTH_CODES = new Set(['access_token_invalid', 'scope_not_authorized', 'scope_permission_missing']);
/** Codes that say "not now" rather than "never". */
const LATER_CODES = new Set([
  'rate_limit_exceeded',
  'spam_risk_too_many_posts',
  'spam_risk_user_banned_from_posting',
  'reached_active_user_cap',
]);

export interface TikTokEnvelope<T> {
  data?: T;
  error?: { code?: string; message?: string; log_id?: string };
}

export function errorFromAnswer(status: number, body: unknown, headers: Headers): NetworkError {
  const error = (typeof body === 'object' && body !== null ? (body as TikTokEnvelope<unknown>).error : undefined) ?? {};
  const code = error.code ?? `http_${status}`;
  const reason = error.message || code;
  const details = { status, body };
  if (status === 429 || code === 'rate_limit_exceeded') {
    const seconds = Number(headers.get('retry-after') ?? Number.NaN);
    return new NetworkError('rate_limited', 'rate_limited', `TikTok rate limit: ${reason}`, {
      ...details,
      retryAfterMs: Number.isFinite(seconds) ? seconds * 1000 : DEFAULT_RATE_LIMIT_WAIT_MS,
    });
  }
  if (status === 401 || AUTH_CODES.has(code))
    return new NetworkError('auth', code === `http_${status}` ? 'invalid_token' : code, reason, details);
  if (LATER_CODES.has(code)) return new NetworkError('rate_limited', code, reason, { ...details, retryAfterMs: 24 * 60 * 60_000 });
  if (status >= 500) return new NetworkError('transient', `http_${status}`, reason, details);
  // TikTok's own words for a refused post (privacy_level_option_mismatch, unaudited_client_can_only_post_to_private_accounts…).
  return new NetworkError('permanent', /^[a-z_]+$/.test(code) ? code : `http_${status}`, reason, details);
}

export function channelToken(ctx: ChannelContext): string {
  const token = ctx.credentials.accessToken;
  if (typeof token !== 'string' || token.trim() === '')
    throw new NetworkError('auth', 'missing_token', 'The TikTok channel has no access token');
  return token.trim();
}

export interface TikTokClientOptions {
  fetch?: typeof fetch;
  requestTimeoutMs: number;
}

/** A request function bound to one channel's token; answers `data` of TikTok's envelope. */
export function createTikTokClient(ctx: ChannelContext, options: TikTokClientOptions, token = channelToken(ctx)) {
  const fetcher = options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true);
  return async function request<T>(req: {
    method: 'GET' | 'POST';
    path: string;
    query?: Array<[string, string]>;
    json?: unknown;
  }): Promise<T> {
    const url = new URL(networkUrl(`${TIKTOK_API.base}${req.path}`, ctx.origin));
    for (const [key, value] of req.query ?? []) url.searchParams.append(key, value);
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (req.method === 'POST') headers['Content-Type'] = 'application/json; charset=UTF-8';
    assertMaySend(ctx);
    const timeout = AbortSignal.timeout(options.requestTimeoutMs);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
    let response: Response;
    let body: unknown;
    try {
      response = await fetcher(url, {
        method: req.method,
        headers,
        body: req.json !== undefined ? JSON.stringify(req.json) : undefined,
        signal,
      });
      const text = await response.text();
      try {
        body = text ? JSON.parse(quoteBigIds(text)) : null;
      } catch {
        body = text;
      }
    } catch (error) {
      // Reads and TikTok's POST reads (status, query, list, creator info) are safe to repeat.
      const mutating = /\/init\/$/.test(req.path);
      throw requestFailure(error, { network: 'TikTok', mutating, timedOut: timeout.aborted });
    }
    const envelope = body as TikTokEnvelope<T> | null;
    if (response.ok && (!envelope?.error?.code || envelope.error.code === 'ok')) return (envelope?.data ?? {}) as T;
    throw errorFromAnswer(response.status, body, response.headers);
  };
}

/** Post ids are int64 JSON numbers: read them as text before JavaScript rounds them. */
export function quoteBigIds(text: string): string {
  return text.replace(
    /("publicaly_available_post_id"\s*:\s*\[)([^\]]*)\]/g,
    (_m, head: string, ids: string) => `${head}${ids.replace(/-?\d+/g, '"$&"')}]`,
  );
}

export type TikTokRequestFn = ReturnType<typeof createTikTokClient>;
