/**
 * Slack's Web API and incoming webhooks as the adapter speaks them. Web API methods answer HTTP 200
 * with `{ ok: false, error }` for most refusals and HTTP 429 with Retry-After when rate limited;
 * webhooks answer `ok` as plain text, or a status with the error as text (`no_service`,
 * `channel_is_archived`, `invalid_payload`…). Every URL goes through `networkUrl`.
 */
import { networkUrl } from '../endpoints.ts';
import { requestFailure } from '../request-failure.ts';
import { NetworkError, type ChannelContext } from '../types.ts';

export const SLACK_API = 'https://slack.com/api';

/** Fallback wait after a 429 without Retry-After. */
const DEFAULT_WAIT_MS = 60_000;

/** Web API errors that mean the token is unusable (reconnect). */
const AUTH_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'no_permission',
  'missing_scope',
]);
/** Webhook answers that mean the webhook no longer works (revoked, app removed, channel gone). */
const WEBHOOK_GONE = new Set([
  'no_service',
  'no_service_id',
  'no_team',
  'team_disabled',
  'invalid_token',
  'channel_not_found',
  'channel_is_archived',
  'action_prohibited',
]);

export type SlackMode = { kind: 'webhook'; webhookUrl: string } | { kind: 'bot'; token: string; channel: string };

/** The channel's way in: an incoming webhook, or a bot token and a channel id. */
export function channelMode(ctx: ChannelContext): SlackMode {
  const webhookUrl = ctx.credentials.webhookUrl;
  const token = ctx.credentials.botToken;
  const channel = ctx.settings.channel;
  if (typeof token === 'string' && token.trim() !== '') {
    if (!/^xox[bp]-/.test(token.trim())) throw new NetworkError('auth', 'invalid_token', 'A Slack bot token starts with xoxb-');
    if (typeof channel !== 'string' || !/^[CGD][A-Z0-9]{6,}$/.test(channel.trim()))
      throw new NetworkError('permanent', 'invalid_settings', 'With a bot token, Plaza needs the channel id (C0123456789)');
    return { kind: 'bot', token: token.trim(), channel: channel.trim() };
  }
  if (typeof webhookUrl === 'string' && webhookUrl.trim() !== '') {
    let url: URL;
    try {
      url = new URL(webhookUrl.trim());
    } catch {
      throw new NetworkError('permanent', 'invalid_settings', 'The Slack webhook address is not a URL');
    }
    if (url.protocol !== 'https:' || url.hostname !== 'hooks.slack.com' || !url.pathname.startsWith('/services/'))
      throw new NetworkError(
        'permanent',
        'invalid_settings',
        'A Slack incoming webhook looks like https://hooks.slack.com/services/T…/B…/…',
      );
    return { kind: 'webhook', webhookUrl: url.toString() };
  }
  throw new NetworkError('auth', 'missing_credentials', 'The Slack channel needs an incoming webhook or a bot token');
}

function retryAfterMs(headers: Headers): number {
  const value = headers.get('retry-after');
  const seconds = value === null ? Number.NaN : Number(value);
  return Number.isFinite(seconds) ? Math.max(0, seconds * 1000) : DEFAULT_WAIT_MS;
}

/** A Web API `error` (or an HTTP failure) as the NetworkError the engine acts on. */
export function errorFrom(status: number, error: string | undefined, headers: Headers, mutating: boolean, webhook: boolean): NetworkError {
  const reason = `Slack: ${error ?? `HTTP ${status}`}`;
  const details = { status, body: error ? { error } : undefined };
  if (status === 429 || error === 'ratelimited' || error === 'rate_limited')
    return new NetworkError('rate_limited', 'rate_limited', reason, { ...details, retryAfterMs: retryAfterMs(headers) });
  if (webhook && error && WEBHOOK_GONE.has(error)) return new NetworkError('auth', 'slack_webhook_revoked', reason, details);
  if (error === 'not_in_channel') return new NetworkError('permanent', 'slack_not_in_channel', reason, details);
  if (error === 'channel_not_found') return new NetworkError('permanent', 'slack_channel_not_found', reason, details);
  if (error === 'is_archived' || error === 'channel_is_archived')
    return new NetworkError('permanent', 'slack_channel_archived', reason, details);
  if ((error && AUTH_ERRORS.has(error)) || status === 401 || status === 403)
    return new NetworkError('auth', 'invalid_token', reason, details);
  if (error === 'message_not_found') return new NetworkError('permanent', 'not_found', reason, details);
  if (status === 504 && mutating) return new NetworkError('ambiguous', 'http_504', reason, details);
  if (status >= 500 || error === 'internal_error' || error === 'fatal_error' || error === 'service_unavailable')
    return new NetworkError('transient', status >= 500 ? `http_${status}` : 'http_503', reason, details);
  if (status === 404) return new NetworkError('permanent', 'not_found', reason, details);
  return new NetworkError('permanent', 'invalid_content', reason, details);
}

