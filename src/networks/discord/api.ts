/**
 * Discord's HTTP API (v10) as the adapter speaks it: a webhook (its URL is the credential) or a
 * bot token, every URL through `networkUrl`, one timeout per request bound to the engine's signal
 * and deadline, Discord's rate-limit headers read (X-RateLimit-*, Retry-After, the bucket), and
 * every failure turned into a classified NetworkError.
 */
import { guardedFetch } from '../../lib/safe-fetch.ts';
import { networkUrl } from '../endpoints.ts';
import { assertMaySend, requestFailure } from '../request-failure.ts';
import { NetworkError, type ChannelContext } from '../types.ts';

export const DISCORD_API = 'https://discord.com/api/v10';

/** Discord's JSON error codes the adapter tells apart. */
export const DISCORD_CODES = {
  unknownChannel: 10003,
  unknownMessage: 10008,
  unknownWebhook: 10015,
  invalidWebhookToken: 50027,
  missingAccess: 50001,
  missingPermissions: 50013,
} as const;

/** Wait after a 429 that says nothing (Discord always says; this is a fallback). */
const DEFAULT_RATE_LIMIT_WAIT_MS = 5_000;

/** A Discord webhook URL (`https://discord.com/api/webhooks/{id}/{token}`, discordapp.com, ptb./canary.) read into its parts. */
export function parseWebhookUrl(raw: unknown): { id: string; token: string } | null {
  if (typeof raw !== 'string') return null;
  const match =
    /^https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api(?:\/v\d+)?\/webhooks\/(\d{15,25})\/([A-Za-z0-9_-]{20,200})\/?$/.exec(
      raw.trim(),
    );
  return match ? { id: match[1], token: match[2] } : null;
}

function errorBody(body: unknown): { code?: number; message?: string; retry_after?: number; global?: boolean } {
  return typeof body === 'object' && body !== null ? (body as { code?: number; message?: string }) : {};
}

/** How long to wait after a 429: the body's `retry_after`, else Retry-After, else X-RateLimit-Reset-After (all seconds). */
export function retryAfterMsFrom(headers: Headers, body: unknown): number {
  const inBody = errorBody(body).retry_after;
  if (typeof inBody === 'number' && Number.isFinite(inBody)) return Math.ceil(inBody * 1000);
  for (const name of ['retry-after', 'x-ratelimit-reset-after']) {
    const value = Number(headers.get(name) ?? Number.NaN);
    if (Number.isFinite(value)) return Math.ceil(value * 1000);
  }
  return DEFAULT_RATE_LIMIT_WAIT_MS;
}

/** A non-2xx Discord answer as the NetworkError the engine acts on. */
export function errorFromResponse(status: number, body: unknown, headers: Headers, webhook: boolean): NetworkError {
  const error = errorBody(body);
  const reason = error.message ?? `HTTP ${status}`;
  const details = { status, body };
  if (status === 429) {
    const scope = headers.get('x-ratelimit-scope') ?? (error.global ? 'global' : 'bucket');
    return new NetworkError('rate_limited', 'rate_limited', `Discord rate limit (${scope}): ${reason}`, {
      ...details,
      retryAfterMs: retryAfterMsFrom(headers, body),
    });
  }
  // A webhook someone deleted (404 Unknown Webhook) or whose token changed (401 Invalid Webhook Token): a new URL is needed.
  if (webhook && (error.code === DISCORD_CODES.unknownWebhook || error.code === DISCORD_CODES.invalidWebhookToken || status === 401))
    return new NetworkError('auth', 'webhook_revoked', 'The Discord webhook was deleted or its URL changed', details);
  if (status === 401) return new NetworkError('auth', 'invalid_token', reason, details);
  if (status === 403) {
    if (error.code === DISCORD_CODES.missingAccess || error.code === DISCORD_CODES.missingPermissions)
      return new NetworkError('permanent', 'missing_permissions', reason, details);
    return new NetworkError('permanent', 'forbidden', reason, details);
  }
  if (status === 404) {
    if (error.code === DISCORD_CODES.unknownChannel) return new NetworkError('permanent', 'channel_not_found', reason, details);
    return new NetworkError('permanent', 'not_found', reason, details);
  }
  if (status >= 500 || status === 408) return new NetworkError('transient', `http_${status}`, reason, details);
  if (status === 400) return new NetworkError('permanent', 'invalid_request', reason, details);
  return new NetworkError('permanent', `http_${status}`, reason, details);
}

/**
 * Buckets Discord said are used up (`X-RateLimit-Remaining: 0`), per channel and route, until their
 * reset: the next call waits without being sent. Soft state of this process; Discord's 429 stays the authority.
 */
const exhaustedBuckets = new Map<string, number>();

export interface DiscordRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path under /api/v10. */
  path: string;
  /** The route's shape for the bucket (`POST /channels/:id/messages`). */
  route: string;
  query?: Array<[string, string]>;
  json?: unknown;
  form?: FormData;
}

export interface DiscordClientOptions {
  fetch?: typeof fetch;
  now: () => number;
  requestTimeoutMs: number;
}

/** A request function for one channel: `auth` is `Bot <token>` for a bot, absent for a webhook (its token is in the path). */
export function createDiscordClient(ctx: ChannelContext, options: DiscordClientOptions, auth: string | undefined) {
  const fetcher = options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true);
  return async function request<T>(req: DiscordRequest): Promise<{ status: number; body: T; headers: Headers }> {
    const url = new URL(networkUrl(`${DISCORD_API}${req.path}`, ctx.origin));
    for (const [key, value] of req.query ?? []) url.searchParams.append(key, value);
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'DiscordBot (https://github.com/plaza, 1)' };
    if (auth) headers.Authorization = auth;
    let body: string | FormData | undefined;
    if (req.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.form) body = req.form;
    assertMaySend(ctx);
    const key = `${ctx.channelId}|${req.route}`;
    const resetAt = exhaustedBuckets.get(key);
    if (resetAt !== undefined) {
      const waitMs = resetAt - options.now();
      if (waitMs > 0)
        throw new NetworkError('rate_limited', 'rate_limited', 'Discord said this bucket is used up; nothing was sent', {
          retryAfterMs: waitMs,
        });
      exhaustedBuckets.delete(key);
    }
    const timeout = AbortSignal.timeout(options.requestTimeoutMs);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
    let response: Response;
    let parsed: unknown;
    try {
      response = await fetcher(url, { method: req.method, headers, body, signal });
      const text = await response.text();
      try {
        parsed = text === '' ? null : JSON.parse(text);
      } catch {
        parsed = text;
      }
    } catch (error) {
      throw requestFailure(error, { network: 'Discord', mutating: req.method !== 'GET', timedOut: timeout.aborted });
    }
    const remaining = response.headers.get('x-ratelimit-remaining');
    const resetAfter = Number(response.headers.get('x-ratelimit-reset-after') ?? Number.NaN);
    if (remaining === '0' && Number.isFinite(resetAfter)) exhaustedBuckets.set(key, options.now() + resetAfter * 1000);
    else if (remaining !== null) exhaustedBuckets.delete(key);
    if (response.ok) return { status: response.status, body: parsed as T, headers: response.headers };
    throw errorFromResponse(response.status, parsed, response.headers, auth === undefined);
  };
}

export type DiscordRequestFn = ReturnType<typeof createDiscordClient>;
