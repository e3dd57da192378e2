/**
 * How adapters classify a request that failed without an answer (no HTTP status to go by).
 * One rule for every network, since the engine's exactly-once guarantee rests on it:
 * - a target refused by the safe fetcher (private address): permanent, nothing was sent;
 * - a connection that never opened (refused, unknown host): transient, nothing was sent;
 * - a read that failed: transient;
 * - a write that may have arrived (timeout, reset): ambiguous, so the engine reconciles before retrying.
 */
import { isUnsafeUrlError } from '../lib/safe-fetch.ts';
import { NetworkError, type ChannelContext } from './types.ts';

/** Connection errors that mean the request never left Plaza. */
export const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** The system error code (ECONNRESET, UND_ERR_SOCKET…) of a failed fetch, looking through its causes. */
export function systemErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The NetworkError for a request to `network` (its name as users read it: "X", "the Mastodon
 * instance") that failed without an answer. Messages say nothing of addresses, ports or system errors.
 */
export function requestFailure(error: unknown, request: { network: string; mutating: boolean; timedOut: boolean }): NetworkError {
  const { network, mutating, timedOut } = request;
  if (isUnsafeUrlError(error)) return new NetworkError('permanent', 'private_address', `The ${network} address is not allowed`);
  const code = systemErrorCode(error);
  if (code && NOT_SENT_CODES.has(code)) return new NetworkError('transient', code.toLowerCase(), `Could not reach ${network}`);
  const aborted = timedOut || (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'));
  const message = aborted ? `${network} did not answer in time` : `The connection to ${network} failed`;
  const short = aborted ? 'timeout' : (code?.toLowerCase() ?? 'network_error');
  if (!mutating) return new NetworkError('transient', short, message);
  return new NetworkError('ambiguous', short, `${network} may or may not have carried out the request: ${message}`);
}

/**
 * Refuses to send once the engine has cancelled the call or its deadline has passed (measured on
 * the engine's clock): nothing is sent, so the engine may simply try again.
 */
export function assertMaySend(ctx: ChannelContext): void {
  if (ctx.signal?.aborted) throw new NetworkError('transient', 'aborted', 'Request aborted before it was sent');
  if (ctx.deadline !== undefined && (ctx.now ?? Date.now)() >= ctx.deadline)
    throw new NetworkError('transient', 'deadline_passed', 'The engine’s deadline passed before the request was sent; nothing was sent');
}
