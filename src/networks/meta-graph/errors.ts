/**
 * Graph API errors and throttling, classified for the publishing engine (see version.ts: this
 * folder is a library shared by the Facebook and Instagram adapters, not a network).
 *
 * A Graph error answers `{ error: { message, type, code, error_subcode, fbtrace_id } }`. What the
 * engine must know:
 * - code 190 (and 102, 463/467 subcodes): the token is unusable → `auth`; subcode 463 or a
 *   message saying it expired → code `token_expired`, so the framework refreshes and retries;
 * - codes 4 (app), 17 (user), 32 (page), 613 (calls per time), 80001–80014 (business use case)
 *   and HTTP 429 → `rate_limited`, waiting what `X-Business-Use-Case-Usage`'s
 *   `estimated_time_to_regain_access` (minutes) says, else Retry-After, else a default;
 * - code 10 with subcode 2018278 / 2534022 (a message outside the 24-hour messaging window) →
 *   `permanent` `messaging_window_closed` (the inbox says so, the draft kept);
 * - code 506 (duplicate post) → `permanent` `duplicate_post` (the adapters reconcile first);
 * - Instagram's publishing limit (subcode 2207042) → `rate_limited` `publishing_limit`;
 * - codes 10 and 200–299 (permissions) → `auth` `missing_permission` (reconnect with the scope);
 * - code 100 subcode 33 (object does not exist), 803 and 404 → `permanent` `not_found`;
 * - codes 1, 2 (unknown / service error) and 5xx → `transient`;
 * - the rest (100 invalid parameter, 368 blocked, 9004 bad media URL…) → `permanent`.
 */
import { NetworkError } from '../types.ts';

/** The Graph error object (inside `{ error }`). */
export interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_user_msg?: string;
  fbtrace_id?: string;
  is_transient?: boolean;
  /** Extra data some errors carry (a resumable upload's expected offsets). */
  error_data?: unknown;
}

/** Wait when Meta throttles without saying how long (its docs: usage drops within an hour). */
export const DEFAULT_THROTTLE_WAIT_MS = 10 * 60_000;

/** Instagram's publishing limit is a rolling 24 hours: look again in an hour. */
export const PUBLISHING_LIMIT_WAIT_MS = 60 * 60_000;

const THROTTLE_CODES = new Set([4, 17, 32, 613]);
const isBusinessThrottle = (code: number) => code >= 80000 && code <= 80014;

/** Reads `{ error: {...} }` from a Graph answer, if it is one. */
export function graphErrorOf(body: unknown): GraphErrorBody | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  return typeof error === 'object' && error !== null ? (error as GraphErrorBody) : undefined;
}

function parseJsonHeader(value: string | null): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/**
 * The longest `estimated_time_to_regain_access` (minutes) in `X-Business-Use-Case-Usage`
 * (`{ "<business id>": [{ type, call_count, total_cputime, total_time, estimated_time_to_regain_access }] }`),
 * in ms; undefined when the header is absent or says 0.
 */
export function businessUseCaseWaitMs(headers: Headers): number | undefined {
  const usage = parseJsonHeader(headers.get('x-business-use-case-usage'));
  if (typeof usage !== 'object' || usage === null) return undefined;
  let minutes = 0;
  for (const entries of Object.values(usage as Record<string, unknown>)) {
    for (const entry of Array.isArray(entries) ? entries : []) {
      const value = Number((entry as { estimated_time_to_regain_access?: unknown }).estimated_time_to_regain_access ?? 0);
      if (Number.isFinite(value)) minutes = Math.max(minutes, value);
    }
  }
  return minutes > 0 ? minutes * 60_000 : undefined;
}

/**
 * The highest percentage in `X-App-Usage` / `X-Page-Usage` / `X-Ad-Account-Usage`
 * (`{ call_count, total_cputime, total_time }`, 0–100), or in each entry of
 * `X-Business-Use-Case-Usage`. 100 means throttled.
 */
