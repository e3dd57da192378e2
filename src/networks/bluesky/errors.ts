/**
 * Turns whatever @atproto/api or fetch throws into a classified NetworkError.
 *
 * Reads and writes differ on one point: when the outcome of a request is unknown
 * (timeout, connection dropped after sending, abort), a write is 'ambiguous'
 * (it may have taken effect) while a read is simply 'transient'.
 */
import { isUnsafeUrlError } from '../../lib/safe-fetch.ts';
import { isXrpcError } from './atproto.ts';
import { NetworkError } from '../types.ts';

export type RequestKind = 'read' | 'write';

/** Connection errors that happen before any byte of the request reached the server. */
const BEFORE_SEND_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** XRPC error names that mean the credentials or session are no good. */
const AUTH_ERROR_NAMES = new Set([
  'AuthenticationRequired',
  'AuthMissing',
  'InvalidToken',
  'ExpiredToken',
  'AccountTakedown',
  'AccountDeactivated',
  'AuthFactorTokenRequired',
]);

const DEFAULT_RETRY_AFTER_MS = 60_000;

/** Walks an error's `cause` chain looking for a Node/undici error code or an abort. */
function findCause(error: unknown): { code?: string; aborted: boolean } {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth += 1) {
    if (current instanceof Error || (typeof current === 'object' && current !== null)) {
      const candidate = current as { name?: string; code?: unknown; cause?: unknown };
      if (candidate.name === 'AbortError' || candidate.name === 'TimeoutError') return { aborted: true };
      if (typeof candidate.code === 'string') return { code: candidate.code, aborted: false };
      current = candidate.cause;
    } else {
      break;
    }
  }
  return { aborted: false };
}

/** Milliseconds until the rate limit resets, from `ratelimit-reset` (epoch seconds) or `retry-after`. */
export function retryAfterFromHeaders(headers: Record<string, string | undefined> | undefined, nowMs: number): number {
  const reset = headers?.['ratelimit-reset'];
  if (reset !== undefined && /^\d+$/.test(reset)) {
    return Math.max(0, Number(reset) * 1000 - nowMs);
  }
  const retryAfter = headers?.['retry-after'];
  if (retryAfter !== undefined) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  return DEFAULT_RETRY_AFTER_MS;
}

/** Classifies a failed Bluesky call. `signal` tells an engine abort apart from other failures. */
export function classifyBlueskyError(
  error: unknown,
  requestKind: RequestKind,
  options: { signal?: AbortSignal; nowMs?: number } = {},
): NetworkError {
  if (error instanceof NetworkError) return error;
  // Refused before connecting (private address without PLAZA_ALLOW_PRIVATE_URLS): nothing was sent.
  if (isUnsafeUrlError(error)) return new NetworkError('permanent', 'private_address', 'The Bluesky service address is not allowed');
  const unknownOutcomeKind = requestKind === 'write' ? 'ambiguous' : 'transient';
  const message = error instanceof Error ? error.message : String(error);

  if (options.signal?.aborted) {
    return new NetworkError(unknownOutcomeKind, 'aborted', `Request aborted: ${message}`);
  }

  if (isXrpcError(error) && error.status >= 100) {
    const status = error.status as number;
    const body = { error: error.error, message };
    if (status === 429) {
      const retryAfterMs = retryAfterFromHeaders(error.headers, options.nowMs ?? Date.now());
      return new NetworkError('rate_limited', 'rate_limited', `Bluesky rate limit reached: ${message}`, {
        status,
        retryAfterMs,
        body,
      });
    }
    if (status === 401 || AUTH_ERROR_NAMES.has(error.error)) {
      const code =
        error.error === 'ExpiredToken'
          ? 'expired_token'
          : error.error === 'InvalidToken'
            ? 'invalid_token'
            : error.error === 'AccountTakedown'
              ? 'account_takedown'
              : error.error === 'AccountDeactivated'
                ? 'account_deactivated'
                : 'invalid_credentials';
      return new NetworkError('auth', code, `Bluesky rejected the credentials: ${message}`, { status, body });
    }
    if (status === 504 && requestKind === 'write') {
      return new NetworkError('ambiguous', 'http_504', `Bluesky timed out upstream: ${message}`, { status, body });
    }
    if (status >= 500) {
      return new NetworkError('transient', `http_${status}`, `Bluesky server error: ${message}`, { status, body });
    }
    if (status === 408) {
      return new NetworkError(unknownOutcomeKind, 'http_408', `Bluesky request timed out: ${message}`, { status, body });
    }
    return new NetworkError('permanent', `http_${status}`, `Bluesky refused the request: ${error.error}: ${message}`, {
      status,
      body,
    });
  }

  // No HTTP status: a transport failure (or a response that did not parse).
  const cause = findCause(error);
  // Transport failures: messages are shown to users, so nothing about the address, port or system error.
  if (cause.aborted) {
    return new NetworkError(unknownOutcomeKind, 'timeout', 'Request timed out or was aborted');
  }
  if (cause.code && BEFORE_SEND_CODES.has(cause.code)) {
    return new NetworkError('transient', cause.code.toLowerCase(), 'Could not reach the Bluesky service');
  }
  if (isXrpcError(error) && error.status === 2) {
    // The server answered 2xx but the body did not match the lexicon.
    return new NetworkError(unknownOutcomeKind, 'invalid_response', `Unexpected response from Bluesky: ${message}`);
  }
  const code = cause.code ? cause.code.toLowerCase() : 'network_error';
  return new NetworkError(unknownOutcomeKind, code, 'The connection to the Bluesky service failed');
}
