/**
 * What a user is told when a channel's network cannot be reached or answers wrongly.
 *
 * Transport failures (refused, reset, timed out, DNS) are reported with one generic code and
 * message: no host, port or errno, so connecting a channel is not a port scanner. The
 * original error goes only to the server log. Answers the network gave over HTTP
 * (credentials refused, 404, rate limit) keep their code and message.
 */
import type { Logger } from 'pino';
import type { ChannelHealth } from '../../networks/types.ts';

export type HealthError = NonNullable<ChannelHealth['error']>;

/** Refused before connecting: loopback, private or link-local target without PLAZA_ALLOW_PRIVATE_URLS. */
export const PRIVATE_ADDRESS: HealthError = {
  code: 'private_address',
  message: 'This address is not allowed: Plaza does not connect to private, loopback or link-local addresses',
  kind: 'permanent',
};

/** The server answered, but not with what the network documents (e.g. `ok` for an account). */
export const UNEXPECTED_RESPONSE: HealthError = {
  code: 'unexpected_response',
  message: 'The server did not answer like this network does; check the address',
  kind: 'permanent',
};

/** Any transport failure: nothing about the address, port or system error. */
export const UNREACHABLE: HealthError = {
  code: 'unreachable',
  message: 'Could not reach the server; check the address and try again',
  kind: 'transient',
};

/** True for failures that carry no answer from the network (so their message must not be shown). */
function isTransportFailure(error: HealthError): boolean {
  if (error.kind === 'auth' || error.kind === 'rate_limited' || error.kind === 'permanent') return false;
  return !/^http_\d+$/.test(error.code);
}

/** The error as users may see it; logs the original when it is replaced. */
export function publicHealthError(error: HealthError, log?: Pick<Logger, 'warn'>, context: Record<string, unknown> = {}): HealthError {
  let shown: HealthError;
  if (error.code === 'private_address') shown = PRIVATE_ADDRESS;
  else if (error.code === 'unexpected_response' || error.code === 'invalid_response') shown = UNEXPECTED_RESPONSE;
  else if (error.kind === undefined || isTransportFailure(error)) shown = UNREACHABLE;
  else return error;
  log?.warn({ ...context, code: error.code, kind: error.kind, reason: error.message }, 'channel check failed');
  return shown;
}