export function usagePercent(headers: Headers): number {
  let highest = 0;
  const take = (record: unknown) => {
    if (typeof record !== 'object' || record === null) return;
    for (const key of ['call_count', 'total_cputime', 'total_time', 'acc_id_util_pct']) {
      const value = Number((record as Record<string, unknown>)[key] ?? 0);
      if (Number.isFinite(value)) highest = Math.max(highest, value);
    }
  };
  for (const name of ['x-app-usage', 'x-page-usage', 'x-ad-account-usage']) take(parseJsonHeader(headers.get(name)));
  const business = parseJsonHeader(headers.get('x-business-use-case-usage'));
  if (typeof business === 'object' && business !== null) {
    for (const entries of Object.values(business as Record<string, unknown>))
      for (const entry of Array.isArray(entries) ? entries : []) take(entry);
  }
  return highest;
}

/** How long to wait after throttling: the business use case estimate, else Retry-After, else the default. */
export function throttleWaitMs(headers: Headers, now: number): number {
  const business = businessUseCaseWaitMs(headers);
  if (business !== undefined) return business;
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  return DEFAULT_THROTTLE_WAIT_MS;
}

/** True when a Graph error says the access token expired (the framework refreshes and retries). */
export function isExpiredTokenError(error: GraphErrorBody): boolean {
  return error.error_subcode === 463 || /expired/i.test(error.message ?? '');
}

/** Turns a failed Graph answer into the NetworkError the engine acts on. `network` names it in messages. */
export function graphError(network: string, status: number, body: unknown, headers: Headers, now: number): NetworkError {
  const error = graphErrorOf(body);
  const code = error?.code;
  const reason = error?.message ?? `HTTP ${status}`;
  const details = {
    status,
    body: error
      ? { code, subcode: error.error_subcode, type: error.type, fbtrace_id: error.fbtrace_id, error_data: error.error_data }
      : undefined,
  };
  const message = `${network}: ${reason}`;
  if (status === 429 || (code !== undefined && (THROTTLE_CODES.has(code) || isBusinessThrottle(code)))) {
    return new NetworkError('rate_limited', code !== undefined ? `graph_${code}` : 'rate_limited', message, {
      ...details,
      retryAfterMs: throttleWaitMs(headers, now),
    });
  }
  if (error?.error_subcode === 2207042) {
    return new NetworkError('rate_limited', 'publishing_limit', message, { ...details, retryAfterMs: PUBLISHING_LIMIT_WAIT_MS });
  }
  if (code === 190 || code === 102 || (status === 401 && code === undefined)) {
    if (error && isExpiredTokenError(error)) return new NetworkError('auth', 'token_expired', message, details);
    return new NetworkError('auth', 'invalid_token', message, details);
  }
  if (status === 401) return new NetworkError('auth', 'invalid_token', message, details);
  // Messenger / Instagram messaging outside the 24-hour window (code 10, subcode 2018278; 2534022 on Instagram).
  if (error?.error_subcode === 2018278 || error?.error_subcode === 2534022 || error?.error_subcode === 2018108) {
    return new NetworkError('permanent', 'messaging_window_closed', message, details);
  }
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299)) {
    return new NetworkError('auth', 'missing_permission', message, details);
  }
  if (code === 506) return new NetworkError('permanent', 'duplicate_post', message, details);
  if (((code === 1 || code === 2) && error?.type !== 'OAuthException') || error?.is_transient === true || status >= 500 || status === 408) {
    return new NetworkError('transient', code !== undefined ? `graph_${code}` : `http_${status}`, message, details);
  }
  if (status === 404 || code === 803 || (code === 100 && error?.error_subcode === 33))
    return new NetworkError('permanent', 'not_found', message, details);
  return new NetworkError('permanent', code !== undefined ? `graph_${code}` : `http_${status}`, message, details);
}
