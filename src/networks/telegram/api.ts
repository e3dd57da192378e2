/**
 * The Telegram Bot API as the adapter speaks it: https://api.telegram.org/bot<token>/<method>,
 * JSON or multipart bodies, answers `{ ok, result }` or `{ ok: false, error_code, description,
 * parameters: { retry_after } }`, every URL through `networkUrl` (local servers), and every
 * failure turned into a NetworkError. A 429 whose `retry_after` is short is waited out and
 * sent again once (a 429 means nothing was done); longer ones go back to the engine.
 */
import { networkUrl } from '../endpoints.ts';
import { requestFailure } from '../request-failure.ts';
import { NetworkError, type ChannelContext } from '../types.ts';

export const TELEGRAM_API = 'https://api.telegram.org';

interface TelegramAnswer {
  ok?: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export interface TelegramChannel {
  token: string;
  /** @channelusername or the numeric id (-100…). */
  chatId: string;
}

/** Reads { botToken } and { chatId } from the channel, failing clearly when missing. */
export function channelChat(ctx: ChannelContext): TelegramChannel {
  const token = ctx.credentials.botToken;
  const chatId = ctx.settings.chatId;
  if (typeof token !== 'string' || !/^\d+:[A-Za-z0-9_-]+$/.test(token.trim()))
    throw new NetworkError('auth', 'missing_token', 'The Telegram channel has no bot token (123456:ABC… from @BotFather)');
  const chat = typeof chatId === 'string' || typeof chatId === 'number' ? String(chatId).trim() : '';
  if (!/^(@[A-Za-z][A-Za-z0-9_]{3,}|-?\d+)$/.test(chat))
    throw new NetworkError(
      'permanent',
      'invalid_settings',
      'The Telegram channel needs the channel as @username or its numeric id (-100…)',
    );
  return { token: token.trim(), chatId: chat };
}

/** What "Bad Request: …" descriptions mean for Plaza. */
function badRequestCode(description: string): string {
  if (/chat not found/i.test(description)) return 'telegram_chat_not_found';
  if (/not enough rights|need administrator rights|CHAT_ADMIN_REQUIRED/i.test(description)) return 'telegram_bot_not_admin';
  if (/message to (delete|edit|react|be replied) not found|MESSAGE_ID_INVALID/i.test(description)) return 'not_found';
  // setWebhook: "bad webhook: An HTTPS URL must be provided for webhook", "…: Failed to resolve host", ports other than 443, 80, 88, 8443.
  if (/bad webhook|secret token/i.test(description)) return 'telegram_webhook_refused';
  if (/caption is too long|message is too long|MEDIA_CAPTION_TOO_LONG|MESSAGE_TOO_LONG/i.test(description)) return 'invalid_content';
  return 'invalid_content';
}

/** Turns a refused call into the NetworkError the engine acts on. */
export function errorFromAnswer(status: number, answer: TelegramAnswer | undefined, headers: Headers, mutating: boolean): NetworkError {
  const code = answer?.error_code ?? status;
  const description = answer?.description ?? `HTTP ${status}`;
  const reason = `Telegram: ${description}`;
  const details = { status, body: { error_code: code, description } };
  if (code === 429 || status === 429) {
    const header = Number(headers.get('retry-after'));
    const seconds = answer?.parameters?.retry_after ?? (Number.isFinite(header) && header > 0 ? header : 30);
    return new NetworkError('rate_limited', 'rate_limited', reason, { ...details, retryAfterMs: seconds * 1000 });
  }
  if (code === 401 || status === 401) return new NetworkError('auth', 'invalid_token', reason, details);
  if (code === 403 || status === 403) {
    // "bot is not a member of the channel chat", "bot was kicked from the channel chat"
    return new NetworkError('permanent', 'telegram_bot_not_admin', reason, details);
  }
  if (code === 404 || status === 404) return new NetworkError('auth', 'invalid_token', reason, details); // unknown token: 404 Not Found
  if (status === 504 && mutating) return new NetworkError('ambiguous', 'http_504', reason, details);
  if (status >= 500 || code >= 500) return new NetworkError('transient', `http_${status >= 500 ? status : code}`, reason, details);
  if (code === 400) return new NetworkError('permanent', badRequestCode(description), reason, details);
  return new NetworkError('permanent', `http_${status}`, reason, details);
}

export interface TelegramClientOptions {
  fetch: typeof fetch;
  requestTimeoutMs: number;
  /** Longest `retry_after` waited out inside one call (then the call is sent again once). */
  maxInlineWaitMs: number;
  sleep: (ms: number) => Promise<void>;
}

/** Calls one Bot API method with JSON (or multipart when `form` is given). */
export function createTelegramClient(ctx: ChannelContext, options: TelegramClientOptions) {
  const channel = channelChat(ctx);

  async function once<T>(method: string, params: Record<string, unknown> | FormData, mutating: boolean): Promise<T> {
    if (ctx.signal?.aborted) throw new NetworkError('transient', 'aborted', 'Request aborted before it was sent');
    if (ctx.deadline !== undefined && (ctx.now ?? Date.now)() >= ctx.deadline)
      throw new NetworkError('transient', 'deadline_passed', 'The engine’s deadline passed before the request was sent; nothing was sent');
    const url = networkUrl(`${TELEGRAM_API}/bot${channel.token}/${method}`, ctx.origin);
    const timeout = AbortSignal.timeout(options.requestTimeoutMs);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
    const form = params instanceof FormData;
    let response: Response;
    let answer: TelegramAnswer | undefined;
    try {
      response = await options.fetch(url, {
        method: 'POST',
        headers: form ? {} : { 'Content-Type': 'application/json' },
        body: form ? params : JSON.stringify(params),
        signal,
      });
      const text = await response.text();
      try {
        answer = text ? (JSON.parse(text) as TelegramAnswer) : undefined;
      } catch {
        answer = undefined;
      }
    } catch (error) {
      throw requestFailure(error, { network: 'Telegram', mutating, timedOut: timeout.aborted || signal.aborted });
    }
    if (response.ok && answer?.ok === true) return answer.result as T;
    if (response.ok) throw new NetworkError('permanent', 'unexpected_response', `Telegram answered ${method} without ok: true`);
    throw errorFromAnswer(response.status, typeof answer === 'object' && answer !== null ? answer : undefined, response.headers, mutating);
  }

  /** One method call; a short flood wait (429 retry_after) is waited out and the call sent once more. */
  async function call<T>(method: string, params: Record<string, unknown> | FormData, mutating = true): Promise<T> {
    try {
      return await once<T>(method, params, mutating);
    } catch (error) {
      const wait = error instanceof NetworkError && error.kind === 'rate_limited' ? (error.details.retryAfterMs ?? Infinity) : Infinity;
      if (wait > options.maxInlineWaitMs) throw error;
      await options.sleep(wait);
      return once<T>(method, params, mutating);
    }
  }

  return { channel, call };
}

export type TelegramClient = ReturnType<typeof createTelegramClient>;