export interface SlackClientOptions {
  fetch: typeof fetch;
  requestTimeoutMs: number;
}

export function createSlackClient(ctx: ChannelContext, options: SlackClientOptions) {
  const mode = channelMode(ctx);

  async function send(url: string, init: RequestInit, mutating: boolean): Promise<{ status: number; text: string; headers: Headers }> {
    if (ctx.signal?.aborted) throw new NetworkError('transient', 'aborted', 'Request aborted before it was sent');
    if (ctx.deadline !== undefined && (ctx.now ?? Date.now)() >= ctx.deadline)
      throw new NetworkError('transient', 'deadline_passed', 'The engine’s deadline passed before the request was sent; nothing was sent');
    const timeout = AbortSignal.timeout(options.requestTimeoutMs);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
    try {
      const response = await options.fetch(networkUrl(url, ctx.origin), { ...init, signal, redirect: 'manual' });
      return { status: response.status, text: await response.text(), headers: response.headers };
    } catch (error) {
      throw requestFailure(error, { network: 'Slack', mutating, timedOut: timeout.aborted || signal.aborted });
    }
  }

  /** A Web API method with a bot token: JSON body, or urlencoded `form` (methods that take no JSON), or GET `query`. */
  async function call<T extends Record<string, unknown>>(
    method: string,
    body: { json?: unknown; form?: Record<string, string>; query?: Record<string, string> },
    mutating = true,
  ): Promise<T> {
    if (mode.kind !== 'bot') throw new NetworkError('permanent', 'invalid_settings', 'This needs a Slack bot token');
    const headers: Record<string, string> = { Authorization: `Bearer ${mode.token}` };
    let init: RequestInit = { method: 'GET', headers };
    if (body.json !== undefined)
      init = {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body.json),
      };
    else if (body.form)
      init = {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body.form),
      };
    const query = body.query ? `?${new URLSearchParams(body.query)}` : '';
    const answer = await send(`${SLACK_API}/${method}${query}`, init, mutating);
    let parsed: { ok?: boolean; error?: string } & Record<string, unknown>;
    try {
      parsed = JSON.parse(answer.text);
    } catch {
      if (answer.status >= 200 && answer.status < 300)
        throw new NetworkError('permanent', 'unexpected_response', `Slack answered ${method} with something other than JSON`);
      parsed = {};
    }
    if (answer.status === 200 && parsed.ok === true) return parsed as T;
    throw errorFrom(answer.status, parsed.error, answer.headers, mutating, false);
  }

  /** Posts a payload to the incoming webhook; it answers "ok" and nothing else (no message id). */
  async function postWebhook(payload: unknown): Promise<void> {
    if (mode.kind !== 'webhook') throw new NetworkError('permanent', 'invalid_settings', 'This needs a Slack webhook');
    const answer = await send(
      mode.webhookUrl,
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) },
      true,
    );
    if (answer.status === 200) return;
    throw errorFrom(answer.status, answer.text.trim().slice(0, 100) || undefined, answer.headers, true, true);
  }

  /** Uploads bytes to a URL Slack handed out (files.getUploadURLExternal). */
  async function upload(url: string, bytes: Uint8Array, mimeType: string): Promise<void> {
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    const answer = await send(url, { method: 'POST', headers: { 'Content-Type': mimeType }, body: new Blob([copy]) }, true);
    if (answer.status !== 200) throw errorFrom(answer.status, undefined, answer.headers, true, false);
  }

  return { mode, call, postWebhook, upload };
}

export type SlackClient = ReturnType<typeof createSlackClient>;
